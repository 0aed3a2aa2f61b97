"""The real inputs the reader fuzzers mutate (shared by tests/test_fuzz_readers.py and
bench/fuzz.py): small slices of the test data, one per reader, each a few KiB so that a case
runs in about a millisecond."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"


def _tmx() -> bytes:
    text = (DATA / "tico19" / "pairs.tmx").read_text(encoding="utf-8")
    head, _, rest = text.partition("<tu ")
    units = rest.split("<tu ")[:4]
    return (head + "".join("<tu " + unit for unit in units)).split("</body>")[0].encode() + (
        b"</body></tmx>\n"
    )


def _tsv() -> bytes:
    lines = (DATA / "tico19" / "pairs.tsv").read_text(encoding="utf-8").splitlines()[:8]
    lines[2] += "\t# termx: ignore[missing-term]"
    return ("\n".join(lines) + "\n").encode()


def _csv() -> bytes:
    rows = [line.split("\t") for line in _tsv().decode().splitlines()]
    return ("zh,en\n" + "".join(f'"{zh}","{en}"\n' for zh, en, *_ in rows)).encode()


def _bidoc() -> bytes:
    text = (REPO / "seeds" / "003_59acd2985607794a.txt").read_text(encoding="utf-8")
    return text[:1500].encode()


def _xliff() -> bytes:
    return (DATA / "cat" / "news.docx.sdlxliff").read_bytes()


def _xliff2() -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="zh-CN" '
        'trgLang="en">\n<file id="f1"><unit id="u1"><!-- termx: ignore -->\n'
        '<segment state="final"><source>和平使命<pc id="1">联合演习</pc></source>'
        '<target>Peace Mission <pc id="1">joint exercise</pc></target></segment>\n'
        '<segment state="initial"><source>结束语</source><target>Closing</target></segment>'
        "</unit></file></xliff>\n"
    ).encode()


# Reader name (its --input-format) → file name → the bytes to mutate.
SEEDS: dict[str, tuple[str, bytes]] = {
    "tmx": ("m.tmx", _tmx()),
    "xliff": ("d.sdlxliff", _xliff()),
    "xliff2": ("d.xlf", _xliff2()),
    "tsv": ("p.tsv", _tsv()),
    "csv": ("p.csv", _csv()),
    "bidoc": ("doc.txt", _bidoc()),
}

# Bytes that reach the readers' edge cases: markup, entities, encodings, directives, newlines.
TOKENS = (
    b"<",
    b">",
    b"&",
    b"&nbsp;",
    b"&#0;",
    b"&#xD800;",
    b"]]>",
    b"<!--",
    b"-->",
    b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
    b'<!DOCTYPE x [<!ENTITY e "x">]>',
    b"<tu>",
    b"</tu>",
    b'<tuv xml:lang="zh">',
    b"<seg>",
    b"<trans-unit>",
    b"<target>",
    b'<mrk mtype="seg" mid="1">',
    b'state="new"',
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xe4\xb8",
    b"\r",
    b"\r\n",
    b"\n\n",
    b"\t",
    b'"',
    b",",
    b"termx: ignore[",
    b"# termx: ignore",
    "。".encode(),
    "上合組織".encode(),
    b" " * 64,
)


def mutate(data: bytes, operations: list[tuple[int, int, int]]) -> bytes:
    """Apply ``(kind, position, value)`` operations: 0 flip a byte, 1 insert a token, 2 delete
    a run, 3 duplicate a run, 4 truncate. Positions and values wrap, so any ints are valid."""
    buffer = bytearray(data)
    for kind, position, value in operations:
        size = len(buffer)
        at = position % (size + 1)
        match kind % 5:
            case 0 if size:
                buffer[at % size] ^= 1 << (value % 8)
            case 1:
                buffer[at:at] = TOKENS[value % len(TOKENS)]
            case 2:
                del buffer[at : at + 1 + value % 32]
            case 3:
                buffer[at:at] = buffer[at : at + 1 + value % 64]
            case 4 if value % 4 == 0:
                del buffer[at:]
    return bytes(buffer)
