"""Two parallel plain-text files."""

from __future__ import annotations

from pathlib import Path

import pytest

from termx.errors import TermxError
from termx.io import ReadStats, read_inputs, read_parallel


def test_parallel_lines(tmp_path: Path) -> None:
    zh = tmp_path / "a.zh.txt"
    en = tmp_path / "a.en.txt"
    zh.write_text("和平使命\n\n中國(guó)軍隊\n\n上海精神\n", encoding="utf-8")
    en.write_text("Peace Mission\n\nChinese military\nstray line\nShanghai Spirit\n\n", "utf-8")
    stats = ReadStats()
    pairs = list(read_parallel(zh, en, stats=stats))
    assert [(p.zh, p.en, p.origin.line) for p in pairs] == [
        ("和平使命", "Peace Mission", 1),
        ("中國軍隊", "Chinese military", 3),
        ("上海精神", "Shanghai Spirit", 5),
    ]
    assert pairs[0].origin.path == str(en)
    assert stats.reasons == {"line without Chinese text": 1}
    assert stats.skipped[0].origin.line == 4


def test_different_line_counts_name_both(tmp_path: Path) -> None:
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_text("一\n二\n三\n", encoding="utf-8")
    en.write_text("one\ntwo\n", encoding="utf-8")
    with pytest.raises(TermxError, match=r"zh\.txt has 3 lines, .*en\.txt has 2"):
        next(read_parallel(zh, en))


def test_english_source_files_swapped_by_name(tmp_path: Path) -> None:
    zh = tmp_path / "zh.txt"
    zh.write_text("发热\n", encoding="utf-8")
    with pytest.raises(TermxError, match="no such file"):
        read_parallel(zh, tmp_path / "missing.txt")


def test_parallel_files_found_in_a_directory(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "moses").mkdir(parents=True)
    (corpus / "book.zh.txt").write_text("和平使命\n上海精神\n", encoding="utf-8")
    (corpus / "book.en.txt").write_text("Peace Mission\nShanghai Spirit\n", encoding="utf-8")
    (corpus / "moses" / "train.zh").write_text("发热\n", encoding="utf-8")
    (corpus / "moses" / "train.en").write_text("fever\n", encoding="utf-8")
    (corpus / "moses" / "lonely.zh").write_text("咳嗽\n", encoding="utf-8")
    stats = ReadStats()
    pairs = list(read_inputs([corpus], stats=stats))
    assert [(p.zh, p.en, str(p.origin)) for p in pairs] == [
        ("和平使命", "Peace Mission", f"{corpus}/book.en.txt:1"),
        ("上海精神", "Shanghai Spirit", f"{corpus}/book.en.txt:2"),
        ("发热", "fever", f"{corpus}/moses/train.en:1"),
    ]
    assert len(stats.files) == 4
