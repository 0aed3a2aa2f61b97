"""Safe, streaming XML for TMX and XLIFF.

The parser resolves no entities, loads no DTD and never touches the network; a document that
declares entities or an internal DTD subset is refused before parsing, so neither XXE nor
"billion laughs" can happen. A plain ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``, which OmegaT and
other CAT tools write, is read: the DTD it names is never loaded. Elements are handed out as
they end and the caller clears them, so memory stays flat whatever the file size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from termx.errors import TermxError
from termx.io._textio import first_bad_utf8, wide_bom_encoding
from termx.io.directives import merge, parse_directive

_PROLOG_LIMIT = 1 << 20
_ROOT_START = re.compile(rb"<[A-Za-z_]")
# An internal subset ("[") is where entities are declared; an external DTD is never loaded.
_FORBIDDEN = re.compile(rb"<!ENTITY|<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_LXML_POSITION = re.compile(r",? line \d+, column \d+$")

# Elements whose text is native code (formatting tags of the original file), not translatable
# text: dropped, but the text after them (their tail) is kept. Same local names in TMX and XLIFF.
CODE_ELEMENTS = frozenset({"bpt", "ept", "ph", "it", "ut", "sub", "x", "bx", "ex", "sc", "ec"})


def localname(tag: Any) -> str:
    """``{namespace}name`` → ``name``; comments and processing instructions → ''."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _prolog(path: Path) -> bytes:
    """The bytes before the root element (as ASCII-compatible bytes, even for UTF-16)."""
    with path.open("rb") as handle:
        head = handle.read(_PROLOG_LIMIT)
    wide = wide_bom_encoding(head[:4])
    if wide is not None:
        head = head.decode(wide, errors="ignore").encode("utf-8")
    # Walk the declaration, comments and processing instructions; stop at the first element
    # (or anything else), so that "<a" inside a comment cannot hide a DOCTYPE after it.
    position = 0
    while True:
        while position < len(head) and head[position : position + 1] in b" \t\r\n\xef\xbb\xbf":
            position += 1
        if head.startswith(b"<!--", position):
            end = head.find(b"-->", position + 4) + 3
        elif head.startswith(b"<?", position):
            end = head.find(b"?>", position + 2) + 2
        else:
            if head.startswith(b"<!", position):  # the DOCTYPE, up to the root element
                root = _ROOT_START.search(head, position + 2)
                return head[: root.start() if root else len(head)]
            return head[:position]
        if end < position:
            return head
        position = end


def refuse_doctype(path: Path, display: str) -> None:
    prolog = _prolog(path)
    match = _FORBIDDEN.search(prolog)
    if match is not None:
        line = prolog.count(b"\n", 0, match.start()) + 1
        raise TermxError(
            "XML with entity declarations or an internal DTD is refused (no entity expansion); "
            "remove the <!DOCTYPE … [ … ]> block",
            display,
            line,
        )


def iterparse(path: Path, display: str) -> Iterator[tuple[str, Any]]:
    """``(event, element)`` for "start", "end" and "comment", from a parser that cannot be
    tricked. Comments are reported (a ``termx: ignore`` directive is one); they stay in the
    tree, where :func:`inline_text` passes over them."""
    from lxml import etree

    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise TermxError("no such file", display) from None
    if size == 0:
        raise TermxError("empty input (0 bytes)", display)
    refuse_doctype(path, display)
    events = etree.iterparse(
        str(path),
        events=("start", "end", "comment"),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
        remove_pis=True,
    )
    try:
        first = True
        # With a DOCTYPE, libxml2 takes an undeclared entity (&nbsp;) for one the unread DTD
        # declares and leaves a reference node instead of failing: look for them.
        entities = False
        for event, element in events:
            if event == "comment":
                yield event, element
                continue
            if first:
                first = False
                docinfo = element.getroottree().docinfo
                # Belt and braces: declarations hidden where the byte scan did not look.
                dtd = docinfo.internalDTD
                if dtd is not None and (any(dtd.iterentities()) or any(dtd.iterelements())):
                    raise TermxError("XML with an internal DTD is refused", display, 1)
                entities = bool(docinfo.doctype)
            if entities and event == "end":
                _refuse_entities(element, display)
            yield event, element
    except etree.XMLSyntaxError as error:
        raise _syntax_error(_explain(error, path), path, display) from None


def _refuse_entities(element: Any, display: str) -> None:
    from lxml import etree

    for child in element:
        if child.tag is etree.Entity:
            raise TermxError(
                f"malformed XML: undefined entity {child.text} (entities other than &amp; &lt; "
                "&gt; &quot; &apos; and &#…; are refused; write the character itself)",
                display,
                child.sourceline,
            )


def _explain(error: Any, path: Path) -> Any:
    """A parser that resolves no entities reports an undefined one as "no element found" at
    line 0; the DOCTYPE was refused already, so a default parse is safe and says which."""
    if error.lineno:
        return error
    from lxml import etree

    try:
        for _ in etree.iterparse(str(path), load_dtd=False, no_network=True, huge_tree=False):
            pass
    except etree.XMLSyntaxError as detailed:
        return detailed
    return error


def _syntax_error(error: Any, path: Path, display: str) -> TermxError:
    message = _LXML_POSITION.sub("", str(error.msg or error))
    if "not proper UTF-8" in message or "encoding" in message.lower():
        bad = first_bad_utf8(path)
        if bad is not None:
            return TermxError(
                f"bytes that are not valid UTF-8 at byte offset {bad[1]} "
                "(declare the encoding in the XML declaration)",
                display,
                bad[0],
            )
    if "Entity" in message or "entity" in message:
        message += " (entities other than &amp; &lt; &gt; &quot; &apos; and &#…; are refused)"
    return TermxError(f"malformed XML: {message}", display, error.lineno or None)


def inline_text(element: Any) -> str:
    """The translatable text of a segment: text and tails, without native-code elements."""
    parts: list[str] = []
    _collect(element, parts)
    return "".join(parts)


def _collect(element: Any, parts: list[str]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        # Comments and processing instructions have no string tag: only their tail is text.
        if isinstance(child.tag, str) and localname(child.tag) not in CODE_ELEMENTS:
            _collect(child, parts)
        if child.tail:
            parts.append(child.tail)


def release(element: Any) -> None:
    """Free a processed element and the already-processed siblings before it."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


class CommentDirectives:
    """``termx: ignore`` directives from XML comments, by the line they are on: a comment on
    the line of a ``<tu>``/``<unit>`` start tag applies to that unit (docs/check.md)."""

    def __init__(self) -> None:
        self._lines: dict[int, frozenset[str]] = {}

    def note(self, comment: Any) -> None:
        """Remember the directive of one comment event, if it holds one."""
        text = comment.text or ""
        if "termx" not in text or comment.sourceline is None:
            return
        rules = parse_directive(text)
        if rules is not None:
            line = comment.sourceline
            self._lines[line] = merge(self._lines.get(line), rules) or rules

    def pop(self, line: int | None) -> frozenset[str] | None:
        """The directive on ``line``; the ones on earlier lines are forgotten (units come in
        document order, so they can no longer match)."""
        if not self._lines or line is None:
            return None
        rules = self._lines.pop(line, None)
        for stale in [number for number in self._lines if number < line]:
            del self._lines[stale]
        return rules
