"""Speed work on scoring (issue 14): the cached acronym letters, the exact pruning."""

from __future__ import annotations

_TERMS = ["上海合作组织", "世界卫生组织", "中东呼吸综合征", "严重急性呼吸系统综合征", "新冠病毒"]


def test_cached_part_letters_spell_what_the_parts_spell() -> None:
    from termx.extract.corpus import Analyser
    from termx.extract.evidence import acronym

    analyser = Analyser()
    senses = analyser.params.acronym_main_senses
    for text in _TERMS:
        alone = acronym.initials(text, analyser.cedict.phrases, analyser.cedict.max_len, senses)
        assert analyser._spelled(text) == alone
        assert list(analyser._spelled(text).items()) == list(alone.items())
    assert analyser._spelled("世界卫生组织").get("who")


def test_learned_words_spell_in_an_extended_analyser() -> None:
    """An extended Analyser takes over the letters of the parts the learned words leave
    alone, and spells with the new glosses of the others, as a fresh one would."""
    from termx.extract.corpus import Analyser

    learned = {"组织": ("Zeta Organisation",), "合作": ("Kappa cooperation",)}
    old = Analyser()
    for text in _TERMS:
        old._spelled(text)
    extended = old.extended(learned)
    fresh = Analyser(learned=learned)
    for text in _TERMS:
        assert list(extended._spelled(text).items()) == list(fresh._spelled(text).items())
    assert extended._spelled("上海合作组织") != old._spelled("上海合作组织")


def _all_readings(zh, en, params):  # type: ignore[no-untyped-def]
    """``dictionary.match`` without its shortcut: every reading worked out, the heaviest
    (the first of equal ones) taken."""
    from termx.extract.evidence import dictionary

    proposals = _proposals(zh, en, params)
    if not proposals:
        return []
    coarse = dictionary._choose(zh, proposals, True, True)
    readings = [coarse, dictionary._choose(zh, proposals, False, True)]
    longer = {p: v for p, v in proposals.items() if p[1] - p[0] > 1}
    parts = dictionary._choose(zh, longer, False, False)
    if dictionary._chars(coarse) <= dictionary._chars(parts):
        readings.append(parts)
    return dictionary._links(max(readings, key=lambda chosen: sum(c[3] for c in chosen)))


def _proposals(zh, en, params):  # type: ignore[no-untyped-def]
    from termx.extract.evidence import dictionary

    matched: dict = {}
    sizes: dict = {}
    for index, key in enumerate(en.keys):
        spans = zh.glosses.get(key) or dictionary._matches(zh, key, params.negation_min_rest)
        for a, b, sense, size in spans:
            indexes = matched.setdefault((a, b, sense), [])
            if not indexes or indexes[-1] != index:
                indexes.append(index)
            sizes[(a, b, sense)] = size
    proposals: dict = {}
    for (a, b, sense), indexes in matched.items():
        size, count = sizes[(a, b, sense)], len(indexes)
        if (count < -size) if size < 0 else (2 * count < size):
            continue
        weight = min(1.0, count / abs(size))
        for index in indexes:
            old = proposals.get((a, b, index))
            if old is None or weight > old[0]:
                proposals[(a, b, index)] = (weight, sense)
    return proposals


def test_the_dictionary_reading_is_the_heaviest_of_all_readings() -> None:
    """Taking the coarse reading when it explains every English word in full (without the
    two others) gives the links of every counted pair of the tico19 slice unchanged."""
    from conftest import TICO

    from termx.extract.corpus import Analyser, collect
    from termx.extract.evidence import dictionary
    from termx.extract.score import Scorer
    from termx.io import read_pairs

    analyser = Analyser()
    stats = collect(read_pairs(TICO / "pairs.tsv"), analyser)
    scorer = Scorer(stats, analyser)
    shortcut = 0
    for zk, ek in stats.joint:
        zh, en = scorer.zh_term(zk), scorer.en_term(ek)
        found = dictionary.match(zh, en, analyser.params)
        assert found == _all_readings(zh, en, analyser.params), (zk, ek)
        proposals = _proposals(zh, en, analyser.params)
        if len({a - b for a, b, _ in proposals}) > 1 and all(link.weight == 1.0 for link in found):
            shortcut += len(found) == len({index for _, _, index in proposals})
    assert shortcut > 100
