"""Extraction on real text: evidence functions, candidate boundaries, and the seeds end to end."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SEEDS, run_termx

from termx.extract import ExtractOptions, extract
from termx.extract.analysis.en import analyse as en_analyse
from termx.extract.analysis.zh import analyse as zh_analyse
from termx.extract.candidates.en import definitions, en_candidates
from termx.extract.candidates.zh import zh_candidates
from termx.extract.corpus import Analyser, Memo, Stats
from termx.extract.evidence import PairContext, acronym, dictionary, translit
from termx.extract.evidence.base import EnTerm, ZhTerm
from termx.extract.params import ScoringParams
from termx.io import read_inputs
from termx.model import Origin, SegmentPair, TermPair
from termx.text import fold

PARAMS = ScoringParams()


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser()


def _pair(analyser: Analyser, zh: str, en: str) -> tuple[ZhTerm, EnTerm]:
    return analyser.zh_term(fold(zh), zh), analyser.en_term(fold(en), en)


def _context(analyser: Analyser, zh: str, en: str) -> PairContext:
    """A pair as the scorer sees it, with no corpus counts."""
    return PairContext(*_pair(analyser, zh, en), Stats(), analyser, PARAMS)


def test_dictionary_explains_peace_mission(analyser: Analyser) -> None:
    ctx = _context(analyser, "和平使命", "Peace Mission")
    found = dictionary.links(ctx)
    assert {ctx.en.words[link.en_index] for link in found} == {"Peace", "Mission"}
    said = dictionary.evidence(replace(ctx, links=tuple(found)), [])
    assert said is not None and said.shown[0].reason == "和平→Peace 使命→Mission"


def test_dictionary_does_not_explain_an_unrelated_pair(analyser: Analyser) -> None:
    zh, en = _pair(analyser, "和平使命", "Working Group")
    assert dictionary.match(zh, en, PARAMS) == []


def test_dictionary_needs_the_whole_name_not_one_of_its_words(analyser: Analyser) -> None:
    # 上合组织 glosses as "Shanghai Cooperation Organisation": "cooperation" alone is not it.
    zh, en = _pair(analyser, "上合組織", "cooperation")
    assert dictionary.match(zh, en, PARAMS) == []
    zh, en = _pair(analyser, "上合組織", "SCO")
    assert len(dictionary.match(zh, en, PARAMS)) == 1


def test_transliteration_of_a_name_in_traditional_script(analyser: Analyser) -> None:
    zh, en = _pair(analyser, "張曉剛", "Zhang Xiaogang")
    found = translit.match(zh, en)
    assert {en.words[link.en_index] for link in found} == {"Zhang", "Xiaogang"}
    zh, en = _pair(analyser, "張曉剛", "Dong Jun")
    assert translit.match(zh, en) == []


def test_surname_reading_table() -> None:
    assert "zengguofan" in translit.romanisations("曾国藩")


def test_acronym_spelled_by_the_glosses(analyser: Analyser) -> None:
    # 上海 Shanghai + 合作 cooperation + 组织 organization → SCO, whatever CEDICT says of the whole.
    assert "sco" in acronym.initials(
        "上海合作组织", analyser.phrases, analyser.cedict.max_len, PARAMS.acronym_main_senses
    )
    ctx = _context(analyser, "上海合作組織", "SCO")
    found = acronym.links(ctx)
    said = acronym.evidence(replace(ctx, links=tuple(found)), [])
    assert found and said is not None and said.shown[0].reason.startswith("SCO = ")
    assert acronym.links(_context(analyser, "和平使命", "SCO")) == []


def test_acronym_definition_in_english_text() -> None:
    text = "the Quadrilateral Cooperation and Coordination Mechanism (QCCM), a mechanism"
    assert definitions(text) == [("QCCM", "Quadrilateral Cooperation and Coordination Mechanism")]


def test_english_candidates_drop_articles_and_stop_at_punctuation() -> None:
    text = "We hosted the “Peace Mission” joint exercise, the Expert Working Group meetings."
    surfaces = {c.surface for c in en_candidates(text, en_analyse(text))}
    assert {"Peace Mission", "joint exercise", "Expert Working Group meetings"} <= surfaces
    assert not any(s.lower().startswith("the ") for s in surfaces)
    assert not any("," in s for s in surfaces)


def test_english_candidates_keep_names_with_prepositions() -> None:
    text = (
        "China held the SCO Seminar for Senior-Level Officers and the Chiefs of General Staff "
        "Meeting."
    )
    surfaces = {c.surface for c in en_candidates(text, en_analyse(text))}
    assert {"Seminar for Senior-Level Officers", "Chiefs of General Staff Meeting"} <= surfaces


def test_quoted_names_and_quoted_claims() -> None:
    texts = [
        'Chinese clinical trials claimed to show favipiravir was "clearly effective".',
        "the “Peace Mission” joint exercise and the “SCO+” Young Scholars’ Salon",
    ]
    kinds = {c.surface: c.kind for text in texts for c in en_candidates(text, en_analyse(text))}
    assert kinds["clearly effective"] == "quoted"  # a claim, not a name
    assert kinds["Peace Mission"] == kinds["SCO+"] == "quote"
    text = "to build a “community with a shared future for mankind” and “Made in China 2025”"
    kinds = {c.surface: c.kind for c in en_candidates(text, en_analyse(text))}
    assert kinds["community with a shared future for mankind"] == "quote"
    assert kinds["Made in China 2025"] == "quote"


def test_chinese_candidates_cross_quotes_but_not_punctuation() -> None:
    text = "主辦以反恐為主題的“長城”國際論壇,積極參與全球反恐論壇。"
    surfaces = {c.surface for c in zh_candidates(text, zh_analyse(text))}
    assert {"長城國際論壇", "全球反恐論壇", "長城"} <= surfaces
    assert not any("," in s or "。" in s for s in surfaces)


def test_dictionary_reads_the_parts_of_a_word_that_glosses_otherwise(analyser: Analyser) -> None:
    # CEDICT glosses the word 病毒感染 "viral infection"; its parts say "virus" and "infection".
    zh, en = _pair(analyser, "病毒感染", "virus infection")
    assert {en.words[link.en_index] for link in dictionary.match(zh, en, PARAMS)} == {
        "virus",
        "infection",
    }
    # A lone character inside a word does not get the same licence: 中 is not "Chinese" in
    # 中华民族 (the "Chinese" here belongs to 中国梦, outside the term).
    # Nor may the parts explain less of the Chinese than the whole word: 成员 → "member" leaves
    # 国 unexplained, where 成员国 ("member country") explains it all.
    zh, en = _pair(analyser, "成員國", "member states")
    assert [zh.text[link.zh_start : link.zh_end] for link in dictionary.match(zh, en, PARAMS)] == [
        "成员国"
    ]


def test_content_words_jieba_tags_as_pronouns_still_make_terms() -> None:
    # jieba tags 多边 (multilateral) "r" like a pronoun; 这些 really is one.
    text = "積極參與亞太經合組織反恐工作組、全球反恐論壇等多邊反恐機制。這些機制"
    tags = {t.text: t.pos for t in zh_analyse(text)}
    assert tags["多边"] != "r" and tags["这些"] == "r"
    surfaces = {c.surface for c in zh_candidates(text, zh_analyse(text))}
    assert "多邊反恐機制" in surfaces and "這些機制" not in surfaces
    for text in ("采取一切措施", "如何防控疫情"):  # 一切, 如何: a pronoun, a question word
        surfaces = {c.surface for c in zh_candidates(text, zh_analyse(text))}
        assert not any(s.startswith(("一切", "如何")) for s in surfaces)


def test_a_descriptive_adjective_in_front_makes_a_free_phrase() -> None:
    text = "和平發展是永恒主題"
    kinds = {c.surface: c.kind for c in zh_candidates(text, zh_analyse(text))}
    assert kinds["永恒主題"] == "modified" and kinds["和平發展"] == "phrase"


def test_chinese_candidates_keep_latin_terms() -> None:
    text = "COVID-19 危机已持续数月"
    surfaces = {c.surface for c in zh_candidates(text, zh_analyse(text))}
    assert "COVID-19 危机" in surfaces


@pytest.fixture(scope="module")
def seed_result():  # type: ignore[no-untyped-def]
    return extract(read_inputs([str(SEEDS)]))


def _rank(result, zh: str, en: str) -> int | None:  # type: ignore[no-untyped-def]
    for rank, pair in enumerate(result, 1):
        if fold(pair.zh) == fold(zh) and fold(pair.en) == fold(en):
            return rank
    return None


def test_seeds_end_to_end_finds_the_key_pairs(seed_result) -> None:  # type: ignore[no-untyped-def]
    for zh, en in [
        ("上合組織", "SCO"),
        ("上海合作組織", "SCO"),
        ("和平使命", "Peace Mission"),
        ("張曉剛", "Zhang Xiaogang"),
        ("上海精神", "Shanghai Spirit"),
        ("人類命運共同體", "community with a shared future for mankind"),
    ]:
        rank = _rank(seed_result, zh, en)
        assert rank is not None and rank <= 30, (zh, en, rank)


def test_seed_pairs_show_surface_forms_and_evidence(seed_result) -> None:  # type: ignore[no-untyped-def]
    top = seed_result[0]
    assert 0.0 < top.score <= 1.0 and top.frequency >= 1 and top.examples and top.evidence
    assert all(a.score >= b.score for a, b in itertools.pairwise(seed_result))
    # Traditional surface as written in the seeds, not the Simplified analysis form.
    assert any(pair.zh == "上合組織" for pair in seed_result)


def test_same_input_same_output_whatever_the_hash_seed(seed_result, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A real subprocess: the hash seed is fixed when the interpreter starts. Its seed (0: no
    # randomisation) differs from this process's (random, or a fixed one pytest was given).
    import os
    import subprocess
    import sys

    from termx.extract.candidate_file import save_candidates

    assert os.environ.get("PYTHONHASHSEED") != "0"
    here, there = tmp_path / "here.tsv", tmp_path / "there.tsv"
    save_candidates(seed_result, here, "tsv")
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    command = [sys.executable, "-m", "termx", "extract", str(SEEDS), "-q", "-o", str(there)]
    subprocess.run(command, check=True, env=env)
    assert there.read_bytes() == here.read_bytes()
    assert here.read_bytes().startswith(b"zh\ten\tscore\tfrequency\tevidence\texample")


# A toy signal, written as a new evidence module would be: the whole of "adding a signal" is
# this file plus one entry in the SIGNALS tuple (here passed in through ExtractOptions).
TOY_SIGNAL = """
from termx.extract.evidence.base import Contribution
from termx.model import Evidence

