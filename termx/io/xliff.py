"""XLIFF 1.2 (``<trans-unit>``) and 2.0/2.1 (``<unit>``/``<segment>``), either direction, and the
XLIFF 1.2 dialects of Trados (``.sdlxliff``) and memoQ (``.mqxliff``).

The languages come from ``<file source-language target-language>`` (1.2) or
``<xliff srcLang trgLang>`` (2.x). A missing one (Angular's ``ng extract-i18n`` writes no
``target-language``) is inferred from the script of the texts, and declared ones are checked
against it: a file whose ``<source>`` texts are English while it says ``source-language="zh"``
is refused with a message, never read swapped (``ReadOptions.source_lang`` overrides both).
A file in other languages (``de.xliff`` in an app's localisation folder) raises
:class:`OtherLanguages`, which a directory walk counts and skips.

Units with no target, or an empty one, are skipped and counted; so are targets marked as not
translated (1.2 ``state="new"``/``"needs-translation"``, 2.x ``<segment state="initial">``, a
memoQ ``mq:status="NotStarted"``, a Trados segment with no confirmation level) unless
``ReadOptions.include_untranslated``, and untranslated copies (target = source, no Chinese).

Trados and memoQ split a unit into segments with ``<mrk mtype="seg" mid="N">`` in
``<seg-source>`` and ``<target>``: each segment is one pair (origin unit ``ID/N``).

Inline codes (``<x/>``, ``<ph>``, ``<bpt>``, ``<sc/>``, ``<ec/>`` …) are dropped; ``<g>``,
``<pc>`` and ``<mrk>`` keep their text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from termx.errors import TermxError
from termx.io._common import ReadOptions, ReadStats, lang_of, script_of
from termx.io._xml import CommentDirectives, inline_text, iterparse, localname, release
from termx.io.directives import merge, take
from termx.model import Lang, Origin, SegmentPair
from termx.text import clean, han_count

# Target states that mean "no translation yet" (XLIFF 1.2 and 2.x; memoQ's own status).
_UNTRANSLATED = frozenset({"new", "needs-translation", "initial", "notstarted"})
_MQ_STATUS = "{MQXliff}status"
# How many units with a clear script on both sides decide (or check) a file's languages.
_EVIDENCE_UNITS = 20
# Share of those units whose script must contradict a declared language to refuse the file.
_CONTRADICTION = 0.8


class OtherLanguages(TermxError):
    """The file is a translation between other languages than Chinese and English."""

    def __init__(self, reason: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(reason, path, line)
        self.reason = reason


def sniff(head: str) -> bool:
    return "<xliff" in head


@dataclass(frozen=True, slots=True)
class _Segment:
    origin: Origin
    source: str
    target: str
    untranslated: bool
    ignore: frozenset[str] | None


@dataclass(slots=True)
class _Languages:
    """One declaration (``source-language``/``target-language``) and what the texts say."""

    source_code: str | None
    target_code: str | None
    line: int | None
    decided: tuple[Lang, Lang] | None = None
    # Units with a clear script on both sides: [source script zh, target script zh] counts.
    seen: int = 0
    source_zh: int = 0
    target_zh: int = 0


def read(path: Path, display: str, options: ReadOptions, stats: ReadStats) -> Iterator[SegmentPair]:
    languages: _Languages | None = None
    declarations: dict[tuple[str | None, str | None], _Languages] = {}
    pending: list[_Segment] = []
    directives = CommentDirectives()
    seen_root = False
    root_codes: tuple[str | None, str | None] = (None, None)
    for event, element in iterparse(path, display):
        if event == "comment":
            directives.note(element)
            continue
        name = localname(element.tag)
        if event == "start":
            if not seen_root:
                seen_root = True
                if name != "xliff":
                    raise TermxError(f"not an XLIFF file (root element <{name}>)", display, 1)
                root_codes = (element.get("srcLang"), element.get("trgLang"))
                if any(root_codes):
                    languages = _declared(root_codes, element.sourceline, declarations, display)
            elif name == "file" and (
                element.get("source-language") or element.get("target-language")
            ):
                codes = (element.get("source-language"), element.get("target-language"))
                previous = languages
                languages = _declared(codes, element.sourceline, declarations, display)
                if pending and previous is not None and previous is not languages:
                    # Units of the previous <file> waiting for evidence: settle them first.
                    _decide(previous, display)
                    yield from _pairs(pending, previous, options, stats)
                    pending = []
            continue
        if name in ("trans-unit", "unit"):
            if languages is None:
                languages = _declared((None, None), element.sourceline, declarations, display)
            segments = list(_segments(element, display, directives))
            release(element)
            if options.source_lang is not None:
                other: Lang = "en" if options.source_lang == "zh" else "zh"
                languages.decided = (options.source_lang, other)
            if languages.decided is None:
                pending.extend(segments)
                for segment in segments:
                    _vote(languages, segment)
                if languages.seen < _EVIDENCE_UNITS:
                    continue
                _decide(languages, display)
                segments, pending = pending, []
            yield from _pairs(segments, languages, options, stats)
    if pending and languages is not None:
        _decide(languages, display)
        yield from _pairs(pending, languages, options, stats)


def _declared(
    codes: tuple[str | None, str | None],
    line: int | None,
    declarations: dict[tuple[str | None, str | None], _Languages],
    display: str,
) -> _Languages:
    """The languages of one declaration, shared by every ``<file>`` that repeats it."""
    known = declarations.get(codes)
    if known is not None:
        return known
    source_code, target_code = (code.strip() if code else None for code in codes)
    foreign = [code for code in (source_code, target_code) if code and lang_of(code) is None]
    if foreign:
        raise OtherLanguages(
            "XLIFF languages must be Chinese and English (this file: "
            f"{' → '.join(code or '?' for code in (source_code, target_code))})",
            display,
            line,
        )
    languages = _Languages(source_code, target_code, line)
    source, target = lang_of(source_code), lang_of(target_code)
    if source is not None and source == target:
        raise TermxError(
            f"XLIFF source and target language are both {source_code!r}/{target_code!r}",
            display,
            line,
        )
    declarations[codes] = languages
    return languages


def _vote(languages: _Languages, segment: _Segment) -> None:
    if segment.untranslated or _copy(segment):
        return
    source, target = script_of(segment.source), script_of(segment.target)
    if source is None or target is None or source == target:
        return
    languages.seen += 1
    languages.source_zh += source == "zh"
    languages.target_zh += target == "zh"


def _decide(languages: _Languages, display: str) -> None:
    """Fix the file's (source, target) languages from the declaration and the texts' script."""
    declared_source = lang_of(languages.source_code)
    declared_target = lang_of(languages.target_code)
    seen = languages.seen
    by_script: Lang | None = None
    if seen:
        if languages.source_zh >= _CONTRADICTION * seen:
            by_script = "zh"
        elif seen - languages.source_zh >= _CONTRADICTION * seen:
            by_script = "en"
    declared = declared_source or (
        ("en" if declared_target == "zh" else "zh") if declared_target else None
    )
    if declared is not None and by_script is not None and declared != by_script:
        said = (
            f'source-language="{languages.source_code}"'
            if declared_source
            else f'target-language="{languages.target_code}"'
        )
        name = {"zh": "Chinese", "en": "English"}
        raise TermxError(
            f"the file says {said} but its <source> texts are {name[by_script]} "
            f"({max(languages.source_zh, seen - languages.source_zh)} of {seen} units); "
            f"fix the language attributes or pass --source-lang {by_script}",
            display,
            languages.line,
        )
    source = declared or by_script
    if source is None:
        raise TermxError(
            "cannot tell the XLIFF languages (no source-language/target-language or "
            "srcLang/trgLang, and the texts do not show them); pass --source-lang zh or en",
            display,
            languages.line,
        )
    languages.decided = (source, "en" if source == "zh" else "zh")


def _copy(segment: _Segment) -> bool:
    """An untranslated copy: the target repeats the source and holds no Chinese."""
    return segment.target == segment.source and han_count(segment.target) == 0


def _pairs(
    segments: list[_Segment], languages: _Languages, options: ReadOptions, stats: ReadStats
) -> Iterator[SegmentPair]:
    assert languages.decided is not None
    src_lang, trg_lang = languages.decided
    for segment in segments:
        origin = segment.origin
        if not segment.target:
            stats.skip(origin, "unit without a target", segment.source, src_lang)
            continue
        if not segment.source:
            stats.skip(origin, "unit with an empty source", segment.target, trg_lang)
            continue
        if segment.untranslated and not options.include_untranslated:
            stats.skip(origin, "target not translated yet (state)", segment.source, src_lang)
            continue
        if _copy(segment):
            stats.skip(origin, "untranslated copy (target = source)", segment.source, src_lang)
            continue
        texts = {src_lang: segment.source, trg_lang: segment.target}
        stats.pairs += 1
        yield SegmentPair(texts["zh"], texts["en"], origin, src_lang, segment.ignore)


def _segments(unit: Any, display: str, directives: CommentDirectives) -> Iterator[_Segment]:
    unit_id = unit.get("id")
    line = unit.sourceline
    unit_rules = directives.pop(line)
    status = (unit.get(_MQ_STATUS) or "").lower()
    # 1.2: <source>/<target> are children of <trans-unit>; 2.x: of each <segment>.
    holders = [child for child in unit if localname(child.tag) == "segment"] or [unit]
    for holder in holders:
        src = trg = seg_source = None
        sdl_states: dict[str, str | None] = {}
        for child in holder:
            name = localname(child.tag)
            if name == "source" and src is None:
                src = child
            elif name == "target" and trg is None:
                trg = child
            elif name == "seg-source":
                seg_source = child
            elif name == "seg-defs":
                sdl_states = {seg.get("id", ""): seg.get("conf") for seg in child}
        untranslated = status in _UNTRANSLATED or (
            (holder.get("state") or "").lower() in _UNTRANSLATED
            or (trg is not None and (trg.get("state") or "").lower() in _UNTRANSLATED)
        )
        marked = _seg_marks(seg_source) if seg_source is not None else {}
        if marked:
            targets = _seg_marks(trg) if trg is not None else {}
            for mid, source_mark in marked.items():
                target_mark = targets.get(mid)
                # Trados: a segment without a confirmation level is "Not Translated".
                not_done = bool(sdl_states) and not sdl_states.get(mid)
                yield _segment(
                    Origin(display, line, f"{unit_id}/{mid}"),
                    source_mark,
                    target_mark,
                    untranslated or not_done,
                    unit_rules,
                )
            continue
        yield _segment(Origin(display, line, unit_id), src, trg, untranslated, unit_rules)


def _segment(
    origin: Origin,
    source: Any,
    target: Any,
    untranslated: bool,
    rules: frozenset[str] | None,
) -> _Segment:
    source_text, source_rules = take(clean(inline_text(source)) if source is not None else "")
    target_text, target_rules = take(clean(inline_text(target)) if target is not None else "")
    ignore = merge(rules, merge(source_rules, target_rules))
    return _Segment(origin, source_text, target_text, untranslated, ignore)


def _seg_marks(element: Any) -> dict[str, Any]:
    """``mid`` → ``<mrk mtype="seg">`` element, in document order (nested ones included)."""
    marks: dict[str, Any] = {}
    for mark in element.iter():
        if localname(mark.tag) == "mrk" and mark.get("mtype") == "seg":
            marks.setdefault(mark.get("mid") or str(len(marks) + 1), mark)
    return marks
