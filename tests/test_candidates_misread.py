"""Nouns the tagger misreads (issue 12, item 3): spaCy's small model tags some phrase heads as
verbs, adjectives or adverbs ("muscle aches/VBZ", "military tattoo/RB", "host ribosome/JJ").
The tag is evidence, not a veto: right after a noun, at the end of the phrase, a word the
model's own lexicon knows as a noun may head a candidate, marked inner (only evidence of its
own keeps it); it never stands alone, and auxiliaries and known adverbs never qualify."""

from __future__ import annotations

from pathlib import Path

from termx.extract.analysis.en import analyse as en_analyse
from termx.extract.analysis.en import noun_reading
from termx.extract.candidates import Candidate
from termx.extract.candidates.en import en_candidates
from termx.io import read_inputs

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).parents[1] / "seeds"


def _line(path: Path, needle: str) -> str:
    """The first English segment of ``path`` holding ``needle``."""
    for pair in read_inputs([path]):
        if needle in pair.en:
            return pair.en
    raise AssertionError(needle)


def _tags(text: str) -> dict[str, str]:
    return {t.text: t.tag for t in en_analyse(text)}


def _en(text: str) -> dict[str, Candidate]:
    return {c.surface: c for c in en_candidates(text, en_analyse(text))}


def test_a_plural_head_tagged_as_a_verb_heads_a_candidate() -> None:
    text = _line(DATA / "tico19" / "pairs.tsv", "muscle aches")
    assert _tags(text)["aches"] == "VBZ"
    found = _en(text)
    # Keyed as a plural noun tagged NNS would be ("aches" → the rule's singular), so the
    # misread and the well-read occurrences of one term count together.
    assert found["muscle aches"].key == "muscle ach"
    assert found["muscle aches"].inner
    assert found["muscle"].inner is False  # the noun before keeps its candidates as they were
    assert found["aches"].kind == "word"  # the misread word is no phrase on its own


def test_a_compound_head_tagged_as_an_adverb_or_adjective_heads_a_candidate() -> None:
    seed = _line(SEEDS / "000_6adf7f1293395590.txt", "tattoo")
    assert _tags(seed)["tattoo"] == "RB"
    assert _en(seed)["military tattoo"].inner
    text = _line(DATA / "tico19" / "pairs.tsv", "host ribosome")
    assert _tags(text)["ribosome"] == "JJ"
    assert _en(text)["host ribosome"].inner


def test_auxiliaries_known_adverbs_and_non_nouns_are_not_read_as_nouns() -> None:
    text = _line(DATA / "tico19" / "pairs.tsv", "RCGP RSC practices have been")
    assert _tags(text)["have"] == "VBP"
    assert "RCGP RSC practices have" not in _en(text)
    text = _line(DATA / "tico19" / "pairs.tsv", "problem now is")
    assert _tags(text)["now"] == "RB"
    assert not any(s.endswith("problem now") for s in _en(text))
    # A verb form no noun has ("said", "reported") is never a noun; a plural-looking verb
    # whose stem is a noun may be ("spreads"), which is why the candidate is marked inner.
    assert noun_reading("reported", "VBD") is None
    assert noun_reading("said", "VBD") is None
    assert noun_reading("spread", "VBD") == "spread"
    assert noun_reading("states", "VBZ") == "state"
    assert noun_reading("states", "NNS") is None  # a noun tag needs no second reading


def test_a_misread_head_must_end_the_phrase() -> None:
    # "coronavirus causes epizootic catarrhal enteritis": a noun phrase follows the verb, so
    # "causes" (a noun by the lexicon) is read as the tagger reads it.
    text = _line(DATA / "tico19" / "pairs.tsv", "coronavirus causes epizootic")
    assert _tags(text)["causes"] == "VBZ"
    assert noun_reading("causes", "VBZ") == "cause"
    assert [s for s in _en(text) if s.endswith("causes")] == ["causes"]  # the verb, as before
    # Where the phrase does end there, the candidate exists, marked inner.
    text = _line(DATA / "tico19" / "pairs.tsv", "how easily the disease spreads")
    assert _en(text)["disease spreads"].inner
