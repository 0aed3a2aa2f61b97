"""Throughput and memory of `termx check` on a large corpus (not a unit test).

Builds a corpus of N pairs by cycling the tico19-dev sentence pairs (a temp TSV file, so the
reader streams it like a user's translation memory) and a glossary of G entries: the 158
tico19 gold pairs plus synthetic entries made of 2–4 characters drawn from the corpus's own
character inventory (most never occur, as most entries of a real glossary are absent from
most segments). Then it times three passes over the file:

  read   termx.io.read_inputs alone (the input reader, for reference)
  check  read_inputs → Checker.feed for every pair → Checker.finish (findings counted, not
         kept): reading included, so check-only cost = check time − read time
  cli    the `termx check` command itself, report to a file (only with --cli)

and samples peak RSS (ru_maxrss) at 10 %, 50 % and 100 % of the check pass.

    python bench/check_speed.py                      # 1,000,000 pairs, 1,000 entries
    python bench/check_speed.py --pairs 200000 --cli
    python bench/check_speed.py --sparse             # a glossary the corpus rarely uses
"""

from __future__ import annotations

import argparse
import random
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from termx.check import Checker
from termx.io import read_inputs
from termx.model import GlossaryEntry, SegmentPair

DEV = Path(__file__).resolve().parents[2] / "shared" / "dev" / "tico19-dev"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_glossary(size: int, seed: int = 7, gold: bool = True) -> list[GlossaryEntry]:
    entries = []
    for line in (DEV / "gold_terms.tsv").read_text(encoding="utf-8").splitlines():
        zh, en = line.split("\t")
        if gold:
            entries.append(GlossaryEntry(zh, en, "approved"))
    pairs = (DEV / "pairs.tsv").read_text(encoding="utf-8").splitlines()
    chars = sorted(
        {ch for line in pairs for ch in line.split("\t")[0] if "\u4e00" <= ch <= "\u9fff"}
    )
    words = sorted(
        {w.strip(".,?!\"'()").lower() for line in pairs for w in line.split("\t")[1].split()}
    )
    words = [w for w in words if w.isalpha() and len(w) > 3]
    rng = random.Random(seed)
    seen = {entry.zh for entry in entries}
    while len(entries) < size:
        zh = "".join(rng.choice(chars) for _ in range(rng.randint(2, 4)))
        if zh in seen:
            continue
        seen.add(zh)
        en = " ".join(rng.choice(words) for _ in range(rng.randint(1, 3)))
        entries.append(GlossaryEntry(zh, en, "approved"))
    return entries


def write_corpus(path: Path, count: int) -> None:
    lines = (DEV / "pairs.tsv").read_text(encoding="utf-8").splitlines()
    with path.open("w", encoding="utf-8") as out:
        out.write("zh\ten\n")
        for number in range(count):
            out.write(lines[number % len(lines)] + "\n")


def write_glossary(path: Path, entries: list[GlossaryEntry]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("zh\ten\tstatus\tvariants\tforbidden\tnote\n")
        for entry in entries:
            out.write(f"{entry.zh}\t{entry.en}\t{entry.status}\t\t\t\n")


def timed(label: str, count: int, seconds: float, cpu: float | None = None) -> None:
    line = f"{label:6} {count:>9,} pairs in {seconds:6.2f} s = {count / seconds:>9,.0f} pairs/s"
    if cpu is not None:  # CPU time: what the figure would be on an otherwise idle machine
        line += f"  (CPU {cpu:6.2f} s = {count / cpu:>9,.0f} pairs/s)"
    print(line)


def checkpoints(
    pairs: Iterator[SegmentPair], total: int, samples: list[str]
) -> Iterator[SegmentPair]:
    marks = {max(1, total // 10), max(1, total // 2)}
    for number, pair in enumerate(pairs, start=1):
        if number in marks:
            samples.append(f"{number:,} pairs: {rss_mb():.0f} MB")
        yield pair


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--glossary", type=int, default=1000)
    parser.add_argument("--cli", action="store_true", help="also time the termx check command")
    parser.add_argument(
        "--sparse", action="store_true", help="synthetic entries only (few pairs have a term)"
    )
    args = parser.parse_args()
    if not DEV.is_dir():
        sys.exit(f"needs {DEV}")
    print(f"$ python {' '.join(shlex.quote(a) for a in sys.argv)}")
    entries = build_glossary(args.glossary, gold=not args.sparse)
    with tempfile.TemporaryDirectory() as tmp:
        corpus, glossary = Path(tmp) / "corpus.tsv", Path(tmp) / "glossary.tsv"
        write_corpus(corpus, args.pairs)
        write_glossary(glossary, entries)
        print(
            f"corpus {corpus.stat().st_size / 1e6:.0f} MB, {args.pairs:,} pairs; "
            f"glossary {len(entries):,} entries; python {sys.version.split()[0]}"
        )

        start, cpu = time.perf_counter(), time.process_time()
        count = sum(1 for _ in read_inputs([corpus]))
        timed("read", count, time.perf_counter() - start, time.process_time() - cpu)

        samples: list[str] = [f"before: {rss_mb():.0f} MB"]
        start, cpu = time.perf_counter(), time.process_time()
        checker = Checker(entries)
        built = time.perf_counter() - start
        findings = 0
        for pair in checkpoints(read_inputs([corpus]), args.pairs, samples):
            findings += len(checker.feed(pair))
        findings += len(checker.finish())
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        samples.append(f"{checker.stats.pairs:,} pairs: {rss_mb():.0f} MB")
        timed("check", checker.stats.pairs, elapsed, cpu)
        print(
            f"       automaton built in {built * 1000:.0f} ms; {findings:,} findings; "
            f"{checker.stats.pairs_with_terms:,} pairs with glossary terms"
        )
        print("peak RSS " + ", ".join(samples))

        if args.cli:
            command = [
                sys.executable,
                "-m",
                "termx",
                "check",
                str(corpus),
                "-g",
                str(glossary),
                "-f",
                "json",
                "-o",
                str(Path(tmp) / "report.json"),
                "--fail-on",
                "never",
            ]
            start = time.perf_counter()
            subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
            timed("cli", args.pairs, time.perf_counter() - start)


if __name__ == "__main__":
    main()
