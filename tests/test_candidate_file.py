"""The candidates file: every format round-trips, output is byte-for-byte stable, bad files
fail with the file and line named."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from termx.errors import TermxError
from termx.extract.candidate_file import (
    COLUMNS,
    FORMATS,
    candidates_to_string,
    format_evidence,
    format_from_path,
    parse_evidence,
    parse_origin,
    read_candidates,
    save_candidates,
    write_candidates,
)
from termx.model import Evidence, Origin, TermPair

# Real sentences from seeds/000_6adf7f1293395590.txt (lines 15 and 17), Traditional script.
ZH_15 = (
    "張曉剛:6月25日至26日,上海合作組織成員國國防部長會議在山東青島舉行,"
    "中國國防部長董軍主持會議并發言。"
)
EN_17 = (
    "Zhang Xiaogang: The SCO Defense Ministers' Meeting is held in Qingdao, Shandong Province "
    "from June 25 to 26. China's Defense Minister Admiral Dong Jun presided at the meeting."
)


def _candidates() -> list[TermPair]:
    return [
        TermPair(
            zh="上海合作組織",
            en="SCO",
            score=0.9473,
            frequency=4,
            evidence=(
                Evidence("acronym", 0.95, "SCO = Shanghai Cooperation Organization"),
                Evidence("dictionary", 0.875, "上海→Shanghai 合作→cooperation 组织→organization"),
                Evidence("cooc", 0.4, "3/4"),
            ),
            examples=(
                Origin("seeds/000_6adf7f1293395590.txt", 17),
                Origin("seeds/000_6adf7f1293395590.txt", 25),
            ),
            samples=((ZH_15, EN_17), ("上合組織成員國", "SCO member states")),
        ),
        TermPair(
            zh="國防部長會議",
            en="Defense Ministers’ Meeting",  # curly apostrophe, as in the seed
            score=0.81,
            frequency=2,
            evidence=(Evidence("dictionary", 0.8, "國防→national defense ; 部长→minister"),),
            examples=(Origin("pairs.tmx", unit="tu-12"),),
            samples=(("在“上合聲音”中\t(tab)", 'the "SCO voice"\nsecond line \\ backslash'),),
            variants=("Defense Minister's Meeting", "Defense Ministers | Meeting"),
        ),
        TermPair(zh="張曉剛", en="Zhang Xiaogang", score=0.5, frequency=1),
    ]


def _write(fmt: str, pairs: list[TermPair]) -> str:
    return candidates_to_string(pairs, fmt)


# ----------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_formats_round_trip_every_field(tmp_path: Path, fmt: str) -> None:
    pairs = _candidates()
    path = tmp_path / f"candidates.{fmt}"
    save_candidates(pairs, path)
    assert read_candidates(path) == pairs


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_table_formats_keep_first_example_and_sample(tmp_path: Path, fmt: str) -> None:
    pairs = _candidates()
    path = tmp_path / f"candidates.{fmt}"
    save_candidates(pairs, path)
    back = read_candidates(path)
    assert [(p.zh, p.en, p.frequency) for p in back] == [(p.zh, p.en, p.frequency) for p in pairs]
    assert back[0].score == 0.947  # 3 decimals in the table formats
    assert back[0].examples == (Origin("seeds/000_6adf7f1293395590.txt", 17),)
    assert back[0].samples == ((ZH_15, EN_17),)
    assert back[1].examples == (Origin("pairs.tmx", unit="tu-12"),)
    # Tabs, newlines, quotes and backslashes inside fields survive.
    assert back[1].samples == pairs[1].samples
    assert back[1].en == "Defense Ministers’ Meeting"
    assert [e.kind for e in back[0].evidence] == ["acronym", "dictionary", "cooc"]
    assert back[0].evidence[1].reason == "上海→Shanghai 合作→cooperation 组织→organization"
    # A reason that itself contains " ; " is not split in two.
    assert back[1].evidence == (
        Evidence("dictionary", 0.8, "國防→national defense ; 部长→minister"),
    )
    assert back[2].evidence == () and back[2].examples == () and back[2].samples == ()


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_read_write_is_byte_identical(tmp_path: Path, fmt: str) -> None:
    first = _write(fmt, _candidates())
    path = tmp_path / f"c.{fmt}"
    path.write_text(first, encoding="utf-8", newline="")
    assert _write(fmt, read_candidates(path)) == first


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_deterministic_and_unix_newlines(fmt: str) -> None:
    texts = {_write(fmt, _candidates()) for _ in range(3)}
    assert len(texts) == 1
    text = texts.pop()
    assert "\r" not in text.replace("\\r", "")
    assert not text.startswith("\ufeff")
    assert text.endswith("\n")


def test_tsv_one_candidate_per_line_with_escapes() -> None:
    text = _write("tsv", _candidates())
    lines = text.split("\n")
    assert lines[0] == "\t".join(COLUMNS)
    assert len(lines) == 1 + 3 + 1  # header, three candidates, final empty string
    row = lines[2].split("\t")
    assert len(row) == len(COLUMNS)
    assert row[6] == "在“上合聲音”中\\t(tab)"
    assert row[7] == 'the "SCO voice"\\nsecond line \\\\ backslash'
    first = lines[1].split("\t")
    assert first[2] == "0.947"
    assert first[4].startswith("acronym (0.95): SCO = Shanghai Cooperation Organization ; ")
    assert first[5] == "seeds/000_6adf7f1293395590.txt:17"


def test_csv_quotes_embedded_newlines() -> None:
    text = _write("csv", _candidates())
    assert text.startswith(",".join(COLUMNS) + "\n")
    assert (
        ',在“上合聲音”中\t(tab),"the ""SCO voice""\nsecond line \\ backslash",'
        "Defense Minister's Meeting|Defense Ministers \\| Meeting\n"
    ) in text


def test_traditional_and_simplified_surfaces_are_kept(tmp_path: Path) -> None:
    pairs = [
        TermPair("上合組織", "SCO", 0.9, 3),
        TermPair("上合组织", "SCO", 0.9, 1),
    ]
    for fmt in FORMATS:
        path = tmp_path / f"c.{fmt}"
        save_candidates(pairs, path)
        assert [p.zh for p in read_candidates(path)] == ["上合組織", "上合组织"]


def test_write_to_stream_and_empty_list() -> None:
    import io

    buffer = io.StringIO()
    write_candidates([], buffer, "tsv")
    assert buffer.getvalue() == "\t".join(COLUMNS) + "\n"
    assert candidates_to_string([], "json") == "[]\n"
    assert candidates_to_string([], "jsonl") == ""


# ----------------------------------------------------------------------------- reading leniently


def test_minimal_hand_made_tsv_with_bom_crlf_and_column_order(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_bytes(
        "\ufeffscore\ten\tzh\r\n0.9\tSCO\t上合組織\r\n\r\n0.5\tPeace Mission\t和平使命\r\n".encode()
    )
    pairs = read_candidates(path)
    assert [(p.zh, p.en, p.score) for p in pairs] == [
        ("上合組織", "SCO", 0.9),
        ("和平使命", "Peace Mission", 0.5),
    ]


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("zh\ten\n上合組織\tSCO\n", 1),
        ("上合組織\tSCO\n", 1),
        ("zh\ten\tscore\n上合組織\tSCO\t\n", 2),
    ],
)
def test_a_score_is_required(tmp_path: Path, content: str, line: int) -> None:
    # Review's batch mode and eval rank by it: a list without scores is not read as all 0.0.
    path = tmp_path / "c.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TermxError, match="score") as caught:
        read_candidates(path)
    assert caught.value.line == line


def test_headerless_two_column_list(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("上合組織\tSCO\t0.9\n和平使命\tPeace Mission\t0.5\n", encoding="utf-8")
    assert [(p.zh, p.en) for p in read_candidates(path)] == [
        ("上合組織", "SCO"),
        ("和平使命", "Peace Mission"),
    ]


def test_json_lines_saved_as_json_and_sniffed_extension(tmp_path: Path) -> None:
    jsonl = _write("jsonl", _candidates())
    wrong_name = tmp_path / "c.json"
    wrong_name.write_text(jsonl, encoding="utf-8")
    assert read_candidates(wrong_name) == _candidates()
    no_extension = tmp_path / "candidates"
    no_extension.write_text(_write("json", _candidates()), encoding="utf-8")
    assert read_candidates(no_extension) == _candidates()


def test_format_from_path() -> None:
    assert format_from_path("out/c.CSV") == "csv"
    assert format_from_path("c.jsonl") == "jsonl"
    assert format_from_path("c.json") == "json"
    assert format_from_path("c.xyz") == "tsv"


def test_evidence_and_origin_codecs() -> None:
    items = (Evidence("translit", 1.0, "张晓刚 → zhang xiao gang"), Evidence("cooc", 0.333, ""))
    text = format_evidence(items)
    assert text == "translit (1.00): 张晓刚 → zhang xiao gang ; cooc (0.33):"
    assert parse_evidence(text) == (items[0], Evidence("cooc", 0.33, ""))
    assert parse_evidence("looks good to me") == (Evidence("note", 0.0, "looks good to me"),)
    assert parse_origin("seeds/a.txt:17") == Origin("seeds/a.txt", 17)
    assert parse_origin("dev/pairs.tmx#tu 7") == Origin("dev/pairs.tmx", unit="tu 7")
    assert parse_origin("notes.txt") == Origin("notes.txt")


# ----------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("name", "content", "line", "fragment"),
    [
        ("c.tsv", "zh\ten\tscore\n上合組織\tSCO\t0.9\n和平使命\tPeace Mission\thigh\n", 3, "score"),
        ("c.tsv", "zh\ten\tscore\tfrequency\n上合組織\tSCO\t1\tthree\n", 2, "frequency"),
        ("c.tsv", "zh\ten\tscore\n上合組織\tSCO\t1\n\t和平使命\t1\n", 3, "empty zh"),
        ("c.tsv", "term\ttranslation\n上合組織\tSCO\n", 1, "header"),
        ("c.csv", 'zh,en,score\n上合組織,SCO,1\n和平使命,"Peace\n', 3, "CSV"),
        ("c.jsonl", '{"zh": "上合組織", "en": "SCO", "score": 1}\n{"zh": "和平使命"}\n', 2, "'en'"),
        ("c.jsonl", '{"zh": "上合組織", "en": "SCO", "score": 1}\n{"zh": \n', 2, "invalid JSON"),
        ("c.json", '[\n{"zh": "上合組織", "en": "SCO",}\n]', 2, "invalid JSON"),
    ],
)
def test_bad_files_name_file_and_line(
    tmp_path: Path, name: str, content: str, line: int, fragment: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TermxError) as caught:
        read_candidates(path)
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert fragment in str(caught.value)


def test_json_entry_errors_name_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(
        '[{"zh": "上合組織", "en": "SCO", "score": 1}, {"zh": "和平使命", "en": ""}]', "utf-8"
    )
    with pytest.raises(TermxError, match="candidate 2: field 'en'"):
        read_candidates(path)


def test_not_utf8_missing_and_directory(tmp_path: Path) -> None:
    path = tmp_path / "big5.tsv"
    path.write_bytes(b"zh\ten\tscore\n" + "上合組織\tSCO\t1\n".encode("big5"))
    with pytest.raises(TermxError, match="UTF-8") as caught:
        read_candidates(path)
    assert caught.value.line == 2
    with pytest.raises(TermxError, match="no such file"):
        read_candidates(tmp_path / "absent.tsv")
    with pytest.raises(TermxError, match="directory"):
        read_candidates(tmp_path)
    with pytest.raises(TermxError, match="unknown candidates format"):
        candidates_to_string([], "xlsx")


def test_save_is_atomic_and_keeps_old_file_on_failure(tmp_path: Path) -> None:
    path = tmp_path / "c.tsv"
    save_candidates(_candidates(), path)
    before = path.read_bytes()

    def exploding() -> list[TermPair]:
        raise RuntimeError("extraction died")

    class Boom:
        def __iter__(self):  # type: ignore[no-untyped-def]
            yield _candidates()[0]
            exploding()

    with pytest.raises(RuntimeError):
        save_candidates(Boom(), path)  # type: ignore[arg-type]
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.tsv"]


def test_importing_does_not_load_heavy_modules() -> None:
    code = (
        "import sys, termx.extract.candidate_file; "
        "print('spacy' in sys.modules, 'jieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_failed_rename_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    path = tmp_path / "c.jsonl"
    save_candidates(_candidates()[:1], path)
    before = path.read_bytes()

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(TermxError, match="cannot write: Permission denied") as caught:
        save_candidates(_candidates(), path)
    assert caught.value.path == str(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["c.jsonl"]


def test_a_csv_file_has_the_bom_excel_needs_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "candidates.csv"
    save_candidates(_candidates(), path)
    # Without the BOM, Excel opens the file in the ANSI code page: Chinese as mojibake.
    assert path.read_bytes().startswith(b"\xef\xbb\xbfzh,en,score,")
    # CSV rounds the score and keeps one example (see the TSV tests); the terms come back.
    back = [(pair.zh, pair.en, pair.variants) for pair in read_candidates(path)]
    assert back == [(pair.zh, pair.en, pair.variants) for pair in _candidates()]
    # Text meant for a pipe has none.
    assert candidates_to_string(_candidates(), "csv").startswith("zh,en,score,")
