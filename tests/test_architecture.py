"""Each extension point is one new file plus one registry line (docs/architecture.md): an input
format, a check rule's registry feeding every consumer, a report format. (A new signal: see
tests/test_extraction.py::test_a_new_signal_is_one_module_and_one_registry_line.)"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import termx.io as io
from termx.check import RULES, report
from termx.check.report import REPORTS, ReportFormat, Summary, render
from termx.model import Finding, Origin


def test_a_new_input_format_is_one_module_and_one_registry_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The new file: a reader for "zh = en" glossary-like lines, written as a real one would be.
    (tmp_path / "termx_eq_reader.py").write_text(
        textwrap.dedent(
            """
            from termx.model import Origin, SegmentPair

            def sniff(head):
                return " = " in head

            def read(path, display, options, stats):
                stats.files.append(display)
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    zh, _, en = line.partition(" = ")
                    stats.pairs += 1
                    yield SegmentPair(zh, en, Origin(display, number))
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    # The registry line.
    entry = io.Format("eq", "termx_eq_reader", "read", (".eq",), "zh = en lines")
    monkeypatch.setattr(io, "FORMATS", {**io.FORMATS, "eq": entry})
    data = tmp_path / "terms.eq"
    data.write_text("上合组织 = SCO\n和平使命 = Peace Mission\n", encoding="utf-8")
    pairs = list(io.read_inputs([data]))
    assert [(p.zh, p.en, p.origin.line) for p in pairs] == [
        ("上合组织", "SCO", 1),
        ("和平使命", "Peace Mission", 2),
    ]


def test_a_new_report_format_is_one_module_and_one_registry_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "reports"
    package.mkdir()
    (package / "csvlines.py").write_text(
        textwrap.dedent(
            """
            def render(findings, summary):
                return "".join(f"{f.origin},{f.rule},{f.source_term}\\n" for f in findings)
            """
        ),
        encoding="utf-8",
    )
    # Where report modules live, widened to the new file's folder, and the registry line.
    monkeypatch.setattr(report, "__path__", [*report.__path__, str(package)])
    extended = (*REPORTS, ReportFormat("csvlines", "one comma-separated line per finding"))
    monkeypatch.setattr(report, "REPORTS", extended)
    monkeypatch.setattr(report, "FORMATS", tuple(r.name for r in extended))
    finding = Finding(Origin("tm.tsv", 3), "error", "missing-term", "上合组织", ("SCO",))
    assert render("csvlines", [finding], Summary()) == "tm.tsv:3,missing-term,上合组织\n"


def test_the_cli_choices_are_built_from_the_registries() -> None:
    from termx.cli import check as check_cli

    assert [member.value for member in check_cli.ReportFormat] == [r.name for r in REPORTS]
    assert [member.value for member in check_cli.Rule] == [rule.id for rule in RULES]
