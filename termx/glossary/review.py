"""The review session: a state and ``decide(state, key) -> state`` as pure data, and the
glossary file around it (:class:`SharedReview`, :func:`commit_batch`).

``decide`` reads no keys, prints nothing and writes no file, so every key's effect is tested
without a terminal; every change makes a new glossary copy, which is what makes undo exact.
:class:`SharedReview` applies one key and saves it into the glossary under its lock, re-read
first, so two reviews of one glossary lose nothing; :func:`commit_batch` does the same for a
batch of threshold decisions. ``termx.cli.review`` only reads keys and renders.

Keys: ``a`` accept, ``r`` reject, ``e`` edit (then accept the edited pair), ``v`` accept and add
an English variant, ``f`` accept and forbid a wrong English form, ``s`` skip, ``u`` undo,
``q`` quit, ``?`` help. Pairs already decided in the glossary (approved, rejected, a variant or
a forbidden form of the Chinese term) are passed over, which is how a new session resumes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from termx.errors import TermxError
from termx.files import check_writable, locked
from termx.glossary import Glossary, load_glossary, pair_key, save_glossary
from termx.model import GlossaryEntry, TermPair
from termx.text import clean, fold

KEYS: dict[str, str] = {
    "a": "accept the pair",
    "r": "reject the pair (never offered again)",
    "e": "edit the Chinese and/or English, then accept the edited pair",
    "v": "accept and add another English variant",
    "f": "accept and mark a wrong English form as forbidden",
    "s": "skip (stays undecided; asked again next time)",
    "u": "undo the previous decision",
    "q": "quit (every decision is already saved)",
    "?": "this help",
}
INPUT_KEYS = frozenset("evf")  # keys that need a line of text from the user
UNDO_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Tally:
    accepted: int = 0
    rejected: int = 0
    edited: int = 0
    skipped: int = 0


@dataclass(frozen=True, slots=True)
class Snapshot:
    position: int
    glossary: Glossary
    tally: Tally


@dataclass(frozen=True, slots=True)
class SessionState:
    candidates: tuple[TermPair, ...]
    glossary: Glossary
    position: int  # index of the current candidate; len(candidates) when finished
    decided_before: int = 0  # candidates already decided in the glossary at the start
    tally: Tally = field(default_factory=Tally)
    history: tuple[Snapshot, ...] = ()
    message: str = ""
    quit: bool = False

    @property
    def current(self) -> TermPair | None:
        return self.candidates[self.position] if self.position < len(self.candidates) else None

    @property
    def finished(self) -> bool:
        return self.quit or self.current is None

    def status_line(self) -> str:
        total = len(self.candidates)
        shown = min(self.position + 1, total)
        parts = [
            f"{shown} of {total}",
            f"accepted {self.tally.accepted}",
            f"rejected {self.tally.rejected}",
        ]
        if self.tally.edited:
            parts.append(f"edited {self.tally.edited}")
        if self.tally.skipped:
            parts.append(f"skipped {self.tally.skipped}")
        if self.decided_before:
            parts.append(f"{self.decided_before} decided earlier")
        return " · ".join(parts)


def _next_open(candidates: Sequence[TermPair], glossary: Glossary, start: int) -> int:
    position = start
    while position < len(candidates) and glossary.is_decided(
        candidates[position].zh, candidates[position].en
    ):
        position += 1
    return position


def start_session(candidates: Sequence[TermPair], glossary: Glossary) -> SessionState:
    """A session over ``candidates`` in file order, resuming after what ``glossary`` decided."""
    pairs = tuple(candidates)
    decided = sum(glossary.is_decided(pair.zh, pair.en) for pair in pairs)
    return SessionState(pairs, glossary, _next_open(pairs, glossary, 0), decided)


def help_text() -> str:
    return "\n".join(f"  {key}  {meaning}" for key, meaning in KEYS.items())


def _advance(state: SessionState, glossary: Glossary, tally: Tally, message: str) -> SessionState:
    snapshot = Snapshot(state.position, state.glossary, state.tally)
    return replace(
        state,
        glossary=glossary,
        position=_next_open(state.candidates, glossary, state.position + 1),
        tally=tally,
        history=(*state.history, snapshot)[-UNDO_LIMIT:],
        message=message,
    )


def decide(
    state: SessionState,
    key: str,
    *,
    zh: str | None = None,
    en: str | None = None,
    form: str | None = None,
) -> SessionState:
    """Apply one key to the current candidate and return the next state.

    ``e`` takes the edited ``zh`` and/or ``en`` (None or blank keeps the candidate's);
    ``v`` and ``f`` take ``form``, the variant or forbidden English (blank cancels).
    """
    if key == "q":
        return replace(state, quit=True, message="")
    if key == "?":
        return replace(state, message=help_text())
    if key == "u":
        if not state.history:
            return replace(state, message="nothing to undo")
        last = state.history[-1]
        undone = state.candidates[last.position]
        return replace(
            state,
            glossary=last.glossary,
            position=last.position,
            tally=last.tally,
            history=state.history[:-1],
            message=f"undone: {undone.zh} → {undone.en}",
        )
    pair = state.current
    if pair is None:
        return replace(state, message="no pair left to decide")
    tally = state.tally
    if key == "s":
        return _advance(state, state.glossary, replace(tally, skipped=tally.skipped + 1), "skipped")
    if key == "r":
        glossary = state.glossary.copy()
        what = glossary.reject(pair.zh, pair.en)
        return _advance(
            state,
            glossary,
            replace(tally, rejected=tally.rejected + 1),
            f"{what}: {pair.zh} → {pair.en}",
        )
    if key == "a":
        glossary = state.glossary.copy()
        what = glossary.approve(pair.zh, pair.en)
        return _advance(
            state,
            glossary,
            replace(tally, accepted=tally.accepted + 1),
            f"{what}: {pair.zh} → {pair.en}",
        )
    if key in ("v", "f"):
        extra = clean(form or "")
        if not extra:
            return replace(state, message="cancelled (no form given)")
        if fold(extra) == fold(pair.en):
            return replace(state, message=f"{extra!r} is the pair's own English; nothing added")
        glossary = state.glossary.copy()
        if key == "v":
            what = glossary.approve(pair.zh, pair.en, variants=(extra,))
            detail = f"variant {extra!r}"
        else:
            what = glossary.approve(pair.zh, pair.en, forbidden=(extra,))
            detail = f"forbidden {extra!r}"
        return _advance(
            state,
            glossary,
            replace(tally, accepted=tally.accepted + 1),
            f"{what}: {pair.zh} → {pair.en}, {detail}",
        )
    if key == "e":
        new_zh = clean(zh or "") or pair.zh
        new_en = clean(en or "") or pair.en
        if new_zh == pair.zh and new_en == pair.en:
            return replace(state, message="unchanged; decide again")
        glossary = state.glossary.copy()
        what = glossary.approve(new_zh, new_en)
        # The pair as extracted was wrong: keep it rejected so it is not offered again.
        changed = (fold(new_zh), fold(new_en)) != (fold(pair.zh), fold(pair.en))
        if changed and not glossary.is_decided(pair.zh, pair.en):
            glossary.reject(pair.zh, pair.en, note=f"edited to {new_zh} → {new_en}")
        return _advance(
            state,
            glossary,
            replace(tally, edited=tally.edited + 1),
            f"{what}: {new_zh} → {new_en} (edited from {pair.zh} → {pair.en})",
        )
    return replace(state, message=f"unknown key {key!r}; press ? for help")


# ---------------------------------------------------------------------- batch mode


@dataclass(frozen=True, slots=True)
class BatchResult:
    glossary: Glossary
    accepted: tuple[TermPair, ...]
    rejected: tuple[TermPair, ...]
    pending: tuple[TermPair, ...]
    decided_before: int


def batch_review(
    candidates: Sequence[TermPair],
    glossary: Glossary,
    accept_above: float | None = None,
    reject_below: float | None = None,
) -> BatchResult:
    """Decide by score: ``score >= accept_above`` accepted, ``score < reject_below`` rejected.

    Everything else stays pending (written as ``pending`` so ``termx review`` asks it later).
    A Chinese term gets at most one English this way: a second candidate above the threshold
    for a term already approved stays pending instead of becoming a variant unseen.
    """
    if accept_above is None and reject_below is None:
        raise TermxError("batch mode needs --accept-above and/or --reject-below")
    if accept_above is not None and reject_below is not None and reject_below > accept_above:
        raise TermxError(f"--reject-below {reject_below} is above --accept-above {accept_above}")
    result = glossary.copy()
    accepted: list[TermPair] = []
    rejected: list[TermPair] = []
    pending: list[TermPair] = []
    decided_before = 0
    for pair in candidates:
        if result.is_decided(pair.zh, pair.en):
            if glossary.is_decided(pair.zh, pair.en):
                decided_before += 1
            continue
        if accept_above is not None and pair.score >= accept_above:
            if result.approved(pair.zh) is None:
                result.approve(pair.zh, pair.en)
                accepted.append(pair)
                continue
        elif reject_below is not None and pair.score < reject_below:
            result.reject(pair.zh, pair.en)
            rejected.append(pair)
            continue
        result.add_pending(pair.zh, pair.en)
        pending.append(pair)
    return BatchResult(result, tuple(accepted), tuple(rejected), tuple(pending), decided_before)


# ---------------------------------------------------------------------- the glossary file


def load_or_new(path: str | Path) -> Glossary:
    """The glossary at ``path``, or a new empty one when there is no file yet (its directory
    is created so that the first save can go there)."""
    path = Path(path)
    if os.path.exists(path):
        return load_glossary(path)
    if path.parent != Path() and not os.path.exists(path.parent):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)  # another review may make it too
        except OSError as error:
            raise TermxError(f"cannot create directory: {error.strerror}", str(path)) from None
    return Glossary()


def open_review(candidates: str | Path, glossary: str | Path) -> tuple[list[TermPair], Glossary]:
    """The candidates to review and the glossary as it is now. A glossary that cannot be
    saved (read-only, even for root) is refused here, before the first key, not after it."""
    from termx.extract.candidate_file import read_candidates

    check_writable(glossary)
    pairs = read_candidates(candidates)
    return pairs, load_or_new(glossary)


def commit_batch(
    path: str | Path,
    candidates: Sequence[TermPair],
    read: Glossary,
    result: BatchResult,
    accept_above: float | None = None,
    reject_below: float | None = None,
) -> BatchResult:
    """Write the batch ``result`` (computed from ``read``) to ``path``, under its lock.

    Another review may have saved since ``read`` was loaded: then the thresholds are applied
    to the file as it is now, so its decisions stay, and that result (not ``result``) is
    written and returned."""
    with locked(path):
        fresh = load_or_new(path)
        final = (
            result if fresh == read else batch_review(candidates, fresh, accept_above, reject_below)
        )
        save_glossary(final.glossary, path)
    return final


Change = tuple[GlossaryEntry | None, GlossaryEntry | None]  # before, after one decision
_DECIDING_KEYS = frozenset("arevfs")


class SharedReview:
    """A review session that saves each decision into the glossary as it is on disk *now*.

    Two people may review one glossary at the same time (different candidates, two
    terminals): every decision re-reads the file, replays the key on the candidate on screen
    against that fresh copy and writes it, all under the glossary's lock
    (:func:`termx.files.locked`), so neither loses the other's decisions, and each session
    passes over the pairs the other has decided meanwhile. A hand edit made during the review
    is kept the same way. When both decide the same pair, the later key wins (and says so).

    Undo reverts only what this session's last decision changed, and only where nobody has
    changed that entry since.
    """

    def __init__(self, path: str | Path, pairs: Sequence[TermPair], glossary: Glossary) -> None:
        self.path = Path(path)
        self.state = start_session(pairs, glossary)
        # One entry per step of state.history (the same length limit), so that "u" finds what
        # the step it undoes changed in the file: pair key -> (before, after).
        self._changes: list[dict[tuple[str, str], Change]] = []

    def press(self, key: str, **options: str) -> SessionState:
        """Apply one key (with the text ``e``, ``v`` or ``f`` asked for) and save; returns the
        new state (also ``self.state``)."""
        if key == "u":
            return self._undo()
        if key not in _DECIDING_KEYS:
            self.state = decide(self.state, key, **options)
            return self.state
        with self._saving(), locked(self.path):
            fresh = load_or_new(self.path)
            before = replace(self.state, glossary=fresh)
            after = decide(before, key, **options)
            if after.glossary is not fresh:
                save_glossary(after.glossary, self.path)
                after = replace(after, message=after.message + self._overridden(fresh))
        if after.history is not before.history:  # a step the user can undo
            self._changes = [*self._changes, _changes(fresh, after.glossary)][-UNDO_LIMIT:]
        self.state = after
        return after

    def cancel(self, message: str = "cancelled") -> SessionState:
        """Stay on the current pair with ``message`` (the user cancelled a question)."""
        self.state = replace(self.state, message=message)
        return self.state

    def _undo(self) -> SessionState:
        undone = decide(self.state, "u")
        if not self.state.history:
            self.state = undone
            return undone
        changes = self._changes.pop() if self._changes else {}
        with self._saving(), locked(self.path):
            fresh = load_or_new(self.path)
            reverted, kept = _revert(fresh, changes)
            if reverted is not fresh:
                save_glossary(reverted, self.path)
        message = undone.message
        if kept:
            message += f" (another review changed {kept} of its entries since; theirs are kept)"
        self.state = replace(undone, glossary=reverted, message=message)
        return self.state

    def _overridden(self, fresh: Glossary) -> str:
        pair = self.state.current
        if pair is None or self.state.glossary.is_decided(pair.zh, pair.en):
            return ""
        status = fresh.status_of(pair.zh, pair.en)
        if status not in ("approved", "rejected"):
            return ""
        return f" (another review had {status} it meanwhile; this decision replaces that)"

    @contextmanager
    def _saving(self) -> Iterator[None]:
        try:
            yield
        except TermxError as error:
            raise TermxError(
                f"{error}; the last decision was not saved (the earlier ones are)"
            ) from None


def _changes(before: Glossary, after: Glossary) -> dict[tuple[str, str], Change]:
    """The entries one decision changed, by pair key."""
    old = {pair_key(entry.zh, entry.en): entry for entry in before}
    new = {pair_key(entry.zh, entry.en): entry for entry in after}
    return {
        key: (old.get(key), new.get(key))
        for key in old.keys() | new.keys()
        if old.get(key) != new.get(key)
    }


def _revert(glossary: Glossary, changes: dict[tuple[str, str], Change]) -> tuple[Glossary, int]:
    """``glossary`` with ``changes`` undone where the entry is still as the change left it;
    returns it (``glossary`` itself when nothing changed) and how many entries were kept
    because someone changed them since."""
    result, kept = glossary, 0
    for old, new in changes.values():
        reference = new if new is not None else old
        assert reference is not None
        if glossary.get(reference.zh, reference.en) != new:
            kept += 1
            continue
        if result is glossary:
            result = glossary.copy()
        if new is not None:
            result.remove(new.zh, new.en)
        if old is not None:
            result.add(old)
    return result, kept


# ---------------------------------------------------------------------- display helpers


def _fold_char(char: str) -> str:
    return " " if char.isspace() else fold(char)


def highlight_spans(sentence: str, term: str) -> list[tuple[int, int]]:
    """Character spans of ``term`` in ``sentence``, matched on fold keys (script, width, case).

    English matches must start and end at word boundaries, so ``SCO`` is not found in
    ``disco``. Spans index the original sentence.
    """
    if not sentence or not term.strip():
        return []
    folded_chars: list[str] = []
    owner: list[int] = []  # for each folded character, the sentence index it came from
    for index, char in enumerate(sentence):
        piece = _fold_char(char)
        folded_chars.extend(piece)
        owner.extend([index] * len(piece))
    folded = "".join(folded_chars)
    needle = "".join(_fold_char(char) for char in term.strip())
    spans: list[tuple[int, int]] = []
    start = folded.find(needle)
    while start >= 0:
        end = start + len(needle)
        begin, finish = owner[start], owner[end - 1] + 1
        before = sentence[begin - 1] if begin > 0 else " "
        after = sentence[finish] if finish < len(sentence) else " "
        word_like = needle[0].isascii() and needle[0].isalnum()
        ends_word = needle[-1].isascii() and needle[-1].isalnum()
        if not (word_like and before.isascii() and before.isalnum()) and not (
            ends_word and after.isascii() and after.isalnum()
        ):
            spans.append((begin, finish))
            start = folded.find(needle, end)
        else:
            start = folded.find(needle, start + 1)
    return spans


def excerpt(
    sentence: str, spans: list[tuple[int, int]], width: int = 160
) -> tuple[str, list[tuple[int, int]]]:
    """At most about ``width`` characters of ``sentence`` around its first highlighted span,
    with ``…`` where it was cut and the spans shifted to match."""
    if len(sentence) <= width:
        return sentence, spans
    focus = spans[0] if spans else (0, 0)
    start = max(0, min(focus[0] - width // 3, len(sentence) - width))
    end = min(len(sentence), max(start + width, focus[1]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(sentence) else ""
    shift = len(prefix) - start
    kept = [(a + shift, b + shift) for a, b in spans if a >= start and b <= end]
    return prefix + sentence[start:end] + suffix, kept
