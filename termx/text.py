"""Normalisation: clean what the user sees, fold what the machine compares.

``clean`` is applied to every segment as it is read: it removes the pinyin annotations that
web pages glue to characters (``繼續(xù)``) and tidies Unicode, but keeps the user's script,
quotes and case. ``fold`` is the matching key: Traditional→Simplified, width, quotes and case
folded, so that 上合組織 and 上合组织, “SCO” and "sco" compare equal.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RE = re.compile(f"[{HAN}]")
_LATIN_RE = re.compile(r"[A-Za-z]")

# A parenthesised run of letters (with tone marks or a tone digit) right after a Han character.
_ANNOTATION = re.compile(
    rf"(?<=[{HAN}])[ \u00a0]?[(\uff08]\s*([a-zA-Z\u00c0-\u024f\u0300-\u036f]+[1-5]?"
    rf"(?:\s+[a-zA-Z\u00c0-\u024f\u0300-\u036f]+[1-5]?){{0,3}})\s*[)\uff09]"
)
_SYLLABLE = re.compile(
    r"^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:a|o|e|ai|ei|ao|ou|an|en|ang|eng|ong|er|i|ia|iao|ie|iu|ian|iang|in|ing|iong"
    r"|u|ua|uo|uai|ui|uan|uang|un|ueng|v|ve|ue|van|vn)[1-5]?$"
)
_QUOTES = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u300c": '"',
        "\u300d": '"',
        "\u300e": '"',
        "\u300f": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00a0": " ",
        "\u3000": " ",
        "\u200b": "",
        "\ufeff": "",
    }
)
_SPACES = re.compile(r"\s+")


def _is_pinyin(annotation: str) -> bool:
    if any(ch.isupper() for ch in annotation):
        return False
    bare = unicodedata.normalize("NFD", annotation)
    bare = "".join(ch for ch in bare if not unicodedata.combining(ch) or ch == "\u0308")
    bare = bare.replace("u\u0308", "v")
    return all(_SYLLABLE.match(syllable) for syllable in bare.split())


def _is_han_code(code: int) -> bool:
    # The ranges of HAN, as integer comparisons: cheaper than a regex for one character.
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
    )


def _annotation_starts(text: str) -> list[int]:
    """Where an _ANNOTATION match can start, in text order: an opening parenthesis right after
    a Han character, or the space between them. The regex's look-behind makes a search try
    every position of the text; these few candidates are found with ``in`` and ``str.find``."""
    if "(" not in text and "\uff08" not in text:
        return []
    starts = []
    for paren in "(\uff08":
        at = text.find(paren, 1)
        while at != -1:
            before = text[at - 1]
            if before in " \u00a0":
                if at > 1 and _is_han_code(ord(text[at - 2])):
                    starts.append(at - 1)
            elif _is_han_code(ord(before)):
                starts.append(at)
            at = text.find(paren, at + 1)
    starts.sort()
    return starts


def strip_pinyin(text: str) -> str:
    """Remove pinyin annotations glued to Han characters; keep real parentheses like (QCCM)."""
    if "(" not in text and "\uff08" not in text:
        return text  # the usual case, decided before any call
    starts = _annotation_starts(text)
    if not starts:
        return text
    # What _ANNOTATION.sub() would do, trying only the places where a match can start.
    pieces: list[str] = []
    kept = scanned = 0  # text[:kept] is settled; re.sub goes on after the end of a match
    for start in starts:
        if start < scanned:
            continue
        match = _ANNOTATION.match(text, start)  # the look-behind sees text before start
        if match is None:
            continue
        scanned = match.end()
        if _is_pinyin(match.group(1)):
            pieces.append(text[kept:start])
            kept = scanned
    if not pieces:
        return text
    pieces.append(text[kept:])
    return "".join(pieces)


def collapse_spaces(text: str) -> str:
    """``_SPACES.sub(" ", text).strip()``, without building anything when nothing changes.

    str.split() splits at exactly the characters \\s matches (str.isspace), and the only
    whitespace character str.isprintable() accepts is the ASCII space; tests/test_text.py checks
    both over all of Unicode.
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def clean(text: str) -> str:
    """The surface form shown to users: annotations stripped, NFC, whitespace collapsed."""
    # Every segment read goes through here, so each step is skipped when it cannot change
    # anything.
    if text.isascii():
        return collapse_spaces(text)  # no Han, so no annotation; ASCII is already NFC
    text = unicodedata.normalize("NFC", strip_pinyin(text))
    if not text.isprintable():  # the zero-width space and the BOM are not printable either
        text = text.replace("\u200b", "").replace("\ufeff", "")
    return collapse_spaces(text)


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    from opencc_pyo3 import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional→Simplified with OpenCC ``t2s`` (character and phrase tables)."""
    return _t2s().convert(text)


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """The matching key: NFKC (width), quotes, Traditional→Simplified, case, spaces.

    Pinyin annotations are stripped here too, so a key made from raw text equals the key made
    from its cleaned surface form.
    """
    text = unicodedata.normalize("NFKC", strip_pinyin(text)).translate(_QUOTES)
    text = to_simplified(text).casefold()
    return _SPACES.sub(" ", text).strip()


def han_count(text: str) -> int:
    return len(_HAN_RE.findall(text))


def latin_count(text: str) -> int:
    return len(_LATIN_RE.findall(text))


def has_han(text: str) -> bool:
    return _HAN_RE.search(text) is not None


# ``is_han`` runs for every character of every term, and a regex match per character was a
# visible share of the analysis: a set lookup (the Basic Multilingual Plane ranges of ``HAN``)
# and a range test for the supplementary planes give the same answer.
_HAN_BMP = frozenset(
    map(chr, itertools.chain(range(0x3400, 0x4DC0), range(0x4E00, 0xA000), range(0xF900, 0xFB00)))
)


def is_han(char: str) -> bool:
    """Whether ``char`` is one Han character (any other string, empty or longer, is not)."""
    return char in _HAN_BMP or (len(char) == 1 and 0x20000 <= ord(char) <= 0x3134F)


# --------------------------------------------------------------------------- English word forms
# The one copy of termx's English inflection rules: extraction, checking and evaluation must
# agree on what "the same word" is. Regular forms only; irregular ones are a lemmatiser's job
# (spaCy), and guessing them would make the checker accept other words.

# "boxes" → "box", "churches" → "church", but "cases" → "case".
_ES_PLURAL = ("ss", "x", "z", "ch", "sh")
_SIBILANT_END = ("s", "x", "z", "ch", "sh")
_VOWELS = frozenset("aeiou")
# An acronym as written: a capital, then capitals, digits, & or + (SCO, G20, R&D, SCO+).
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&+]{1,9}$")


def singular(word: str) -> str:
    """The regular singular of an English plural (``ies``, sibilant ``es``, ``s``); words of
    fewer than four letters, non-alphabetic words and words ending ss/us/is ("virus") as
    written. Case is kept."""
    if len(word) < 4 or not word.isalpha():
        return word
    lower = word.lower()
    if lower.endswith("ies"):
        return word[:-3] + "y"
    if lower.endswith("es") and lower[:-2].endswith(_ES_PLURAL):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def plural(word: str) -> str:
    """The regular plural of an English singular noun (crisis → crises, box → boxes,
    policy → policies)."""
    if word.endswith("is") and len(word) > 3:
        return word[:-2] + "es"
    if word.endswith(_SIBILANT_END):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def without_possessive(text: str) -> str:
    """``text`` without a final possessive ('s or s'), apostrophes already folded to '."""
    if text.endswith("'s"):
        return text[:-2]
    return text[:-1] if text.endswith("s'") else text


# --------------------------------------------------------------------------- terminal safety
# Everything rendered from user data (terms, examples, file names in messages) goes through
# printable(): an ESC in a TMX segment must not clear the reviewer's screen or retitle the
# window. Tab and newline stay (tables and messages lay them out); other C0/C1 controls, DEL
# and the bidi overrides that can make a line read differently from what it holds are shown
# as visible escapes.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control characters shown as ``\\xNN`` / ``\\uNNNN`` escapes."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(
        lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text
    )
