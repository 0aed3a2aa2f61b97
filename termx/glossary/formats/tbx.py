"""TBX: TBX-Basic (TBX v3, ISO 30042:2019, DCA style) export; TBX v3 and TBX 2 / MARTIF import.

Export, one ``conceptEntry`` per glossary entry (the shape of the official TBX-Basic example)::

    <conceptEntry id="c…">
      <descrip type="subjectField">…</descrip>                    the entry's subject_field
      <note>the entry's note</note>
      <langSec xml:lang="zh"><termSec><term>上合組織</term>       zh_lang when set (zh-Hant)
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
        <termNote type="partOfSpeech">noun</termNote></termSec></langSec>
      <langSec xml:lang="en">                                      en_lang when set (en-US)
        <descrip type="definition">…</descrip>                    the entry's definition
        <termSec><term>SCO</term> …preferred… </termSec>          the entry's English
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
Synonyms (MultiTerm style): several Chinese terms in one concept give one entry each; a Chinese
term approved in several concepts of one file keeps the first English and takes the others as
variants (see :func:`termx.glossary.merge.combine_synonyms`), never a conflict.

Notes: the v3 core schema allows no ``xml:space`` on ``<note>``, so a note is written as plain
text. termx's own exports (the header says "Glossary exported by termx") are read back exactly;
in other files a line break followed by indentation is pretty-printing and reads as one space.

Parsing is safe: no entity expansion, no DTD loading, no network; a document that declares
entities is refused outright.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from termx.errors import TermxError
from termx.glossary.formats import Parsed
from termx.glossary.formats._table import check_text
from termx.model import GlossaryEntry
from termx.text import fold

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
SIGNATURE = "Glossary exported by termx"
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
    lang: str = ""
    part_of_speech: str = ""


@dataclass(frozen=True, slots=True)
class TbxConcept:
    id: str
    line: int | None
    notes: tuple[str, ...]
    languages: dict[str, list[TbxTerm]] = field(default_factory=dict)
    # Definitions by language tag ("" for one at concept level).
    definitions: dict[str, str] = field(default_factory=dict)
    subject_field: str = ""


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


def _text(element: Any) -> str:
    return "".join(element.itertext())


def _layout(text: str) -> str:
    return _LAYOUT_BREAK.sub(" ", text).strip()


def _note_text(element: Any, exact: bool) -> str:
    if exact or element.get(XML_SPACE) == "preserve":  # older termx exports said so
        return _text(element)
    return _layout(_text(element))


def _term_note(container: Any, *kinds: str) -> str | None:
    """The first ``termNote`` of one of ``kinds`` (or its TBX v3 DCT element) in a term."""
    for element in container.iter():
        name = _local(element.tag)
        if (name == "termNote" and element.get("type") in kinds) or name in kinds:
            return _text(element)
    return None


def _descrip(element: Any, kind: str) -> str:
    """A ``descrip`` of ``kind`` directly in ``element`` or in a ``descripGrp`` of it."""
    for child in element:
        name = _local(child.tag)
        if name == "descripGrp":
            found = _descrip(child, kind)
            if found:
                return found
        elif (name == "descrip" and child.get("type") == kind) or name == kind:
            return " ".join(_text(child).split())
    return ""


def _terms(lang_element: Any, lang: str) -> list[TbxTerm]:
    terms = []
    for container in lang_element:
        if _local(container.tag) not in ("termSec", "tig", "ntig"):
            continue
        term = next((e for e in container.iter() if _local(e.tag) == "term"), None)
        if term is None:
            continue
        text = " ".join(_text(term).split())
        if text:
            status = _term_note(container, "administrativeStatus", "normativeAuthorization")
            pos = _term_note(container, "partOfSpeech") or ""
            terms.append(
                TbxTerm(text, _normalise_status(status or ""), lang, " ".join(pos.split()))
            )
    return terms


def _refuse_entities(data: bytes, name: str) -> None:
    # Entities are the XXE and billion-laughs vectors; real termbases never need them.
    match = re.search(rb"<!ENTITY", data)
    if match is not None:
        line = data[: match.start()].count(b"\n") + 1
        raise TermxError("the document declares XML entities; refusing to read it", name, line)


def parse_tree(data: bytes, name: str) -> Any:
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
        message = str(error.msg).split(", line ")[0]  # lxml appends its own position
        raise TermxError(f"not well-formed XML: {message}", name, line) from None
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


def _is_own_export(root: Any) -> bool:
    for element in root.iter():
        if _local(element.tag) == "sourceDesc":
            return any(_text(p).startswith(SIGNATURE) for p in element)
        if _local(element.tag) == "text":
            break
    return False


def read_concepts(data: bytes, name: str) -> list[TbxConcept]:
    """Every concept entry (``conceptEntry`` or ``termEntry``) with its terms per language."""
    root = parse_tree(data, name)
    exact = _is_own_export(root)
    concepts = []
    for number, element in enumerate(
        (e for e in root.iter() if _local(e.tag) in ("conceptEntry", "termEntry")),
        start=1,
    ):
        notes = tuple(
            text
            for child in element
            if _local(child.tag) == "note" and (text := _note_text(child, exact)).strip()
        )
        languages: dict[str, list[TbxTerm]] = {}
        definitions: dict[str, str] = {}
        if concept_definition := _descrip(element, "definition"):
            definitions[""] = concept_definition
        for child in element:
            if _local(child.tag) not in ("langSec", "langSet"):
                continue
            lang = (child.get(XML_LANG) or child.get("lang") or "").strip()
            languages.setdefault(lang, []).extend(_terms(child, lang))
            if (definition := _descrip(child, "definition")) and lang not in definitions:
                definitions[lang] = definition
        concepts.append(
            TbxConcept(
                element.get("id") or f"#{number}",
                element.sourceline,
                notes,
                languages,
                definitions,
                _descrip(element, "subjectField"),
            )
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


def _tag(lang: str, plain: str) -> str:
    """The language tag an entry keeps: empty for the plain code (zh, en), else as written."""
    return "" if lang.lower() == plain else lang.replace("_", "-")


def _definition(concept: TbxConcept, en_lang: str, zh_lang: str) -> str:
    for wanted in (en_lang, zh_lang):
        for lang, text in concept.definitions.items():
            if lang and _matches(lang, wanted):
                return text
    return concept.definitions.get("", "")


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
    definition = _definition(concept, en_lang, zh_lang)
    entries, seen = [], set()
    for term in zh_terms:
        if fold(term.text) in seen:
            continue
        seen.add(fold(term.text))
        entries.append(
            GlossaryEntry(
                term.text,
                main.text,
                status,  # type: ignore[arg-type]
                variants,
                forbidden,
                note,
                zh_lang=_tag(term.lang, zh_lang),
                en_lang=_tag(main.lang, en_lang),
                definition=definition,
                part_of_speech=main.part_of_speech or term.part_of_speech,
                subject_field=concept.subject_field,
            )
        )
    return entries, None


def read_tbx(data: bytes, name: str, zh_lang: str = "zh", en_lang: str = "en") -> TbxImport:
    """Glossary entries from a TBX v3 or TBX 2 file, with a warning per concept not used.

    A Chinese term approved in several concepts is one entry: the other English become its
    variants (synonyms, as MultiTerm exports them), not conflicting entries.
    """
    from termx.glossary.merge import combine_synonyms

    concepts = read_concepts(data, name)
    entries: list[GlossaryEntry] = []
    warnings: list[str] = []
    for concept in concepts:
        made, reason = concept_entries(concept, zh_lang, en_lang)
        entries.extend(made)
        if reason is not None:
            warnings.append(reason)
    return TbxImport(combine_synonyms(entries), len(concepts), warnings)


def read(data: bytes, name: str) -> Parsed:
    """The :mod:`termx.glossary.formats` interface: entries, concept count, warnings."""
    imported = read_tbx(data, name)
    return Parsed(
        tuple(imported.entries),
        (None,) * len(imported.entries),
        imported.concepts,
        "concepts",
        tuple(imported.warnings),
    )


# ---------------------------------------------------------------------- writing


@dataclass(frozen=True, slots=True)
class Shape:
    """Element names of one TBX flavour (TBX v3 DCA here, MARTIF in :mod:`.tbx2`)."""

    namespace: str | None
    root: str
    root_attributes: tuple[tuple[str, str], ...]
    header: tuple[str, ...]  # path from the root to sourceDesc
    concept: str
    lang: str
    term: str  # termSec (v3) or tig (MARTIF)
    processing_instructions: tuple[str, ...] = ()
    # More header sections, each ``<tag><p type="…">text</p></tag>`` after the fileDesc.
    header_extra: tuple[tuple[str, str, str], ...] = ()


TBX3 = Shape(
    namespace=TBX_NAMESPACE,
    root="tbx",
    root_attributes=(("type", "TBX-Basic"), ("style", "dca")),
    header=("tbxHeader", "fileDesc", "sourceDesc"),
    concept="conceptEntry",
    lang="langSec",
    term="termSec",
    processing_instructions=_SCHEMA_PIS,
)


def _concept_id(entry: GlossaryEntry, used: set[str]) -> str:
    # Derived from the pair, not the position, so adding an entry does not renumber the file.
    digest = hashlib.sha1(f"{fold(entry.zh)}\t{fold(entry.en)}".encode()).hexdigest()[:12]
    candidate, suffix = f"c{digest}", 1
    while candidate in used:
        suffix += 1
        candidate = f"c{digest}-{suffix}"
    used.add(candidate)
    return candidate


def _check_entry(entry: GlossaryEntry) -> None:
    texts = (entry.zh, entry.en, entry.note, *entry.variants, *entry.forbidden)
    extra = (entry.zh_lang, entry.en_lang, entry.definition, entry.part_of_speech)
    for value in (*texts, *extra, entry.subject_field):
        try:
            check_text(value, None, None)
        except TermxError as error:
            raise TermxError(f"cannot write {entry.zh} → {entry.en} as XML: {error}") from None


def render_document(entries: Sequence[GlossaryEntry], source: str, shape: Shape) -> str:
    """A TBX document of ``shape`` for ``entries`` (in the given order)."""
    from lxml import etree

    def qname(tag: str) -> str:
        return f"{{{shape.namespace}}}{tag}" if shape.namespace else tag

    def sub(parent: Any, tag: str, text: str | None = None, **attributes: str) -> Any:
        child = etree.SubElement(parent, qname(tag), **attributes)
        if text is not None:
            child.text = text
        return child

    def lang_sec(parent: Any, lang: str) -> Any:
        section = sub(parent, shape.lang)
        section.set(XML_LANG, lang)
        return section

    def term_sec(parent: Any, text: str, status: str, pos: str = "") -> None:
        section = sub(parent, shape.term)
        sub(section, "term", text)
        sub(section, "termNote", _STATUS_OUT[status], type="administrativeStatus")
        if pos:
            sub(section, "termNote", pos, type="partOfSpeech")

    nsmap = {None: shape.namespace} if shape.namespace else None
    root = etree.Element(qname(shape.root), nsmap=nsmap, **dict(shape.root_attributes))
    root.set(XML_LANG, "en")
    description = SIGNATURE + (f" from {source}" if source else "")
    header = node = sub(root, shape.header[0])
    for tag in shape.header[1:]:
        node = sub(node, tag)
    sub(node, "p", description)
    for tag, kind, text in shape.header_extra:
        sub(sub(header, tag), "p", text, type=kind)
    body = sub(sub(root, "text"), "body")
    used: set[str] = set()
    for entry in entries:
        _check_entry(entry)
        concept = sub(body, shape.concept, id=_concept_id(entry, used))
        if entry.subject_field:
            sub(concept, "descrip", entry.subject_field, type="subjectField")
        if entry.note:
            sub(concept, "note", entry.note)
        zh_sec = lang_sec(concept, entry.zh_lang or "zh")
        term_sec(zh_sec, entry.zh, "preferred", entry.part_of_speech)
        en_sec = lang_sec(concept, entry.en_lang or "en")
        if entry.definition:
            sub(en_sec, "descrip", entry.definition, type="definition")
        term_sec(en_sec, entry.en, _ENTRY_STATUS[entry.status], entry.part_of_speech)
        for variant in entry.variants:
            term_sec(en_sec, variant, "admitted")
        for form in entry.forbidden:
            term_sec(en_sec, form, "deprecated")
    # indent() only touches whitespace between elements: a note's own text stays as it is.
    etree.indent(root, space="\t")
    pis = "".join(f"<?xml-model {pi}?>\n" for pi in shape.processing_instructions)
    body_xml = etree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{pis}{body_xml}\n'


def render(entries: Sequence[GlossaryEntry], source: str = "") -> str:
    """TBX-Basic DCA document (TBX v3) for ``entries`` (in the given order)."""
    return render_document(entries, source, TBX3)
