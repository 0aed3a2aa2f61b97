"""Terminal safety: control sequences inside candidates never reach the reviewer's terminal raw.

A term, evidence, example or sample holding ``ESC [2J`` (clear screen) or ``ESC ]0;…BEL`` (set
the window title) is shown as visible ``\\x1b`` escapes, on the real review screen in a
pseudo-terminal (TERM=dumb, so rich itself emits no escape codes: any ESC byte on the screen
came from the data) and in the batch table.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_termx, spawn_review

from termx.extract.candidate_file import save_candidates
from termx.model import Evidence, Origin, TermPair

pexpect = pytest.importorskip("pexpect")

CLEAR = "\x1b[2J"
TITLE = "\x1b]0;owned\x07"
HOSTILE = TermPair(
    f"上合組織{CLEAR}",
    f"SCO{TITLE}",
    0.5,
    1,
    (Evidence("dictionary", 0.9, f"上合組織 ↔ SCO{CLEAR}"),),
    (Origin(f"seeds/a{CLEAR}.txt", 9),),
    ((f"在上合組織{CLEAR}建立發展過程中。", f"The SCO{TITLE} was established."),),
)


def test_review_screen_shows_escapes_visibly(tmp_path: Path) -> None:
    save_candidates([HOSTILE], tmp_path / "cands.tsv")
    child = spawn_review(tmp_path, "sco.tsv", columns=200)
    child.expect(r"key \[a r e v f s u q \?\]: ")
    screen = child.before
    child.send("e")  # the edit prompt quotes the term too
    child.expect(r"\(Enter keeps\): ")
    screen += child.before + child.after
    child.sendline("")
    child.expect(r"\(Enter keeps\): ")
    screen += child.before + child.after
    child.sendline("")
    child.expect(r"key \[a r e v f s u q \?\]: ")
    child.send("q")
    child.expect(pexpect.EOF)
    screen += child.before
    assert "\x1b" not in screen and "\x07" not in screen
    # Every place the data appears: term, English, evidence, example origin, both samples.
    assert "上合組織\\x1b[2J" in screen
    assert "SCO\\x1b]0;owned\\x07" in screen
    assert "seeds/a\\x1b[2J.txt:9" in screen
    assert "建立發展過程中" in screen and "The SCO\\x1b]0;owned\\x07 was" in screen
    assert screen.count("\\x1b[2J") >= 4


def test_batch_table_and_messages_show_escapes_visibly(tmp_path: Path) -> None:
    os.chdir(tmp_path)
    save_candidates([HOSTILE], tmp_path / "cands.tsv")
    result = run_termx("review", "cands.tsv", "-g", "sco.tsv", "--accept-above", "0.9", "--yes")
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b[2J" in result.stdout and "\\x1b]0;owned\\x07" in result.stdout
