"""How well bilingual-document alignment recovers known pairs on synthetic web pages.

Builds documents from consecutive tico19-dev pairs (../shared): paragraphs of 1–3 sentences,
Chinese before English, with 10% Chinese paragraphs left untranslated, 10% English paragraphs
with no Chinese, some translations split into two paragraphs (1-2), and page debris (share
buttons, bylines) in both languages. Reports the share of true paragraph pairs found (recall)
and of pairs output that are true (precision).

    python bench/align_accuracy.py [--documents 300] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from termx.io.bidoc import align, split_blocks
from termx.text import clean

TICO = Path(__file__).resolve().parents[2] / "shared" / "dev" / "tico19-dev" / "pairs.tsv"
DEBRIS_ZH = (
    "分享到",
    "打开微信，点击底部的“发现”",
    "责任编辑：王粲 2025-06-26",
    "返回顶部",
    "上一篇",
)
DEBRIS_EN = ("Share", "Back to top", "Editor: Wang", "Print", "Next page")


def _document(
    pairs: list[tuple[str, str]], rng: random.Random
) -> tuple[list[str], set[tuple[str, str]]]:
    start = rng.randrange(len(pairs) - 30)
    lines: list[str] = []
    gold: set[tuple[str, str]] = set()
    for _ in range(rng.randint(3, 8)):
        size = rng.randint(1, 3)
        chunk = pairs[start : start + size]
        start += size
        zh, en = "".join(z for z, _ in chunk), " ".join(e for _, e in chunk)
        if rng.random() < 0.25:
            lines.append(rng.choice(DEBRIS_ZH))
        if rng.random() < 0.1:
            lines.append(rng.choice(DEBRIS_EN))
        roll = rng.random()
        if roll < 0.1:
            lines.append(zh)
        elif roll < 0.2:
            lines.append(en)
        elif roll < 0.3 and size > 1:
            # One Chinese paragraph whose translation was split in two (a 1-2 alignment).
            lines += [zh, " ".join(e for _, e in chunk[:1]), " ".join(e for _, e in chunk[1:])]
            gold.add((clean(zh), clean(en)))
        else:
            lines += [zh, en]
            gold.add((clean(zh), clean(en)))
    return lines, gold


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not TICO.exists():
        print(f"needs {TICO}", file=sys.stderr)
        return 1
    with TICO.open(encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle]
    pairs = [(row[0], row[1]) for row in rows if len(row) == 2 and len(row[0]) > 8]
    rng = random.Random(args.seed)
    true = found = correct = 0
    for _ in range(args.documents):
        lines, gold = _document(pairs, rng)
        text = [part for line in lines for part in (line, "")]
        blocks = split_blocks(enumerate(text, start=1))
        zh = [block for block in blocks if block.lang == "zh"]
        en = [block for block in blocks if block.lang == "en"]
        output = {
            ("".join(b.text for b in zh_group), " ".join(b.text for b in en_group))
            for zh_group, en_group in align(zh, en)
            if zh_group and en_group
        }
        true += len(gold)
        found += len(output)
        correct += len(gold & output)
    print(f"{args.documents} documents, {true} true paragraph pairs, {found} pairs output")
    print(f"recall {correct / true:.3f}, precision {correct / found:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
