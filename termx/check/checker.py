"""The streaming checker: glossary terms in, findings out (the rules are in :mod:`.rules`).

Each pair is scanned once. The source side is searched with one automaton over the glossary's
source terms (longest match wins, see :mod:`termx.check.matcher`); only when something matches
is the target folded and searched, with ``str.find``, for the target forms the glossary knows of
the terms found (see :mod:`termx.check.terms`). Among a term's own forms in the target, the
approved and forbidden ones win over pending and rejected ones: a longer pending or rejected
form ("the Peace Mission exercise") never hides an approved form inside it ("Peace Mission").
Then each pair rule judges each term found, and after the last pair the corpus rules run.

A finding is silenced by the pair's ``termx: ignore`` directive (:attr:`SegmentPair.ignore`,
which the readers fill in, or a directive inside the segment's text, removed before checking).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from termx.check.matcher import Hit, find_form_hits, fold_fast, longest_hits
from termx.check.options import CheckOptions
from termx.check.rules import RULE_IDS, RULES, Rule, Seen
from termx.check.suppress import covers, merge, parse_directive, strip_directive
from termx.check.terms import Term, Usage, build
from termx.model import Finding, GlossaryEntry, Lang, Origin, SegmentPair


@dataclass(slots=True)
class CheckStats:
    """What the checker saw, for the summary line of a report."""

    pairs: int = 0
    pairs_with_terms: int = 0
    files: dict[str, None] = field(default_factory=dict)  # ordered set of Origin.path
    suppressed: int = 0


class HasEntries(Protocol):
    """A glossary (anything with a list of entries)."""

    entries: list[GlossaryEntry]


def entries_of(glossary: HasEntries | Iterable[GlossaryEntry]) -> list[GlossaryEntry]:
    """The entries of a glossary object or of an iterable of entries."""
    if hasattr(glossary, "entries"):
        return list(glossary.entries)
    return list(glossary)


class Checker:
    """Streaming checker: :meth:`feed` each pair (findings for it come back at once), then
    :meth:`finish` for the corpus-wide findings. Memory stays flat: per term it keeps form
    counts and at most ``max_locations`` origins per form.

    ``options``: which rules, pending entries, directives (see :class:`CheckOptions`)."""

    def __init__(
        self,
        glossary: HasEntries | Iterable[GlossaryEntry],
        options: CheckOptions | None = None,
    ) -> None:
        self.options = options = options or CheckOptions()
        unknown = set(options.rules) - set(RULE_IDS)
        if unknown:
            raise ValueError(f"unknown rule {sorted(unknown)[0]!r}; known: {', '.join(RULE_IDS)}")
        self._pair_rules = [rule for rule in RULES if rule.id in options.rules and rule.judge]
        self._corpus_rules = [rule for rule in RULES if rule.id in options.rules and rule.summarise]
        self.honour_ignore = options.honour_ignore
        self.max_locations = options.max_locations
        self._dirs = build(entries_of(glossary), options.include_pending)
        self.stats = CheckStats()
        # Per-run state, owned here: the forms each term was used with, and the directives of
        # the pairs that had one (for the corpus rules' findings, made after the pairs went by).
        self._usage: dict[tuple[Lang, str], Usage] = {}
        self._ignore: dict[Origin, frozenset[str]] = {}

    @property
    def term_count(self) -> int:
        """How many Chinese terms the glossary has (entries grouped by folding key)."""
        return len(self._dirs["zh"].by_key)

    def feed(self, pair: SegmentPair) -> list[Finding]:
        """The pair rules' findings for one pair (its usage is recorded for :meth:`finish`)."""
        stats = self.stats
        stats.pairs += 1
        origin = pair.origin
        if origin.path not in stats.files:
            stats.files[origin.path] = None
        lang = pair.source
        direction = self._dirs[lang]
        source, target = (pair.zh, pair.en) if lang == "zh" else (pair.en, pair.zh)
        ignore = pair.ignore if self.honour_ignore else None
        if "termx" in source or "termx" in target:
            # A directive inside the segment's text: never part of the translation.
            if self.honour_ignore:
                ignore = merge(ignore, merge(parse_directive(source), parse_directive(target)))
            source, target = strip_directive(source), strip_directive(target)
        if ignore is not None:
            self._ignore[origin] = ignore
        folded = fold_fast(source)
        spans = direction.matcher.spans(folded, source)
        if not spans:
            return []
        stats.pairs_with_terms += 1
        aligned = len(folded) == len(source)
        target_folded = fold_fast(target)
        target_aligned = len(target_folded) == len(target)
        findings: list[Finding] = []
        done: set[str] = set()
        record = bool(self._corpus_rules)
        by_key = direction.by_key
        for start, end, key in spans:
            if key in done:
                continue
            done.add(key)
            term = by_key[key]
            surfaces = _used_forms(term, target_folded, target if target_aligned else None)
            used = tuple(surfaces)
            if record and len(used) == 1:
                self._record(lang, key, used[0], origin)
            seen = Seen(
                term,
                source[start:end] if aligned else term.label,
                used,
                surfaces,
                origin,
                not term.expected.keys().isdisjoint(used),
            )
            for rule in self._pair_rules:
                finding = rule.judge(rule, seen) if rule.judge else None
                if finding is not None:
                    if covers(ignore, rule.id):
                        stats.suppressed += 1
                    else:
                        findings.append(finding)
                    break
        return findings

    def _record(self, lang: Lang, source_key: str, target_key: str, origin: Origin) -> None:
        usage = self._usage.get((lang, source_key))
        if usage is None:
            usage = self._usage[(lang, source_key)] = Usage()
        if target_key in usage.order:
            usage.counts[target_key] += 1
            places = usage.first[target_key]
        else:  # the first pair with this form
            usage.counts[target_key] = 1
            usage.order[target_key] = len(usage.order)
            places = usage.first[target_key] = []
        if len(places) < self.max_locations:
            places.append(origin)

    def finish(self) -> list[Finding]:
        """The corpus rules' findings (``inconsistent``), once every pair has been fed."""
        findings: list[Finding] = []
        for rule in self._corpus_rules:
            if rule.summarise is None:
                continue
            for (lang, source_key), usage in self._usage.items():
                term = self._dirs[lang].by_key[source_key]
                for finding in rule.summarise(rule, term, usage):
                    if covers(self._ignore.get(finding.origin), rule.id):
                        self.stats.suppressed += 1
                    else:
                        findings.append(finding)
        findings.sort(key=_order)
        return findings

    def rule_ids(self) -> list[str]:
        """The ids of the rules this checker runs, in registry order."""
        rules: list[Rule] = [*self._pair_rules, *self._corpus_rules]
        return [rule.id for rule in RULES if rule in rules]


