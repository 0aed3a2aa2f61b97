"""Round trips and the canonical TSV: every format gives back exactly what it was given."""

from __future__ import annotations

from pathlib import Path

import pytest

from termx.errors import TermxError
from termx.glossary import Glossary, load_glossary, render_glossary, save_glossary
from termx.model import GlossaryEntry

# Real seed terms, Traditional and Simplified, with the characters formats like to break.
ENTRIES = [
    GlossaryEntry(
        "上合組織",
        "SCO",
        "approved",
        ("Shanghai Cooperation Organization",),
        ("S.C.O.",),
        "abbreviation of 上海合作組織 | not the summit",
    ),
    GlossaryEntry(
        "國防部長會議",
        "Defense Ministers' Meeting",
        "approved",
        ("Defense Minister's Meeting", "Meeting of Defense Ministers"),
        ("Defence Ministers Meeting",),
        "seeds: 2 forms; the apostrophe ’ varies",
    ),
    GlossaryEntry("和平使命", "Peace Mission", "approved", (), (), "joint exercise series"),
    GlossaryEntry("和平号角", "Fanfare for Peace military tattoo", "rejected", (), (), ""),
    GlossaryEntry(
        "人類命運共同體",
        "community with a shared future for mankind",
        "pending",
        ("community of common destiny|shared future",),  # a | inside a form
        (),
        "line one\nline two\twith a tab and a back\\slash",
    ),
]


def _glossary() -> Glossary:
    return Glossary(ENTRIES)


@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "tbx"])
def test_round_trip_through_a_file_is_exact(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"sco.{fmt}"
    save_glossary(_glossary(), path)
    loaded = load_glossary(path)
    assert loaded.sorted().entries == _glossary().sorted().entries
    # Saving what was loaded gives the same bytes: the format is stable for git.
    first = path.read_bytes()
    save_glossary(loaded, path)
    assert path.read_bytes() == first


@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "tbx"])
def test_format_is_sniffed_without_an_extension(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "export"
    path.write_text(render_glossary(_glossary(), fmt), encoding="utf-8")
    assert load_glossary(path).sorted() == _glossary().sorted()


def test_canonical_tsv_is_sorted_one_entry_a_line(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    save_glossary(_glossary(), path)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "zh\ten\tstatus\tvariants\tforbidden\tnote"
    assert lines[-1] == ""  # ends with a newline
    rows = [line.split("\t") for line in lines[1:-1]]
    assert len(rows) == len(ENTRIES)
    assert all(len(row) == 6 for row in rows)
    # Sorted by code point of the Simplified fold key: 上 U+4E0A < 人 U+4EBA < 和 U+548C
    # (使 U+4F7F < 号 U+53F7) < 国 U+56FD, whatever script the surface form uses.
    assert [row[0] for row in rows] == [
        "上合組織",
        "人類命運共同體",
        "和平使命",
        "和平号角",
        "國防部長會議",
    ]
    by_zh = {row[0]: row for row in rows}
    assert by_zh["國防部長會議"][3] == "Defense Minister's Meeting|Meeting of Defense Ministers"
    assert by_zh["上合組織"][5] == "abbreviation of 上海合作組織 | not the summit"
    # Escapes: a | inside a form, a newline, a tab and a backslash in the note.
    assert by_zh["人類命運共同體"][3] == "community of common destiny\\\\|shared future"
    assert by_zh["人類命運共同體"][5] == "line one\\nline two\\twith a tab and a back\\\\slash"


def test_sorting_puts_approved_before_pending_and_rejected(tmp_path: Path) -> None:
    glossary = Glossary(
        [
            GlossaryEntry("上合組織", "SCO summit", "rejected"),
            GlossaryEntry("上合组织", "SCO", "approved"),
            GlossaryEntry("上合組織", "Shanghai Cooperation", "pending"),
        ]
    )
    assert [entry.status for entry in glossary.sorted()] == ["approved", "pending", "rejected"]


def test_hand_written_tsv_with_only_zh_and_en_is_approved(tmp_path: Path) -> None:
    path = tmp_path / "hand.tsv"
    path.write_text("zh\ten\n上海精神\tShanghai Spirit\n\n和平使命\tPeace Mission\n", "utf-8")
    entries = load_glossary(path).entries
    assert [(e.zh, e.en, e.status) for e in entries] == [
        ("上海精神", "Shanghai Spirit", "approved"),
        ("和平使命", "Peace Mission", "approved"),
    ]


def test_tsv_escaped_bar_in_hand_written_variants(tmp_path: Path) -> None:
    path = tmp_path / "hand.tsv"
    path.write_text("zh\ten\tvariants\n成員國\tmember states\tmember state|A\\|B\n", "utf-8")
    assert load_glossary(path).entries[0].variants == ("member state", "A|B")


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ("zh\ten\tstatus\n上海精神\tShanghai Spirit\tok\n", "status 'ok' is not one of", 2),
        ("zh\ten\tdomain\n上海精神\tShanghai Spirit\tmil\n", "unknown column 'domain'", 1),
        ("# my glossary\nzh\ten\n", "comment lines are not kept", 1),
        ("zhongwen\tyingwen\n", "missing: zh, en", 1),
        ("zh\ten\n上海精神\tShanghai Spirit\tx\ty\n", "4 columns, the header has 2", 2),
    ],
)
def test_bad_tsv_names_file_and_line(tmp_path: Path, content: str, message: str, line: int) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TermxError) as error:
        load_glossary(path)
    assert message in str(error.value)
    assert str(error.value).startswith(f"{path}:{line}: ")


