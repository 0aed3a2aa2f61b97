"""The consistency checker behind ``termx check``: glossary terms in, findings out.

Each pair is scanned once. The source side is searched with one automaton over the glossary's
source terms (longest match wins, see :mod:`termx.termmatch`); only when something matches is
the target folded and searched, with ``str.find``, for the target forms the glossary knows of
the terms found (approved, variants, forbidden, rejected, pending). Then, per source term found:

- ``forbidden-term`` (error): the target uses a forbidden form of the term, or the target of a
  rejected entry of a term that has approved forms while none of them is present (a rejected
  candidate that sits next to the approved translation is most likely another word of the
  sentence; a candidate rejected for a Chinese term with no approved entry was rejected as
  "not a term", which forbids nothing).
- ``missing-term`` (error): the term has approved forms (entries with status ``approved``, and
  ``pending`` with ``include_pending``) and the target contains none of them.
- ``inconsistent`` (warning): over the whole input, the pairs that use exactly one known form
  of a term do not all use the same one. Each pair using a less frequent form gets a warning
  with the counts of every form. A pair that uses two forms (a long name and its acronym) says
  nothing about consistency, and a target with no known form is invisible to this rule: the
  checker does not guess translations the glossary does not list (its known limit; pending
  entries, e.g. the output of ``termx extract`` kept as pending, widen what it can see).

Directions: a pair with ``source == "zh"`` is checked zh→en, ``"en"`` en→zh (the English forms
of an entry, main and variants, are searched in the source and its Chinese in the target; the
forbidden English forms do not apply, as they are English).

A finding is silenced by ``termx: ignore`` or ``termx: ignore[rule, …]`` written on the line the
finding points at (a trailing column in TSV, a trailing comment in text or XML files); the
directive is removed from the segment before it is checked.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

from termx.model import Finding, GlossaryEntry, Lang, Origin, SegmentPair, Severity
from termx.termmatch import (
    Probe,
    TermMatcher,
    english_inflections,
    find_form_hits,
    fold_fast,
    longest_hits,
    probes,
)
from termx.text import fold

RULES: dict[str, Severity] = {
    "missing-term": "error",
    "forbidden-term": "error",
    "inconsistent": "warning",
}
RULE_HELP: dict[str, str] = {
    "missing-term": "A glossary term occurs in the source and none of its approved target "
    "forms (main form or variant) occurs in the translation.",
    "forbidden-term": "The translation uses a forbidden form of a source term, or the target "
    "of a rejected glossary entry instead of an approved form.",
    "inconsistent": "The same source term (by folding key) is translated with different known "
    "target forms across the input.",
}

_DIRECTIVE = re.compile(
    r"[ \t]*(?:#|//|<!--)?[ \t]*termx:[ \t]*ignore(?:\[([^\]]*)\])?[ \t]*(?:-->)?", re.IGNORECASE
)
ALL = frozenset({"*"})  # the rule set of a bare ``termx: ignore``


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What to check. ``rules``: the rule ids to run; ``include_pending``: also require the
    forms of pending entries (by default only approved entries are required);
    ``honour_ignore``: obey ``termx: ignore`` directives; ``max_locations``: how many
    ``inconsistent`` warnings at most per term and form (the counts are always complete)."""

    rules: frozenset[str] = frozenset(RULES)
    include_pending: bool = False
    honour_ignore: bool = True
    max_locations: int = 20


@dataclass(slots=True)
class CheckStats:
    """What the checker saw, for the summary line of a report."""

    pairs: int = 0
    pairs_with_terms: int = 0
    files: dict[str, None] = field(default_factory=dict)  # ordered set of Origin.path
    suppressed: int = 0


class HasEntries(Protocol):
    entries: list[GlossaryEntry]


@dataclass(slots=True)
class _Term:
    """One source term (all entries whose source form folds to the same key)."""

    label: str
    expected: dict[str, str] = field(default_factory=dict)  # target key -> surface
    forbidden: dict[str, str] = field(default_factory=dict)
    rejected: dict[str, str] = field(default_factory=dict)
    known: dict[str, str] = field(default_factory=dict)
    probes: list[Probe] = field(default_factory=list)  # spellings of ``known`` in the target
    expected_forms: tuple[str, ...] = ()  # the surfaces of ``expected``, for messages
    expected_quoted: str = ""  # _quote(expected_forms), made once instead of per finding
    # The key of the only known form, if there is one and it is not forbidden: then whether
    # the target uses it is all there is to know, and the search can stop at the first hit.
    only: str | None = None


