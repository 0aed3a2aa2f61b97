"""English term candidates: noun phrases (spaCy tags), names, acronyms, quotes, definitions."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from termx.extract.analysis.en import EnToken, noun_reading
from termx.extract.candidates import Candidate, keep
from termx.text import ACRONYM, fold

# Structural limit, not a ranking weight: the longest English span that is a candidate.
MAX_EN_WORDS = 8


_NOUN = {"NOUN", "PROPN"}
_MODIFIER = {"ADJ", "NOUN", "PROPN", "NUM"}
_LINKS = {"of", "for", "on", "with", "and", "in", "against"}
_PLACE_HEADS = {"province", "state", "county", "city", "prefecture", "region", "district"}
_EN_QUOTED = re.compile(r"[“\"‘]([^“”\"‘’]{2,80}?)[”\"’](?!\w)")
_POSSESSIVE_END = re.compile(r"['’]s$")
_DEFINITION = re.compile(
    r"((?:[A-Z][\w-]*(?:\s+(?:of|for|and|on|the|in)\s+|\s+)){1,9}[A-Z][\w-]*)"
    r"\s*\(([A-Z][A-Z0-9&]{1,9})\)"
)


# Compiled once: these run for every candidate span of every segment.
_WORD_BREAK = re.compile(r"[\s-]+")
_WORD = re.compile(r"[\w'’-]+")
_NOT_CAPITALISED = _LINKS | {"the", "a", "an"}
_PHRASE_POS = _MODIFIER | {"VERB"}


@dataclass(frozen=True, slots=True)
class _Unit:
    """A word for the phrase grammar: hyphenated compounds and possessives are one unit."""

    start: int
    end: int
    pos: str
    lemma: str
    plural: bool
    link: str | None = None  # a preposition/conjunction that may join two noun phrases
    det: bool = False
    gerund: bool = False
    # The tag of a noun the tagger read as a verb, adjective or adverb (see _misread): it may
    # end a phrase after a noun, never stand alone; only an adjective (a unit before) starts one.
    misread: str = ""


def _units(tokens: Sequence[EnToken], surface: str) -> list[_Unit | None]:
    """Group tokens into units; None marks a break (punctuation, verbs, clause words)."""
    units: list[_Unit | None] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        j = i
        # Glue "Senior - Level", "COVID - 19", "Junior-and-Middle-Level" into one unit.
        while (
            j + 2 < len(tokens)
            and tokens[j + 1].text == "-"
            and tokens[j + 1].start == tokens[j].end
            and tokens[j + 2].start == tokens[j + 1].end
        ):
            j += 2
        last = tokens[j]
        if j > i:
            pos = "NOUN" if any(tokens[k].pos in _NOUN for k in range(i, j + 1, 2)) else "ADJ"
            if last.pos in _NOUN:
                pos = last.pos
            units.append(
                _Unit(tok.start, last.end, pos, surface[tok.start : last.end].lower(), False)
            )
            i = j + 1
            continue
        lower = tok.text.lower()
        misread = _misread(tokens, i, units)
        if misread is not None:
            units.append(misread)
            i += 1
            continue
        if tok.tag == "POS" or (tok.text in ("'", "’") and units and units[-1] is not None):
            prev = units[-1]
            if prev is not None:
                units[-1] = _Unit(prev.start, tok.end, prev.pos, prev.lemma, prev.plural)
            i += 1
            continue
        if not any(ch.isalnum() for ch in tok.text):
            units.append(None)  # '%', '&', '/': never part of a term's edge or middle
        elif tok.pos in _MODIFIER or (tok.pos == "VERB" and tok.tag in ("VBN", "VBG")):
            units.append(
                _Unit(
                    tok.start,
                    tok.end,
                    tok.pos,
                    tok.lemma.lower(),
                    tok.tag in ("NNS", "NNPS"),
                    gerund=tok.tag == "VBG",
                )
            )
        elif lower in _LINKS:
            units.append(_Unit(tok.start, tok.end, "LINK", lower, False, link=lower))
        elif tok.pos == "DET" and lower in ("a", "an", "the"):
            units.append(_Unit(tok.start, tok.end, "DET", lower, False, det=True))
        else:
            units.append(None)
        i += 1
    return units


# What may follow a phrase's last word: a function word, an adverb or a finite verb ("member
# states/VBZ have", "community spread/VBD in", "military tattoo/RB and").
_PHRASE_END_TAGS = frozenset(
    "IN TO CC DT PDT WDT WP WP$ WRB PRP PRP$ MD EX RB RBR RBS VB VBD VBP VBZ".split()
)


def _misread(tokens: Sequence[EnToken], i: int, units: Sequence[_Unit | None]) -> _Unit | None:
    """spaCy's small model tags some plural and compound heads as verbs, adjectives or adverbs
    ("member states/VBZ", "community spread/VBD", "COVID-19 pandemic/JJ"): its tag is evidence,
    not a veto. A token right after a noun (a unit of its own, no genitive), ending the phrase
    (punctuation or a word of _PHRASE_END_TAGS follows), that the model's lexicon knows as a
    noun (analysis.en.noun_reading) is a noun unit marked ``misread`` with its tag."""
    tok = tokens[i]
    previous = units[-1] if units else None
    if (
        previous is None
        or previous.pos not in _NOUN
        or previous.end != tokens[i - 1].end
        or tokens[i - 1].pos not in _NOUN
        or tok.start == previous.end
    ):
        return None
    if i + 1 < len(tokens):
        following = tokens[i + 1]
        if any(ch.isalnum() for ch in following.text) and following.tag not in _PHRASE_END_TAGS:
            return None
    noun = noun_reading(tok.text, tok.tag)
    if noun is None:
        return None
    return _Unit(tok.start, tok.end, "NOUN", noun, noun != tok.text.lower(), misread=tok.tag)


def _head(units: Sequence[_Unit | None], last: int, start: int) -> bool:
    """A noun ends a term, and so does an -ing form after a noun ("difficulty breathing",
    "hand washing", "contact tracing")."""
    unit = units[last]
    assert unit is not None
    if unit.pos in _NOUN:
        return True
    previous = units[last - 1] if last > start else None
    return (
        unit.gerund
        and unit.lemma not in _LIGHT_GERUNDS
        and previous is not None
        and previous.pos == "NOUN"
    )


# "close contact being traced": -ing forms of light verbs never end a term.
_LIGHT_GERUNDS = frozenset("being having doing going getting making taking becoming".split())


def _np_spans(units: Sequence[_Unit | None]) -> list[tuple[int, int]]:
    """Maximal runs of modifier/noun units (indexes into ``units``, end exclusive)."""
    spans = []
    i = 0
    while i < len(units):
        if units[i] is not None and units[i].pos in _PHRASE_POS:  # type: ignore[union-attr]
            j = i
            while j < len(units) and units[j] is not None and units[j].pos in _PHRASE_POS:  # type: ignore[union-attr]
                j += 1
            spans.append((i, j))
            i = j
        else:
            i += 1
    return spans


def en_candidates(surface: str, tokens: Sequence[EnToken]) -> list[Candidate]:
    units = _units(tokens, surface)
    found: dict[str, Candidate] = {}
    headline = _is_headline(surface)

    def add(
        first: int, last: int, end_of_phrase: int, kind: str = "phrase", cut: bool = False
    ) -> None:
        start, end = units[first].start, units[last].end  # type: ignore[union-attr]
        head = units[last]
        assert head is not None
        span = _span(surface[start:end], head.lemma if head.plural else None)
        if span is None:
            return
        text, key, capitalised = span
        if first != last and surface[units[first].end - 1] in "'’" and text[:1].islower():  # type: ignore[union-attr]
            return  # "weeks' quarantine": a genitive of measure, not part of the term
        if kind == "phrase" and not headline and start > 0 and capitalised:
            kind = "name"  # capitalised in running text: a proper name or a title
        following = units[last + 1] if last + 1 < end_of_phrase else None
        inner = following is not None and following.pos in _NOUN and not following.misread
        # The tagger read a word as no noun: a candidate only its own evidence keeps (inner).
        cut = cut or bool(head.misread) or any(first <= k <= last for k in misread)
        inner = inner or cut or (kind == "name" and cut_on_left(first))
        keep(found, Candidate(key, text, kind, inner))

    def capital(index: int) -> bool:
        return surface[units[index].start].isupper()  # type: ignore[union-attr]

    def cut_on_left(first: int) -> bool:
        """'Officers’ Exchange' after 'Junior-and-Middle-Level', 'General Staff Meeting' after
        'Chiefs of': a capitalised word (or 'Name of') comes right before."""
        before = units[first - 1] if first > 0 else None
        if before is not None and before.link and first > 1 and units[first - 2] is not None:
            return capital(first - 2)
        return before is not None and before.pos in _MODIFIER and capital(first - 1)

    def cuts_a_name(last: int, b: int) -> bool:
        """'Counter-Terrorism Working' cut out of 'Counter-Terrorism Working Group'. (A name
        may follow a capitalised word: 'Admiral Dong Jun', 'SCO Seminar for …'.) A
        possessive ends a name: 'Defense Ministers' Meeting' holds 'Defense Ministers'."""
        if surface[units[last].end - 1] in "'’":  # type: ignore[union-attr]
            return False
        return (
            not headline
            and last + 1 < b
            and capital(last)
            and capital(last + 1)
            and last + 1 not in misread
        )

    def starts(first: int) -> bool:
        """A number does not start a term ("two weeks' quarantine"), nor does a participle
        ("has played a role"), except right after an article, where it is a modifier ("the
        rotating chair", "a confirmed case")."""
        unit = units[first]
        assert unit is not None
        if unit.pos == "NUM" or (unit.misread and unit.misread != "JJ"):
            return False
        before = units[first - 1] if first > 0 else None
        return unit.pos != "VERB" or (before is not None and before.det)

    # Units whose word the tagger read as a verb or an adverb (no unit before: an adjective was).
    misread = [k for k, u in enumerate(units) if u is not None and u.misread not in ("", "JJ")]
    nps = _np_spans(units)
    for a, b in nps:
        for last in range(a, b):
            if not _head(units, last, a):
                continue
            alone = 0 if units[last].misread else 1  # type: ignore[union-attr]
            # A span cut out of a capitalised run may be a title before a name ("Defense
            # Minister" in "Defense Minister Admiral Dong Jun") as well as a piece of one: it
            # is a candidate, marked as cut out (inner) so only evidence of its own keeps it.
            cut = cuts_a_name(last, b)
            for first in range(a, last + alone):
                if starts(first):
                    add(first, last, b, cut=cut)
    # Noun phrases joined by of/for/on/with/and/in: "Seminar for Senior-Level Officers".
    for n, (a, b) in enumerate(nps):
        for m in range(n + 1, min(n + 3, len(nps))):
            if not _linked(units, nps[n : m + 1]):
                continue
            c, d = nps[m]
            for first in range(a, b):
                if not starts(first):
                    continue
                for last in range(c, d):
                    if units[last].pos in _NOUN and not cuts_a_name(last, d):  # type: ignore[union-attr]
                        add(first, last, d)
    # Single verbs and adjectives, for Chinese terms that are verbs or adjectives ("infect").
    for tok in tokens:
        if (
            tok.pos in ("VERB", "ADJ")
            and len(tok.text) > 3
            and tok.text.isalpha()
            and tok.text.lower() not in _LIGHT_GERUNDS
        ):
            key = fold(tok.text)
            found.setdefault(key, Candidate(key, tok.text, "word"))
    for tok in tokens:
        if ACRONYM.match(tok.text):
            key = fold(tok.text)
            found[key] = Candidate(key, tok.text, "acronym")
    for match in _EN_QUOTED.finditer(surface):
        text = match.group(1).strip(" ,.")
        if 1 <= len(_words(text)) <= MAX_EN_WORDS:
            key = en_key(text)
            inside = [t for t in tokens if match.start(1) <= t.start and t.end <= match.end(1)]
            found[key] = Candidate(key, text, "quote" if _noun_phrase(inside) else "quoted")
    _place_names(surface, tokens, found)
    return list(found.values())


