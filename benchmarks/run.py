"""Speed and memory of the build, against a plain docxtpl script and the floor, in one run.

    python benchmarks/run.py [--quick]

Three ways of making the same DOCX content, measured side by side on this machine:

- **kehoach**: ``render_docx`` of the resolved plan (the render path: content written as
  XML, the template's frame filled, the package zipped); and the full ``build`` of the plan
  file (YAML read, every check, resolve, render, atomic write), printed beside it.
- **docxtpl**: what a plain docxtpl script does — a fresh ``DocxTemplate`` of the same
  template, ``render`` with the same context (the body handed over as ready-made XML, so
  docxtpl gets the content for free), ``save`` — the way the issue measured it.
- **floor**: a template approach with nothing else to do — one Jinja render of the
  template's body with the same context, and the package written with :mod:`zipfile`.

Each figure is a median of repeated warm runs, with min and max; each ratio is taken pair by
pair (docxtpl ÷ kehoach, kehoach ÷ floor). Then a 200-plan batch of commune plans
(``kehoach build DIR/`` on all cores, and with ``-j 1``, against a docxtpl script looping in
one process), a cold start (a fresh process each, one plan), tables of 60, 600 and 6,000
rows, the memory of one worker over many plans, ``diff`` of two large plans and the pairing
of 250 and 2,500 reworded tasks against scoring every pair, and ``kehoach serve``'s time
from a changed field to its new preview. The last line sums it up:

    summary: warm_speedup_vs_docxtpl=… floor_ratio=… batch_speedup_vs_docxtpl=…
             cold_ratio_vs_docxtpl=… size_scaling_10x=… pairing_scaling_10x=…
             serve_preview_ms=…
"""

from __future__ import annotations

import argparse
import io
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"
TEMPLATE = ROOT / "templates" / "ke-hoach.docx"


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """Seconds of each of ``runs`` calls, after one warm-up call."""
    action()
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        out.append(time.perf_counter() - started)
    return out


def shown(seconds: list[float]) -> str:
    """Median (min–max) in milliseconds."""
    ms = [s * 1000 for s in seconds]
    return f"{statistics.median(ms):8.2f} ms ({min(ms):.2f}–{max(ms):.2f})"


def geomean(values: list[float]) -> float:
    return math.exp(statistics.fmean(math.log(v) for v in values))


def machine() -> str:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{platform.machine()}, {cores} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


class Plan:
    """One plan resolved, and the three ways of making its DOCX."""

    def __init__(self, path: Path) -> None:
        from markupsafe import Markup

        from generator.pipeline import BuildRequest, load_plan, resolve_for
        from generator.reference import load_reference
        from generator.render import RenderOptions
        from generator.render.docx import content_xml, template_context
        from generator.render.template import prepared

        self.path = path
        self.reference = load_reference()
        self.resolved, _, _ = resolve_for(load_plan(path), BuildRequest(Path(".")),
                                          self.reference)
        self.options = RenderOptions(self.reference.font_metrics)
        self.template = prepared(None)
        content, _ = content_xml(self.resolved, self.template, self.options)
        self.context = {**template_context(self.resolved),
                        **{key: Markup(xml) for key, xml in content.items()}}

    def kehoach(self) -> bytes:
        from generator.render.docx import render_docx

        return render_docx(self.resolved, self.options)

    def build(self, out: Path) -> object:
        from generator.pipeline import BuildRequest, build

        return build(self.path, BuildRequest(out, ("docx",)), self.reference)

    def docxtpl(self) -> bytes:
        """The plain script: docxtpl with Jinja's own sandbox (no render budget)."""
        from docxtpl import DocxTemplate
        from jinja2 import StrictUndefined
        from jinja2.sandbox import SandboxedEnvironment

        document = DocxTemplate(str(TEMPLATE))
        document.render(self.context, jinja_env=SandboxedEnvironment(undefined=StrictUndefined),
                        autoescape=True)
        stream = io.BytesIO()
        document.save(stream)
        return stream.getvalue()

    def floor(self) -> bytes:
        body = self.template.body.render(self.context)
        parts = dict(self.template.parts)
        parts[self.template.document] = (self.template.head + body +
                                         self.template.tail).encode("utf-8")
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        return stream.getvalue()


