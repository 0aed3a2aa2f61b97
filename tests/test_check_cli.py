"""`termx check` end to end (in-process, plus one real subprocess run of the exit codes):
exit codes, stderr, reports, baseline, seeds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, Run, run_termx

HEADER = "zh\ten\tstatus\tvariants\tforbidden\tnote\n"
# Real sentence pairs from seeds/000 (Traditional source as published).
ZH = "請介紹中國軍隊參與上合組織防務安全合作情況。"
EN = (
    "Please brief us on the Chinese military’s participation in the SCO defense and security "
    "cooperation."
)
ZH2 = "張曉剛:6月25日至26日,上海合作組織成員國國防部長會議在山東青島舉行。"
EN2 = "Zhang Xiaogang: The SCO Defense Ministers' Meeting is held in Qingdao, Shandong Province."


def termx(*args: str, cwd: Path = REPO) -> Run:
    """``termx check ARGS`` in-process, run from ``cwd`` (paths in reports stay relative)."""
    before = os.getcwd()
    os.chdir(cwd)
    try:
        return run_termx("check", *args)
    finally:
        os.chdir(before)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "glossary.tsv").write_text(
        HEADER
        + "上合组织\tSCO\tapproved\t\tShanghai Group\t\n"
        + "张晓刚\tZhang Xiaogang\tapproved\t\t\t\n",
        encoding="utf-8",
    )
    (tmp_path / "tm").mkdir()
    (tmp_path / "tm" / "memory.tsv").write_text(f"{ZH}\t{EN}\n{ZH2}\t{EN2}\n", encoding="utf-8")
    return tmp_path


def _break(project: Path, line: int, old: str, new: str) -> None:
    path = project / "tm" / "memory.tsv"
    rows = path.read_text(encoding="utf-8").splitlines()
    rows[line - 1] = rows[line - 1].replace(old, new)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_clean_translations_exit_0(project: Path) -> None:
    result = termx("tm", "--glossary", "glossary.tsv", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert "0 errors, 0 warnings in 2 pairs" in result.stdout


def test_a_wrong_term_exits_1_and_names_file_and_line(project: Path) -> None:
    _break(project, 1, "the SCO", "the Shanghai Group")
    result = termx("tm", "-g", "glossary.tsv", "--format", "github", cwd=project)
    assert result.exit_code == 1
    prefix = "::error file=tm/memory.tsv,line=1,title=termx forbidden-term::"
    assert result.stdout.startswith(prefix)
    assert "上合組織" in result.stdout and "Shanghai Group" in result.stdout
    # Line 2 has 上海合作組織, which is not 上合组织 and not in this glossary.
    assert "line=2" not in result.stdout


def test_fail_on_levels(project: Path) -> None:
    _break(project, 1, "the SCO", "the Shanghai Group")
    assert termx("tm", "-g", "glossary.tsv", "--fail-on", "never", cwd=project).exit_code == 0
    (project / "pending.tsv").write_text(
        HEADER + "上合组织\tSCO\tpending\tShanghai Cooperation Organization\t\t\n", encoding="utf-8"
    )
    _break(project, 1, "the Shanghai Group", "the Shanghai Cooperation Organization")
    (project / "tm" / "more.tsv").write_text(f"{ZH}\t{EN}\n{ZH}\t{EN}\n", encoding="utf-8")
    warn = termx("tm", "-g", "pending.tsv", "--format", "json", cwd=project)
    assert warn.exit_code == 0, warn.stdout
    assert json.loads(warn.stdout)["summary"]["warnings"] == 1
    assert termx("tm", "-g", "pending.tsv", "--fail-on", "warning", cwd=project).exit_code == 1


def test_usage_and_input_errors_exit_2_with_one_line(project: Path) -> None:
    for args in (
        ("tm", "-g", "missing.tsv"),
        ("nowhere", "-g", "glossary.tsv"),
        ("tm",),
        ("tm", "-g", "glossary.tsv", "--format", "html"),
        ("tm", "-g", "glossary.tsv", "--write-baseline"),
    ):
        result = termx(*args, cwd=project)
        assert result.exit_code == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
    missing = termx("tm", "-g", "missing.tsv", cwd=project)
    assert missing.stderr.startswith("termx: error: missing.tsv")
    (project / "bad.json").write_text("{not json", encoding="utf-8")
    bad = termx("tm", "-g", "glossary.tsv", "--baseline", "bad.json", cwd=project)
    assert bad.exit_code == 2 and bad.stderr.startswith("termx: error: bad.json:1:")


def test_report_file_is_written_and_summary_goes_to_stderr(project: Path) -> None:
    _break(project, 1, "the SCO", "the bloc")
    result = termx("tm", "-g", "glossary.tsv", "-f", "sarif", "-o", "report.sarif", cwd=project)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "1 error" in result.stderr
    log = json.loads((project / "report.sarif").read_text(encoding="utf-8"))
    [finding] = log["runs"][0]["results"]
    assert finding["ruleId"] == "missing-term"
    assert finding["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_baseline_survives_a_line_shift_and_catches_new_findings(project: Path) -> None:
    _break(project, 1, "the SCO", "the bloc")
    args = ("tm", "-g", "glossary.tsv", "--baseline", "termx-baseline.json")
    written = termx(*args, "--write-baseline", cwd=project)
    assert written.exit_code == 0, written.stderr
    saved = json.loads((project / "termx-baseline.json").read_text(encoding="utf-8"))
    assert saved["findings"][0]["rule"] == "missing-term" and "line" not in saved["findings"][0]
    memory = project / "tm" / "memory.tsv"
    memory.write_text(f"{ZH2}\t{EN2}\n" + memory.read_text(encoding="utf-8"), encoding="utf-8")
    shifted = termx(*args, cwd=project)
    assert shifted.exit_code == 0, shifted.stdout
    assert "1 accepted by the baseline" in shifted.stdout
    memory.write_text(memory.read_text(encoding="utf-8") + f"{ZH}\t{EN.replace('SCO', 'bloc')}\n")
    grown = termx(*args, "-f", "json", cwd=project)
    assert grown.exit_code == 1
    [new] = json.loads(grown.stdout)["findings"]
    assert new["line"] == 4


def test_ignore_column_in_tsv(project: Path) -> None:
    memory = project / "tm" / "memory.tsv"
    memory.write_text(
        f"{ZH}\t{EN.replace('SCO', 'bloc')}\t# termx: ignore[missing-term]\n{ZH2}\t{EN2}\t\n",
        encoding="utf-8",
    )
    result = termx("tm", "-g", "glossary.tsv", cwd=project)
    assert result.exit_code == 0, result.stdout
    assert "1 ignored by termx: ignore" in result.stdout


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_ignore_column_in_tsv_in_every_encoding_the_readers_accept(
    project: Path, encoding: str
) -> None:
    # Issue 10: the same TSV with a termx: ignore column passed as UTF-8 and failed as UTF-16.
    memory = project / "tm" / "memory.tsv"
    text = f"{ZH}\t{EN.replace('SCO', 'bloc')}\t# termx: ignore[missing-term]\n{ZH2}\t{EN2}\t\n"
    memory.write_bytes(text.encode(encoding))
    args = ["tm", "-g", "glossary.tsv"] + (
        ["--encoding", encoding] if encoding == "utf-16-le" else []
    )
    result = termx(*args, cwd=project)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "1 ignored by termx: ignore" in result.stdout


def test_glossary_inside_an_input_directory_is_not_checked_as_translations(project: Path) -> None:
    (project / "tm" / "terms.tsv").write_text(
        HEADER + "上合组织\tSCO\tapproved\t\t\t\n上合组织\tShanghai Group\trejected\t\t\t\n",
        encoding="utf-8",
    )
    result = termx("tm", "-g", "tm/terms.tsv", "-f", "json", cwd=project)
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["summary"]["files"] == ["tm/memory.tsv"]


def test_dog_food_on_the_seeds(tmp_path: Path) -> None:
    """What .ci/run will do: the seeds against a glossary of terms they translate consistently."""
    glossary = tmp_path / "seeds.tsv"
    glossary.write_text(
        HEADER
        + "上合組織\tSCO\tapproved\t\t\t\n"
        + "上海精神\tShanghai Spirit\tapproved\t\t\t\n"
        + "張曉剛\tZhang Xiaogang\tapproved\t\t\t\n"
        + "董軍\tDong Jun\tapproved\t\t\t\n"
        + "山東青島\tQingdao, Shandong Province\tapproved\t\t\t\n",
        encoding="utf-8",
    )
    result = termx("seeds/", "--glossary", str(glossary))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout
    wrong = tmp_path / "wrong.tsv"
    wrong.write_text(HEADER + "上合組織\tShanghai club\tapproved\t\t\t\n", encoding="utf-8")
    failed = termx("seeds/", "--glossary", str(wrong), "-f", "json")
    assert failed.exit_code == 1
    assert {f["rule"] for f in json.loads(failed.stdout)["findings"]} == {"missing-term"}


TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" segtype="sentence" o-tmf="x" adminlang="en"
 datatype="text" creationtool="t" creationtoolversion="1"/><body>
<tu tuid="a1">
<tuv xml:lang="en"><seg>about how long have these symptoms been going on?</seg></tuv>
<tuv xml:lang="zh"><seg>这些症状已持续多长时间？</seg></tuv></tu>
<tu tuid="a2">
<tuv xml:lang="en"><seg>and are you having a fever now?</seg></tuv>
<tuv xml:lang="zh"><seg>您现在有发烧吗？</seg></tuv></tu>
<tu tuid="a3"><!-- termx: ignore[missing-term] -->
<tuv xml:lang="en"><seg>do you have a fever?</seg></tuv>
<tuv xml:lang="zh"><seg>您发烧吗？</seg></tuv></tu>
</body></tmx>
"""


