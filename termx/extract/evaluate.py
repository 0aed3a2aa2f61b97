"""Measure a ranked candidate list against a gold list of term pairs (``termx eval``).

Gold file: UTF-8 text, one pair per line, ``zh<TAB>en`` or ``tier<TAB>zh<TAB>en``; English
alternatives separated by ``|`` (``member states | member state``); ``#`` starts a comment
line; blank lines and a BOM are ignored; an optional header row (``zh en`` or ``tier zh en``)
is skipped. Every tier counts for recall except ``ok``: those are acceptable answers that
count as correct for precision and pairing but are not required.

Matching (:func:`match_key`): a candidate matches a gold pair when its zh has the same key as
the gold zh and its en (or one of its ``variants``, the other renderings of the same entry)
the same key as one of the gold alternatives. The key is
``text.fold`` (Traditional→Simplified, width, quotes, case) with quotes, apostrophes, spaces
and hyphens dropped and a plural ``s`` removed from each English word, so 國防部長會議 ↔
“Defense Ministers’ Meeting” matches 国防部长会议 ↔ defense minister's meeting.

Figures (the candidate list's order is its ranking; rank 1 is the first row):

* recall (per tier, and ``all`` = every tier but ``ok``): share of gold pairs that some
  candidate anywhere in the list matches; recall@K: the same within the first K candidates.
* precision@K: share of the first K candidates (or of all, if fewer) that match a gold pair of
  any tier, ``ok`` included. Only meaningful when the gold list is complete for the material:
  with a partial gold list it is a lower bound.
* pairing accuracy: of the gold Chinese terms (any tier) that the list offers at all, the
  share whose best-ranked candidate has a gold English for that Chinese term.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from termx.errors import TermxError
from termx.model import TermPair
from termx.text import fold, has_han

OK_TIER = "ok"
UNTIERED = "gold"
ALL_TIERS = "all"

_TIER_RE = re.compile(r"[a-z][a-z0-9_-]*")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\u30fb\u00b7]+")
_DROPPED = str.maketrans("", "", "\"'\u02bc\u300a\u300b\u3008\u3009")
_ES_PLURAL = re.compile(r"(?:[sxz]|ch|sh)es$")


# ----------------------------------------------------------------------------- matching key


def _singular(word: str) -> str:
    # Only a plural ``s`` (and the ``-es``/``-ies`` spellings of it); a real lemmatiser would
    # need spaCy here, and the gold lists already spell out the irregular forms they accept.
    if len(word) <= 3 or not word.isascii() or word[-1] != "s":
        return word
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if _ES_PLURAL.search(word):
        return word[:-2]
    return word[:-1]


def match_key(text: str) -> str:
    """The comparison key for gold matching (see the module docstring)."""
    folded = fold(text).translate(_DROPPED)
    return "".join(_singular(word) for word in _SEPARATORS.split(folded) if word)


# ----------------------------------------------------------------------------- gold file


@dataclass(frozen=True, slots=True)
class GoldPair:
    """One gold row: a Chinese term and its acceptable English forms."""

    zh: str
    en: tuple[str, ...]
    tier: str = UNTIERED
    line: int = 0

    @property
    def required(self) -> bool:
        return self.tier != OK_TIER

    @property
    def en_text(self) -> str:
        return " | ".join(self.en)


@dataclass(frozen=True, slots=True)
class Gold:
    path: str
    pairs: tuple[GoldPair, ...]

    @property
    def tiers(self) -> tuple[str, ...]:
        """Tier names in the order they first appear in the file."""
        return tuple(dict.fromkeys(pair.tier for pair in self.pairs))

    @property
    def required(self) -> tuple[GoldPair, ...]:
        return tuple(pair for pair in self.pairs if pair.required)


def _is_header(cells: list[str]) -> bool:
    return [cell.lower() for cell in cells] in (["zh", "en"], ["tier", "zh", "en"])


def _parse_gold_line(cells: list[str], name: str, number: int) -> GoldPair:
    if len(cells) == 2:
        tier, zh, en = UNTIERED, cells[0], cells[1]
    elif len(cells) == 3:
        tier, zh, en = cells[0].lower(), cells[1], cells[2]
        if not _TIER_RE.fullmatch(tier):
            raise TermxError(
                f"tier {cells[0]!r} is not a word (expected tier<TAB>zh<TAB>en)", name, number
            )
    else:
        hint = "; are the columns separated by spaces instead of a tab?" if len(cells) < 2 else ""
        raise TermxError(
            f"expected zh<TAB>en or tier<TAB>zh<TAB>en, found {len(cells)} column(s){hint}",
            name,
            number,
        )
    if not zh:
        raise TermxError("empty zh column", name, number)
    alternatives = tuple(alt.strip() for alt in en.split("|"))
    if not en or not all(alternatives):
        raise TermxError("empty English term (alternatives are separated by ' | ')", name, number)
    if has_han(en) and not has_han(zh):
        raise TermxError("the zh and en columns look swapped", name, number)
    return GoldPair(zh, alternatives, tier, number)


def parse_gold(text: str, name: str = "<gold>") -> Gold:
    """Parse gold text; pairs that fold to the same key (e.g. vaccine / vaccines) count once."""
    text = text.removeprefix("\ufeff")
    pairs: list[GoldPair] = []
    seen: dict[tuple[str, frozenset[str]], int] = {}
    first_data_line = True
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        while len(cells) > 2 and not cells[-1]:
            cells.pop()  # trailing tabs from spreadsheets
        if first_data_line:
            first_data_line = False
            if _is_header(cells):
                continue
        pair = _parse_gold_line(cells, name, number)
        key = (match_key(pair.zh), frozenset(match_key(alt) for alt in pair.en))
        if key in seen:
            # Keep one copy; a required row wins over an ``ok`` duplicate.
            if pair.required and not pairs[seen[key]].required:
                pairs[seen[key]] = pair
            continue
        seen[key] = len(pairs)
        pairs.append(pair)
    if not pairs:
        raise TermxError("no gold pairs (expected zh<TAB>en or tier<TAB>zh<TAB>en lines)", name)
    return Gold(name, tuple(pairs))


def load_gold(path: str | Path) -> Gold:
    """Read a gold file; errors raise :class:`TermxError` naming the file and line."""
    from termx.files import read_utf8

    return parse_gold(read_utf8(path, "a gold file"), str(path))


# ----------------------------------------------------------------------------- report


@dataclass(frozen=True, slots=True)
class GoldHit:
    """A required gold pair and the rank (1-based) of the first candidate matching it."""

    gold: GoldPair
    rank: int | None
    candidate: TermPair | None = None


@dataclass(frozen=True, slots=True)
class TierScore:
    tier: str
    total: int
    found: int
    found_at_k: int

    @property
    def recall(self) -> float | None:
        return self.found / self.total if self.total else None

    @property
    def recall_at_k(self) -> float | None:
        return self.found_at_k / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class WrongPairing:
    """A gold Chinese term whose best-ranked English is not a gold English."""

    zh: str
    expected: tuple[str, ...]
    candidate: TermPair
    rank: int
    # Rank of the first candidate with the right English for this zh, if the list has one.
    correct_rank: int | None


@dataclass(frozen=True, slots=True)
class RankedCandidate:
    rank: int
    candidate: TermPair
    match: GoldPair | None


@dataclass(frozen=True, slots=True)
class EvalReport:
    k: int
    candidates: int
    gold_pairs: int
    acceptable_pairs: int
    tiers: tuple[TierScore, ...]
    overall: TierScore
    precision_correct: int
    precision_total: int
    pairing_offered: int
    pairing_correct: int
    hits: tuple[GoldHit, ...]
    wrong_pairings: tuple[WrongPairing, ...]
    top: tuple[RankedCandidate, ...] = field(default=())

    @property
    def precision_at_k(self) -> float | None:
        return self.precision_correct / self.precision_total if self.precision_total else None

    @property
    def pairing_accuracy(self) -> float | None:
        return self.pairing_correct / self.pairing_offered if self.pairing_offered else None

    @property
    def missed(self) -> tuple[GoldHit, ...]:
        """Required gold pairs that no candidate matches."""
        return tuple(hit for hit in self.hits if hit.rank is None)

    @property
    def below_k(self) -> tuple[GoldHit, ...]:
        """Required gold pairs found, but only after the first K candidates."""
        return tuple(hit for hit in self.hits if hit.rank is not None and hit.rank > self.k)

    @property
    def unmatched_top(self) -> tuple[RankedCandidate, ...]:
        """Candidates in the first K that match no gold pair (false positives, or gaps in gold)."""
        return tuple(item for item in self.top if item.match is None)

    def tier(self, name: str) -> TierScore | None:
        if name == ALL_TIERS:
            return self.overall
        return next((score for score in self.tiers if score.tier == name), None)

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: the figures plus what was missed and mispaired."""

        def gold(pair: GoldPair) -> dict[str, Any]:
            return {"tier": pair.tier, "zh": pair.zh, "en": list(pair.en), "line": pair.line}

        def tier(score: TierScore) -> dict[str, Any]:
            return {
                "tier": score.tier,
                "total": score.total,
                "found": score.found,
                "found_at_k": score.found_at_k,
                "recall": score.recall,
                "recall_at_k": score.recall_at_k,
            }

        return {
            "k": self.k,
            "candidates": self.candidates,
            "gold_pairs": self.gold_pairs,
            "acceptable_pairs": self.acceptable_pairs,
            "recall": self.overall.recall,
            "recall_at_k": self.overall.recall_at_k,
            "precision_at_k": self.precision_at_k,
            "precision_correct": self.precision_correct,
            "precision_total": self.precision_total,
            "pairing_accuracy": self.pairing_accuracy,
            "pairing_correct": self.pairing_correct,
            "pairing_offered": self.pairing_offered,
            "tiers": [tier(score) for score in (*self.tiers, self.overall)],
            "missed": [gold(hit.gold) for hit in self.missed],
            "below_k": [{**gold(hit.gold), "rank": hit.rank} for hit in self.below_k],
            "wrong_pairings": [
                {
                    "zh": wrong.zh,
                    "expected": list(wrong.expected),
                    "found_zh": wrong.candidate.zh,
                    "found_en": wrong.candidate.en,
                    "rank": wrong.rank,
                    "correct_rank": wrong.correct_rank,
                }
                for wrong in self.wrong_pairings
            ],
            "unmatched_top": [
                {"rank": item.rank, "zh": item.candidate.zh, "en": item.candidate.en}
                for item in self.unmatched_top
            ],
        }


