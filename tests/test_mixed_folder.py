"""A localisation folder with one XLIFF per language (Xcode's export): extract and check read
the Chinese file, skip the German one, say so, and still write their reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import FORMATS, run_termx

REAL = FORMATS / "real"


def _project(tmp_path: Path) -> Path:
    folder = tmp_path / "Loop"
    folder.mkdir()
    for name in ("xcode-loop.zh-Hans.xliff", "xcode-loop.de.xliff"):
        shutil.copy(REAL / name, folder / name)
    glossary = tmp_path / "terms.tsv"
    # 胰岛素 (insulin) is what Loop, an insulin-dosing app, is about.
    glossary.write_text("zh\ten\tstatus\n胰岛素\tinsulin\tapproved\n", encoding="utf-8")
    return folder


def test_check_reads_the_chinese_file_and_reports_the_skipped_one(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    sarif = tmp_path / "termx.sarif"
    alone = run_termx("check", folder / "xcode-loop.zh-Hans.xliff", "-g", tmp_path / "terms.tsv")
    result = run_termx(
        "check", folder, "-g", tmp_path / "terms.tsv", "--format", "sarif", "-o", sarif
    )
    assert result.exit_code == alone.exit_code
    assert "1 file skipped: " in result.stderr and "xcode-loop.de.xliff" in result.stderr
    report = json.loads(sarif.read_text(encoding="utf-8"))
    assert report["version"] == "2.1.0"
    as_json = run_termx("check", folder, "-g", tmp_path / "terms.tsv", "--format", "json")
    summary = json.loads(as_json.stdout)["summary"]
    assert [Path(item["path"]).name for item in summary["skipped_files"]] == ["xcode-loop.de.xliff"]
    assert summary["pairs"] > 0 and summary["pairs_with_terms"] > 0


def test_a_german_file_named_explicitly_is_an_error(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    result = run_termx("check", folder / "xcode-loop.de.xliff", "-g", tmp_path / "terms.tsv")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "xcode-loop.de.xliff" in result.stderr
