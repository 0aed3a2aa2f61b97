"""Rebuild tests/data/tico19/ from ../shared/dev/tico19-dev: every fifth pair (so that every
source document is represented) and the units TICO-19 escaped twice (``&amp;lt;``, which the
TMX reader must show as ``<``), the same units of the TMX, and the gold pairs that occur in
them. Run from the repository root: ``python tests/data/make_tico_slice.py``."""

from __future__ import annotations

import re
from pathlib import Path

SOURCE = Path("../shared/dev/tico19-dev")
TARGET = Path("tests/data/tico19")
STEP = 5

lines = (SOURCE / "pairs.tsv").read_text(encoding="utf-8").splitlines(keepends=True)
tmx = (SOURCE / "pairs.tmx").read_text(encoding="utf-8")
head, _, rest = tmx.partition("<body>")
units = re.findall(r"<tu .*?</tu>\n", rest, flags=re.S)
assert len(units) == len(lines), (len(units), len(lines))
escaped = {i for i, unit in enumerate(units) if "&amp;lt;" in unit or "&amp;gt;" in unit}
indexes = sorted(set(range(0, len(lines), STEP)) | escaped)
kept = [lines[i] for i in indexes]
(TARGET / "pairs.tsv").write_text("".join(kept), encoding="utf-8")
body = "".join(units[i] for i in indexes)
(TARGET / "pairs.tmx").write_text(f"{head}<body>\n{body}\n</body>\n</tmx>\n", encoding="utf-8")

pairs = [line.rstrip("\n").split("\t") for line in kept]
gold = []
for row in (SOURCE / "gold_terms.tsv").read_text(encoding="utf-8").splitlines(keepends=True):
    zh, en = row.rstrip("\n").split("\t")[:2]
    if any(zh in z and en.lower() in e.lower() for z, e in pairs):
        gold.append(row)
(TARGET / "gold_terms.tsv").write_text("".join(gold), encoding="utf-8")
print(f"{len(kept)} pairs, {len(gold)} gold pairs → {TARGET}")
