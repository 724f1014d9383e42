"""PDF: a step after the DOCX, converted by LibreOffice, headless, with a private profile.

LibreOffice substitutes Liberation Serif (metric-compatible) for Times New Roman where the
latter is not installed, so line breaks and page counts match Word's.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.errors import Diagnostic, KeHoachError

TIMEOUT_SECONDS = 240


def soffice() -> str:
    """The LibreOffice executable, or a clear error saying how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise KeHoachError([Diagnostic(
            "Cần LibreOffice để xuất PDF nhưng máy chưa cài.",
            hint="Cài bằng: apt-get install libreoffice-writer-nogui fonts-liberation2 "
                 "(hoặc chạy scripts/setup.sh test).")])
    return found


def docx_to_pdf(docx: bytes) -> bytes:
    """Convert DOCX bytes to PDF bytes in a scratch folder that is always removed."""
    with tempfile.TemporaryDirectory(prefix="kehoach-pdf-") as scratch:
        folder = Path(scratch)
        source = folder / "ke-hoach.docx"
        source.write_bytes(docx)
        command = [soffice(), f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                   "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf",
                   "--outdir", str(folder), str(source)]
        try:
            result = subprocess.run(command, capture_output=True, text=True,
                                    timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired as exc:
            raise KeHoachError([Diagnostic(
                f"LibreOffice không xuất xong PDF sau {TIMEOUT_SECONDS} giây.")]) from exc
        target = folder / "ke-hoach.pdf"
        if result.returncode != 0 or not target.exists():
            raise KeHoachError([Diagnostic(
                "LibreOffice không xuất được PDF: " + (result.stderr.strip() or "không rõ lý do")
                + ".", hint="Thử mở tệp .docx bằng LibreOffice để xem lỗi.")])
        return target.read_bytes()


def convert_files(documents: list[Path], jobs: int) -> dict[Path, bytes | Diagnostic]:
    """Many DOCX files to PDF with one LibreOffice process per group (``jobs`` groups).

    LibreOffice takes about a second to start and a fraction of that per document, so a
    batch shares processes instead of starting one per plan. Each group has its own
    profile and scratch folder (LibreOffice refuses two processes on one profile).
    """
    from concurrent.futures import ThreadPoolExecutor

    program = soffice()
    groups = [documents[k::max(1, jobs)] for k in range(max(1, min(jobs, len(documents))))]
    out: dict[Path, bytes | Diagnostic] = {}
    with ThreadPoolExecutor(max_workers=len(groups)) as pool:
        for found in pool.map(lambda group: _convert_group(program, group), groups):
            out.update(found)
    return out


def _convert_group(program: str, documents: list[Path]) -> dict[Path, bytes | Diagnostic]:
    with tempfile.TemporaryDirectory(prefix="kehoach-pdf-") as scratch:
        folder = Path(scratch)
        command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                   "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf",
                   "--outdir", str(folder / "out"), *map(str, documents)]
        with contextlib.suppress(subprocess.TimeoutExpired):  # missing PDFs said below
            subprocess.run(command, capture_output=True, text=True,
                           timeout=TIMEOUT_SECONDS * max(1, len(documents)), check=False)
        out: dict[Path, bytes | Diagnostic] = {}
        for document in documents:
            made = folder / "out" / f"{document.stem}.pdf"
            out[document] = made.read_bytes() if made.exists() else Diagnostic(
                "LibreOffice không xuất được PDF.", str(document),
                hint="Thử mở tệp .docx bằng LibreOffice để xem lỗi.")
        return out
