"""Generate a synthetic plan in the project's own format, for benchmarks.

    python benchmarks/generate.py 3000 /tmp/plan-3000        # one plan of 3,000 items
    python benchmarks/generate.py 3000 OUT --seed 7          # another, reproducible, plan

The generator itself is :mod:`plan_cli.synthetic` (shared with ``plan example``).
Deterministic: the same size and seed give the same bytes. Every file's first
line is a comment marking it SYNTHETIC. Items are spread over the five ledger
kinds (at most ``--per-file`` items per ledger file, so large plans are many
files, like a province-wide roll-up of county ledgers); each item has 12
quarterly schedule entries (2023Q1–2025Q4), progress updates, owners from the
registry and links to indicators; indicators carry baselines and actuals. The
result checks clean with ``plan check`` (exit 0; a few warnings are fine).

Also writes peer ledgers for the yardsticks, with as many transactions as the
plan has schedule entries (12 per item; an entry and a two-posting transaction
are both ≈100 bytes): ``peers/ledger.beancount`` (bean-check) and
``peers/ledger.journal`` (hledger).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plan_cli.synthetic import MARK, OBJECTS, VERBS  # noqa: E402
from plan_cli.synthetic import generate as _generate  # noqa: E402


def generate(size: int, out: Path, seed: int = 20230412, per_file: int = 2000,
             peers: bool | object = True) -> dict:
    """:func:`plan_cli.synthetic.generate`, with the peer ledgers unless ``peers`` is false."""
    writer = write_peers if peers is True else (peers or None)
    return _generate(size, out, seed, per_file, writer)


def write_peers(folder: Path, entries: int, rng: random.Random) -> None:
    """A beancount file and an hledger journal of ``entries`` two-posting transactions."""
    folder.mkdir(parents=True, exist_ok=True)
    accounts = [f"Expenses:Project{i:03d}" for i in range(50)]
    bean = [MARK.replace("# ", "; ", 1), 'option "operating_currency" "CNY"',
            "2022-01-01 open Assets:Bank CNY"]
    bean += [f"2022-01-01 open {a} CNY" for a in accounts]
    journal = [MARK.replace("# ", "; ", 1)]
    for i in range(entries):
        day = f"{2023 + (i * 3 // entries)}-{(i % 12) + 1:02d}-{(i % 28) + 1:02d}"
        account = accounts[i % len(accounts)]
        amount = f"{rng.randrange(100, 100000)}.{rng.randrange(0, 100):02d}"
        payee = f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}"
        bean.append(f'{day} * "{payee}" "节点 {i}"\n  {account}  {amount} CNY\n  Assets:Bank')
        journal.append(f"{day} {payee} 节点 {i}\n    {account}  {amount} CNY\n    Assets:Bank")
    (folder / "ledger.beancount").write_text("\n\n".join(bean) + "\n", encoding="utf-8")
    (folder / "ledger.journal").write_text("\n\n".join(journal) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, help="number of ledger items")
    parser.add_argument("out", type=Path, help="folder to write (replaced)")
    parser.add_argument("--seed", type=int, default=20230412)
    parser.add_argument("--per-file", type=int, default=2000, help="items per ledger file")
    parser.add_argument("--no-peers", action="store_true", help="skip the bean/hledger files")
    args = parser.parse_args()
    print(generate(args.size, args.out, args.seed, args.per_file, not args.no_peers))


if __name__ == "__main__":
    main()
