"""The checker's rules on real sentences from the seeds (Traditional source, as published)."""

from __future__ import annotations

from pathlib import Path

import pytest

from termx.check import Checker, CheckOptions, check
from termx.io.directives import parse_directive
from termx.model import Finding, GlossaryEntry, Origin, SegmentPair

# seeds/000, lines 11 and 13 (one sentence of each).
ZH = "請介紹中國軍隊參與上合組織防務安全合作情況。"
EN = (
    "Please brief us on the Chinese military’s participation in the SCO defense and security "
    "cooperation."
)
ZH2 = "記者:據報道,上海合作組織成員國國防部長會議在山東青島舉行。"
EN2 = "Question: It is reported that the SCO Defense Ministers' Meeting is held in Qingdao."
SCO = GlossaryEntry("上合组织", "SCO", "approved", forbidden=("Shanghai Group",))
COOPERATION = GlossaryEntry("合作", "cooperation", "approved")
MEETING = GlossaryEntry("国防部长会议", "Defense Ministers' Meeting", "approved")
ORGANISATION = GlossaryEntry("上海合作组织", "SCO", "approved")


def _pair(zh: str, en: str, line: int = 13, source: str = "zh") -> SegmentPair:
    return SegmentPair(zh, en, Origin("seeds/000.txt", line), source)  # type: ignore[arg-type]


def test_a_translation_that_follows_the_glossary_is_clean() -> None:
    glossary = [SCO, COOPERATION, MEETING, ORGANISATION]
    assert check([_pair(ZH, EN), _pair(ZH2, EN2, 11)], glossary) == []


def test_missing_term_names_file_line_term_expected_and_found() -> None:
    wrong = EN.replace("SCO", "Shanghai bloc")
    [finding] = check([_pair(ZH, wrong)], [SCO, COOPERATION])
    assert (finding.rule, finding.severity) == ("missing-term", "error")
    assert finding.source_term == "上合組織"  # the surface of the source text, Traditional
    assert finding.expected == ("SCO",)
    assert finding.found == ""
    assert finding.message.startswith("seeds/000.txt:13: “上合組織”")
    assert "“SCO”" in finding.message


def test_forbidden_form_is_an_error_even_next_to_the_approved_form() -> None:
    wrong = EN.replace("in the SCO", "in the Shanghai Group (SCO)")
    [finding] = check([_pair(ZH, wrong)], [SCO])
    assert (finding.rule, finding.found, finding.expected) == (
        "forbidden-term",
        "Shanghai Group",
        ("SCO",),
    )


def test_a_rejected_target_is_no_error_by_itself_but_named_when_the_term_is_missing() -> None:
    rejected = GlossaryEntry("合作", "security", "rejected")
    assert check([_pair(ZH, EN)], [COOPERATION, rejected]) == []
    without = EN.replace("cooperation", "work")
    [finding] = check([_pair(ZH, without)], [COOPERATION, rejected])
    assert (finding.rule, finding.found) == ("missing-term", "security")


def test_longest_match_wins_in_the_source() -> None:
    # 上海合作組織 hides its 合作: no "cooperation" is required for it.
    assert check([_pair(ZH2, EN2, 11)], [ORGANISATION, COOPERATION]) == []
    [finding] = check([_pair(ZH2, EN2.replace("SCO ", ""), 11)], [ORGANISATION, COOPERATION])
    assert finding.source_term == "上海合作組織"


def test_pending_entries_are_required_only_on_request() -> None:
    pending = GlossaryEntry("上合组织", "SCO", "pending")
    wrong = EN.replace("SCO", "Shanghai bloc")
    assert check([_pair(ZH, wrong)], [pending]) == []
    findings = check([_pair(ZH, wrong)], [pending], CheckOptions(include_pending=True))
    assert [f.rule for f in findings] == ["missing-term"]


def test_english_source_is_checked_against_the_chinese_target() -> None:
    good = _pair(ZH, EN, source="en")
    assert check([good], [SCO]) == []
    bad = _pair(ZH.replace("上合組織", "上海集團"), EN, source="en")
    [finding] = check([bad], [SCO])
    assert (finding.rule, finding.source_term, finding.expected) == (
        "missing-term",
        "SCO",
        ("上合组织",),
    )


