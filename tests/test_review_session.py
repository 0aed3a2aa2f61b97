"""The review core: every key's effect on the session state and the glossary, no terminal."""

from __future__ import annotations

from termx.glossary import Glossary
from termx.glossary.review import SessionState, decide, excerpt, highlight_spans, start_session
from termx.model import Evidence, GlossaryEntry, Origin, TermPair

# Real sentence pairs from the seeds (pinyin annotations stripped).
SCO_SAMPLE = (
    "在上合組織建立發展過程中,防務安全合作發揮著特殊重要作用。",
    "Throughout the process of the establishment and development of the SCO, defense and "
    "security cooperation has played a role of special significance.",
)
PEACE_SAMPLE = (
    "二是主辦并多次參加“和平使命”系列聯演、“和平號角”軍樂節、專家工作組會議。",
    "Second, we have hosted the “Peace Mission” joint exercise, the “Fanfare for Peace” "
    "military tattoo and the Expert Working Group meetings.",
)


def _pair(zh: str, en: str, score: float, sample: tuple[str, str]) -> TermPair:
    return TermPair(
        zh,
        en,
        score,
        2,
        (Evidence("dictionary", score, "test"),),
        (Origin("seeds/a.txt", 3),),
        (sample,),
    )


CANDIDATES = [
    _pair("上合組織", "SCO", 0.95, SCO_SAMPLE),
    _pair("和平使命", "Peace Mission", 0.88, PEACE_SAMPLE),
    _pair("和平號角", "Fanfare for Peace military tattoo", 0.61, PEACE_SAMPLE),
    _pair("專家工作組會議", "Expert Working Group meetings", 0.55, PEACE_SAMPLE),
]


def _run(state: SessionState, *keys: str) -> SessionState:
    for key in keys:
        state = decide(state, key)
    return state


def test_accept_reject_skip_move_on_and_count() -> None:
    state = _run(start_session(CANDIDATES, Glossary()), "a", "r", "s")
    assert state.current == CANDIDATES[3]
    assert (state.tally.accepted, state.tally.rejected, state.tally.skipped) == (1, 1, 1)
    assert state.glossary.entries == [
        GlossaryEntry("上合組織", "SCO", "approved"),
        GlossaryEntry("和平使命", "Peace Mission", "rejected"),
    ]
    assert state.status_line() == "4 of 4 · accepted 1 · rejected 1 · skipped 1"


def test_every_change_is_a_new_glossary_object_and_the_old_one_is_untouched() -> None:
    first = start_session(CANDIDATES, Glossary())
    second = decide(first, "a")
    assert second.glossary is not first.glossary
    assert len(first.glossary) == 0
    assert decide(second, "s").glossary is second.glossary  # skip changes nothing to save
    assert decide(second, "?").glossary is second.glossary


def test_undo_restores_glossary_position_and_tally() -> None:
    state = _run(start_session(CANDIDATES, Glossary()), "a", "r")
    undone = decide(state, "u")
    assert undone.current == CANDIDATES[1]
    assert undone.glossary.entries == [GlossaryEntry("上合組織", "SCO", "approved")]
    assert undone.tally.rejected == 0
    assert undone.message == "undone: 和平使命 → Peace Mission"
    twice = decide(undone, "u")
    assert twice.current == CANDIDATES[0]
    assert len(twice.glossary) == 0
    assert decide(twice, "u").message == "nothing to undo"


def test_edit_saves_the_edited_form_and_rejects_the_extracted_pair() -> None:
    state = _run(start_session(CANDIDATES, Glossary()), "a", "a")
    state = decide(state, "e", zh="", en="Fanfare for Peace")
    assert state.current == CANDIDATES[3]
    assert state.tally.edited == 1
    assert state.glossary.get("和平號角", "Fanfare for Peace") == GlossaryEntry(
        "和平號角", "Fanfare for Peace", "approved"
    )
    rejected = state.glossary.get("和平號角", "Fanfare for Peace military tattoo")
    assert rejected is not None
    assert rejected.status == "rejected"
    assert rejected.note == "edited to 和平號角 → Fanfare for Peace"


