"""CAT-tool interop of the glossary: valid TBX v3, MARTIF for OmegaT & co, language subtags and
TBX-Basic fields kept, OmegaT glossaries, plain lists and MultiTerm synonyms imported."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from conftest import FORMATS, REPO, Run, run_termx
from lxml import etree

from termx.errors import TermxError
from termx.glossary import Glossary, load_glossary, render_glossary, save_glossary
from termx.glossary.formats.tbx import read_tbx
from termx.model import GlossaryEntry
from termx.text import fold

SEEDS_GLOSSARY = REPO / "glossary" / "seeds.tsv"
CORE_RNG = FORMATS / "schemas" / "TBXcoreStructV03.rng"
MS_TBX = FORMATS / "real" / "ms-terminology-sample.zh-Hant.tbx"
OMEGAT = FORMATS / "real" / "omegat-glossary.utf16.txt"
NS = "{urn:iso:std:iso:30042:ed-2}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

FULL = GlossaryEntry(
    "任務識別碼",
    "task ID",
    "approved",
    ("task identifier",),
    ("TID",),
    "from the Project UI\n  second line",
    zh_lang="zh-Hant",
    en_lang="en-US",
    definition="A number that Project assigns to a task.",
    part_of_speech="noun",
    subject_field="Software",
)


def termx(*args: str | Path, cwd: Path) -> Run:
    with contextlib.chdir(cwd):
        return run_termx(*args)


def _valid_tbx3(text: str) -> tuple[bool, str]:
    schema = etree.RelaxNG(etree.parse(str(CORE_RNG)))
    ok = schema.validate(etree.fromstring(text.encode("utf-8")))
    return ok, str(schema.error_log.last_error)


# ---------------------------------------------------------------------- TBX v3


def test_tbx3_export_of_the_seed_glossary_validates_against_the_core_schema() -> None:
    seeds = load_glossary(SEEDS_GLOSSARY)
    assert any(entry.note for entry in seeds), "the seeds must exercise notes"
    text = render_glossary(seeds, "tbx")
    assert "xml:space" not in text
    assert _valid_tbx3(text) == (True, "None")


def test_tbx3_export_with_every_field_validates_and_round_trips() -> None:
    text = render_glossary(Glossary([FULL]), "tbx")
    assert _valid_tbx3(text) == (True, "None")
    root = etree.fromstring(text.encode("utf-8"))
    assert [sec.get(XML_LANG) for sec in root.iter(f"{NS}langSec")] == ["zh-Hant", "en-US"]
    # termx reads its own export exactly, note layout included.
    assert read_tbx(text.encode("utf-8"), "x.tbx").entries == [FULL]


def test_a_foreign_note_loses_only_its_pretty_printing() -> None:
    text = render_glossary(Glossary([FULL]), "tbx").replace(
        "Glossary exported by termx", "Exported by a CAT tool"
    )
    (entry,) = read_tbx(text.encode("utf-8"), "x.tbx").entries
    assert entry.note == "from the Project UI second line"


# ---------------------------------------------------------------------- MARTIF


def test_martif_export_has_the_tbx2_shape_and_reads_back_identically(tmp_path: Path) -> None:
    result = termx("glossary", "export", SEEDS_GLOSSARY, "-f", "tbx2", "-o", "s.tbx", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    root = etree.parse(str(tmp_path / "s.tbx")).getroot()
    assert root.tag == "martif" and root.nsmap == {}
    assert root.get("type") == "TBX-Basic"
    entries = root.findall("text/body/termEntry")
    seeds = load_glossary(SEEDS_GLOSSARY)
    assert len(entries) == len(seeds)
    for entry in entries:
        assert [lang.get(XML_LANG) for lang in entry.findall("langSet")] == ["zh", "en"]
        assert all(tig.find("term") is not None for tig in entry.iter("tig"))
    assert load_glossary(tmp_path / "s.tbx").sorted() == seeds.sorted()


def test_martif_keeps_every_field() -> None:
    text = render_glossary(Glossary([FULL]), "tbx2")
    root = etree.fromstring(text.encode("utf-8"))
    (entry,) = root.iter("termEntry")
    assert entry.find("descrip[@type='subjectField']").text == "Software"
    en = entry.findall("langSet")[1]
    assert en.find("descrip[@type='definition']").text == FULL.definition
    assert read_tbx(text.encode("utf-8"), "x.tbx").entries == [FULL]


# ---------------------------------------------------------------------- subtags, TBX-Basic fields


def test_microsoft_tbx_keeps_subtags_definition_and_part_of_speech(tmp_path: Path) -> None:
    result = termx("glossary", "import", MS_TBX, "-g", "ms.tsv", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout + result.stderr
    entries = {entry.zh: entry for entry in load_glossary(tmp_path / "ms.tsv")}
    context = entries["上下文"]
    assert (context.en, context.zh_lang, context.en_lang) == ("context", "zh-Hant", "en-US")
    assert context.part_of_speech == "Noun"
    assert context.definition.startswith("The state that is implicitly associated")
    # The TSV names the extra columns only because these entries use them.
    header = (tmp_path / "ms.tsv").read_text("utf-8").splitlines()[0].split("\t")
    assert header[:6] == ["zh", "en", "status", "variants", "forbidden", "note"]
    assert "zh_lang" in header and "subject_field" not in header
    # Exported again, the subtags are still on the language sections.
    text = render_glossary(load_glossary(tmp_path / "ms.tsv"), "tbx")
    langs = {sec.get(XML_LANG) for sec in etree.fromstring(text.encode()).iter(f"{NS}langSec")}
    assert langs == {"zh-Hant", "en-US"}


@pytest.mark.parametrize("fmt", ["tsv", "csv", "json"])
def test_extra_fields_round_trip_through_every_format(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"g.{fmt}"
    save_glossary(Glossary([FULL, GlossaryEntry("和平使命", "Peace Mission", "approved")]), path)
    assert (
        load_glossary(path).sorted()
        == Glossary([FULL, GlossaryEntry("和平使命", "Peace Mission", "approved")]).sorted()
    )


def test_seed_glossary_round_trip_is_byte_identical(tmp_path: Path) -> None:
    copy = tmp_path / "seeds.tsv"
    save_glossary(load_glossary(SEEDS_GLOSSARY), copy)
    assert copy.read_bytes() == SEEDS_GLOSSARY.read_bytes()


# ---------------------------------------------------------------------- foreign lists


def test_omegat_glossary_in_utf16_imports(tmp_path: Path) -> None:
    lines = OMEGAT.read_bytes().decode("utf-16").splitlines()
    result = termx("glossary", "import", OMEGAT, "-g", "o.tsv", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert f"{len(lines)} rows" in result.stdout
    glossary = load_glossary(tmp_path / "o.tsv")
    # OmegaT's source column is English here: the Chinese is told by its script.
    first_en, first_zh = lines[0].split("\t")
    assert glossary.approved(first_zh) is not None
    assert glossary.approved(first_zh).en == first_en  # type: ignore[union-attr]
    # A source term listed twice with two targets: one entry, the second English a variant.
    targets: dict[str, dict[str, str]] = {}  # zh fold key → en fold key → en
    for line in lines:
        en, zh = line.split("\t")
        targets.setdefault(fold(zh.strip()), {}).setdefault(fold(en.strip()), en.strip())
    zh, ens = next((zh, list(ens.values())) for zh, ens in targets.items() if len(ens) > 1)
    entry = glossary.approved(zh)
    assert entry is not None and (entry.en, *entry.variants) == tuple(ens)
    assert len(glossary) == len(targets)


def test_omegat_comment_line_and_comment_column(tmp_path: Path) -> None:
    text = (
        "# Glossary in tab-separated format -*- coding: utf-8 -*-\r\n"
        "上海合作组织\tShanghai Cooperation Organization\tthe full name\r\n"
        "上合组织\tSCO\r\n"
    )
    (tmp_path / "glossary.txt").write_bytes(text.encode("utf-16"))
    result = termx("glossary", "import", "glossary.txt", "-g", "g.tsv", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert [(e.zh, e.en, e.status, e.note) for e in load_glossary(tmp_path / "g.tsv")] == [
        ("上合组织", "SCO", "approved", ""),
        ("上海合作组织", "Shanghai Cooperation Organization", "approved", "the full name"),
    ]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plain.tsv", "Peace Mission\t和平使命\nSCO\t上合组织\n"),
        ("plain.csv", '和平使命,Peace Mission\n上合组织,"SCO"\n'),
    ],
)
def test_two_columns_without_a_header(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, "utf-8")
    pairs = {(e.zh, e.en, e.status) for e in load_glossary(tmp_path / name)}
    assert pairs == {("和平使命", "Peace Mission", "approved"), ("上合组织", "SCO", "approved")}


def test_a_comment_in_a_file_with_a_header_is_still_refused(tmp_path: Path) -> None:
    (tmp_path / "g.tsv").write_text("zh\ten\n上合组织\tSCO\n# later\n", "utf-8")
    with pytest.raises(TermxError, match=r"g\.tsv:3: comment lines are not kept"):
        load_glossary(tmp_path / "g.tsv")


SYNONYMS = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en-US"><text><body>
<termEntry id="1">
 <langSet xml:lang="zh-CN"><ntig><termGrp><term>计算机</term></termGrp></ntig>
   <ntig><termGrp><term>电脑</term></termGrp></ntig></langSet>
 <langSet xml:lang="en-US"><ntig><termGrp><term>computer</term></termGrp></ntig>
   <ntig><termGrp><term>computing machine</term></termGrp></ntig></langSet>
</termEntry>
<termEntry id="2">
 <langSet xml:lang="zh-CN"><tig><term>电脑</term></tig></langSet>
 <langSet xml:lang="en-US"><tig><term>PC</term></tig></langSet>
</termEntry>
</body></text></martif>
"""