def test_inconsistent_reports_the_minority_form_with_counts() -> None:
    # Pending entry: its forms are known but not required, so only consistency is judged.
    entry = GlossaryEntry(
        "上合组织", "SCO", "pending", variants=("Shanghai Cooperation Organization",)
    )
    long_form = EN.replace("the SCO", "the Shanghai Cooperation Organization")
    both = EN.replace("in the SCO", "in the Shanghai Cooperation Organization (SCO)")
    pairs = [_pair(ZH, EN, 1), _pair(ZH, long_form, 2), _pair(ZH, EN, 3), _pair(ZH, both, 4)]
    [finding] = check(pairs, [entry])
    assert (finding.rule, finding.severity, finding.origin.line) == ("inconsistent", "warning", 2)
    assert finding.expected == ("SCO",)
    assert finding.found == "Shanghai Cooperation Organization"
    assert finding.details == {"SCO": 2, "Shanghai Cooperation Organization": 1}


def test_inconsistent_merges_traditional_and_simplified_sources() -> None:
    entry = GlossaryEntry(
        "上合組織", "SCO", "pending", variants=("Shanghai Cooperation Organization",)
    )
    simplified = "请介绍中国军队参与上合组织防务安全合作情况。"
    long_form = EN.replace("the SCO", "the Shanghai Cooperation Organization")
    findings = check([_pair(ZH, EN, 1), _pair(simplified, long_form, 2)], [entry])
    assert [(f.rule, f.details) for f in findings] == [
        ("inconsistent", {"SCO": 1, "Shanghai Cooperation Organization": 1})
    ]


def test_ignore_directive_in_the_segment_silences_that_rule_only() -> None:
    wrong = EN.replace("SCO", "Shanghai bloc")
    checker = Checker([SCO])
    assert checker.feed(_pair(ZH, wrong + "  # termx: ignore[missing-term]", 1)) == []
    assert checker.stats.suppressed == 1
    other = checker.feed(_pair(ZH, wrong + "  # termx: ignore[inconsistent]", 2))
    assert [f.rule for f in other] == ["missing-term"]
    # The directive's words are not part of the translation.
    assert check([_pair(ZH, EN + " # termx: ignore")], [SCO]) == []


def test_the_readers_directive_on_the_pair_silences_the_rules_it_names() -> None:
    wrong = EN.replace("SCO", "Shanghai bloc")
    origin = Origin("memory.tsv", 2)
    pairs = [
        SegmentPair(ZH, wrong, Origin("memory.tsv", 1)),
        SegmentPair(ZH, wrong, origin, ignore=frozenset({"missing-term"})),
        SegmentPair(ZH, wrong, Origin("memory.tsv", 3), ignore=frozenset({"inconsistent"})),
        SegmentPair(ZH, wrong, Origin("memory.tsv", 4), ignore=frozenset({"*"})),
    ]
    checker = Checker([SCO])
    findings = [finding for pair in pairs for finding in checker.feed(pair)]
    assert [f.origin.line for f in findings] == [1, 3]
    assert checker.stats.suppressed == 2


def test_the_checker_never_reads_the_users_files(tmp_path: Path) -> None:
    # A directive is the readers' business: a pair whose file says "termx: ignore" on its line
    # but whose SegmentPair carries no directive is checked.
    path = tmp_path / "memory.tsv"
    wrong = EN.replace("SCO", "Shanghai bloc")
    path.write_text(f"{ZH}\t{wrong}\t# termx: ignore\n", encoding="utf-8")
    findings = check([SegmentPair(ZH, wrong, Origin(str(path), 1))], [SCO])
    assert [f.rule for f in findings] == ["missing-term"]


def test_parse_directive() -> None:
    assert parse_directive("text # termx: ignore") == frozenset({"*"})
    assert parse_directive("<!-- termx: ignore[missing-term, inconsistent] -->") == frozenset(
        {"missing-term", "inconsistent"}
    )
    assert parse_directive("no directive here") is None


def test_rules_can_be_switched_off_and_unknown_rules_are_refused() -> None:
    wrong = EN.replace("SCO", "Shanghai bloc")
    options = CheckOptions(rules=frozenset({"forbidden-term"}))
    assert check([_pair(ZH, wrong)], [SCO], options) == []
    with pytest.raises(ValueError, match="unknown rule"):
        Checker([SCO], CheckOptions(rules=frozenset({"typo"})))


