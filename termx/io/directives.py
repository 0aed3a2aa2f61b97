"""``termx: ignore`` directives: the syntax, once, for every reader.

A directive is ``termx: ignore`` (every rule) or ``termx: ignore[rule, …]``, optionally behind a
comment marker (``#``, ``//``, ``<!-- … -->``). The readers look for it where each format has
room for it (an extra TSV/CSV column or a field, a trailing comment on a text line, an XML
comment on the line of a ``<tu>``/``<unit>``) and put what they find on
:attr:`termx.model.SegmentPair.ignore`, with the directive removed from the segment's text, so
that the check stage never reads the user's files itself and every encoding works alike.
"""

from __future__ import annotations

import re

__all__ = ["ALL", "merge", "parse_directive", "strip_directive", "take"]

_DIRECTIVE = re.compile(
    r"[ \t]*(?:#|//|<!--)?[ \t]*termx:[ \t]*ignore(?:\[([^\]]*)\])?[ \t]*(?:-->)?", re.IGNORECASE
)
# The rule set of a bare ``termx: ignore``: every rule.
ALL: frozenset[str] = frozenset({"*"})


def parse_directive(text: str) -> frozenset[str] | None:
    """The rules a directive in ``text`` silences: None without a directive, :data:`ALL` for a
    bare ``termx: ignore`` (or an empty ``[]``), else the rule ids named in the brackets."""
    # The cheap test first: nearly no segment mentions termx (as before, lower case only).
    if "termx" not in text:
        return None
    match = _DIRECTIVE.search(text)
    if match is None:
        return None
    if match.group(1) is None:
        return ALL
    rules = frozenset(rule.strip() for rule in match.group(1).split(",") if rule.strip())
    return rules or ALL


def strip_directive(text: str) -> str:
    """``text`` without its ``termx: ignore`` directive(s) (and the blanks before them)."""
    if "termx" not in text:
        return text
    return _DIRECTIVE.sub("", text).rstrip()


def merge(first: frozenset[str] | None, second: frozenset[str] | None) -> frozenset[str] | None:
    """Two directives on one pair (say, one per side): the union; :data:`ALL` wins."""
    if first is None or second is None:
        return first if second is None else second
    if "*" in first or "*" in second:
        return ALL
    return first | second


def take(text: str) -> tuple[str, frozenset[str] | None]:
    """``(text without the directive, the directive's rules)`` — ``(text, None)`` without one."""
    if "termx" not in text:
        return text, None
    rules = parse_directive(text)
    return (text, None) if rules is None else (strip_directive(text), rules)