# ----------------------------------------------------------------------------- evaluation


@dataclass(frozen=True, slots=True)
class _GoldIndex:
    by_zh: dict[str, list[tuple[frozenset[str], GoldPair]]]

    @classmethod
    def build(cls, pairs: Sequence[GoldPair]) -> _GoldIndex:
        by_zh: dict[str, list[tuple[frozenset[str], GoldPair]]] = {}
        for pair in pairs:
            keys = frozenset(match_key(alt) for alt in pair.en)
            by_zh.setdefault(match_key(pair.zh), []).append((keys, pair))
        return cls(by_zh)

    def matches(self, zh_key: str, en_keys: frozenset[str]) -> list[GoldPair]:
        return [pair for keys, pair in self.by_zh.get(zh_key, ()) if en_keys & keys]


def _en_keys(candidate: TermPair) -> frozenset[str]:
    """A candidate is one entry with its variants (laboratory tests, laboratory testing): a
    reviewer accepts the entry and picks its form, so any of them is its English."""
    return frozenset(match_key(en) for en in (candidate.en, *candidate.variants))


def _first_match(pairs: Sequence[GoldPair]) -> GoldPair | None:
    # A candidate may match several rows (a required and an ``ok`` one): report the required.
    return min(pairs, key=lambda pair: not pair.required) if pairs else None


