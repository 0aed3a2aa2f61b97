"""`termx review`: decide candidates one key at a time, saving the glossary after every key."""

from __future__ import annotations

import inspect
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from termx.cli import app
from termx.errors import TermxError
from termx.text import printable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from termx.glossary import Glossary
    from termx.glossary.review import BatchResult, SessionState
    from termx.model import TermPair

PROMPT = "key [a r e v f s u q ?]: "


def reflow(doc: str) -> str:
    """Join the lines of each help paragraph (this typer keeps single line breaks verbatim);
    paragraphs of command examples keep their lines."""
    paragraphs = inspect.cleandoc(doc).split("\n\n")
    return "\n\n".join(
        paragraph if paragraph.lstrip().startswith("termx ") else " ".join(paragraph.split("\n"))
        for paragraph in paragraphs
    )


_REVIEW_HELP = """
    Review candidate term pairs into a glossary, one key per decision.

    Keys: [bold]a[/] accept, [bold]r[/] reject, [bold]e[/] edit, [bold]v[/] accept + English
    variant, [bold]f[/] accept + forbidden English form, [bold]s[/] skip, [bold]u[/] undo,
    [bold]q[/] quit, [bold]?[/] help. Every decision is written at once (atomically), so quitting
    or a crash loses nothing; running the command again resumes with the undecided pairs.

    Without a terminal (scripts, CI) use batch mode: pairs scoring at least --accept-above are
    accepted, those below --reject-below rejected, the rest stay pending and are listed.

    Examples:

    termx review candidates.tsv --glossary glossary/sco.tsv

    termx review candidates.tsv -g glossary/sco.tsv --accept-above 0.8 --reject-below 0.3 --yes
    """


@app.command(help=reflow(_REVIEW_HELP))
def review(
    candidates: Annotated[
        Path,
        typer.Argument(
            help="Candidates file written by `termx extract` (TSV, CSV, JSON or JSONL).",
            show_default=False,
            metavar="CANDIDATES",
        ),
    ],
    glossary: Annotated[
        Path,
        typer.Option(
            "--glossary",
            "-g",
            help="Glossary to build (created if missing; canonical TSV, e.g. glossary/NAME.tsv). "
            "Saved atomically after every decision.",
            show_default=False,
            metavar="GLOSSARY",
        ),
    ],
    accept_above: Annotated[
        float | None,
        typer.Option(
            help="Batch mode: accept undecided pairs whose score is at least this (0-1).",
            min=0.0,
            max=1.0,
            show_default=False,
        ),
    ] = None,
    reject_below: Annotated[
        float | None,
        typer.Option(
            help="Batch mode: reject undecided pairs whose score is below this (0-1).",
            min=0.0,
            max=1.0,
            show_default=False,
        ),
    ] = None,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            "-y",
            help="Batch mode: apply the decisions without asking for confirmation.",
        ),
    ] = False,
) -> None:
    """Review candidate term pairs into a glossary (see --help)."""
    from rich.console import Console

    from termx.glossary.review import open_review

    batch = accept_above is not None or reject_below is not None
    if yes and not batch:
        raise TermxError("--yes needs --accept-above and/or --reject-below (batch mode)")
    if not batch and not sys.stdin.isatty():
        raise TermxError(
            "standard input is not a terminal, so review cannot ask; use batch mode "
            "(--accept-above S and/or --reject-below S, with --yes) in scripts"
        )
    pairs, current = open_review(candidates, glossary)
    console = Console(highlight=False, markup=False)
    if not pairs:
        console.print(f"No candidates in {printable(str(candidates))}.")
        return
    if batch:
        _run_batch(console, pairs, current, glossary, accept_above, reject_below, yes)
    else:
        _run_interactive(console, pairs, current, glossary)


# ---------------------------------------------------------------------- batch


def _run_batch(
    console: Console,
    pairs: list[TermPair],
    current: Glossary,
    path: Path,
    accept_above: float | None,
    reject_below: float | None,
    yes: bool,
) -> None:
    from termx.glossary.review import batch_review, commit_batch

    result = batch_review(pairs, current, accept_above, reject_below)
    _print_batch(console, result, len(pairs))
    changed = result.accepted or result.rejected or result.pending
    if not changed:
        console.print("Nothing to change.")
        return
    if not yes and sys.stdin.isatty():
        answer = console.input(f"Write these decisions to {path}? [y/N] ").strip().lower()
        if answer not in ("y", "yes"):
            console.print("Nothing written.")
            return
    # Another review may have saved since we read the file (or while we asked): the library
    # applies the thresholds to the file as it is now, so its decisions stay.
    final = commit_batch(path, pairs, current, result, accept_above, reject_below)
    if final is not result:
        console.print(
            f"{path} changed while this ran; applied to it as it is now: "
            f"{len(final.accepted)} accepted, {len(final.rejected)} rejected, "
            f"{len(final.pending)} pending."
        )
    console.print(f"Saved {path}.")


def _print_batch(console: Console, result: BatchResult, total: int) -> None:
    from rich.table import Table

    console.print(
        f"{total} candidates: {len(result.accepted)} accepted, {len(result.rejected)} rejected, "
        f"{len(result.pending)} pending, {result.decided_before} decided earlier."
    )
    if result.pending:
        table = Table(title="Pending (decide them with `termx review` in a terminal)")
        table.add_column("zh")
        table.add_column("en")
        table.add_column("score", justify="right")
        for pair in result.pending:
            table.add_row(printable(pair.zh), printable(pair.en), f"{pair.score:.3f}")
        console.print(table)


