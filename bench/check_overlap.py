"""The worst case of longest-match: a glossary whose terms all overlap, on one long segment.

Issue 13 measured ``check`` quadratic in the matches per segment (a 10,000-entry overlapping
glossary, 16,000 characters: 6.8 s; 1 MB: > 300 s). The glossary here is every 2- to 6-character
window of a 2,000-character Chinese text (made from the tico19 slice's own characters), so
nearly every position of the segment starts several overlapping matches; the segment repeats
that text. Reported: seconds per segment length, which should grow about linearly.

    python bench/check_overlap.py
    python bench/check_overlap.py --entries 10000 --sizes 16000 64000 256000 1000000
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from termx.check import check
from termx.model import GlossaryEntry, Origin, SegmentPair
from termx.text import is_han

TICO = Path(__file__).resolve().parents[1] / "tests" / "data" / "tico19" / "pairs.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[16_000, 64_000, 256_000])
    args = parser.parse_args()
    text = "".join(ch for ch in TICO.read_text(encoding="utf-8") if is_han(ch))[:2000]
    terms: dict[str, None] = {}
    for width in range(2, 7):
        for start in range(len(text) - width):
            terms.setdefault(text[start : start + width], None)
    glossary = [
        GlossaryEntry(term, f"term {number}", "approved")
        for number, term in enumerate(list(terms)[: args.entries])
    ]
    print(f"glossary {len(glossary):,} overlapping entries")
    for size in args.sizes:
        segment = (text * (size // len(text) + 1))[:size]
        pair = SegmentPair(segment, "nothing", Origin("long.tsv", 1))
        started = time.perf_counter()
        findings = check([pair], glossary)
        seconds = time.perf_counter() - started
        print(f"{size:>9,} characters: {seconds:6.2f} s, {len(findings):,} findings")


if __name__ == "__main__":
    main()
