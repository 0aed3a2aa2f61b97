"""TBX: TBX-Basic (TBX v3, ISO 30042:2019, DCA style) export and import; TBX 2 / MARTIF import.

Export, one ``conceptEntry`` per glossary entry (the shape of the official TBX-Basic example)::

    <conceptEntry id="c…">
      <note>the entry's note</note>
      <langSec xml:lang="zh"><termSec><term>上合組織</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
      <langSec xml:lang="en">
        <termSec><term>SCO</term> …preferredTerm… </termSec>      the entry's English
        <termSec><term>…</term> …admittedTerm… </termSec>         each variant
        <termSec><term>…</term> …deprecatedTerm… </termSec>       each forbidden form
      </langSec>
    </conceptEntry>

The entry's own English always comes first; its status says the entry's status: preferred →
approved, admitted → pending, deprecated → rejected. Import reads the same rules back, so
export → import gives the same glossary. Foreign files: the first preferred English is the
approved one; a concept whose English terms carry no status at all is approved (CAT tools often
omit it); without a preferred English the first term decides (admitted → pending).
Superseded, legal and regulated statuses count as deprecated / preferred as in TBX 2.

Parsing is safe: no entity expansion, no DTD loading, no network; a document that declares
entities is refused outright.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from termx.errors import TermxError
from termx.model import GlossaryEntry
from termx.text import fold

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_STATUS_OUT = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}
_ENTRY_STATUS = {"approved": "preferred", "pending": "admitted", "rejected": "deprecated"}
_STATUS_IN = {"preferred": "approved", "admitted": "pending", "deprecated": "rejected"}
_SCHEMA_PIS = (
    'href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/'
    'TBXcoreStructV03.rng" type="application/xml" '
    'schematypens="http://relaxng.org/ns/structure/1.0"',
    'href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
    'TBX-Basic_DCA.sch" type="application/xml" '
    'schematypens="http://purl.oclc.org/dsdl/schematron"',
)
# Pretty-printing indents continuation lines of a note; a line break followed by indentation
# is layout, not content (a bare line break inside a note is kept).
_LAYOUT_BREAK = re.compile(r"[ \t]*\n[ \t]+")


# ---------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class TbxTerm:
    text: str
    status: str | None  # preferred | admitted | deprecated | None (not stated)


@dataclass(frozen=True, slots=True)
class TbxConcept:
    id: str
    line: int | None
    notes: tuple[str, ...]
    languages: dict[str, list[TbxTerm]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TbxImport:
    entries: list[GlossaryEntry]
    concepts: int
    warnings: list[str]


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    return tag.rsplit("}", 1)[-1]


def _normalise_status(value: str) -> str | None:
    value = value.strip().lower()
    if value.startswith(("preferred", "standardized", "regulated", "legal")):
        return "preferred"
    if value.startswith("admitted"):
        return "admitted"
    if value.startswith(("deprecated", "superseded", "notrecommended", "forbidden")):
        return "deprecated"
    return None


def _text(element: object) -> str:
    return "".join(element.itertext())  # type: ignore[attr-defined]


def _note_text(element: object) -> str:
    if element.get(XML_SPACE) == "preserve":  # type: ignore[attr-defined]
        return _text(element)  # as termx writes notes: exactly as they were
    return _LAYOUT_BREAK.sub(" ", _text(element)).strip()


def _term_status(container: object) -> str | None:
    for element in container.iter():  # type: ignore[attr-defined]
        name = _local(element.tag)
        if name == "termNote" and element.get("type") in (
            "administrativeStatus",
            "normativeAuthorization",
        ):
            return _normalise_status(_text(element))
        if name in ("administrativeStatus", "normativeAuthorization"):  # TBX v3 DCT style
            return _normalise_status(_text(element))
    return None


def _terms(lang_element: object) -> list[TbxTerm]:
    terms = []
    for container in lang_element:  # type: ignore[attr-defined]
        if _local(container.tag) not in ("termSec", "tig", "ntig"):
            continue
        term = next((e for e in container.iter() if _local(e.tag) == "term"), None)
        if term is None:
            continue
        text = " ".join(_text(term).split())
        if text:
            terms.append(TbxTerm(text, _term_status(container)))
    return terms


def _refuse_entities(data: bytes, name: str) -> None:
    # Entities are the XXE and billion-laughs vectors; real termbases never need them.
    match = re.search(rb"<!ENTITY", data)
    if match is not None:
        line = data[: match.start()].count(b"\n") + 1
        raise TermxError("the document declares XML entities; refusing to read it", name, line)


def parse_tree(data: bytes, name: str) -> object:
    """Parse TBX bytes safely and return the root element (TBX v3 ``tbx`` or TBX 2 ``martif``)."""
    from lxml import etree

    _refuse_entities(data, name)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else None
        raise TermxError(f"not well-formed XML: {error.msg}", name, line) from None
    # The byte scan above misses UTF-16 files; the parsed DTD tells for every encoding.
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise TermxError("the document declares XML entities; refusing to read it", name)
    if _local(root.tag) not in ("tbx", "martif"):
        raise TermxError(
            f"not a TBX file: the root element is <{_local(root.tag)}>, "
            "expected <tbx> (TBX v3) or <martif> (TBX 2)",
            name,
            root.sourceline,
        )
    return root


def read_concepts(data: bytes, name: str) -> list[TbxConcept]:
    """Every concept entry (``conceptEntry`` or ``termEntry``) with its terms per language."""
    root = parse_tree(data, name)
    concepts = []
    for number, element in enumerate(
        (e for e in root.iter() if _local(e.tag) in ("conceptEntry", "termEntry")),  # type: ignore[attr-defined]
        start=1,
    ):
        notes = tuple(
            text for child in element if _local(child.tag) == "note" and (text := _note_text(child))
        )
        languages: dict[str, list[TbxTerm]] = {}
        for child in element:
            if _local(child.tag) not in ("langSec", "langSet"):
                continue
            lang = (child.get(XML_LANG) or child.get("lang") or "").strip()
            languages.setdefault(lang, []).extend(_terms(child))
        concepts.append(
            TbxConcept(element.get("id") or f"#{number}", element.sourceline, notes, languages)
        )
    return concepts


def _matches(lang: str, wanted: str) -> bool:
    lang, wanted = lang.lower().replace("_", "-"), wanted.lower()
    return lang == wanted or lang.startswith(wanted + "-")


def _forms_of(concept: TbxConcept, wanted: str) -> list[TbxTerm]:
    return [
        term
        for lang, terms in concept.languages.items()
        if _matches(lang, wanted)
        for term in terms
    ]


def concept_entries(
    concept: TbxConcept, zh_lang: str = "zh", en_lang: str = "en"
) -> tuple[list[GlossaryEntry], str | None]:
    """Glossary entries for one concept (one per Chinese term), or a reason for none."""
    zh_terms = [term for term in _forms_of(concept, zh_lang) if term.status != "deprecated"]
    en_terms = _forms_of(concept, en_lang)
    if not zh_terms or not en_terms:
        missing = " and ".join(
            lang for lang, terms in ((zh_lang, zh_terms), (en_lang, en_terms)) if not terms
        )
        return [], f"concept {concept.id}: no {missing} term"
    preferred = [term for term in en_terms if term.status == "preferred"]
    main = preferred[0] if preferred else en_terms[0]
    status = _STATUS_IN.get(main.status or "preferred", "approved")
    others = [term for term in en_terms if term is not main]
    variants = tuple(term.text for term in others if term.status != "deprecated")
    forbidden = tuple(term.text for term in others if term.status == "deprecated")
    note = " ; ".join(concept.notes)
    entries, seen = [], set()
    for term in zh_terms:
        if fold(term.text) in seen:
            continue
        seen.add(fold(term.text))
        entries.append(
            GlossaryEntry(term.text, main.text, status, variants, forbidden, note)  # type: ignore[arg-type]
        )
    return entries, None


def read_tbx(data: bytes, name: str, zh_lang: str = "zh", en_lang: str = "en") -> TbxImport:
    """Glossary entries from a TBX v3 or TBX 2 file, with a warning per concept not used."""
    concepts = read_concepts(data, name)
    entries: list[GlossaryEntry] = []
    warnings: list[str] = []
    for concept in concepts:
        made, reason = concept_entries(concept, zh_lang, en_lang)
        entries.extend(made)
        if reason is not None:
            warnings.append(reason)
    return TbxImport(entries, len(concepts), warnings)


def parse(data: bytes, name: str) -> list[GlossaryEntry]:
    return read_tbx(data, name).entries


# ---------------------------------------------------------------------- writing


def _concept_id(entry: GlossaryEntry, used: set[str]) -> str:
    # Derived from the pair, not the position, so adding an entry does not renumber the file.
    digest = hashlib.sha1(f"{fold(entry.zh)}\t{fold(entry.en)}".encode()).hexdigest()[:12]
    candidate, suffix = f"c{digest}", 1
    while candidate in used:
        suffix += 1
        candidate = f"c{digest}-{suffix}"
    used.add(candidate)
    return candidate


def render(entries: Sequence[GlossaryEntry], source: str = "") -> str:
    """TBX-Basic DCA document for ``entries`` (in the given order)."""
    from lxml import etree

    def sub(parent: object, tag: str, text: str | None = None, **attributes: str) -> object:
        child = etree.SubElement(parent, f"{{{TBX_NAMESPACE}}}{tag}", **attributes)  # type: ignore[arg-type]
        if text is not None:
            child.text = text
        return child

    def term_sec(parent: object, text: str, status: str) -> None:
        section = sub(parent, "termSec")
        sub(section, "term", text)
        sub(section, "termNote", _STATUS_OUT[status], type="administrativeStatus")

    root = etree.Element(
        f"{{{TBX_NAMESPACE}}}tbx", nsmap={None: TBX_NAMESPACE}, type="TBX-Basic", style="dca"
    )
    root.set(XML_LANG, "en")
    description = "Glossary exported by termx"
    if source:
        description += f" from {source}"
    source_desc = sub(sub(sub(root, "tbxHeader"), "fileDesc"), "sourceDesc")
    sub(source_desc, "p", description)
    body = sub(sub(root, "text"), "body")
    used: set[str] = set()
    for entry in entries:
        concept = sub(body, "conceptEntry", id=_concept_id(entry, used))
        if entry.note:
            # Pretty-printing must not be mistaken for the note's own line breaks on import.
            sub(concept, "note", entry.note).set(XML_SPACE, "preserve")  # type: ignore[attr-defined]
        zh_sec = sub(concept, "langSec")
        zh_sec.set(XML_LANG, "zh")  # type: ignore[attr-defined]
        term_sec(zh_sec, entry.zh, "preferred")
        en_sec = sub(concept, "langSec")
        en_sec.set(XML_LANG, "en")  # type: ignore[attr-defined]
        term_sec(en_sec, entry.en, _ENTRY_STATUS[entry.status])
        for variant in entry.variants:
            term_sec(en_sec, variant, "admitted")
        for form in entry.forbidden:
            term_sec(en_sec, form, "deprecated")
    etree.indent(root, space="\t")
    pis = "".join(f"<?xml-model {pi}?>\n" for pi in _SCHEMA_PIS)
    body_xml = etree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{pis}{body_xml}\n'
