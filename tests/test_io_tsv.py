"""TSV and CSV: header or not, column detection by script or by option, either order."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TICO

from termx.errors import TermxError
from termx.io import ReadOptions, ReadStats, read_pairs

ROWS = [
    ("这些症状已持续多长时间？", "about how long have these symptoms been going on?"),
    ("并伴有发热症状", "and along with a fever"),
    ("上合組織成員國", "SCO member states"),
]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_tsv_without_header_zh_first(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.tsv", "".join(f"{zh}\t{en}\n" for zh, en in ROWS))
    pairs = list(read_pairs(path))
    assert [(p.zh, p.en) for p in pairs] == ROWS
    assert [p.origin.line for p in pairs] == [1, 2, 3]
    assert {p.source for p in pairs} == {"zh"}


def test_tsv_with_header_en_first(tmp_path: Path) -> None:
    text = "English\tChinese\n" + "".join(f"{en}\t{zh}\n" for zh, en in ROWS)
    pairs = list(read_pairs(_write(tmp_path / "p.tsv", text)))
    assert [(p.zh, p.en) for p in pairs] == ROWS
    assert [p.origin.line for p in pairs] == [2, 3, 4]
    assert {p.source for p in pairs} == {"en"}


def test_chinese_header_names_are_a_header(tmp_path: Path) -> None:
    text = "中文\t英文\n" + "".join(f"{zh}\t{en}\n" for zh, en in ROWS)
    pairs = list(read_pairs(_write(tmp_path / "p.tsv", text)))
    assert [(p.zh, p.en) for p in pairs] == ROWS


def test_csv_with_quotes_commas_and_extra_columns(tmp_path: Path) -> None:
    text = (
        "id,en,zh,note\n"
        '1,"Fever, cough and fatigue",发热、咳嗽和乏力,a\n'
        '2,"The ""Shanghai Spirit""",“上海精神”,b\n'
        '3,"two\nlines",两行,c\n'
        "4,Peace Mission,和平使命,d\n"
    )
    pairs = list(read_pairs(_write(tmp_path / "p.csv", text)))
    assert [(p.zh, p.en) for p in pairs] == [
        ("发热、咳嗽和乏力", "Fever, cough and fatigue"),
        ("“上海精神”", 'The "Shanghai Spirit"'),
        ("两行", "two lines"),
        ("和平使命", "Peace Mission"),
    ]
    # Origin is the line where the row starts, after the multi-line field too.
    assert [p.origin.line for p in pairs] == [2, 3, 4, 6]


def test_columns_given_by_number_and_by_name(tmp_path: Path) -> None:
    text = "term\tgloss\tother\n" + "".join(f"x\t{en}\t{zh}\n" for zh, en in ROWS)
    path = _write(tmp_path / "p.tsv", text)
    by_number = list(read_pairs(path, options=ReadOptions(zh_col="3", en_col="2")))
    assert [(p.zh, p.en) for p in by_number] == ROWS
    by_name = list(read_pairs(path, options=ReadOptions(zh_col="other", en_col="gloss")))
    assert [(p.zh, p.en) for p in by_name] == ROWS
    with pytest.raises(TermxError, match="--zh-col 'nope': no such column"):
        list(read_pairs(path, options=ReadOptions(zh_col="nope")))
    with pytest.raises(TermxError, match=r"p\.tsv: --zh-col 9: the file has 3 columns"):
        list(read_pairs(path, options=ReadOptions(zh_col="9")))
    with pytest.raises(TermxError, match="--zh-col and --en-col name the same column"):
        list(read_pairs(path, options=ReadOptions(zh_col="2", en_col="gloss")))


def test_rows_missing_a_side_are_counted(tmp_path: Path) -> None:
    text = "上合组织\tSCO\n上海精神\t\n\n\tOnly English\n和平使命\tPeace Mission\n"
    stats = ReadStats()
    pairs = list(read_pairs(_write(tmp_path / "p.tsv", text), stats=stats))
    assert [p.en for p in pairs] == ["SCO", "Peace Mission"]
    assert stats.reasons == {"row without English text": 1, "row without Chinese text": 1}
    assert [s.origin.line for s in stats.skipped] == [2, 4]


def test_single_column_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.tsv", "上合组织\n上海精神\n")
    with pytest.raises(TermxError, match=r"p\.tsv:1: need at least two columns"):
        list(read_pairs(path))


def test_txt_with_tabs_is_read_as_tsv(tmp_path: Path) -> None:
    path = _write(tmp_path / "glossary.txt", "".join(f"{zh}\t{en}\n" for zh, en in ROWS))
    assert [(p.zh, p.en) for p in read_pairs(path)] == ROWS


def test_real_tico19_tsv_matches_tmx() -> None:
    tsv = TICO / "pairs.tsv"
    from_tsv = [(p.zh, p.en) for p in read_pairs(tsv)]
    assert len(from_tsv) == tsv.read_text(encoding="utf-8").count("\n")
    from_tmx = [(p.zh, p.en) for p in read_pairs(tsv.with_suffix(".tmx"))]
    assert from_tsv == from_tmx


def test_termx_output_keeps_its_source_column(tmp_path: Path) -> None:
    text = (
        "zh\ten\tsource\torigin\n发热\tfever\ten\ta.tmx:3\n結束語\tClosing Remarks\tzh\tb.txt:6\n"
    )
    pairs = list(read_pairs(_write(tmp_path / "pairs.tsv", text)))
    assert [(p.zh, p.en, p.source) for p in pairs] == [
        ("发热", "fever", "en"),
        ("結束語", "Closing Remarks", "zh"),
    ]


def test_padded_cells_read_as_their_stripped_text(tmp_path: Path) -> None:
    rows = [
        "  zh \t en \t source ",
        " 上合組織 \t SCO\u00a0\t zh ",
        "\u3000中國(guó)軍隊\u200b\t\x1c Chinese military \x85\t en",
        ' "和平""使命" \t "Peace Mission" ',
        "\t\t",
        "只有中文\t ",
        "中\u2000\tA  B\t",
    ]
    stats = ReadStats()
    path = _write(tmp_path / "padded.tsv", "\n".join(rows) + "\n")
    pairs = [(p.zh, p.en, p.origin.line, p.source) for p in read_pairs(path, stats=stats)]
    assert pairs == [
        ("上合組織", "SCO", 2, "zh"),
        ("中國軍隊", "Chinese military", 3, "en"),
        ('和平"使命', "Peace Mission", 4, "zh"),
        ("中", "A B", 7, "zh"),
    ]
    assert [(s.origin.line, s.text) for s in stats.skipped] == [(6, "只有中文")]