def examples(runs: int, out: Path) -> tuple[float, float]:
    """Each example three ways; the geometric means of the two ratios."""
    speedups, floors = [], []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        plan = Plan(path)
        ours, theirs, floor = (timed(f, runs) for f in (plan.kehoach, plan.docxtpl, plan.floor))
        full = timed(lambda plan=plan: plan.build(out), runs)
        speedup = statistics.median(theirs) / statistics.median(ours)
        ratio = statistics.median(ours) / statistics.median(floor)
        speedups.append(speedup)
        floors.append(ratio)
        print(f"{path.stem:15} kehoach render {shown(ours)}  docxtpl {shown(theirs)}  "
              f"floor {shown(floor)}  ×{speedup:5.2f} vs docxtpl, {ratio:4.2f}× floor  "
              f"| full build {shown(full)}")
    return geomean(speedups), geomean(floors)


def commune_plans(folder: Path, count: int) -> list[Path]:
    """``count`` commune plans like Ia Ake's, each for its own commune."""
    folder.mkdir(parents=True, exist_ok=True)
    source = (EXAMPLES / "ia-ake-2024.yaml").read_text(encoding="utf-8")
    out = []
    for n in range(count):
        path = folder / f"xa-{n:04d}.yaml"
        path.write_text(source.replace("Ia Ake", f"Ia Số {n}").replace("IA AKE", f"IA SỐ {n}"),
                        encoding="utf-8")
        out.append(path)
    return out


DOCXTPL_SCRIPT = """
import io, pickle, sys
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
contexts = pickle.load(open(sys.argv[1], "rb"))
for context in contexts:
    document = DocxTemplate(sys.argv[2])
    document.render(context, jinja_env=SandboxedEnvironment(undefined=StrictUndefined,
                                                            autoescape=True), autoescape=True)
    document.save(io.BytesIO())
"""


