"""Run by the system Python that has LibreOffice's UNO bridge (``python3-uno``):
open a DOCX in LibreOffice headless, accept or reject all tracked changes, save as text
(or as PDF when OUT ends in ``.pdf``: the pages LibreOffice lays out).

    /usr/bin/python3 tests/helpers/lo_decide.py accept|reject|none IN.docx OUT.txt|OUT.pdf

LibreOffice does the deciding, not our code: the redline test compares its result with
LibreOffice's text of the NEW (or OLD) build.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}


def _prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(decision: str, source: str, target: str) -> None:
    profile = tempfile.mkdtemp(prefix="kehoach-lo-")
    pipe = f"kehoach{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore",
         f"-env:UserInstallation=file://{profile}",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        context = None
        for _ in range(120):
            try:
                context = resolver.resolve(
                    f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        if context is None:
            raise SystemExit("LibreOffice did not start")
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context)
        document = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0,
            (_prop("Hidden", True),))
        if decision in COMMANDS:
            dispatcher = context.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.DispatchHelper", context)
            dispatcher.executeDispatch(document.getCurrentController().getFrame(),
                                       COMMANDS[decision], "", 0, ())
        filters = (_prop("FilterName", "writer_pdf_Export"),) if target.endswith(".pdf") \
            else (_prop("FilterName", "Text (encoded)"), _prop("FilterOptions", "UTF8"))
        document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), filters)
        document.close(True)
        with contextlib.suppress(Exception):  # the bridge drops as the office quits
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(*sys.argv[1:4])
