"""Find glossary terms in text: one Aho–Corasick automaton over fold() keys, longest match wins.

The automaton is built once per glossary and scans each segment once, so the cost per segment
does not grow with the glossary. Matching happens on the folding key (``termx.text.fold``), so
Traditional and Simplified, full- and half-width, curly and straight quotes, upper and lower case
all compare equal. English forms also match their regular plural, and since an apostrophe is a
word boundary, the possessive (``organization's``, ``organizations'``); nothing else is tolerated
(``organisation`` is a different word). A match whose Latin edge letter touches another letter
or digit is not a match (``art`` is not in ``party``); Han edges need no boundary because Chinese
has no spaces. Where matches overlap, the longest wins (上海合作组织 hides 合作), then the leftmost.

Short all-capital acronyms (``WHO``, ``AIDS``) are the one place case matters: they must appear
in capitals, otherwise every "who" in a text would count as the World Health Organization.

:class:`TermMatcher` scans for many terms at once; :func:`probes` and :func:`find_forms` look
for the few forms of one known term (what the checker does in the target).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import ahocorasick

from termx.model import Lang
from termx.text import _QUOTES, collapse_spaces, fold, plural, singular, strip_pinyin, to_simplified

_QUOTE_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in _QUOTES) + "]")
# Where case matters: a short all-capital acronym must appear in capitals (``WHO`` is not "who").
# Narrower than termx.text.ACRONYM on purpose: G20 or R&D have no lower-case homograph.
_ACRONYM = re.compile(r"[A-Z]{2,5}")


def _prefold_table() -> dict[str, str]:
    table = {chr(code): target for code, target in _QUOTES.items()}
    # Full-width ASCII and the ideographic space: NFKC maps each to one ASCII character.
    for code in [*range(0xFF01, 0xFF5F), 0x3000]:
        table[chr(code)] = unicodedata.normalize("NFKC", chr(code)).translate(_QUOTES)
    return table


_PREFOLD = _prefold_table()
_PREFOLD_RE = re.compile("[" + "".join(re.escape(char) for char in _PREFOLD) + "]")


def _prefold(match: re.Match[str]) -> str:
    return _PREFOLD[match.group()]


def fold_fast(text: str) -> str:
    """Exactly ``termx.text.fold(text)``, but skipping the steps that would change nothing.

    The checker folds every segment it reads, so this is its hot path: ASCII English needs only
    lower-casing; Chinese usually differs from its NFKC form only by full-width punctuation,
    which a regular expression replaces several times faster than ``unicodedata.normalize``.
    """
    if text.isascii():
        if "`" in text:
            text = text.replace("`", "'")
        # casefold() of ASCII is lower(); collapse_spaces() is fold()'s _SPACES.sub().strip().
        return collapse_spaces(text.lower())
    text = strip_pinyin(text)  # returns at once unless a parenthesis follows a Han character
    if "\uff0c" in text:
        # The full-width comma is most of what _PREFOLD_RE finds in Chinese: replacing it
        # first saves the regex a call back to Python per comma.
        text = text.replace("\uff0c", ",")
    text = _PREFOLD_RE.sub(_prefold, text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
        if _QUOTE_CHARS.search(text):
            text = text.translate(_QUOTES)
    return collapse_spaces(to_simplified(text).casefold())


def is_word_char(char: str) -> bool:
    """A letter or digit of an alphabetic script (Han, kana and hangul need no boundary)."""
    return char.isalnum() and ord(char) < 0x2E80


def english_inflections(key: str) -> set[str]:
    """Other spellings of a folded English term that are the same term: its regular plural
    (``termx.text.plural``), or for a term already in the plural its singular
    (``termx.text.singular``; not for a word that merely ends in s, like ``virus``).

    Only the last word is inflected (``chiefs of staff`` is out of reach, on purpose: a wrong
    guess would make the checker accept other words), and of a hyphenated or numbered last word
    only its final run of letters (``co-operations`` → ``co-operation``).
    """
    words = key.split(" ")
    last = words[-1]
    if not last or not last[-1].isalpha():
        return set()
    cut = len(last)
    while cut and last[cut - 1].isalpha():
        cut -= 1
    stem, word = last[:cut], last[cut:]
    other = singular(word)
    if other == word:
        other = plural(word)
    prefix = " ".join(words[:-1])
    form = stem + other
    return {f"{prefix} {form}" if prefix else form} - {key}


class Match(NamedTuple):
    """A term found in a folded text: ``text[start:end]`` is an inflection of ``key``."""

    start: int
    end: int
    key: str


# What the automaton stores for a spelling: its length in UTF-8 bytes and in characters, its
# glossary key, and the Probe when a hit needs a boundary or capitals check (None when it never
# does, so that the usual hit costs no attribute look-up).
_Entry = tuple[int, int, str, "Probe | None"]
# A hit as (start, end, key, length in characters): start and end are character offsets, or
# UTF-8 byte offsets on the way, which order and overlap exactly as character offsets do.
Hit = tuple[int, int, str, int]
Span = tuple[int, int, str]  # a Match without the cost of building a NamedTuple


class Probe(NamedTuple):
    """One spelling to look for: ``text`` (folded) counts as the glossary form ``key``."""

    text: str
    key: str
    acronym: str  # the capitals the surface must show, or "" when case does not matter
    left: bool  # the first character is a letter or digit, so it needs a boundary before it
    right: bool  # likewise for the last character and a boundary after it


def probes(forms: Iterable[str], lang: Lang) -> list[Probe]:
    """The spellings of ``forms`` to search for: each folded form, and for English its
    regular plural or singular (never one that is itself one of the ``forms``)."""
    keys: dict[str, str] = {}
    for form in forms:
        key = fold(form)
        if key and key not in keys:
            keys[key] = form.strip() if lang == "en" and _ACRONYM.fullmatch(form.strip()) else ""
    found: list[Probe] = []
    for key, acronym in keys.items():
        spellings = [key]
        if lang == "en":
            spellings += sorted(english_inflections(key) - keys.keys())
        for text in spellings:
            found.append(Probe(text, key, acronym, is_word_char(text[0]), is_word_char(text[-1])))
    return found


def _accept(folded: str, surface: str | None, probe: Probe, start: int, end: int) -> bool:
    if probe.left and start > 0 and is_word_char(folded[start - 1]):
        return False
    if probe.right and end < len(folded) and is_word_char(folded[end]):
        return False
    if probe.acronym and surface is not None and len(surface) == len(folded):
        return surface[start : start + len(probe.acronym)] == probe.acronym
    return True


def find_forms(folded: str, surface: str | None, wanted: Sequence[Probe]) -> list[Match]:
    """Every occurrence of a few probes in ``folded``, overlaps included (``str.find``, which
    beats an automaton when only the forms of one or two terms are wanted)."""
    hits = find_form_hits(folded, surface, wanted)
    return [Match(start, end, key) for start, end, key, _ in hits]


def find_form_hits(
    folded: str, surface: str | None, wanted: Sequence[Probe], first: bool = False
) -> list[Hit]:
    """:func:`find_forms` as Hit tuples (character offsets), for the checker's hot path; with
    ``first``, only the first accepted hit (all a caller that asks "is it there?" needs)."""
    hits: list[Hit] = []
    limit = len(folded)
    # The surface, where acronyms must show their capitals; "" when it does not line up.
    capitals = surface if surface is not None and len(surface) == limit else ""
    for text, key, acronym, left, right in wanted:
        start = folded.find(text)
        if start == -1:
            continue  # the usual case: a form the translation does not use
        size = len(text)
        while start != -1:
            end = start + size
            # _accept() inlined ("" is not alphanumeric): this runs for every occurrence of
            # every form of every term found in a source.
            before = folded[start - 1] if left and start else ""
            after = folded[end] if right and end < limit else ""
            if not (
                (before.isalnum() and ord(before) < 0x2E80)
                or (after.isalnum() and ord(after) < 0x2E80)
                or (acronym and capitals and capitals[start : start + len(acronym)] != acronym)
            ):
                hits.append((start, end, key, size))
                if first:
                    return hits
            start = folded.find(text, start + 1)
    return hits


def _in_chars(hits: list[Hit], data: bytes | None) -> list[Span]:
    """Sorted hits as character-offset spans (``data``: the UTF-8 bytes, None for ASCII)."""
    if data is None:
        return [(start, end, key) for start, end, key, _ in hits]
    spans: list[Span] = []
    byte = char = 0
    for start, _, key, length in hits:
        char += len(data[byte:start].decode("utf-8"))
        byte = start
        spans.append((char, char + length, key))
    return spans


class Layers:
    """The matches of one text: ``spans``, the longest non-overlapping ones (text order), and
    :attr:`hidden`, the other accepted matches that overlap them (sorted, character offsets),
    converted from byte offsets only when first asked for; ``longest``, their greatest length."""

    __slots__ = ("_data", "_hidden", "_raw", "longest", "spans")

    def __init__(self, spans: list[Span], raw: list[Hit], data: bytes | None) -> None:
        self.spans = spans
        self._raw = raw
        self._data = data
        self._hidden: list[Span] | None = None if raw else []
        # Most texts hide nothing: no generator for them (this runs for every segment).
        self.longest = max([hit[3] for hit in raw]) if raw else 0

    @property
    def hidden(self) -> list[Span]:
        if self._hidden is None:
            self._hidden = _in_chars(sorted(self._raw), self._data)
        return self._hidden


class TermMatcher:
    """Finds the glossary forms of one language in folded text.

    Build it with the surface forms (any script or case; they are folded here), then call
    :meth:`find` with ``fold_fast(segment)``, passing the original ``segment`` as ``surface``
    so that acronyms can be checked for capitals.
    """

    def __init__(self, forms: Iterable[str], lang: Lang) -> None:
        self.lang: Lang = lang
        self.keys: dict[str, str] = {}  # folded key -> first surface form given for it
        forms = list(forms)
        for form in forms:
            key = fold(form)
            if key:
                self.keys.setdefault(key, form)
        # The automaton runs over UTF-8 bytes (spelled as Latin-1 characters). Over characters,
        # a root with a thousand Han children cost ~15 µs a sentence (pyahocorasick looks up
        # children sequentially); over bytes every node has few children (~3 µs).
        # UTF-8 is self-synchronising: a key's bytes only ever match on character boundaries.
        self._automaton = ahocorasick.Automaton()
        for probe in probes(forms, lang):
            data = probe.text.encode("utf-8")
            checked = probe if probe.left or probe.right or probe.acronym else None
            entry: _Entry = (len(data), len(probe.text), probe.key, checked)
            self._automaton.add_word(data.decode("latin-1"), entry)
        if self.keys:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.keys)

    def _hits(self, folded: str, surface: str | None) -> tuple[list[Hit], bytes | None]:
        """The accepted hits, overlaps included, in the automaton's order; with the UTF-8
        bytes of ``folded`` when the offsets are byte offsets (None: ASCII, bytes are
        characters). Only a hit that needs a boundary check is located in characters here."""
        data = folded.encode("utf-8")
        hits: list[Hit] = []
        ascii_only = len(data) == len(folded)
        # ASCII text is its own Latin-1 spelling of its UTF-8 bytes.
        text = folded if ascii_only else data.decode("latin-1")
        for last, (size, length, key, probe) in self._automaton.iter(text):
            end = last + 1
            if probe is not None:
                start = end - size if ascii_only else len(data[: end - size].decode("utf-8"))
                if not _accept(folded, surface, probe, start, start + length):
                    continue
            hits.append((end - size, end, key, length))
        return hits, None if ascii_only else data

    def find_all(self, folded: str, surface: str | None = None) -> list[Match]:
        """Every match in ``folded`` (a fold_fast() key), overlapping ones included."""
        if not self.keys:
            return []
        hits, data = self._hits(folded, surface)
        if data is None:
            return [Match(start, end, key) for start, end, key, _ in hits]
        found = []
        for start, _, key, length in hits:
            begin = len(data[:start].decode("utf-8"))
            found.append(Match(begin, begin + length, key))
        return found

    def spans(self, folded: str, surface: str | None = None) -> list[Span]:
        """:meth:`find` as plain (start, end, key) tuples, for the checker's hot path."""
        if not self.keys:
            return []
        hits, data = self._hits(folded, surface)
        if not hits:
            return []
        chosen = longest_hits(hits) if len(hits) > 1 else hits
        return _in_chars(chosen, data)

    def layers(self, folded: str, surface: str | None = None) -> Layers:
        """The longest non-overlapping matches (as :meth:`spans`) and, on demand, the others
        (see :class:`Layers`). The checker looks at those only where a longer term fails."""
        if not self.keys:
            return Layers([], [], None)
        hits, data = self._hits(folded, surface)
        if not hits:
            return Layers([], [], None)
        if len(hits) == 1:
            start, _, key, length = hits[0]
            if data is not None:
                start = len(data[:start].decode("utf-8"))
            return Layers([(start, start + length, key)], [], None)
        chosen = longest_hits(hits)
        if len(chosen) == len(hits):
            return Layers(_in_chars(chosen, data), [], None)
        kept = set(chosen)
        return Layers(_in_chars(chosen, data), [hit for hit in hits if hit not in kept], data)

    def find(self, folded: str, surface: str | None = None) -> list[Match]:
        """Non-overlapping matches in ``folded`` (a fold_fast() key): the longest wins."""
        return [Match(start, end, key) for start, end, key in self.spans(folded, surface)]

    def find_keys(self, folded: str, surface: str | None = None) -> set[str]:
        """The glossary keys found in ``folded`` (each once)."""
        return {key for _, _, key in self.spans(folded, surface)}


