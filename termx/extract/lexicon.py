"""English word keys shared by every bilingual signal: one key per word family.

CC-CEDICT glosses and the English side of a corpus must meet on the same key, whatever the
spelling (organisation/organization, defence/defense) and inflection (states/state,
infected/infection). The key is a Snowball stem of the American spelling.
"""

from __future__ import annotations

import re
from functools import lru_cache

from termx.text import singular

# Function words carry no terminological meaning in a gloss or in a term.
STOPWORDS = frozenset(
    """a an the of to for and or in on at by with from as into onto upon about be is are was were
    been being it its this that these those one's sb sth something someone oneself etc also
    used e.g. i.e. lit fig esp""".split()
)

_BRITISH = (
    (re.compile(r"(?<=[a-z]{3})is(ation|ations|e|ed|es|ing|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})our(s|ed|ing|able|ite|ites)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{2})tre(s)?$"), r"ter\1"),
)
_SPELLING = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "programme": "program",
    "programmes": "programs",
    "neighbour": "neighbor",
}
WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:'[a-z]+)?|[0-9][A-Za-z0-9]*")


# The stemmer is loaded once per process (package data, never changed); the keys it makes are
# cached by whoever owns a run (the Analyser's ``word_key``), not here.
@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def word_key(word: str) -> str:
    """The family key of one English word ("Organisations" → "organ", "defence" → "defens")."""
    word = _american(word)
    return _stemmer().stemWord(word) if word.isalpha() else word


def form_key(word: str) -> str:
    """The key of one English word's inflections only, finer than :func:`word_key`: its
    plural, -ing form and spelling share it ("tests", "testing", "Test" → "test"), a
    derivation does not ("vaccination", "prison", "epidemiologist")."""
    word = singular(_american(word))
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    return word[:-1] if word.endswith("e") else word


def _american(word: str) -> str:
    word = word.lower().replace("\u2019", "'")
    if word.endswith("'s") or word.endswith("s'"):
        word = word[:-2] if word.endswith("'s") else word[:-1]
    word = word.strip("'")
    word = _SPELLING.get(word, word)
    if word.startswith("counter") and len(word) > 9:
        word = "anti" + word[7:]  # counter-terrorism and anti-terrorism are one concept
    if len(word) > 5:
        for pattern, replacement in _BRITISH:
            word = pattern.sub(replacement, word)
    return word


_PREFIX_HYPHEN = re.compile(
    r"\b(anti|counter|non|co|pre|post|multi|inter|sub|self|re|un)-(?=[a-z])", re.I
)


def content_words(text: str) -> list[str]:
    """The words of a phrase that can carry meaning.

    Hyphenated compounds are split ("Senior-Level" → Senior, Level) except after a bound prefix
    ("counter-terrorism" → counterterrorism), so that CEDICT's "anti-terrorism" and a corpus's
    "counterterrorism" meet on one key.
    """
    return [w for w in words(text) if w.lower() not in STOPWORDS]


def words(text: str) -> list[str]:
    """Every word of a phrase, hyphens treated as :func:`content_words` treats them."""
    text = _PREFIX_HYPHEN.sub(r"\1", text.replace("\u2019", "'")).replace("-", " ")
    return WORD_RE.findall(text)


# Articles only: "vitamin A" and "vitamin", "close contact with someone" and "close contact"
# are other terms, "symptoms of a LRTI" and "symptoms of LRTI" are one.
_ARTICLES = frozenset(("a", "an", "the"))


def family(en: str) -> tuple[str, ...]:
    """The inflection family of an English term, word by word (``lexicon.form_key``):
    "laboratory tests" and "laboratory testing", "stay-at-home order" and "stay at home
    orders" are two renderings of one term, not two candidates (issue 12 item 4)."""
    return tuple(form_key(word) for word in words(en) if word not in _ARTICLES) or (en,)


class Families(dict[str, tuple[str, ...]]):
    """A memo of :func:`family`, owned by whoever uses it for a run."""

    def __missing__(self, en: str) -> tuple[str, ...]:
        found = self[en] = family(en)
        return found
