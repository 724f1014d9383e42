"""PDF: a step after the DOCX, converted by LibreOffice, headless, with a private profile.

LibreOffice substitutes Liberation Serif (metric-compatible) for Times New Roman where the
latter is not installed, so line breaks and page counts match Word's.

LibreOffice is found where its installers put it (the PATH; ``Program Files`` on Windows;
``/Applications`` on macOS) or where ``KEHOACH_SOFFICE`` says. It runs in a process group of
its own, so that a conversion past its time limit, or a build interrupted, ends every
LibreOffice process (``soffice`` starts ``soffice.bin``, which would go on alone). The time
limit grows with the document. Each conversion works in a scratch folder holding a lock;
scratch folders a killed run left (unlocked, a minute old) are removed by the next one.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator import locks
from generator.errors import Diagnostic, KeHoachError
from generator.ooxml.archive import ZIP_ERRORS

OFFICE_VARIABLE = "KEHOACH_SOFFICE"
"""An environment variable naming the LibreOffice program, for an install elsewhere."""
MAC_APPLICATIONS = (Path("/Applications"),)
"""Where macOS installs applications for every user (``~/Applications`` is also tried)."""
WINDOWS_PROGRAM_FOLDERS = ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")
"""The variables naming Windows' program folders (64-bit, then 32-bit LibreOffice)."""

BASE_SECONDS = 120
"""Time limit of a conversion: this, and more as the document's text grows
(:func:`time_limit`)."""
SECONDS_PER_MB_POWER = 1.2
"""LibreOffice lays a long document out in far more than linear time, about as the power
2.5 of its text. Measured on a busy 2-core machine (MB of ``word/document.xml``): a plan of
2,000 tasks (3.2 MB, 312 pages) in about 5 s, of 20,000 tasks (31 MB, 3,322 pages) in 26.6
minutes; the limit, 1.2 × MB^2.5 seconds beyond the two minutes, is about four times
that."""
POLL_SECONDS = 0.5
"""How often a running conversion is looked at (for the progress bar and its limit)."""
SCRATCH_PREFIX = "kehoach-pdf-"
STALE_SECONDS = 60
"""A scratch folder left unlocked this long is a killed run's, removed by the next run."""
LOCK_NAME = "dang-dung.lock"

Tick = Callable[[], object]


def find_office(environ: Mapping[str, str] | None = None,
                platform: str = sys.platform) -> str | None:
    """The LibreOffice program: ``KEHOACH_SOFFICE``, the PATH, then where the installers
    of Windows and macOS put it; ``None`` when it is nowhere."""
    environ = os.environ if environ is None else environ
    named = environ.get(OFFICE_VARIABLE, "").strip()
    if named:
        return named if Path(named).is_file() else None
    path = environ.get("PATH")
    for program in ("soffice", "libreoffice"):
        found = shutil.which(program, path=path)
        if found:
            return found
    return next((str(p) for p in _installed(environ, platform) if p.is_file()), None)


def _installed(environ: Mapping[str, str], platform: str) -> list[Path]:
    """Where LibreOffice's installers put the program on Windows and macOS."""
    if platform == "win32":
        return [Path(environ[name]) / "LibreOffice" / "program" / "soffice.exe"
                for name in WINDOWS_PROGRAM_FOLDERS if environ.get(name)]
    if platform == "darwin":
        homes = [Path(environ["HOME"]) / "Applications"] if environ.get("HOME") else []
        return [folder / "LibreOffice.app" / "Contents" / "MacOS" / "soffice"
                for folder in (*MAC_APPLICATIONS, *homes)]
    return []


AGAIN_ON_THE_COMMAND_LINE = ("Rồi chạy lại lệnh với --pdf; hoặc mở tệp .docx bằng Word, chọn "
                             "Tệp → Lưu thành → PDF.")
"""What to do once LibreOffice is installed, said to a clerk at the command line."""


def office_missing(then: str = AGAIN_ON_THE_COMMAND_LINE) -> Diagnostic | None:
    """Why no PDF can be made on this machine, with the steps to install LibreOffice on
    each system and ``then`` what to do (the browser editor says its own button);
    ``None`` when LibreOffice is there."""
    if find_office() is not None:
        return None
    named = os.environ.get(OFFICE_VARIABLE, "").strip()
    where = (f"Biến môi trường {OFFICE_VARIABLE} chỉ đến '{named}' nhưng ở đó không có "
             "chương trình" if named else "Không tìm thấy LibreOffice trên máy")
    return Diagnostic(
        f"Cần LibreOffice để xuất PDF: {where}.",
        hint="Windows: tải LibreOffice tại https://www.libreoffice.org/download/ , chạy tệp "
             ".msi, giữ thư mục cài đặt mặc định. macOS: tải tệp .dmg ở cùng trang, kéo "
             "LibreOffice vào thư mục Applications. Linux: sudo apt-get install "
             "libreoffice-writer-nogui fonts-liberation2 (Fedora: sudo dnf install "
             f"libreoffice-writer). Cài ở chỗ khác: đặt biến {OFFICE_VARIABLE} là đường dẫn "
             f"đến chương trình soffice. {then}")


def soffice() -> str:
    """The LibreOffice program, or a clear error saying how to install it."""
    found = find_office()
    if found is None:
        missing = office_missing()
        raise KeHoachError([missing] if missing else [])
    return found


