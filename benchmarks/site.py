"""Time ``plan site`` (charts included) on the example plan and on generated plans.

    python benchmarks/site.py                 # example, 300 and 1,000 items
    python benchmarks/site.py --sizes 3000    # other generated sizes

Each run is a fresh process (``python -m plan_cli site``), as a user runs it;
wall and CPU (user + system of the child) seconds, best of ``--repeat``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plan_cli.synthetic import generate, write_example  # noqa: E402


def _time(args: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    before = os.times()
    subprocess.run([sys.executable, "-m", "plan_cli", *args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = os.times()
    cpu = (after.children_user - before.children_user) + \
        (after.children_system - before.children_system)
    return time.perf_counter() - start, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="300,1000")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print("| plan | items | indicators | pages | wall s | cpu s |\n|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        plans = [("example", Path(tmp) / "example", None)]
        plans += [(f"generated {n}", Path(tmp) / f"gen-{n}", int(n))
                  for n in args.sizes.split(",") if n]
        for name, folder, size in plans:
            if size is None:
                counts = write_example(folder)
                data = folder / "data"
            else:
                counts = generate(size, folder, per_file=2000)
                data = folder
            site = Path(tmp) / f"site-{folder.name}"
            runs = [_time(["site", str(site), "--data", str(data), "--as-of", "2024-08-15"])
                    for _ in range(args.repeat)]
            wall, cpu = min(runs)
            pages = len(list(site.glob("*.html")))
            print(f"| {name} | {counts['items']} | {counts['indicators']} | {pages} | "
                  f"{wall:.1f} | {cpu:.1f} |")


if __name__ == "__main__":
    main()