def test_multiterm_synonyms_import_as_variants_into_an_empty_glossary(tmp_path: Path) -> None:
    (tmp_path / "syn.tbx").write_text(SYNONYMS, "utf-8")
    result = termx("glossary", "import", "syn.tbx", "-g", "g.tsv", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "0 conflicts" in result.stdout
    glossary = load_glossary(tmp_path / "g.tsv")
    computer = glossary.approved("电脑")
    assert computer is not None
    assert (computer.en, computer.variants) == ("computer", ("computing machine", "PC"))
    assert (computer.zh_lang, computer.en_lang) == ("zh-CN", "en-US")
    assert glossary.approved("计算机").variants == ("computing machine",)  # type: ignore[union-attr]


# ---------------------------------------------------------------------- export by extension


@pytest.mark.parametrize(
    ("output", "check"),
    [
        # The BOM: Excel reads a CSV without one in the ANSI code page (Chinese as mojibake).
        ("x.csv", lambda text: text.startswith("\ufeffzh,en,status")),
        ("x.json", lambda text: text.startswith("{")),
        ("x.tbx", lambda text: "<tbx " in text),
        ("x.mtf", lambda text: "<martif " in text),
    ],
)
def test_export_picks_the_format_from_the_extension(tmp_path: Path, output: str, check) -> None:  # type: ignore[no-untyped-def]
    result = termx("glossary", "export", SEEDS_GLOSSARY, "-o", output, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert f"→ {output}" in result.stderr
    assert check((tmp_path / output).read_text("utf-8"))
    assert load_glossary(tmp_path / output).sorted() == load_glossary(SEEDS_GLOSSARY).sorted()


def test_explicit_format_wins_over_the_extension(tmp_path: Path) -> None:
    result = termx("glossary", "export", SEEDS_GLOSSARY, "-f", "tsv", "-o", "x.csv", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "x.csv").read_bytes() == SEEDS_GLOSSARY.read_bytes()


# ---------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("zh\tzh\ten\tstatus", "duplicate column 'zh' in columns 1 and 2"),
        ("zh\ten\tnote\tnote", "duplicate column 'note' in columns 3 and 4"),
        ("zh\ten\tdomain", "unknown column 'domain' in column 3"),
    ],
)
def test_duplicate_or_unknown_header_columns_are_refused(
    tmp_path: Path, header: str, message: str
) -> None:
    path = tmp_path / "g.tsv"
    path.write_text(f"{header}\n上合组织\t上合組織\tSCO\tapproved\n", "utf-8")
    with pytest.raises(TermxError) as error:
        load_glossary(path)
    assert str(error.value).startswith(f"{path}:1: {message}")


