"""Peak memory of `termx align` on a 200,000-unit TMX (the reader must stream).

Builds the TMX in a temporary directory from the tico19-dev pairs (../shared) repeated with
distinct tuids, or from synthetic sentences when ../shared is absent, then runs
``termx align FILE -o out.tsv`` in a child process and reports the child's peak RSS
(``getrusage(RUSAGE_CHILDREN).ru_maxrss``) and wall time.

    python bench/align_memory.py [--units 200000]
"""

from __future__ import annotations

import argparse
import csv
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
TICO = ROOT.parent / "shared" / "dev" / "tico19-dev" / "pairs.tsv"
LIMIT_MB = 300


def _seed_pairs() -> list[tuple[str, str]]:
    if TICO.exists():
        with TICO.open(encoding="utf-8", newline="") as handle:
            return [(row[0], row[1]) for row in csv.reader(handle, delimiter="\t") if len(row) > 1]
    return [
        (
            f"第{n}号病例出现发热和咳嗽症状，已在医院隔离治疗。",
            f"Case {n} had fever and a cough and is being treated in isolation in hospital.",
        )
        for n in range(1000)
    ]


def _units(count: int) -> Iterator[str]:
    pairs = _seed_pairs()
    for number in range(count):
        zh, en = pairs[number % len(pairs)]
        yield (
            f'<tu tuid="u{number}"><prop type="x-round">{number // len(pairs)}</prop>\n'
            f'<tuv xml:lang="en-US"><seg>{escape(en)}</seg></tuv>\n'
            f'<tuv xml:lang="zh-CN"><seg>{escape(zh)}</seg></tuv>\n</tu>\n'
        )


def write_tmx(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '<header creationtool="bench" creationtoolversion="1" segtype="sentence" '
            'o-tmf="none" adminlang="en" srclang="en-US" datatype="plaintext"/>\n<body>\n'
        )
        out.writelines(_units(count))
        out.write("</body>\n</tmx>\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmx = Path(tmp) / "big.tmx"
        write_tmx(tmx, args.units)
        size_mb = tmx.stat().st_size / 1e6
        command = [
            sys.executable,
            "-m",
            "termx",
            "align",
            str(tmx),
            "-o",
            str(Path(tmp) / "out.tsv"),
        ]
        origin = "tico19-dev" if TICO.exists() else "synthetic"
        print(f"input: {args.units:,} units, {size_mb:.0f} MB ({origin})")
        print("command:", " ".join(command))
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return 1
        rows = sum(1 for _ in (Path(tmp) / "out.tsv").open(encoding="utf-8")) - 1
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak_mb = peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024
    print(f"pairs written: {rows:,}")
    print(f"peak RSS: {peak_mb:.0f} MB (limit {LIMIT_MB} MB), time: {elapsed:.1f} s")
    return 0 if peak_mb < LIMIT_MB else 1


if __name__ == "__main__":
    sys.exit(main())
