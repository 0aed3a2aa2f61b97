"""`termx align` end to end: in-process through `run_termx` (the console script's own entry
point), and once as a real `python -m termx` process, so exit codes and stderr are real."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS, Run, run_termx


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The tests name files relative to their folder, as a user would.
    monkeypatch.chdir(tmp_path)


def _termx(*args: str) -> Run:
    return run_termx("align", *args)


def _error_line(result: Run) -> str:
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    return lines[0]


def test_seeds_to_tsv(tmp_path: Path) -> None:
    """A real process: the installed entry point, its exit code and its streams."""
    (tmp_path / "seeds").symlink_to(SEEDS)
    result = subprocess.run(
        [sys.executable, "-m", "termx", "align", "seeds/", "-o", "pairs.tsv"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rows = (tmp_path / "pairs.tsv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "zh\ten\tsource\torigin"
    table = [row.split("\t") for row in rows[1:]]
    # Nine paragraphs, some split into sentence pairs where both sides agree.
    assert len({origin for *_, origin in table}) == 9
    assert ["結束語", "Closing Remarks", "zh", "seeds/003_59acd2985607794a.txt:6"] in table
    text = "\n".join(rows)
    for debris in (
        "(xù)",
        "(guó)",
        "稿件來源",
        "來源:國防部網",
        "6月26日下午",
        "分享到",
        "打開微信",
    ):
        assert debris not in text
    assert "13 pairs from 2 files" in result.stderr
    assert "7 blocks/units not used" in result.stderr


def test_show_unpaired_lists_reasons(tmp_path: Path) -> None:
    result = _termx(str(SEEDS / "000_6adf7f1293395590.txt"), "--show-unpaired")
    assert result.exit_code == 0, result.stderr
    # Piped stdout gets TSV; the unpaired blocks go to stderr with their line and reason.
    assert result.stdout.startswith("zh\ten\tsource\torigin\n")
    assert "000_6adf7f1293395590.txt:3" in result.stderr
    assert "來源:國防部網" in result.stderr
    assert "no English counterpart" in result.stderr


def test_parallel_files_and_columns(tmp_path: Path) -> None:
    (tmp_path / "zh.txt").write_text("和平使命\n上海精神\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("Peace Mission\nShanghai Spirit\n", encoding="utf-8")
    result = _termx("--zh", "zh.txt", "--en", "en.txt")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "和平使命\tPeace Mission\tzh\ten.txt:1",
        "上海精神\tShanghai Spirit\tzh\ten.txt:2",
    ]
    (tmp_path / "g.csv").write_text("a,b\nSCO,上合組織\n", encoding="utf-8")
    result = _termx("g.csv", "--zh-col", "b", "--en-col", "a")
    assert result.stdout.splitlines()[1:] == ["上合組織\tSCO\ten\tg.csv:2"]


def test_encoding_option(tmp_path: Path) -> None:
    (tmp_path / "gb.csv").write_bytes("中文,English\n上合組織,SCO\n".encode("gb18030"))
    line = _error_line(_termx("gb.csv"))
    assert line.startswith(
        "termx: error: gb.csv:1: bytes that are not valid utf-8 at byte offset 0"
    )
    result = _termx("gb.csv", "--encoding", "gb18030")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == ["上合組織\tSCO\tzh\tgb.csv:2"]


def test_output_is_written_atomically(tmp_path: Path) -> None:
    out = tmp_path / "pairs.tsv"
    out.write_text("previous work\n", encoding="utf-8")
    (tmp_path / "bad.tsv").write_bytes("上合組織\tSCO\n".encode() + b"\xff\xfe\tx\n")
    line = _error_line(_termx("bad.tsv", "-o", "pairs.tsv"))
    assert line.startswith(
        "termx: error: bad.tsv:2: bytes that are not valid utf-8 at byte offset 17"
    )
    assert out.read_text(encoding="utf-8") == "previous work\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    ("files", "args", "expected"),
    [
        ({}, ["missing.tmx"], "termx: error: missing.tmx: no such file or directory"),
        ({"d/x.png": b"\x89PNG"}, ["d"], "termx: error: d: directory has no supported files"),
        ({"e.tsv": b""}, ["e.tsv"], "termx: error: e.tsv: empty input (0 bytes)"),
        ({"n.dat": b"words\n"}, ["n.dat"], "termx: error: n.dat: unknown format"),
        (
            {"a.tsv": "上\tS\n".encode()},
            ["a.tsv", "--input-format", "pdf"],
            "termx: error: unknown format 'pdf'",
        ),
        (
            {"a.tsv": "上\tS\n".encode()},
            ["a.tsv", "--encoding", "x"],
            "termx: error: unknown encoding",
        ),
        (
            {"m.tmx": b'<?xml version="1.0"?>\n<tmx>\n<body><tu></body></tmx>'},
            ["m.tmx"],
            "termx: error: m.tmx:3: malformed XML",
        ),
        (
            {
                "x.xlf": b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                b'\n<xliff version="1.2"/>'
            },
            ["x.xlf"],
            "termx: error: x.xlf:2: XML with entity declarations or an internal DTD is refused",
        ),
        (
            {"zh.txt": "一\n二\n".encode(), "en.txt": b"one\n"},
            ["--zh", "zh.txt", "--en", "en.txt"],
            "termx: error: parallel files differ in length: zh.txt has 2 lines, en.txt has 1",
        ),
        (
            {
                "u.xlf": (
                    '<xliff version="1.2"><file source-language="zh" target-language="en"><body>'
                    '<trans-unit id="1"><source>上合</source></trans-unit></body></file></xliff>'
                ).encode()
            },
            ["u.xlf"],
            "termx: error: no aligned pairs found in u.xlf (1 unit without a target)",
        ),
        ({}, [], "termx: error: no input"),
    ],
)
def test_errors_are_one_line_and_exit_2(
    tmp_path: Path, files: dict[str, bytes], args: list[str], expected: str
) -> None:
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    assert _error_line(_termx(*args)).startswith(expected)


def test_help_has_examples(tmp_path: Path) -> None:
    result = _termx("--help")
    assert result.exit_code == 0
    for option in ("--output", "--show-unpaired", "--input-format", "--zh-col", "--encoding"):
        assert option in result.stdout
    assert "termx align seeds/ -o pairs.tsv" in result.stdout
