"""Plain data that crosses module boundaries (see design.md, "Data that crosses modules")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["zh", "en"]
Status = Literal["approved", "rejected", "pending"]
# The order glossary files and reports list them in.
STATUSES: tuple[Status, ...] = ("approved", "pending", "rejected")
Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a segment pair came from, so candidates and findings can point back to it."""

    path: str
    line: int | None = None
    unit: str | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.path}:{self.line}"
        if self.unit is not None:
            return f"{self.path}#{self.unit}"
        return self.path


@dataclass(frozen=True, slots=True)
class SegmentPair:
    """One aligned pair. ``source`` is the language the translation was made from."""

    zh: str
    en: str
    origin: Origin
    source: Lang = "zh"
    # The ``termx: ignore`` directive the reader found on the pair's line (termx.io.directives):
    # None = no directive; frozenset({"*"}) = a bare ``termx: ignore``, every rule; else the
    # rule ids named in ``termx: ignore[a, b]``. The directive is not part of zh/en.
    ignore: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: str
    value: float
    reason: str


@dataclass(frozen=True, slots=True)
class TermPair:
    zh: str
    en: str
    score: float
    frequency: int
    evidence: tuple[Evidence, ...] = ()
    examples: tuple[Origin, ...] = ()
    # (zh sentence, en sentence) of the first examples, so review needs no access to the input.
    samples: tuple[tuple[str, str], ...] = ()
    # Other renderings of the same entry, most used first: the English forms seen (a plural,
    # a spelling) and the English of the same word family (testing for tests).
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    zh: str
    en: str
    status: Status = "pending"
    variants: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    note: str = ""
    # What TBX carries besides the terms (empty = not stated). The language tags keep a
    # regional or script subtag (zh-Hant, en-US) through import and export; empty means zh / en.
    zh_lang: str = ""
    en_lang: str = ""
    definition: str = ""
    part_of_speech: str = ""
    subject_field: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem ``termx check`` found: where, which rule, at which severity.

    ``source_term`` is the glossary term as it appears in the pair's source (Chinese when
    checking zh→en, English when checking en→zh); ``expected`` the forms the glossary requires
    in the target, ``found`` the known form the target used ("" when none); ``details`` the
    form counts of an ``inconsistent`` finding.
    """

    origin: Origin
    severity: Severity
    rule: str
    source_term: str
    expected: tuple[str, ...] = ()
    found: str = ""
    message: str = ""
    details: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
