"""The ``termx`` command: a thin typer layer over the library (one module per command).

Each command module only parses options, calls the library and renders the result; errors
raised as :class:`termx.errors.TermxError` become one line on stderr and exit code 2; any
other exception is a bug and becomes one ``termx: internal error`` line and exit code 3.
"""

from __future__ import annotations

import gc
import os
import sys

import typer

from termx.errors import TermxError

app = typer.Typer(
    name="termx",
    help=(
        "Terminology extraction and consistency checking for Chinese↔English translation.\n\n"
        "Typical flow: termx align (see the pairs) → termx extract (candidate term pairs with "
        "evidence) → termx review (build glossary/NAME.tsv) → termx check (CI gate)."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        print(f"termx {version('termx')}")
        raise typer.Exit()


@app.callback()
def _root(
    _version: bool = typer.Option(
        False,
        "--version",
        help="Show termx's version and exit.",
        is_eager=True,
        callback=_show_version,
    ),
) -> None:
    pass


def _register() -> None:
    # Imported here so that each command module can import ``app`` helpers without cycles.
    from termx.cli import _help, align, check, evaluate, extract, glossary, review  # noqa: F401

    _help.install()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: run the app on ``argv`` (default: the command line), turn
    TermxError into one line on stderr and exit code 2."""
    _register()
    try:
        app(args=argv, prog_name="termx")
    except TermxError as error:
        print(f"termx: error: {error}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("termx: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as error:
        # A bug must not look like a finding (exit 1, which `check` uses) nor hide behind a
        # traceback a CI log cuts off: one line, its own exit code, and where to report it.
        print(
            f"termx: internal error: {type(error).__name__}: {error} "
            f"(please report it with the command that caused it; TERMX_DEBUG=1 shows the "
            f"traceback)",
            file=sys.stderr,
        )
        if os.environ.get("TERMX_DEBUG"):
            raise
        sys.exit(3)
    finally:
        if argv is None:
            # The process ends here: the interpreter's last collection would walk every
            # object still alive (caches, counts, the result) to find no garbage worth
            # freeing, 0.3 CPU-s after `extract` on tico19-dev. Not for a caller's process.
            gc.freeze()
