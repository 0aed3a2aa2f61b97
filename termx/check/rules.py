"""The check rules: ONE registry, read by the checker, the SARIF and JSON reports, the CLI's
``--ignore-rule`` choices and docs/check.md.

A rule is a :class:`Rule`: its id, default severity, a short description (one line, SARIF's
``shortDescription``) and a long one (help, SARIF's ``fullDescription``), and what it judges:

- a *pair* rule (``judge``) sees one source term found in one pair, with the target forms the
  pair used (:class:`Seen`), and returns a finding or None. Per term and pair at most one finding
  is made: the first pair rule, in registry order, that returns one (so a forbidden form is
  reported as such, not also as a missing approved one);
- a *corpus* rule (``summarise``) runs once after the last pair, over the forms each term was
  translated with across the input (:class:`termx.check.terms.Usage`).

Adding a rule = one function here (or a module of its own) + one line in :data:`RULES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from termx.check.terms import Term, Usage, quote
from termx.model import Finding, Origin, Severity


@dataclass(frozen=True, slots=True)
class Seen:
    """One glossary term found in one pair's source, and what the target did with it.

    ``shown``: the term as the source spells it; ``used``: the keys of the term's known forms
    the target uses (the longest where they overlap), ``surfaces`` their spelling in the target
    ("" when the folded text does not line up with it); ``approved_used``: one of them is
    expected."""

    term: Term
    shown: str
    used: tuple[str, ...]
    surfaces: dict[str, str]
    origin: Origin
    approved_used: bool

    def surface(self, key: str) -> str:
        """How the target spells the known form ``key`` (the glossary's spelling as fallback)."""
        return self.surfaces.get(key) or self.term.known[key]


PairJudge = Callable[["Rule", Seen], "Finding | None"]
CorpusJudge = Callable[["Rule", Term, Usage], "list[Finding]"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One check rule (see the module docstring)."""

    id: str
    severity: Severity
    short: str
    help: str
    judge: PairJudge | None = None
    summarise: CorpusJudge | None = None
    # A promise the checker's hot path uses: this pair rule never fires on a term whose target
    # uses an approved form while the term has no forbidden form (nearly every term of a
    # clean corpus), so such terms need no Seen and no call.
    silent_when_satisfied: bool = False

    @property
    def name(self) -> str:
        """The id in CamelCase (SARIF's ``name``)."""
        return "".join(part.title() for part in self.id.split("-"))


def forbidden_term(rule: Rule, seen: Seen) -> Finding | None:
    """The target uses a form the glossary forbids for the term."""
    term = seen.term
    wrong = [key for key in seen.used if key in term.forbidden]
    if not wrong:
        return None
    found = seen.surface(wrong[0])
    advice = f"; use {term.expected_quoted}" if term.expected_forms else ""
    return Finding(
        seen.origin,
        rule.severity,
        rule.id,
        seen.shown,
        term.expected_forms,
        found,
        f"{seen.origin}: “{seen.shown}” is translated with the forbidden form “{found}”{advice}",
    )


def missing_term(rule: Rule, seen: Seen) -> Finding | None:
    """The term has required forms and the target uses none of them."""
    term = seen.term
    if not term.expected_forms or seen.approved_used:
        return None
    other = [seen.surface(key) for key in seen.used]
    found = other[0] if other else ""
    said = f"found {quote(other)}" if other else "found none of them"
    return Finding(
        seen.origin,
        rule.severity,
        rule.id,
        seen.shown,
        term.expected_forms,
        found,
        f"{seen.origin}: “{seen.shown}” should be translated as {term.expected_quoted}; {said}",
    )


def inconsistent(rule: Rule, term: Term, usage: Usage) -> list[Finding]:
    """Across the input, the pairs that use one known form of a term do not all use the same."""
    if len(usage.counts) < 2:
        return []

    def rank(key: str) -> tuple[int, bool, int]:
        return (-usage.counts[key], key not in term.expected, usage.order[key])

    forms = sorted(usage.counts, key=rank)
    majority = term.known[forms[0]]
    counts = {term.known[key]: usage.counts[key] for key in forms}
    summary = ", ".join(f"“{form}” ×{count}" for form, count in counts.items())
    findings: list[Finding] = []
    for key in forms[1:]:
        if key in term.forbidden or key in term.rejected:
            # Forbidden: an error on every pair that uses it already. Rejected: the reviewer
            # said it is not this term's translation, so using it says nothing of consistency.
            continue
        if key in term.expected and forms[0] in term.expected:
            continue  # two approved forms (a term and its variant): both are right
        form = term.known[key]
        for origin in usage.first[key]:
            findings.append(
                Finding(
                    origin,
                    rule.severity,
                    rule.id,
                    term.label,
                    (majority,),
                    form,
                    f"{origin}: “{term.label}” is translated “{form}” here but “{majority}”"
                    f" elsewhere ({summary})",
                    counts,
                )
            )
    return findings


# The registry. Order = precedence among pair rules, and the order reports list the rules in.
RULES: tuple[Rule, ...] = (
    Rule(
        "forbidden-term",
        "error",
        "Forbidden term used in the translation",
        "The translation uses a form the glossary forbids for a source term (its forbidden "
        "column; in review, f or a variant rejected later). A rejected candidate pair is not a "
        "forbidden translation.",
        judge=forbidden_term,
        silent_when_satisfied=True,
    ),
    Rule(
        "missing-term",
        "error",
        "Approved glossary term missing from the translation",
        "A glossary term occurs in the source and none of its approved target forms (main "
        "form or variant) occurs in the translation.",
        judge=missing_term,
        silent_when_satisfied=True,
    ),
    Rule(
        "inconsistent",
        "warning",
        "Source term translated in different ways",
        "The same source term (by folding key) is translated with different known target "
        "forms across the input.",
        summarise=inconsistent,
    ),
)
BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
RULE_IDS: tuple[str, ...] = tuple(BY_ID)


def rule(rule_id: str) -> Rule:
    """The rule with this id; a ValueError naming the known ones otherwise."""
    try:
        return BY_ID[rule_id]
    except KeyError:
        raise ValueError(f"unknown rule {rule_id!r}; known: {', '.join(RULE_IDS)}") from None
