"""`termx glossary import` at termbase scale: a generated MARTIF (TBX 2) file of N concepts,
imported into an empty glossary and then again into the full one (every entry unchanged).

Issue 13 measured the import quadratic (the index rebuilt after every add: 2,000 entries 1.2 s,
8,000 23 s, 60,000 > 11 min). Terms are made from the tico19 slice's characters and words so
that no two concepts share a term. Reported: wall seconds and peak RSS of each run, which
should grow about linearly with N.

    python bench/glossary_import.py
    python bench/glossary_import.py --sizes 2000 8000 60000
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

TICO = Path(__file__).resolve().parents[1] / "tests" / "data" / "tico19" / "pairs.tsv"


def termbase(size: int, seed: int = 7) -> str:
    """A MARTIF termbase of ``size`` concepts, each one zh and one en term, all distinct."""
    rows = [line.split("\t") for line in TICO.read_text(encoding="utf-8").splitlines()]
    chars = sorted({ch for zh, _ in rows for ch in zh if "\u4e00" <= ch <= "\u9fff"})
    words = sorted({w.strip(".,;:()").lower() for _, en in rows for w in en.split() if w.isalpha()})
    rng = random.Random(seed)
    seen: set[str] = set()
    entries = []
    while len(entries) < size:
        zh = "".join(rng.choice(chars) for _ in range(rng.randint(3, 6)))
        if zh in seen:
            continue
        seen.add(zh)
        en = " ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) + f" {len(entries)}"
        entries.append(
            f'<termEntry id="c{len(entries)}">'
            f'<langSet xml:lang="zh"><tig><term>{escape(zh)}</term></tig></langSet>'
            f'<langSet xml:lang="en"><tig><term>{escape(en)}</term></tig></langSet>'
            "</termEntry>\n"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="en"><text><body>\n'
        + "".join(entries)
        + "</body></text></martif>\n"
    )


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and the child's peak RSS in MB."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 8_000, 60_000])
    args = parser.parse_args()
    print(f"{'concepts':>9} {'into empty s':>13} {'again s':>8} {'peak RSS MB':>12}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            source, glossary = Path(folder) / "vendor.tbx", Path(folder) / "terms.tsv"
            source.write_text(termbase(size), encoding="utf-8")
            command = [sys.executable, "-m", "termx", "glossary", "import", str(source)]
            first, _ = timed([*command, "-g", str(glossary)])
            again, rss = timed([*command, "-g", str(glossary)])
            print(f"{size:>9,} {first:>13.1f} {again:>8.1f} {rss:>12.0f}")


if __name__ == "__main__":
    main()
