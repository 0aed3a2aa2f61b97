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
