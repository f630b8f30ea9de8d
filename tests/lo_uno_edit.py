"""Type edits into a workbook with LibreOffice Calc and save it, as a person would.

Run with the system Python that has python3-uno (``/usr/bin/python3``), not the
project's virtualenv::

    /usr/bin/python3 tests/lo_uno_edit.py IN.xlsx OUT.xlsx EDITS.json

EDITS.json: ``[[sheet, "F12", "text typed"], ...]``. Each text is entered as
typed input (``setFormula``), so LibreOffice recognises dates and numbers the
way it would from the keyboard. LibreOffice runs headless with a private
profile and a private pipe, and is ended when done.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import uno  # noqa: F401  (python3-uno)
from com.sun.star.beans import PropertyValue


def _prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(src: str, out: str, edits_file: str) -> int:
    edits = json.loads(Path(edits_file).read_text(encoding="utf-8"))
    pipe = f"plan-test-{uuid.uuid4().hex}"
    profile = tempfile.mkdtemp(prefix="lo-plan-test-")
    office = subprocess.Popen(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--invisible",
         "--nologo", "--norestore", "--nodefault", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + 60
        while True:
            try:
                ctx = resolver.resolve(
                    f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # NoConnectException until soffice listens
                if time.monotonic() > deadline or office.poll() is not None:
                    raise
                time.sleep(0.3)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)),
                                           "_blank", 0, (_prop("Hidden", True),))
        for sheet_name, address, typed in edits:
            sheet = doc.Sheets.getByName(sheet_name)
            sheet.getCellRangeByName(address).setFormula(typed)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)),
                       (_prop("FilterName", "Calc MS Excel 2007 XML"), _prop("Overwrite", True)))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # the bridge goes away as soffice quits
            pass
        office.wait(timeout=30)
    finally:
        if office.poll() is None:
            office.kill()
            office.wait()
        shutil.rmtree(profile, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
