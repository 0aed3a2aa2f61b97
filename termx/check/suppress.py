"""Suppression: ``termx: ignore`` directives and ``termx check --baseline FILE``.

Directives: the readers put the directive found on a pair's line on
:attr:`termx.model.SegmentPair.ignore` (so they work in every encoding the readers accept); a
directive written inside a segment's own text is also honoured and removed before checking
(:func:`take`). :func:`covers` says whether a directive silences a rule.

Baseline: accept the findings a corpus already has, fail on new ones.

A team adopting the gate on an old corpus writes a baseline once (``--write-baseline``), commits
it, and from then on only new findings fail the build. Entries are keyed by rule, file, source
term (folded) and the target form found, with a count, never by line number: inserting a
segment above a known finding does not invalidate the baseline, while one more occurrence of
the same problem in the same file is reported. When there are more findings for a key than the
baseline allows, the first ones in file order are the accepted ones.

File format (JSON, sorted, so that it diffs well)::

    {"version": 1, "tool": "termx",
     "findings": [{"rule": "missing-term", "path": "po/zh.tsv", "term": "上合组织",
                   "found": "", "count": 2}]}
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from termx.errors import TermxError
from termx.files import read_utf8, write_bytes_atomic
from termx.model import Finding
from termx.tabular import load_json
from termx.text import fold

# ---------------------------------------------------------------------------------- directives
# The syntax is the readers' (termx.io.directives): they attach each pair's directive to it.


def covers(ignore: frozenset[str] | None, rule: str) -> bool:
    """Whether the directive ``ignore`` (a SegmentPair's) silences ``rule``."""
    return ignore is not None and ("*" in ignore or rule in ignore)


# ------------------------------------------------------------------------------------ baseline
VERSION = 1
_FIELDS = ("rule", "path", "term", "found")
Key = tuple[str, str, str, str]


def finding_key(finding: Finding) -> Key:
    """What a baseline counts a finding by: rule, path, source term and found form (folded)."""
    path = finding.origin.path.replace("\\", "/").removeprefix("./")
    return (finding.rule, path, fold(finding.source_term), fold(finding.found))


@dataclass(frozen=True, slots=True)
class Baseline:
    """Accepted findings: how many of each key."""

    accepted: dict[Key, int]

    def filter(self, findings: Iterable[Finding]) -> tuple[list[Finding], int]:
        """The findings the baseline does not cover, and how many it did cover."""
        left = Counter(self.accepted)
        kept: list[Finding] = []
        covered = 0
        for finding in findings:
            key = finding_key(finding)
            if left[key] > 0:
                left[key] -= 1
                covered += 1
            else:
                kept.append(finding)
        return kept, covered


def make_baseline(findings: Iterable[Finding]) -> Baseline:
    """A baseline accepting exactly ``findings``."""
    return Baseline(dict(Counter(finding_key(finding) for finding in findings)))


def render_baseline(baseline: Baseline) -> str:
    """The baseline file's text (sorted JSON)."""
    rows = [
        {"rule": rule, "path": path, "term": term, "found": found, "count": count}
        for (rule, path, term, found), count in sorted(baseline.accepted.items())
    ]
    document = {"version": VERSION, "tool": "termx", "findings": rows}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_baseline(findings: Sequence[Finding], path: str | Path) -> Baseline:
    """Record ``findings`` as accepted in ``path`` (written atomically)."""
    baseline = make_baseline(findings)
    write_bytes_atomic(path, render_baseline(baseline).encode("utf-8"))
    return baseline


def load_baseline(path: str | Path) -> Baseline:
    """Read a baseline file; a malformed one is a TermxError naming the file."""
    name = str(path)
    if not Path(path).exists():
        raise TermxError("no such baseline file (create it with --write-baseline)", name)
    document = load_json(read_utf8(path, "a baseline file"), name)
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise TermxError(f"not a termx baseline (expected version {VERSION})", name)
    accepted: dict[Key, int] = {}
    rows = document.get("findings")
    if not isinstance(rows, list):
        raise TermxError("not a termx baseline (no findings list)", name)
    for number, row in enumerate(rows, start=1):
        fields = [row.get(field) if isinstance(row, dict) else None for field in _FIELDS]
        count = row.get("count", 1) if isinstance(row, dict) else None
        if (
            not all(isinstance(part, str) for part in fields)
            or not isinstance(count, int)
            or isinstance(count, bool)
            or count < 1
        ):
            raise TermxError(
                f"baseline entry {number} is malformed (expected rule, path, term and found "
                "strings and a whole count of at least 1)",
                name,
            )
        rule, where, term, found = (str(part) for part in fields)  # all str, checked above
        key = (rule, where, fold(term), fold(found))
        accepted[key] = accepted.get(key, 0) + count
    return Baseline(accepted)
