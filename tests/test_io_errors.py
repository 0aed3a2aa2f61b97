"""Bad input: each case is one TermxError naming the file (and line where it helps)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from termx.errors import TermxError
from termx.io import ReadOptions, read_inputs, read_pairs

TSV = "上合組織\tSCO\n和平使命\tPeace Mission\n"
TMX_UNIT = (
    '<tu tuid="1"><tuv xml:lang="en"><seg>SCO</seg></tuv>'
    '<tuv xml:lang="zh"><seg>上合組織</seg></tuv></tu>'
)


def _pairs(path: Path, **options: str) -> list[tuple[str, str]]:
    return [(p.zh, p.en) for p in read_pairs(path, options=ReadOptions(**options))]


def test_non_utf8_bytes_name_line_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "gbk.tsv"
    path.write_bytes("上合組織\tSCO\n".encode() + "和平使命\tPeace Mission\n".encode("gb18030"))
    with pytest.raises(TermxError) as caught:
        _pairs(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:2: bytes that are not valid utf-8 at byte offset 17 ")
    assert "--encoding" in message


def test_explicit_encoding_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "gbk.tsv"
    path.write_bytes(TSV.encode("gb18030"))
    assert _pairs(path, encoding="gb18030") == [("上合組織", "SCO"), ("和平使命", "Peace Mission")]
    with pytest.raises(TermxError, match="unknown encoding 'klingon'"):
        _pairs(path, encoding="klingon")


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_byte_order_marks(tmp_path: Path, bom: bytes, codec: str) -> None:
    path = tmp_path / "bom.tsv"
    path.write_bytes(bom + TSV.encode(codec))
    assert _pairs(path) == [("上合組織", "SCO"), ("和平使命", "Peace Mission")]


def test_utf16_tmx(tmp_path: Path) -> None:
    path = tmp_path / "wide.tmx"
    text = (
        '<?xml version="1.0" encoding="UTF-16"?>\n<tmx version="1.4">'
        f'<header srclang="en"/><body>{TMX_UNIT}</body></tmx>\n'
    )
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert _pairs(path) == [("上合組織", "SCO")]


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE tmx [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>',
        '<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd" [<!ELEMENT tmx ANY>]>',
    ],
)
def test_doctype_and_entities_are_refused(tmp_path: Path, doctype: str) -> None:
    path = tmp_path / "evil.tmx"
    path.write_text(
        f'<?xml version="1.0"?>\n{doctype}\n<tmx version="1.4"><header srclang="en"/>'
        f"<body>{TMX_UNIT}</body></tmx>\n",
        encoding="utf-8",
    )
    with pytest.raises(
        TermxError, match=r"evil\.tmx:2: XML with entity declarations or an internal DTD"
    ):
        _pairs(path)


@pytest.mark.parametrize(
    "doctype",
    ['<!DOCTYPE tmx SYSTEM "tmx14.dtd">', '<!DOCTYPE tmx SYSTEM "http://example.com/tmx14.dtd">'],
)
def test_a_doctype_naming_an_external_dtd_is_read_without_loading_it(
    tmp_path: Path, doctype: str
) -> None:
    # What OmegaT and other CAT tools write; the DTD (absent, or on a network) is never fetched.
    path = tmp_path / "omegat.tmx"
    path.write_text(
        f'<?xml version="1.0"?>\n{doctype}\n<tmx version="1.4"><header srclang="en"/>'
        f"<body>{TMX_UNIT}</body></tmx>\n",
        encoding="utf-8",
    )
    assert _pairs(path) == [("上合組織", "SCO")]


def test_undeclared_entity_is_malformed_not_expanded(tmp_path: Path) -> None:
    path = tmp_path / "ent.tmx"
    path.write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n'
        '<tu><tuv xml:lang="en"><seg>&nbsp;SCO</seg></tuv>'
        '<tuv xml:lang="zh"><seg>上合</seg></tuv></tu></body></tmx>\n',
        encoding="utf-8",
    )
    with pytest.raises(TermxError, match=r"ent\.tmx:3: malformed XML: .*nbsp"):
        _pairs(path)


def test_malformed_xml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlf"
    path.write_text(
        '<?xml version="1.0"?>\n<xliff version="1.2">\n<file source-language="zh" '
        'target-language="en"><body>\n<trans-unit id="1"><source>上合</source>\n'
        "<target>SCO</source></trans-unit></body></file></xliff>\n",
        encoding="utf-8",
    )
    with pytest.raises(TermxError, match=r"broken\.xlf:5: malformed XML: Opening and ending tag"):
        _pairs(path)


def test_non_utf8_in_xml(tmp_path: Path) -> None:
    path = tmp_path / "latin.tmx"
    head = '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n'
    path.write_bytes(
        head.encode() + b'<tu><tuv xml:lang="en"><seg>caf' + b"\xe9</seg></tuv></tu></body></tmx>\n"
    )
    with pytest.raises(
        TermxError, match=r"latin\.tmx:3: bytes that are not valid UTF-8 at byte offset 101"
    ):
        _pairs(path)


def test_empty_inputs(tmp_path: Path) -> None:
    empty = tmp_path / "empty.tmx"
    empty.write_bytes(b"")
    with pytest.raises(TermxError, match=r"empty\.tmx: empty input"):
        _pairs(empty)
    blank = tmp_path / "blank.txt"
    blank.write_text("\n  \n\n", encoding="utf-8")
    with pytest.raises(TermxError, match=r"blank\.txt: empty input"):
        _pairs(blank)


def test_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "notes.dat"
    path.write_text("just some words\n", encoding="utf-8")
    with pytest.raises(TermxError, match=r"notes\.dat: unknown format .*--input-format"):
        _pairs(path)
    with pytest.raises(TermxError, match="unknown format 'docx'"):
        _pairs(path, fmt="docx")
    xml = tmp_path / "other.xml"
    xml.write_text('<?xml version="1.0"?>\n<html><body/></html>\n', encoding="utf-8")
    with pytest.raises(TermxError, match="neither TMX nor XLIFF"):
        _pairs(xml)
    wrong = tmp_path / "wrong.tmx"
    wrong.write_text('<?xml version="1.0"?>\n<xliff version="1.2"/>\n', encoding="utf-8")
    with pytest.raises(TermxError, match=r"wrong\.tmx:1: not a TMX file"):
        _pairs(wrong)


def test_missing_paths_and_directories(tmp_path: Path) -> None:
    with pytest.raises(TermxError, match=r"nope\.tmx: no such file or directory"):
        read_inputs([tmp_path / "nope.tmx"])
    (tmp_path / "empty_dir" / "sub").mkdir(parents=True)
    (tmp_path / "empty_dir" / "sub" / "image.png").write_bytes(b"\x89PNG")
    with pytest.raises(TermxError, match=r"empty_dir: directory has no supported files"):
        read_inputs([tmp_path / "empty_dir"])


def test_directory_is_read_recursively_with_joined_paths(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "b").mkdir(parents=True)
    (root / "a.tsv").write_text(TSV, encoding="utf-8")
    (root / "b" / "c.tmx").write_text(
        f'<tmx version="1.4"><header srclang="en"/><body>{TMX_UNIT}</body></tmx>', encoding="utf-8"
    )
    (root / "b" / "ignored.png").write_bytes(b"\x89PNG")
    pairs = list(read_inputs([root]))
    assert [(p.zh, str(p.origin)) for p in pairs] == [
        ("上合組織", f"{root}/a.tsv:1"),
        ("和平使命", f"{root}/a.tsv:2"),
        ("上合組織", f"{root}/b/c.tmx:1"),
    ]


def test_doctype_hidden_after_a_comment_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sly.tmx"
    path.write_text(
        '<?xml version="1.0"?>\n<!-- <tmx> looks like a root -->\n'
        '<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">]>\n'
        f'<tmx version="1.4"><header srclang="en"/><body>{TMX_UNIT}</body></tmx>\n',
        encoding="utf-8",
    )
    with pytest.raises(TermxError, match=r"sly\.tmx:3: XML with entity declarations"):
        _pairs(path)
