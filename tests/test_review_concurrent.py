"""Two (or more) reviews of one glossary at the same time: no confirmed decision is lost.

Each trial starts the sessions together and lets them race; what is asserted is the outcome,
which must be the same every time (no timing assertion). TERMX_RACE_TRIALS raises the number
of trials (the issue's reproducer ran 50).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import TICO, spawn_review

from termx.extract.candidate_file import save_candidates
from termx.glossary import Glossary, load_glossary, save_glossary
from termx.glossary.review import SharedReview
from termx.model import GlossaryEntry, TermPair
from termx.text import fold

pexpect = pytest.importorskip("pexpect")

TRIALS = int(os.environ.get("TERMX_RACE_TRIALS", "2"))
WORKERS = 3
PROMPT = r"key \[a r e v f s u q \?\]: "


def _candidates() -> list[TermPair]:
    """Real term pairs (the TICO-19 slice's term list, read here, not written into the test)."""
    rows = TICO.joinpath("gold_terms.tsv").read_text("utf-8").splitlines()
    first: dict[str, TermPair] = {}  # one English per Chinese term, so each pair stands alone
    for zh, en in (row.split("\t") for row in rows):
        first.setdefault(fold(zh), TermPair(zh, en, 0.5, 1))
    pairs = list(first.values())[:24]
    assert len(pairs) == 24
    return pairs


def _owner(index: int) -> int:
    return index % WORKERS


def _final_key(index: int) -> str:
    return "a" if index % 2 else "r"


def _worker(path: str, owner: int, start: Any) -> None:
    """One session: decides the candidates it owns, skips the others (which another session
    decides meanwhile); every fourth of its own it first accepts, undoes, then decides."""
    pairs = _candidates()
    session = SharedReview(Path(path), pairs, load_glossary(path))
    start.wait()
    while not session.state.finished:
        index = session.state.position
        if _owner(index) != owner:
            session.press("s")
            continue
        if index % 4 == 0:
            session.press("a")
            session.press("u")
            assert session.state.position == index
        session.press(_final_key(index))


def _expected(pairs: list[TermPair], earlier: GlossaryEntry) -> list[GlossaryEntry]:
    decided = [
        GlossaryEntry(pair.zh, pair.en, "approved" if _final_key(i) == "a" else "rejected")
        for i, pair in enumerate(pairs)
    ]
    return sorted([*decided, earlier], key=repr)


@pytest.mark.skipif(sys.platform == "win32", reason="fork start method")
def test_concurrent_sessions_keep_every_decision(tmp_path: Path) -> None:
    pairs = _candidates()
    earlier = GlossaryEntry("冠状病毒", "crown virus", "rejected", note="decided before")
    context = multiprocessing.get_context("fork")
    for trial in range(TRIALS):
        path = tmp_path / f"trial{trial}" / "g.tsv"
        path.parent.mkdir()
        save_glossary(Glossary([earlier]), path)
        start = context.Barrier(WORKERS)
        workers = [
            context.Process(target=_worker, args=(str(path), owner, start))
            for owner in range(WORKERS)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(120)
        assert [worker.exitcode for worker in workers] == [0] * WORKERS, f"trial {trial}"
        entries = sorted(load_glossary(path).entries, key=repr)
        assert entries == _expected(pairs, earlier), f"trial {trial}"
        assert os.listdir(path.parent) == ["g.tsv"], f"trial {trial}"  # no lock or temp left


def _spawn(tmp_path: Path):  # type: ignore[no-untyped-def]
    return spawn_review(tmp_path, "glossary/g.tsv")


def test_two_terminals_accept_and_reject_at_once_both_kept(tmp_path: Path) -> None:
    """The issue's reproducer: A accepts candidate 1 while B rejects candidate 2; both screens
    confirm; the file must hold both decisions (17 of 50 trials lost one before)."""
    pairs = _candidates()[:3]
    for trial in range(TRIALS):
        where = tmp_path / f"trial{trial}"
        where.mkdir()
        save_candidates(pairs, where / "cands.tsv")
        a, b = _spawn(where), _spawn(where)
        a.expect(PROMPT)
        b.expect(PROMPT)
        b.send("s")
        b.expect(PROMPT)
        assert f"{pairs[1].zh}  →  {pairs[1].en}" in b.before
        a.send("a")  # both keys go out before either session has saved
        b.send("r")
        a.expect(PROMPT)
        b.expect(PROMPT)
        assert f"{pairs[2].zh}  →  {pairs[2].en}" in b.before
        for child in (a, b):
            child.send("q")
            child.expect(pexpect.EOF)
            child.close()
            assert child.exitstatus == 0
        entries = load_glossary(where / "glossary" / "g.tsv").entries
        assert sorted(entries, key=repr) == sorted(
            [
                GlossaryEntry(pairs[0].zh, pairs[0].en, "approved"),
                GlossaryEntry(pairs[1].zh, pairs[1].en, "rejected"),
            ],
            key=repr,
        ), f"trial {trial}"


def test_interleaved_sessions_merge_pass_over_and_undo_only_their_own(tmp_path: Path) -> None:
    pairs = _candidates()[:4]
    path = tmp_path / "g.tsv"
    # Both sessions start on an empty glossary, as two terminals opened together would.
    a = SharedReview(path, pairs, Glossary())
    b = SharedReview(path, pairs, Glossary())

    a.press("a")  # A accepts pair 0 ...
    b.press("r")  # ... B, still showing pair 0, rejects it: the later key wins, and says so
    assert "another review had approved it meanwhile; this decision replaces that" in (
        b.state.message
    )
    assert b.state.position == 1
    a.press("u")  # A's undo must not delete B's later decision
    assert a.state.position == 0
    assert "another review changed 1 of its entries since; theirs are kept" in a.state.message
    assert load_glossary(path).entries == [GlossaryEntry(pairs[0].zh, pairs[0].en, "rejected")]

    # A, back on pair 0 after its undo, accepts it again: the later key wins once more.
    a.press("a")
    assert a.state.position == 1
    a.press("a")  # A accepts pair 1
    b.press("s")  # B, on pair 1, skips it
    assert b.state.position == 2
    b.press("a")  # B accepts pair 2 and undoes that: the entry is gone again
    assert load_glossary(path).get(pairs[2].zh, pairs[2].en) is not None
    b.press("u")
    assert load_glossary(path).get(pairs[2].zh, pairs[2].en) is None
    assert b.state.position == 2
    a.press("s")  # A skips pair 2 and rejects pair 3 ...
    a.press("r")
    assert a.state.finished
    b.press("a")  # ... so B, accepting pair 2, passes over pair 3: nothing left to ask
    assert b.state.finished
    assert sorted(load_glossary(path).entries, key=repr) == sorted(
        [
            GlossaryEntry(pairs[0].zh, pairs[0].en, "approved"),
            GlossaryEntry(pairs[1].zh, pairs[1].en, "approved"),
            GlossaryEntry(pairs[2].zh, pairs[2].en, "approved"),
            GlossaryEntry(pairs[3].zh, pairs[3].en, "rejected"),
        ],
        key=repr,
    )
    assert b.state.tally.accepted == 1 and a.state.tally.rejected == 1
