"""Time ``plan export xlsx`` and ``plan import xlsx`` (no change) on generated plans.

    python benchmarks/xlsx.py --sizes 300,1000 --repeat 3

Whole processes, as a user runs them; each figure is the median of ``--repeat``
runs after a warm-up: wall time, and the process's CPU time (user + system),
which a busy machine disturbs less. Plans come from ``benchmarks/generate.py``
under ``benchmarks/out/`` (git-ignored). The results go to stdout as a Markdown
table for benchmarks/XLSX.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

ENV = dict(os.environ, PYTHONPATH=str(HERE.parent), NO_COLOR="1", LANG="C.UTF-8")
PLAN = [sys.executable, "-c", "import sys; sys.argv[0] = 'plan'; from plan_cli.launch import entry; entry()"]


def timed(args: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen([*PLAN, *args], env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"plan {' '.join(args)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="300,1000")
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()
    print("| items | export wall s | export CPU s | workbook KB | import (no change) wall s | import CPU s |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in map(int, opts.sizes.split(",")):
        folder = HERE / "out" / f"xlsx-{size}"
        generate(size, folder, seed=1, per_file=2000, peers=False)
        book = folder.parent / f"xlsx-{size}.xlsx"
        common = ["--data", str(folder), "--as-of", "2024-08-15"]
        runs = {}
        for name, args in (("export", ["export", "xlsx", str(book), *common]),
                           ("import", ["import", "xlsx", str(book), *common])):
            timed(args)  # warm-up (and the cache)
            runs[name] = [timed(args) for _ in range(opts.repeat)]
        med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
               for k, v in runs.items()}
        print(f"| {size:,} | {med['export'][0]:.2f} | {med['export'][1]:.2f} | "
              f"{book.stat().st_size // 1024:,} | {med['import'][0]:.2f} | {med['import'][1]:.2f} |")


if __name__ == "__main__":
    main()