def test_edit_of_the_chinese_only() -> None:
    state = decide(start_session(CANDIDATES, Glossary()), "e", zh="上海合作組織", en=None)
    assert state.glossary.status_of("上海合作組織", "SCO") == "approved"
    assert state.glossary.status_of("上合組織", "SCO") == "rejected"


def test_edit_without_change_asks_again() -> None:
    state = start_session(CANDIDATES, Glossary())
    same = decide(state, "e", zh="", en="")
    assert same.current == CANDIDATES[0]
    assert same.message == "unchanged; decide again"


def test_variant_and_forbidden() -> None:
    state = decide(start_session(CANDIDATES, Glossary()), "v", form="Shanghai Cooperation Org")
    state = decide(state, "f", form="Peace Missions")
    assert state.glossary.entries == [
        GlossaryEntry("上合組織", "SCO", "approved", ("Shanghai Cooperation Org",)),
        GlossaryEntry("和平使命", "Peace Mission", "approved", (), ("Peace Missions",)),
    ]
    cancelled = decide(state, "v", form="  ")
    assert cancelled.current == CANDIDATES[2]
    assert cancelled.message == "cancelled (no form given)"


def test_resume_skips_decided_pairs_by_fold_key() -> None:
    glossary = Glossary(
        [
            GlossaryEntry("上合组织", "sco", "approved"),  # Simplified, lower case
            GlossaryEntry("和平号角", "Fanfare for Peace military tattoo", "rejected"),
            GlossaryEntry("和平使命", "Peace Mission", "pending"),  # pending: ask again
        ]
    )
    state = start_session(CANDIDATES, glossary)
    assert state.decided_before == 2
    assert state.current == CANDIDATES[1]
    state = decide(state, "a")
    assert state.current == CANDIDATES[3]  # 和平號角 was rejected earlier
    assert state.glossary.get("和平使命", "Peace Mission").status == "approved"  # type: ignore[union-attr]
    assert len(state.glossary) == 3


def test_duplicate_candidates_are_asked_once() -> None:
    twice = [CANDIDATES[0], _pair("上合组织", "sco", 0.9, SCO_SAMPLE), CANDIDATES[1]]
    state = decide(start_session(twice, Glossary()), "a")
    assert state.current == CANDIDATES[1]


def test_quit_help_and_unknown_keys() -> None:
    state = start_session(CANDIDATES, Glossary())
    assert decide(state, "q").finished
    assert "a  accept the pair" in decide(state, "?").message
    assert decide(state, "x").message == "unknown key 'x'; press ? for help"


def test_highlight_matches_across_scripts_and_case() -> None:
    zh = SCO_SAMPLE[0]
    assert [zh[a:b] for a, b in highlight_spans(zh, "上合组织")] == ["上合組織"]
    en = PEACE_SAMPLE[1]
    assert [en[a:b] for a, b in highlight_spans(en, "peace mission")] == ["Peace Mission"]
    # Whole words only for English: "SCO" is not highlighted inside "disco".
    assert highlight_spans("disco and SCO", "SCO") == [(10, 13)]
    assert highlight_spans("Defense Ministers’ Meeting", "Defense Ministers' Meeting") == [(0, 26)]


def test_long_sentences_are_cut_around_the_term() -> None:
    sentence = (
        "开展军事医学、军事交通等专业交流," * 12
        + "参加“和平使命”系列联演。"
        + "各领域合作不断走深走实。" * 10
    )
    spans = highlight_spans(sentence, "和平使命")
    shown, shifted = excerpt(sentence, spans, width=60)
    assert shown.startswith("…")
    assert shown.endswith("…")
    assert len(shown) == 62
    assert [shown[a:b] for a, b in shifted] == ["和平使命"]
    assert excerpt("short", [(0, 5)]) == ("short", [(0, 5)])


def test_edited_forms_are_cleaned() -> None:
    state = decide(
        start_session(CANDIDATES, Glossary()), "e", en="  Shanghai   Cooperation\tOrganisation "
    )
    assert state.glossary.status_of("上合組織", "Shanghai Cooperation Organisation") == "approved"
