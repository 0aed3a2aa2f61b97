"""A non-repeating benchmark corpus of Chinese–English segment pairs, built from real pairs.

Every real zh-en pair available to the project is read with `termx align FILE -o pairs.tsv`
(the project's own readers, so nothing here parses TMX or XLIFF):

  tico19-dev   ../shared/dev/tico19-dev/pairs.tsv (1,534 pairs)
  omegat       ../shared/formats/real/omegat-project_save.en-zh_CN.tmx (OmegaT memory)
  xcode        ../shared/formats/real/xcode-loop.zh-Hans.xliff (translated units only)
  angular      ../shared/formats/real/angular-g0v-timeline.messages.zh.xlf (it declares no
               target language, so a copy with target-language="zh-TW" added is read)
  seeds        seeds/ (the bilingual documents of the repository)

Pairs whose Chinese side holds no Han character (untranslated UI strings) or whose English
side holds no Latin letter are dropped, then duplicates (same Chinese or same English side).

The corpus is a stream: the source pairs are shuffled (a seeded `random.Random`, so the
corpus is the same on every machine), taken two or three at a time in that order, each group
joined into one new pair (both sides in the same order), and reshuffled when used up. Chinese
parts are joined with nothing when a part ends in punctuation, else with "。"; English parts
with a space, after a "." when a part ends without punctuation. A group whose Chinese or
English side was already produced is skipped, so NO segment repeats (asserted while
writing). The corpus of N pairs is the first N pairs of the stream, so a smaller corpus is a
prefix of a larger one and sizes compare like with like.

Each source pair is reused about N x 2.5 / sources times (~44 times at 100,000 pairs): the
terms recur as in a real memory, the segments never do, so caches keyed on a segment's text
do not flatter the figures.

Corpora are cached as TSV (zh, en; no header) in bench/.cache/, keyed on the seed, the
generator version and the source pairs' content.

    python bench/corpus.py                      # 5,000, 20,000 and 100,000 pairs
    python bench/corpus.py --sizes 5000 --show 3
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REAL = SHARED / "formats" / "real"
DEFAULT_CACHE = Path(__file__).resolve().parent / ".cache"
DEFAULT_SIZES = (5_000, 20_000, 100_000)
DEFAULT_SEED = 14
GENERATOR_VERSION = "1"  # bump when the joining rules change: the cache key includes it

# (name, path); the angular file is patched (see ANGULAR_PATCH) before it is read.
SOURCES: tuple[tuple[str, Path], ...] = (
    ("tico19-dev", SHARED / "dev" / "tico19-dev" / "pairs.tsv"),
    ("omegat", REAL / "omegat-project_save.en-zh_CN.tmx"),
    ("xcode", REAL / "xcode-loop.zh-Hans.xliff"),
    ("angular", REAL / "angular-g0v-timeline.messages.zh.xlf"),
    ("seeds", REPO / "seeds"),
)
ANGULAR_PATCH = ('source-language="en-US"', 'source-language="en-US" target-language="zh-TW"')

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
# A part ending in one of these already closes its clause: join without adding a boundary.
ZH_CLOSED = set("。！？；：，、…」』”’）)]】!?;:,.")
EN_CLOSED = set(".!?;:,)]\"'”’…")


@dataclass(frozen=True)
class SourcePairs:
    """The deduplicated real pairs and how many each source contributed."""

    pairs: tuple[tuple[str, str], ...]
    counts: tuple[tuple[str, int, int], ...]  # (source, pairs read, pairs kept)
    key: str  # content hash of the pairs, part of the cache key


def _termx_env() -> dict[str, str]:
    """The environment running this tree's termx (the editable install may point elsewhere)."""
    return {**os.environ, "PYTHONPATH": str(REPO)}


def align(path: Path, scratch: Path) -> list[tuple[str, str]]:
    """The (zh, en) pairs `termx align PATH` reads, in file order."""
    out = scratch / f"{path.name}.pairs.tsv"
    command = [sys.executable, "-m", "termx", "align", str(path), "-o", str(out)]
    done = subprocess.run(command, env=_termx_env(), capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"corpus: `termx align {path}` failed: {done.stderr.strip()}")
    pairs: list[tuple[str, str]] = []
    with out.open(encoding="utf-8") as handle:
        next(handle, None)  # the header row: zh, en, source, origin
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) >= 2:
                pairs.append((cells[0], cells[1]))
    return pairs


def load_sources() -> SourcePairs:
    """Read every source with `termx align`, drop untranslated pairs and duplicates."""
    seen_zh: set[str] = set()
    seen_en: set[str] = set()
    kept: list[tuple[str, str]] = []
    counts: list[tuple[str, int, int]] = []
    with tempfile.TemporaryDirectory(prefix="termx-corpus-") as tmp:
        scratch = Path(tmp)
        for name, path in SOURCES:
            if not path.exists():
                sys.exit(f"corpus: source {name} not found: {path}")
            if name == "angular":
                patched = scratch / path.name
                text = path.read_text(encoding="utf-8")
                patched.write_text(text.replace(*ANGULAR_PATCH, 1), encoding="utf-8")
                path = patched
            read = align(path, scratch)
            before = len(kept)
            for zh, en in read:
                zh, en = " ".join(zh.split()), " ".join(en.split())  # no tabs or newlines
                if not HAN.search(zh) or not LATIN.search(en):
                    continue
                if zh in seen_zh or en in seen_en:
                    continue
                seen_zh.add(zh)
                seen_en.add(en)
                kept.append((zh, en))
            counts.append((name, len(read), len(kept) - before))
    digest = hashlib.sha256()
    for zh, en in kept:
        digest.update(f"{zh}\t{en}\n".encode())
    return SourcePairs(tuple(kept), tuple(counts), digest.hexdigest()[:12])


