"""Text in one or more languages, with a visible fallback to English."""

from __future__ import annotations

import attrs

DEFAULT_LANGUAGE = "en"


@attrs.frozen
class LocalText:
    """Text with translations, keyed by language code (``en``, ``cy``).

    English is always present: edition data gives it as a plain string or as
    the ``en`` entry of a table.
    """

    translations: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, text: str, **others: str) -> LocalText:
        """Build from English text and any translations, e.g. ``LocalText.of("Yes", cy="Ie")``."""
        return cls(((DEFAULT_LANGUAGE, text), *sorted(others.items())))

    @property
    def en(self) -> str:
        """The English text."""
        return dict(self.translations).get(DEFAULT_LANGUAGE, "")

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this text is available in."""
        return tuple(lang for lang, _ in self.translations)

    def get(self, lang: str = DEFAULT_LANGUAGE) -> tuple[str, str]:
        """Return ``(text, language)``: the text in ``lang``, or English when there is none.

        The returned language tells the caller whether it fell back, so that
        it can say so.
        """
        texts = dict(self.translations)
        if lang in texts:
            return texts[lang], lang
        return texts.get(DEFAULT_LANGUAGE, ""), DEFAULT_LANGUAGE

    def __str__(self) -> str:
        return self.en
