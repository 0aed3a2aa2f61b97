"""Lint: one test per rule, plus a clean glossary that must pass."""

from __future__ import annotations

from termx.glossary import Glossary, lint
from termx.glossary.lint import related
from termx.model import GlossaryEntry as E


def _rules(*entries: E) -> list[tuple[str, int]]:
    return [(problem.rule, problem.index) for problem in lint(Glossary(entries))]


def test_clean_glossary_has_no_problems() -> None:
    assert (
        _rules(
            E("上海合作組織", "Shanghai Cooperation Organization", "approved", ("SCO",)),
            # An abbreviation may share the English of its full form: 上合组织 ⊂ 上海合作组织.
            E("上合組織", "SCO", "approved"),
            E("上合組織", "SCO summit", "rejected"),
            E("和平使命", "Peace Mission", "approved", (), ("Peace Missions",)),
        )
        == []
    )


def test_duplicate_pair_across_scripts_and_case() -> None:
    assert _rules(E("上合組織", "SCO", "approved"), E("上合组织", "sco", "approved")) == [
        ("duplicate", 1),
        ("duplicate", 1),  # also two approved entries for one Chinese term
    ]


def test_two_approved_english_for_one_chinese_term() -> None:
    problems = lint(
        Glossary([E("成員國", "member states", "approved"), E("成員國", "members", "approved")])
    )
    assert [p.rule for p in problems] == ["duplicate"]
    assert "approved twice" in problems[0].message


def test_same_english_for_unrelated_chinese_terms() -> None:
    problems = lint(
        Glossary(
            [E("和平使命", "Peace Mission", "approved"), E("和平號角", "peace mission", "approved")]
        )
    )
    assert [(p.rule, p.index) for p in problems] == [("shared-english", 1)]
    assert "和平使命" in problems[0].message


def test_variant_shared_with_unrelated_term_counts_too() -> None:
    assert _rules(
        E("上合組織", "SCO", "approved"),
        E("四國軍隊反恐合作協調機制", "QCCM", "approved", ("SCO",)),
    ) == [("shared-english", 1)]


def test_approved_form_also_forbidden() -> None:
    assert _rules(E("和平使命", "Peace Mission", "approved", ("PM",), ("PM",))) == [
        ("approved-forbidden", 0)
    ]
    assert _rules(
        E("和平使命", "Peace Mission", "approved"), E("和平使命", "peace mission", "rejected")
    ) == [("approved-forbidden", 0), ("duplicate", 1)]


def test_empty_fields() -> None:
    assert _rules(E("", "SCO", "approved"), E("上海精神", " ", "pending")) == [
        ("empty-field", 0),
        ("empty-field", 1),
    ]


def test_related_means_contains_or_abbreviates() -> None:
    assert related("上合组织", "上海合作组织")
    assert related("合作", "上海合作组织")
    assert not related("和平使命", "和平号角")
