"""``termx --help`` and every command's help read as a CLI's help should, and a bug in termx
surfaces as one ``internal error`` line with exit code 3, not as a finding or a traceback."""

from __future__ import annotations

import re

import pytest
from conftest import run_termx

import termx.cli._inputs

COMMANDS = [
    ["align"],
    ["extract"],
    ["eval"],
    ["review"],
    ["check"],
    ["glossary"],
    ["glossary", "show"],
    ["glossary", "export"],
    ["glossary", "import"],
    ["glossary", "lint"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_has_no_type_tags_or_braces(command: list[str]) -> None:
    result = run_termx(*command, "--help")
    assert result.exit_code == 0, result.stderr
    assert "Usage: termx " + " ".join(command) in result.stdout
    # typer 0.29's own tags (<bool>, <path>, <float range>) and its {REQUIRED} usage braces.
    assert not re.search(r"<(bool|path|text|int|float|str|list)[^>]*>", result.stdout)
    usage = next(line for line in result.stdout.splitlines() if "Usage:" in line)
    assert "{" not in usage


def test_flags_show_no_value_and_options_show_their_type() -> None:
    help_text = run_termx("review", "--help").stdout
    yes = next(line for line in help_text.splitlines() if "-y " in line and "--yes" in line)
    assert re.search(r"--yes\s+-y\s+Batch mode", yes), yes
    accept = next(line for line in help_text.splitlines() if line.startswith("│    --accept-above"))
    assert "FLOAT" in accept


def test_unexpected_exception_is_one_line_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(termx.cli._inputs, "open_inputs", broken)
    monkeypatch.delenv("TERMX_DEBUG", raising=False)
    result = run_termx("align", "seeds/")
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("termx: internal error: RuntimeError: simulated bug")
    assert "Traceback" not in result.stderr
