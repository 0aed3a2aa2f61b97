"""Bilingual evidence: each module is one independent signal that explains a pair.

The lexical signals (dictionary, transliteration) return ``Link``s — which Chinese characters
explain which English word — so that the scorer can measure coverage on both sides; every signal
also renders an :class:`~termx.model.Evidence` with a human-readable reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from termx.lexicon import content_words, word_key

OF_PHRASE = re.compile(r"\s+of\s+", re.I)
STEM_PREFIX = 5  # gloss and word keys sharing five letters may be one family (fever/feverish)


@dataclass(frozen=True, slots=True)
class Link:
    zh_start: int
    zh_end: int
    en_index: int  # index into EnTerm.words
    kind: str  # dictionary | translit | acronym | latin
    weight: float = 1.0  # share of the gloss phrase found in the English term


@dataclass(frozen=True)
class ZhTerm:
    """A Chinese candidate prepared for matching: Simplified text and what its parts mean."""

    key: str
    text: str  # Simplified, as analysed
    # word key → (start, end, sense id, words in that sense) of every part whose gloss has it
    glosses: dict[str, list[tuple[int, int, int, int]]] = field(default_factory=dict)
    romanised: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # pinyin → spans
    boundaries: frozenset[int] = frozenset()  # word boundaries (jieba) inside the text
    # gloss keys of five letters or more, by their first five (symptom ~ symptomatic)
    stems: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @cached_property
    def anchors(self) -> frozenset[str]:
        """What an English candidate must share with this term to be worth scoring: the
        glosses of its whole-word parts (a lone character inside a word glosses too much)
        and its pinyin."""
        anchors = set(self.romanised)
        for key, spans in self.glosses.items():
            if any(
                b - a > 1 or ((a in self.boundaries or a == 0) and b in self.boundaries)
                for a, b, _, _ in spans
            ):
                anchors.add(key)
                if len(key) >= STEM_PREFIX:
                    anchors.add("~" + key[:STEM_PREFIX])
        return frozenset(anchors)


@dataclass(frozen=True)
class EnTerm:
    key: str
    surface: str
    words: tuple[str, ...]
    keys: tuple[str, ...]

    @classmethod
    def of(cls, key: str, surface: str) -> EnTerm:
        words = tuple(content_words(surface))
        return cls(key, surface, words, tuple(word_key(w) for w in words))

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
        stems = {"~" + k[:STEM_PREFIX] for k in self.keys if len(k) >= STEM_PREFIX}
        return frozenset({*self.keys, *(w.lower() for w in self.words), *stems})
