"""`termx: ignore` directives read by every reader, in every encoding the readers accept."""

from __future__ import annotations

from pathlib import Path

import pytest

from termx.io import read_inputs, read_pairs, read_parallel
from termx.io.directives import ALL, parse_directive, strip_directive, take

ZH = "上海合作組織成員國國防部長會議在北京舉行。"
EN = "The meeting of defence ministers of SCO member states was held in Beijing."
ZH2 = "中方願同各方加強反恐合作。"
EN2 = "China is willing to strengthen counter-terrorism cooperation with all parties."


def test_parse_and_strip() -> None:
    assert parse_directive("no directive here") is None
    assert parse_directive("# termx: ignore") == ALL
    assert parse_directive("<!-- termx: ignore[missing-term, inconsistent] -->") == frozenset(
        {"missing-term", "inconsistent"}
    )
    assert parse_directive("// termx:ignore[]") == ALL
    assert strip_directive(f"{EN}  # termx: ignore[forbidden-term]") == EN
    assert take(EN) == (EN, None)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030"])
def test_tsv_directive_column_in_every_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "pairs.tsv"
    text = f"{ZH}\t{EN}\t# termx: ignore[missing-term]\n{ZH2}\t{EN2}\n"
    path.write_bytes(text.encode(encoding))
    given = None if encoding in ("utf-8", "utf-8-sig", "utf-16") else encoding
    from termx.io import ReadOptions

    pairs = list(read_pairs(path, options=ReadOptions(encoding=given)))
    assert [(p.zh, p.en, p.ignore) for p in pairs] == [
        (ZH, EN, frozenset({"missing-term"})),
        (ZH2, EN2, None),
    ]


def test_directive_inside_a_field_is_removed_from_the_text(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text(f'zh,en\n{ZH},"{EN} # termx: ignore"\n', encoding="utf-8")
    (pair,) = read_pairs(path)
    assert pair.en == EN and pair.ignore == ALL


def test_bidoc_trailing_comment(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(
        f"{ZH}\n\n{EN}  <!-- termx: ignore[inconsistent] -->\n\n{ZH2}\n\n{EN2}\n", "utf-16"
    )
    pairs = list(read_pairs(path))
    assert [(p.en, p.ignore) for p in pairs] == [
        (EN, frozenset({"inconsistent"})),
        (EN2, None),
    ]


def test_parallel_files(tmp_path: Path) -> None:
    zh, en = tmp_path / "a.zh.txt", tmp_path / "a.en.txt"
    zh.write_text(f"{ZH}\n{ZH2}  # termx: ignore\n", encoding="utf-8")
    en.write_text(f"{EN}\n{EN2}\n", encoding="utf-8")
    pairs = list(read_parallel(zh, en))
    assert [(p.zh, p.ignore) for p in pairs] == [(ZH, None), (ZH2, ALL)]
    assert [p.ignore for p in read_inputs([tmp_path])] == [None, ALL]


def test_tmx_comment_on_the_tu_line(tmp_path: Path) -> None:
    path = tmp_path / "m.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-16"?>\n<tmx version="1.4"><header srclang="zh"/>'
        "<body>\n"
        f'<tu tuid="1"><!-- termx: ignore[forbidden-term] -->\n'
        f'<tuv xml:lang="zh"><seg>{ZH}</seg></tuv><tuv xml:lang="en"><seg>{EN}</seg></tuv></tu>\n'
        f'<tu tuid="2">\n<!-- termx: ignore -->'
        f'<tuv xml:lang="zh"><seg>{ZH2}</seg></tuv><tuv xml:lang="en"><seg>{EN2}</seg></tuv></tu>\n'
        "</body></tmx>\n",
        encoding="utf-16",
    )
    pairs = list(read_pairs(path))
    # The second comment is not on the line of its <tu>: as documented, it does not apply.
    assert [(p.zh, p.en, p.ignore) for p in pairs] == [
        (ZH, EN, frozenset({"forbidden-term"})),
        (ZH2, EN2, None),
    ]


def test_xliff_comment_on_the_unit_line_and_in_a_segment(tmp_path: Path) -> None:
    path = tmp_path / "d.xlf"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file source-language="zh-CN" target-language="en" datatype="plaintext"><body>\n'
        f'<trans-unit id="a"><!-- termx: ignore[missing-term] --><source>{ZH}</source>\n'
        f"<target>{EN}</target></trans-unit>\n"
        f'<trans-unit id="b"><source>{ZH2}</source>\n'
        f"<target>{EN2} <!-- ordinary comment --> # termx: ignore</target></trans-unit>\n"
        "</body></file></xliff>\n",
        encoding="utf-8",
    )
    pairs = list(read_pairs(path))
    assert [(p.en, p.ignore) for p in pairs] == [(EN, frozenset({"missing-term"})), (EN2, ALL)]
