"""The analysis workers' memory (issue 14): spaCy tags the English side a few segments at a
time, since its arrays for one batch grow with the batch, and the tags must not depend on it."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import TICO

from termx.extract.analysis import en
from termx.io import read_pairs


@pytest.fixture(scope="module")
def english() -> list[str]:
    return [pair.en for pair in read_pairs(TICO / "pairs.tsv")]


def test_spacy_gets_small_batches(english: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = en.pipeline()
    asked: list[int] = []
    real_pipe = nlp.pipe

    def pipe(texts: Any, batch_size: int, **kwargs: Any) -> Any:
        asked.append(batch_size)
        return real_pipe(texts, batch_size=batch_size, **kwargs)

    monkeypatch.setattr(nlp, "pipe", pipe)
    assert len(list(en.analyse_many(english[:256]))) == 256
    assert asked == [en.SPACY_BATCH]
    assert en.SPACY_BATCH <= 64  # 256 at once took ~190 MB per worker for an instant


def test_tags_do_not_depend_on_the_batch(english: list[str]) -> None:
    texts = english[:300]
    small = list(en.analyse_many(texts))
    assert small == list(en.analyse_many(texts, batch_size=256))
    assert small == list(en.analyse_many(texts, batch_size=1))
    assert sum(map(len, small)) > 5_000  # real segments, tagged
