"""Report formats: each parses as what it claims to be and carries every finding."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest

from termx.check import RULES, check
from termx.check.report import FORMATS, Summary, render, summary_line
from termx.check.report.github import escape_data, escape_property
from termx.check.report.sarif import artifact_uri
from termx.model import GlossaryEntry, Origin, SegmentPair

ZH = "請介紹中國軍隊參與上合組織防務安全合作情況。"
EN = "Please brief us on the Chinese military’s participation in the Shanghai bloc's defense."
GLOSSARY = [
    GlossaryEntry("上合组织", "SCO", "approved"),
    GlossaryEntry("中国军队", "Chinese military", "pending", variants=("Chinese armed forces",)),
]


@pytest.fixture
def findings():  # type: ignore[no-untyped-def]
    pairs = [
        SegmentPair(ZH, EN, Origin("po/zh, 1.tsv", 3)),
        SegmentPair(
            ZH, EN.replace("Chinese military", "Chinese armed forces"), Origin("a.tmx", 9, "u7")
        ),
        SegmentPair(ZH, EN, Origin("b.xlf", None, "t1")),
    ]
    return check(pairs, GLOSSARY)


SUMMARY = Summary(pairs=3, pairs_with_terms=3, files=("po/zh, 1.tsv", "a.tmx", "b.xlf", "c.tsv"))


def test_the_fixture_has_errors_and_a_warning(findings) -> None:  # type: ignore[no-untyped-def]
    assert sorted(f.rule for f in findings) == ["inconsistent"] + ["missing-term"] * 3


def test_json_schema_is_stable(findings) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(render("json", findings, SUMMARY))
    assert document["version"] == 1
    assert document["tool"]["name"] == "termx"
    assert document["summary"]["errors"] == 3 and document["summary"]["warnings"] == 1
    first = document["findings"][0]
    assert set(first) == {
        "rule",
        "severity",
        "path",
        "line",
        "unit",
        "location",
        "term",
        "expected",
        "found",
        "message",
        "counts",
    }
    assert (first["path"], first["line"], first["term"], first["expected"]) == (
        "po/zh, 1.tsv",
        3,
        "上合組織",
        ["SCO"],
    )
    unit_only = next(f for f in document["findings"] if f["path"] == "b.xlf")
    assert (unit_only["line"], unit_only["unit"], unit_only["location"]) == (None, "t1", "b.xlf#t1")


def test_sarif_is_2_1_0_with_rules_locations_and_fingerprints(findings) -> None:  # type: ignore[no-untyped-def]
    log = json.loads(render("sarif", findings, SUMMARY))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    run = log["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert (
        rules == [rule.id for rule in RULES] == ["forbidden-term", "missing-term", "inconsistent"]
    )
    results = run["results"]
    assert len(results) == len(findings)
    for result in results:
        assert rules[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        assert result["message"]["text"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    first = results[0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"]["uri"] == "po/zh%2C%201.tsv"
    assert first["region"] == {"startLine": 3}
    fingerprints = [r["partialFingerprints"]["termxFinding/v1"] for r in results]
    assert len(set(fingerprints)) == len(fingerprints)


def test_sarif_uri() -> None:
    assert artifact_uri("./seeds/a b.txt") == "seeds/a%20b.txt"
    assert artifact_uri("/tmp/x.tsv") == "file:///tmp/x.tsv"


def test_junit_counts_failures_and_lists_clean_files(findings) -> None:  # type: ignore[no-untyped-def]
    root = ET.fromstring(render("junit", findings, SUMMARY))
    assert root.tag == "testsuites" and root.get("failures") == "4"
    suites = {suite.get("name"): suite for suite in root}
    assert set(suites) == {"po/zh, 1.tsv", "a.tmx", "b.xlf", "c.tsv"}
    assert suites["c.tsv"].get("failures") == "0" and len(suites["c.tsv"]) == 1
    failures = root.findall(".//failure")
    assert len(failures) == 4
    assert all(
        f.get("type", "").split(":")[1] in {"missing-term", "inconsistent"} for f in failures
    )


def test_github_annotations(findings) -> None:  # type: ignore[no-untyped-def]
    lines = render("github", findings, SUMMARY).splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert len(errors) == 3
    assert errors[0].startswith("::error file=po/zh%2C 1.tsv,line=3,title=termx missing-term::")
    assert any(line.startswith("::warning file=a.tmx,line=9,") for line in lines)
    assert lines[-1].startswith("termx check: 3 errors, 1 warning")
    assert escape_data("50%\nx") == "50%25%0Ax" and escape_property("a:b,c") == "a%3Ab%2Cc"


def test_text_off_a_terminal_is_one_unwrapped_line_per_finding(findings) -> None:  # type: ignore[no-untyped-def]
    lines = render("text", findings, SUMMARY).splitlines()
    assert len(lines) == len(findings) + 1
    assert lines[-1] == summary_line(findings, SUMMARY)
    for line, finding in zip(lines, findings, strict=False):
        # path:line: rule: message, the message once (not its own copy of the location).
        assert line == f"{finding.origin}: {finding.rule}: " + finding.message.removeprefix(
            f"{finding.origin}: "
        )
        assert line.count(str(finding.origin)) == 1 and len(line) < len(finding.message) + 40
    assert lines[0].startswith("po/zh, 1.tsv:3: missing-term: “上合組織” should be translated")
    assert any(line.startswith("b.xlf#t1: missing-term: ") for line in lines)


def test_text_on_a_terminal_is_a_table_per_file(findings) -> None:  # type: ignore[no-untyped-def]
    import io

    from rich.console import Console

    from termx.check.report.text import write

    buffer = io.StringIO()
    write(findings, SUMMARY, Console(file=buffer, width=200, color_system=None))
    text = buffer.getvalue()
    assert "source term" in text and "expected" in text  # the table's header
    assert text.count("po/zh, 1.tsv") == 1  # the file is the table's title, not on each row


def test_summary_counts_say_one_in_the_singular() -> None:
    [finding] = check([SegmentPair(ZH, EN, Origin("a.tsv", 1))], GLOSSARY[:1])
    line = summary_line(
        [finding], Summary(pairs=1, pairs_with_terms=1, files=("a.tsv",), glossary_terms=1)
    )
    assert line == "1 error, 0 warnings in 1 pair (1 file; 1 with glossary terms; 1 glossary term)"


def test_junit_validates_against_the_jenkins_schema(findings) -> None:  # type: ignore[no-untyped-def]
    from conftest import FORMATS as SHARED_FORMATS
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(SHARED_FORMATS / "schemas" / "jenkins-junit-10.xsd")))
    document = etree.fromstring(render("junit", findings, SUMMARY).encode("utf-8"))
    assert schema.validate(document), schema.error_log
    # The location the schema has no attribute for is in the name and the message.
    names = [case.get("name") for case in document.iter("testcase")]
    assert "missing-term: 上合組織 (po/zh, 1.tsv:3)" in names


def test_sarif_validates_against_the_official_schema(findings) -> None:  # type: ignore[no-untyped-def]
    import jsonschema
    from conftest import FORMATS as SHARED_FORMATS

    path = SHARED_FORMATS / "schemas" / "sarif-schema-2.1.0.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(render("sarif", findings, SUMMARY)), schema)
    jsonschema.validate(json.loads(render("sarif", [], SUMMARY)), schema)


def test_every_format_renders_an_empty_report() -> None:
    for fmt in FORMATS:
        assert render(fmt, [], Summary(pairs=1, files=("a.tsv",)))
    with pytest.raises(ValueError):
        render("html", [], Summary())
