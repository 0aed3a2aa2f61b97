"""The review session as pure data: a state and ``decide(state, key) -> state``.

Nothing here reads keys, prints or writes files; ``termx.cli.review`` does that around it, so
every key's effect is tested without a terminal. After each call the caller saves
``state.glossary`` if it is not the same object as before (every change makes a new copy, which
is also what makes undo exact).

Keys: ``a`` accept, ``r`` reject, ``e`` edit (then accept the edited pair), ``v`` accept and add
an English variant, ``f`` accept and forbid a wrong English form, ``s`` skip, ``u`` undo,
``q`` quit, ``?`` help. Pairs already decided in the glossary (approved, rejected, a variant or
a forbidden form of the Chinese term) are passed over, which is how a new session resumes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from termx.errors import TermxError
from termx.glossary import Glossary
from termx.model import TermPair
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
