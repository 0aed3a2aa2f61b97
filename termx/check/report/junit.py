"""``--format junit``: JUnit XML, which GitLab, Jenkins and Azure show as test results.

One test suite per input file, one failing test case per finding (named by rule, term and
location); a file without findings gets one passing test case so that it shows as checked.
The Jenkins JUnit schema (junit-10.xsd) allows no ``file``/``line`` attribute on
``<testcase>``, so the location (``path:line``) is in the test case's name and at the head of
the failure message, where every JUnit viewer shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET

from termx.check.report import Summary
from termx.model import Finding


def render(findings: Sequence[Finding], summary: Summary) -> str:
    by_file: dict[str, list[Finding]] = {path: [] for path in summary.files}
    for finding in findings:
        by_file.setdefault(finding.origin.path, []).append(finding)
    root = ET.Element(
        "testsuites",
        name="termx check",
        tests=str(sum(max(1, len(items)) for items in by_file.values())),
        failures=str(len(findings)),
        errors="0",
    )
    for path, items in by_file.items():
        suite = ET.SubElement(
            root,
            "testsuite",
            name=path,
            tests=str(max(1, len(items))),
            failures=str(len(items)),
            errors="0",
            skipped="0",
        )
        if not items:
            ET.SubElement(suite, "testcase", classname=path, name="terminology")
            continue
        for finding in items:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=path,
                name=f"{finding.rule}: {finding.source_term} ({finding.origin})",
            )
            failure = ET.SubElement(
                case, "failure", message=finding.message, type=f"{finding.severity}:{finding.rule}"
            )
            expected = " | ".join(finding.expected) or "-"
            failure.text = (
                f"{finding.message}\nterm: {finding.source_term}\nexpected: {expected}\n"
                f"found: {finding.found or '-'}"
            )
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
