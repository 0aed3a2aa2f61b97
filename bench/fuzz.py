"""Mutation fuzzing of every reader: N mutated copies of a real input per reader (the inputs
and mutations of tests/fuzz_inputs.py), each read to the end. A TermxError is the expected
answer to a broken file; any other exception is a "foreign" one, a bug. Prints, per reader,
the cases run, how many read, how many were refused, and the foreign exceptions (with the first
few reproducers written to --keep).

    python bench/fuzz.py [--cases 20000] [--seed 0] [--keep /tmp/termx-fuzz]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzz_inputs import SEEDS, mutate

from termx.errors import TermxError
from termx.io import ReadOptions, read_pairs, read_parallel

PARALLEL = (
    "和平使命\n上合組織成員國\n\n联合演习顺利结束。\n".encode(),
    b"Peace Mission\nSCO member states\n\nThe joint exercise ended.\n",
)


def _operations(rng: random.Random) -> list[tuple[int, int, int]]:
    return [
        (rng.randrange(5), rng.randrange(1 << 16), rng.randrange(1 << 16))
        for _ in range(rng.randint(1, 8))
    ]


def _case(reader: str, folder: Path, rng: random.Random) -> None:
    if reader == "parallel":
        zh, en = folder / "a.zh.txt", folder / "a.en.txt"
        side = rng.random() < 0.5
        zh.write_bytes(mutate(PARALLEL[0], _operations(rng)) if side else PARALLEL[0])
        en.write_bytes(PARALLEL[1] if side else mutate(PARALLEL[1], _operations(rng)))
        for _ in read_parallel(zh, en):
            pass
        return
    name, data = SEEDS[reader]
    path = folder / name
    path.write_bytes(mutate(data, _operations(rng)))
    forced = rng.random() < 0.2
    options = (
        ReadOptions(fmt=rng.choice(["tsv", "csv", "bidoc", "tmx", "xliff"])) if forced else None
    )
    for _ in read_pairs(path, options=options):
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "termx-fuzz")
    args = parser.parse_args()
    readers = [*sorted(SEEDS), "parallel"]
    print(f"{'reader':<9} {'cases':>7} {'read':>7} {'refused':>8} {'foreign':>8} {'seconds':>8}")
    total_foreign = 0
    kinds: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for reader in readers:
            rng = random.Random(f"{args.seed}:{reader}")
            read = refused = foreign = 0
            start = time.perf_counter()
            for number in range(args.cases):
                try:
                    _case(reader, folder, rng)
                    read += 1
                except TermxError:
                    refused += 1
                except Exception as error:
                    foreign += 1
                    kinds[f"{reader}: {type(error).__name__}: {error}"[:160]] += 1
                    if foreign <= 3:
                        args.keep.mkdir(parents=True, exist_ok=True)
                        for file in folder.iterdir():
                            target = args.keep / f"{reader}-{number}-{file.name}"
                            target.write_bytes(file.read_bytes())
                        traceback.print_exc(limit=3)
            seconds = time.perf_counter() - start
            total_foreign += foreign
            print(
                f"{reader:<9} {args.cases:>7} {read:>7} {refused:>8} {foreign:>8} {seconds:>8.1f}",
                flush=True,
            )
    print(f"foreign exceptions: {total_foreign}")
    for kind, count in kinds.most_common(10):
        print(f"  {count:>6}  {kind}")


if __name__ == "__main__":
    main()
