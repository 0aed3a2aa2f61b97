"""The glossary: reviewed term pairs, kept in git as a sorted TSV and exchanged as TBX.

Model (see docs/review.md):

* An entry is one (zh, en) pair with a status: ``approved``, ``rejected`` or ``pending``.
  Pairs are identified by the :func:`termx.text.fold` keys of both sides, so 上合組織/SCO and
  上合组织/sco are the same pair.
* A Chinese term has at most one *approved* entry. Its ``en`` is the preferred English; other
  acceptable English forms are its ``variants``, wrong forms its ``forbidden`` list. A second
  English accepted for the same Chinese becomes a variant of the approved entry.
* Rejected pairs stay in the file so that extraction never offers them again; pending pairs
  (left between the batch thresholds) are asked again by ``termx review``.

Formats, one module each in :mod:`termx.glossary.formats` (registered there): ``tsv``
(canonical), ``csv``, ``json``, ``tbx`` (TBX v3 TBX-Basic), ``tbx2`` (TBX 2008 / MARTIF).
Besides this model: :mod:`.lint` (problems, with file lines), :mod:`.merge` (import),
:mod:`.review` (the review session).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from termx.errors import TermxError
from termx.files import write_text_atomic
from termx.glossary.formats import NAMES as FORMATS
from termx.glossary.formats import Parsed, format_from_path, module, sniff_format
from termx.model import STATUSES, GlossaryEntry, Status
from termx.tabular import file_text
from termx.text import fold

PairKey = tuple[str, str]

# fold() runs OpenCC; a glossary compares the same few thousand strings over and over.
_fold = lru_cache(maxsize=1 << 16)(fold)


def pair_key(zh: str, en: str) -> PairKey:
    """The identity of a pair: both sides folded (script, width, quotes, case)."""
    return _fold(zh), _fold(en)


def _unique(forms: Iterable[str], exclude: Iterable[str] = ()) -> tuple[str, ...]:
    """Forms in order, without repeats (by fold key) and without the excluded ones."""
    seen = {_fold(form) for form in exclude}
    result = []
    for form in forms:
        key = _fold(form)
        if form.strip() and key not in seen:
            seen.add(key)
            result.append(form)
    return tuple(result)


class Glossary:
    """A list of :class:`GlossaryEntry` with lookup by the fold key of the Chinese term.

    ``entries`` keeps file order and may hold duplicates when a file on disk has them (lint
    reports them); the editing methods (:meth:`approve`, :meth:`reject`, :meth:`add_pending`)
    never create one. Treat ``entries`` as read-only and edit through the methods (the lookup
    index is rebuilt when they run). Copy with :meth:`copy` when the old state must survive.
    """

    def __init__(self, entries: Iterable[GlossaryEntry] = ()) -> None:
        self.entries: list[GlossaryEntry] = list(entries)
        self._by_zh: dict[str, list[int]] | None = None
        self._indexed_size = -1

    def _zh_index(self) -> dict[str, list[int]]:
        if self._by_zh is None or self._indexed_size != len(self.entries):
            index: dict[str, list[int]] = {}
            for position, entry in enumerate(self.entries):
                index.setdefault(_fold(entry.zh), []).append(position)
            self._by_zh, self._indexed_size = index, len(self.entries)
        return self._by_zh

    def _changed(self) -> None:
        self._by_zh = None

    def _appended(self, entry: GlossaryEntry) -> None:
        # Appending keeps every position: extend the index instead of rebuilding it (an import
        # of 10^5 entries would otherwise rebuild it 10^5 times).
        if self._by_zh is not None and self._indexed_size == len(self.entries) - 1:
            self._by_zh.setdefault(_fold(entry.zh), []).append(len(self.entries) - 1)
            self._indexed_size = len(self.entries)
        else:
            self._by_zh = None

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GlossaryEntry]:
        return iter(self.entries)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Glossary) and self.entries == other.entries

    def __repr__(self) -> str:
        return f"Glossary({len(self.entries)} entries)"

    def copy(self) -> Glossary:
        return Glossary(self.entries)

    # ------------------------------------------------------------------ lookup

    def lookup(self, zh: str) -> list[GlossaryEntry]:
        """Every entry whose Chinese folds like ``zh`` (any status)."""
        return [self.entries[position] for position in self._zh_index().get(_fold(zh), ())]

    def get(self, zh: str, en: str) -> GlossaryEntry | None:
        """The entry for exactly this pair (by fold keys), if any."""
        en_key = _fold(en)
        for entry in self.lookup(zh):
            if _fold(entry.en) == en_key:
                return entry
        return None

    def approved(self, zh: str) -> GlossaryEntry | None:
        """The approved entry of a Chinese term (its preferred English), if any."""
        for entry in self.lookup(zh):
            if entry.status == "approved":
                return entry
        return None

    def status_of(self, zh: str, en: str) -> str | None:
        """``approved`` also when ``en`` is a variant, ``rejected`` also when it is forbidden."""
        entry = self.get(zh, en)
        if entry is not None:
            return entry.status
        en_key = _fold(en)
        for entry in self.lookup(zh):
            if entry.status != "approved":
                continue
            if any(_fold(form) == en_key for form in entry.variants):
                return "approved"
            if any(_fold(form) == en_key for form in entry.forbidden):
                return "rejected"
        return None

    def is_decided(self, zh: str, en: str) -> bool:
        """True when a person already approved or rejected this pair (pending is undecided)."""
        return self.status_of(zh, en) in ("approved", "rejected")

    def is_rejected(self, zh: str, en: str) -> bool:
        """True for pairs extraction must never offer again (rejected or forbidden)."""
        return self.status_of(zh, en) == "rejected"

    def sorted(self) -> Glossary:
        """Canonical order: Chinese fold key, then approved / pending / rejected, then English."""

        def order(entry: GlossaryEntry) -> tuple[str, int, str, str, str]:
            rank = STATUSES.index(entry.status) if entry.status in STATUSES else len(STATUSES)
            return _fold(entry.zh), rank, _fold(entry.en), entry.zh, entry.en

        return Glossary(sorted(self.entries, key=order))

    # ------------------------------------------------------------------ editing

    def _index(self, zh: str, en: str) -> int | None:
        en_key = _fold(en)
        for position in self._zh_index().get(_fold(zh), ()):
            if _fold(self.entries[position].en) == en_key:
                return position
        return None

    def _approved_index(self, zh: str) -> int | None:
        for position in self._zh_index().get(_fold(zh), ()):
            if self.entries[position].status == "approved":
                return position
        return None

    def _pop(self, position: int) -> GlossaryEntry:
        self._changed()
        return self.entries.pop(position)

    def _append(self, entry: GlossaryEntry) -> None:
        self.entries.append(entry)
        self._appended(entry)

    def add(self, entry: GlossaryEntry) -> None:
        """Append an entry as is (no merging; see :func:`merge` for that)."""
        self._append(entry)

    def replace(self, entry: GlossaryEntry) -> bool:
        """Put ``entry`` in the place of the entry for the same pair (by fold keys); False
        when there is none (nothing changed)."""
        position = self._index(entry.zh, entry.en)
        if position is None:
            return False
        if _fold(self.entries[position].zh) != _fold(entry.zh):
            self._changed()
        self.entries[position] = entry
        return True

    def remove(self, zh: str, en: str) -> GlossaryEntry | None:
        """Drop the entry for this pair (by fold keys); returns it, or None if absent."""
        position = self._index(zh, en)
        return None if position is None else self._pop(position)

    def approve(
        self,
        zh: str,
        en: str,
        variants: Sequence[str] = (),
        forbidden: Sequence[str] = (),
        note: str = "",
    ) -> str:
        """Record that ``en`` is right for ``zh``; returns a short description of what changed.

        If ``zh`` already has an approved entry with another English, ``en`` becomes one of its
        variants (one preferred English per Chinese term). A form that was forbidden or
        rejected and is now approved stops being forbidden / rejected.
        """
        main = self._approved_index(zh)
        if main is not None and _fold(self.entries[main].en) != _fold(en):
            entry = self.entries[main]
            stale = self._index(zh, en)  # a rejected or pending row for the same pair
            if stale is not None:
                self._pop(stale)
                main = self._approved_index(zh)
                assert main is not None
            new_variants = _unique((*entry.variants, en, *variants), exclude=(entry.en,))
            self.entries[main] = replace(
                entry,
                variants=new_variants,
                forbidden=_unique((*entry.forbidden, *forbidden), exclude=new_variants),
                note=entry.note or note,
            )
            return f"added as a variant of the approved {entry.zh} → {entry.en}"
        position = self._index(zh, en)
        old = self.entries[position] if position is not None else None
        base_variants = old.variants if old is not None and old.status == "approved" else ()
        base_forbidden = old.forbidden if old is not None and old.status == "approved" else ()
        new_variants = _unique((*base_variants, *variants), exclude=(en,))
        entry = GlossaryEntry(
            zh=zh,
            en=en,
            status="approved",
            variants=new_variants,
            forbidden=_unique((*base_forbidden, *forbidden), exclude=(en, *new_variants)),
            note=note or (old.note if old is not None else ""),
        )
        if position is None:
            self._append(entry)
            return "approved"
        self.entries[position] = entry
        return "approved" if old is None or old.status != "approved" else "updated"

    def reject(self, zh: str, en: str, note: str = "") -> str:
        """Record that ``en`` is wrong for ``zh`` (kept so it is never offered again)."""
        approved = self._approved_index(zh)
        if approved is not None and _fold(self.entries[approved].en) != _fold(en):
            entry = self.entries[approved]
            en_key = _fold(en)
            if any(_fold(form) == en_key for form in entry.variants):
                # Rejecting a variant: it stops being acceptable and becomes forbidden.
                self.entries[approved] = replace(
                    entry,
                    variants=tuple(form for form in entry.variants if _fold(form) != en_key),
                    forbidden=_unique((*entry.forbidden, en)),
                )
                return f"variant moved to forbidden of {entry.zh} → {entry.en}"
        position = self._index(zh, en)
        entry = GlossaryEntry(zh=zh, en=en, status="rejected", note=note)
        if position is None:
            self._append(entry)
        else:
            self.entries[position] = replace(entry, note=note or self.entries[position].note)
        return "rejected"

    def add_pending(self, zh: str, en: str, note: str = "") -> bool:
        """Add an undecided pair unless the pair is already in the glossary in any form."""
        if self.status_of(zh, en) is not None:
            return False
        self._append(GlossaryEntry(zh=zh, en=en, status="pending", note=note))
        return True


# ---------------------------------------------------------------------- formats


def _read_bytes(path: Path) -> bytes:
    from termx.files import check_regular

    name = str(path)
    check_regular(path, "a glossary file")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise TermxError("no such file", name) from None
    except OSError as error:
        raise TermxError(f"cannot read: {error.strerror}", name) from None


def read_glossary_file(path: str | Path, fmt: str | None = None) -> tuple[Parsed, str]:
    """Read a glossary file in any format: what the format found (entries, their lines, the
    record count and warnings) and the format used (``fmt``, else extension, else content)."""
    source = Path(path)
    data = _read_bytes(source)
    fmt = fmt or format_from_path(source) or sniff_format(data)
    return module(fmt).read(data, str(path)), fmt


def parse_glossary(data: bytes, fmt: str, name: str = "<glossary>") -> Glossary:
    """Parse glossary file content in ``fmt`` (errors name ``name`` and the line)."""
    return Glossary(module(fmt).read(data, name).entries)


def load_glossary(path: str | Path, fmt: str | None = None) -> Glossary:
    """Read a glossary: TSV (canonical), CSV, JSON or TBX, by ``fmt``, extension or content.

    Bad input raises :class:`TermxError` naming the file and line.
    """
    return Glossary(read_glossary_file(path, fmt)[0].entries)


def render_glossary(glossary: Glossary, fmt: str = "tsv", *, source: str = "") -> str:
    """The glossary as text in ``fmt``, in canonical (sorted) order."""
    return module(fmt).render(glossary.sorted().entries, source=source)


def save_glossary(glossary: Glossary, path: str | Path, fmt: str | None = None) -> None:
    """Write a glossary atomically (temp file in the same directory, fsync, rename), sorted."""
    target = Path(path)
    chosen = fmt or format_from_path(target) or "tsv"
    write_text_atomic(target, file_text(render_glossary(glossary, chosen), chosen))


def export_glossary(
    path: str | Path,
    fmt: str | None = None,
    output: str | Path | None = None,
    statuses: Iterable[Status] = (),
) -> tuple[str, str]:
    """The text of a glossary file exported as ``fmt`` (else the format ``output``'s extension
    implies, else TBX v3), only the entries with one of ``statuses`` if any are given;
    returns ``(text, format)``. With ``output`` the text is also written there atomically."""
    glossary = load_glossary(path)
    wanted = set(statuses)
    if wanted:
        glossary = Glossary(entry for entry in glossary if entry.status in wanted)
    chosen = fmt or (format_from_path(output) if output is not None else None) or "tbx"
    text = render_glossary(glossary, chosen, source=Path(path).name)
    if output is not None:
        write_text_atomic(output, file_text(text, chosen))
    return text, chosen


from termx.glossary.lint import LintProblem, LintReport, lint, lint_file  # noqa: E402
from termx.glossary.merge import (  # noqa: E402
    Conflict,
    ImportReport,
    MergeResult,
    import_glossary,
    merge,
)

__all__ = [
    "FORMATS",
    "STATUSES",
    "Conflict",
    "Glossary",
    "GlossaryEntry",
    "ImportReport",
    "LintProblem",
    "LintReport",
    "MergeResult",
    "Parsed",
    "export_glossary",
    "format_from_path",
    "import_glossary",
    "lint",
    "lint_file",
    "load_glossary",
    "merge",
    "pair_key",
    "parse_glossary",
    "read_glossary_file",
    "render_glossary",
    "save_glossary",
    "sniff_format",
]