def test_not_utf8_is_an_error_with_line(tmp_path: Path) -> None:
    path = tmp_path / "big5.tsv"
    path.write_bytes("zh\ten\n上海精神\tShanghai Spirit\n".encode("big5"))
    with pytest.raises(TermxError, match="not UTF-8"):
        load_glossary(path)


def test_missing_file_is_a_termx_error(tmp_path: Path) -> None:
    with pytest.raises(TermxError, match="no such file"):
        load_glossary(tmp_path / "nope.tsv")


def test_csv_from_a_spreadsheet_with_bom_and_quotes(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_bytes(
        "\ufeffzh,en,status,note\r\n"
        '國防部長會議,"Defense Ministers\' Meeting",approved,"a, b | c"\r\n'.encode()
    )
    (entry,) = load_glossary(path).entries
    assert entry == GlossaryEntry(
        "國防部長會議", "Defense Ministers' Meeting", "approved", (), (), "a, b | c"
    )


def test_json_accepts_a_bare_array(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_text('[{"zh": "上海精神", "en": "Shanghai Spirit", "variants": []}]', "utf-8")
    assert load_glossary(path).entries == [GlossaryEntry("上海精神", "Shanghai Spirit", "approved")]


def test_json_bad_entry_is_named(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_text('{"entries": [{"zh": "上海精神", "en": 3}]}', "utf-8")
    with pytest.raises(TermxError, match="entry 1: 'en' must be a string"):
        load_glossary(path)


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    save_glossary(_glossary(), path)
    before = path.read_bytes()
    with pytest.raises(TermxError):
        # An unknown format fails before anything is written: the old file stays whole.
        save_glossary(Glossary([]), path, fmt="xlsx")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.tsv"]


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    path = tmp_path / "g.tsv"
    save_glossary(_glossary(), path)
    before = path.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(TermxError, match="cannot write: No space left on device"):
        save_glossary(Glossary(ENTRIES[:1]), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.tsv"]


def test_save_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    save_glossary(_glossary(), path)
    path.chmod(0o640)
    save_glossary(Glossary(ENTRIES[:2]), path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_save_into_a_missing_directory_is_a_termx_error(tmp_path: Path) -> None:
    with pytest.raises(TermxError, match="directory does not exist"):
        save_glossary(_glossary(), tmp_path / "nope" / "g.tsv")


def test_utf16_unicode_text_from_excel(tmp_path: Path) -> None:
    path = tmp_path / "excel"  # no extension: sniffed
    path.write_bytes("zh\ten\r\n上海精神\tShanghai Spirit\r\n".encode("utf-16"))
    assert load_glossary(path).entries == [GlossaryEntry("上海精神", "Shanghai Spirit", "approved")]
