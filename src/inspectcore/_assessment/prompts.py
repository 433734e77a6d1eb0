"""What the questionnaire asks: a question's printed wording, or a prompt built from the document.

A transcriber's ``text_note`` (why an id is written so, which column the wording came
from) is for ``inspectcore show``, never the question itself. Where the document prints
no wording, the prompt is built from what it does print, and says it was built
(:attr:`Prompt.provenance` is ``derived``), so that nobody reads engine words as the
guidance's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs

from .._model.edition import Edition, Question
from .._model.provenance import Basis, Provenance
from .._model.text import LocalText

# A sentence ends at . ? or ! followed by a space and a capital letter (or the end), so
# that "e.g. the" or "1.1.1" inside it does not end it.
_SENTENCE = re.compile(r"(.+?[.?!])(?=\s+[A-Z(‘'\"“]|\s*$)", re.DOTALL)


@attrs.frozen
class Prompt:
    """What is asked for a question, and where those words come from."""

    text: LocalText
    provenance: Provenance
    """``stated`` for the printed wording; ``derived`` (saying from what) for a built one."""
    context: LocalText | None = None
    """Printed words to read with a built prompt: the wording of the judgement an
    explanation explains."""

    @property
    def derived(self) -> bool:
        """Whether the engine built these words (the document prints no wording)."""
        return self.provenance.basis is Basis.DERIVED


def _first_sentence(text: str) -> str:
    paragraph = " ".join(text.strip().split("\n\n", 1)[0].split())
    paragraph = paragraph.removeprefix("- ")
    match = _SENTENCE.match(paragraph)
    return match.group(1) if match else paragraph


def _each_language(text: LocalText, build: Callable[[str], str]) -> LocalText:
    return LocalText(tuple((lang, build(value)) for lang, value in text.translations))


def question_prompt(edition: Edition, question: Question) -> Prompt:
    """The prompt for ``question``: its printed wording, or one built from what is printed.

    In order: the wording the document prints; for an explanation, a question about the
    judgement it explains ("Why was 1.1.1 not sufficient? …", with that judgement's
    wording as :attr:`Prompt.context`); the first sentence of the question's first block
    of printed guidance (the quality indicators, usually); the criterion or group it
    counts towards; its section's title. Every built prompt is marked derived.
    """
    if question.text is not None and question.wording.strip():
        where = f" ({question.location})" if question.location else ""
        return Prompt(question.text, Provenance(Basis.STATED, f"the printed wording{where}"))
    if question.prompt is not None:
        return Prompt(question.prompt, question.prompt_provenance)
    explained = edition.find_question(question.links.explains) if question.links.explains else None
    if explained is not None:
        text = f"Why was {explained.id} not sufficient? Choose what was lacking."
        return Prompt(
            LocalText.of(text),
            Provenance(
                Basis.DERIVED,
                f"the document prints no wording; built from the judgement it explains, "
                f"{explained.id}",
            ),
            context=explained.text,
        )
    for block in question.guidance:
        if block.text.en.strip():
            return Prompt(
                _each_language(block.text, _first_sentence),
                Provenance(
                    Basis.DERIVED,
                    f"the document prints no wording; the first sentence of its "
                    f"'{block.title.en}' column",
                ),
            )
    for group_id in question.links.counts_towards:
        group = edition.group(group_id)
        if group is not None and group.title is not None:
            return Prompt(
                _each_language(group.title, f"{group.id} {{}}".format),
                Provenance(
                    Basis.DERIVED,
                    f"the document prints no wording or guidance; the {group.kind} it is "
                    f"printed with, {group.id}",
                ),
            )
    section = edition.section(question.section)
    title = section.title if section is not None else LocalText.of(question.section)
    return Prompt(
        title,
        Provenance(
            Basis.DERIVED,
            f"the document prints no wording or guidance; the title of section {question.section}",
        ),
    )
