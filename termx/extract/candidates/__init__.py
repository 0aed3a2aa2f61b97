"""Monolingual term candidates: noun-phrase n-grams, quoted spans, names and acronyms.

One module per language (``zh``, ``en``) turns a tokenised segment into candidates; what they
share (the :class:`Candidate` record) is here.

Candidates are deliberately generous (every sub-phrase that could be a term); the bilingual
evidence decides which of them pair up. What is excluded here can never be found, so the
rules only cut what cannot be a term: spans across punctuation, spans that start or end in a
function word, leading determiners.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Candidate:
    """One candidate term found in one segment (one side)."""

    key: str  # folding key: what is counted and matched
    surface: str  # what the user sees
    # phrase | quote | acronym | word | name | modified | quoted (a claim in quotes: paired by
    # quote order like a quote, ranked like a free phrase)
    kind: str
    # Cut out of a longer noun phrase: a noun follows in the same phrase (上合组织防务安全 +
    # 合作, "SCO defense and security" + cooperation).
    inner: bool = False


def keep(found: dict[str, Candidate], candidate: Candidate) -> None:
    """Record a candidate once per segment; a free occurrence outweighs an inner one."""
    known = found.get(candidate.key)
    if known is None:
        found[candidate.key] = candidate
    elif known.inner and not candidate.inner:
        found[candidate.key] = Candidate(known.key, known.surface, known.kind, False)
