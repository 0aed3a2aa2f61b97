"""Glossary lint: the problems that make a glossary unreliable as a CI gate.

Rules (each a :class:`LintProblem` naming the entry):

* ``empty-field`` — an entry without its Chinese or its English.
* ``duplicate`` — the same pair (by fold keys) twice, or two approved entries for one Chinese
  term (there must be one preferred English; the others belong in ``variants``).
* ``shared-english`` — the same English form approved for two unrelated Chinese terms.
  Related means one Chinese term contains the other or abbreviates it (its characters appear
  in order in the other, as 上合组织 in 上海合作组织), compared on fold keys. Reported once
  per entry, against the first unrelated earlier term.
* ``approved-forbidden`` — a form approved for a Chinese term (its English or a variant) that is
  also forbidden or rejected for the same Chinese term.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from termx.model import GlossaryEntry
from termx.text import fold

if TYPE_CHECKING:
    from termx.glossary import Glossary


# How many earlier terms with the same English an entry is compared with: bounds the work on
# a pathological glossary (thousands of nested terms sharing one English) to linear; a real
# English is shared by a handful of terms.
_SHARED_SCAN = 200


@dataclass(frozen=True, slots=True)
class LintProblem:
    rule: str
    index: int  # position of the entry in Glossary.entries (0-based)
    entry: GlossaryEntry
    message: str


def _subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(char in chars for char in short)


def related(zh_a: str, zh_b: str) -> bool:
    """True when one Chinese term (fold key) contains or abbreviates the other."""
    if len(zh_a) > len(zh_b):
        zh_a, zh_b = zh_b, zh_a
    return zh_a in zh_b or _subsequence(zh_a, zh_b)


def lint(glossary: Glossary) -> list[LintProblem]:
    """Every problem of ``glossary``, in entry order (see the module docstring for the rules)."""
    problems: list[LintProblem] = []
    entries = glossary.entries
    first_of_pair: dict[tuple[str, str], int] = {}
    approved_of_zh: dict[str, int] = {}
    for index, entry in enumerate(entries):
        empty = [name for name, value in (("zh", entry.zh), ("en", entry.en)) if not value.strip()]
        if empty:
            problems.append(
                LintProblem("empty-field", index, entry, f"empty {' and '.join(empty)}")
            )
            continue
        key = (fold(entry.zh), fold(entry.en))
        if key in first_of_pair:
            first = entries[first_of_pair[key]]
            problems.append(
                LintProblem(
                    "duplicate",
                    index,
                    entry,
                    f"same pair as {first.zh} → {first.en}",
                )
            )
        else:
            first_of_pair[key] = index
        if entry.status == "approved":
            if key[0] in approved_of_zh:
                other = entries[approved_of_zh[key[0]]]
                problems.append(
                    LintProblem(
                        "duplicate",
                        index,
                        entry,
                        f"{entry.zh} is approved twice ({other.en!r} and {entry.en!r}); "
                        "keep one and list the other as a variant",
                    )
                )
            else:
                approved_of_zh[key[0]] = index

    # Approved forms per Chinese term, and who approves each English form.
    approved_forms: dict[str, dict[str, int]] = defaultdict(dict)
    surface: dict[str, str] = {}  # fold key → the form as first written, for messages
    forbidden_forms: dict[str, dict[str, str]] = defaultdict(dict)
    for index, entry in enumerate(entries):
        if not entry.zh.strip() or not entry.en.strip():
            continue
        zh_key = fold(entry.zh)
        if entry.status == "approved":
            for form in (entry.en, *entry.variants):
                approved_forms[zh_key].setdefault(fold(form), index)
                surface.setdefault(fold(form), form)
            for form in entry.forbidden:
                forbidden_forms[zh_key].setdefault(fold(form), "forbidden")
        elif entry.status == "rejected":
            forbidden_forms[zh_key].setdefault(fold(entry.en), "rejected")
    for zh_key, forms in approved_forms.items():
        for en_key, index in forms.items():
            where = forbidden_forms[zh_key].get(en_key)
            if where is not None:
                entry = entries[index]
                problems.append(
                    LintProblem(
                        "approved-forbidden",
                        index,
                        entry,
                        f"{surface[en_key]!r} is approved for {entry.zh} but also {where}",
                    )
                )

    by_english: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for zh_key, forms in approved_forms.items():
        for en_key, index in forms.items():
            by_english[en_key].append((zh_key, index))
    for en_key, users in by_english.items():
        for position, (zh_key, index) in enumerate(users):
            # One problem per entry (against the first unrelated earlier term), not one per
            # pair of entries: 10,000 terms sharing an English would otherwise give 5·10^7.
            earlier = users[max(0, position - _SHARED_SCAN) : position]
            other_index = next(
                (other for other_key, other in earlier if not related(zh_key, other_key)), None
            )
            if other_index is None:
                continue
            entry, other = entries[index], entries[other_index]
            problems.append(
                LintProblem(
                    "shared-english",
                    index,
                    entry,
                    f"{surface[en_key]!r} is approved for both {other.zh} and {entry.zh}, "
                    "which are unrelated terms",
                )
            )
    problems.sort(key=lambda problem: (problem.index, problem.rule))
    return problems


@dataclass(frozen=True, slots=True)
class LintReport:
    """The problems of one glossary file, able to say where each entry is in the file."""

    path: str
    entries: int
    problems: tuple[LintProblem, ...]
    lines: tuple[int | None, ...]  # line of each entry, when the format has lines

    def location(self, problem: LintProblem) -> str:
        """``path:line`` of the problem's entry, else ``path entry N``."""
        line = self.lines[problem.index] if problem.index < len(self.lines) else None
        return (
            f"{self.path}:{line}" if line is not None else f"{self.path} entry {problem.index + 1}"
        )

    def counts(self) -> dict[str, int]:
        """Problems per rule, most frequent first."""
        counts: dict[str, int] = defaultdict(int)
        for problem in self.problems:
            counts[problem.rule] += 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def lint_file(path: str | Path, fmt: str | None = None) -> LintReport:
    """Read and lint one glossary file (bad input raises TermxError naming the file)."""
    from termx.glossary import Glossary, read_glossary_file

    parsed, _ = read_glossary_file(path, fmt)
    glossary = Glossary(parsed.entries)
    return LintReport(str(path), len(glossary), tuple(lint(glossary)), parsed.lines)
