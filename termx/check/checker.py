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

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from termx.check import rules as registry
from termx.check.matcher import Hit, Layers, Span, find_form_hits, fold_fast, longest_hits
from termx.check.options import CheckOptions
from termx.check.rules import PairJudge, Rule, Seen
from termx.check.suppress import covers
from termx.check.terms import Direction, Term, Usage, build
from termx.io.directives import merge, parse_directive, strip_directive
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
        # The registry is read here, not at import, so the rules are whatever it lists now.
        self._rules = registry.RULES
        known = [rule.id for rule in self._rules]
        unknown = set(options.rules) - set(known)
        if unknown:
            raise ValueError(f"unknown rule {sorted(unknown)[0]!r}; known: {', '.join(known)}")
        self._pair_rules = [rule for rule in self._rules if rule.id in options.rules and rule.judge]
        self._corpus_rules = [
            rule for rule in self._rules if rule.id in options.rules and rule.summarise
        ]
        # Each pair rule with its judge, looked up once (the judge runs per term and pair).
        self._judges: list[tuple[Rule, PairJudge]] = [
            (rule, rule.judge) for rule in self._pair_rules if rule.judge is not None
        ]
        self._skip_satisfied = all(rule.silent_when_satisfied for rule in self._pair_rules)
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
        layers = direction.matcher.layers(folded, source)
        spans = layers.spans
        if not spans:
            return []
        stats.pairs_with_terms += 1
        target_folded = fold_fast(target)
        target_surface = target if len(target_folded) == len(target) else None
        by_key = direction.by_key
        fast = self._skip_satisfied
        record = bool(self._corpus_rules)
        scan: _Scan | None = None  # made only for a term the fast path cannot settle
        findings: list[Finding] = []
        done: set[str] = set()
        for span in spans:
            key = span[2]
            if key in done:
                continue
            surfaces: dict[str, str] | None = None
            term = by_key[key]
            if fast and not term.forbidden:
                # The usual term: the target uses a required form and nothing is forbidden.
                # What _judge_span would conclude (nothing to report, nothing nested to judge),
                # without its work; where it is not so, the forms found are handed on to it.
                settled = term.settled
                if settled is not None:
                    if _present(term, target_folded, target_surface):
                        done.add(key)
                        if record:
                            self._record(lang, key, settled, origin)
                        continue
                    surfaces = {}  # its one form is absent
                else:
                    surfaces = _used_forms(term, target_folded, target_surface)
                    if not term.expected.keys().isdisjoint(surfaces):
                        done.add(key)
                        if record and len(surfaces) == 1:
                            self._record(lang, key, next(iter(surfaces)), origin)
                        continue
            if scan is None:
                scan = _Scan(
                    pair=pair,
                    lang=lang,
                    source=source if len(folded) == len(source) else None,
                    target=target_folded,
                    target_surface=target_surface,
                    ignore=ignore,
                    layers=layers,
                )
            # Depth first, with a stack rather than recursion: overlapping terms can chain
            # across a whole segment.
            stack = self._judge_span(scan, direction, span, done, findings, surfaces)
            stack.reverse()
            while stack:
                stack.extend(
                    reversed(self._judge_span(scan, direction, stack.pop(), done, findings))
                )
        return findings

    def _judge_span(
        self,
        scan: _Scan,
        direction: Direction,
        span: Span,
        done: set[str],
        findings: list[Finding],
        surfaces: dict[str, str] | None = None,
    ) -> list[Span]:
        """Judge the term found at ``span``; return the spans to judge next. Where the term
        fails, the glossary terms that longest-match hid under it (nested in it, or straddling
        its edge) are judged too, the same way: a wrong 上海合作组织 inside a failing
        上海合作组织成员国 is reported, not hidden. Where the longer term is satisfied, it alone
        speaks for its text. ``surfaces``: the term's forms in the target, when already known."""
        start, end, key = span
        if key in done:
            return []
        done.add(key)
        term = direction.by_key[key]
        if surfaces is None:
            surfaces = _used_forms(term, scan.target, scan.target_surface)
        used = tuple(surfaces)
        origin = scan.pair.origin
        if self._corpus_rules and len(used) == 1:
            self._record(scan.lang, key, used[0], origin)
        approved_used = not term.expected.keys().isdisjoint(used)
        if approved_used and self._skip_satisfied and not term.forbidden:
            return []  # no active pair rule can fire (Rule.silent_when_satisfied)
        seen = Seen(
            term,
            scan.source[start:end] if scan.source is not None else term.label,
            used,
            surfaces,
            origin,
            approved_used,
        )
        failed = False
        for rule, judge in self._judges:
            finding = judge(rule, seen)
            if finding is not None:
                failed = True
                if covers(scan.ignore, rule.id):
                    self.stats.suppressed += 1
                else:
                    findings.append(finding)
                break
        if not failed or not scan.layers.longest:
            return []
        # Terms already judged in this pair do not compete again for the text they hide.
        under = [span for span in _overlapping(scan, start, end) if span[2] not in done]
        return [
            nested
            for nested in longest_spans(under)
            # A term nested inside that the glossary does not translate as part of the longer
            # one is part of a name there, not the term: 合作 in 上海合作组织.
            if not (start <= nested[0] and nested[1] <= end)
            or _composes(term, direction.by_key[nested[2]])
        ]

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
        return [rule.id for rule in self._rules if rule in rules]


class _Scan(NamedTuple):
    """One pair as the checker scans it (what every term judged in it needs). A NamedTuple,
    not a frozen dataclass: it is made per pair on the hot path, and private to this module."""

    pair: SegmentPair
    lang: Lang
    source: str | None  # the source text, None when its folded form does not line up with it
    target: str  # the folded target
    target_surface: str | None  # the target, None when it does not line up with its folding
    ignore: frozenset[str] | None
    layers: Layers  # the matches in the source, those longest-match hid included


def _overlapping(scan: _Scan, start: int, end: int) -> list[Span]:
    """The hidden matches that overlap ``[start, end)``: nested in it (上海合作组织 in
    上海合作组织成员国) or straddling its edge (流行病 in 大流行病, where 大流行 won). The hidden
    matches are sorted and none is longer than the longest, so a bisect finds the few."""
    hidden = scan.layers.hidden
    first = bisect_left(hidden, (start - scan.layers.longest, -1, ""))
    found: list[Span] = []
    for at in range(first, len(hidden)):
        span = hidden[at]
        if span[0] >= end:
            break
        if span[1] > start and (span[0], span[1]) != (start, end):
            found.append(span)
    return found


def _composes(longer: Term, inner: Term) -> bool:
    """Whether the glossary translates ``inner`` as a part of ``longer``: one of the inner
    term's required forms is inside one of the longer term's. 上海合作组织 → "SCO" inside
    上海合作组织成员国国防部长会议 → "SCO Defense Ministers' Meeting" is; 合作 → "cooperation"
    inside 上海合作组织 → "SCO" is not (there it is part of a name), so it is not required."""
    return any(form in whole for form in inner.expected for whole in longer.expected)


def longest_spans(spans: list[Span]) -> list[Span]:
    """The longest non-overlapping of ``spans`` (then the leftmost), in text order."""
    hits = [(start, end, key, end - start) for start, end, key in spans]
    return [(start, end, key) for start, end, key, _ in longest_hits(hits)]


def _present(term: Term, folded: str, surface: str | None) -> bool:
    """Whether the target uses one of the term's known forms (for a term with one form)."""
    plain = term.plain
    if plain is not None:
        return any(text in folded for text in plain)
    return bool(find_form_hits(folded, surface or "", term.probes, first=True))


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