def run(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def batch(count: int, scratch: Path) -> float:
    """``kehoach build DIR/`` (all cores, and -j 1) against a docxtpl loop, both cold."""
    import pickle

    paths = commune_plans(scratch / "xa", count)
    contexts = [Plan(p).context for p in paths[:1]] * count  # same size for each commune
    pickled = scratch / "contexts.pickle"
    pickled.write_bytes(pickle.dumps([{k: str(v) if hasattr(v, "__html__") else v
                                       for k, v in c.items()} for c in contexts]))
    script = scratch / "docxtpl_batch.py"
    script.write_text(DOCXTPL_SCRIPT.replace("for context in contexts:",
                                             "from markupsafe import Markup\n"
                                             "for context in contexts:\n"
                                             "    context = {k: Markup(v) if k in ('can_cu', "
                                             "'noi_dung', 'phu_luc') else v for k, v in "
                                             "context.items()}"), encoding="utf-8")
    kehoach = [sys.executable, "-m", "generator", "build", str(scratch / "xa"), "-o",
               str(scratch / "out")]
    ours = run(kehoach)
    one_core = run([*kehoach, "-j", "1"])
    theirs = run([sys.executable, str(script), str(pickled), str(TEMPLATE)])
    print(f"batch of {count} commune plans: kehoach {ours:6.2f} s (all cores), "
          f"{one_core:6.2f} s (-j 1); docxtpl script {theirs:6.2f} s (one process) "
          f"→ ×{theirs / ours:.2f} (×{theirs / one_core:.2f} on one core)")
    return theirs / ours


def cold(runs: int, scratch: Path) -> float:
    """A fresh process for one plan: ``kehoach build`` (with its checks) against docxtpl."""
    import pickle

    plan = EXAMPLES / "ia-ake-2024.yaml"
    pickled = scratch / "one.pickle"
    context = Plan(plan).context
    pickled.write_bytes(pickle.dumps([{k: str(v) if hasattr(v, "__html__") else v
                                       for k, v in context.items()}]))
    script = scratch / "docxtpl_batch.py"
    ours = [run([sys.executable, "-m", "generator", "build", str(plan), "-o",
                 str(scratch / "cold")]) for _ in range(runs)]
    theirs = [run([sys.executable, str(script), str(pickled), str(TEMPLATE)])
              for _ in range(runs)]
    ratio = statistics.median(ours) / statistics.median(theirs)
    print(f"cold, one plan: kehoach build {shown(ours)}  docxtpl script {shown(theirs)} "
          f"→ {ratio:.2f}× docxtpl's time")
    return ratio


def table_plan(rows: int, folder: Path) -> Path:
    """A plan whose appendix is one free table of ``rows`` rows."""
    lines = "\n".join(f'          - ["Đơn vị số {n}", "{n % 97},{n % 10}%", "Ghi chú {n}"]'
                      for n in range(rows))
    text = (EXAMPLES / "toi-thieu.yaml").read_text(encoding="utf-8") + (
        "phu_luc:\n  - tieu_de: Bảng lớn\n    noi_dung:\n      - bang:\n          danh_so: true\n"
        "          cot: [{rong: 12}, {rong: 80}, {rong: 30}, {rong: 38}]\n"
        "          dau_bang: [[STT, Đơn vị, Tỷ lệ, Ghi chú]]\n          dong:\n" + lines + "\n")
    path = folder / f"bang-{rows}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def sizes(quick: bool, scratch: Path) -> float:
    """Build time of tables of 60, 600 and 6,000 rows; the worst 10× ratio."""
    times = {}
    for rows in (60, 600, 6000):
        plan = Plan(table_plan(rows, scratch))
        times[rows] = statistics.median(timed(lambda plan=plan: plan.build(scratch / "t"),
                                              3 if quick else 7))
        print(f"table of {rows:5} rows: full build {times[rows] * 1000:9.1f} ms")
    worst = max(times[600] / times[60], times[6000] / times[600])
    print(f"10× the rows costs {times[600] / times[60]:.2f}× (60→600) and "
          f"{times[6000] / times[600]:.2f}× (600→6.000) the time")
    return worst


def diff_speed(quick: bool, scratch: Path) -> None:
    """``kehoach diff`` of two 600-row plans (ten rows edited, one inserted), in process:
    the semantic diff, and the redline DOCX on top of it (goal: about a second)."""
    from generator.pipeline import diff_versions, write_redline
    from generator.render.diff import render_diff

    old = table_plan(600, scratch)
    text = old.read_text(encoding="utf-8")
    for n in range(5, 600, 60):
        text = text.replace(f'"Ghi chú {n}"]', f'"Ghi chú {n} (sửa)"]')
    text = text.replace('          - ["Đơn vị số 300"', '          - ["Đơn vị mới", "1,0%", '
                        '"Thêm"]\n          - ["Đơn vị số 300"')
    new = scratch / "bang-600-moi.yaml"
    new.write_text(text, encoding="utf-8")

    def semantic() -> None:
        render_diff(diff_versions(str(old), str(new)).diff, "text", "a", "b")

    def redline() -> None:
        write_redline(diff_versions(str(old), str(new)), scratch / "redline.docx", "kehoach")

    runs = 3 if quick else 7
    print(f"diff of two 600-row plans: semantic {shown(timed(semantic, runs))}, "
          f"with the redline DOCX {shown(timed(redline, runs))}")


def serve_preview(quick: bool, scratch: Path) -> float:
    """``kehoach serve``: a field changed in the editor until its new preview is ready, on
    the server (the round-trip edit, the atomic save, load, every check, resolve and the
    HTML page), with the app warm, as the page posts it (goal: at most 150 ms median)."""
    import shutil

    from starlette.testclient import TestClient

    from generator.web.app import create_app

    folder = scratch / "serve"
    folder.mkdir()
    shutil.copy(EXAMPLES / "bac-kan-2022.yaml", folder / "bac-kan-2022.yaml")
    client = TestClient(create_app(folder, "t", ["127.0.0.1:1"]), base_url="http://127.0.0.1:1")
    client.get("/?token=t")
    version = client.get("/api/xem/bac-kan-2022.yaml").json()["version"]
    names = iter(f"Nguyễn Thị Huệ {n}" for n in range(10_000))

    def change() -> None:
        nonlocal version
        answer = client.post("/api/sua/bac-kan-2022.yaml", json={
            "version": version, "op": "set", "path": ["nguoi_ky", "ho_ten"], "kind": "text",
            "value": next(names)}, headers={"origin": "http://127.0.0.1:1"})
        assert answer.json()["preview"] is not None
        version = answer.json()["version"]

    seconds = timed(change, 10 if quick else 30)
    print(f"serve: a changed field to its new preview (Bắc Kạn), server side "
          f"{shown(seconds)}")
    return statistics.median(seconds) * 1000


def edited_tasks(count: int, seed: int = 18) -> tuple[list[str], list[str]]:
    """``count`` task texts of 12–30 words drawn from the examples' own words (as often as
    they use them), and the same with one word changed in each."""
    import random
    import re

    words = re.findall(r"[^\W\d_]+", " ".join(p.read_text(encoding="utf-8")
                                              for p in sorted(EXAMPLES.glob("*.yaml"))))
    rnd = random.Random(seed)
    olds, news = [], []
    for n in range(count):
        text = [rnd.choice(words) for _ in range(rnd.randint(12, 30))]
        olds.append(" ".join(text) + ". Công chức Văn phòng - Thống kê Quý II/2025")
        text[n % 6] = f"sửa{n}"
        news.append(" ".join(text) + ". Công chức Văn phòng - Thống kê Quý II/2025")
    return olds, news


def every_pair_scored(olds: list[str], news: list[str]) -> dict[int, int]:
    """The baseline: every old text scored against every new one, best pairs first (how
    ``diff`` paired items up to 200 × 200 before)."""
    from generator.diff.likeness import ALIKE
    from generator.diff.words import similarity

    scored = sorted(((similarity(o, n), j, i) for i, o in enumerate(olds)
                     for j, n in enumerate(news)), reverse=True)
    out: dict[int, int] = {}
    for score, j, i in scored:
        if score >= ALIKE and j not in out and i not in out.values():
            out[j] = i
    return out


def pairing_speed(quick: bool) -> float:
    """Pairing 250 and 2,500 tasks each reworded by one word (``diff`` of plans without
    ids), against scoring every pair (measured at 250; at 2,500 it scores 100× the pairs).
    Returns the cost of 10× the tasks."""
    from generator.diff.likeness import pair_alike

    runs = 1 if quick else 3
    times = {}
    for count in (250, 2500):
        olds, news = edited_tasks(count)
        found = pair_alike(olds, news)
        assert found.complete and found.pairs == {j: j for j in range(count)}
        times[count] = statistics.median(timed(lambda o=olds, n=news: pair_alike(o, n), runs))
    olds, news = edited_tasks(250)
    baseline = statistics.median(timed(lambda: every_pair_scored(olds, news), runs))
    assert every_pair_scored(olds, news) == pair_alike(olds, news).pairs
    print(f"pairing 250 edited tasks: {times[250] * 1000:.0f} ms, every pair scored "
          f"{baseline * 1000:.0f} ms (×{baseline / times[250]:.0f}); 2,500: "
          f"{times[2500] * 1000:.0f} ms ({times[2500] / times[250]:.1f}× the time for 10× the "
          f"tasks; every pair scored ≈ {baseline * 100:.0f} s)")
    return times[2500] / times[250]


def pdf_speed(scratch: Path) -> None:
    """PDF through LibreOffice: one plan (a process started for it) against a batch of
    twenty plans converted together (a few processes shared by the batch)."""
    import shutil

    if shutil.which("soffice") is None:
        print("PDF: LibreOffice is not installed, skipped")
        return
    plan = EXAMPLES / "ia-ake-2024.yaml"
    folder = scratch / "pdf-batch"
    folder.mkdir()
    for n in range(20):
        shutil.copy(plan, folder / f"xa-{n:02d}.yaml")
    kehoach = [sys.executable, "-m", "generator", "build", "--pdf", "-o"]
    single = run([*kehoach, str(scratch / "pdf-one"), str(plan)])
    batch = run([*kehoach, str(scratch / "pdf-many"), str(folder)])
    print(f"PDF: one plan {single:.2f} s (build and LibreOffice start included); 20 plans "
          f"{batch:.2f} s, {batch / 20:.2f} s a document")


def memory(count: int, scratch: Path) -> None:
    """Resident memory of one process building plan after plan."""
    paths = commune_plans(scratch / "mem", count)

    def resident() -> float:
        with open("/proc/self/statm") as stats:
            return int(stats.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    from generator.pipeline import BuildRequest, build

    request = BuildRequest(scratch / "mem-out")
    marks = {}
    for n, path in enumerate(paths, start=1):
        build(path, request)
        if n in (50, count // 2, count):
            marks[n] = resident()
    print("memory of one worker: " + ", ".join(f"{mib:.1f} MiB after {n} plans"
                                               for n, mib in marks.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (within 60 s)")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        warm, floor = examples(10 if args.quick else 30, scratch / "out")
        batch_speedup = batch(200, scratch)
        cold_ratio = cold(3 if args.quick else 7, scratch)
        scaling = sizes(args.quick, scratch)
        memory(200 if args.quick else 1000, scratch)
        diff_speed(args.quick, scratch)
        pairing = pairing_speed(args.quick)
        preview_ms = serve_preview(args.quick, scratch)
        pdf_speed(scratch)
    print(f"summary: warm_speedup_vs_docxtpl={warm:.2f} floor_ratio={floor:.2f} "
          f"batch_speedup_vs_docxtpl={batch_speedup:.2f} cold_ratio_vs_docxtpl={cold_ratio:.2f} "
          f"size_scaling_10x={scaling:.2f} pairing_scaling_10x={pairing:.2f} "
          f"serve_preview_ms={preview_ms:.0f}")


if __name__ == "__main__":
    main()
