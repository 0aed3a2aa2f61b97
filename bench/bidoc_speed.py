"""How bilingual-document alignment scales: seconds to read documents of 1k, 4k and 30k
paragraph pairs.

The documents are built from the seeds' own paragraph pairs (``termx align seeds/``), shuffled
and recombined (each generated paragraph joins one or two random seed paragraphs, a random
sentence of a third is sometimes appended to both sides), with a byline or share button now and
then, so that no paragraph repeats a fixed pattern. Prints one line per size: paragraphs, pairs
found, seconds, and microseconds per paragraph pair (flat = linear).

    python bench/bidoc_speed.py [--sizes 1000 4000 30000] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from termx.io import ReadStats, read_inputs, read_pairs
from termx.io.bidoc import sentences_en, sentences_zh

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
DEBRIS = ("分享到", "返回顶部", "Share", "Back to top", "责任编辑：王粲", "Print")


def _seed_pairs() -> list[tuple[str, str]]:
    return [(pair.zh, pair.en) for pair in read_inputs([SEEDS])]


def _paragraph(pairs: list[tuple[str, str]], rng: random.Random) -> tuple[str, str]:
    chosen = rng.sample(pairs, rng.choice((1, 1, 2)))
    zh = "".join(p[0] for p in chosen)
    en = " ".join(p[1] for p in chosen)
    if rng.random() < 0.5:
        extra_zh, extra_en = rng.choice(pairs)
        zh_parts, en_parts = sentences_zh(extra_zh), sentences_en(extra_en)
        if len(zh_parts) == len(en_parts):
            k = rng.randrange(len(zh_parts))
            zh, en = zh + zh_parts[k], en + " " + en_parts[k]
    return zh, en


def document(size: int, rng: random.Random) -> str:
    """A bilingual document of ``size`` paragraph pairs, Chinese before English."""
    pairs = _seed_pairs()
    blocks: list[str] = []
    for _ in range(size):
        zh, en = _paragraph(pairs, rng)
        blocks += [zh, en]
        if rng.random() < 0.03:
            blocks.append(rng.choice(DEBRIS))
    return "\n\n".join(blocks) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 30000])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"{'paragraphs':>10} {'pairs':>7} {'seconds':>8} {'µs/paragraph':>13}")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"doc{size}.txt"
            path.write_text(document(size, random.Random(args.seed)), encoding="utf-8")
            stats = ReadStats()
            start = time.perf_counter()
            count = sum(1 for _ in read_pairs(path, stats=stats))
            seconds = time.perf_counter() - start
            print(f"{size:>10} {count:>7} {seconds:>8.2f} {seconds / size * 1e6:>13.0f}")


if __name__ == "__main__":
    main()
