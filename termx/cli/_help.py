"""How option and argument types read in ``--help``.

typer 0.29 labels every parameter with a type tag (``--yes <bool>``, ``CANDIDATES <path>``)
and wraps required arguments in braces in the usage line (``{CANDIDATES}``): a flag then looks
as if it needed a value. termx shows what click and most CLIs show instead: nothing after a
flag, ``PATH``/``FLOAT`` after an option that takes one, ``NAME`` / ``[NAME]`` in the usage.
These are typer's own rendering hooks; pyproject pins typer to the minor version tested here,
and tests/test_cli_help.py fails if a newer one renders differently.
"""

from __future__ import annotations

from typer._click import Context  # typer 0.29 vendors click; its hooks take this Context
from typer.core import TyperArgument, TyperOption


def _option_type(self: TyperOption, ctx: Context) -> str | None:
    if self.is_flag or self.count:
        return None
    if self.metavar is not None:
        return self.metavar
    label = self.display_type(ctx).strip("<>")
    if not self.type_descriptor.is_choice:  # choices are typed as they are listed
        label = label.removesuffix(" range").upper()
    return f"{label}..." if self.nargs != 1 else label


def _argument_type(self: object, ctx: Context) -> str | None:
    return None  # the argument's name is already its placeholder


def _argument_usage(self: TyperArgument) -> str:
    name = self.display_name_raw
    if self.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name if self.required else f"[{name}]"


def install() -> None:
    """Make typer render types and usage as described above (idempotent)."""
    TyperOption.display_type_rich = _option_type  # type: ignore[method-assign]
    TyperArgument.display_type_rich = _argument_type  # type: ignore[method-assign]
    TyperArgument._usage_display_name = _argument_usage  # type: ignore[method-assign]
