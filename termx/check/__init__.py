"""The CI gate: translations against a glossary, findings, and an exit decision.

Two entry points:

- :func:`check` — pairs and glossary entries in, findings out (the library call);
- :func:`run` — everything ``termx check`` does, as data: read the glossaries and inputs, skip
  the glossary/baseline/report files found among the inputs, apply or write the baseline,
  count, and decide the exit code (:class:`CheckResult`). The CLI only renders the result.

The rules are listed once, in :mod:`termx.check.rules`; the report formats in
:mod:`termx.check.report`; suppression (directives and baselines) is :mod:`.suppress`; finding
glossary terms in text is :mod:`.matcher`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from termx.check.checker import Checker, CheckStats, HasEntries
from termx.check.options import THRESHOLD, CheckOptions, FailOn
from termx.check.report import Summary
from termx.check.rules import RULE_IDS, RULES, Rule
from termx.errors import TermxError
from termx.model import Finding, GlossaryEntry, SegmentPair

__all__ = [
    "RULES",
    "CheckOptions",
    "CheckResult",
    "CheckStats",
    "Checker",
    "FailOn",
    "Rule",
    "check",
    "iter_check",
    "run",
]


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What a :func:`run` found and decided.

    ``findings``: those left after directives and the baseline; ``summary``: what the reports
    print besides them; ``exit_code``: 0 pass, 1 fail; ``notes``: one-line remarks for the
    user (stderr), such as "nothing to check" or "baseline written"; ``rendered``: False when
    there is no report to render (a baseline was written, or there was nothing to check).
    """

    findings: list[Finding]
    summary: Summary
    exit_code: int = 0
    notes: tuple[str, ...] = ()
    rendered: bool = True
    rules: tuple[str, ...] = field(default=RULE_IDS)

    @property
    def failed(self) -> bool:
        """Whether the gate fails (a finding at or above ``fail_on`` remains)."""
        return self.exit_code != 0


def iter_check(
    pairs: Iterable[SegmentPair],
    glossary: HasEntries | Iterable[GlossaryEntry],
    options: CheckOptions | None = None,
) -> Iterator[Finding]:
    """Findings as the pairs stream by; the corpus-wide (``inconsistent``) ones come last."""
    checker = Checker(glossary, options)
    for pair in pairs:
        yield from checker.feed(pair)
    yield from checker.finish()


def check(
    pairs: Iterable[SegmentPair],
    glossary: HasEntries | Iterable[GlossaryEntry],
    options: CheckOptions | None = None,
) -> list[Finding]:
    """Check translations against a glossary (a ``Glossary`` or its entries).

    Returns every finding of the rules in ``options.rules`` not silenced by a ``termx: ignore``
    directive, the pair findings in input order, then the ``inconsistent`` warnings.
    """
    return list(iter_check(pairs, glossary, options))


def load_glossaries(paths: Sequence[Path]) -> list[GlossaryEntry]:
    """The entries of every glossary file, in order. A gate must fail closed: a glossary with
    no entries, or an approved entry without English, is an error naming the file."""
    from termx.glossary import load_glossary

    entries: list[GlossaryEntry] = []
    for path in paths:
        loaded = load_glossary(path).entries
        if not loaded:
            raise TermxError(
                "the glossary has no entries (an empty glossary passes anything)", str(path)
            )
        for entry in loaded:
            if entry.status == "approved" and not entry.en.strip():
                raise TermxError(f"approved entry {entry.zh!r} has no English", str(path))
        entries.extend(loaded)
    return entries


