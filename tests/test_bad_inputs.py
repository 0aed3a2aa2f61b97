"""The bad-input suite (issue 13's acceptance): every class of broken input or odd file-system
state, for every command that reads it.

Each case builds its files at test time (small: the point is the class, not the size; the huge
versions are benchmarks), runs the CLI in-process and asserts the one contract: exit 0 or 1 with
the right output, or exit 2 with exactly one line ``termx: error: …`` naming the bad file, and
never a traceback, an internal error or a hang (a FIFO is refused without being opened).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import Run, run_termx
from hypothesis import given, settings
from hypothesis import strategies as st

# Real text from the seeds: one pair in which the glossary term 上合組織 → SCO is satisfied.
ZH = "在上合組織建立發展過程中，防務安全合作發揮著特殊重要作用。"
EN = "Throughout the development of the SCO, defense cooperation has played a special role."
PAIRS = f"{ZH}\t{EN}\n"
GLOSSARY = "zh\ten\tstatus\n上合組織\tSCO\tapproved\n"
CANDIDATES = (
    "zh\ten\tscore\tfrequency\n上合組織\tSCO\t0.950\t3\n和平使命\tPeace Mission\t0.400\t1\n"
)
BASELINE = json.dumps({"version": 1, "tool": "termx", "findings": []})
ESC = "\x1b[2J\x1b]0;owned\x07"

Content = str | bytes | Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    """``files`` are written into an empty directory, then ``termx ARGS`` runs there."""

    args: tuple[str, ...]
    files: dict[str, Content]
    codes: frozenset[int]  # the exit codes allowed
    names: str = ""  # the file a one-line error (exit 2) must name
    says: str = ""  # a fragment stdout or stderr must hold


def fifo(path: Path) -> None:
    os.mkfifo(path)


def directory(path: Path) -> None:
    path.mkdir()


def dangling(path: Path) -> None:
    path.mkdir()
    (path / "a.tsv").write_text(PAIRS, "utf-8")
    (path / "gone.tsv").symlink_to(path / "nowhere.tsv")


def loop(path: Path) -> None:
    path.mkdir()
    (path / "a.tsv").write_text(PAIRS, "utf-8")
    (path / "x.tsv").symlink_to(path / "y.tsv")
    (path / "y.tsv").symlink_to(path / "x.tsv")


def read_only(text: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_text(text, "utf-8")
        path.chmod(0o444)

    return make


ERROR, OK, FINDINGS = frozenset({2}), frozenset({0}), frozenset({1})

# ----------------------------------------------------------------------- JSON of every kind

BIG_INT = "1" * 5000
NESTED = "[" * 100_000 + "]" * 100_000


def _candidate(**fields: object) -> str:
    return json.dumps([{"zh": "上合組織", "en": "SCO", "score": 0.9, **fields}])


JSON_CANDIDATES = {
    "huge integer": f'[{{"zh": "上合組織", "en": "SCO", "score": {BIG_INT}}}]',
    "deep nesting": NESTED,
    "1e400": '[{"zh": "上合組織", "en": "SCO", "score": 1e400}]',
    "lone surrogate": '[{"zh": "上合組織\\ud800", "en": "SCO", "score": 0.9}]',
    "NaN score": '[{"zh": "上合組織", "en": "SCO", "score": NaN}]',
    "examples [null]": _candidate(examples=[None]),
    "evidence [null]": _candidate(evidence=[None]),
    "samples one-sided": _candidate(samples=[["只有中文"]]),
    "examples a string": _candidate(examples="seeds/a.txt:3"),
    "frequency 1e400": '[{"zh": "上合組織", "en": "SCO", "score": 0.5, "frequency": 1e400}]',
    "frequency true": _candidate(frequency=True),
    "score a string": _candidate(score="high"),
    "no score": json.dumps([{"zh": "上合組織", "en": "SCO"}]),
    "object, not a list": json.dumps({"zh": "上合組織", "en": "SCO", "score": 0.9}),
    "candidates not a list": json.dumps({"candidates": {"zh": "上合組織"}}),
    "list of numbers": "[1, 2, 3]",
    "JSON Lines, line 2 broken": '{"zh": "上合組織", "en": "SCO", "score": 0.9}\n{"zh": \n',
}
JSON_GLOSSARIES = {
    "huge integer": f'[{{"zh": "上合組織", "en": "SCO", "note": {BIG_INT}}}]',
    "deep nesting": NESTED,
    "1e400": '[{"zh": "上合組織", "en": "SCO", "note": 1e400}]',
    "lone surrogate": '[{"zh": "上合組織", "en": "SCO\\ud800"}]',
    "NaN": '[{"zh": "上合組織", "en": "SCO", "note": NaN}]',
    "variants [null]": json.dumps([{"zh": "上合組織", "en": "SCO", "variants": [None]}]),
    "entries an object": json.dumps({"entries": {"zh": "上合組織", "en": "SCO"}}),
    "a bare string": json.dumps("上合組織"),
    "entry a number": "[1]",
    "status unknown": json.dumps([{"zh": "上合組織", "en": "SCO", "status": "maybe"}]),
    "control character": json.dumps([{"zh": "上合組織", "en": f"SCO{ESC}"}]),
}
JSON_BASELINES = {
    "huge integer": '{"version": 1, "findings": [{"rule": "missing-term", "path": "p.tsv", '
    f'"term": "上合組織", "found": "", "count": {BIG_INT}}}]}}',
    "deep nesting": '{"version": 1, "findings": ' + NESTED + "}",
    "1e400": '{"version": 1, "findings": [{"rule": "missing-term", "path": "p.tsv", '
    '"term": "上合組織", "found": "", "count": 1e400}]}',
    "lone surrogate": '{"version": 1, "findings": [{"rule": "missing-term", "path": "p.tsv", '
    '"term": "\\ud800", "found": "", "count": 1}]}',
    "NaN": '{"version": 1, "findings": [{"rule": "x", "path": "p", "term": "t", "found": "", '
    '"count": NaN}]}',
    "findings an object": '{"version": 1, "findings": {"rule": "x"}}',
    "findings [null]": '{"version": 1, "findings": [null]}',
    "count 1.5": '{"version": 1, "findings": [{"rule": "x", "path": "p", "term": "t", '
    '"found": "", "count": 1.5}]}',
    "count 0": '{"version": 1, "findings": [{"rule": "x", "path": "p", "term": "t", '
    '"found": "", "count": 0}]}',
    "wrong version": '{"version": 7, "findings": []}',
    "a list": "[]",
}

CASES: dict[str, Case] = {}
for label, text in JSON_CANDIDATES.items():
    CASES[f"review: candidates JSON, {label}"] = Case(
        ("review", "c.json", "-g", "g.tsv", "--accept-above", "0.8", "--yes"),
        {"c.json": text},
        ERROR,
        "c.json",
    )
for label, text in JSON_GLOSSARIES.items():
    CASES[f"glossary show: JSON, {label}"] = Case(
        ("glossary", "show", "g.json"), {"g.json": text}, ERROR, "g.json"
    )
    CASES[f"check -g: JSON, {label}"] = Case(
        ("check", "p.tsv", "-g", "g.json"), {"p.tsv": PAIRS, "g.json": text}, ERROR, "g.json"
    )
    CASES[f"glossary import: JSON, {label}"] = Case(
        ("glossary", "import", "g.json", "-g", "ours.tsv"),
        {"g.json": text, "ours.tsv": GLOSSARY},
        ERROR,
        "g.json",
    )
for label, text in JSON_BASELINES.items():
    CASES[f"check --baseline: {label}"] = Case(
        ("check", "p.tsv", "-g", "g.tsv", "--baseline", "b.json"),
        {"p.tsv": PAIRS, "g.tsv": GLOSSARY, "b.json": text},
        ERROR,
        "b.json",
    )
for label in ("huge integer", "lone surrogate", "entries an object"):
    CASES[f"extract -g: JSON, {label}"] = Case(
        ("extract", "p.tsv", "-g", "g.json", "-o", "c.tsv"),
        {"p.tsv": PAIRS, "g.json": JSON_GLOSSARIES[label]},
        ERROR,
        "g.json",
    )
    CASES[f"glossary lint: JSON, {label}"] = Case(
        ("glossary", "lint", "g.json"), {"g.json": JSON_GLOSSARIES[label]}, ERROR, "g.json"
    )

# ----------------------------------------------------------------------- tabular files

CASES.update(
    {
        "review: TSV candidates without a score column": Case(
            ("review", "c.tsv", "-g", "g.tsv", "--accept-above", "0.8", "--yes"),
            {"c.tsv": "zh\ten\n上合組織\tSCO\n"},
            ERROR,
            "c.tsv:1",
        ),
        "review: headerless two-column list, no score": Case(
            ("review", "c.tsv", "-g", "g.tsv", "--accept-above", "0.8", "--yes"),
            {"c.tsv": "上合組織\tSCO\n"},
            ERROR,
            "c.tsv:1",
        ),
        "review: TSV score nan": Case(
            ("review", "c.tsv", "-g", "g.tsv", "--accept-above", "0.8", "--yes"),
            {"c.tsv": "zh\ten\tscore\n上合組織\tSCO\tnan\n"},
            ERROR,
            "c.tsv:2",
        ),
        "review: TSV score inf": Case(
            ("review", "c.tsv", "-g", "g.tsv", "--accept-above", "0.8", "--yes"),
            {"c.tsv": "zh\ten\tscore\n上合組織\tSCO\tinf\n"},
            ERROR,
            "c.tsv:2",
        ),
        "review: TSV frequency of 5,000 digits": Case(
            ("review", "c.tsv", "-g", "g.tsv", "--accept-above", "0.8", "--yes"),
            {"c.tsv": f"zh\ten\tscore\tfrequency\n上合組織\tSCO\t0.9\t{BIG_INT}\n"},
            ERROR,
            "c.tsv:2",
        ),
        "review: CSV with an open quote": Case(
            ("review", "c.csv", "-g", "g.tsv", "--accept-above", "0.8", "--yes"),
            {"c.csv": 'zh,en,score\n上合組織,SCO,0.9\n和平使命,"Peace,0.5\n'},
            ERROR,
            "c.csv",
        ),
        "review: candidates not UTF-8": Case(
            ("review", "c.tsv", "-g", "g.tsv", "--accept-above", "0.8", "--yes"),
            {"c.tsv": b"zh\ten\tscore\n" + "上合組織\tSCO\t0.9\n".encode("big5")},
            ERROR,
            "c.tsv:2",
        ),
        "review: binary garbage as candidates": Case(
            ("review", "c.tsv", "-g", "g.tsv", "--accept-above", "0.8", "--yes"),
            {"c.tsv": bytes(range(256)) * 4},
            ERROR,
            "c.tsv",
        ),
        "review: empty candidates file": Case(
            ("review", "c.tsv", "-g", "g.tsv", "--accept-above", "0.8", "--yes"),
            {"c.tsv": ""},
            OK,
            says="No candidates in c.tsv",
        ),
        "review: the glossary is not UTF-8": Case(
            ("review", "c.tsv", "-g", "g.tsv", "--accept-above", "0.8", "--yes"),
            {"c.tsv": CANDIDATES, "g.tsv": b"zh\ten\n" + "上合組織\tSCO\n".encode("big5")},
            ERROR,
            "g.tsv:2",
        ),
        "review: read-only glossary": Case(
            ("review", "c.tsv", "-g", "g.tsv", "--accept-above", "0.8", "--yes"),
            {"c.tsv": CANDIDATES, "g.tsv": read_only(GLOSSARY)},
            ERROR,
            "g.tsv",
            says="read-only",
        ),
        "review: no terminal and no batch options": Case(
            ("review", "c.tsv", "-g", "g.tsv"),
            {"c.tsv": CANDIDATES},
            ERROR,
            says="not a terminal",
        ),
        "review: --reject-below above --accept-above": Case(
            ("review", "c.tsv", "-g", "g.tsv", "--accept-above", "0.3", "--reject-below", "0.8"),
            {"c.tsv": CANDIDATES},
            ERROR,
            says="--reject-below",
        ),
        "review: batch of good candidates works": Case(
            ("review", "c.tsv", "-g", "g.tsv", "--accept-above", "0.8", "--yes"),
            {"c.tsv": CANDIDATES},
            OK,
            says="1 accepted",
        ),
        "glossary show: duplicate header column": Case(
            ("glossary", "show", "g.tsv"),
            {"g.tsv": "zh\tzh\ten\tstatus\n上合組織\t上合组织\tSCO\tapproved\n"},
            ERROR,
            "g.tsv:1",
        ),
        "glossary show: unknown column": Case(
            ("glossary", "show", "g.tsv"),
            {"g.tsv": "zh\ten\tstatus\tcolour\n上合組織\tSCO\tapproved\tred\n"},
            ERROR,
            "g.tsv:1",
        ),
        "glossary show: ESC sequence in a term": Case(
            ("glossary", "show", "g.tsv"),
            {"g.tsv": f"zh\ten\n上合組織\tSCO{ESC}\n"},
            ERROR,
            "g.tsv:2",
        ),
        "glossary show: term of 2,000 characters (scaled-down 52 MB entry)": Case(
            ("glossary", "show", "g.tsv"),
            {"g.tsv": "zh\ten\n上合組織\t" + "SCO " * 500 + "\n"},
            ERROR,
            "g.tsv:2",
            says="at most 1,000",
        ),
        "glossary show: a long note is fine and cut on screen": Case(
            ("glossary", "show", "g.tsv"),
            {"g.tsv": "zh\ten\tstatus\tnote\n上合組織\tSCO\tapproved\t" + "x" * 5000 + "\n"},
            OK,
            says="more characters",
        ),
        "glossary show: ESC sequence in the file name": Case(
            ("glossary", "show", f"g{ESC}.tsv"),
            {f"g{ESC}.tsv": GLOSSARY},
            OK,
            says="g\\x1b[2J",
        ),
        "glossary show: binary garbage": Case(
            ("glossary", "show", "g.tsv"), {"g.tsv": bytes(range(256)) * 4}, ERROR, "g.tsv"
        ),
        "glossary lint: duplicate header column": Case(
            ("glossary", "lint", "g.tsv"),
            {"g.tsv": "zh\ten\ten\n上合組織\tSCO\tS.C.O.\n"},
            ERROR,
            "g.tsv:1",
        ),
        "glossary lint: a real problem is a finding, not an error": Case(
            ("glossary", "lint", "g.tsv"),
            {"g.tsv": "zh\ten\tstatus\n上合組織\tSCO\tapproved\n上合組織\tS.C.O.\tapproved\n"},
            FINDINGS,
            says="duplicate",
        ),
        "glossary import: UTF-16 TSV with a BOM": Case(
            ("glossary", "import", "t.tsv", "-g", "ours.tsv"),
            {"t.tsv": "\ufeffzh\ten\n和平使命\tPeace Mission\n".encode("utf-16-le")},
            OK,
            says="1 added",
        ),
        "glossary import: TBX with an external entity": Case(
            ("glossary", "import", "t.tbx", "-g", "ours.tsv"),
            {
                "t.tbx": '<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY x SYSTEM '
                '"file:///etc/passwd">]><tbx type="TBX-Basic" style="dca"><text><body>'
                "<conceptEntry><langSec xml:lang='en'><termSec><term>&x;</term></termSec>"
                "</langSec></conceptEntry></body></text></tbx>"
            },
            ERROR,
            "t.tbx",
        ),
        "glossary import: TBX cut off": Case(
            ("glossary", "import", "t.tbx", "-g", "ours.tsv"),
            {"t.tbx": '<?xml version="1.0"?><tbx type="TBX-Basic"><text><body><concept'},
            ERROR,
            "t.tbx",
        ),
        "glossary import: into a read-only glossary": Case(
            ("glossary", "import", "t.tsv", "-g", "ours.tsv"),
            {"t.tsv": "zh\ten\n和平使命\tPeace Mission\n", "ours.tsv": read_only(GLOSSARY)},
            ERROR,
            "ours.tsv",
        ),
        "glossary import: term of 2,000 characters": Case(
            ("glossary", "import", "t.json", "-g", "ours.tsv"),
            {"t.json": json.dumps([{"zh": "上合組織", "en": "S" * 2000}])},
            ERROR,
            "t.json",
        ),
    }
)

# ----------------------------------------------------------------------- the gate fails closed

CASES.update(
    {
        "check: 0-byte glossary": Case(
            ("check", "p.tsv", "-g", "g.tsv"), {"p.tsv": PAIRS, "g.tsv": ""}, ERROR, "g.tsv"
        ),
        "check: header-only glossary": Case(
            ("check", "p.tsv", "-g", "g.tsv"),
            {"p.tsv": PAIRS, "g.tsv": "zh\ten\tstatus\n"},
            ERROR,
            "g.tsv",
        ),
        "check: glossary is a directory": Case(
            ("check", "p.tsv", "-g", "g.tsv"),
            {"p.tsv": PAIRS, "g.tsv": directory},
            ERROR,
            "g.tsv",
        ),
        "check: glossary missing": Case(
            ("check", "p.tsv", "-g", "absent.tsv"), {"p.tsv": PAIRS}, ERROR, "absent.tsv"
        ),
        "check: CR-only line ends": Case(
            ("check", "p.tsv", "-g", "g.tsv"),
            {"p.tsv": f"{ZH}\tThe summit opened.\r{ZH}\t{EN}\r", "g.tsv": GLOSSARY},
            FINDINGS,
            says="1 error, 0 warnings in 2 pairs",
        ),
        "check: a dangling symlink in the input directory": Case(
            ("check", "in", "-g", "g.tsv"), {"in": dangling, "g.tsv": GLOSSARY}, ERROR, "gone.tsv"
        ),
        "check: a symlink loop in the input directory": Case(
            ("check", "in", "-g", "g.tsv"), {"in": loop, "g.tsv": GLOSSARY}, ERROR, "in"
        ),
        "check: --encoding rot13": Case(
            ("check", "p.tsv", "-g", "g.tsv", "--encoding", "rot13"),
            {"p.tsv": PAIRS, "g.tsv": GLOSSARY},
            ERROR,
            says="rot13",
        ),
        "check: ESC sequence in a segment is escaped in the report": Case(
            ("check", "p.tsv", "-g", "g.tsv"),
            {"p.tsv": f"{ZH}\tThe summit{ESC} opened.\n", "g.tsv": GLOSSARY},
            FINDINGS,
            says="missing-term",
        ),
        "check: --encoding zlib_codec": Case(
            ("check", "p.tsv", "-g", "g.tsv", "--encoding", "zlib_codec"),
            {"p.tsv": PAIRS, "g.tsv": GLOSSARY},
            ERROR,
            says="zlib_codec",
        ),
        "check: ESC sequence in an input file's name is escaped in the report": Case(
            ("check", f"p{ESC}.tsv", "-g", "g.tsv"),
            {f"p{ESC}.tsv": f"{ZH}\tThe summit opened.\n", "g.tsv": GLOSSARY},
            FINDINGS,
            says="p\\x1b[2J\\x1b]0;owned\\x07.tsv:1: missing-term",
        ),
        "check: ESC sequence in a glossary's name is escaped in the error": Case(
            ("check", "p.tsv", "-g", f"g{ESC}.tsv"),
            {"p.tsv": PAIRS, f"g{ESC}.tsv": ""},
            ERROR,
            "g\\x1b[2J",
        ),
        "check: a good run passes": Case(
            ("check", "p.tsv", "-g", "g.tsv"), {"p.tsv": PAIRS, "g.tsv": GLOSSARY}, OK
        ),
    }
)

# ----------------------------------------------------------------------- FIFOs and devices

for where, case in {
    "check -g": Case(("check", "p.tsv", "-g", "ff"), {"p.tsv": PAIRS, "ff": fifo}, ERROR, "ff"),
    "check input": Case(
        ("check", "ff", "-g", "g.tsv"), {"ff": fifo, "g.tsv": GLOSSARY}, ERROR, "ff"
    ),
    "check --baseline": Case(
        ("check", "p.tsv", "-g", "g.tsv", "--baseline", "ff"),
        {"p.tsv": PAIRS, "g.tsv": GLOSSARY, "ff": fifo},
        ERROR,
        "ff",
    ),
    "extract -g": Case(
        ("extract", "p.tsv", "-g", "ff", "-o", "c.tsv"), {"p.tsv": PAIRS, "ff": fifo}, ERROR, "ff"
    ),
    "extract input": Case(("extract", "ff", "-o", "c.tsv"), {"ff": fifo}, ERROR, "ff"),
    "align input": Case(("align", "ff"), {"ff": fifo}, ERROR, "ff"),
    "review candidates": Case(
        ("review", "ff", "-g", "g.tsv", "--accept-above", "0.8", "--yes"), {"ff": fifo}, ERROR, "ff"
    ),
    "review -g": Case(
        ("review", "c.tsv", "-g", "ff", "--accept-above", "0.8", "--yes"),
        {"c.tsv": CANDIDATES, "ff": fifo},
        ERROR,
        "ff",
    ),
    "glossary show": Case(("glossary", "show", "ff"), {"ff": fifo}, ERROR, "ff"),
    "glossary lint": Case(("glossary", "lint", "ff"), {"ff": fifo}, ERROR, "ff"),
    "glossary import source": Case(
        ("glossary", "import", "ff", "-g", "ours.tsv"), {"ff": fifo}, ERROR, "ff"
    ),
    "glossary import -g": Case(
        ("glossary", "import", "t.tsv", "-g", "ff"),
        {"t.tsv": "zh\ten\n和平使命\tPeace Mission\n", "ff": fifo},
        ERROR,
        "ff",
    ),
}.items():
    CASES[f"FIFO as {where}"] = case

# ----------------------------------------------------------------------- align and extract

CASES.update(
    {
        "align: UTF-16 TSV": Case(
            ("align", "p.tsv", "-o", "out.tsv"),
            {"p.tsv": ("\ufeff" + PAIRS).encode("utf-16-le")},
            OK,
        ),
        "align: binary garbage": Case(
            ("align", "p.tsv"), {"p.tsv": bytes(range(256)) * 4}, ERROR, "p.tsv"
        ),
        "align: -o into a missing directory": Case(
            ("align", "p.tsv", "-o", "no/such/dir/out.tsv"), {"p.tsv": PAIRS}, ERROR, "no/such/dir"
        ),
        "align: a bilingual document after 9 KiB of blank lines": Case(
            ("align", "doc.txt", "-o", "out.tsv"),
            {"doc.txt": "\n" * 9216 + f"{ZH}\n\n{EN}\n"},
            OK,
        ),
        "align: TMX with an undeclared entity": Case(
            ("align", "m.tmx"),
            {
                "m.tmx": '<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "tmx14.dtd"><tmx version="1.4">'
                '<header srclang="zh"/><body><tu><tuv xml:lang="zh"><seg>上合組織</seg></tuv>'
                '<tuv xml:lang="en"><seg>&nbsp;SCO</seg></tuv></tu></body></tmx>'
            },
            ERROR,
            "m.tmx",
        ),
        "extract: a 20,000-character segment (scaled-down 1 MB one)": Case(
            ("extract", "p.tsv", "-o", "c.tsv"),
            {"p.tsv": f"{ZH * 300}\t{EN * 100}\n{PAIRS}"},
            frozenset({0, 2}),
            "p.tsv",
        ),
        "extract: ESC sequences in segments stay out of the terminal": Case(
            ("extract", "p.tsv", "-o", "c.tsv"),
            {"p.tsv": f"{ZH}{ESC}\t{EN}{ESC}\n" * 3},
            OK,
        ),
        "extract: 0-byte input": Case(
            ("extract", "p.tsv", "-o", "c.tsv"), {"p.tsv": ""}, ERROR, "p.tsv"
        ),
        "extract: glossary with duplicate header": Case(
            ("extract", "p.tsv", "-g", "g.tsv", "-o", "c.tsv"),
            {"p.tsv": PAIRS, "g.tsv": "zh\ten\tstatus\tstatus\n上合組織\tSCO\tapproved\tpending\n"},
            ERROR,
            "g.tsv:1",
        ),
    }
)


def _make(root: Path, files: dict[str, Content]) -> None:
    for name, content in files.items():
        path = root / name
        if callable(content):
            content(path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")


def _check(case: Case, result: Run) -> None:
    both = result.stdout + result.stderr
    assert "Traceback" not in both and "internal error" not in both, both[-2000:]
    assert result.exit_code in case.codes, (result.exit_code, both[-2000:])
    # Nothing rendered from the data reaches the terminal raw.
    assert "\x1b" not in both and "\x07" not in both
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("termx: error: "), result.stderr
        if case.names:
            assert case.names in lines[0], lines[0]
    if case.says:
        assert case.says in both, both[-2000:]


@pytest.mark.parametrize("label", sorted(CASES))
def test_bad_input(label: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[label]
    _make(tmp_path, case.files)
    monkeypatch.chdir(tmp_path)
    _check(case, run_termx(*case.args))


def test_a_refused_input_leaves_the_glossary_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bad candidates are found before the glossary is touched: nothing the user had is lost.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "g.tsv").write_text(GLOSSARY, "utf-8")
    (tmp_path / "c.json").write_text(JSON_CANDIDATES["examples [null]"], "utf-8")
    result = run_termx("review", "c.json", "-g", "g.tsv", "--accept-above", "0.1", "--yes")
    assert result.exit_code == 2
    assert (tmp_path / "g.tsv").read_text("utf-8") == GLOSSARY


# ----------------------------------------------------------------------- generated JSON

# Any JSON value, biased towards the shapes termx reads (candidate and entry keys), so that
# most cases get past the top level into the field checks.
_KEYS = st.sampled_from(
    [
        "zh",
        "en",
        "score",
        "frequency",
        "evidence",
        "examples",
        "samples",
        "status",
        "variants",
        "forbidden",
        "note",
        "kind",
        "value",
        "reason",
        "path",
        "line",
        "unit",
        "entries",
        "candidates",
        "version",
        "findings",
        "rule",
        "term",
        "found",
        "count",
    ]
)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["上合組織", "SCO", "", " ", "approved", "a.txt:3", "\x1b[2J", "\u00a0"])
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=6),
    max_leaves=20,
)
_RAW = st.sampled_from(["", "1e400", "NaN", "-Infinity", "\ud800", BIG_INT, "[" * 3000])


@settings(max_examples=150, derandomize=True, deadline=None, database=None)
@given(document=_JSON, raw=_RAW)
def test_generated_json_is_read_or_refused_in_one_line(
    tmp_path_factory: pytest.TempPathFactory, document: object, raw: str
) -> None:
    """Every reader of termx's JSON files returns data or raises TermxError naming the file:
    for generated documents, and for each with a hostile token spliced into its text."""
    from termx.check.suppress import load_baseline
    from termx.errors import TermxError
    from termx.extract.candidate_file import read_candidates
    from termx.glossary import load_glossary

    folder = tmp_path_factory.mktemp("json")
    text = json.dumps(document, ensure_ascii=False)
    spliced = text.replace("0", raw, 1) if "0" in text else f"[{raw}]"
    for number, content in enumerate((text, spliced)):
        for reader, name in (
            (read_candidates, "c.json"),
            (load_glossary, "g.json"),
            (load_baseline, "b.json"),
        ):
            path = folder / f"{number}{name}"
            path.write_text(content, "utf-8", errors="surrogatepass")
            try:
                reader(path)
            except TermxError as error:
                assert str(error).startswith(str(path)) and "\n" not in str(error)
