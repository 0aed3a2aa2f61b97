"""XLIFF 1.2 and 2.x, both directions, units without a target skipped and counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from termx.errors import TermxError
from termx.io import ReadStats, read_pairs


def _xliff12(tmp_path: Path, source: str, target: str, units: str) -> Path:
    path = tmp_path / "doc.xlf"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        f'<file original="a.html" source-language="{source}" target-language="{target}" '
        'datatype="html">\n<body>\n'
        f"{units}</body>\n</file>\n</xliff>\n",
        encoding="utf-8",
    )
    return path


def _xliff2(tmp_path: Path, source: str, target: str, units: str, version: str = "2.1") -> Path:
    path = tmp_path / "doc.xliff"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="{version}" '
        f'srcLang="{source}" trgLang="{target}">\n'
        f'<file id="f1">\n{units}</file>\n</xliff>\n',
        encoding="utf-8",
    )
    return path


def test_xliff12_zh_to_en_with_inline_codes(tmp_path: Path) -> None:
    units = (
        '<trans-unit id="t1">\n'
        '  <source>中國國防部長<g id="1">董軍</g>主持會議<x id="2"/>。</source>\n'
        '  <target>Defense Minister <g id="1">Dong Jun</g> presided<x id="2"/>.</target>\n'
        "</trans-unit>\n"
        '<trans-unit id="t2"><source>結束語</source></trans-unit>\n'
        '<trans-unit id="t3"><source>和平使命</source><target/></trans-unit>\n'
        '<trans-unit id="t4"><source>上合組織</source>'
        '<target state="translated">SCO<ph id="5">&lt;br&gt;</ph></target></trans-unit>\n'
    )
    stats = ReadStats()
    path = _xliff12(tmp_path, "zh-CN", "en-US", units)
    pairs = list(read_pairs(path, stats=stats))
    assert [(p.zh, p.en, p.source, p.origin.unit) for p in pairs] == [
        ("中國國防部長董軍主持會議。", "Defense Minister Dong Jun presided.", "zh", "t1"),
        ("上合組織", "SCO", "zh", "t4"),
    ]
    assert pairs[0].origin.line == 5
    assert stats.reasons == {"unit without a target": 2}
    assert [s.origin.unit for s in stats.skipped] == ["t2", "t3"]
    assert stats.skipped[0].text == "結束語" and stats.skipped[0].lang == "zh"


def test_xliff12_en_to_zh(tmp_path: Path) -> None:
    units = (
        '<trans-unit id="1"><source>Wash your hands often.</source>'
        "<target>经常洗手。</target></trans-unit>\n"
    )
    [pair] = list(read_pairs(_xliff12(tmp_path, "en", "zh-Hans", units)))
    assert (pair.zh, pair.en, pair.source) == ("经常洗手。", "Wash your hands often.", "en")


@pytest.mark.parametrize("version", ["2.0", "2.1"])
def test_xliff2_en_to_zh_segments(tmp_path: Path, version: str) -> None:
    units = (
        '<unit id="u1">\n'
        '  <segment><source>People with <pc id="1">mild symptoms</pc> should stay home.'
        '</source><target>有<pc id="1">轻微症状</pc>的人应居家。</target></segment>\n'
        "  <ignorable><source> </source></ignorable>\n"
        '  <segment><source>Call a doctor<ph id="2"/>.</source>'
        '<target>请联系医生<ph id="2"/>。</target></segment>\n'
        "</unit>\n"
        '<unit id="u2"><segment state="initial"><source>Fever</source></segment></unit>\n'
    )
    stats = ReadStats()
    pairs = list(read_pairs(_xliff2(tmp_path, "en-US", "zh-CN", units, version), stats=stats))
    assert [(p.zh, p.en, p.source, p.origin.unit) for p in pairs] == [
        ("有轻微症状的人应居家。", "People with mild symptoms should stay home.", "en", "u1"),
        ("请联系医生。", "Call a doctor.", "en", "u1"),
    ]
    assert stats.reasons == {"unit without a target": 1}


def test_xliff2_zh_to_en(tmp_path: Path) -> None:
    units = (
        '<unit id="title"><segment><source>結(jié)束語(yǔ)</source>'
        "<target>Closing Remarks</target></segment></unit>\n"
    )
    [pair] = list(read_pairs(_xliff2(tmp_path, "zh-TW", "en", units)))
    assert (pair.zh, pair.en, pair.source) == ("結束語", "Closing Remarks", "zh")
    assert str(pair.origin).endswith("doc.xliff:4")


def test_xliff_with_other_languages_is_an_error(tmp_path: Path) -> None:
    units = '<trans-unit id="1"><source>Hallo</source><target>Bonjour</target></trans-unit>\n'
    with pytest.raises(TermxError, match=r"doc\.xlf:\d+: XLIFF languages must be Chinese"):
        list(read_pairs(_xliff12(tmp_path, "de", "fr", units)))
