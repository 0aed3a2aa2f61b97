"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::error file=…,line=…,title=…::message`` puts the finding on the line in the pull request's
diff view. Values are escaped as the Actions runner expects (``%``, CR, LF; plus ``:`` and
``,`` inside properties).
"""

from __future__ import annotations

from collections.abc import Sequence

from termx.check.report import Summary, summary_line
from termx.model import Finding

_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(findings: Sequence[Finding], summary: Summary) -> str:
    lines = []
    for finding in findings:
        properties = [f"file={escape_property(finding.origin.path)}"]
        if finding.origin.line is not None:
            properties.append(f"line={finding.origin.line}")
        properties.append(f"title={escape_property(f'termx {finding.rule}')}")
        command = _COMMAND.get(finding.severity, "notice")
        lines.append(f"::{command} {','.join(properties)}::{escape_data(finding.message)}")
    lines.append(f"termx check: {summary_line(findings, summary)}")
    return "\n".join(lines) + "\n"
