"""A very small HTML/SVG builder that escapes everything it is given.

Reports show data read from case files, so nothing may reach the page unescaped.
Instead of remembering to call ``html.escape`` at every interpolation, markup is
built with :func:`el`: text and attribute values are always escaped, and only
:class:`Markup` (what :func:`el` itself returns) passes through as it is.
"""

from __future__ import annotations

import html
from collections.abc import Iterable


class Markup(str):
    """A string that is already safe markup (built by :func:`el` or :func:`raw`)."""

    __slots__ = ()


def raw(markup: str) -> Markup:
    """Trust a literal piece of markup written in this package (never data)."""
    return Markup(markup)


def text(value: object) -> Markup:
    """Text made safe for an element's content or an attribute value."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True))


def _children(content: object) -> str:
    if content is None:
        return ""
    if isinstance(content, str | int):
        return text(content)
    if isinstance(content, Iterable):
        return "".join(_children(item) for item in content)
    raise TypeError(f"cannot render {type(content).__name__} as markup")


def el(tag: str, *content: object, **attributes: object) -> Markup:
    """``<tag attr="value">content</tag>``, with every value escaped.

    Attribute names come from code, never from data: a trailing underscore is
    dropped (``class_``) and other underscores become hyphens (``font_size``).
    An attribute whose value is ``None`` or ``False`` is left out.
    """
    parts = [tag]
    for name, value in attributes.items():
        if value is None or value is False:
            continue
        key = name.rstrip("_").replace("_", "-")
        parts.append(key if value is True else f'{key}="{text(value)}"')
    return Markup(f"<{' '.join(parts)}>{_children(content)}</{tag}>")


def join(*content: object) -> Markup:
    """Content (text, markup or iterables of them) side by side, text escaped."""
    return Markup(_children(content))


def void(tag: str, **attributes: object) -> Markup:
    """An element without content or closing tag (``<meta>``), attributes escaped."""
    opened = el(tag, **attributes)
    return Markup(opened[: -len(f"</{tag}>")])
