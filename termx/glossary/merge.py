"""Merging imported entries into a glossary: additions go in, contradictions are reported.

Nothing is silently overwritten. An incoming entry that only adds information (a new pair, a
new variant or forbidden form, a note where there was none) is merged. One that contradicts
the glossary (another status for the same pair, another preferred English for an approved
Chinese term, a form that is a variant on one side and forbidden on the other) is a
:class:`Conflict`: with ``prefer="ours"`` (default) the glossary keeps its entry, with
``prefer="theirs"`` the incoming entry replaces it. A different note is a conflict over the note
alone: the glossary keeps its note (or takes theirs) and still gains the new forms. Either way
the conflict is reported.

:func:`import_glossary` is the whole ``termx glossary import``: read a file in any format, merge
it, save unless it is a dry run, and say what happened as data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from termx.model import GlossaryEntry
from termx.text import fold

if TYPE_CHECKING:
    from termx.glossary import Glossary
    from termx.glossary.formats import Parsed

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
                target.replace(merged)  # in place: no index rebuild, linear imports
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


def combine_synonyms(entries: Sequence[GlossaryEntry]) -> list[GlossaryEntry]:
    """One entry per Chinese term of a foreign termbase: a Chinese term approved again (in
    another concept: a synonym, as MultiTerm writes them) keeps its first English and takes
    the later ones as variants; the same pair twice with one status is merged. Anything else
    (the same pair with two statuses) is left for :func:`merge` to report."""
    result: list[GlossaryEntry] = []
    approved_at: dict[str, int] = {}
    pair_at: dict[tuple[str, str], int] = {}
    for entry in entries:
        zh_key, en_key = fold(entry.zh), fold(entry.en)
        same = pair_at.get((zh_key, en_key))
        if same is not None and result[same].status == entry.status:
            old = result[same]
            result[same] = replace(
                old,
                variants=_union(old.variants, entry.variants),
                forbidden=_union(old.forbidden, entry.forbidden),
            )
            continue
        main_at = approved_at.get(zh_key)
        if entry.status == "approved" and main_at is not None and same is None:
            main = result[main_at]
            variants = tuple(
                form
                for form in _union(main.variants, (entry.en, *entry.variants))
                if fold(form) != fold(main.en)
            )
            forbidden = tuple(
                form
                for form in _union(main.forbidden, entry.forbidden)
                if fold(form) not in _folded(variants)
            )
            result[main_at] = replace(main, variants=variants, forbidden=forbidden)
            continue
        if entry.status == "approved":
            approved_at.setdefault(zh_key, len(result))
        pair_at.setdefault((zh_key, en_key), len(result))
        result.append(entry)
    return result


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What :func:`import_glossary` read, merged and wrote."""

    source: str
    format: str
    parsed: Parsed
    result: MergeResult
    written: bool

    @property
    def unresolved(self) -> bool:
        """True when a conflict kept our entry (the CLI exits 1)."""
        return any(conflict.resolution != "took theirs" for conflict in self.result.conflicts)


def import_glossary(
    source: str | Path,
    glossary: str | Path,
    fmt: str | None = None,
    prefer: Prefer = "ours",
    dry_run: bool = False,
) -> ImportReport:
    """Merge the file ``source`` (any glossary format: by ``fmt``, extension or content) into
    the glossary file ``glossary`` (created if missing) and save it, unless ``dry_run`` or
    nothing changed. Bad input raises :class:`~termx.errors.TermxError` naming the file."""
    from termx.glossary import Glossary, load_glossary, read_glossary_file, save_glossary

    parsed, used = read_glossary_file(source, fmt)
    base = load_glossary(glossary) if Path(glossary).exists() else Glossary()
    result = merge(base, parsed.entries, prefer)
    changed = bool(
        result.added
        or result.updated
        or any(conflict.resolution == "took theirs" for conflict in result.conflicts)
    )
    if changed and not dry_run:
        save_glossary(result.glossary, glossary)
    return ImportReport(str(source), used, parsed, result, changed and not dry_run)
