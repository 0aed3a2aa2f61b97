"""What forked scoring keeps of its results (scoring.py, Stats.scoring_only): one Evidence
object per distinct line, the counting-only co-occurrence ids dropped, and the same
ranking as scoring in one process, on real text (the tico19 slice)."""

from __future__ import annotations

import pytest
from conftest import TICO

from termx.extract import scoring
from termx.extract.corpus import Analyser, Stats, collect
from termx.extract.evidence import SIGNALS
from termx.extract.learn import learn_from_corpus
from termx.extract.select import Scored
from termx.glossary import Glossary
from termx.io import read_pairs
from termx.model import Evidence

MIN_SCORE = 0.05


@pytest.fixture(scope="module")
def counted() -> tuple[Stats, Analyser]:
    analyser = Analyser()
    pairs = list(read_pairs(TICO / "pairs.tsv"))[:80]
    stats = collect(pairs, analyser)
    return stats, learn_from_corpus(stats, analyser)


def _forked(stats: Stats, analyser: Analyser, monkeypatch: pytest.MonkeyPatch) -> list[Scored]:
    monkeypatch.setattr(scoring, "_MIN_PARALLEL", 100)
    tasks: list[int] = []
    real = scoring._partition

    def partition(pairs: list[tuple[str, str]], parts: int) -> list[scoring.array[int]]:
        found = real(pairs, parts)
        tasks.append(len(found))
        return found

    monkeypatch.setattr(scoring, "_partition", partition)
    found = scoring.score_all(stats, analyser, SIGNALS, Glossary(()), MIN_SCORE, 2)
    assert tasks and tasks[0] > 2  # the forked path ran
    return found


def test_forked_scoring_shares_one_object_per_distinct_line(
    counted: tuple[Stats, Analyser], monkeypatch: pytest.MonkeyPatch
) -> None:
    stats, analyser = counted
    serial = scoring.score_all(stats, analyser, SIGNALS, Glossary(()), MIN_SCORE, 1)
    forked = _forked(stats, analyser, monkeypatch)
    assert forked == serial and len(serial) > 300
    lines = [line for *_, evidence in forked for line in evidence]
    by_value: dict[tuple[str, float, str], set[int]] = {}
    for line in lines:
        by_value.setdefault((line.kind, line.value, line.reason), set()).add(id(line))
    # Equal lines are one object, whichever process scored their pair; and lines do recur
    # (the same gloss for every English of a Chinese term), so sharing saves objects.
    assert all(len(ids) == 1 for ids in by_value.values())
    assert len(by_value) < len(lines) * 0.8


def test_an_int_value_is_not_shared_with_an_equal_float() -> None:
    """1 == 1.0, but a JSON candidate file writes them differently: only floats are shared."""
    lines = scoring._Lines()
    as_float = lines.shared([Evidence("cooc", 1.0, "seen together")])
    received = lines.made([("cooc", 1, "seen together"), ("cooc", 1.0, "seen together")])
    assert type(received[0].value) is int and received[1] is as_float[0]
    assert lines.shared([Evidence("cooc", 1, "seen together")])[0] is not received[0]


def test_scoring_only_drops_the_cooccurrence_ids_and_changes_no_score(
    counted: tuple[Stats, Analyser],
) -> None:
    stats, analyser = counted
    before = scoring.score_all(stats, analyser, SIGNALS, Glossary(()), MIN_SCORE, 1)
    cooccurrences = stats.cooccurrences
    assert len(cooccurrences.zh_flat) > 1000  # what counting kept, one id per occurrence
    try:
        stats.scoring_only()
        assert not stats.cooccurrences.zh_flat and not stats.cooccurrences.zh_ids
        after = scoring.score_all(stats, analyser, SIGNALS, Glossary(()), MIN_SCORE, 1)
    finally:
        stats.cooccurrences = cooccurrences  # the fixture is the module's
    assert after == before


def test_tasks_hold_each_keys_pairs_in_counting_order(counted: tuple[Stats, Analyser]) -> None:
    stats, _ = counted
    pairs = list(stats.joint)
    tasks = scoring._partition(pairs, 16)
    assert sorted(p for task in tasks for p in task) == list(range(len(pairs)))
    assert all(list(task) == sorted(task) for task in tasks)
    owner = {pairs[p][0]: i for i, task in enumerate(tasks) for p in task}
    assert all(owner[pairs[p][0]] == i for i, task in enumerate(tasks) for p in task)
    # Keys are dealt out in first-counted order: a task's keys all come before the next's.
    firsts = [min(task) for task in tasks]
    assert firsts == sorted(firsts) and 8 <= len(tasks) <= 17
