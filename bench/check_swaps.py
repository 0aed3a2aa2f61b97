"""How often the CI gate catches a wrong glossary term, and how often it cries wolf.

On real references (tico19-dev, its gold terms as an approved glossary) every occurrence of a
glossary term's English in a reference whose source holds the term is replaced by the English
of another glossary term (a "swap": the translator used a wrong term). A swap is caught when
``check`` reports the swapped term on that pair. A false positive is a finding on a reference
that uses every glossary term of its source (the untouched, correct references).

    python bench/check_swaps.py            # ../shared/dev/tico19-dev (1,534 pairs)
    python bench/check_swaps.py --slice    # tests/data/tico19 (307 pairs)
"""

from __future__ import annotations

import argparse
import random
import re
from collections import defaultdict
from pathlib import Path

from termx.check import CheckOptions, check
from termx.model import GlossaryEntry, Origin, SegmentPair
from termx.text import fold

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "dev" / "tico19-dev"
SLICE = REPO / "tests" / "data" / "tico19"


def load(folder: Path) -> tuple[dict[str, list[str]], list[SegmentPair]]:
    gold: dict[str, list[str]] = defaultdict(list)
    for line in (folder / "gold_terms.tsv").read_text(encoding="utf-8").splitlines():
        zh, en = line.split("\t")
        gold[zh].append(en)
    pairs = []
    for number, line in enumerate(
        (folder / "pairs.tsv").read_text(encoding="utf-8").splitlines(), start=1
    ):
        zh, en = line.split("\t")
        pairs.append(SegmentPair(zh, en, Origin("pairs.tsv", number)))
    return dict(gold), pairs


def pattern(forms: list[str]) -> re.Pattern[str]:
    """The forms and their regular plural, as whole words, any case (a naive oracle, independent
    of the matcher under test)."""
    spellings = sorted(set(forms), key=len, reverse=True)
    alternatives = "|".join(re.escape(form) for form in spellings)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:s|es)?(?!\w)", re.IGNORECASE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slice", action="store_true", help="use tests/data/tico19")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    gold, pairs = load(SLICE if args.slice or not DEV.is_dir() else DEV)
    glossary = [
        GlossaryEntry(zh, forms[0], "approved", variants=tuple(forms[1:]))
        for zh, forms in gold.items()
    ]
    patterns = {zh: pattern(forms) for zh, forms in gold.items()}
    keys = {zh: fold(zh) for zh in gold}
    english = sorted({forms[0] for forms in gold.values()})
    options = CheckOptions(rules=frozenset({"missing-term", "forbidden-term"}))
    chance = random.Random(args.seed)
    swaps = caught = nested_swaps = nested_caught = 0
    correct = false_positives = 0
    for pair in pairs:
        folded = fold(pair.zh)
        present = [zh for zh in gold if keys[zh] in folded]
        if not present:
            continue
        if all(patterns[zh].search(pair.en) for zh in present):
            correct += 1
            false_positives += bool(check([pair], glossary, options))
        for zh in present:
            if not patterns[zh].search(pair.en):
                continue
            # A wrong term that does not itself hold a right one ("novel virus" for "virus").
            wrong = chance.choice([form for form in english if not patterns[zh].search(form)])
            broken = SegmentPair(pair.zh, patterns[zh].sub(wrong, pair.en), pair.origin)
            found = {fold(f.source_term) for f in check([broken], glossary, options)}
            # Nested: a longer glossary term of this source holds the swapped one.
            inside = any(keys[zh] in keys[other] and other != zh for other in present)
            swaps += 1
            caught += keys[zh] in found
            nested_swaps += inside
            nested_caught += inside and keys[zh] in found
    print(f"pairs {len(pairs)}, glossary {len(glossary)} terms")
    print(f"swaps caught: {caught}/{swaps} = {caught / max(swaps, 1):.1%}")
    print(
        f"  inside a longer term of the source: {nested_caught}/{nested_swaps}"
        f" = {nested_caught / max(nested_swaps, 1):.1%}"
    )
    print(
        f"false positives: {false_positives}/{correct} correct references"
        f" = {false_positives / max(correct, 1):.1%}"
    )


if __name__ == "__main__":
    main()
