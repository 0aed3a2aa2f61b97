"""The glossary as the checker sees it: per direction, each source term with its target forms.

Entries are grouped by the folding key of their source form (``termx.text.fold``), the key the
matcher reports, so 上合組織 and 上合组织 are one term. Per term the target forms are sorted into

- ``expected``: the forms of required entries (``approved``, and ``pending`` with
  ``include_pending``): one of them must be in the target;
- ``forbidden``: the entries' forbidden forms (what the reviewer marked as wrong, ``f`` in
  review, or a variant rejected later);
- ``rejected``: the forms of rejected entries — a rejected *candidate pair* ("this is not the
  pair"), which forbids nothing: it is known (so a message can say what the target used) but it
  is never an error by itself;
- ``known``: every form the glossary has for the term, all of the above and pending ones.

Directions: zh→en uses the entries as written; en→zh turns each English form (main and
variants) into a source term whose target is the Chinese (forbidden English does not apply).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from termx.check.matcher import Probe, TermMatcher, english_inflections, probes
from termx.model import GlossaryEntry, Lang, Origin
from termx.text import fold, without_possessive


@dataclass(slots=True)
class Term:
    """One source term (all entries whose source form folds to the same key)."""

    label: str
    expected: dict[str, str] = field(default_factory=dict)  # target key -> surface
    forbidden: dict[str, str] = field(default_factory=dict)
    rejected: dict[str, str] = field(default_factory=dict)
    known: dict[str, str] = field(default_factory=dict)
    probes: list[Probe] = field(default_factory=list)  # spellings of ``known`` in the target
    expected_forms: tuple[str, ...] = ()  # the surfaces of ``expected``, for messages
    expected_quoted: str = ""  # quote(expected_forms), made once instead of per finding
    # The key of the only known form, if there is one and it is not forbidden: then whether
    # the target uses it is all there is to know, and the search can stop at the first hit.
    only: str | None = None
    # ``only`` when it is also required: where the target uses it, no rule that promises
    # silence on a satisfied term (Rule.silent_when_satisfied) can fire, so the checker's fast
    # path needs to know only whether it is there.
    settled: str | None = None
    # The probes' texts when none needs a boundary or capitals check (Chinese targets): then
    # "is it there?" is a plain substring test.
    plain: tuple[str, ...] | None = None


@dataclass(slots=True)
class Usage:
    """Which target forms the pairs with exactly one known form chose, and where."""

    counts: Counter[str] = field(default_factory=Counter)
    first: dict[str, list[Origin]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)


class Direction:
    """The terms of one source language and the automaton that finds them."""

    def __init__(self, source: Lang, terms: dict[str, Term]) -> None:
        target: Lang = "en" if source == "zh" else "zh"
        self.by_key = terms
        self.matcher = TermMatcher([term.label for term in terms.values()], source)
        for term in terms.values():
            term.probes = probes(term.known.values(), target)
            term.expected_forms = tuple(term.expected.values())
            term.expected_quoted = quote(term.expected_forms)
            if len(term.known) == 1 and not term.forbidden:
                term.only = next(iter(term.known))
                if term.only in term.expected:
                    term.settled = term.only
            if not any(probe.left or probe.right or probe.acronym for probe in term.probes):
                term.plain = tuple(probe.text for probe in term.probes)


def quote(forms: Iterable[str]) -> str:
    """``“a” or “b”``, for messages."""
    return " or ".join(f"“{form}”" for form in forms)


def _add(forms: dict[str, str], surface: str) -> None:
    surface = surface.strip()
    if surface:
        forms.setdefault(fold(surface), surface)


def build(entries: Iterable[GlossaryEntry], include_pending: bool) -> dict[Lang, Direction]:
    """Both directions' terms from the glossary entries."""
    zh_terms: dict[str, Term] = {}
    en_terms: dict[str, Term] = {}
    for entry in entries:
        required = entry.status == "approved" or (include_pending and entry.status == "pending")
        zh_key = fold(entry.zh)
        if not zh_key:
            continue
        term = zh_terms.setdefault(zh_key, Term(entry.zh.strip()))
        for form in (entry.en, *entry.variants):
            _add(term.known, form)
            if required:
                _add(term.expected, form)
            elif entry.status == "rejected":
                _add(term.rejected, form)
        for form in entry.forbidden:
            _add(term.known, form)
            _add(term.forbidden, form)
        for form in (entry.en, *entry.variants):
            en_key = fold(form)
            if not en_key:
                continue
            term = en_terms.setdefault(en_key, Term(form.strip()))
            _add(term.known, entry.zh)
            if required:
                _add(term.expected, entry.zh)
            elif entry.status == "rejected":
                _add(term.rejected, entry.zh)
    for term in zh_terms.values():
        # A rejected "Xi Jinping’s" (edited to "Xi Jinping") is the approved form inflected:
        # matching tolerates that inflection, so it is not another form of the term.
        inflected = {form for key in term.expected for form in english_inflections(key)}
        inflected |= term.expected.keys()
        for key in [key for key in term.rejected if without_possessive(key) in inflected]:
            del term.rejected[key]
            term.known.pop(key, None)
    return {"zh": Direction("zh", zh_terms), "en": Direction("en", en_terms)}