def run(
    inputs: Sequence[str | Path],
    glossaries: Sequence[str | Path],
    options: CheckOptions | None = None,
) -> CheckResult:
    """Everything ``termx check`` does: read, check, apply or write the baseline, decide.

    ``inputs``: files or directories (any format ``termx.io`` reads), or none with
    ``options.parallel``. Raises :class:`TermxError` on bad input (no glossary, an unreadable
    or empty glossary, a bad baseline, no pairs at all).
    """
    from termx.check.suppress import load_baseline, write_baseline
    from termx.io import ReadStats, read_inputs, read_parallel

    options = options or CheckOptions()
    glossary_paths = [Path(path) for path in glossaries]
    if not glossary_paths:
        raise TermxError("no glossary: give --glossary FILE (repeat for several)")
    if options.write_baseline and options.baseline is None:
        raise TermxError("--write-baseline needs --baseline FILE (where to write it)")
    entries = load_glossaries(glossary_paths)
    accepted = None  # read before the run, so that a bad baseline fails at once
    if options.baseline is not None and not options.write_baseline:
        accepted = load_baseline(options.baseline)
    skip = {path.resolve() for path in glossary_paths}
    for extra in (options.baseline, options.report):
        if extra is not None:
            skip.add(Path(extra).resolve())
    given = [Path(path) for path in inputs]
    kept = [path for path in given if path.resolve() not in skip]
    notes: list[str] = []
    empty = Summary(glossaries=tuple(map(str, glossary_paths)), fail_on=options.fail_on)
    if given and not kept:
        notes.append("nothing to check: every input is the glossary, baseline or report")
        return CheckResult([], empty, 0, tuple(notes), rendered=False)
    checker = Checker(entries, options)
    if not options.include_pending and not any(entry.status == "approved" for entry in entries):
        notes.append(
            "the glossary has no approved entries, so no term is required "
            "(review it, or use --include-pending)"
        )
    read = options.read
    stats = ReadStats()
    if options.parallel is not None:
        if kept:
            raise TermxError("give either INPUT files or --zh/--en, not both")
        pairs: Iterable[SegmentPair] = read_parallel(*options.parallel, read, stats=stats)
    elif kept:
        pairs = read_inputs([str(path) for path in kept], read, stats=stats)
    else:
        raise TermxError("no input: give files or directories, or --zh FILE --en FILE")
    findings: list[Finding] = []
    for pair in _without(pairs, skip):
        findings.extend(checker.feed(pair))
    findings.extend(checker.finish())
    if checker.stats.pairs == 0 and stats.pairs > 0:
        notes.append("nothing to check: the inputs hold only the glossary, baseline or report")
        return CheckResult([], empty, 0, tuple(notes), rendered=False)
    if checker.stats.pairs == 0:
        raise TermxError(f"no aligned pairs found in {', '.join(stats.files) or 'the input'}")
    baselined = 0
    if accepted is not None:
        findings, baselined = accepted.filter(findings)
    elif options.baseline is not None:
        write_baseline(findings, options.baseline)
        count = len(findings)
        notes.append(f"baseline: {count} finding{'s' * (count != 1)} accepted → {options.baseline}")
        return CheckResult(findings, empty, 0, tuple(notes), rendered=False)
    summary = Summary(
        pairs=checker.stats.pairs,
        pairs_with_terms=checker.stats.pairs_with_terms,
        files=tuple(checker.stats.files),
        glossaries=tuple(str(path) for path in glossary_paths),
        glossary_terms=checker.term_count,
        suppressed=checker.stats.suppressed,
        baselined=baselined,
        fail_on=options.fail_on,
        skipped_files=tuple((item.origin.path, item.reason) for item in stats.skipped_files),
    )
    threshold = THRESHOLD[options.fail_on]
    failed = any(finding.severity in threshold for finding in findings)
    return CheckResult(
        findings, summary, int(failed), tuple(notes), rules=tuple(checker.rule_ids())
    )


def _without(pairs: Iterable[SegmentPair], skip: set[Path]) -> Iterator[SegmentPair]:
    """The pairs, minus those read from the glossary (or baseline) inside an input directory."""
    verdict: dict[str, bool] = {}
    for pair in pairs:
        path = pair.origin.path
        keep = verdict.get(path)
        if keep is None:
            keep = verdict[path] = Path(path).resolve() not in skip
        if keep:
            yield pair
