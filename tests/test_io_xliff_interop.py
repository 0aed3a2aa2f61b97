"""XLIFF as CAT tools really write it: folders of many languages, no target-language, wrong
language labels, untranslated states, Trados .sdlxliff and memoQ .mqxliff segments.

The .sdlxliff and .mqxliff samples in tests/data/cat were written by hand from the published
shape of those formats (XLIFF 1.2 plus the tools' namespaces: Trados' sdl:seg-defs and
<mrk mtype="seg"> segments, memoQ's mq:status), not exported by the tools themselves.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA, FORMATS, run_termx

from termx.errors import TermxError
from termx.io import ReadOptions, ReadStats, read_inputs, read_pairs

REAL = FORMATS / "real"
# Hand-written samples (see the module docstring).
CAT = DATA / "cat"
UNITS = [
    (
        "上海合作组织成员国国防部长会议在北京举行。",
        "The SCO defence ministers' meeting was held in Beijing.",
    ),
    ("中方愿同各方加强反恐合作。", "China is willing to strengthen counter-terrorism cooperation."),
    ("联合演习顺利结束。", "The joint exercise ended successfully."),
]


def _xliff(tmp_path: Path, attributes: str, units: str, name: str = "d.xlf") -> Path:
    path = tmp_path / name
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        f'<file original="a.txt" datatype="plaintext" {attributes}><body>\n{units}'
        "</body></file></xliff>\n",
        encoding="utf-8",
    )
    return path


def _units(pairs: list[tuple[str, str]], state: str = "") -> str:
    return "".join(
        f'<trans-unit id="u{n}"><source>{s}</source><target{state}>{t}</target></trans-unit>\n'
        for n, (s, t) in enumerate(pairs, start=1)
    )


def test_directory_walk_skips_other_languages_and_counts_them(tmp_path: Path) -> None:
    for name in ("xcode-loop.de.xliff", "xcode-loop.zh-Hans.xliff"):
        shutil.copy(REAL / name, tmp_path / name)
    stats = ReadStats()
    pairs = list(read_inputs([tmp_path], stats=stats))
    assert pairs and all(p.origin.path.endswith("zh-Hans.xliff") for p in pairs)
    assert {p.source for p in pairs} == {"en"}
    assert any(p.en == "Transmitter ID" and p.zh == "发射器编号" for p in pairs)
    assert [item.origin.path for item in stats.skipped_files] == [
        str(tmp_path / "xcode-loop.de.xliff")
    ]
    assert stats.files == [str(tmp_path / "xcode-loop.zh-Hans.xliff")]
    # Xcode copies untranslatable strings ("Amplitude" → "Amplitude"): counted, not pairs.
    assert stats.reasons["untranslated copy (target = source)"] > 0
    run = run_termx("align", tmp_path, "-o", tmp_path / "out.tsv")
    assert run.exit_code == 0, run.stderr
    assert "1 file skipped (not Chinese–English)" in run.stderr
    # Named on its own, the German file is an error.
    run = run_termx("align", tmp_path / "xcode-loop.de.xliff")
    assert run.exit_code == 2
    assert "xcode-loop.de.xliff:3: XLIFF languages must be Chinese and English" in run.stderr


def test_missing_target_language_is_inferred_from_the_script() -> None:
    stats = ReadStats()
    pairs = list(read_pairs(REAL / "angular-g0v-timeline.messages.zh.xlf", stats=stats))
    assert len(pairs) == 18
    assert pairs[0].zh == "g0v 時間軸" and pairs[0].en == "g0v timeline"
    assert {p.source for p in pairs} == {"en"}


def test_a_wrong_language_label_is_refused_and_can_be_overridden(tmp_path: Path) -> None:
    swapped = [(en, zh) for zh, en in UNITS]  # English sources, Chinese targets
    path = _xliff(tmp_path, 'source-language="zh-CN" target-language="en"', _units(swapped))
    with pytest.raises(TermxError, match=r"d\.xlf:3: the file says source-language=\"zh-CN\""):
        list(read_pairs(path))
    pairs = list(read_pairs(path, options=ReadOptions(source_lang="en")))
    assert [(p.zh, p.en, p.source) for p in pairs] == [(zh, en, "en") for zh, en in UNITS]
    run = run_termx("align", path, "--source-lang", "en", "-o", tmp_path / "o.tsv")
    assert run.exit_code == 0 and "3 pairs" in run.stderr
    assert run_termx("align", path).stderr.count("--source-lang en") == 1


def test_no_languages_at_all_are_inferred(tmp_path: Path) -> None:
    path = _xliff(tmp_path, "", _units(UNITS))
    pairs = list(read_pairs(path))
    assert [(p.zh, p.en, p.source) for p in pairs] == [(zh, en, "zh") for zh, en in UNITS]


@pytest.mark.parametrize("state", ["new", "needs-translation"])
def test_untranslated_states_are_skipped_unless_asked(tmp_path: Path, state: str) -> None:
    units = _units(UNITS[:1]) + _units(UNITS[1:], f' state="{state}"').replace('"u1"', '"u9"')
    path = _xliff(tmp_path, 'source-language="zh" target-language="en-US"', units)
    stats = ReadStats()
    assert [p.en for p in read_pairs(path, stats=stats)] == [UNITS[0][1]]
    assert stats.reasons == {"target not translated yet (state)": 2}
    included = read_pairs(path, options=ReadOptions(include_untranslated=True))
    assert len(list(included)) == 3


def test_xliff2_initial_segments_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "d.xlf"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" '
        'trgLang="en">\n<file id="f"><unit id="1">'
        f'<segment state="translated"><source>{UNITS[0][0]}</source><target>{UNITS[0][1]}'
        f'</target></segment><segment state="initial"><source>{UNITS[1][0]}</source>'
        f"<target>{UNITS[1][1]}</target></segment></unit></file></xliff>\n",
        encoding="utf-8",
    )
    stats = ReadStats()
    assert [p.en for p in read_pairs(path, stats=stats)] == [UNITS[0][1]]
    assert stats.reasons == {"target not translated yet (state)": 1}


def test_trados_sdlxliff_segments(tmp_path: Path) -> None:
    shutil.copy(CAT / "news.docx.sdlxliff", tmp_path)
    stats = ReadStats()
    pairs = list(read_inputs([tmp_path], stats=stats))
    assert [(p.zh, p.en, p.origin.unit) for p in pairs] == [
        (UNITS[0][0], UNITS[0][1], "0b6e7a1c-2d3f-4e5a-8b9c-1d2e3f4a5b6c/1"),
        (UNITS[1][0], UNITS[1][1], "0b6e7a1c-2d3f-4e5a-8b9c-1d2e3f4a5b6c/2"),
    ]
    assert stats.reasons == {"unit without a target": 2}


def test_memoq_mqxliff(tmp_path: Path) -> None:
    shutil.copy(CAT / "news.docx.mqxliff", tmp_path)
    stats = ReadStats()
    pairs = list(read_inputs([tmp_path], stats=stats))
    assert [(p.zh, p.en) for p in pairs] == [UNITS[0], UNITS[2]]
    assert stats.reasons == {"target not translated yet (state)": 1}
