"""The default ``--min-score`` cut (issue 12 item 5): what it leaves out is counted and said."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from conftest import SEEDS, Run

from termx import ExtractOptions, extraction, read_inputs
from termx.extract import MIN_SCORE


def test_the_count_of_terms_below_the_cut_is_the_terms_min_score_0_adds() -> None:
    pairs = list(read_inputs([SEEDS]))
    cut = extraction(pairs)
    everything = extraction(pairs, ExtractOptions(min_score=0.0))
    assert everything.below_min_score == 0
    assert all(pair.score >= MIN_SCORE for pair in cut.pairs)
    added = {p.zh for p in everything.pairs} - {p.zh for p in cut.pairs}
    assert cut.below_min_score == len(added) > 0
    assert len(cut.pairs) < len(everything.pairs)


def test_terms_the_glossary_decides_are_not_counted_as_cut(tmp_path: Path) -> None:
    pairs = list(read_inputs([SEEDS]))
    first = extraction(pairs)
    everything = extraction(pairs, ExtractOptions(min_score=0.0))
    kept = {p.zh for p in first.pairs}
    dropped = sorted({p.zh for p in everything.pairs} - kept)
    # Reject one term the cut left out with every English the run offers anywhere (its
    # counted partners are among them): it is then decided, not cut.
    term = dropped[0]
    glossary = tmp_path / "g.tsv"
    rows = [f"{term}\t{en}\trejected\n" for en in sorted({p.en for p in everything.pairs})]
    glossary.write_text("zh\ten\tstatus\n" + "".join(rows), encoding="utf-8")
    from termx import load_glossary

    decided = extraction(pairs, ExtractOptions(glossary=load_glossary(glossary)))
    assert decided.below_min_score == first.below_min_score - 1


def test_the_summary_line_says_how_many_terms_the_cut_left_out(
    termx: Callable[..., Run], tmp_path: Path
) -> None:
    run = termx("extract", SEEDS, "-o", tmp_path / "c.tsv")
    assert run.exit_code == 0, run.stderr
    said = re.search(r"(\d+) more Chinese terms? scored below --min-score ([\d.]+)", run.stderr)
    assert said, run.stderr
    assert float(said.group(2)) == MIN_SCORE
    assert int(said.group(1)) == extraction(list(read_inputs([SEEDS]))).below_min_score
    everything = termx("extract", SEEDS, "-o", tmp_path / "all.tsv", "--min-score", "0")
    assert "scored below" not in everything.stderr