def test_english_source_tmx_is_checked_against_chinese_targets(tmp_path: Path) -> None:
    (tmp_path / "memory.tmx").write_text(TMX, encoding="utf-8")
    (tmp_path / "terms.tsv").write_text(
        HEADER + "症状\tsymptom\tapproved\t\t\t\n发热\tfever\tapproved\t\t\t\n", encoding="utf-8"
    )
    result = termx("memory.tmx", "-g", "terms.tsv", "-f", "json", cwd=tmp_path)
    assert result.exit_code == 1, result.stderr
    document = json.loads(result.stdout)
    [finding] = document["findings"]
    assert (finding["rule"], finding["term"], finding["expected"], finding["unit"]) == (
        "missing-term",
        "fever",
        ["发热"],
        "a2",
    )
    assert document["summary"]["suppressed"] == 1  # a3, by the comment on its <tu> line


def test_the_real_command_exits_0_1_and_2(project: Path) -> None:
    # One real process: the exit status the shell sees (typer's exit, not the test runner's).
    def status(*args: str) -> int:
        command = [sys.executable, "-m", "termx", "check", *args]
        return subprocess.run(command, cwd=project, capture_output=True, timeout=60).returncode

    assert status("tm", "-g", "glossary.tsv") == 0
    _break(project, 1, "SCO", "Shanghai Group")
    assert status("tm", "-g", "glossary.tsv") == 1
    assert status("tm", "-g", "missing.tsv") == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the glossary has no entries"),  # 0 bytes
        (HEADER, "the glossary has no entries"),  # a header and nothing else
        (HEADER + "上合组织\t\tapproved\t\t\t\n", "approved entry '上合组织' has no English"),
    ],
)
def test_a_gate_with_nothing_to_require_fails_closed(
    project: Path, content: str, message: str
) -> None:
    # Issue 13: a 0-byte glossary passed the gate (exit 0) on a pair with a wrong term.
    _break(project, 1, "SCO", "Shanghai Group")
    (project / "bad.tsv").write_text(content, encoding="utf-8")
    result = termx("tm", "-g", "bad.tsv", cwd=project)
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"termx: error: bad.tsv: {message}")


def test_the_pre_commit_hook_runs_for_every_glossary_and_input_format() -> None:
    import re

    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    [files] = re.findall(r"^\s*files: (.+)$", hooks, flags=re.MULTILINE)
    pattern = re.compile(files)
    for name in (
        "glossary/terms.tbx",
        "glossary/terms.json",
        "po/zh.sdlxliff",
        "zh.mqxliff",
        "tm.tmx",
        "app/zh-Hans.xliff",
        "memory.tsv",
        "terms.csv",
    ):
        assert pattern.search(name), name
    assert not pattern.search("README.md")