# Spans recur across segments ("the virus", "World Health Organization"): what a span's text
# alone decides is kept for the most recent ones.
@lru_cache(maxsize=1 << 16)
def _span(raw: str, head_lemma: str | None) -> tuple[str, str, bool] | None:
    """The term text of a span (a possessive ends no term: "Xi Jinping’s thinking" holds the
    name "Xi Jinping"), its key and whether it is capitalised; None if it cannot be a term."""
    text = _POSSESSIVE_END.sub("", raw).strip(" '’")
    if not text or len(_words(text)) > MAX_EN_WORDS:
        return None
    parts = [w.lower() for w in _WORD_BREAK.split(text) if w]
    if len(set(parts)) < len(parts):
        return None  # "hands with hand", "RNA-dependent RNA": a term does not repeat itself
    key = en_key(text, head_lemma)
    if not key or key.isdigit():
        return None
    return text, key, _capitalised(text)


_PARTICIPLES = frozenset({"VBN", "VBG"})  # "a shared future", "Made in China 2025"


def _noun_phrase(tokens: Sequence[EnToken]) -> bool:
    """Quotes mark names ("Peace Mission", "Made in China 2025") but also claims and scare
    quotes ("clearly effective", "Not a case"): a span reads as a name unless it ends in a
    lower-case word that is no noun or number, or holds a finite verb, an adverb or a
    pronoun. (When the tokeniser crossed the quote marks, there is nothing to judge by.)"""
    words = [t for t in tokens if any(ch.isalnum() for ch in t.text)]
    if not words:
        return True
    last = words[-1]
    return (last.pos in _NOUN or last.pos == "NUM" or last.text[:1].isupper()) and not any(
        t.pos in ("AUX", "PART", "PRON", "ADV") or (t.pos == "VERB" and t.tag not in _PARTICIPLES)
        for t in words
    )