# Issue 10's two behaviour bugs, on the issue's exact example.
PEACE_ZH = "“和平使命”联合演习顺利结束。"
PEACE_EN = "The Peace Mission exercise ended."
PEACE = GlossaryEntry("和平使命", "Peace Mission", "approved")


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_a_longer_pending_or_rejected_form_never_hides_the_approved_one(status: str) -> None:
    longer = GlossaryEntry("和平使命", "the Peace Mission exercise", status)  # type: ignore[arg-type]
    assert check([_pair(PEACE_ZH, PEACE_EN)], [PEACE, longer]) == []
    # Without the approved form the longer one is what the target used, and the term is missing.
    [finding] = check([_pair(PEACE_ZH, "The exercise ended.")], [PEACE, longer])
    assert (finding.rule, finding.found) == ("missing-term", "")


def test_only_forbidden_forms_make_forbidden_term() -> None:
    rejected = GlossaryEntry("和平使命", "Peace Task", "rejected")
    [finding] = check([_pair(PEACE_ZH, "The Peace Task exercise ended.")], [PEACE, rejected])
    assert (finding.rule, finding.found) == ("missing-term", "Peace Task")
    marked = GlossaryEntry("和平使命", "Peace Mission", "approved", forbidden=("Peace Task",))
    [finding] = check([_pair(PEACE_ZH, "The Peace Task exercise ended.")], [marked])
    assert (finding.rule, finding.found) == ("forbidden-term", "Peace Task")


def test_glossary_object_with_entries_is_accepted() -> None:
    class Glossary:
        def __init__(self) -> None:
            self.entries = [SCO]

    assert [f.rule for f in check([_pair(ZH, "nothing")], Glossary())] == ["missing-term"]


def test_a_candidate_rejected_as_not_a_term_forbids_nothing() -> None:
    from termx.check import CheckOptions, check
    from termx.glossary import Glossary
    from termx.model import GlossaryEntry, Origin, SegmentPair

    glossary = Glossary([GlossaryEntry("重要活動", "important activity", "rejected")])
    pair = SegmentPair("這是一項重要活動。", "It is an important activity.", Origin("s.tsv", 1))
    assert check([pair], glossary, CheckOptions()) == []


def test_a_rejected_possessive_of_the_approved_form_is_not_an_error() -> None:
    from termx.check import CheckOptions, check
    from termx.glossary import Glossary
    from termx.model import GlossaryEntry, Origin, SegmentPair

    glossary = Glossary(
        [
            GlossaryEntry("習近平", "Xi Jinping", "approved"),
            GlossaryEntry("習近平", "Xi Jinping’s", "rejected", note="edited to Xi Jinping"),
        ]
    )
    right = SegmentPair("在習近平強軍思想指引下", "Guided by Xi Jinping’s thinking", Origin("s", 1))
    wrong = SegmentPair("在習近平強軍思想指引下", "Guided by the thinking", Origin("s", 2))
    assert check([right], glossary, CheckOptions()) == []
    assert [f.rule for f in check([wrong], glossary, CheckOptions())] == ["missing-term"]


def test_a_form_both_approved_and_forbidden_is_reported_where_it_is_used() -> None:
    # A glossary mistake, but the checker must not take "the only known form is there" for
    # "nothing to report" when that form is also forbidden.
    contradictory = GlossaryEntry("上合组织", "SCO", "approved", forbidden=("SCO",))
    [finding] = check([_pair(ZH, EN)], [contradictory])
    assert (finding.rule, finding.found) == ("forbidden-term", "SCO")
    [missing] = check([_pair(ZH, EN.replace("SCO", "bloc"))], [contradictory])
    assert (missing.rule, missing.found) == ("missing-term", "")


# Issue 13: a wrong term hidden by a failing longer term. seeds/000, as in ZH2/EN2, with the
# seeds glossary's own entries for the meeting, the organisation and the ministers' meeting.
SEEDS_TERMS = ("上海合作組織成員國國防部長會議", "上海合作組織", "國防部長會議")


def _seed_entries() -> list[GlossaryEntry]:
    from termx.glossary import load_glossary

    repo = Path(__file__).resolve().parents[1]
    entries = load_glossary(repo / "glossary" / "seeds.tsv").entries
    chosen = [entry for entry in entries if entry.zh in SEEDS_TERMS]
    assert {entry.zh for entry in chosen} == set(SEEDS_TERMS)
    return chosen


def test_a_correct_reference_with_nested_terms_passes() -> None:
    assert check([_pair(ZH2, EN2, 11)], _seed_entries()) == []


