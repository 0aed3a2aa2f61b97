"""``--format sarif``: SARIF 2.1.0, the format GitHub code scanning uploads
(``github/codeql-action/upload-sarif``) and many other tools read.

Each rule is described once in ``tool.driver.rules``; each finding is a ``result`` with a
physical location (the path as given, relative to the repository root when run from there) and
a ``partialFingerprints`` entry that does not contain the line number, so that code scanning
keeps tracking an alert when lines above it move.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path, PureWindowsPath
from typing import Any
from urllib.parse import quote

from termx import __version__
from termx.check import rules as registry
from termx.check.report import Summary
from termx.model import Finding

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "note": "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for the path: relative paths stay relative (GitHub resolves them
    against the repository root), absolute ones become file:// URIs."""
    posix = PureWindowsPath(path).as_posix() if "\\" in path else path
    if Path(posix).is_absolute():
        return Path(posix).as_uri()
    return quote(posix.removeprefix("./"), safe="/")


def _fingerprint(finding: Finding, occurrence: int) -> str:
    key = "\x1f".join(
        (finding.rule, finding.origin.path, finding.source_term, finding.found, str(occurrence))
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def render(findings: Sequence[Finding], summary: Summary) -> str:
    rule_ids = [rule.id for rule in registry.RULES]
    rules = [
        {
            "id": rule.id,
            "name": rule.name,
            "shortDescription": {"text": rule.short},
            "fullDescription": {"text": rule.help},
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
            "help": {"text": rule.help},
        }
        for rule in registry.RULES
    ]
    seen: Counter[tuple[str, str, str, str]] = Counter()
    results: list[dict[str, Any]] = []
    for finding in findings:
        key = (finding.rule, finding.origin.path, finding.source_term, finding.found)
        seen[key] += 1
        location: dict[str, Any] = {
            "physicalLocation": {"artifactLocation": {"uri": artifact_uri(finding.origin.path)}}
        }
        if finding.origin.line is not None:
            location["physicalLocation"]["region"] = {"startLine": finding.origin.line}
        if finding.origin.unit is not None:
            location["logicalLocations"] = [{"name": finding.origin.unit, "kind": "element"}]
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "level": _LEVEL.get(finding.severity, "note"),
            "message": {"text": finding.message},
            "locations": [location],
            "partialFingerprints": {"termxFinding/v1": _fingerprint(finding, seen[key])},
            "properties": {
                "term": finding.source_term,
                "expected": list(finding.expected),
                "found": finding.found,
            },
        }
        if finding.rule in rule_ids:
            result["ruleIndex"] = rule_ids.index(finding.rule)
        if finding.details:
            result["properties"]["counts"] = dict(finding.details)
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "termx",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
