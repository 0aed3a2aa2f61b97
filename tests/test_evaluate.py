"""termx eval: gold loading, folding for matching, and the figures, on real seed and TICO rows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SEED_GOLD, TICO, run_termx

from termx.errors import TermxError
from termx.extract.candidate_file import save_candidates
from termx.extract.evaluate import (
    OK_TIER,
    UNTIERED,
    GoldPair,
    evaluate,
    find_rank,
    load_gold,
    match_key,
    parse_gold,
)
from termx.model import TermPair

TICO_GOLD = TICO / "gold_terms.tsv"

# Real rows of seed-gold.tsv (core, domain and ok tiers), with its comment style.
GOLD_TEXT = """\
# Columns: tier<TAB>zh<TAB>en. Alternatives are separated by " | ".
core\t上合組織\tSCO
core\t上海合作組織\tSCO
core\t和平使命\tPeace Mission
core\t國防部長會議\tDefense Ministers' Meeting | Defense Minister's Meeting
core\t成員國\tmember states | member state
core\t青年智庫沙龍\tYoung Scholars' Salon
core\t張曉剛\tZhang Xiaogang

domain\t反恐合作\tcounter-terrorism cooperation
domain\t地區安全\tregional security
# Tier "ok": acceptable, not required.
ok\t青島\tQingdao
ok\t中國\tChina
"""


def _pair(zh: str, en: str, score: float = 0.5) -> TermPair:
    return TermPair(zh=zh, en=en, score=score, frequency=1)


# ----------------------------------------------------------------------------- match key


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("上合組織", "上合组织"),  # Traditional vs Simplified
        ("國防部長會議", "国防部长会议"),
        ("Defense Ministers’ Meeting", "Defense Ministers' Meeting"),  # curly vs straight
        ("“Defense Ministers’ Meeting”", "defense minister's meeting"),  # quotes, possessive
        ("Young Scholars’ Salon", "Young Scholars' Salon"),
        ("member states", "Member State"),  # plural s, case
        ("Expert Working Group meetings", "expert working group meeting"),
        ("counter-terrorism cooperation", "Counter Terrorism Cooperation"),  # hyphen vs space
        ("Junior-and-Middle-Level Officers’ Exchange", "junior and middle level officers exchange"),
        ("COVID-19 危机", "COVID-19危機"),
        ("ＳＣＯ", "SCO"),  # full width
        ("viruses", "virus"),
        ("vaccines", "vaccine"),
        ("《上合聲音》", "上合声音"),
    ],
)
def test_match_key_folds_surface_variants(left: str, right: str) -> None:
    assert match_key(left) == match_key(right)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("和平使命", "和平號角"),
        ("Defense Minister", "Defense Ministers' Meeting"),
        ("counter-terrorism", "counter-terrorism cooperation"),
        ("regional security", "regional security issues"),
        ("symptom", "asymptomatic"),
        ("virus", "viral"),
        ("上合組織", "上海合作組織"),
    ],
)
def test_match_key_keeps_different_terms_apart(left: str, right: str) -> None:
    assert match_key(left) != match_key(right)


# ----------------------------------------------------------------------------- gold loading


def test_parse_gold_tiers_alternatives_and_comments() -> None:
    gold = parse_gold(GOLD_TEXT, "seed-gold.tsv")
    assert gold.tiers == ("core", "domain", OK_TIER)
    assert len(gold.pairs) == 11 and len(gold.required) == 9
    meeting = gold.pairs[3]
    assert meeting == GoldPair(
        "國防部長會議", ("Defense Ministers' Meeting", "Defense Minister's Meeting"), "core", 5
    )
    assert gold.pairs[-1].tier == OK_TIER and not gold.pairs[-1].required


def test_parse_gold_two_columns_bom_crlf_header_and_trailing_tabs() -> None:
    text = "\ufeffzh\ten\r\n冠状病毒\tcoronavirus\t\t\r\n\r\n  # note\r\n传播\tspread\r\n"
    gold = parse_gold(text, "g.tsv")
    assert [(p.tier, p.zh, p.en, p.line) for p in gold.pairs] == [
        (UNTIERED, "冠状病毒", ("coronavirus",), 2),
        (UNTIERED, "传播", ("spread",), 5),
    ]


def test_parse_gold_merges_rows_that_fold_to_the_same_pair() -> None:
    gold = parse_gold("疫苗\tvaccine\n疫苗\tvaccines\n疫苗\tvaccination\n", "g.tsv")
    assert [p.en for p in gold.pairs] == [("vaccine",), ("vaccination",)]
    # A required row wins over an ``ok`` duplicate, wherever it comes.
    gold = parse_gold("ok\t青島\tQingdao\ncore\t青岛\tQingdao\n", "g.tsv")
    assert [(p.tier, p.zh) for p in gold.pairs] == [("core", "青岛")]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("core\t上合組織\tSCO\ncore 和平使命 Peace Mission\n", 2, "spaces instead of a tab"),
        ("core\t上合組織\tSCO\tnote\textra\n", 1, "found 5 column"),
        ("# c\ncore\t成員國\tmember states | \n", 2, "empty English"),
        ("core\t\tSCO\n", 1, "empty zh"),
        ("核心\t上合組織\tSCO\n", 1, "tier '核心'"),
        ("SCO\t上合組織\n", 1, "swapped"),
    ],
)
def test_parse_gold_errors_name_file_and_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(TermxError) as caught:
        parse_gold(text, "gold.tsv")
    assert (caught.value.path, caught.value.line) == ("gold.tsv", line)
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"gold.tsv:{line}: ")


def test_load_gold_file_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.tsv"
    empty.write_text("# only a comment\n\n", encoding="utf-8")
    with pytest.raises(TermxError, match="no gold pairs"):
        load_gold(empty)
    big5 = tmp_path / "big5.tsv"
    big5.write_bytes(b"# gold\n" + "上合組織\tSCO\n".encode("big5"))
    with pytest.raises(TermxError, match="UTF-8") as caught:
        load_gold(big5)
    assert caught.value.line == 2
    with pytest.raises(TermxError, match="no such file"):
        load_gold(tmp_path / "missing.tsv")


def test_load_real_seed_gold() -> None:
    gold = load_gold(SEED_GOLD)
    assert gold.tiers == ("core", "domain", OK_TIER)
    rows = [
        line.split("\t")
        for line in SEED_GOLD.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(gold.pairs) == len(rows)
    assert sum(p.tier == "core" for p in gold.pairs) == sum(r[0] == "core" for r in rows)
    meeting = next(p for p in gold.pairs if p.zh == "國防部長會議")
    assert meeting.en == ("Defense Ministers' Meeting", "Defense Minister's Meeting")


def test_load_real_tico_gold_keeps_both_translations_of_a_term() -> None:
    gold = load_gold(TICO_GOLD)
    assert gold.tiers == (UNTIERED,)
    spread = [p.en for p in gold.pairs if p.zh == "传播"]
    assert ("spread",) in spread and ("transmission",) in spread
    keys = [(match_key(p.zh), frozenset(map(match_key, p.en))) for p in gold.pairs]
    assert len(keys) == len(set(keys))  # plural duplicates merged


# ----------------------------------------------------------------------------- figures


def _seed_candidates() -> list[TermPair]:
    # A realistic ranked list: Simplified and Traditional surfaces, curly quotes, plurals,
    # an abbreviation paired with its long form, and general words that are not terms.
    return [
        _pair("上合组织", "SCO", 0.95),  # 1 core (Simplified surface)
        _pair("國防部長會議", "“Defense Ministers’ Meeting”", 0.9),  # 2 core
        _pair("上海合作組織", "Shanghai Cooperation Organization", 0.88),  # 3 wrong pairing
        _pair("合作", "cooperation", 0.8),  # 4 not in gold
        _pair("成員國", "member state", 0.75),  # 5 core, alternative
        _pair("青島", "Qingdao", 0.7),  # 6 ok tier: precision only
        _pair("中國", "Chinese military", 0.6),  # 7 wrong pairing, no right English anywhere
        _pair("反恐合作", "Counter-Terrorism Cooperation", 0.5),  # 8 domain
        _pair("上海合作組織", "SCO", 0.4),  # 9 core, below K=8
        _pair("張曉剛", "Zhang Xiaogang", 0.3),  # 10 core, below K
    ]


def test_evaluate_recall_precision_and_pairing() -> None:
    gold = parse_gold(GOLD_TEXT, "seed-gold.tsv")
    report = evaluate(_seed_candidates(), gold, k=8)

    core = report.tier("core")
    domain = report.tier("domain")
    assert core is not None and domain is not None
    assert (core.total, core.found, core.found_at_k) == (7, 5, 3)
    assert (domain.total, domain.found, domain.found_at_k) == (2, 1, 1)
    assert (report.overall.found, report.overall.total) == (6, 9)
    assert report.overall.recall == pytest.approx(6 / 9)
    assert report.overall.recall_at_k == pytest.approx(4 / 9)
    assert report.tier(OK_TIER) is None  # ok rows never count for recall

    # Ranks 1, 2, 5, 6 (ok) and 8 match a gold pair among the first 8.
    assert (report.precision_correct, report.precision_total) == (5, 8)
    assert [item.rank for item in report.unmatched_top] == [3, 4, 7]

    # Offered gold zh: 上合組織, 國防部長會議, 上海合作組織, 成員國, 青島, 中國, 反恐合作, 張曉剛.
    assert (report.pairing_correct, report.pairing_offered) == (6, 8)
    wrong = {item.zh: item for item in report.wrong_pairings}
    assert set(wrong) == {"上海合作組織", "中國"}
    assert wrong["上海合作組織"].rank == 3 and wrong["上海合作組織"].correct_rank == 9
    assert wrong["中國"].expected == ("China",) and wrong["中國"].correct_rank is None

    assert [(hit.gold.zh, hit.rank) for hit in report.below_k] == [
        ("上海合作組織", 9),
        ("張曉剛", 10),
    ]
    assert [hit.gold.zh for hit in report.missed] == ["和平使命", "青年智庫沙龍", "地區安全"]


def test_evaluate_is_order_sensitive() -> None:
    gold = parse_gold(GOLD_TEXT, "seed-gold.tsv")
    candidates = _seed_candidates()
    best_first = evaluate(candidates, gold, k=8)
    worst_first = evaluate(list(reversed(candidates)), gold, k=8)
    assert best_first.overall.recall == worst_first.overall.recall  # anywhere in the list
    assert [hit.gold.zh for hit in worst_first.below_k] == ["上合組織", "國防部長會議"]
    # Reversed, 上海合作組織's best-ranked English is SCO: its pairing becomes right.
    assert {w.zh for w in worst_first.wrong_pairings} == {"中國"}


def test_evaluate_short_and_empty_lists() -> None:
    gold = parse_gold(GOLD_TEXT, "seed-gold.tsv")
    short = evaluate([_pair("和平使命", "Peace Missions")], gold, k=60)
    assert (short.precision_correct, short.precision_total) == (1, 1)
    assert short.overall.found == 1
    empty = evaluate([], gold, k=60)
    assert empty.precision_at_k is None and empty.pairing_accuracy is None
    assert empty.overall.recall == 0.0 and len(empty.missed) == 9
    with pytest.raises(TermxError, match="at least 1"):
        evaluate([], gold, k=0)


def test_only_ok_rows_gives_no_recall() -> None:
    gold = parse_gold("ok\t青島\tQingdao\n", "g.tsv")
    report = evaluate([_pair("青岛", "Qingdao")], gold)
    assert report.overall.recall is None and report.precision_at_k == 1.0


def test_find_rank_with_alternatives() -> None:
    candidates = _seed_candidates()
    assert find_rank(candidates, "上海合作組織", "SCO") == 9
    assert find_rank(candidates, "國防部長會議", ["Defense Minister's Meeting"]) == 2
    assert find_rank(candidates, "和平使命", "Peace Mission") is None


def test_report_as_dict_is_json_ready() -> None:
    report = evaluate(_seed_candidates(), parse_gold(GOLD_TEXT, "g.tsv"), k=8)
    data = json.loads(json.dumps(report.as_dict(), ensure_ascii=False))
    assert data["precision_correct"] == 5
    assert [t["tier"] for t in data["tiers"]] == ["core", "domain", "all"]
    assert {"tier": "core", "zh": "和平使命", "en": ["Peace Mission"], "line": 4} in data["missed"]
    assert data["wrong_pairings"][0]["found_en"] == "Shanghai Cooperation Organization"


def test_tico_pairing_accepts_any_gold_english() -> None:
    gold = load_gold(TICO_GOLD)
    candidates = [
        _pair("传播", "transmission"),
        _pair("傳播", "spread"),  # same term, Traditional: not its best-ranked English
        _pair("口罩", "face masks"),
        _pair("发热", "high"),  # the co-occurrence error design.md mentions
        _pair("發熱", "fever"),
    ]
    report = evaluate(candidates, gold, k=5)
    assert (report.pairing_correct, report.pairing_offered) == (2, 3)
    assert [(w.zh, w.candidate.en, w.correct_rank) for w in report.wrong_pairings] == [
        ("发热", "high", 5)
    ]
    found = {(hit.gold.zh, hit.gold.en) for hit in report.hits if hit.rank is not None}
    assert {("传播", ("transmission",)), ("传播", ("spread",)), ("发热", ("fever",))} <= found


# ----------------------------------------------------------------------------- end to end


def test_cli_eval_text_json_and_fail_under(tmp_path: Path) -> None:
    gold = tmp_path / "gold.tsv"
    gold.write_text(GOLD_TEXT, encoding="utf-8")
    candidates = tmp_path / "candidates.tsv"
    save_candidates(_seed_candidates(), candidates)

    text = run_termx("eval", candidates, "--gold", gold, "--top", "8", "--show-missed")
    assert text.exit_code == 0, text.stderr
    assert "precision@8" in text.stdout and "5/8" in text.stdout
    assert "和平使命" in text.stdout and "Shanghai Cooperation Organization" in text.stdout

    as_json = run_termx("eval", candidates, "--gold", gold, "-n", "8", "--format", "json")
    data = json.loads(as_json.stdout)
    assert data["recall"] == pytest.approx(6 / 9) and data["k"] == 8

    failing = run_termx("eval", candidates, "--gold", gold, "--fail-under", "0.9")
    assert failing.exit_code == 1
    # -g is a glossary in every command: eval's gold list has no short form.
    assert run_termx("eval", candidates, "-g", gold).exit_code == 2


def test_cli_eval_bad_gold_is_one_line_exit_2(tmp_path: Path) -> None:
    gold = tmp_path / "gold.tsv"
    gold.write_text("core\t上合組織\tSCO\ncore 和平使命 Peace Mission\n", encoding="utf-8")
    candidates = tmp_path / "c.tsv"
    save_candidates(_seed_candidates(), candidates)
    result = run_termx("eval", candidates, "--gold", gold)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"termx: error: {gold}:2: expected zh<TAB>en")
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


# ----------------------------------------------------------------------------- quality bench


def test_quality_bench_on_given_candidate_files(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds.tsv"
    save_candidates(_seed_candidates(), seeds)
    tico = tmp_path / "tico.tsv"
    save_candidates(
        [_pair("冠状病毒", "coronavirus"), _pair("发热", "high"), _pair("發熱", "fever")], tico
    )
    # A real subprocess: the bench is a script run as one (it reads ../shared's gold lists).
    bench = REPO / "bench" / "quality.py"
    args = [sys.executable, str(bench), "--seeds-candidates", str(seeds)]
    args += ["--tico-candidates", str(tico), "--json"]
    result = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    figures = {(f["data"], f["figure"]): f for f in data["figures"]}
    assert figures[("seeds", "precision@60")]["count"] == "7/10"  # ranks 1,2,5,6,8,9,10
    assert figures[("tico19-dev", "pairing accuracy")]["count"] == "1/2"
    assert figures[("tico19-dev", "precision@60")]["value"] is None
    ranks = {(m["zh"], m["en"]): m["rank"] for m in data["must_have"]}
    assert ranks[("上合組織", "SCO")] == 1 and ranks[("上海合作組織", "SCO")] == 9
    assert ranks[("和平使命", "Peace Mission")] is None
    strict = subprocess.run([*args, "--strict"], capture_output=True, text=True, timeout=60)
    assert strict.returncode == 1