def test_a_control_character_is_refused_on_input_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("zh\ten\n上合组织\tSCO\n和平使命\tPeace\x1b[2J Mission\n", "utf-8")
    result = termx("glossary", "export", "g.tsv", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        "termx: error: g.tsv:3: control character U+001B in a field (remove it)\n"
    )
    (tmp_path / "g.json").write_text('[{"zh": "上合组织", "en": "SCO\\ud800"}]', "utf-8")
    with pytest.raises(TermxError, match=r"g\.json: entry 1: control character U\+D800"):
        load_glossary(tmp_path / "g.json")


@pytest.mark.parametrize("fmt", ["tbx", "tbx2"])
def test_tbx_export_of_a_control_character_is_an_error_not_a_crash(fmt: str) -> None:
    glossary = Glossary([GlossaryEntry("上合组织", "SCO\x00", "approved")])
    with pytest.raises(TermxError, match=r"cannot write 上合组织 → SCO.* as XML"):
        render_glossary(glossary, fmt)


def test_lint_output_is_capped_with_counts(tmp_path: Path) -> None:
    rows = "".join(f"和平使命\tPeace Mission {n}\tapproved\n" for n in range(6))
    (tmp_path / "g.tsv").write_text("zh\ten\tstatus\n" + rows, "utf-8")
    result = termx("glossary", "lint", "g.tsv", "-n", "2", cwd=tmp_path)
    assert result.exit_code == 1
    assert "g.tsv: 5 problems (duplicate 5)" in result.stdout
    assert "g.tsv:3" in result.stdout and "g.tsv:4" in result.stdout
    assert "g.tsv:5" not in result.stdout
    assert "… and 3 more (--top 0 shows all)" in result.stdout
