"""TMX 1.4: one pair per ``<tu>`` that has a Chinese and an English ``<tuv>``.

Any ``xml:lang`` spelling is accepted (zh, zh-CN, zh-Hans, ZH-TW, en-US, …; the TMX 1.1 ``lang``
attribute too). Inline native code (``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``, ``<ut>``) is dropped,
``<hi>`` keeps its text, and the text around the codes is kept.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from termx.errors import TermxError
from termx.io._common import ReadOptions, ReadStats, lang_of
from termx.io._xml import CommentDirectives, inline_text, iterparse, localname, release
from termx.io.directives import merge, take
from termx.model import Lang, Origin, SegmentPair
from termx.text import clean

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def sniff(head: str) -> bool:
    return "<tmx" in head


def read(path: Path, display: str, options: ReadOptions, stats: ReadStats) -> Iterator[SegmentPair]:
    default_source: Lang = "zh"
    seen_root = False
    directives = CommentDirectives()
    for event, element in iterparse(path, display):
        if event == "comment":
            directives.note(element)
            continue
        name = localname(element.tag)
        if event == "start":
            if not seen_root:
                seen_root = True
                if name != "tmx":
                    raise TermxError(f"not a TMX file (root element <{name}>)", display, 1)
            continue
        if name == "header":
            default_source = lang_of(element.get("srclang")) or default_source
        elif name == "tu":
            pair = _pair(element, display, options.source_lang or default_source, stats)
            if pair is not None and options.source_lang is not None:
                pair = replace(pair, source=options.source_lang)
            rules = directives.pop(element.sourceline)
            if pair is not None and rules is not None:
                pair = replace(pair, ignore=merge(pair.ignore, rules))
            if pair is not None:
                stats.pairs += 1
                yield pair
            release(element)


_DOUBLE_ESCAPED = re.compile(r"&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);")


def _unescape_twice(text: str) -> str:
    # Some tools escape markup twice (TICO-19 writes "&amp;gt; 90%"); after XML parsing that
    # leaves a literal "&gt;" the translator never typed.
    if "&" not in text:
        return text
    return _DOUBLE_ESCAPED.sub(lambda match: html.unescape(match.group(0)), text)


def _pair(tu: Any, display: str, default_source: Lang, stats: ReadStats) -> SegmentPair | None:
    texts: dict[str, str] = {}
    ignore: frozenset[str] | None = None
    for tuv in tu:
        if localname(tuv.tag) != "tuv":
            continue
        lang = lang_of(tuv.get(_XML_LANG) or tuv.get("lang"))
        if lang is None or lang in texts:
            continue
        for seg in tuv:
            if localname(seg.tag) == "seg":
                text, rules = take(clean(_unescape_twice(inline_text(seg))))
                texts[lang] = text
                ignore = merge(ignore, rules)
                break
    unit = tu.get("tuid")
    origin = Origin(display, tu.sourceline, unit)
    zh, en = texts.get("zh", ""), texts.get("en", "")
    if not zh or not en:
        missing = "Chinese" if not zh else "English"
        stats.skip(origin, f"<tu> without {missing} text", zh or en, "zh" if zh else "en")
        return None
    source = lang_of(tu.get("srclang")) or default_source
    return SegmentPair(zh, en, origin, source, ignore)