def find_rank(candidates: Sequence[TermPair], zh: str, en: str | Sequence[str]) -> int | None:
    """1-based rank of the first candidate matching zh and (one of) en, or None."""
    zh_key = match_key(zh)
    alternatives = [en] if isinstance(en, str) else list(en)
    en_keys = {match_key(alt) for alt in alternatives}
    for rank, candidate in enumerate(candidates, start=1):
        if match_key(candidate.zh) == zh_key and _en_keys(candidate) & en_keys:
            return rank
    return None


def evaluate_files(
    candidates: str | Path, gold: str | Path, k: int = 60
) -> tuple[EvalReport, Gold]:
    """Read a candidates file (its row order is the ranking) and a gold list, and score the
    one against the other (see :func:`evaluate`); the gold list is returned too, for
    rendering. Bad input raises :class:`~termx.errors.TermxError`."""
    from termx.extract.candidate_file import read_candidates

    gold_list = load_gold(gold)
    return evaluate(read_candidates(candidates), gold_list, k), gold_list


def evaluate(candidates: Sequence[TermPair], gold: Gold, k: int = 60) -> EvalReport:
    """Score a ranked candidate list (file order = rank) against a gold list."""
    if k < 1:
        raise TermxError(f"K must be at least 1, got {k}")
    index = _GoldIndex.build(gold.pairs)
    keys = [(match_key(c.zh), _en_keys(c)) for c in candidates]

    first_rank: dict[GoldPair, tuple[int, TermPair]] = {}
    top: list[RankedCandidate] = []
    for rank, (candidate, (zh_key, en_keys)) in enumerate(zip(candidates, keys, strict=True), 1):
        matched = index.matches(zh_key, en_keys)
        for pair in matched:
            first_rank.setdefault(pair, (rank, candidate))
        if rank <= k:
            top.append(RankedCandidate(rank, candidate, _first_match(matched)))

    hits = tuple(GoldHit(pair, *first_rank.get(pair, (None, None))) for pair in gold.required)
    tiers = tuple(
        _tier_score(tier, [hit for hit in hits if hit.gold.tier == tier], k)
        for tier in gold.tiers
        if tier != OK_TIER
    )
    overall = _tier_score(ALL_TIERS, list(hits), k)
    correct, offered, wrong = _pairing(candidates, keys, index)
    return EvalReport(
        k=k,
        candidates=len(candidates),
        gold_pairs=len(hits),
        acceptable_pairs=len(gold.pairs) - len(hits),
        tiers=tiers,
        overall=overall,
        precision_correct=sum(item.match is not None for item in top),
        precision_total=len(top),
        pairing_offered=offered,
        pairing_correct=correct,
        hits=hits,
        wrong_pairings=wrong,
        top=tuple(top),
    )


