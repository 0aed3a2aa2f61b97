"""Batch review (scripts and CI) and the refusal to prompt without a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_termx

from termx.errors import TermxError
from termx.extract.candidate_file import save_candidates
from termx.glossary import Glossary, load_glossary, save_glossary
from termx.glossary.review import batch_review
from termx.model import GlossaryEntry, TermPair

CANDIDATES = [
    TermPair("上合組織", "SCO", 0.95, 12),
    TermPair("上合组织", "SCO summit", 0.81, 2),  # same term, second English: stays pending
    TermPair("和平使命", "Peace Mission", 0.88, 3),
    TermPair("專家工作組會議", "Expert Working Group meetings", 0.55, 1),
    TermPair("軍事翻譯", "military tattoo", 0.20, 1),
]


def test_thresholds_accept_reject_and_leave_pending() -> None:
    result = batch_review(CANDIDATES, Glossary(), accept_above=0.8, reject_below=0.3)
    assert [p.en for p in result.accepted] == ["SCO", "Peace Mission"]
    assert [p.en for p in result.rejected] == ["military tattoo"]
    assert [p.en for p in result.pending] == ["SCO summit", "Expert Working Group meetings"]
    statuses = {(e.zh, e.en): e.status for e in result.glossary}
    assert statuses == {
        ("上合組織", "SCO"): "approved",
        ("上合组织", "SCO summit"): "pending",
        ("和平使命", "Peace Mission"): "approved",
        ("專家工作組會議", "Expert Working Group meetings"): "pending",
        ("軍事翻譯", "military tattoo"): "rejected",
    }


def test_batch_keeps_earlier_decisions() -> None:
    earlier = Glossary([GlossaryEntry("和平使命", "Peace Mission", "rejected")])
    result = batch_review(CANDIDATES, earlier, accept_above=0.5)
    assert result.decided_before == 1
    assert earlier.status_of("和平使命", "Peace Mission") == "rejected"
    assert result.glossary.status_of("和平使命", "Peace Mission") == "rejected"


def test_thresholds_must_be_ordered() -> None:
    with pytest.raises(TermxError, match="above --accept-above"):
        batch_review(CANDIDATES, Glossary(), accept_above=0.3, reject_below=0.5)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in ``tmp_path`` so that the messages name the files as a user typed them."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    save_candidates(CANDIDATES, tmp_path / "cands.tsv")
    return tmp_path


BATCH = ("--accept-above", "0.8", "--reject-below", "0.3", "--yes")


def test_cli_batch_writes_the_glossary_and_lists_pending(in_tmp: Path) -> None:
    result = run_termx("review", "cands.tsv", "-g", "glossary/sco.tsv", *BATCH)
    assert result.exit_code == 0, result.stderr
    assert "5 candidates: 2 accepted, 1 rejected, 2 pending, 0 decided earlier." in result.stdout
    assert "Expert Working Group meetings" in result.stdout
    glossary = load_glossary(in_tmp / "glossary" / "sco.tsv")
    assert len(glossary) == 5
    again = run_termx("review", "cands.tsv", "-g", "glossary/sco.tsv", "--accept-above", "0.8")
    assert again.exit_code == 0, again.stderr
    assert "0 accepted, 0 rejected, 2 pending, 3 decided earlier." in again.stdout
    assert load_glossary(in_tmp / "glossary" / "sco.tsv") == glossary
    assert sorted(p.name for p in (in_tmp / "glossary").iterdir()) == ["sco.tsv"]  # no lock


def test_cli_without_terminal_and_without_batch_options_exits_2(in_tmp: Path) -> None:
    result = run_termx("review", "cands.tsv", "-g", "g.tsv")
    assert result.exit_code == 2
    assert result.stderr.startswith("termx: error: standard input is not a terminal")
    assert result.stderr.count("\n") == 1
    assert not (in_tmp / "g.tsv").exists()


def test_cli_yes_alone_and_bad_candidates_exit_2(in_tmp: Path) -> None:
    (in_tmp / "cands.tsv").write_text("zh\ten\tscore\n上合組織\tSCO\thigh\n", "utf-8")
    yes_alone = run_termx("review", "cands.tsv", "-g", "g.tsv", "--yes")
    assert yes_alone.exit_code == 2
    assert "--yes needs --accept-above" in yes_alone.stderr
    bad = run_termx("review", "cands.tsv", "-g", "g.tsv", "--accept-above", "0.5")
    assert bad.exit_code == 2
    assert bad.stderr == "termx: error: cands.tsv:2: score 'high' is not a number\n"


def test_cli_batch_refuses_a_read_only_glossary_before_deciding(in_tmp: Path) -> None:
    glossary = in_tmp / "sco.tsv"
    save_glossary(Glossary([GlossaryEntry("和平使命", "Peace Mission", "pending")]), glossary)
    glossary.chmod(0o444)
    before = glossary.read_bytes()
    result = run_termx("review", "cands.tsv", "-g", "sco.tsv", *BATCH)
    assert result.exit_code == 2
    assert result.stdout == ""  # refused before any table or decision
    assert result.stderr == (
        "termx: error: sco.tsv: read-only file (mode 0444); make it writable (chmod u+w) "
        "to change it\n"
    )
    assert glossary.read_bytes() == before
    assert glossary.stat().st_mode & 0o777 == 0o444


def test_cli_batch_keeps_what_another_review_saved_meanwhile(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import termx.cli.review as cli_review

    glossary = in_tmp / "sco.tsv"
    shown = cli_review._print_batch

    def another_review_saves(*args: object) -> None:
        # While the batch table is on screen, another session rejects 上合組織 → SCO
        # (which this batch accepts) and accepts the pair this batch leaves pending.
        other = Glossary()
        other.reject("上合組織", "SCO")
        other.approve("專家工作組會議", "Expert Working Group meetings")
        save_glossary(other, glossary)
        shown(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(cli_review, "_print_batch", another_review_saves)
    result = run_termx("review", "cands.tsv", "-g", "sco.tsv", *BATCH)
    assert result.exit_code == 0, result.stderr
    assert "sco.tsv changed while this ran; applied to it as it is now" in result.stdout
    statuses = {(e.zh, e.en): e.status for e in load_glossary(glossary)}
    assert statuses == {
        ("上合組織", "SCO"): "rejected",  # the other session's decisions stand
        ("專家工作組會議", "Expert Working Group meetings"): "approved",
        # With SCO rejected the term has no English yet, so the thresholds now accept this.
        ("上合组织", "SCO summit"): "approved",
        ("和平使命", "Peace Mission"): "approved",
        ("軍事翻譯", "military tattoo"): "rejected",
    }
