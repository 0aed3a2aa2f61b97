"""Glossary semantics: one approved English per Chinese term, variants, rejections kept."""

from __future__ import annotations

from termx.glossary import Glossary
from termx.model import GlossaryEntry


def test_lookup_folds_traditional_simplified_and_case() -> None:
    glossary = Glossary([GlossaryEntry("上合組織", "SCO", "approved")])
    assert glossary.lookup("上合组织") == glossary.entries
    assert glossary.get("上合组织", "sco") == glossary.entries[0]
    assert glossary.approved("上合組織") == glossary.entries[0]
    assert glossary.get("上合組織", "SCO summit") is None


def test_second_accepted_english_becomes_a_variant() -> None:
    glossary = Glossary()
    assert glossary.approve("上海合作組織", "Shanghai Cooperation Organization") == "approved"
    message = glossary.approve("上海合作组织", "SCO")
    assert "variant" in message
    assert glossary.entries == [
        GlossaryEntry("上海合作組織", "Shanghai Cooperation Organization", "approved", ("SCO",))
    ]
    assert glossary.status_of("上海合作組織", "sco") == "approved"
    assert glossary.is_decided("上海合作組織", "SCO")


def test_reject_keeps_the_pair_and_status_of_reports_it() -> None:
    glossary = Glossary()
    glossary.reject("和平號角", "Fanfare for Peace military tattoo")
    assert glossary.is_rejected("和平号角", "fanfare for peace military tattoo")
    assert glossary.is_decided("和平號角", "Fanfare for Peace military tattoo")
    assert not glossary.is_decided("和平號角", "Fanfare for Peace")


def test_forbidden_form_counts_as_rejected() -> None:
    glossary = Glossary()
    glossary.approve("國防部長會議", "Defense Ministers' Meeting", forbidden=("Defence Meeting",))
    assert glossary.is_rejected("国防部长会议", "defence meeting")
    # Curly and straight apostrophes fold to one key.
    assert glossary.status_of("國防部長會議", "Defense Ministers’ Meeting") == "approved"


def test_approving_a_rejected_pair_replaces_it() -> None:
    glossary = Glossary()
    glossary.reject("成員國", "member states")
    glossary.approve("成員國", "member states")
    assert glossary.entries == [GlossaryEntry("成員國", "member states", "approved")]


def test_rejecting_a_variant_moves_it_to_forbidden() -> None:
    glossary = Glossary()
    glossary.approve("成員國", "member states", variants=("member countries",))
    glossary.reject("成員國", "member countries")
    (entry,) = glossary.entries
    assert entry.variants == ()
    assert entry.forbidden == ("member countries",)


def test_pending_is_added_once_and_is_not_decided() -> None:
    glossary = Glossary()
    assert glossary.add_pending("長城國際論壇", "Great Wall International Forum")
    assert not glossary.add_pending("长城国际论坛", "Great Wall International Forum")
    assert len(glossary) == 1
    assert not glossary.is_decided("長城國際論壇", "Great Wall International Forum")


def test_copy_is_independent() -> None:
    glossary = Glossary([GlossaryEntry("上海精神", "Shanghai Spirit", "approved")])
    copy = glossary.copy()
    copy.reject("上海精神", "Shanghai spirit of cooperation")
    assert len(glossary) == 1
    assert len(copy) == 2


def test_accepting_a_rejected_english_as_a_variant_drops_the_rejection() -> None:
    glossary = Glossary()
    glossary.reject("上合組織", "Shanghai Cooperation Organisation")
    glossary.approve("上合組織", "SCO", forbidden=("S.C.O.",))
    glossary.approve("上合组织", "Shanghai Cooperation Organisation")
    glossary.approve("上合組織", "S.C.O.")  # a forbidden form approved later stops being forbidden
    assert glossary.entries == [
        GlossaryEntry(
            "上合組織", "SCO", "approved", ("Shanghai Cooperation Organisation", "S.C.O."), ()
        )
    ]
