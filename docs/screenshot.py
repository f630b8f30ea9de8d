"""Regenerate docs/site.png, the README's picture of `plan site`.

    python docs/screenshot.py            # needs: pip install -e ".[test]" and chromium

Writes the synthetic example plan (`plan example`), its site as on 2025-08-15,
and a screenshot of the overview taken with Debian's chromium through Playwright.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        demo, site = Path(tmp) / "demo", Path(tmp) / "site"
        plan = [sys.executable, "-m", "plan_cli"]
        subprocess.run(plan + ["example", str(demo)], check=True)
        subprocess.run(plan + ["site", str(site), "--data", str(demo), "--as-of", "2025-08-15"],
                       check=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto((site / "index.html").as_uri())
            page.screenshot(path=str(HERE / "site.png"))
            browser.close()
    print(HERE / "site.png")


if __name__ == "__main__":
    main()