def _linked(units: Sequence[_Unit | None], nps: Sequence[tuple[int, int]]) -> bool:
    """Consecutive noun phrases separated only by one link word (and an optional article)."""
    for (_, b), (c, _) in itertools.pairwise(nps):
        gap = units[b:c]
        if not gap or gap[0] is None or gap[0].link is None:
            return False
        if any(u is None or not u.det for u in gap[1:]) or len(gap) > 2:
            return False
    return True


def _place_names(surface: str, tokens: Sequence[EnToken], found: dict[str, Candidate]) -> None:
    """'Qingdao, Shandong Province': a place, a comma, and the larger place it lies in."""
    for i, tok in enumerate(tokens):
        if tok.pos != "PROPN" or i + 3 >= len(tokens) or tokens[i + 1].text != ",":
            continue
        j = i + 2
        while j < len(tokens) and tokens[j].pos == "PROPN":
            if tokens[j].text.lower() in _PLACE_HEADS and j > i + 2:
                text = surface[tok.start : tokens[j].end]
                found.setdefault(fold(text), Candidate(fold(text), text, "name"))
                break
            j += 1


def definitions(surface: str) -> list[tuple[str, str]]:
    """'Long Name (ACRONYM)' definitions whose initials spell the acronym."""
    pairs = []
    for match in _DEFINITION.finditer(surface):
        long_form, acronym = match.group(1), match.group(2)
        words = long_form.split()
        # Keep the shortest tail of the capitalised run whose initials give the acronym.
        for start in range(len(words)):
            tail = words[start:]
            initials = "".join(
                w[0] for w in " ".join(tail).replace("-", " ").split() if w[0].isupper()
            )
            if initials == acronym.replace("&", ""):
                pairs.append((acronym, " ".join(tail)))
                break
    return pairs


def _capitalised(text: str) -> bool:
    words = [w for w in _WORD_BREAK.split(text) if w.lower() not in _NOT_CAPITALISED]
    return bool(words) and all(w[:1].isupper() for w in words)


def _is_headline(text: str) -> bool:
    """A title in Title Case capitalises everything, so capitals say nothing there."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) > 0.6 * len(words)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def en_key(text: str, head_lemma: str | None = None) -> str:
    """Fold an English term; a plural head is replaced by its lemma so forms merge."""
    key = fold(text).replace('"', "").strip()
    if head_lemma:
        words = key.split(" ")
        words[-1] = head_lemma
        key = " ".join(words)
    return key
