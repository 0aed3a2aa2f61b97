"""Reading aligned Chinese–English segment pairs from the files translators have.

One module per format (``tsv``, ``tmx``, ``xliff``, ``parallel``, ``bidoc``); this package only
holds the registry that picks a format by extension and content, and the public functions::

    from termx.io import ReadOptions, ReadStats, read_inputs
    stats = ReadStats()
    for pair in read_inputs(["seeds/"], stats=stats):
        print(pair.zh, pair.en, pair.origin)
    print(stats.reasons)  # what was read but not used, and why

Every reader is lazy: pairs are yielded as the file is read, already cleaned with text.clean().
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from importlib import import_module
from pathlib import Path

from termx.errors import TermxError
from termx.io._common import ReadOptions, ReadStats, Skipped, lang_of, script_of
from termx.model import Origin, SegmentPair

__all__ = [
    "FORMATS",
    "ReadOptions",
    "ReadStats",
    "Skipped",
    "detect_format",
    "lang_of",
    "read_inputs",
    "read_pairs",
    "read_parallel",
    "script_of",
]

Reader = Callable[[Path, str, ReadOptions, ReadStats], Iterator[SegmentPair]]


@dataclass(frozen=True, slots=True)
class Format:
    """A registered input format: where its reader lives and how to recognise its files."""

    name: str
    module: str
    function: str
    extensions: tuple[str, ...]
    description: str

    def reader(self) -> Reader:
        # Imported on use, so `termx --help` does not pay for lxml.
        return getattr(import_module(self.module), self.function)  # type: ignore[no-any-return]

    def sniff(self, head: str) -> bool:
        return bool(import_module(self.module).sniff(head))


# Order matters for content sniffing: the most specific signature first.
FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format("tmx", "termx.io.tmx", "read", (".tmx",), "TMX 1.4 translation memory"),
        Format(
            "xliff",
            "termx.io.xliff",
            "read",
            (".xlf", ".xliff", ".sdlxliff", ".mqxliff"),
            "XLIFF 1.2 or 2.x",
        ),
        Format("tsv", "termx.io.tsv", "read", (".tsv", ".tab"), "tab-separated columns"),
        Format("csv", "termx.io.tsv", "read_csv", (".csv",), "comma-separated columns"),
        Format(
            "bidoc",
            "termx.io.bidoc",
            "read",
            (".txt", ".text", ".md"),
            "bilingual document: Chinese and English paragraphs interleaved",
        ),
    )
}
_XML_EXTENSIONS = (".xml",)
_SNIFF_BYTES = 8192


def _head(path: Path, encoding: str | None, display: str) -> str:
    """The first ``_SNIFF_BYTES`` after any leading blank space (a document may open with
    pages of blank lines), decoded leniently; '' for a file with no text at all."""
    from termx.io._textio import wide_bom_encoding

    try:
        with path.open("rb") as handle:
            raw = handle.read(_SNIFF_BYTES)
            codec = wide_bom_encoding(raw[:4]) or encoding or "utf-8"
            # Incremental, so that a UTF-16 file keeps the byte order its BOM set.
            decoder = codecs.getincrementaldecoder(codec)(errors="ignore")
            text = decoder.decode(raw).lstrip("\ufeff")
            while raw and not text.strip():
                raw = handle.read(_SNIFF_BYTES)
                text = decoder.decode(raw)
    except OSError as error:
        raise TermxError(f"cannot read: {error.strerror or error}", display) from None
    except (UnicodeError, LookupError) as error:  # "UTF-16 stream does not start with BOM"
        raise TermxError(f"cannot decode as {encoding or 'utf-8'}: {error}", display) from None
    return text.lstrip()


def _sniffed(head: str) -> Format | None:
    """The format the content shows: TMX or XLIFF for XML, else a tab-separated table."""
    for name in ("tmx", "xliff") if head.lstrip().startswith("<") else ("tsv",):
        if FORMATS[name].sniff(head):
            return FORMATS[name]
    return None


def detect_format(path: Path, display: str, options: ReadOptions | None = None) -> Format:
    """The format forced by ``options.fmt``, else by extension, else by content."""
    options = options or ReadOptions()
    if options.fmt:
        name = options.fmt.lower()
        if name in ("txt", "doc", "document"):
            name = "bidoc"
        if name not in FORMATS:
            known = ", ".join(FORMATS)
            raise TermxError(f"unknown format {options.fmt!r} (known: {known})")
        return FORMATS[name]
    suffix = path.suffix.lower()
    head = _head(path, options.encoding, display)
    if not head.strip():
        raise TermxError("empty input (no text)", display)
    by_extension = [fmt for fmt in FORMATS.values() if suffix in fmt.extensions]
    if by_extension:
        fmt = by_extension[0]
        # A .txt that is really a TMX, an XLIFF or a tab-separated table is read as one.
        return (_sniffed(head) or fmt) if fmt.name == "bidoc" else fmt
    sniffed = _sniffed(head)
    if sniffed is not None:
        return sniffed
    where = (
        "an XML file that is neither TMX nor XLIFF"
        if suffix in _XML_EXTENSIONS
        else (f"unknown format (extension {suffix or 'none'!r})")
    )
    raise TermxError(f"{where}; use --input-format with one of: {', '.join(FORMATS)}", display)


def read_pairs(
    path: str | Path,
    fmt: str | None = None,
    *,
    options: ReadOptions | None = None,
    stats: ReadStats | None = None,
    display: str | None = None,
) -> Iterator[SegmentPair]:
    """Segment pairs from one file, lazily. ``stats`` (if given) collects what was skipped."""
    options = options or ReadOptions()
    if fmt is not None:
        options = replace(options, fmt=fmt)
    _check_encoding(options)
    path = Path(path)
    display = display if display is not None else str(path)
    info = _stat(path, display)
    if stat.S_ISDIR(info.st_mode):
        raise TermxError("is a directory (use read_inputs for directories)", display)
    if not stat.S_ISREG(info.st_mode):
        raise TermxError("not a regular file (a FIFO, socket or device)", display)
    if info.st_size == 0:
        raise TermxError("empty input (0 bytes)", display)
    stats = stats if stats is not None else ReadStats()
    fmt_ = detect_format(path, display, options)
    stats.files.append(display)
    return fmt_.reader()(path, display, options, stats)


def _check_encoding(options: ReadOptions) -> None:
    from termx.io._textio import check_encoding

    check_encoding(options.encoding)


# Parallel text files found side by side: "book.zh.txt" + "book.en.txt", "corpus.zh" +
# "corpus.en" (the Moses convention), "a_zh-CN.txt" + "a_en-US.txt".
_PARALLEL_NAME = re.compile(
    r"^(?P<stem>.+?)[._-](?P<lang>zh(?:[-_][a-z]{2,4})?|cn|chs|cht|en(?:[-_][a-z]{2})?)"
    r"(?P<ext>\.txt)?$",
    re.IGNORECASE,
)

File = tuple[Path, str]
Job = tuple[File] | tuple[File, File]  # one file, or a (zh, en) pair of parallel files


def _supported(path: Path) -> bool:
    suffix = path.suffix.lower()
    return any(suffix in fmt.extensions for fmt in FORMATS.values())


def _parallel_key(path: Path) -> tuple[str, str] | None:
    """("dir/stem.txt", "zh"|"en") for a file named like one side of a parallel pair."""
    match = _PARALLEL_NAME.match(path.name)
    if match is None:
        return None
    lang = lang_of(match["lang"]) or "zh"  # cn, chs, cht
    return str(path.parent / (match["stem"] + (match["ext"] or ""))), lang


def _pair_parallel(files: list[File]) -> list[Job]:
    """Group the files of one directory listing into single files and parallel pairs."""
    sides: dict[str, dict[str, File]] = {}
    for file in files:
        key = _parallel_key(file[0])
        if key is not None:
            sides.setdefault(key[0], {})[key[1]] = file
    paired = {stem: langs for stem, langs in sides.items() if set(langs) == {"zh", "en"}}
    used = {file for langs in paired.values() for file in langs.values()}
    jobs: list[Job] = []
    emitted: set[str] = set()
    for file in files:
        key = _parallel_key(file[0])
        if key is not None and key[0] in paired:
            if key[0] not in emitted:
                emitted.add(key[0])
                jobs.append((paired[key[0]]["zh"], paired[key[0]]["en"]))
        elif file not in used:
            jobs.append((file,))
    return jobs


def _stat(path: Path, display: str) -> os.stat_result:
    """``os.stat`` with a one-line error that says what is wrong with the path."""
    try:
        return path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise TermxError("dangling symbolic link (no such target)", display) from None
        raise TermxError("no such file or directory", display) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise TermxError("symbolic link loop", display) from None
        raise TermxError(f"cannot read: {error.strerror or error}", display) from None
    except RuntimeError:  # pathlib's own "Symlink loop"
        raise TermxError("symbolic link loop", display) from None


def _readable(path: Path, display: str) -> None:
    # Opened once while listing, so an unreadable file fails the run before the first pair
    # (a gate must never pass because it skipped what it could not read).
    try:
        with path.open("rb"):
            pass
    except OSError as error:
        raise TermxError(f"cannot read: {error.strerror or error}", display) from None


def _walk(path: Path, given: str, options: ReadOptions) -> list[File]:
    """The files under ``path``, sorted, hidden ones left out. Anything that cannot be listed
    or read (an unreadable subdirectory or file, a dangling link, a link loop) is an error."""
    found: list[File] = []
    visited: set[tuple[int, int]] = set()

    def visit(directory: Path, shown: str) -> None:
        info = _stat(directory, shown)
        if (info.st_dev, info.st_ino) in visited:
            raise TermxError("symbolic link loop (a directory inside itself)", shown)
        visited.add((info.st_dev, info.st_ino))
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as error:
            raise TermxError(f"cannot read directory: {error.strerror or error}", shown) from None
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child, child_shown = Path(entry.path), os.path.join(shown, entry.name)
            info = _stat(child, child_shown)
            if stat.S_ISDIR(info.st_mode):
                visit(child, child_shown)
                continue
            if not (options.fmt or _supported(child) or _parallel_key(child) is not None):
                continue
            if not stat.S_ISREG(info.st_mode):
                raise TermxError("not a regular file (a FIFO, socket or device)", child_shown)
            if info.st_size == 0:
                continue
            _readable(child, child_shown)
            found.append((child, child_shown))

    visit(path, given)
    return found


def _expand(paths: Sequence[str | Path], options: ReadOptions) -> tuple[list[Job], set[str]]:
    """What to read, with the name to show for each file: directories walked recursively and
    sorted, parallel files (``x.zh.txt`` + ``x.en.txt``) found in them paired. Also the names
    of the files found by walking a directory (not named by the user)."""
    jobs: list[Job] = []
    walked: set[str] = set()
    for given in paths:
        path = Path(given)
        info = _stat(path, str(given))
        if not stat.S_ISDIR(info.st_mode):
            jobs.append(((path, str(given)),))
            continue
        found = _walk(path, str(given), options)
        walked.update(display for _, display in found)
        directory_jobs = _pair_parallel(found) if not options.fmt else [(f,) for f in found]
        directory_jobs = [
            job for job in directory_jobs if len(job) == 2 or options.fmt or _supported(job[0][0])
        ]
        if not directory_jobs:
            known = " ".join(sorted({ext for fmt in FORMATS.values() for ext in fmt.extensions}))
            raise TermxError(
                f"directory has no supported files ({known}, or x.zh.txt + x.en.txt)", str(given)
            )
        jobs.extend(directory_jobs)
    return jobs, walked


def read_inputs(
    paths: Sequence[str | Path],
    options: ReadOptions | None = None,
    *,
    stats: ReadStats | None = None,
) -> Iterator[SegmentPair]:
    """Segment pairs from files and directories (recursive), each file's format sniffed.

    In a directory, two files named like ``book.zh.txt`` and ``book.en.txt`` (or ``corpus.zh``
    and ``corpus.en``) are read as parallel files, and a file between other languages than
    Chinese and English (``de.xliff`` beside ``zh-Hans.xliff``) is skipped and counted in
    ``stats.skipped_files``; named on its own it is an error. Missing paths, empty directories
    and anything unreadable are reported before the first pair is yielded.
    """
    options = options or ReadOptions()
    _check_encoding(options)
    if not paths:
        raise TermxError("no input given")
    jobs, walked = _expand(paths, options)
    stats = stats if stats is not None else ReadStats()
    return _chain(jobs, walked, options, stats)


def _chain(
    jobs: list[Job], walked: set[str], options: ReadOptions, stats: ReadStats
) -> Iterator[SegmentPair]:
    from termx.io.xliff import OtherLanguages

    for job in jobs:
        if len(job) == 2:
            (zh, zh_display), (en, en_display) = job  # type: ignore[misc]
            from termx.io.parallel import read_parallel as _read

            stats.files.extend([zh_display, en_display])
            yield from _read(zh, en, zh_display, en_display, options, stats)
            continue
        path, display = job[0]
        try:
            yield from read_pairs(path, options=options, stats=stats, display=display)
        except OtherLanguages as error:
            if display not in walked:
                raise
            if display in stats.files:
                stats.files.remove(display)
            stats.skip_file(Origin(display, error.line), error.reason)


def read_parallel(
    zh_path: str | Path,
    en_path: str | Path,
    options: ReadOptions | None = None,
    *,
    stats: ReadStats | None = None,
) -> Iterator[SegmentPair]:
    """Pairs from two parallel plain-text files (line N ↔ line N); unequal lengths are an error."""
    from termx.io.parallel import read_parallel as _read

    options = options or ReadOptions()
    _check_encoding(options)
    zh, en = Path(zh_path), Path(en_path)
    for path in (zh, en):
        if not path.is_file():
            raise TermxError("no such file" if not path.exists() else "not a file", str(path))
    stats = stats if stats is not None else ReadStats()
    stats.files.extend([str(zh_path), str(en_path)])
    return _read(zh, en, str(zh_path), str(en_path), options, stats)