@dataclass(slots=True)
class _Usage:
    """Which target forms the pairs with exactly one known form chose, and where."""

    counts: Counter[str] = field(default_factory=Counter)
    first: dict[str, list[Origin]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)


class _Direction:
    def __init__(self, source: Lang, terms: dict[str, _Term]) -> None:
        target: Lang = "en" if source == "zh" else "zh"
        # Terms are grouped by fold(label), the key the matcher reports.
        self.by_key = terms
        self.source = TermMatcher([term.label for term in terms.values()], source)
        for term in terms.values():
            term.probes = probes(term.known.values(), target)
            term.expected_forms = tuple(term.expected.values())
            term.expected_quoted = _quote(term.expected_forms)
            if len(term.known) == 1 and not term.forbidden:
                term.only = next(iter(term.known))


def _add(forms: dict[str, str], surface: str) -> None:
    surface = surface.strip()
    if surface:
        forms.setdefault(fold(surface), surface)


def _without_possessive(key: str) -> str:
    if key.endswith("'s"):
        return key[:-2]
    return key[:-1] if key.endswith("s'") else key


def _build(entries: Iterable[GlossaryEntry], include_pending: bool) -> dict[Lang, _Direction]:
    zh_terms: dict[str, _Term] = {}
    en_terms: dict[str, _Term] = {}
    for entry in entries:
        required = entry.status == "approved" or (include_pending and entry.status == "pending")
        zh_key = fold(entry.zh)
        if zh_key:
            term = zh_terms.setdefault(zh_key, _Term(entry.zh.strip()))
            for form in (entry.en, *entry.variants):
                _add(term.known, form)
                if required:
                    _add(term.expected, form)
                elif entry.status == "rejected":
                    _add(term.rejected, form)
            for form in entry.forbidden:
                _add(term.known, form)
                _add(term.forbidden, form)
        if not zh_key:
            continue
        for form in (entry.en, *entry.variants):
            en_key = fold(form)
            if not en_key:
                continue
            term = en_terms.setdefault(en_key, _Term(form.strip()))
            _add(term.known, entry.zh)
            if required:
                _add(term.expected, entry.zh)
            elif entry.status == "rejected":
                _add(term.rejected, entry.zh)
    for term in zh_terms.values():
        # A rejected "Xi Jinping’s" (edited to "Xi Jinping") is the approved form inflected:
        # matching tolerates that inflection, so it cannot also be a wrong translation.
        inflected = {form for key in term.expected for form in english_inflections(key)}
        inflected |= term.expected.keys()
        for key in [key for key in term.rejected if _without_possessive(key) in inflected]:
            del term.rejected[key]
            term.known.pop(key, None)
    return {"zh": _Direction("zh", zh_terms), "en": _Direction("en", en_terms)}


def _quote(forms: Iterable[str]) -> str:
    return " or ".join(f"“{form}”" for form in forms)


def parse_directive(text: str) -> frozenset[str] | None:
    """The rules a ``termx: ignore[...]`` directive in ``text`` silences (ALL for every rule)."""
    if "termx" not in text:
        return None
    match = _DIRECTIVE.search(text)
    if match is None:
        return None
    if match.group(1) is None:
        return ALL
    rules = frozenset(rule.strip() for rule in match.group(1).split(",") if rule.strip())
    return rules or ALL


def strip_directive(text: str) -> str:
    """The segment without its ``termx: ignore`` directive."""
    return _DIRECTIVE.sub("", text).rstrip() if "termx" in text else text


def _mentions_termx(stream: BinaryIO) -> bool:
    tail = b""
    while chunk := stream.read(1 << 20):
        if b"termx" in tail + chunk[:8] or b"termx" in chunk:
            return True
        tail = chunk[-8:]
    return False


def file_directives(path: str) -> dict[int, frozenset[str]]:
    """Line number → silenced rules, for every directive in a file (none if unreadable).

    The file is first searched in 1 MB blocks (a 1 GB memory costs no RAM) and only read line by
    line when it contains a directive at all.
    """
    found: dict[int, frozenset[str]] = {}
    try:
        with open(path, "rb") as stream:
            if not _mentions_termx(stream):
                return found
            stream.seek(0)
            for number, line in enumerate(stream, start=1):
                if b"termx" in line:
                    rules = parse_directive(line.decode("utf-8", errors="replace"))
                    if rules is not None:
                        found[number] = rules
    except OSError:
        return {}
    return found


