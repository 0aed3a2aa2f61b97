"""Acronym evidence: SCO ← Shanghai Cooperation Organization ← 上海合作组织.

Two routes: the initials of the glosses of the Chinese parts spell the acronym (中东 Middle East
+ 呼吸 respiratory + 综合征 syndrome → MERS), or the English side of the corpus defines the
acronym ("Quadrilateral Cooperation and Coordination Mechanism (QCCM)") and the Chinese term
translates the long form.
"""

from __future__ import annotations

import re

from termx.cedict import Cedict
from termx.evidence import EnTerm, Link, ZhTerm
from termx.lexicon import content_words
from termx.model import Evidence

_MAX_OPTIONS = 64
MAIN_SENSES = 2
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,9}$")


def segment(text: str, cedict: Cedict) -> list[str]:
    """Forward maximum matching on CEDICT headwords shorter than the whole term (an acronym
    spells the parts), single characters as a fallback."""
    parts, i = [], 0
    while i < len(text):
        for j in range(min(len(text) - (i == 0), i + cedict.max_len), i, -1):
            if j == i + 1 or cedict.phrases(text[i:j]):
                parts.append(text[i:j])
                i = j
                break
    return parts


def initials(text: str, cedict: Cedict) -> dict[str, str]:
    """Acronyms (lower case) that the parts' glosses spell, with the spelling as reason."""
    parts = segment(text, cedict)
    if len(parts) < 2 or len(parts) > 8:
        return {}
    options: dict[str, str] = {"": ""}
    for part in parts:
        spelled: dict[str, str] = {}
        # Only the main senses: with every sense of every part, some spelling would match
        # almost any short acronym by chance.
        for phrase in cedict.phrases(part)[:MAIN_SENSES]:
            words = content_words(phrase)
            if words and not (len(words) == 1 and words[0].isupper()):
                # Initials of the whole gloss ("Middle East" → ME) or of its head word
                # ("Shanghai municipality …" → S).
                spelled.setdefault("".join(w[0] for w in words).lower(), " ".join(words))
                spelled.setdefault(words[0][0].lower(), words[0])
        if not spelled:
            return {}
        options = {
            prefix + letters: f"{reason} {part}({gloss})".strip()
            for prefix, reason in options.items()
            for letters, gloss in list(spelled.items())[:8]
        }
        if len(options) > _MAX_OPTIONS:
            options = dict(sorted(options.items())[:_MAX_OPTIONS])
    return {k: v for k, v in options.items() if len(k) >= 2}


def links(zh: ZhTerm, en: EnTerm, spelled: dict[str, str]) -> list[Link]:
    # Two or three letters are spelled by chance by some sense of some part; four are not.
    return [
        Link(0, len(zh.text), index, "acronym", 1.0 if len(word) >= 4 else 0.5)
        for index, word in enumerate(en.words)
        if ACRONYM.match(word) and word.lower() in spelled
    ]


def evidence(en: EnTerm, found: list[Link], spelled: dict[str, str]) -> Evidence | None:
    for link in found:
        if link.kind == "acronym":
            word = en.words[link.en_index]
            return Evidence("acronym", link.weight, f"{word} = {spelled[word.lower()]}")
    return None


def definition_evidence(acronym: str, long_form: str, coverage: float) -> Evidence:
    return Evidence("acronym", round(coverage, 3), f"{acronym} = {long_form}")
