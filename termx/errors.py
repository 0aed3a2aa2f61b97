"""The one exception type the CLI turns into a one-line message and exit code 2."""

from __future__ import annotations

from termx.text import printable


class TermxError(Exception):
    """Bad input or usage: the message names the file (and line where it helps)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        # Messages quote file names and contents: an ESC sequence in them must not reach the
        # terminal raw.
        super().__init__(printable(f"{where}{message}"))
