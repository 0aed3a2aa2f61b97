"""Bilingual documents: block classification, length-based alignment, sentence splits."""

from __future__ import annotations

from pathlib import Path

import pytest

from termx.io import ReadStats, read_inputs, read_pairs
from termx.io.bidoc import (
    align_with_model,
    sentences_en,
    sentences_zh,
    split_blocks,
    split_sentences,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_000 = SEEDS / "000_6adf7f1293395590.txt"
SEED_003 = SEEDS / "003_59acd2985607794a.txt"

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds/ not present")


def _paragraphs(path: Path) -> list[tuple[str, str]]:
    """Pairs merged back into paragraphs (consecutive pairs sharing the English block's line)."""
    merged: dict[int | None, tuple[str, str]] = {}
    for pair in read_pairs(path):
        zh, en = merged.get(pair.origin.line, ("", ""))
        merged[pair.origin.line] = (zh + pair.zh, f"{en} {pair.en}".strip())
    return list(merged.values())


@needs_seeds
def test_seed_000_paragraph_pairs() -> None:
    paragraphs = _paragraphs(SEED_000)
    assert len(paragraphs) == 5
    title, question, answer, first, second = paragraphs
    assert title == (
        "中國軍隊將與上合組織成員國軍隊繼續拓展深化防務領域合作",
        "The Chinese Military Will Work With SCO Member States to Broaden and Deepen Defense "
        "Cooperation",
    )
    assert question[0].startswith("記者:據報道") and question[1].startswith("Question:")
    assert answer[0].startswith("張曉剛:6月25日") and answer[1].startswith("Zhang Xiaogang:")
    assert first[0].startswith("在上合組織建立發展過程中")
    assert first[1].startswith("Throughout the process")
    assert second[0].startswith("團結協作、眾行致遠") and second[1].startswith("United in coop")


@needs_seeds
def test_seed_000_leaves_out_byline_intro_and_debris() -> None:
    stats = ReadStats()
    pairs = list(read_pairs(SEED_000, stats=stats))
    used = " ".join(pair.zh for pair in pairs)
    for unused in ("稿件", "來源", "責任編輯", "6月26日下午", "分享到", "打開微信", "輕觸這里"):
        assert unused not in used
    assert "【雙語】" not in used
    unpaired = {item.origin.line: item for item in stats.skipped}
    # The share-button box (lines 32-34) is three short lines, not a wrapped paragraph.
    assert sorted(unpaired) == [1, 3, 9, 27, 29, 32, 33]
    assert all(
        item.lang == "zh" and "no English counterpart" in item.reason for item in unpaired.values()
    )
    assert unpaired[3].text.startswith("來源:國防部網 責任編輯")


@needs_seeds
def test_seed_003_two_chinese_then_two_english() -> None:
    paragraphs = _paragraphs(SEED_003)
    assert [zh[:6] for zh, _ in paragraphs] == [
        "中國積極開展",
        "結束語",
        "和平是各國人",
        "新時代的中國",
    ]
    assert [en[:12] for _, en in paragraphs] == [
        "China is act",
        "Closing Rema",
        "Peace is an ",
        "Guided by Xi",
    ]
    assert paragraphs[1] == ("結束語", "Closing Remarks")


@needs_seeds
def test_seeds_directory_gives_nine_paragraphs_without_annotations() -> None:
    stats = ReadStats()
    pairs = list(read_inputs([SEEDS], stats=stats))
    assert len({(p.origin.path, p.origin.line) for p in pairs}) == 9
    for pair in pairs:
        assert "(" not in pair.zh or "(QCCM)" in pair.zh
        assert pair.source == "zh"
    # Sentence splits happen only where both sides agree: the question is two sentence pairs.
    question = [p for p in pairs if p.origin.line == 13 and "000_" in p.origin.path]
    assert [p.en[:10] for p in question] == ["Question: ", "Please bri"]
    assert question[1].zh == "請介紹中國軍隊參與上合組織防務安全合作情況。"


def test_blocks_by_blank_lines_and_by_script() -> None:
    lines = enumerate(
        [
            "標題",
            "",
            "第一段第一行,",
            "第一段第二行。",
            "First paragraph, wrapped",
            "over two lines.",
            "",
            "2025-06-26",
        ],
        start=1,
    )
    blocks = split_blocks(lines)
    assert [(b.line, b.lang, b.text) for b in blocks] == [
        (1, "zh", "標題"),
        (3, "zh", "第一段第一行,第一段第二行。"),
        (5, "en", "First paragraph, wrapped over two lines."),
        (8, None, "2025-06-26"),
    ]


def test_one_paragraph_per_line_without_blank_lines() -> None:
    blocks = split_blocks(enumerate(["結束語", "和平是共同愿望。", "Closing Remarks", ""], start=1))
    assert [(b.line, b.lang) for b in blocks] == [(1, "zh"), (2, "zh"), (3, "en")]


def test_lines_that_end_sentences_or_are_short_are_not_joined() -> None:
    lines = [
        "",
        "結束語",
        "和平是各國人民的共同愿望。",
        "發展是人類社會的永恒主題。",
        "",
        "Closing Remarks",
    ]
    blocks = split_blocks(enumerate(lines, start=1))
    assert [b.text for b in blocks] == [
        "結束語",
        "和平是各國人民的共同愿望。",
        "發展是人類社會的永恒主題。",
        "Closing Remarks",
    ]


def test_mixed_script_lines_are_classified_by_weight() -> None:
    blocks = split_blocks(
        enumerate(
            [
                "張曉剛:6月25日至26日,SCO成員國國防部長會議在青島舉行。",
                "Zhang Xiaogang (張曉剛): The SCO meeting is held in Qingdao from June 25 to 26.",
            ],
            start=1,
        )
    )
    assert [b.lang for b in blocks] == ["zh", "en"]


def test_english_first_document_and_a_long_unmatched_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "en_first.txt"
    path.write_text(
        "Shared by 3 readers\n\n"
        "Wash your hands often with soap and water for at least 20 seconds.\n\n"
        "经常用肥皂和水洗手至少20秒。\n\n"
        "Avoid close contact with people who are sick, and stay home when you are ill.\n\n"
        "避免与患者密切接触，生病时请待在家中。\n\n"
        "Related: how the virus spreads\n",
        encoding="utf-8",
    )
    stats = ReadStats()
    pairs = list(read_pairs(path, stats=stats))
    assert [(p.zh[:4], p.en[:10]) for p in pairs] == [
        ("经常用肥", "Wash your "),
        ("避免与患", "Avoid clos"),
    ]
    assert {item.origin.line for item in stats.skipped} == {1, 11}
    assert {item.reason for item in stats.skipped} == {
        "no Chinese counterpart by length and position"
    }


def test_one_language_only_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "zh_only.txt"
    path.write_text("上海合作組織成員國國防部長會議在青島舉行。\n", encoding="utf-8")
    stats = ReadStats()
    assert list(read_pairs(path, stats=stats)) == []
    assert stats.reasons == {"no English text in the document": 1}


def test_sentence_splitting_rules() -> None:
    assert sentences_zh("他說:“好。”我們走吧!真的嗎?") == ["他說:“好。”", "我們走吧!", "真的嗎?"]
    assert sentences_en('Mr. Dong spoke. The U.S. side agreed. "Yes," he said.') == [
        "Mr. Dong spoke.",
        "The U.S. side agreed.",
        '"Yes," he said.',
    ]


def test_sentences_split_only_when_counts_and_lengths_agree() -> None:
    zh = "和平是各國人民的共同愿望。中國將堅持走和平發展道路。"
    en = "Peace is an aspiration for all peoples. China will remain committed to peace."
    assert split_sentences(zh, en) == [
        ("和平是各國人民的共同愿望。", "Peace is an aspiration for all peoples."),
        ("中國將堅持走和平發展道路。", "China will remain committed to peace."),
    ]
    # Same count, but the English splits elsewhere: the lengths disagree, keep the paragraph.
    long_zh = (
        "面對日益復雜的全球性安全挑戰,面對人類發展在十字路口何去何從的抉擇,"
        "中國堅信安全繁榮應該共享。中國將堅持和平。"
    )
    lopsided = (
        "Faced with challenges. At a crossroads of human development, China firmly believes "
        "that security and prosperity shall be shared and will remain committed to peace."
    )
    assert split_sentences(long_zh, lopsided) == [(long_zh, lopsided)]
    assert split_sentences(zh, "One sentence only.") == [(zh, "One sentence only.")]


def test_translation_split_in_two_paragraphs_is_a_1_2_alignment(tmp_path: Path) -> None:
    path = tmp_path / "split.txt"
    path.write_text(
        "結束語\n\nClosing Remarks\n\n"
        "中國軍隊將與上合組織各成員國軍隊大力弘揚上海精神。"
        "繼續拓展深化防務領域合作,攜手構建更加緊密的上合組織命運共同體。\n\n"
        "The Chinese military will work with militaries of other SCO member states to carry "
        "forward the Shanghai Spirit.\n\n"
        "It will further broaden and deepen defense cooperation and join hands in building a "
        "closer SCO community with a shared future.\n",
        encoding="utf-8",
    )
    stats = ReadStats()
    pairs = list(read_pairs(path, stats=stats))
    assert stats.skipped_count == 0
    # The merged pair then splits into its two sentence pairs, both pointing at line 7.
    assert [(p.zh[:6], p.en[:12], p.origin.line) for p in pairs] == [
        ("結束語", "Closing Rema", 3),
        ("中國軍隊將與", "The Chinese ", 7),
        ("繼續拓展深化", "It will furt", 7),
    ]


@needs_seeds
def test_document_ratio_and_order_are_learnt() -> None:
    blocks = split_blocks(enumerate(SEED_003.read_text(encoding="utf-8").splitlines(), start=1))
    zh = [b for b in blocks if b.lang == "zh"]
    en = [b for b in blocks if b.lang == "en"]
    _, model = align_with_model(zh, en)
    # This translator writes about 5 English characters per Chinese one (tico19: 3.1).
    assert model.first == "zh"
    assert 4.0 < model.ratio < 5.5


def test_banded_alignment_of_a_long_document_equals_the_full_grid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long document is aligned in a band around its own order (linear time): on a document
    built from the seeds' paragraphs, shuffled, with debris, it finds what the full grid finds."""
    import random

    from termx.io import bidoc

    seed_pairs = [(p.zh, p.en) for p in read_inputs([SEEDS])]
    rng = random.Random(3)
    blocks: list[str] = []
    for number in range(90):
        zh, en = rng.choice(seed_pairs)
        blocks += [zh, en] if number % 7 else [zh, "Share", en]
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    full = [(p.zh, p.en) for p in read_pairs(path)]  # 90 blocks a side: the whole grid
    monkeypatch.setattr(bidoc, "_BAND", 20)
    monkeypatch.setattr(bidoc, "_NARROW", 3)
    banded = [(p.zh, p.en) for p in read_pairs(path)]
    assert len(full) >= 90
    assert banded == full