def _used_forms(term: Term, folded: str, surface: str | None) -> dict[str, str]:
    """The term's known forms the target uses: key → its spelling in the target ("" when the
    folded target does not line up with ``surface``), in text order.

    Where forms overlap, the longest wins among the approved and forbidden forms (what the
    glossary says is right or wrong); the other known forms (pending, rejected) count only
    where they overlap none of those: a reviewer's "not this pair" or "not yet decided" must
    never hide an approved form that is present.
    """
    if term.only is not None:
        # One known form, nothing forbidden: whether it is there is all there is to know.
        hits = find_form_hits(folded, surface or "", term.probes, first=True)
    else:
        hits = find_form_hits(folded, surface or "", term.probes)
        if len(hits) > 1:
            hits = _resolve(term, hits)
    used: dict[str, str] = {}
    for start, end, key, _ in hits:
        used.setdefault(key, surface[start:end] if surface is not None else "")
    return used


def _resolve(term: Term, hits: list[Hit]) -> list[Hit]:
    decided = [hit for hit in hits if hit[2] in term.expected or hit[2] in term.forbidden]
    if not decided or len(decided) == len(hits):
        return longest_hits(hits)
    chosen = longest_hits(decided)
    others = [
        hit
        for hit in longest_hits([hit for hit in hits if hit not in decided])
        if all(hit[1] <= kept[0] or hit[0] >= kept[1] for kept in chosen)
    ]
    return sorted([*chosen, *others])


def _order(finding: Finding) -> tuple[str, int, str, str]:
    return (finding.origin.path, finding.origin.line or 0, finding.origin.unit or "", finding.rule)
