"""The checker on real references (the tico19-dev slice in tests/data): silent where they
follow the glossary, and it finds every glossary term replaced by a wrong word. The oracle
here is deliberately naive (substring and regular expression), independent of the
Aho–Corasick matcher under test."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

import pytest
from conftest import TICO as DEV

from termx.check import Checker, CheckOptions, check
from termx.model import GlossaryEntry, Origin, SegmentPair
from termx.text import fold

WRONG = "gizmo"  # a real English word, and not a form of any glossary term


def _gold() -> dict[str, list[str]]:
    forms: dict[str, list[str]] = defaultdict(list)
    for line in (DEV / "gold_terms.tsv").read_text(encoding="utf-8").splitlines():
        zh, en = line.split("\t")
        forms[zh].append(en)
    return dict(forms)


def _glossary(gold: dict[str, list[str]]) -> list[GlossaryEntry]:
    return [
        GlossaryEntry(zh, forms[0], "approved", variants=tuple(forms[1:]))
        for zh, forms in gold.items()
    ]


def _pairs() -> list[SegmentPair]:
    lines = (DEV / "pairs.tsv").read_text(encoding="utf-8").splitlines()
    pairs = []
    for number, line in enumerate(lines, start=1):
        zh, en = line.split("\t")
        pairs.append(SegmentPair(zh, en, Origin("pairs.tsv", number)))
    return pairs


def _en_pattern(forms: list[str]) -> re.Pattern[str]:
    """The forms, their plural, and the singular of a plural form ("deaths" also is "death")."""
    spellings = set(forms) | {form[:-1] for form in forms if form.endswith("s")}
    spellings |= {form[:-1] + "ies" for form in forms if re.search(r"[^aeiou]y$", form)}
    alternatives = "|".join(re.escape(form) for form in sorted(spellings, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:s|es)?(?!\w)", re.IGNORECASE)


@cache
def _fold(text: str) -> str:
    return fold(text)


def _in_source(zh: str, pair: SegmentPair) -> bool:
    return _fold(zh) in _fold(pair.zh)


def _spans(key: str, folded: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(key), folded)]


def _wins(zh: str, pair: SegmentPair, gold: dict[str, list[str]]) -> bool:
    """zh occurs and no other glossary term at least as long overlaps it (longest match wins)."""
    folded = _fold(pair.zh)
    key = _fold(zh)
    if key not in folded:
        return False
    own = _spans(key, folded)
    if not own:
        return False
    for other in gold:
        other_key = _fold(other)
        if other == zh or len(other_key) < len(key) or other_key not in folded:
            continue
        for start, end in _spans(other_key, folded):
            if any(start < own_end and own_start < end for own_start, own_end in own):
                return False
    return True


def test_references_that_follow_the_glossary_raise_no_missing_term() -> None:
    gold = _gold()
    patterns = {zh: _en_pattern(forms) for zh, forms in gold.items()}
    following = []
    for pair in _pairs():
        present = [zh for zh in gold if _in_source(zh, pair)]
        if present and all(patterns[zh].search(pair.en) for zh in present):
            following.append(pair)
    assert len(following) > 60  # the test means something only on a real sample
    findings = check(following, _glossary(gold))
    missing = [finding.message for finding in findings if finding.rule == "missing-term"]
    assert missing == []


def test_every_glossary_term_replaced_by_a_wrong_word_is_found() -> None:
    gold = _gold()
    glossary = _glossary(gold)
    cases: list[tuple[SegmentPair, str]] = []
    for pair in _pairs():
        for zh, forms in gold.items():
            if not _wins(zh, pair, gold):
                continue
            pattern = _en_pattern(forms)
            if not pattern.search(pair.en):
                continue
            broken = pattern.sub(WRONG, pair.en)
            cases.append((SegmentPair(pair.zh, broken, pair.origin), zh))
    assert len(cases) > 200
    checker = Checker(glossary, CheckOptions(rules=frozenset({"missing-term"})))
    for pair, zh in cases:
        findings = checker.feed(pair)
        flagged = {fold(f.source_term) for f in findings if f.rule == "missing-term"}
        assert fold(zh) in flagged, (pair, zh, findings)


def test_english_source_direction_on_the_same_references() -> None:
    """en→zh: the same sentences read as English source and Chinese target."""
    gold = _gold()
    glossary = _glossary(gold)
    patterns = {zh: _en_pattern(forms) for zh, forms in gold.items()}
    checker = Checker(glossary, CheckOptions(rules=frozenset({"missing-term"})))
    found = 0
    for pair in _pairs():
        for zh in gold:
            if not (_wins(zh, pair, gold) and patterns[zh].search(pair.en)):
                continue
            reverse = SegmentPair(pair.zh.replace(zh, "东西"), pair.en, pair.origin, "en")
            flagged = checker.feed(reverse)
            found += any(f.rule == "missing-term" and zh in f.expected for f in flagged)
    assert found > 200


def test_the_fast_path_finds_what_the_full_judgement_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    # The checker skips the rules for a term whose approved form is present only when every
    # active pair rule promises silence then (Rule.silent_when_satisfied). A rule that makes no
    # such promise turns the shortcut off: the findings must not change. The glossary mixes in
    # forbidden forms, rejected pairs and pending entries, so every branch is taken.
    from termx.check import rules
    from termx.check.rules import RULE_IDS, Rule

    gold = _gold()
    keys = list(gold)
    entries = _glossary(gold)
    for number, zh in enumerate(keys):
        other = gold[keys[(number + 1) % len(keys)]][0]
        if number % 3 == 0:
            entries[number] = GlossaryEntry(zh, gold[zh][0], "approved", forbidden=(other,))
        elif number % 3 == 1:
            entries.append(GlossaryEntry(zh, other, "rejected"))
        if number % 7 == 0:
            entries.append(GlossaryEntry(zh[:2], gold[zh][0].split()[0], "pending"))
        if number % 5 == 2:  # the approved form's last word, pending: some pairs use it alone
            entries.append(GlossaryEntry(zh, gold[zh][0].split()[-1], "pending"))
    pairs = _pairs()
    reverse = [SegmentPair(pair.zh, pair.en, pair.origin, "en") for pair in pairs]
    fast = check([*pairs, *reverse], entries)
    never = Rule("never", "note", "Never fires", "…", judge=lambda rule, seen: None)
    monkeypatch.setattr(rules, "RULES", (*rules.RULES, never))
    full = check(
        [*pairs, *reverse],
        entries,
        CheckOptions(rules=frozenset({*RULE_IDS, "never"})),
    )
    assert {finding.rule for finding in fast} == set(RULE_IDS)
    assert fast == full
