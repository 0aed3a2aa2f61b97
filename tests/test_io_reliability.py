"""Inputs and file-system states that once gave a traceback, a silent skip or a garbage pair:
each is now read correctly or refused with one line naming the file (exit 2)."""

from __future__ import annotations

import os
import pathlib
from pathlib import Path

import pytest
from conftest import run_termx

from termx.errors import TermxError
from termx.io import ReadOptions, read_inputs, read_pairs

ZH = "上海合作組織成員國國防部長會議在北京舉行。"
EN = "The meeting of SCO defence ministers was held in Beijing."


def _error(*args: str | Path) -> str:
    run = run_termx("align", *args)
    assert run.exit_code == 2, run
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    return lines[0]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "tm"
    folder.mkdir()
    (folder / "a.tsv").write_text(f"{ZH}\t{EN}\n", encoding="utf-8")
    return folder


def test_undeclared_entity_after_an_external_doctype_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "e.tmx"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">'
        '<header srclang="zh"/><body>\n<tu><tuv xml:lang="zh"><seg>上合組織</seg></tuv>'
        '<tuv xml:lang="en"><seg>&nbsp;SCO</seg></tuv></tu></body></tmx>\n',
        encoding="utf-8",
    )
    with pytest.raises(TermxError, match=r"e\.tmx:4: malformed XML: undefined entity &nbsp;"):
        list(read_pairs(path))
    # The same DOCTYPE with only the predefined entities reads.
    path.write_text(path.read_text().replace("&nbsp;", "&amp;"), encoding="utf-8")
    assert [p.en for p in read_pairs(path)] == ["&SCO"]


def test_a_document_opening_with_8_kib_of_blank_lines_is_sniffed(tmp_path: Path) -> None:
    for encoding in ("utf-8", "utf-16"):
        path = tmp_path / f"doc-{encoding}.txt"
        path.write_text("\n" * 9000 + f"{ZH}\n\n{EN}\n", encoding=encoding)
        assert [(p.zh, p.en, p.origin.line) for p in read_pairs(path)] == [(ZH, EN, 9003)]
        tsv = tmp_path / f"t-{encoding}.tsv"
        tsv.write_text(" \n" * 5000 + f"{ZH}\t{EN}\n", encoding=encoding)
        assert [p.en for p in read_pairs(tsv)] == [EN]


def test_a_cr_only_tsv_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "mac.tsv"
    path.write_bytes(f"{ZH}\t{EN}\r和平使命\tPeace Mission\r".encode())
    assert [(p.zh, p.en, p.origin.line) for p in read_pairs(path)] == [
        (ZH, EN, 1),
        ("和平使命", "Peace Mission", 2),
    ]
    path.write_bytes(f"{ZH}\t{EN}\r和平使命\tPeace Mission\r".encode("gb18030"))
    pairs = read_pairs(path, options=ReadOptions(encoding="gb18030"))
    assert [p.en for p in pairs] == [EN, "Peace Mission"]


@pytest.mark.parametrize("encoding", ["rot13", "zlib_codec", "idna", "base64"])
def test_only_text_encodings_are_accepted(tmp_path: Path, encoding: str) -> None:
    path = _folder(tmp_path) / "a.tsv"
    assert _error(path, "--encoding", encoding) == (
        f"termx: error: {encoding!r} is not a text file encoding (try utf-8, gb18030, big5, utf-16)"
    )


def test_utf16_named_for_a_file_without_bom(tmp_path: Path) -> None:
    path = _folder(tmp_path) / "a.tsv"
    assert "cannot decode as utf-16" in _error(path, "--encoding", "utf-16")


def test_dangling_symlink_in_a_directory(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "gone.tsv").symlink_to(tmp_path / "nowhere.tsv")
    line = _error(folder)
    assert line == f"termx: error: {folder / 'gone.tsv'}: dangling symbolic link (no such target)"


def test_symlink_loops_in_a_directory(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "x.tsv").symlink_to(folder / "y.tsv")
    (folder / "y.tsv").symlink_to(folder / "x.tsv")
    assert _error(folder) == f"termx: error: {folder / 'x.tsv'}: symbolic link loop"
    (folder / "x.tsv").unlink()
    (folder / "y.tsv").unlink()
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)
    assert _error(folder).startswith(f"termx: error: {folder / 'sub' / 'up'}: symbolic link loop")


def test_unreadable_subdirectory_and_file_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    locked = folder / "locked"
    locked.mkdir()
    (locked / "b.tsv").write_text(f"{ZH}\t{EN}\n", encoding="utf-8")
    real_scandir, real_open = os.scandir, pathlib.Path.open

    def scandir(path: str | os.PathLike[str]) -> object:
        # chmod 000 does not stop root (CI containers): refuse as the kernel would.
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert _error(folder) == f"termx: error: {locked}: cannot read directory: Permission denied"
    monkeypatch.setattr(os, "scandir", real_scandir)

    def open_(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "b.tsv":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pathlib.Path, "open", open_)
    assert _error(folder) == f"termx: error: {locked / 'b.tsv'}: cannot read: Permission denied"
    with pytest.raises(TermxError):
        read_inputs([folder])  # before the first pair, not half-way


def test_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.tsv"
    os.mkfifo(fifo)
    assert _error(fifo) == f"termx: error: {fifo}: not a regular file (a FIFO, socket or device)"
    folder = _folder(tmp_path)
    os.mkfifo(folder / "pipe.tsv")
    assert "not a regular file" in _error(folder)
