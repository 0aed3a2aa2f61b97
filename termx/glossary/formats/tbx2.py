"""TBX 2008 / MARTIF (ISO 30042:2008, TBX-Basic 2008): the TBX that OmegaT, translate-toolkit,
memoQ and Trados MultiTerm import.

Same content as the TBX v3 export (:mod:`.tbx`), in the older shape: root ``<martif
type="TBX-Basic">`` without a namespace, ``martifHeader``, and ``termEntry`` / ``langSet`` /
``tig`` for ``conceptEntry`` / ``langSec`` / ``termSec``. Reading is the TBX reader's, which
takes both shapes, so a ``tbx2`` export reads back into the same glossary.
"""

from __future__ import annotations

from collections.abc import Sequence

from termx.glossary.formats import Parsed
from termx.glossary.formats.tbx import Shape, render_document
from termx.glossary.formats.tbx import read as read_tbx
from termx.model import GlossaryEntry

MARTIF = Shape(
    namespace=None,
    root="martif",
    root_attributes=(("type", "TBX-Basic"),),
    header=("martifHeader", "fileDesc", "sourceDesc"),
    concept="termEntry",
    lang="langSet",
    term="tig",
    header_extra=(("encodingDesc", "XCSURI", "TBXBasicXCSV02.xcs"),),
)


def read(data: bytes, name: str) -> Parsed:
    """Read any TBX (v3 or MARTIF)."""
    return read_tbx(data, name)


def render(entries: Sequence[GlossaryEntry], source: str = "") -> str:
    """A MARTIF document for ``entries`` (in the given order)."""
    return render_document(entries, source, MARTIF)
