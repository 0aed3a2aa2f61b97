"""`termx glossary` end to end (in-process): exit codes, stderr, files written."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from conftest import Run, run_termx

from termx.glossary import Glossary, load_glossary, save_glossary
from termx.model import GlossaryEntry

ENTRIES = [
    GlossaryEntry("上合組織", "SCO", "approved", ("Shanghai Cooperation Organization",)),
    GlossaryEntry("和平使命", "Peace Mission", "approved", (), (), "it's a | series"),
    GlossaryEntry("和平號角", "Fanfare for Peace military tattoo", "rejected"),
]


@pytest.fixture(autouse=True)
def _wide_plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")


def termx(*args: str, cwd: Path) -> Run:
    with contextlib.chdir(cwd):
        return run_termx(*args)


def _write(tmp_path: Path, entries: list[GlossaryEntry] = ENTRIES) -> Path:
    path = tmp_path / "sco.tsv"
    save_glossary(Glossary(entries), path)
    return path


def test_show_filters_by_status(tmp_path: Path) -> None:
    _write(tmp_path)
    result = termx("glossary", "show", "sco.tsv", "--status", "rejected", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "sco.tsv (1 entries)" in result.stdout
    assert "和平號角" in result.stdout
    assert "上合組織" not in result.stdout


def test_export_tbx_then_import_into_a_new_glossary(tmp_path: Path) -> None:
    _write(tmp_path)
    result = termx(
        "glossary", "export", "sco.tsv", "--format", "tbx", "-o", "sco.tbx", cwd=tmp_path
    )
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "sco.tbx").read_text("utf-8").count("<conceptEntry") == 3
    result = termx("glossary", "import", "sco.tbx", "--glossary", "copy.tsv", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "3 added, 0 updated, 0 unchanged, 0 conflicts" in result.stdout
    assert (tmp_path / "copy.tsv").read_bytes() == (tmp_path / "sco.tsv").read_bytes()


def test_export_only_approved_entries_for_a_cat_tool(tmp_path: Path) -> None:
    _write(tmp_path)
    result = termx("glossary", "export", "sco.tsv", "--status", "approved", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("<conceptEntry") == 2
    assert "和平號角" not in result.stdout and "Peace Mission" in result.stdout


def test_export_to_stdout(tmp_path: Path) -> None:
    _write(tmp_path)
    result = termx("glossary", "export", "sco.tsv", "-f", "csv", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "zh,en,status,variants,forbidden,note"
    assert "和平使命,Peace Mission,approved,,,it's a | series" in result.stdout.splitlines()


def test_import_conflict_exits_1_and_keeps_ours(tmp_path: Path) -> None:
    path = _write(tmp_path)
    before = path.read_bytes()
    (tmp_path / "theirs.csv").write_text(
        "zh,en,status\n和平號角,Fanfare for Peace military tattoo,approved\n", "utf-8"
    )
    result = termx("glossary", "import", "theirs.csv", "-g", "sco.tsv", cwd=tmp_path)
    assert result.exit_code == 1
    assert "status rejected here, approved in the import" in result.stdout
    assert path.read_bytes() == before
    result = termx(
        "glossary", "import", "theirs.csv", "-g", "sco.tsv", "--prefer", "theirs", cwd=tmp_path
    )
    assert result.exit_code == 0, result.stderr
    assert load_glossary(path).status_of("和平號角", "Fanfare for Peace military tattoo") == (
        "approved"
    )


def test_import_dry_run_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "new.json").write_text(
        '[{"zh": "上海精神", "en": "Shanghai Spirit", "status": "approved"}]', "utf-8"
    )
    result = termx("glossary", "import", "new.json", "-g", "g.tsv", "--dry-run", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "1 added" in result.stdout
    assert not (tmp_path / "g.tsv").exists()


def test_lint_exit_codes_and_line_numbers(tmp_path: Path) -> None:
    _write(tmp_path)
    clean = termx("glossary", "lint", "sco.tsv", cwd=tmp_path)
    assert clean.exit_code == 0, clean.stdout + clean.stderr
    assert "no problems in 3 entries" in clean.stdout
    (tmp_path / "bad.tsv").write_text(
        "zh\ten\tstatus\tvariants\tforbidden\tnote\n"
        "上合組織\tSCO\tapproved\t\t\t\n"
        "\n"
        "上合组织\tSCO\tapproved\t\t\t\n",
        "utf-8",
    )
    bad = termx("glossary", "lint", "sco.tsv", "bad.tsv", cwd=tmp_path)
    assert bad.exit_code == 1
    assert "bad.tsv: 2 problems" in bad.stdout
    assert "bad.tsv:4" in bad.stdout  # the line of the second entry, after a blank line


def test_bad_input_is_one_line_on_stderr_exit_2(tmp_path: Path) -> None:
    (tmp_path / "bad.tsv").write_text("zh\ten\tstatus\n上海精神\tShanghai Spirit\tyes\n", "utf-8")
    result = termx("glossary", "show", "bad.tsv", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        "termx: error: bad.tsv:2: status 'yes' is not one of approved, pending, rejected\n"
    )
    missing = termx("glossary", "import", "nope.tbx", "-g", "g.tsv", cwd=tmp_path)
    assert missing.exit_code == 2
    assert missing.stderr == "termx: error: nope.tbx: no such file\n"
