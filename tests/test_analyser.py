"""The per-segment analysis's short cuts give what the full preparation gives.

Linking works out each Chinese term's anchors without preparing the term, and reads pinyin from
a table: these tests compare both with the slow, obvious computation on real segments.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import TICO

from termx.extract.analysis.zh import analyse as zh_analyse
from termx.extract.analysis.zh import simplified_aligned
from termx.extract.candidates.zh import zh_candidates
from termx.extract.corpus import Analyser, _reading
from termx.extract.evidence import translit
from termx.text import clean


@pytest.fixture(scope="module")
def pairs() -> list[tuple[str, str]]:
    lines = (TICO / "pairs.tsv").read_text(encoding="utf-8").splitlines()
    return [(clean(zh), clean(en)) for zh, en, *_ in (line.split("\t") for line in lines[:120])]


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser()


def test_anchors_without_preparing_the_term_are_the_prepared_terms(
    analyser: Analyser, pairs: list[tuple[str, str]]
) -> None:
    terms = 0
    for zh, _ in pairs:
        for cand in zh_candidates(zh, zh_analyse(zh)):
            quick = analyser.zh_anchors(cand.key, cand.surface)
            assert len(quick) == len(set(quick))
            assert set(quick) == analyser.zh_term(cand.key, cand.surface).anchors, cand.surface
            terms += 1
    assert terms > 500


def test_spellings_are_the_romanisations_keys(pairs: list[tuple[str, str]]) -> None:
    texts = [simplified_aligned(zh) for zh, _ in pairs] + ["曾长孙万俟单于", "A曾B", "曾"]
    for text in texts:
        assert translit.spellings(text, _reading) == set(translit.romanisations(text, _reading))
    assert {"zeng", "ceng"} <= translit.spellings("曾", _reading)


@pytest.mark.parametrize(
    "chars",
    [
        "上合組織症状",  # Han, both scripts
        "αβγ→←≥…",  # Greek and arrows: outside the old table, no reading
        "\ue815\ue816",  # private-use characters pypinyin reads (GB 18030)
        "ABCabc123 ，。",
        "\U00020000\U0002a6d6",  # beyond the Basic Multilingual Plane
    ],
)
def test_the_pinyin_table_reads_as_pypinyin_does(chars: str) -> None:
    for char in chars:
        assert _reading(char) == translit.reading(char), hex(ord(char))


def test_a_worker_links_as_the_main_process_does(
    analyser: Analyser, pairs: list[tuple[str, str]]
) -> None:
    worker = Analyser(keep_terms=False)
    who = ("世界卫生组织（世卫组织）宣布", "The World Health Organization (WHO) said")
    batch = [*pairs[:60], who]
    mine, theirs = analyser.segments(batch), worker.segments(batch)
    assert mine == theirs
    assert sum(len(result.linked) for result in mine) > 100
    assert ("世卫组织", "who") in mine[-1].linked


def test_spacy_loads_without_its_command_line_which_still_imports_later() -> None:
    # A fresh interpreter: in this one spaCy may be imported already.
    script = (
        "import sys\n"
        "from termx.extract.analysis import en\n"
        "tags = [t.tag for t in en.analyse('The member states met in Qingdao.')]\n"
        "assert tags[:3] == ['DT', 'NN', 'NNS'], tags\n"
        "assert 'spacy.cli' not in sys.modules and 'requests' not in sys.modules\n"
        "import spacy.cli\n"
        "assert callable(spacy.cli.download) and callable(spacy.info)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
