"""Acronym evidence: SCO ← Shanghai Cooperation Organization ← 上海合作组织.

Two routes: the initials of the glosses of the Chinese parts spell the acronym (中东 Middle East
+ 呼吸 respiratory + 综合征 syndrome → MERS), or the English side of the corpus defines the
acronym ("Quadrilateral Cooperation and Coordination Mechanism (QCCM)") and the Chinese term
translates the long form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from termx.extract.evidence.base import NOTHING, Bound, Contribution, Link, PairContext
from termx.extract.lexicon import content_words
from termx.model import Evidence

NAME = "acronym"
# Structural bounds of the spelling search (not weights): at most this many spellings are
# kept while the parts are walked, of 2–8 parts, 8 spellings per part.
_MAX_OPTIONS = 64


# A headword's gloss phrases (the Analyser's cached Cedict.phrases).
Phrases = Callable[[str], tuple[str, ...]]


def segment(text: str, phrases: Phrases, max_len: int) -> list[str]:
    """Forward maximum matching on CEDICT headwords (of up to ``max_len`` characters) shorter
    than the whole term (an acronym spells the parts), single characters as a fallback."""
    parts, i = [], 0
    while i < len(text):
        for j in range(min(len(text) - (i == 0), i + max_len), i, -1):
            if j == i + 1 or phrases(text[i:j]):
                parts.append(text[i:j])
                i = j
                break
    return parts


def letters(part: str, phrases: Phrases, main_senses: int) -> tuple[tuple[str, str], ...]:
    """What one part can spell in an acronym: (letters, the gloss words that give them), at
    most 8, from the first ``main_senses`` senses of the part."""
    spelled: dict[str, str] = {}
    # Only the main senses: with every sense of every part, some spelling would match
    # almost any short acronym by chance.
    for phrase in phrases(part)[:main_senses]:
        words = content_words(phrase)
        if words and not (len(words) == 1 and words[0].isupper()):
            # Initials of the whole gloss ("Middle East" → ME) or of its head word
            # ("Shanghai municipality …" → S).
            spelled.setdefault("".join(w[0] for w in words).lower(), " ".join(words))
            spelled.setdefault(words[0][0].lower(), words[0])
    return tuple(spelled.items())[:8]


def initials(
    text: str,
    phrases: Phrases,
    max_len: int,
    main_senses: int,
    letters_of: Callable[[str], tuple[tuple[str, str], ...]] | None = None,
) -> dict[str, str]:
    """Acronyms (lower case) that the parts' glosses spell, with the spelling as reason;
    only the first ``main_senses`` senses of each part spell. ``letters_of`` gives a part's
    :func:`letters` (the Analyser's cached one: parts recur across thousands of terms)."""
    parts = segment(text, phrases, max_len)
    if len(parts) < 2 or len(parts) > 8:
        return {}
    options: dict[str, str] = {"": ""}
    for part in parts:
        spelled = letters(part, phrases, main_senses) if letters_of is None else letters_of(part)
        if not spelled:
            return {}
        options = {
            prefix + letters: f"{reason} {part}({gloss})".strip()
            for prefix, reason in options.items()
            for letters, gloss in spelled
        }
        if len(options) > _MAX_OPTIONS:
            options = dict(sorted(options.items())[:_MAX_OPTIONS])
    return {k: v for k, v in options.items() if len(k) >= 2}


def has_acronym(ctx: PairContext) -> bool:
    return bool(ctx.en.acronyms)


def spelled(ctx: PairContext) -> dict[str, str]:
    """What the Chinese parts spell, worked out only where the English has an acronym
    (spelling is costly; the Analyser caches it per term)."""
    return ctx.analyser.spelled(ctx.zh.text) if has_acronym(ctx) else {}


def links(ctx: PairContext) -> list[Link]:
    acronyms = ctx.en.acronyms
    if not acronyms:
        return []
    found = ctx.analyser.spelled(ctx.zh.text)
    # Two or three letters are spelled by chance by some sense of some part; four are not.
    full, short = ctx.params.acronym_full_letters, ctx.params.acronym_short_weight
    words = ctx.en.words
    return [
        Link(0, len(ctx.zh.text), index, NAME, 1.0 if len(words[index]) >= full else short)
        for index in acronyms
        if words[index].lower() in found
    ]


def opens(ctx: PairContext) -> bool:
    """An English acronym is worth scoring against any linked Chinese: the corpus may
    define it (see the definition signal)."""
    return has_acronym(ctx)


def _weight(ctx: PairContext, link: Link) -> float:
    # An acronym the parts spell is rarely a coincidence: it counts besides coverage.
    return round(ctx.params.name_weight * link.weight * ctx.covered, 3)


def bound(ctx: PairContext) -> Bound:
    for link in ctx.links:
        if link.kind == NAME:
            return Bound(support=_weight(ctx, link))
    return NOTHING


def evidence(ctx: PairContext, earlier: Sequence[Contribution]) -> Contribution | None:
    for link in ctx.links:
        if link.kind == NAME:
            word = ctx.en.words[link.en_index]
            shown = Evidence(NAME, link.weight, f"{word} = {spelled(ctx)[word.lower()]}")
            weighted = Evidence(NAME, _weight(ctx, link), shown.reason)
            return Contribution(shown=(shown,), support=(weighted,))
    return None
