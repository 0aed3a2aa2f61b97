"""Merging imported entries into a glossary: additions go in, contradictions are reported.

Nothing is silently overwritten. An incoming entry that only adds information (a new pair, a
new variant or forbidden form, a note where there was none) is merged. One that contradicts
the glossary (another status for the same pair, another preferred English for an approved
Chinese term, a form that is a variant on one side and forbidden on the other) is a
:class:`Conflict`: with ``prefer="ours"`` (default) the glossary keeps its entry, with
``prefer="theirs"`` the incoming entry replaces it. A different note is a conflict over the note
alone: the glossary keeps its note (or takes theirs) and still gains the new forms. Either way
the conflict is reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from termx.model import GlossaryEntry
from termx.text import fold

if TYPE_CHECKING:
    from termx.glossary import Glossary

Prefer = Literal["ours", "theirs"]


@dataclass(frozen=True, slots=True)
class Conflict:
    incoming: GlossaryEntry
    existing: GlossaryEntry | None
    reason: str
    resolution: str  # "kept ours", "took theirs" or "skipped"


@dataclass(slots=True)
class MergeResult:
    glossary: Glossary
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[Conflict] = field(default_factory=list)


def _folded(forms: Iterable[str]) -> set[str]:
    return {fold(form) for form in forms}


def _union(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    seen = _folded(first)
    extra = []
    for form in second:
        if fold(form) not in seen:
            seen.add(fold(form))
            extra.append(form)
    return (*first, *extra)


def _contradiction(ours: GlossaryEntry, theirs: GlossaryEntry) -> str | None:
    if ours.status != theirs.status:
        return f"status {ours.status} here, {theirs.status} in the import"
    clash = (_folded(ours.variants) & _folded(theirs.forbidden)) | (
        _folded(ours.forbidden) & _folded(theirs.variants)
    )
    if clash:
        return "variant on one side, forbidden on the other: " + ", ".join(sorted(clash))
    return None


def merge(
    glossary: Glossary, incoming: Iterable[GlossaryEntry], prefer: Prefer = "ours"
) -> MergeResult:
    """Merge ``incoming`` into a copy of ``glossary``; ``glossary`` itself is not changed."""
    result = MergeResult(glossary.copy())
    target = result.glossary
    for entry in incoming:
        if not entry.zh.strip() or not entry.en.strip():
            result.conflicts.append(Conflict(entry, None, "empty zh or en", "skipped"))
            continue
        existing = target.get(entry.zh, entry.en)
        if existing is not None:
            reason = _contradiction(existing, entry)
            if reason is not None:
                resolution = "kept ours"
                if prefer == "theirs":
                    target.remove(existing.zh, existing.en)
                    target.add(entry)
                    resolution = "took theirs"
                result.conflicts.append(Conflict(entry, existing, reason, resolution))
                continue
            # Different notes contradict only the note: new variants and forbidden forms of
            # the same pair are still added.
            note = existing.note or entry.note
            if existing.note and entry.note and existing.note != entry.note:
                note = entry.note if prefer == "theirs" else existing.note
                result.conflicts.append(
                    Conflict(
                        entry,
                        existing,
                        f"different notes (“{existing.note}” here, “{entry.note}” in the import)",
                        "took their note" if prefer == "theirs" else "kept our note",
                    )
                )
            merged = replace(
                existing,
                variants=_union(existing.variants, entry.variants),
                forbidden=_union(existing.forbidden, entry.forbidden),
                note=note,
            )
            if merged == existing:
                result.unchanged += 1
            else:
                target.remove(existing.zh, existing.en)
                target.add(merged)
                result.updated += 1
            continue
        approved = target.approved(entry.zh)
        if approved is not None:
            en_key = fold(entry.en)
            reason = None
            if entry.status == "approved":
                reason = f"approved as {approved.en!r} here, as {entry.en!r} in the import"
            elif entry.status == "rejected" and en_key in _folded(approved.variants):
                reason = f"{entry.en!r} is a variant here, rejected in the import"
            elif (entry.status == "pending" and en_key in _folded(approved.variants)) or (
                entry.status != "approved" and en_key in _folded(approved.forbidden)
            ):
                result.unchanged += 1  # already decided here
                continue
            if reason is not None:
                resolution = "kept ours"
                if prefer == "theirs":
                    target.remove(approved.zh, approved.en)
                    if entry.status != "approved":  # a rejected variant: drop just the variant
                        target.add(
                            replace(
                                approved,
                                variants=tuple(v for v in approved.variants if fold(v) != en_key),
                            )
                        )
                    target.add(entry)
                    resolution = "took theirs"
                result.conflicts.append(Conflict(entry, approved, reason, resolution))
                continue
        target.add(entry)
        result.added += 1
    return result
