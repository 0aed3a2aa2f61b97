"""Does a scoring change hold on data it was not tuned on? tico19-dev, half by half.

The 1,534 pairs of ../shared/dev/tico19-dev/pairs.tsv are cut into their first and second
halves (767 pairs each, file order, so mostly different source documents). Each half gets the
gold pairs that occur in it, by the rule the dev README gives for the whole list: the zh in a
pair's Chinese and the en, case-insensitively, in the same pair's English. The script runs,
for each half,

    termx extract HALF.tsv -o HALF.candidates.tsv --quiet

and scores the file as `termx eval HALF.candidates.tsv --gold HALF.gold.tsv` does (recall,
pairing accuracy). A change tuned on the whole file that helps only one half is fitting that
half, not the method.

    python bench/halves.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev" / "tico19-dev"


def split(pairs: Path, gold: Path, out: Path) -> list[tuple[str, Path, Path, int]]:
    rows = [line.rstrip("\n").split("\t") for line in pairs.read_text("utf-8").splitlines()]
    terms = [line.split("\t") for line in gold.read_text("utf-8").splitlines() if line.strip()]
    middle = len(rows) // 2
    halves = []
    for name, part in (("first", rows[:middle]), ("second", rows[middle:])):
        pairs_file, gold_file = out / f"{name}.tsv", out / f"{name}.gold.tsv"
        pairs_file.write_text("".join("\t".join(row) + "\n" for row in part), "utf-8")
        found = [
            (zh, en)
            for zh, en in terms
            if any(zh in row[0] and en.lower() in row[1].lower() for row in part)
        ]
        gold_file.write_text("".join(f"{zh}\t{en}\n" for zh, en in found), "utf-8")
        halves.append((name, pairs_file, gold_file, len(part)))
    return halves


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="write the halves and candidate files here")
    args = parser.parse_args(argv)
    from termx.extract.candidate_file import read_candidates
    from termx.extract.evaluate import evaluate, load_gold

    with tempfile.TemporaryDirectory(prefix="termx-halves-") as tmp:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        print("half     pairs  recall           pairing accuracy")
        for name, pairs_file, gold_file, size in split(
            DEV / "pairs.tsv", DEV / "gold_terms.tsv", out
        ):
            candidates = out / f"{name}.candidates.tsv"
            command = [sys.executable, "-m", "termx", "extract", str(pairs_file)]
            subprocess.run([*command, "-o", str(candidates), "--quiet"], check=True, cwd=ROOT)
            report = evaluate(read_candidates(candidates), load_gold(gold_file), 60)
            found = report.overall
            print(
                f"{name:<7} {size:>6}  {found.recall or 0:.3f} ({found.found}/{found.total})"
                f"  {report.pairing_accuracy or 0:.3f}"
                f" ({report.pairing_correct}/{report.pairing_offered})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
