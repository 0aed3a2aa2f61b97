"""printable(): user data reaches the terminal without control sequences."""

from __future__ import annotations

from termx.text import printable


def test_escape_sequences_are_shown_not_sent() -> None:
    hostile = "上合组织\x1b[2J\x1b]0;owned\x07 SCO"
    shown = printable(hostile)
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown == "上合组织\\x1b[2J\\x1b]0;owned\\x07 SCO"


def test_ordinary_text_is_unchanged() -> None:
    text = "張曉剛：“和平使命-2025”\tPeace Mission\n"
    assert printable(text) is text


def test_c1_controls_and_bidi_overrides_are_escaped() -> None:
    assert printable("a\x9bb") == "a\\x9bb"
    assert printable("abc\u202edef") == "abc\\u202edef"
