"""The public API: what ``from termx import …`` gives a program, typed, documented."""

from __future__ import annotations

import inspect
import typing
from pathlib import Path

import termx


def test_every_public_name_resolves_and_is_documented() -> None:
    for name in termx.__all__:
        value = getattr(termx, name)
        # A type alias (Progress = Callable[[int], None]) is documented where it is defined.
        if name != "__version__" and typing.get_origin(value) is None:
            assert inspect.getdoc(value), f"{name} has no docstring"


def test_extract_and_check_are_the_functions_not_the_packages() -> None:
    assert inspect.isfunction(termx.extract) and inspect.isfunction(termx.check)
    hints = typing.get_type_hints(termx.extract)
    assert hints["return"] == list[termx.TermPair]
    assert typing.get_type_hints(termx.check)["return"] == list[termx.Finding]


def test_extract_and_check_take_the_same_glossary_type(tmp_path: Path) -> None:
    glossary = tmp_path / "g.tsv"
    glossary.write_text("zh\ten\tstatus\n上合组织\tSCO\tapproved\n", encoding="utf-8")
    loaded = termx.load_glossary(glossary)
    pairs = [
        termx.SegmentPair("上合组织成员国", "The member states", termx.Origin("p.tsv", 1)),
    ]
    findings = termx.check(pairs, loaded, termx.CheckOptions())
    assert [f.rule for f in findings] == ["missing-term"]
    assert findings[0].source_term == "上合组织"
    options = termx.ExtractOptions(glossary=loaded)
    assert options.entries == tuple(loaded.entries)


def test_the_package_is_marked_typed() -> None:
    assert (Path(termx.__file__).parent / "py.typed").is_file()
