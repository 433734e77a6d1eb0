"""Text from case files made safe to show on a terminal: controls shown, never obeyed."""

from __future__ import annotations

import re

# C0 controls, DEL and C1 controls (U+009B alone starts an escape sequence on some
# terminals), the bidirectional overrides and isolates that reorder what is shown
# ("Trojan Source"), and lone surrogates, which cannot be written as UTF-8 at all.
_UNSAFE = "\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"


def _pattern(keep: str) -> re.Pattern[str]:
    kept = "".join(re.escape(c) for c in keep)
    return re.compile(f"(?![{kept}])[{_UNSAFE}]" if kept else f"[{_UNSAFE}]")


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, keep: str = "\t") -> str:
    r"""``text`` with every control character shown as a visible escape such as ``\x1b``.

    Characters in ``keep`` (by default the tab) are left as they are; pass
    ``keep="\n\t"`` for text shown over several lines, such as a note. Everything
    the command line echoes from a case file, or from a file's name, goes through
    this, so that a case file can never clear the screen or rewrite what is shown.
    """
    pattern = _PATTERNS.get(keep)
    if pattern is None:
        pattern = _PATTERNS[keep] = _pattern(keep)
    return pattern.sub(_escape, text)


def control_characters(text: str, keep: str = "") -> tuple[str, ...]:
    """The distinct control characters in ``text`` (except those in ``keep``), as escapes."""
    # Every character of _UNSAFE is unprintable, so printable text (nearly every text of
    # a case, and validation asks of each one) needs no scan.
    if text.isprintable():
        return ()
    pattern = _PATTERNS.get(keep)
    if pattern is None:
        pattern = _PATTERNS[keep] = _pattern(keep)
    return tuple(dict.fromkeys(_escape(m) for m in pattern.finditer(text)))