def test_a_swap_inside_a_failing_longer_term_is_caught() -> None:
    swapped = EN2.replace("SCO", "Shanghai Pact")
    findings = check([_pair(ZH2, swapped, 11)], _seed_entries())
    # Both: the longer term fails, and the organisation inside it is wrong.
    assert [(f.rule, f.source_term) for f in findings] == [
        ("missing-term", "上海合作組織成員國國防部長會議"),
        ("missing-term", "上海合作組織"),
    ]
    reworded = EN2.replace("Defense Ministers' Meeting", "defence summit")
    findings = check([_pair(ZH2, reworded, 11)], _seed_entries())
    assert [f.source_term for f in findings] == ["上海合作組織成員國國防部長會議", "國防部長會議"]


def test_a_satisfied_longer_term_speaks_for_the_terms_inside_it() -> None:
    # The SCO alone would want "SCO" (present in the longer form): nothing nested is re-judged.
    meeting = GlossaryEntry(
        "上海合作組織成員國國防部長會議", "meeting of SCO ministers", "approved"
    )
    other = GlossaryEntry("上海合作組織", "Shanghai Cooperation Organization", "approved")
    reference = "Question: It is reported that the meeting of SCO ministers is held in Qingdao."
    assert check([_pair(ZH2, reference, 11)], [meeting, other]) == []


def test_a_term_straddling_the_edge_of_a_failing_winner_is_judged_too() -> None:
    # 大流行病: 大流行 wins (leftmost of two equally long matches); 流行病 overlaps its end.
    pandemic = GlossaryEntry("大流行", "pandemic", "approved")
    epidemic = GlossaryEntry("流行病", "epidemic", "approved")
    pair = _pair("世卫组织宣布这是一场大流行病。", "WHO declared it an outbreak.", 1)
    assert [f.source_term for f in check([pair], [pandemic, epidemic])] == ["大流行", "流行病"]
    fine = _pair("世卫组织宣布这是一场大流行病。", "WHO declared it a pandemic.", 1)
    assert check([fine], [pandemic, epidemic]) == []


def test_a_new_rule_is_one_function_and_one_registry_line(monkeypatch: pytest.MonkeyPatch) -> None:
    # What docs/check.md promises: the checker and the SARIF report read the registry.
    import json

    from termx.check import rules
    from termx.check.report import Summary, render
    from termx.check.rules import Rule, Seen

    def acronym_only(rule: Rule, seen: Seen) -> Finding | None:
        """The target uses only the acronym of a term that also has a long form."""
        if seen.used != ("sco",) or len(seen.term.expected) < 2:
            return None
        return Finding(seen.origin, rule.severity, rule.id, seen.shown, message="acronym only")

    extra = Rule("acronym-only", "note", "Only the acronym", "…", judge=acronym_only)
    monkeypatch.setattr(rules, "RULES", (*rules.RULES, extra))
    entry = GlossaryEntry("上合组织", "SCO", "approved", variants=("Shanghai Cooperation Org",))
    options = CheckOptions(rules=frozenset({"missing-term", "acronym-only"}))
    [finding] = check([_pair(ZH, EN)], [entry], options)
    assert (finding.rule, finding.severity) == ("acronym-only", "note")
    log = json.loads(render("sarif", [finding], Summary(files=("seeds/000.txt",))))
    assert [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]][-1] == "acronym-only"


def test_run_is_the_whole_command_as_data(tmp_path: Path) -> None:
    from termx.check import run

    glossary = tmp_path / "terms.tsv"
    glossary.write_text(
        "zh\ten\tstatus\tvariants\tforbidden\tnote\n上合组织\tSCO\tapproved\t\t\t\n",
        encoding="utf-8",
    )
    memory = tmp_path / "memory.tsv"
    memory.write_text(f"{ZH}\t{EN.replace('SCO', 'bloc')}\n{ZH}\t{EN}\n", encoding="utf-8")
    result = run([tmp_path], [glossary])  # the glossary inside the input folder is skipped
    assert (result.exit_code, result.failed) == (1, True)
    assert [(f.rule, f.origin.line) for f in result.findings] == [("missing-term", 1)]
    assert (result.summary.pairs, result.summary.files) == (2, (str(memory),))
    assert run([memory], [glossary], CheckOptions(fail_on="never")).exit_code == 0
    baseline = tmp_path / "accepted.json"
    written = run([memory], [glossary], CheckOptions(baseline=baseline, write_baseline=True))
    assert (written.exit_code, written.rendered) == (0, False) and baseline.exists()
    accepted = run([memory], [glossary], CheckOptions(baseline=baseline))
    assert (accepted.exit_code, accepted.findings, accepted.summary.baselined) == (0, [], 1)
    nothing = run([glossary], [glossary])
    assert nothing.exit_code == 0 and nothing.notes[0].startswith("nothing to check")
