"""The shape every bilingual signal shares: the :class:`Signal` protocol, the
:class:`PairContext` it reads, the :class:`Link` and :class:`Contribution` it returns, and the
prepared terms (:class:`ZhTerm`, :class:`EnTerm`) and lexical :func:`coverage` the signals
and the scorer both use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple, Protocol

from termx.extract.lexicon import content_words, word_key
from termx.extract.params import ScoringParams
from termx.model import Evidence
from termx.text import ACRONYM, is_han

if TYPE_CHECKING:  # the corpus module imports this one; only the types go the other way
    from termx.extract.corpus import Analyser, Stats

OF_PHRASE = re.compile(r"\s+of\s+", re.I)


class Link(NamedTuple):
    """Chinese characters ``zh_start``..``zh_end`` explain English word ``en_index``.

    A tuple, not a frozen dataclass: every scored pair makes a few (≈ 300,000 on tico19-dev),
    and a frozen dataclass's ``__init__`` costs three times a tuple's."""

    zh_start: int
    zh_end: int
    en_index: int  # index into EnTerm.words
    kind: str  # the signal's name: dictionary | translit | acronym | latin
    weight: float = 1.0  # share of the gloss phrase found in the English term


@dataclass(frozen=True)
class ZhTerm:
    """A Chinese candidate prepared for matching: Simplified text and what its parts mean."""

    key: str
    text: str  # Simplified, as analysed
    # word key → (start, end, sense id, words in that sense) of every part whose gloss has it
    glosses: dict[str, list[tuple[int, int, int, int]]] = field(default_factory=dict)
    boundaries: frozenset[int] = frozenset()  # word boundaries (jieba) inside the text
    stem_prefix: int = ScoringParams.stem_prefix
    # A character's pinyin (the Analyser's cached reading; None: ``translit.reading``).
    read: Callable[[str], str] | None = field(default=None, compare=False, repr=False)

    # What only some pairs need is worked out when first asked: most terms are never paired
    # with a capitalised English word (58 % on tico19-dev), and a third never with an English
    # word they have no gloss of, so their pinyin and stems were built for nothing.

    @cached_property
    def romanised(self) -> dict[str, list[tuple[int, int]]]:
        """Pinyin spelling → the spans that spell it (see ``translit.romanisations``)."""
        from termx.extract.evidence import translit  # it imports this module

        return translit.romanisations(self.text, self.read or translit.reading)

    @cached_property
    def stems(self) -> dict[str, list[str]]:
        """The gloss keys of ``stem_prefix`` letters or more, by their first letters (symptom
        ~ symptomatic)."""
        prefix = self.stem_prefix
        by_stem: dict[str, list[str]] = {}
        for gloss in self.glosses:
            if len(gloss) >= prefix:
                found = by_stem.get(gloss[:prefix])
                if found is None:
                    by_stem[gloss[:prefix]] = [gloss]
                else:
                    found.append(gloss)
        return by_stem

    @cached_property
    def anchors(self) -> frozenset[str]:
        """What an English candidate must share with this term to be worth scoring: the
        glosses of its whole-word parts (a lone character inside a word glosses too much),
        of the characters only their own glosses explain (:func:`lone_characters`),
        its pinyin and its Latin-script words."""
        from termx.extract.evidence import latin  # latin imports this module

        anchors = set(self.romanised) | latin.anchors(self.text)
        prefix = self.stem_prefix
        whole = {(a, b) for spans in self.glosses.values() for a, b, _, _ in spans}
        lone = set(lone_characters(self.text, self.boundaries, lambda a, b: (a, b) in whole))
        for key, spans in self.glosses.items():
            if any(
                b - a > 1
                or ((a in self.boundaries or a == 0) and b in self.boundaries)
                or (a in lone and b == a + 1)
                for a, b, _, _ in spans
            ):
                anchors.add(key)
                if len(key) >= prefix:
                    anchors.add("~" + key[:prefix])
        return frozenset(anchors)

    @cached_property
    def significant(self) -> tuple[int, ...]:
        """The positions of the characters that count for coverage (Han, letters, digits)."""
        return tuple(_significant(self.text))

    @cached_property
    def matched(self) -> dict[tuple[str, int], list[tuple[int, int, int, int]]]:
        """The dictionary's memo of the spans explaining English words the term has no gloss
        of (by stem or negation; see ``dictionary._matches``)."""
        return {}

    @cached_property
    def significant_bits(self) -> int:
        """:attr:`significant` as the bits of an int (see ``coverage``)."""
        return sum(1 << i for i in self.significant)

    @cached_property
    def lowered(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class EnTerm:
    """An English candidate prepared for matching: its content words and their keys."""

    key: str
    surface: str
    words: tuple[str, ...]
    keys: tuple[str, ...]
    stem_prefix: int = ScoringParams.stem_prefix

    @classmethod
    def of(
        cls,
        key: str,
        surface: str,
        stem_prefix: int = ScoringParams.stem_prefix,
        key_of: Callable[[str], str] = word_key,
    ) -> EnTerm:
        """Prepare ``surface``; ``key_of`` gives a word's key (the Analyser's cached one)."""
        words = tuple(content_words(surface))
        return cls(key, surface, words, tuple(key_of(w) for w in words), stem_prefix)

    @cached_property
    def head(self) -> int:
        """The index of the head word: the last one, or in a lower-case phrase the last
        before "of" ("history of travel"; a name's head is its last word: "Chiefs of General
        Staff Meeting")."""
        last = max(0, len(self.words) - 1)
        found = OF_PHRASE.search(self.surface)
        if found is None or self.surface[:1].isupper():
            return last
        return max(0, min(last, len(content_words(self.surface[: found.start()])) - 1))

    @cached_property
    def anchors(self) -> frozenset[str]:
        return en_anchors(self.words, self.keys, self.stem_prefix)

    # What the signals ask of every pair the term is in, worked out once per term.

    @cached_property
    def acronyms(self) -> tuple[int, ...]:
        """The indexes of the words that are acronyms (SCO, COVID-19)."""
        return tuple(i for i, word in enumerate(self.words) if ACRONYM.match(word))

    @cached_property
    def latin(self) -> tuple[tuple[int, str], ...]:
        """(index, lower case) of the words of two letters or more in ASCII."""
        return tuple(
            (i, word.lower())
            for i, word in enumerate(self.words)
            if word.isascii() and len(word) > 1
        )

    @cached_property
    def capitalised(self) -> tuple[tuple[int, str], ...]:
        """(index, spelling as pinyin would be: lower case, no apostrophe, ü as u) of the
        capitalised words, which may be pinyin ("Xiaogang", "Qingdao")."""
        return tuple(
            (i, word.lower().replace("'", "").replace("ü", "u"))
            for i, word in enumerate(self.words)
            if word[:1].isupper()
        )


def lone_characters(
    text: str, boundaries: frozenset[int], known: Callable[[int, int], bool]
) -> list[int]:
    """The positions of the characters that only a character's own gloss can explain: inside
    a jieba word (ending at ``boundaries``) of Chinese characters that is not ``known`` to the
    dictionary as a whole, those no ``known`` word of two or more characters in it covers.
    A term translated by meaning is made of them (干咳 ↔ dry cough, 白沙镇 ↔ White Sand Town:
    白沙 is a word, 镇 a lone character); where the dictionary knows the words of a compound
    (中国政府), its words anchor it, not their characters."""
    found: list[int] = []
    start = 0
    for end in sorted(boundaries):
        if end - start > 1 and all(map(is_han, text[start:end])) and not known(start, end):
            covered = {
                k
                for a in range(start, end - 1)
                for b in range(a + 2, end + 1)
                if known(a, b)
                for k in range(a, b)
            }
            found.extend(k for k in range(start, end) if k not in covered)
        start = end
    return found


def en_anchors(words: Sequence[str], keys: Sequence[str], stem_prefix: int) -> frozenset[str]:
    """What a Chinese term must share with an English one of ``words`` (their ``keys``) to be
    linked with it: the keys, the words in lower case, the keys' stems (``EnTerm.anchors``;
    the analysis workers ask for it without preparing the term)."""
    stems = {"~" + k[:stem_prefix] for k in keys if len(k) >= stem_prefix}
    return frozenset({*keys, *(w.lower() for w in words), *stems})


# ---------------------------------------------------------------------------------- coverage


class Coverage(NamedTuple):
    """How much of each side the links explain, and the lexical confidence that makes (a
    tuple, as :class:`Link`: one per linked pair)."""

    zh: float
    en: float
    edges: int  # how many term edges nothing explains (four, and a head inside the English)
    heads: int  # how many of those edges are a head (the last Chinese word, the English head)
    value: float


def _covered(zh: float, en: float, edges: int, heads: int, params: ScoringParams) -> Coverage:
    # Idiomatic translations leave words unexplained in the middle ("community with a shared
    # future for mankind"); the edges matter more than the middle, and a head more than a
    # modifier. (zh * en) ** 0.5 is the geometric mean of the two sides.
    value = (zh * en) ** 0.5 * params.edge_penalty ** (edges - heads) * params.head_penalty**heads
    return Coverage(zh, en, edges, heads, value)


def _significant(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if is_han(ch) or ch.isalnum()]


def _open_word_end(zh: ZhTerm, covered: int) -> int:
    """Where the first explained character is, when all that ``covered`` leaves of ``zh`` is
    one word (jieba's) before it; else 0."""
    left = zh.significant_bits & covered
    if not left:
        return 0
    start = (left & -left).bit_length() - 1
    one_word = (
        (zh.significant_bits & ~covered) >> start == 0
        and start in zh.boundaries
        and not any(zh.significant[0] < b < start for b in zh.boundaries)
    )
    return start if one_word else 0


def coverage(
    zh: ZhTerm,
    en: EnTerm,
    links: Sequence[Link],
    params: ScoringParams,
    elsewhere: Callable[[list[int]], bool] | None = None,
    zh_elsewhere: Callable[[int], bool] | None = None,
) -> Coverage:
    """How much of each side the links explain. ``elsewhere(words)`` tells whether English
    words that nothing in the term explains translate Chinese outside it, in the segment;
    ``zh_elsewhere(end)`` whether the term's first ``end`` characters translate English
    outside the English term there."""
    chars = zh.significant
    if not chars or not en.words:
        return _covered(0.0, 0.0, 4, 0, params)
    # The covered characters as the bits of one int (this runs for every linked pair: a set
    # of the characters' positions cost twice as much).
    covered = 0
    explained: dict[int, float] = {}
    for a, b, index, _, weight in links:
        covered |= (1 << b) - (1 << a)
        known = explained.get(index)
        if known is None or weight > known:
            explained[index] = weight
    zh_cov = (covered & zh.significant_bits).bit_count() / len(chars)
    en_cov = sum(explained.values()) / len(en.words)
    last, head = len(en.words) - 1, en.head
    first_open, last_open = not covered >> chars[0] & 1, not covered >> chars[-1] & 1
    heads = last_open + (head not in explained)
    edges = first_open + last_open
    edges += (0 not in explained) + (last not in explained)
    edges += head not in (0, last) and head not in explained  # "history of travel"
    gap = min(1 - zh_cov, 1 - en_cov)
    # Explained at both ends on both sides, with words left over in the middle of both
    # (人类命运共同体 ↔ "community with a shared future for mankind"): the middles are each
    # other's translation, as a phrase aligner would take them, unless an English one
    # translates Chinese outside the term ("Dream" is 中国梦's, not 中华民族伟大复兴's).
    if (
        not edges
        and gap > 0
        and elsewhere is not None
        and not elsewhere([i for i in range(len(en.words)) if i not in explained])
    ):
        zh_cov, en_cov = zh_cov + gap, en_cov + gap
    # Only the first word of each side unexplained, the modifier's in both languages (强制隔离
    # ↔ "mandatory quarantine": the heads explained, the modifiers not): the two words are
    # likely each other's translation, as in the middle case, unless either translates a
    # word outside the other term; but nothing bounds them on the outside, so the two open
    # edges still count as one.
    elif (
        edges == 2
        and first_open
        and not heads
        and len(explained) == len(en.words) - 1
        and 0 not in explained
        and (start := _open_word_end(zh, covered))
        and elsewhere is not None
        and zh_elsewhere is not None
        and not elsewhere([0])
        and not zh_elsewhere(start)
    ):
        zh_cov, en_cov, edges = zh_cov + gap, en_cov + gap, 1
    return _covered(zh_cov, en_cov, edges, heads, params)


# ------------------------------------------------------------------------ the signal protocol


@dataclass(frozen=True)
class PairContext:
    """What a signal may read about one candidate pair. ``links`` and ``coverage`` are
    empty/None while the signals are asked for links, and filled in (every signal's links,
    the coverage they make) when they are asked for evidence."""

    zh: ZhTerm
    en: EnTerm
    stats: Stats
    analyser: Analyser
    params: ScoringParams
    links: tuple[Link, ...] = ()
    coverage: Coverage | None = None

    @property
    def zh_key(self) -> str:
        return self.zh.key

    @property
    def en_key(self) -> str:
        return self.en.key

    @property
    def joint(self) -> int:
        """Segments in which the pair was seen."""
        return self.stats.joint[(self.zh.key, self.en.key)]

    @property
    def covered(self) -> float:
        """The lexical coverage value (0 while links are gathered)."""
        return self.coverage.value if self.coverage is not None else 0.0


@dataclass(frozen=True)
class Contribution:
    """What one signal says about a pair.

    ``shown``: lines for the candidate's evidence column, in order. ``support``: values
    combined with the lexical coverage by noisy-or (a signal may support a pair without a
    line, or show a line that adds nothing beyond coverage). ``lexical``: another reading of
    the lexical coverage (the scorer takes the best). ``proper``: the signal says the pair is
    a proper name (names are terms however everyday their words are)."""

    shown: tuple[Evidence, ...] = ()
    support: tuple[Evidence, ...] = ()
    lexical: float = 0.0
    proper: bool = False


class Bound(NamedTuple):
    """At most what a signal's ``evidence`` can give a pair (see :class:`Contribution`),
    told before it is asked, so that the scorer writes no evidence lines for a pair that
    cannot reach the list: ``lexical`` and ``support`` (the noisy-or of its support values)
    at least as large as the contribution's, ``proper`` true if it may call the pair a name."""

    lexical: float = 0.0
    support: float = 0.0
    proper: bool = False


NOTHING = Bound()
"""The bound of a signal that adds nothing to the score (its lines only explain it)."""


class Signal(Protocol):
    """One bilingual signal: a module in ``termx.extract.evidence`` listed once in
    ``SIGNALS``. The scorer asks every signal for ``links`` first, then (with all links and
    their coverage in the context) for ``evidence``; ``opens`` tells whether the signal alone
    makes a pair worth scoring when no signal links it.

    A signal may also have ``bound(ctx) -> Bound`` (asked with the links and coverage in the
    context): when every signal has one, pairs that cannot score enough to be kept are left
    out before any signal writes evidence for them. A signal without it is always asked."""

    NAME: str

    def links(self, ctx: PairContext) -> list[Link]: ...

    def opens(self, ctx: PairContext) -> bool: ...

    def evidence(
        self, ctx: PairContext, earlier: Sequence[Contribution]
    ) -> Contribution | None: ...