def join_zh(parts: list[str]) -> str:
    """Chinese parts as one segment: no spaces, a "。" where a part ends unpunctuated."""
    text = parts[0]
    for part in parts[1:]:
        text += ("" if text[-1] in ZH_CLOSED else "。") + part
    return text


def join_en(parts: list[str]) -> str:
    """English parts as one segment: a space between, a "." where a part ends unpunctuated."""
    text = parts[0]
    for part in parts[1:]:
        text += (" " if text[-1] in EN_CLOSED else ". ") + part
    return text


def generate(pairs: tuple[tuple[str, str], ...], seed: int) -> Iterator[tuple[str, str]]:
    """The endless, deterministic stream of combined pairs; no zh or en side is repeated."""
    if len(pairs) < 3:
        raise ValueError("need at least three source pairs")
    rng = random.Random(seed)
    seen_zh: set[str] = set()
    seen_en: set[str] = set()
    order: list[int] = []
    while True:
        if len(order) < 3:  # reshuffle, keeping the leftover at the front
            fresh = list(range(len(pairs)))
            rng.shuffle(fresh)
            order = order + [i for i in fresh if i not in order]
        size = rng.choice((2, 3))
        group, order = order[:size], order[size:]
        zh = join_zh([pairs[i][0] for i in group])
        en = join_en([pairs[i][1] for i in group])
        if zh in seen_zh or en in seen_en:
            continue
        seen_zh.add(zh)
        seen_en.add(en)
        yield zh, en


def corpus_path(cache: Path, size: int, seed: int, key: str) -> Path:
    """Where the corpus of ``size`` pairs for this seed and these sources is cached."""
    return cache / f"corpus-{size}-seed{seed}-v{GENERATOR_VERSION}-{key}.tsv"


def build(
    sizes: list[int], sources: SourcePairs, cache: Path = DEFAULT_CACHE, seed: int = DEFAULT_SEED
) -> dict[int, Path]:
    """The corpus file of each size (built, or reused from the cache), by size."""
    cache.mkdir(parents=True, exist_ok=True)
    paths = {size: corpus_path(cache, size, seed, sources.key) for size in sizes}
    missing = sorted(size for size, path in paths.items() if not path.is_file())
    if not missing:
        return paths
    # One pass over the stream writes every missing size (smaller ones are prefixes).
    largest = missing[-1]
    handles = {}
    try:
        for size in missing:
            tmp = paths[size].with_suffix(".tmp")
            handles[size] = tmp.open("w", encoding="utf-8", newline="\n")
        seen: set[str] = set()
        for number, (zh, en) in enumerate(generate(sources.pairs, seed), start=1):
            assert zh not in seen and en not in seen, f"segment repeated at pair {number}"
            seen.add(zh)
            seen.add(en)
            row = f"{zh}\t{en}\n"
            for size, handle in handles.items():
                if number <= size:
                    handle.write(row)
            if number == largest:
                break
    finally:
        for handle in handles.values():
            handle.close()
    for size in missing:
        paths[size].with_suffix(".tmp").replace(paths[size])  # atomic: no half-written corpus
    return paths


def describe(sources: SourcePairs) -> str:
    """One line naming the sources and how many pairs each gave."""
    parts = ", ".join(f"{name} {kept:,}/{read:,}" for name, read, kept in sources.counts)
    return f"{len(sources.pairs):,} distinct real pairs (kept/read: {parts})"


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a comma-separated list of numbers: {text!r}"
        ) from None
    if not sizes or any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError(f"sizes must be >= 1: {text!r}")
    return sizes


def main() -> None:
    """Build (or find in the cache) the corpora and print their paths."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n\n".join(__doc__.split("\n\n")[1:]),
    )
    parser.add_argument(
        "--sizes", type=_sizes, default=list(DEFAULT_SIZES), help="pairs, comma-separated"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="shuffle seed (14)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="cache directory")
    parser.add_argument("--show", type=int, default=0, metavar="K", help="print K sample rows")
    args = parser.parse_args()
    sources = load_sources()
    print(describe(sources))
    for size, path in sorted(build(args.sizes, sources, args.cache, args.seed).items()):
        print(f"{size:>9,} pairs  {path}")
        if args.show:
            with path.open(encoding="utf-8") as handle:
                for _, row in zip(range(args.show), handle, strict=False):
                    print("   ", row.rstrip("\n"))


if __name__ == "__main__":
    main()
