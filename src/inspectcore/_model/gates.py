"""A question's gates: each thing that can stop it applying to a case, as records.

Loading compiles them once per edition (:mod:`inspectcore._loading.gates`); lint's
cycle check, validation's review sources and both routers read the same records, so
what decides whether a question applies is written once. Deciding a gate against a
case is routing's (:mod:`inspectcore._routing.decide`).
"""

from __future__ import annotations

from typing import TypeAlias

import attrs

from .rules import Rule


@attrs.frozen
class SectionGate:
    """An enclosing section's ``applies`` rule: the question applies only where it holds."""

    section: str
    rule: Rule
    questions: tuple[str, ...] = ()
    """The questions the rule reads (known ones, as the edition spells their ids)."""
    facts: tuple[str, ...] = ()
    """The inspection facts the rule reads."""


@attrs.frozen
class RuleGate:
    """The question's own ``applies`` rule."""

    rule: Rule
    questions: tuple[str, ...] = ()
    """The questions the rule reads (known ones, as the edition spells their ids)."""
    facts: tuple[str, ...] = ()
    """The inspection facts the rule reads."""


@attrs.frozen
class ExplainsGate:
    """``links.explains``: an explanation applies only when the judgement it explains is
    answered insufficient (any option insufficient, when answered per option)."""

    judgement: str
    """The judgement explained, as the edition spells its id."""
    insufficient: tuple[str, ...]
    """The judgement's answers that count as insufficient."""

    @property
    def questions(self) -> tuple[str, ...]:
        """The questions this gate reads: the judgement."""
        return (self.judgement,)

    @property
    def facts(self) -> tuple[str, ...]:
        """None: the gate reads no fact."""
        return ()


@attrs.frozen
class PerOptionGate:
    """``links.per_option_of``: answered once per option chosen in ``source``, so it
    applies only when at least one is chosen."""

    source: str
    """The multiple-choice question, as the link names it."""
    questions: tuple[str, ...] = ()
    """``source`` as the edition spells its id (empty when it names no question)."""

    @property
    def facts(self) -> tuple[str, ...]:
        """None: the gate reads no fact."""
        return ()


Gate: TypeAlias = SectionGate | RuleGate | ExplainsGate | PerOptionGate


@attrs.frozen
class QuestionGates:
    """Every gate of one question, outermost section first, then its own rule, then links.

    A question applies to a case when every gate holds.
    """

    question: str
    gates: tuple[Gate, ...] = ()

    @property
    def questions(self) -> tuple[str, ...]:
        """The questions whose answers decide whether this one applies, each once."""
        return tuple(dict.fromkeys(q for gate in self.gates for q in gate.questions))

    @property
    def facts(self) -> tuple[str, ...]:
        """The inspection facts that decide whether this question applies, each once."""
        return tuple(dict.fromkeys(f for gate in self.gates for f in gate.facts))


@attrs.frozen
class EditionGates:
    """The gates of every question of one edition, in the edition's order."""

    questions: tuple[QuestionGates, ...]
    _by_id: dict[str, QuestionGates] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {g.question: g for g in self.questions})

    def of(self, question_id: str) -> QuestionGates | None:
        """The gates of the question with this id (exactly as the edition spells it)."""
        return self._by_id.get(question_id)
