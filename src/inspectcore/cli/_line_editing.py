"""Line editing for the questionnaire's prompts, with a history kept for one session only."""

from __future__ import annotations

import sys
from typing import TextIO


def line_editing(stdin: TextIO) -> bool:
    """Give the prompts line editing and history (arrow keys, Ctrl-R) when ``stdin`` is a terminal.

    click.prompt reads with ``input()``, which edits lines once :mod:`readline` is
    imported, so control characters from arrow keys are never typed into an
    answer. The history is this session's only: it is cleared now and when the
    session ends, and never written to a file (answers are about a child).
    Returns whether line editing is on; it is not where readline is missing.
    """
    if not stdin.isatty():
        return False
    try:
        import readline
    except ImportError:  # not built on some platforms (e.g. Windows)
        return False
    readline.clear_history()
    return True


def forget_history() -> None:
    """Clear the line-editing history, if :func:`line_editing` turned it on."""
    readline = sys.modules.get("readline")
    if readline is not None:
        readline.clear_history()
