"""What every reader shares: options, the tally of what was read but not used, language codes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from termx.model import Lang, Origin

# Stored details are capped so that a file where every unit is skipped still streams in
# constant memory; the counts stay exact.
_MAX_DETAILS = 10_000


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read inputs.

    ``fmt`` forces a format; columns are 1-based numbers or header names. ``source_lang``
    overrides what the files say (or do not say) about the language translated from: in
    XLIFF the language of ``<source>`` (the other one is the target's), in TMX the ``srclang``,
    in tables and text files the direction of every pair. ``include_untranslated`` keeps
    XLIFF targets marked untranslated (1.2 ``new``/``needs-translation``, 2.x ``initial``).
    """

    fmt: str | None = None
    zh_col: str | int | None = None
    en_col: str | int | None = None
    encoding: str | None = None
    source_lang: Lang | None = None
    include_untranslated: bool = False


@dataclass(frozen=True, slots=True)
class Skipped:
    """A unit, row or block that was read but gave no pair, and why."""

    origin: Origin
    reason: str
    text: str = ""
    lang: str = ""


@dataclass(slots=True)
class ReadStats:
    """Filled in by the readers as they go: files read, pairs yielded, what was skipped and why.

    Pass one to ``read_pairs``/``read_inputs``; it is only complete once the iterator is exhausted.
    """

    files: list[str] = field(default_factory=list)
    pairs: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    reasons: Counter[str] = field(default_factory=Counter)
    # Whole files found in a directory and not read (between other languages), and why.
    skipped_files: list[Skipped] = field(default_factory=list)

    def skip_file(self, origin: Origin, reason: str) -> None:
        self.skipped_files.append(Skipped(origin, reason))

    def skip(self, origin: Origin, reason: str, text: str = "", lang: str = "") -> None:
        self.reasons[reason] += 1
        if len(self.skipped) < _MAX_DETAILS:
            self.skipped.append(Skipped(origin, reason, text, lang))

    @property
    def skipped_count(self) -> int:
        return sum(self.reasons.values())


_ZH_CODES = frozenset({"zh", "zho", "chi", "cmn", "yue", "wuu", "lzh", "hak", "nan"})
_EN_CODES = frozenset({"en", "eng"})


def lang_of(code: str | None) -> Lang | None:
    """'zh-Hant-TW', 'ZH_cn', 'zh-Hans', 'en-US', 'EN' … → 'zh' / 'en'; anything else → None."""
    if not code:
        return None
    primary = code.strip().replace("_", "-").split("-", 1)[0].lower()
    if primary in _ZH_CODES:
        return "zh"
    if primary in _EN_CODES:
        return "en"
    return None


def script_of(text: str) -> Lang | None:
    """'zh' if Han characters carry the text, 'en' if Latin letters do, None for neither.

    A Chinese character is roughly a word and an English word roughly five letters, so Han
    characters are weighted accordingly: "張曉剛:6月25日…SCO…" is Chinese, "Zhang Xiaogang
    (張曉剛) said …" is English.
    """
    from termx.text import han_count, latin_count

    han, latin = han_count(text), latin_count(text)
    if han == 0 and latin == 0:
        return None
    return "zh" if han * 3 >= latin else "en"
