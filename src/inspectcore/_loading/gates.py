"""Compiling each question's gates, once per edition.

An edition's gates are compiled the first time anything asks for them (lint does, as
the edition loads) and kept for as long as the edition lives, so every router, every
validation and lint read the same records.
"""

from __future__ import annotations

import weakref

from .._model.edition import Edition, Question
from .._model.gates import (
    EditionGates,
    ExplainsGate,
    Gate,
    PerOptionGate,
    QuestionGates,
    RuleGate,
    SectionGate,
)
from .._model.rules import Rule

# Keyed by the edition object, not by its value: hashing a whole edition costs more than
# compiling its gates. The entry goes when the edition does (weakref.finalize).
_compiled: dict[int, EditionGates] = {}


def edition_gates(edition: Edition) -> EditionGates:
    """The gates of every question of ``edition``, compiled once for that edition."""
    key = id(edition)
    found = _compiled.get(key)
    if found is None:
        found = EditionGates(tuple(compile_gates(edition, q) for q in edition.questions))
        _compiled[key] = found
        weakref.finalize(edition, _compiled.pop, key, None)
    return found


def gates_of(edition: Edition, question: Question) -> QuestionGates:
    """The gates of ``question`` under ``edition``.

    The edition's own questions are answered from :func:`edition_gates`; any other
    question object (one of another edition, say) is compiled afresh.
    """
    if edition.find_question(question.id) is question:
        found = edition_gates(edition).of(question.id)
        if found is not None:
            return found
    return compile_gates(edition, question)


def compile_gates(edition: Edition, question: Question) -> QuestionGates:
    """Every gate of ``question``: its sections' rules (outermost first), its own rule,
    then the judgement it explains and the question it is answered per option of."""
    gates: list[Gate] = []
    for section in edition.section_path(question.section):
        if (rule := section.applies) is not None:
            gates.append(SectionGate(section.id, rule, *_reads(edition, rule)))
    if question.applies is not None:
        gates.append(RuleGate(question.applies, *_reads(edition, question.applies)))
    links = question.links
    if links.explains and (judged := edition.find_question(links.explains)) is not None:
        _, insufficient = edition.judged_as(judged)
        gates.append(ExplainsGate(judged.id, insufficient))
    if links.per_option_of:
        source = edition.find_question(links.per_option_of)
        gates.append(PerOptionGate(links.per_option_of, (source.id,) if source else ()))
    return QuestionGates(question.id, tuple(gates))


def _reads(edition: Edition, rule: Rule) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The known questions (as the edition spells them) and facts that ``rule`` reads."""
    questions: dict[str, None] = {}
    facts: dict[str, None] = {}
    for ref in rule.condition.refs():
        if ref.source == "answer":
            if (known := edition.find_question(ref.id)) is not None:
                questions[known.id] = None
        elif edition.fact(ref.id) is not None:
            facts[ref.id] = None
    return tuple(questions), tuple(facts)