def _tier_score(tier: str, hits: list[GoldHit], k: int) -> TierScore:
    found = [hit for hit in hits if hit.rank is not None]
    at_k = [hit for hit in found if hit.rank is not None and hit.rank <= k]
    return TierScore(tier, len(hits), len(found), len(at_k))


def _pairing(
    candidates: Sequence[TermPair], keys: list[tuple[str, frozenset[str]]], index: _GoldIndex
) -> tuple[int, int, tuple[WrongPairing, ...]]:
    best: dict[str, int] = {}  # gold zh key -> rank (0-based) of its best-ranked candidate
    for position, (zh_key, _) in enumerate(keys):
        if zh_key in index.by_zh:
            best.setdefault(zh_key, position)
    correct = 0
    wrong: list[WrongPairing] = []
    for zh_key, position in sorted(best.items(), key=lambda item: item[1]):
        accepted = index.by_zh[zh_key]
        english = frozenset().union(*(en_keys for en_keys, _ in accepted))
        if keys[position][1] & english:
            correct += 1
            continue
        correct_rank = next(
            (rank for rank, (zh, en) in enumerate(keys, start=1) if zh == zh_key and en & english),
            None,
        )
        surface = accepted[0][1]
        expected = tuple(dict.fromkeys(alt for _, pair in accepted for alt in pair.en))
        wrong.append(
            WrongPairing(surface.zh, expected, candidates[position], position + 1, correct_rank)
        )
    return correct, len(best), tuple(wrong)
