"""``--format json``: a stable, documented schema (see docs/check.md, "JSON schema").

Version 1::

    {"version": 1, "tool": {"name": "termx", "version": "0.1.0"},
     "summary": {"pairs", "pairs_with_terms", "files", "glossaries", "glossary_terms",
                 "errors", "warnings", "suppressed", "baselined", "fail_on"},
     "findings": [{"rule", "severity", "path", "line", "unit", "location", "term",
                   "expected", "found", "message", "counts"}]}

Fields are only ever added within a version; ``line`` and ``unit`` are null when unknown.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from termx import __version__
from termx.check.report import Summary, counts
from termx.model import Finding

SCHEMA_VERSION = 1


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "path": finding.origin.path,
        "line": finding.origin.line,
        "unit": finding.origin.unit,
        "location": str(finding.origin),
        "term": finding.source_term,
        "expected": list(finding.expected),
        "found": finding.found,
        "message": finding.message,
        "counts": dict(finding.details),
    }


def render(findings: Sequence[Finding], summary: Summary) -> str:
    by_severity = counts(findings)
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "termx", "version": __version__},
        "summary": {
            "pairs": summary.pairs,
            "pairs_with_terms": summary.pairs_with_terms,
            "files": list(summary.files),
            "glossaries": list(summary.glossaries),
            "glossary_terms": summary.glossary_terms,
            "errors": by_severity.get("error", 0),
            "warnings": by_severity.get("warning", 0),
            "suppressed": summary.suppressed,
            "baselined": summary.baselined,
            "fail_on": summary.fail_on,
            "skipped_files": [
                {"path": path, "reason": reason} for path, reason in summary.skipped_files
            ],
        },
        "findings": [finding_dict(finding) for finding in findings],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
