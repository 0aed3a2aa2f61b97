"""TBX: TBX-Basic v3 export with the shape of the official example, TBX v3 and TBX 2 import."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import FORMATS
from lxml import etree

from termx.errors import TermxError
from termx.glossary import Glossary, load_glossary, render_glossary
from termx.glossary.formats.tbx import read_concepts, read_tbx
from termx.model import GlossaryEntry

EXAMPLE = FORMATS / "tbx-basic-dca-example.tbx"
NS = "{urn:iso:std:iso:30042:ed-2}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

ENTRIES = [
    GlossaryEntry(
        "上合組織",
        "SCO",
        "approved",
        ("Shanghai Cooperation Organization",),
        ("S.C.O.",),
        "abbreviation of 上海合作組織 | it's the organisation",
    ),
    GlossaryEntry("軍隊總參謀長會議", "Chiefs of General Staff Meeting", "pending", ("CGS",), ()),
    GlossaryEntry("和平號角", "Fanfare for Peace military tattoo", "rejected", (), (), "too long"),
]


def _tree(text: str) -> etree._Element:
    return etree.fromstring(text.encode("utf-8"))


def test_export_is_tbx_basic_dca() -> None:
    root = _tree(render_glossary(Glossary(ENTRIES), "tbx"))
    assert root.tag == f"{NS}tbx"
    assert root.get("type") == "TBX-Basic"
    assert root.get("style") == "dca"
    assert root.get(XML_LANG) == "en"
    concepts = root.findall(f"{NS}text/{NS}body/{NS}conceptEntry")
    assert len(concepts) == 3
    by_zh = {c.find(f"{NS}langSec/{NS}termSec/{NS}term").text: c for c in concepts}
    sco = by_zh["上合組織"]
    assert sco.find(f"{NS}note").text == "abbreviation of 上海合作組織 | it's the organisation"
    en_sec = next(s for s in sco.findall(f"{NS}langSec") if s.get(XML_LANG) == "en")
    terms = [
        (sec.find(f"{NS}term").text, sec.find(f"{NS}termNote[@type='administrativeStatus']").text)
        for sec in en_sec.findall(f"{NS}termSec")
    ]
    assert terms == [
        ("SCO", "preferredTerm-admn-sts"),
        ("Shanghai Cooperation Organization", "admittedTerm-admn-sts"),
        ("S.C.O.", "deprecatedTerm-admn-sts"),
    ]
    # Concept ids are unique XML ids derived from the pair, stable across exports.
    ids = [c.get("id") for c in concepts]
    assert len(set(ids)) == 3
    assert ids == [
        c.get("id")
        for c in _tree(render_glossary(Glossary(ENTRIES), "tbx")).iter(f"{NS}conceptEntry")
    ]


def test_round_trip_keeps_every_status_exactly() -> None:
    text = render_glossary(Glossary(ENTRIES), "tbx")
    imported = read_tbx(text.encode("utf-8"), "x.tbx")
    assert imported.warnings == []
    assert Glossary(imported.entries).sorted() == Glossary(ENTRIES).sorted()


def test_round_trip_keeps_a_note_s_own_layout() -> None:
    entry = GlossaryEntry("和平使命", "Peace Mission", "approved", note="series:\n  2005, 2007 ")
    imported = read_tbx(render_glossary(Glossary([entry]), "tbx").encode("utf-8"), "x.tbx")
    assert imported.entries == [entry]


def _edges(root: etree._Element) -> set[tuple[str, str]]:
    return {
        (etree.QName(parent).localname, etree.QName(child).localname)
        for parent in root.iter()
        for child in parent
        if isinstance(child.tag, str) and isinstance(parent.tag, str)
    }


def test_export_has_the_shape_of_the_official_example() -> None:
    example = etree.parse(str(EXAMPLE)).getroot()
    ours = _tree(render_glossary(Glossary(ENTRIES), "tbx"))
    assert {k: v for k, v in ours.attrib.items()} == {k: v for k, v in example.attrib.items()}
    assert ours.nsmap == example.nsmap
    # Every parent→child element relation we write also occurs in the official example.
    assert _edges(ours) <= _edges(example)
    statuses = {
        e.text for e in ours.iter(f"{NS}termNote") if e.get("type") == "administrativeStatus"
    }
    example_statuses = {
        e.text for e in example.iter(f"{NS}termNote") if e.get("type") == "administrativeStatus"
    }
    assert statuses <= example_statuses


def test_import_of_the_official_example() -> None:
    data = EXAMPLE.read_bytes()
    concepts = read_concepts(data, str(EXAMPLE))
    assert len(concepts) == 45
    first = concepts[0]
    assert first.id == "c1"
    assert [(t.text, t.status) for t in first.languages["en"]] == [
        ("open cluster", "preferred"),
        ("galactic cluster", "deprecated"),  # supersededTerm counts as deprecated
    ]
    # Notes keep their words but lose the pretty-printing line breaks.
    assert first.notes == ("G-Source: http://www.physics.drexel.edu/observatory/dump.shtml",)
    statuses = Counter(
        term.status
        for concept in concepts
        for terms in concept.languages.values()
        for term in terms
    )
    raw = data.decode("utf-8")
    assert statuses["preferred"] == raw.count(">preferredTerm-admn-sts<")
    assert statuses["admitted"] == raw.count(">admittedTerm-admn-sts<")
    assert statuses["deprecated"] == raw.count(">deprecatedTerm-admn-sts<") + raw.count(
        ">supersededTerm-admn-sts<"
    )
    # The file is English/Spanish/Zulu: nothing for a zh–en glossary, and each concept says why.
    imported = read_tbx(data, str(EXAMPLE))
    assert imported.entries == []
    assert len(imported.warnings) == 45
    assert imported.warnings[0] == "concept c1: no zh term"
    # Read as a Spanish→English glossary, the same mapping rules give real entries.
    as_es = read_tbx(data, str(EXAMPLE), zh_lang="es")
    entry = next(e for e in as_es.entries if e.en == "open cluster")
    assert entry.status == "approved"
    assert entry.forbidden == ("galactic cluster",)


MARTIF = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="zh-CN">
  <martifHeader><fileDesc><sourceDesc><p>memoQ export</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="e1">
      <note>SCO defence cooperation</note>
      <langSet xml:lang="zh-TW">
        <tig><term>上合組織</term></tig>
      </langSet>
      <langSet xml:lang="zh-CN">
        <tig><term>上合组织</term></tig>
        <tig><term>上海合作组织</term></tig>
      </langSet>
      <langSet xml:lang="en-US">
        <tig><term>SCO</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <ntig><termGrp><term>Shanghai Cooperation Organisation</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termGrp></ntig>
        <tig><term>Shanghai Pact</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      </langSet>
    </termEntry>
    <termEntry id="e2">
      <langSet lang="zh"><tig><term>和平使命</term></tig></langSet>
      <langSet lang="en"><tig><term>Peace
        Mission</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_import_tbx2_martif_with_tig_and_ntig(tmp_path: Path) -> None:
    path = tmp_path / "memoq.tbx"
    path.write_text(MARTIF, encoding="utf-8")
    entries = load_glossary(path).entries
    sco_forms = ("Shanghai Cooperation Organisation",), ("Shanghai Pact",)
    assert [(e.zh, e.en, e.status, e.variants, e.forbidden, e.note) for e in entries] == [
        # 上合組織 (zh-TW) and 上合组织 (zh-CN) fold to one term: one entry for both.
        ("上合組織", "SCO", "approved", *sco_forms, "SCO defence cooperation"),
        ("上海合作组织", "SCO", "approved", *sco_forms, "SCO defence cooperation"),
        # No status at all (typical of CAT exports): approved; the old `lang` attribute works.
        ("和平使命", "Peace Mission", "approved", (), (), ""),
    ]


def test_entities_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.tbx"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tbx [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
        '<tbx type="TBX-Basic" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
        "<conceptEntry id='c1'><langSec xml:lang='zh'><termSec><term>&xxe;</term></termSec>"
        "</langSec></conceptEntry></body></text></tbx>",
        encoding="utf-8",
    )
    with pytest.raises(TermxError) as error:
        load_glossary(path)
    assert str(error.value) == f"{path}:3: the document declares XML entities; refusing to read it"


def test_external_dtd_is_not_loaded(tmp_path: Path) -> None:
    # The DOCTYPE names a DTD that does not exist: parsing must not try to fetch it.
    path = tmp_path / "old.tbx"
    path.write_text(MARTIF.replace("TBXcoreStructV02.dtd", "http://127.0.0.1:9/none.dtd"), "utf-8")
    assert len(load_glossary(path)) == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<tbx><text><body><conceptEntry>", "not well-formed XML"),
        ("<html><body/></html>", "not a TBX file: the root element is <html>"),
    ],
)
def test_bad_tbx_is_a_one_line_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.tbx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TermxError, match=message):
        load_glossary(path)


def test_utf16_martif_from_multiterm_is_read(tmp_path: Path) -> None:
    path = tmp_path / "multiterm.tbx"
    path.write_bytes(MARTIF.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    assert [entry.zh for entry in load_glossary(path)] == ["上合組織", "上海合作组织", "和平使命"]


def test_entities_are_refused_in_utf16_too(tmp_path: Path) -> None:
    path = tmp_path / "evil16.tbx"
    document = (
        '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE martif [\n<!ENTITY a "aaaa">\n]>\n'
        "<martif><text><body><termEntry><langSet xml:lang='zh'><tig><term>&a;</term></tig>"
        "</langSet></termEntry></body></text></martif>"
    )
    path.write_bytes(document.encode("utf-16"))
    with pytest.raises(TermxError, match="declares XML entities"):
        load_glossary(path)