def time_limit(docx: bytes) -> int:
    """Seconds LibreOffice may take over a DOCX, by the size of its text (its
    ``word/document.xml`` unpacked, read from the package's directory)."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            size = package.getinfo("word/document.xml").file_size
    except (*ZIP_ERRORS, KeyError):
        size = len(docx)  # LibreOffice will say what is wrong with it
    return round(BASE_SECONDS + SECONDS_PER_MB_POWER * math.pow(size / 1_000_000, 2.5))


def docx_to_pdf(docx: bytes, name: str, seconds: int | None = None) -> bytes:
    """One DOCX to PDF; ``name`` (the plan's file) is what a failure is said of;
    ``seconds``, the time limit, else :func:`time_limit`."""
    try:
        made = convert_files({name: docx}, 1, seconds=seconds)[name]
    except KeHoachError as exc:  # no LibreOffice: said of the plan
        raise KeHoachError([replace(d, file=d.file or name) for d in exc.diagnostics]) from None
    if isinstance(made, Diagnostic):
        raise KeHoachError([made])
    return made


def convert_files(documents: Mapping[str, bytes], jobs: int, tick: Tick = lambda: None,
                  seconds: int | None = None) -> dict[str, bytes | Diagnostic]:
    """Many DOCX to PDF, ``documents`` named by their plan, with one LibreOffice process per
    group (``jobs`` groups); ``tick`` is called as each PDF appears. Each document may take
    ``seconds`` (else :func:`time_limit`), a group the sum of its documents'.

    LibreOffice takes about a second to start and a fraction of that per document, so a
    batch shares processes instead of starting one per plan. Each group has its own
    profile and scratch folder (LibreOffice refuses two processes on one profile).
    """
    program = soffice()
    _clear_stale_scratch()
    names = list(documents)
    count = max(1, min(jobs, len(names)))
    groups = [names[k::count] for k in range(count)]
    ticking = threading.Lock()

    def once() -> None:
        with ticking:
            tick()

    out: dict[str, bytes | Diagnostic] = {}
    with ThreadPoolExecutor(max_workers=len(groups)) as pool:
        for found in pool.map(lambda group: _convert_group(program, group, documents, once,
                                                           seconds), groups):
            out.update(found)
    return out


def _convert_group(program: str, names: list[str], documents: Mapping[str, bytes],
                   tick: Tick, seconds: int | None) -> dict[str, bytes | Diagnostic]:
    with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX) as scratch:
        folder = Path(scratch)
        with locks.held(folder / LOCK_NAME, 0):
            sources = [folder / f"{n}.docx" for n in range(len(names))]
            for source, name in zip(sources, names, strict=True):
                source.write_bytes(documents[name])
            command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                       "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf",
                       "--outdir", str(folder / "out"), *map(str, sources)]
            limit = sum(seconds or time_limit(documents[name]) for name in names)
            finished = _run_office(command, limit, _watch(folder / "out", tick))
            return {name: _made(folder / "out" / f"{source.stem}.pdf", name, finished, limit)
                    for source, name in zip(sources, names, strict=True)}


def _made(pdf: Path, name: str, finished: bool, limit: int) -> bytes | Diagnostic:
    """The PDF LibreOffice made of a plan, or why there is none. Past the time limit none
    of the group's PDFs is taken: the last one may have been cut off mid-way."""
    if not finished:
        return Diagnostic(
            f"LibreOffice không xuất xong PDF của kế hoạch này sau {limit} giây; đã dừng "
            "LibreOffice.", name,
            hint="Máy đang bận hoặc văn bản rất dài: chạy lại khi máy rảnh, cho thêm thời gian "
                 "(--thoi-han-pdf GIÂY, ví dụ --thoi-han-pdf 3600), hoặc mở tệp .docx bằng "
                 "Word và lưu thành PDF.")
    if not pdf.exists():
        return Diagnostic("LibreOffice không xuất được PDF của kế hoạch này.", name,
                          hint="Thử mở tệp .docx bằng LibreOffice để xem lỗi.")
    return pdf.read_bytes()


def _watch(folder: Path, tick: Tick) -> Callable[[], None]:
    """A look at the output folder that ticks once for each new PDF in it (LibreOffice's
    own temporary files there, seen when the machine is busy, are not PDFs)."""
    seen: set[str] = set()

    def look() -> None:
        with contextlib.suppress(OSError):
            for made in os.listdir(folder):
                if made.lower().endswith(".pdf") and made not in seen:
                    seen.add(made)
                    tick()

    return look


def _run_office(command: list[str], limit: int, look: Callable[[], None]) -> bool:
    """Run LibreOffice in its own process group: ``True`` once it has ended, ``False`` past
    the time limit, its whole group then killed. An interruption kills the group too."""
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, **_own_group())
    deadline = time.monotonic() + limit
    try:
        while True:
            try:
                process.wait(timeout=POLL_SECONDS)
            except subprocess.TimeoutExpired:
                look()
                if time.monotonic() >= deadline:
                    _end_group(process)
                    return False
            else:
                look()
                return True
    except BaseException:
        _end_group(process)
        raise


def _own_group() -> dict[str, Any]:
    """Popen's arguments that start a program in a process group of its own."""
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def _end_group(process: subprocess.Popen[bytes]) -> None:
    """Every process of LibreOffice's group killed, and the one started waited for."""
    if sys.platform == "win32":
        with contextlib.suppress(OSError):
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)],
                           capture_output=True, check=False)
    else:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        process.kill()
    process.wait()


def _clear_stale_scratch() -> None:
    """Scratch folders (and LibreOffice profiles in them) that runs killed before they
    could clean up left in the temporary folder: any not locked by a live run and a
    minute old goes."""
    now = time.time()
    root = Path(tempfile.gettempdir())
    with contextlib.suppress(OSError):
        for folder in root.glob(f"{SCRATCH_PREFIX}*"):
            with contextlib.suppress(OSError):
                if folder.is_dir() and not folder.is_symlink() \
                        and now - folder.stat().st_mtime > STALE_SECONDS \
                        and not locks.is_held(folder / LOCK_NAME):
                    shutil.rmtree(folder, ignore_errors=True)
