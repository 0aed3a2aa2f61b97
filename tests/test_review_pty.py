"""Acceptance: the real `termx review` in a pseudo-terminal, killed mid-way and resumed.

Keys are typed one at a time as a person would; after each decision the test waits for the
next prompt, which is printed only after the glossary has been saved.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from conftest import spawn_review

from termx.extract.candidate_file import save_candidates
from termx.glossary import load_glossary
from termx.model import Evidence, GlossaryEntry, Origin, TermPair

pexpect = pytest.importorskip("pexpect")

PROMPT = r"key \[a r e v f s u q \?\]: "
# Real sentence pairs from the seeds (pinyin annotations stripped).
SCO_SAMPLE = (
    "在上合組織建立發展過程中,防務安全合作發揮著特殊重要作用。",
    "Throughout the process of the establishment and development of the SCO, defense and "
    "security cooperation has played a role of special significance.",
)
PEACE_SAMPLE = (
    "二是主辦并多次參加“和平使命”系列聯演、“和平號角”軍樂節、專家工作組會議,開展軍事醫學、"
    "軍事交通、軍事翻譯等專業交流。",
    "Second, we have hosted the “Peace Mission” joint exercise, the “Fanfare for Peace” "
    "military tattoo and the Expert Working Group meetings.",
)
SPIRIT_SAMPLE = (
    "中國軍隊將與上合組織各成員國軍隊大力弘揚“上海精神”。",
    "The Chinese military will work with militaries of other SCO member states to carry "
    "forward the Shanghai Spirit.",
)


def _pair(zh: str, en: str, score: float, sample: tuple[str, str]) -> TermPair:
    return TermPair(
        zh,
        en,
        score,
        1,
        (Evidence("dictionary", score, f"{zh} ↔ {en}"),),
        (Origin("seeds/000_6adf7f1293395590.txt", 9),),
        (sample,),
    )


CANDIDATES = [
    _pair("上合組織", "SCO", 0.95, SCO_SAMPLE),
    _pair("和平使命", "Peace Mission", 0.88, PEACE_SAMPLE),
    _pair("和平號角", "Fanfare for Peace military tattoo", 0.61, PEACE_SAMPLE),
    _pair("專家工作組會議", "Expert Working Group meetings", 0.55, PEACE_SAMPLE),
    _pair("軍事翻譯", "military tattoo", 0.20, PEACE_SAMPLE),
    _pair("上海精神", "Shanghai Spirit", 0.90, SPIRIT_SAMPLE),
]


def _spawn(tmp_path: Path):  # type: ignore[no-untyped-def]
    return spawn_review(tmp_path, "glossary/sco.tsv")


def _entries(tmp_path: Path) -> list[GlossaryEntry]:
    return load_glossary(tmp_path / "glossary" / "sco.tsv").entries


def _key(child, key: str) -> None:  # type: ignore[no-untyped-def]
    child.send(key)
    child.expect(PROMPT)


def test_review_killed_mid_way_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    save_candidates(CANDIDATES, tmp_path / "cands.tsv")

    # Session 1: four decisions (with an undo), then SIGKILL while an edit is being typed.
    child = _spawn(tmp_path)
    child.expect(PROMPT)
    assert "1 of 6 · accepted 0 · rejected 0" in child.before
    assert "上合組織  →  SCO" in child.before
    assert "在上合組織建立發展過程中" in child.before  # the example sentence pair
    # An arrow key is an escape sequence: its letter must not be taken as a command.
    _key(child, "\x1b[A")
    assert "1 of 6" in child.before
    assert not (tmp_path / "glossary" / "sco.tsv").exists()
    _key(child, "a")
    child.send("f")
    child.expect("wrong English form to forbid for 和平使命")
    child.sendline("Peace Missions")
    child.expect(PROMPT)
    child.send("e")
    child.expect(r"Chinese \[和平號角\]")
    child.sendline("")
    child.expect(r"English \[Fanfare for Peace military tattoo\]")
    child.sendline("Fanfare for Peace")
    child.expect(PROMPT)
    _key(child, "r")
    assert "rejected: 專家工作組會議 → Expert Working Group meetings" in child.before
    _key(child, "u")
    assert "undone: 專家工作組會議 → Expert Working Group meetings" in child.before
    child.send("v")
    child.expect("another English variant for 專家工作組會議")
    child.sendline("Expert Working Group")
    child.expect(PROMPT)
    assert "5 of 6 · accepted 3 · rejected 0 · edited 1" in child.before
    child.send("e")
    child.expect(r"Chinese \[軍事翻譯\]")
    child.send("軍事")  # typed, never confirmed
    child.kill(signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL

    after_kill = [
        GlossaryEntry("上合組織", "SCO", "approved"),
        GlossaryEntry("和平使命", "Peace Mission", "approved", (), ("Peace Missions",)),
        GlossaryEntry("和平號角", "Fanfare for Peace", "approved"),
        GlossaryEntry(
            "和平號角",
            "Fanfare for Peace military tattoo",
            "rejected",
            note="edited to 和平號角 → Fanfare for Peace",
        ),
        GlossaryEntry(
            "專家工作組會議", "Expert Working Group meetings", "approved", ("Expert Working Group",)
        ),
    ]
    assert sorted(_entries(tmp_path), key=repr) == sorted(after_kill, key=repr)
    assert os.listdir(tmp_path / "glossary") == ["sco.tsv"]  # no temp file left behind

    # Session 2: resumes at the pair being typed when killed; reject it, skip the last.
    child = _spawn(tmp_path)
    child.expect(PROMPT)
    assert "Resuming: 4 of 6 already decided." in child.before
    assert "5 of 6 · accepted 0 · rejected 0 · 4 decided earlier" in child.before
    assert "軍事翻譯  →  military tattoo" in child.before
    _key(child, "r")
    assert "上海精神  →  Shanghai Spirit" in child.before
    child.send("s")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "accepted 0, rejected 1, edited 0 this session; 1 pairs undecided" in child.before

    # Session 3: only the skipped pair is left.
    child = _spawn(tmp_path)
    child.expect(PROMPT)
    assert "6 of 6" in child.before
    assert "上海精神  →  Shanghai Spirit" in child.before
    child.send("a")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    final = [
        *after_kill,
        GlossaryEntry("軍事翻譯", "military tattoo", "rejected"),
        GlossaryEntry("上海精神", "Shanghai Spirit", "approved"),
    ]
    entries = _entries(tmp_path)
    assert sorted(entries, key=repr) == sorted(final, key=repr)
    assert len({(e.zh, e.en) for e in entries}) == len(entries)  # nothing duplicated

    # Session 4: nothing left to ask.
    child = _spawn(tmp_path)
    child.expect("Nothing to review: all 6 candidates are already decided")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_a_hand_edit_during_review_is_kept_and_its_pair_not_asked_again(tmp_path: Path) -> None:
    save_candidates(CANDIDATES, tmp_path / "cands.tsv")
    child = _spawn(tmp_path)
    child.expect(PROMPT)
    _key(child, "a")
    glossary = tmp_path / "glossary" / "sco.tsv"
    edited = glossary.read_text("utf-8") + "上海精神\tShanghai Spirit\tapproved\t\t\thand edit\n"
    glossary.write_text(edited, "utf-8")
    _key(child, "a")
    assert load_glossary(glossary).get("上海精神", "Shanghai Spirit") is not None  # kept
    _key(child, "r")
    _key(child, "r")
    # The last candidate, 上海精神, was decided by hand meanwhile: the session ends here.
    child.send("r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "accepted 2, rejected 3, edited 0 this session; 0 pairs undecided" in child.before
    assert sorted(_entries(tmp_path), key=repr) == sorted(
        [
            GlossaryEntry("上合組織", "SCO", "approved"),
            GlossaryEntry("和平使命", "Peace Mission", "approved"),
            GlossaryEntry("和平號角", "Fanfare for Peace military tattoo", "rejected"),
            GlossaryEntry("專家工作組會議", "Expert Working Group meetings", "rejected"),
            GlossaryEntry("軍事翻譯", "military tattoo", "rejected"),
            GlossaryEntry("上海精神", "Shanghai Spirit", "approved", note="hand edit"),
        ],
        key=repr,
    )


def test_a_read_only_glossary_is_refused_before_the_first_key(tmp_path: Path) -> None:
    save_candidates(CANDIDATES, tmp_path / "cands.tsv")
    glossary = tmp_path / "glossary" / "sco.tsv"
    glossary.parent.mkdir()
    glossary.write_text("zh\ten\tstatus\n上合組織\tSCO\tpending\n", "utf-8")
    glossary.chmod(0o444)  # as root too: the mode says "do not change", whoever runs termx
    before = glossary.read_bytes()
    child = _spawn(tmp_path)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert child.before.strip() == (
        "termx: error: glossary/sco.tsv: read-only file (mode 0444); make it writable "
        "(chmod u+w) to change it"
    )
    assert glossary.read_bytes() == before