class Checker:
    """Streaming checker: :meth:`feed` each pair (findings for it come back at once), then
    :meth:`finish` for the corpus-wide ``inconsistent`` findings. Memory stays flat: per term
    it keeps form counts and at most ``max_locations`` origins per form."""

    def __init__(
        self,
        glossary: HasEntries | Iterable[GlossaryEntry],
        options: CheckOptions | None = None,
    ) -> None:
        self.options = options or CheckOptions()
        unknown = self.options.rules - set(RULES)
        if unknown:
            raise ValueError(f"unknown rule {sorted(unknown)[0]!r}; known: {', '.join(RULES)}")
        entries = glossary.entries if hasattr(glossary, "entries") else glossary
        self._dirs = _build(entries, self.options.include_pending)
        self.stats = CheckStats()
        self._usage: dict[tuple[Lang, str], _Usage] = {}
        self._inline: dict[Origin, frozenset[str]] = {}
        self._files: dict[str, dict[int, frozenset[str]]] = {}

    @property
    def term_count(self) -> int:
        return len(self._dirs["zh"].by_key)

    def feed(self, pair: SegmentPair) -> list[Finding]:
        stats = self.stats
        stats.pairs += 1
        origin = pair.origin
        if origin.path not in stats.files:
            stats.files[origin.path] = None
        lang = pair.source
        direction = self._dirs[lang]
        if lang == "zh":
            source, target = pair.zh, pair.en
        else:
            source, target = pair.en, pair.zh
        if self.options.honour_ignore and ("termx" in source or "termx" in target):
            rules = parse_directive(source) or parse_directive(target)
            if rules is not None:
                self._inline[origin] = rules
            source, target = strip_directive(source), strip_directive(target)
        folded = fold_fast(source)
        spans = direction.source.spans(folded, source)
        if not spans:
            return []
        stats.pairs_with_terms += 1
        aligned = len(folded) == len(source)
        target_folded = fold_fast(target)
        target_aligned = len(target_folded) == len(target)
        findings: list[Finding] = []
        done: set[str] = set()
        record = "inconsistent" in self.options.rules
        by_key = direction.by_key
        for start, end, key in spans:
            if key in done:
                continue
            done.add(key)
            term = by_key[key]
            # Only this term's forms are looked for, so "pandemic" is found even inside
            # "COVID-19 pandemic" (another term's form); among its own forms the longest wins.
            used_surface: dict[str, str] = {}
            if term.only is not None:
                # One known form (so nothing forbidden or rejected): if the target uses it,
                # it is counted and there is nothing to report, as _judge() would find.
                if find_form_hits(target_folded, target, term.probes, first=True):
                    if record:
                        self._record(lang, key, term.only, origin)
                    continue
                used: list[str] = []
            else:
                hits = find_form_hits(target_folded, target, term.probes)
                if len(hits) > 1:
                    hits = longest_hits(hits)
                for hit_start, hit_end, hit_key, _ in hits:
                    surface = target[hit_start:hit_end] if target_aligned else ""
                    used_surface.setdefault(hit_key, surface)
                used = list(used_surface)
                if record and len(used) == 1:
                    self._record(lang, key, used[0], origin)
                if used and not term.forbidden and not term.expected.keys().isdisjoint(used):
                    continue  # _judge()'s usual case without the call: the approved form is there
            shown = source[start:end] if aligned else term.label
            finding = self._judge(term, shown, used, used_surface, origin)
            if finding is not None and not self._silenced(finding):
                findings.append(finding)
        return findings

    def _judge(
        self,
        term: _Term,
        shown: str,
        used: list[str],
        used_surface: dict[str, str],
        origin: Origin,
    ) -> Finding | None:
        approved_used = not term.expected.keys().isdisjoint(used)
        if approved_used and not term.forbidden:
            return None  # the usual case: the approved form, and nothing to forbid
        rules = self.options.rules
        expected = term.expected_forms
        wrong = [key for key in used if key in term.forbidden]
        if expected and not approved_used:
            # A rejected candidate is a wrong translation only of a term the glossary
            # translates; rejecting "重要活动 ↔ important activity" as "not a term" forbids nothing.
            wrong += [key for key in used if key in term.rejected and key not in wrong]
        if wrong and "forbidden-term" in rules:
            found = used_surface[wrong[0]] or term.known[wrong[0]]
            advice = f"; use {term.expected_quoted}" if expected else ""
            return Finding(
                origin,
                RULES["forbidden-term"],
                "forbidden-term",
                shown,
                expected,
                found,
                f"{origin}: “{shown}” is translated with the forbidden form “{found}”{advice}",
            )
        if expected and not approved_used and "missing-term" in rules:
            other = [used_surface[key] or term.known[key] for key in used]
            found = other[0] if other else ""
            seen = f"found {_quote(other)}" if other else "found none of them"
            return Finding(
                origin,
                RULES["missing-term"],
                "missing-term",
                shown,
                expected,
                found,
                f"{origin}: “{shown}” should be translated as {term.expected_quoted}; {seen}",
            )
        return None

    def _record(self, lang: Lang, source_key: str, target_key: str, origin: Origin) -> None:
        usage = self._usage.get((lang, source_key))
        if usage is None:
            usage = self._usage[(lang, source_key)] = _Usage()
        if target_key in usage.order:
            usage.counts[target_key] += 1
            places = usage.first[target_key]
        else:  # the first pair with this form
            usage.counts[target_key] = 1
            usage.order[target_key] = len(usage.order)
            places = usage.first[target_key] = []
        if len(places) < self.options.max_locations:
            places.append(origin)

    def _silenced(self, finding: Finding) -> bool:
        if not self.options.honour_ignore:
            return False
        origin = finding.origin
        # Hashing an Origin costs more than the rest: skip it while no pair had a directive.
        rules = self._inline.get(origin) if self._inline else None
        if rules is None and origin.line is not None:
            directives = self._files.get(origin.path)
            if directives is None:
                directives = self._files[origin.path] = file_directives(origin.path)
            rules = directives.get(origin.line) if directives else None
        if rules is not None and (rules is ALL or "*" in rules or finding.rule in rules):
            self.stats.suppressed += 1
            return True
        return False

    def finish(self) -> list[Finding]:
        """The ``inconsistent`` warnings, once every pair has been fed."""
        findings: list[Finding] = []
        if "inconsistent" not in self.options.rules:
            return findings
        for (lang, source_key), usage in self._usage.items():
            if len(usage.counts) < 2:
                continue
            term = self._dirs[lang].by_key[source_key]

            def rank(key: str, term: _Term = term, usage: _Usage = usage) -> tuple[int, int, int]:
                return (-usage.counts[key], key not in term.expected, usage.order[key])

            forms = sorted(usage.counts, key=rank)
            majority = term.known[forms[0]]
            counts = {term.known[key]: usage.counts[key] for key in forms}
            summary = ", ".join(f"“{form}” ×{count}" for form, count in counts.items())
            for key in forms[1:]:
                if key in term.forbidden or key in term.rejected:
                    continue  # already an error on every pair that uses it
                if key in term.expected and forms[0] in term.expected:
                    continue  # two approved forms (a term and its variant): both are right
                form = term.known[key]
                for origin in usage.first[key]:
                    finding = Finding(
                        origin,
                        RULES["inconsistent"],
                        "inconsistent",
                        term.label,
                        (majority,),
                        form,
                        f"{origin}: “{term.label}” is translated “{form}” here but “{majority}”"
                        f" elsewhere ({summary})",
                        counts,
                    )
                    if not self._silenced(finding):
                        findings.append(finding)
        findings.sort(key=_order)
        return findings


def _order(finding: Finding) -> tuple[str, int, str, str]:
    return (finding.origin.path, finding.origin.line or 0, finding.origin.unit or "", finding.rule)


def iter_check(
    pairs: Iterable[SegmentPair],
    glossary: HasEntries | Iterable[GlossaryEntry],
    options: CheckOptions | None = None,
) -> Iterator[Finding]:
    """Findings as the pairs stream by; the ``inconsistent`` ones come last."""
    checker = Checker(glossary, options)
    for pair in pairs:
        yield from checker.feed(pair)
    yield from checker.finish()


def check(
    pairs: Iterable[SegmentPair],
    glossary: HasEntries | Iterable[GlossaryEntry] | Sequence[GlossaryEntry],
    options: CheckOptions | None = None,
) -> list[Finding]:
    """Check translations against a glossary; see the module docstring for the rules."""
    return list(iter_check(pairs, glossary, options))
