"""TMX reading: language spellings, inline markup, entities, streaming, real TICO-19 TMX."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TICO

from termx.errors import TermxError
from termx.io import ReadStats, read_pairs
from termx.model import Origin


def _tmx(tmp_path: Path, body: str, srclang: str = "zh-CN", name: str = "memory.tmx") -> Path:
    path = tmp_path / name
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tmx version="1.4">\n'
        f'<header srclang="{srclang}" datatype="plaintext" segtype="sentence" o-tmf="x" '
        'adminlang="en" creationtool="t" creationtoolversion="1"/>\n'
        f"<body>\n{body}</body>\n</tmx>\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("zh_lang", "en_lang"),
    [
        ("zh", "en"),
        ("zh-CN", "en-US"),
        ("zh-Hans", "en-GB"),
        ("zh-TW", "EN"),
        ("zh-Hant", "en_US"),
        ("ZH-CN", "En-Us"),
    ],
)
def test_any_language_spelling(tmp_path: Path, zh_lang: str, en_lang: str) -> None:
    body = (
        '<tu tuid="7">\n'
        f'  <tuv xml:lang="{en_lang}"><seg>Shanghai Cooperation Organization</seg></tuv>\n'
        f'  <tuv xml:lang="{zh_lang}"><seg>上海合作組織</seg></tuv>\n'
        "</tu>\n"
    )
    path = _tmx(tmp_path, body)
    [pair] = list(read_pairs(path))
    assert (pair.zh, pair.en) == ("上海合作組織", "Shanghai Cooperation Organization")
    assert pair.origin == Origin(str(path), 5, "7")
    assert pair.source == "zh"


def test_inline_markup_removed_and_tails_kept(tmp_path: Path) -> None:
    body = (
        '<tu tuid="1">\n'
        '<tuv xml:lang="zh-CN"><seg>中國軍隊將<bpt i="1">&lt;b&gt;</bpt>大力弘揚<ept i="1">'
        "&lt;/b&gt;</ept>“上海精神”<ph>&lt;br/&gt;</ph>。</seg></tuv>\n"
        '<tuv xml:lang="en-US"><seg>The Chinese military will carry forward the '
        '<bpt i="1">{1}</bpt><hi type="b">Shanghai Spirit</hi><ept i="1">{/1}</ept>'
        '<it pos="begin">&lt;i&gt;</it> today<ph x="2"/>.</seg></tuv>\n'
        "</tu>\n"
    )
    [pair] = list(read_pairs(_tmx(tmp_path, body)))
    assert pair.zh == "中國軍隊將大力弘揚“上海精神”。"
    assert pair.en == "The Chinese military will carry forward the Shanghai Spirit today."


def test_entities_and_pinyin_cleaned(tmp_path: Path) -> None:
    body = (
        '<tu><tuv xml:lang="zh"><seg>團結(jié)協(xié)作 &amp; 眾行致遠&#x3002;</seg></tuv>'
        '<tuv xml:lang="en"><seg>United &amp; steady &lt;together&gt;&#46;</seg></tuv></tu>\n'
    )
    [pair] = list(read_pairs(_tmx(tmp_path, body)))
    assert pair.zh == "團結協作 & 眾行致遠。"
    assert pair.en == "United & steady <together>."
    # No tuid: the origin is the <tu> line.
    assert str(pair.origin).endswith("memory.tmx:5")


def test_english_source_and_units_missing_a_side(tmp_path: Path) -> None:
    body = (
        '<tu tuid="a"><tuv xml:lang="en"><seg>fever</seg></tuv>'
        '<tuv xml:lang="zh"><seg>发热</seg></tuv></tu>\n'
        '<tu tuid="b"><tuv xml:lang="en"><seg>cough</seg></tuv>'
        '<tuv xml:lang="fr"><seg>toux</seg></tuv></tu>\n'
        '<tu tuid="c"><tuv xml:lang="en"><seg>rash</seg></tuv>'
        '<tuv xml:lang="zh"><seg>  </seg></tuv></tu>\n'
        '<tu tuid="d" srclang="zh"><tuv xml:lang="en"><seg>SCO</seg></tuv>'
        '<tuv xml:lang="zh"><seg>上合组织</seg></tuv></tu>\n'
    )
    stats = ReadStats()
    pairs = list(read_pairs(_tmx(tmp_path, body, srclang="en"), stats=stats))
    assert [(p.zh, p.en, p.source, p.origin.unit) for p in pairs] == [
        ("发热", "fever", "en", "a"),
        ("上合组织", "SCO", "zh", "d"),
    ]
    assert stats.pairs == 2
    assert stats.reasons == {"<tu> without Chinese text": 2}
    assert [item.origin.unit for item in stats.skipped] == ["b", "c"]


def test_reader_is_lazy(tmp_path: Path) -> None:
    # The pairs before a syntax error are yielded before the parser reaches it. libxml2 reads
    # in chunks (lxml 6.2: about 32 KB, so a few units fail in the first chunk): the error
    # sits half a megabyte into the file, far past any chunk.
    body = (
        '<tu tuid="1"><tuv xml:lang="zh"><seg>防务</seg></tuv>'
        '<tuv xml:lang="en"><seg>defense</seg></tuv></tu>\n' * 5000 + "<tu><tuv></tu>\n"
    )
    pairs = read_pairs(_tmx(tmp_path, body))
    assert next(pairs).en == "defense"
    with pytest.raises(TermxError, match=r"memory\.tmx:\d+: malformed XML"):
        list(pairs)


def test_real_tico19_tmx() -> None:
    path = TICO / "pairs.tmx"
    stats = ReadStats()
    pairs = list(read_pairs(path, stats=stats))
    tsv_rows = (TICO / "pairs.tsv").read_text(encoding="utf-8").count("\n")
    assert len(pairs) == tsv_rows and stats.skipped_count == 0
    assert pairs[0].zh == "这些症状已持续多长时间？"
    assert pairs[0].en == "about how long have these symptoms been going on?"
    assert pairs[0].source == "en" and pairs[0].origin.unit == "CMU_1:1"
    # TICO-19 escapes "<" twice (&amp;lt;); the reader shows what the translator typed.
    assert not any("&lt;" in p.en or "&gt;" in p.zh for p in pairs)
    assert any("aged < 19 years" in p.en for p in pairs)


def test_a_tmx_saved_as_txt_is_recognised_by_its_content(tmp_path: Path) -> None:
    unit = (
        '<tu><tuv xml:lang="zh-CN"><seg>和平使命</seg></tuv>'
        '<tuv xml:lang="en-US"><seg>Peace Mission</seg></tuv></tu>\n'
    )
    path = _tmx(tmp_path, unit, name="export.txt")
    assert [(p.zh, p.en) for p in read_pairs(path)] == [("和平使命", "Peace Mission")]
