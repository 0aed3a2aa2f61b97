"""The surfaces Stats keeps per key (corpus.py): the surface itself while a key has one,
a count per surface once it has more, with the same surface and counts either way."""

from __future__ import annotations

from termx.extract.corpus import SegmentResult, Stats
from termx.model import Origin, SegmentPair


def _count(stats: Stats, index: int, zh: str, en: tuple[str, str]) -> None:
    result = SegmentResult(
        zh=((zh, zh, "phrase", False),),
        en=((en[0], en[1], "phrase", False),),
        linked=((zh, en[0]),),
        hits=(),
        definitions=(),
    )
    stats.add(index, SegmentPair(zh, en[1], Origin("t.tsv", index + 1)), result, samples=2)


def test_one_surface_is_kept_as_itself_and_more_are_counted() -> None:
    stats = Stats()
    seen = [("Health Ministry", 0), ("health ministry", 1), ("Health Ministry", 2)]
    for surface, index in [*seen, ("Health Ministry", 3)]:
        _count(stats, index, "卫生部", ("health ministry", surface))
    # Three of four sightings as "Health Ministry", one as "health ministry".
    assert stats.en_form_counts("health ministry") == {"Health Ministry": 3, "health ministry": 1}
    assert stats.en_surface("health ministry") == "Health Ministry"
    # The Chinese key was only ever seen one way: the surface stands for all its sightings.
    assert stats.zh_forms["卫生部"] == "卫生部"
    assert stats.zh_surface("卫生部") == "卫生部"
    assert stats.f_zh["卫生部"] == 4


def test_a_second_surface_first_seen_late_keeps_the_earlier_count() -> None:
    stats = Stats()
    for index in range(5):
        _count(stats, index, "世卫组织", ("who", "WHO"))
    assert stats.en_form_counts("who") == {"WHO": 5}
    _count(stats, 5, "世卫组织", ("who", "Who"))
    _count(stats, 6, "世卫组织", ("who", "Who"))
    assert stats.en_form_counts("who") == {"WHO": 5, "Who": 2}
    assert stats.en_surface("who") == "WHO"
    assert sum(stats.en_form_counts("who").values()) == stats.f_en["who"]
