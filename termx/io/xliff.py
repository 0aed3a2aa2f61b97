"""XLIFF 1.2 (``<trans-unit>``) and 2.0/2.1 (``<unit>``/``<segment>``), either direction.

The languages come from ``<file source-language target-language>`` (1.2) or
``<xliff srcLang trgLang>`` (2.x). Units with no target, or an empty one, are skipped and counted.
Inline codes (``<x/>``, ``<ph>``, ``<bpt>``, ``<sc/>``, ``<ec/>`` …) are dropped; ``<g>``,
``<pc>`` and ``<mrk>`` keep their text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from termx.errors import TermxError
from termx.io._common import ReadOptions, ReadStats, lang_of
from termx.io._xml import inline_text, iterparse, localname, release
from termx.model import Lang, Origin, SegmentPair
from termx.text import clean


def sniff(head: str) -> bool:
    return "<xliff" in head


def read(path: Path, display: str, options: ReadOptions, stats: ReadStats) -> Iterator[SegmentPair]:
    source: Lang | None = None
    target: Lang | None = None
    seen_root = False
    for event, element in iterparse(path, display):
        name = localname(element.tag)
        if event == "start":
            if not seen_root:
                seen_root = True
                if name != "xliff":
                    raise TermxError(f"not an XLIFF file (root element <{name}>)", display, 1)
                source = lang_of(element.get("srcLang"))
                target = lang_of(element.get("trgLang"))
            elif name == "file" and element.get("source-language"):
                source = lang_of(element.get("source-language"))
                target = lang_of(element.get("target-language"))
            continue
        if name in ("trans-unit", "unit"):
            yield from _unit(element, display, source, target, stats)
            release(element)


def _languages(
    source: Lang | None, target: Lang | None, display: str, line: int | None
) -> tuple[Lang, Lang]:
    if source is None or target is None or source == target:
        raise TermxError(
            "XLIFF languages must be Chinese and English (source-language/target-language "
            "or srcLang/trgLang)",
            display,
            line,
        )
    return source, target


def _unit(
    unit: Any, display: str, source: Lang | None, target: Lang | None, stats: ReadStats
) -> Iterator[SegmentPair]:
    src_lang, trg_lang = _languages(source, target, display, unit.sourceline)
    unit_id = unit.get("id")
    # 1.2: <source>/<target> are children of <trans-unit>; 2.x: of each <segment>.
    holders = [child for child in unit if localname(child.tag) == "segment"] or [unit]
    for holder in holders:
        src = trg = None
        for child in holder:
            name = localname(child.tag)
            if name == "source" and src is None:
                src = child
            elif name == "target" and trg is None:
                trg = child
        origin = Origin(display, unit.sourceline, unit_id)
        src_text = clean(inline_text(src)) if src is not None else ""
        trg_text = clean(inline_text(trg)) if trg is not None else ""
        if not trg_text:
            stats.skip(origin, "unit without a target", src_text, src_lang)
            continue
        if not src_text:
            stats.skip(origin, "unit with an empty source", trg_text, trg_lang)
            continue
        texts = {src_lang: src_text, trg_lang: trg_text}
        stats.pairs += 1
        yield SegmentPair(texts["zh"], texts["en"], origin, src_lang)