NAME = "toy"


def links(ctx):
    return []


def opens(ctx):
    return False


def evidence(ctx, earlier):
    if ctx.en.surface.isupper():  # an all-capitals English: SCO, RATS
        found = Evidence(NAME, 0.5, "written in capitals")
        return Contribution(shown=(found,), support=(found,))
    return None
"""


def test_a_new_signal_is_one_module_and_one_registry_line(
    tmp_path: Path, seed_result: list[TermPair], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    from termx.extract.evidence import SIGNALS

    (tmp_path / "toy_signal.py").write_text(TOY_SIGNAL, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    toy = importlib.import_module("toy_signal")
    result = extract(read_inputs([str(SEEDS)]), ExtractOptions(signals=(*SIGNALS, toy)))
    shown = {(p.zh, p.en): p for p in result}
    before = {(p.zh, p.en): p for p in seed_result}
    capitals = [key for key in shown if key[1].isupper()]
    assert capitals and all(any(e.kind == "toy" for e in shown[key].evidence) for key in capitals)
    assert not any(e.kind == "toy" for p in result if not p.en.isupper() for e in p.evidence)
    # Its support enters the score: an all-capitals pair scores higher than without it.
    sco = ("上合組織", "SCO")
    assert shown[sco].score > before[sco].score


def test_changed_parameters_change_the_ranking_in_every_process(
    seed_result: list[TermPair],
) -> None:
    # Headings are found in the worker processes: the parameters must reach them.
    assert any(e.kind == "heading" for p in seed_result for e in p.evidence)
    params = replace(ScoringParams(), heading_max_words=0, lexical_weight=0.3)
    result = extract(read_inputs([str(SEEDS)]), ExtractOptions(jobs=2, params=params))
    assert not any(e.kind == "heading" for p in result for e in p.evidence)
    order = [(p.zh, p.en) for p in result]
    assert order != [(p.zh, p.en) for p in seed_result]
    # A pair explained by the dictionary alone scores lower with a lower lexical weight.
    before = {(p.zh, p.en): p.score for p in seed_result}
    lexical_only = [
        p
        for p in result
        if {e.kind for e in p.evidence} <= {"dictionary", "cooc", "coverage"}
        and (p.zh, p.en) in before
    ]
    assert lexical_only and all(p.score < before[(p.zh, p.en)] for p in lexical_only[:20])


def test_cli_extract_with_a_glossary_leaves_its_decisions_out(tmp_path: Path) -> None:
    glossary = tmp_path / "g.tsv"
    glossary.write_text("zh\ten\tstatus\n上合组织\tSCO\trejected\n", encoding="utf-8")
    out = tmp_path / "c.json"
    run = run_termx("extract", SEEDS, "-g", glossary, "-o", out, "-q")
    assert run.exit_code == 0, run.stderr
    pairs = {(p["zh"], p["en"]) for p in json.loads(out.read_text(encoding="utf-8"))}
    assert ("上合組織", "SCO") not in pairs and ("張曉剛", "Zhang Xiaogang") in pairs


def test_the_public_extract_is_the_function_not_the_package() -> None:
    import termx.extract.corpus  # noqa: F401 (imports the package termx.extract first)
    from termx import extract as public

    assert public is extract and callable(public)


# ------------------------------------------------------------------------ start-up caches


def test_cache_rebuilds_when_corrupted_or_keyed_otherwise(tmp_path, monkeypatch) -> None:
    from termx.extract import cache

    monkeypatch.setenv("TERMX_CACHE_DIR", str(tmp_path))
    builds: list[int] = []

    def build() -> dict[str, tuple[int, ...]]:
        builds.append(1)
        return {"隔离": (1, 2), "口罩": (3,)}

    assert cache.cached("t", "v1", build) == {"隔离": (1, 2), "口罩": (3,)}
    assert cache.cached("t", "v1", build) == {"隔离": (1, 2), "口罩": (3,)}
    assert len(builds) == 1  # the second call read the file
    stored = tmp_path / "t.bin"
    data = bytearray(stored.read_bytes())
    data[-3] ^= 0xFF  # one flipped byte in the payload
    stored.write_bytes(bytes(data))
    assert cache.cached("t", "v1", build) == {"隔离": (1, 2), "口罩": (3,)}
    assert len(builds) == 2  # ignored and rebuilt
    stored.write_bytes(stored.read_bytes()[:20])  # truncated
    assert cache.cached("t", "v1", build) == {"隔离": (1, 2), "口罩": (3,)}
    assert cache.cached("t", "v2", build) == {"隔离": (1, 2), "口罩": (3,)}
    assert len(builds) == 4  # another key (a new package version) rebuilds
    assert not [p for p in tmp_path.iterdir() if p.name != "t.bin"]  # no temp files left


def test_cached_cedict_is_the_parsed_one(tmp_path, monkeypatch) -> None:
    from termx.extract import cedict

    monkeypatch.setenv("TERMX_CACHE_DIR", str(tmp_path))
    cedict.load.cache_clear()
    try:
        built = cedict.load()  # parses and writes the cache
        assert (tmp_path / "cedict.bin").stat().st_size > 1_000_000
        cedict.load.cache_clear()
        cached = cedict.load()  # reads it
    finally:
        cedict.load.cache_clear()
    assert cached.definitions == built.definitions and cached.max_len == built.max_len
    assert cached.surnames == built.surnames and cached.proper == built.proper
    fresh = {w[:i] for w in built.definitions for i in range(1, len(w) + 1)}
    assert cached.prefixes == fresh
    extended = cached.with_entries({"接种点位": ("vaccination site",)})
    assert "接种点位" in extended.prefixes and "接种点位" not in cached.prefixes
    assert extended.phrases("接种点位") == ("vaccination site",)


# ------------------------------------------------------------------------ scale


def test_an_overlong_segment_is_refused_naming_the_limit(tmp_path: Path) -> None:
    # An unsegmented document (one line: 240,000 characters of Chinese, over spaCy's own
    # 1,000,000 on the English side): refused before any analysis, never a hang or a trace.
    corpus = tmp_path / "document.tsv"
    zh = "新型冠状病毒肺炎疫情防控工作。" * 16_000
    en = "Prevention and control of the COVID-19 epidemic. " * 21_000
    corpus.write_text(f"口罩\tmask\n{zh}\t{en}\n", encoding="utf-8")
    out = tmp_path / "out.tsv"
    run = run_termx("extract", corpus, "-o", out)
    assert run.exit_code == 2
    assert f"{corpus}:2: a segment of {len(en.strip()):,} characters" in run.stderr
    assert "at most 10,000 characters" in run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_segments_at_the_limit_are_taken() -> None:
    from termx.extract import MAX_SEGMENT_CHARS
    from termx.extract.corpus import _bounded
    from termx.model import Origin, SegmentPair

    fits = SegmentPair("病" * MAX_SEGMENT_CHARS, "a" * MAX_SEGMENT_CHARS, Origin("x.tsv", 1))
    assert list(_bounded([fits], MAX_SEGMENT_CHARS)) == [fits]


def test_learning_keeps_the_terms_new_words_cannot_change() -> None:
    # After learn_words, the extended Analyser prepares again only the terms that contain a
    # learned headword; the others are the very objects prepared before learning.
    before = Analyser()
    kept = before.zh_term("上海合作组织", "上海合作组织")
    stale = before.zh_term("冠病检测点", "冠病检测点")
    after = before.extended({"冠病": ("covid",)})
    assert after.zh_term("上海合作组织", "上海合作组织") is kept
    again = after.zh_term("冠病检测点", "冠病检测点")
    assert again is not stale
    assert "covid" in again.glosses and "covid" not in stale.glosses
    assert (
        again.glosses
        == Analyser(learned={"冠病": ("covid",)}).zh_term("冠病检测点", "冠病检测点").glosses
    )
    assert before.extended({}) is before


def test_word_frequencies_are_kept_for_the_next_run(tmp_path, monkeypatch) -> None:
    from wordfreq import zipf_frequency

    from termx.extract import cache

    monkeypatch.setenv("TERMX_CACHE_DIR", str(tmp_path))
    asked: list[tuple[str, str]] = []

    def zipf(text: str, lang: str) -> float:
        asked.append((text, lang))
        return float(zipf_frequency(text, lang))

    first = cache.Lookups("zipf", "wordfreq 1", zipf)
    assert first("quarantine", "en") == zipf_frequency("quarantine", "en")
    assert first("隔离", "zh") == zipf_frequency("隔离", "zh")
    first("隔离", "zh")
    first.save()
    assert len(asked) == 2
    second = cache.Lookups("zipf", "wordfreq 1", zipf)  # the next run
    assert second("隔离", "zh") == zipf_frequency("隔离", "zh") and len(asked) == 2
    assert second("口罩", "zh") == zipf_frequency("口罩", "zh") and len(asked) == 3
    second.save()
    assert cache.Lookups("zipf", "wordfreq 1", zipf)("口罩", "zh") and len(asked) == 3
    # Another wordfreq version: nothing is taken from the old answers.
    assert cache.Lookups("zipf", "wordfreq 2", zipf)("口罩", "zh") and len(asked) == 4


def test_cached_pinyin_is_pypinyins() -> None:
    from termx.extract.corpus import _reading

    for ch in "曾张晓刚绿女A1，、𠀀":
        assert _reading(ch) == translit.reading(ch)
    assert translit.romanisations("张晓刚", _reading) == translit.romanisations("张晓刚")


def test_scoring_in_forked_workers_gives_the_serial_ranking(monkeypatch) -> None:
    from conftest import TICO

    from termx.extract import scoring

    pairs = list(read_inputs([str(TICO / "pairs.tsv")]))[:60]
    serial = extract(pairs, ExtractOptions(jobs=1))
    forks: list[int] = []
    real = scoring._partition

    def partition(found: list[tuple[str, str]], parts: int) -> list[list[int]]:
        tasks = real(found, parts)
        # Every pair in exactly one task, each Chinese key's pairs in one task.
        assert sorted(p for task in tasks for p in task) == list(range(len(found)))
        owner = {found[p][0]: i for i, task in enumerate(tasks) for p in task}
        assert all(owner[found[p][0]] == i for i, task in enumerate(tasks) for p in task)
        forks.append(len(tasks))
        return tasks

    monkeypatch.setattr(scoring, "_MIN_PARALLEL", 100)
    monkeypatch.setattr(scoring, "_partition", partition)
    parallel = extract(pairs, ExtractOptions(jobs=2))
    assert forks and forks[0] > 2  # the forked path ran
    assert parallel == serial and len(serial) > 150


def test_examples_are_the_first_sightings_of_each_pair(analyser: Analyser) -> None:
    """Each counted pair keeps the segment indexes of its first ``samples`` sightings, in
    order, and a segment's text is kept only while one of its pairs still wants it."""
    texts = [
        ("世界卫生组织发布了报告。", "The World Health Organization published a report."),
        ("世界卫生组织召开会议。", "The World Health Organization held a meeting."),
    ]
    texts += [texts[0], texts[0]]  # its pairs seen a second, then a third time
    pairs = [SegmentPair(zh, en, Origin("t.tsv", n)) for n, (zh, en) in enumerate(texts, 1)]
    results = analyser.segments([(p.zh, p.en) for p in pairs])
    stats = Stats(params=analyser.params)
    for index, (pair, result) in enumerate(zip(pairs, results, strict=True)):
        stats.add(index, pair, result, samples=2)
    key = ("世界卫生组织", "world health organization")
    assert stats.joint[key] == 4 and stats.examples.get(key) == [0, 1]
    for counted in stats.joint:
        sightings = [i for i, result in enumerate(results) if counted in result.linked]
        assert stats.examples.get(counted) == sightings[:2]
    assert stats.examples.get(("无", "none"), []) == [] and key in stats.examples
    # Every pair of the last segment had been seen twice already: its text is not kept.
    assert sorted(stats.segment_text) == [0, 1, 2]


def test_a_bounded_memo_keeps_its_newest_entries_and_recomputes_the_others() -> None:
    calls: list[str] = []

    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    memo: Memo[str, str] = Memo(upper, 10)
    for text in ("a", "b", "c", "d"):
        memo(text)
    memo.bound(2)
    assert list(memo.values) == [("c",), ("d",)]
    assert memo("a") == "A" and memo("d") == "D"
    assert calls == ["a", "b", "c", "d", "a"]  # "a" again, "d" still kept
    assert len(memo.values) == 2