# ---------------------------------------------------------------------- interactive


def _run_interactive(
    console: Console, pairs: list[TermPair], current: Glossary, path: Path
) -> None:
    from termx.glossary.review import INPUT_KEYS, SharedReview

    session = SharedReview(path, pairs, current)
    state = session.state
    if state.finished:
        console.print(
            f"Nothing to review: all {len(pairs)} candidates are already decided in {path}."
        )
        return
    if state.decided_before:
        console.print(f"Resuming: {state.decided_before} of {len(pairs)} already decided.")
    while not state.finished:
        _render(console, state)
        console.print(PROMPT, end="", markup=False)
        sys.stdout.flush()
        key = read_key()
        console.print(key if key.isprintable() else "")
        options = _ask_inputs(console, state, key) if key in INPUT_KEYS else {}
        if options is None:
            state = session.cancel()
            continue
        state = session.press(key, **options)
    tally = state.tally
    left = sum(not state.glossary.is_decided(pair.zh, pair.en) for pair in pairs)
    console.print(
        f"Glossary {printable(str(path))}: accepted {tally.accepted}, rejected {tally.rejected}, "
        f"edited {tally.edited} this session; {left} pairs undecided."
    )


def _ask(console: Console, prompt: str) -> str | None:
    try:
        return console.input(prompt)
    except EOFError:
        return None


def _ask_inputs(console: Console, state: SessionState, key: str) -> dict[str, str] | None:
    pair = state.current
    if pair is None:
        return {}
    if key == "e":
        zh = _ask(console, f"Chinese [{printable(pair.zh)}] (Enter keeps): ")
        if zh is None:
            return None
        en = _ask(console, f"English [{printable(pair.en)}] (Enter keeps): ")
        if en is None:
            return None
        return {"zh": zh, "en": en}
    label = "another English variant" if key == "v" else "wrong English form to forbid"
    form = _ask(console, f"{label} for {printable(pair.zh)} (Enter cancels): ")
    return None if form is None else {"form": form}


def _highlighted(sentence: str, term: str, style: str) -> Text:
    from rich.text import Text

    from termx.glossary.review import excerpt, highlight_spans

    shown, spans = excerpt(sentence, highlight_spans(sentence, term))
    # Piece by piece, so that escaping a control character (one character becomes four)
    # does not shift the highlighted spans.
    text = Text()
    done = 0
    for start, end in spans:
        text.append(printable(shown[done:start]))
        text.append(printable(shown[start:end]), style=style)
        done = end
    text.append(printable(shown[done:]))
    return text


def _render(console: Console, state: SessionState) -> None:
    from rich.table import Table
    from rich.text import Text

    pair = state.current
    if pair is None:
        return
    console.print()
    console.rule(state.status_line())
    heading = Text()
    heading.append(printable(pair.zh), style="bold yellow")
    heading.append("  →  ")
    heading.append(printable(pair.en), style="bold cyan")
    heading.append(f"    score {pair.score:.3f} · frequency {pair.frequency}", style="dim")
    console.print(heading)
    if pair.variants:
        forms = ", ".join(pair.variants)
        console.print(Text(printable(f"also seen as: {forms}  (v adds one as a variant)")))
    if pair.evidence:
        console.print("evidence:", style="bold")
        for item in pair.evidence:
            console.print(Text(printable(f"  {item.kind} ({item.value:.2f}): {item.reason}")))
    for number, (zh_sentence, en_sentence) in enumerate(pair.samples[:2]):
        where = f" ({printable(str(pair.examples[number]))})" if number < len(pair.examples) else ""
        console.print(f"example {number + 1}{where}:", style="bold")
        # A grid so that a long Chinese sentence (one "word" to the wrapper) folds in its
        # column instead of jumping to the next line.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="dim")
        grid.add_column(overflow="fold")
        grid.add_row("  zh", _highlighted(zh_sentence, pair.zh, "bold black on yellow"))
        grid.add_row("  en", _highlighted(en_sentence, pair.en, "bold black on cyan"))
        console.print(grid)
    if not pair.samples and pair.examples:
        console.print(f"example: {printable(str(pair.examples[0]))}", style="dim")
    known = state.glossary.approved(pair.zh)
    if known is not None:
        console.print(
            Text(
                printable(
                    f"in the glossary: {known.zh} → {known.en} (approved); accepting adds a variant"
                )
            ),
            style="magenta",
        )
    if state.message:
        console.print(Text(printable(state.message)), style="italic")


def read_key() -> str:
    """One key press from the terminal without waiting for Enter (raw mode, restored after).

    Ctrl-C and Ctrl-D quit (decisions are already saved); escape sequences such as arrow
    keys are swallowed whole so that their letters are not taken as commands.
    """
    import select
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setraw(fd, termios.TCSANOW)  # TCSAFLUSH would drop keys typed ahead
        data = os.read(fd, 1)
        if data == b"\x1b":
            while select.select([fd], [], [], 0.05)[0]:
                if not os.read(fd, 16):
                    break
            return "\x1b"
        if data and data[0] >= 0x80:  # the rest of a UTF-8 character
            length = 2 if data[0] < 0xE0 else 3 if data[0] < 0xF0 else 4
            data += os.read(fd, length - 1)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    if data in (b"", b"\x03", b"\x04"):
        return "q"
    return data.decode("utf-8", errors="replace").lower()