def _by_length_then_start(hit: Hit) -> tuple[int, int]:
    return (-hit[3], hit[0])


def longest_hits(hits: list[Hit]) -> list[Hit]:
    """:func:`longest` for Hit tuples, whose length is given in characters.

    Greedy by priority (longest, then leftmost), with the chosen hits kept sorted by start: as
    they never overlap each other, a candidate needs comparing only with its two neighbours
    there (bisect), so n hits cost O(n log n), not n times the number chosen.
    """
    if len(hits) < 2:
        return hits
    ordered = sorted(hits)
    end = -1
    for hit in ordered:
        if hit[0] < end:
            break
        end = hit[1]
    else:
        return ordered  # the usual case: nothing overlaps
    starts: list[int] = []  # the chosen hits' starts, sorted; ends[i] belongs to starts[i]
    ends: list[int] = []
    chosen: list[Hit] = []
    for hit in sorted(hits, key=_by_length_then_start):
        start, end = hit[0], hit[1]
        at = bisect_right(starts, start)
        if at and ends[at - 1] > start:
            continue  # overlaps the chosen hit that starts at or before it
        if at < len(starts) and starts[at] < end:
            continue  # overlaps the chosen hit that starts after it
        starts.insert(at, start)
        ends.insert(at, end)
        chosen.append(hit)
    chosen.sort()
    return chosen


def longest(hits: list[Match]) -> list[Match]:
    """Resolve overlaps: the longest match wins, then the leftmost; the result is in text order."""
    spans = [(start, end, key, end - start) for start, end, key in hits]
    return [Match(start, end, key) for start, end, key, _ in longest_hits(spans)]
