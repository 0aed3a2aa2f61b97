"""Batch review (scripts and CI) and the refusal to prompt without a terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from termx.errors import TermxError
from termx.extract.candidate_file import save_candidates
from termx.glossary import Glossary, load_glossary
from termx.model import GlossaryEntry, TermPair
from termx.review import batch_review

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


def _termx(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "termx", "review", *args],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={"COLUMNS": "200", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_cli_batch_writes_the_glossary_and_lists_pending(tmp_path: Path) -> None:
    save_candidates(CANDIDATES, tmp_path / "cands.tsv")
    result = _termx(
        tmp_path,
        "cands.tsv",
        "-g",
        "glossary/sco.tsv",
        "--accept-above",
        "0.8",
        "--reject-below",
        "0.3",
        "--yes",
    )
    assert result.returncode == 0, result.stderr
    assert "5 candidates: 2 accepted, 1 rejected, 2 pending, 0 decided earlier." in result.stdout
    assert "Expert Working Group meetings" in result.stdout
    glossary = load_glossary(tmp_path / "glossary" / "sco.tsv")
    assert len(glossary) == 5
    again = _termx(tmp_path, "cands.tsv", "-g", "glossary/sco.tsv", "--accept-above", "0.8")
    assert again.returncode == 0, again.stderr
    assert "0 accepted, 0 rejected, 2 pending, 3 decided earlier." in again.stdout
    assert load_glossary(tmp_path / "glossary" / "sco.tsv") == glossary


def test_cli_without_terminal_and_without_batch_options_exits_2(tmp_path: Path) -> None:
    save_candidates(CANDIDATES, tmp_path / "cands.tsv")
    result = _termx(tmp_path, "cands.tsv", "-g", "g.tsv")
    assert result.returncode == 2
    assert result.stderr.startswith("termx: error: standard input is not a terminal")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "g.tsv").exists()


def test_cli_yes_alone_and_bad_candidates_exit_2(tmp_path: Path) -> None:
    (tmp_path / "cands.tsv").write_text("zh\ten\tscore\n上合組織\tSCO\thigh\n", "utf-8")
    yes_alone = _termx(tmp_path, "cands.tsv", "-g", "g.tsv", "--yes")
    assert yes_alone.returncode == 2
    assert "--yes needs --accept-above" in yes_alone.stderr
    bad = _termx(tmp_path, "cands.tsv", "-g", "g.tsv", "--accept-above", "0.5")
    assert bad.returncode == 2
    assert bad.stderr == "termx: error: cands.tsv:2: score 'high' is not a number\n"
