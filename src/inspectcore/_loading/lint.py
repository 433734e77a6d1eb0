"""Checks of a built edition: references, conditions, cycles and provenance."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping

import attrs

from .._model.conditions import Compare, Condition, Const, Ref, Today
from .._model.domains import Date, Domain, Integer, MultipleChoice, SingleChoice
from .._model.edition import BUILTIN_KINDS, Check, Edition, Question, normalise_id
from .._model.provenance import Basis, Provenance
from .._model.rules import TimelinessRule
from .gates import gates_of


class Severity(enum.Enum):
    """How serious a problem is: errors stop an edition loading or a case validating."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class LintProblem:
    """One problem in edition data: where (file and item) and what."""

    severity: Severity
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.severity.value}: {self.message}"


Places = Mapping[tuple[str, str], str]
"""Where each item was read: ``("question", "1.1.1") -> "data/q.toml: questions[0]"``."""


def lint_edition(edition: Edition, places: Places | None = None) -> tuple[LintProblem, ...]:
    """Every problem in an edition's data, errors first."""
    linter = _Linter(edition, places or {})
    linter.run()
    return tuple(sorted(linter.found, key=lambda p: p.severity != Severity.ERROR))


@attrs.define
class _Linter:
    edition: Edition
    places: Places
    found: list[LintProblem] = attrs.Factory(list)

    def where(self, what: str, item_id: str) -> str:
        place = self.places.get((what, item_id))
        label = f"{what} {item_id}"
        return f"{place} ({label})" if place else f"{self.edition.id}: {label}"

    def error(self, what: str, item_id: str, message: str) -> None:
        self.found.append(LintProblem(Severity.ERROR, self.where(what, item_id), message))

    def warn(self, what: str, item_id: str, message: str) -> None:
        self.found.append(LintProblem(Severity.WARNING, self.where(what, item_id), message))

    def run(self) -> None:
        self.duplicates()
        kinds = set(BUILTIN_KINDS) | {k.id for k in self.edition.kinds}
        for kind in self.edition.kinds:
            self.kind_answers(kind.id)
        for section in self.edition.sections:
            if section.level not in self.edition.levels:
                self.error(
                    "section",
                    section.id,
                    f"level {section.level!r} is not one of "
                    f"the edition's levels {list(self.edition.levels)}",
                )
            if section.parent and self.edition.section(section.parent) is None:
                self.error("section", section.id, f"parent {section.parent!r} is not a section")
            if section.applies is not None:
                self.condition("section", section.id, section.applies.condition)
                self.provenance("section", section.id, "applies", section.applies.provenance)
        if (rules := self.edition.rating) is not None:
            for level in (rules.rated_level, rules.banded_level):
                if level not in self.edition.levels:
                    self.error(
                        "rating",
                        self.edition.id,
                        f"level {level!r} is not one of "
                        f"the edition's levels {list(self.edition.levels)}",
                    )
            self.provenance("rating", self.edition.id, "rating", rules.provenance, "basis")
        if (grouping := self.edition.group_scoring) is not None:
            group_kinds = {g.kind for g in self.edition.groups}
            for group_kind in grouping.kinds:
                if group_kind not in group_kinds:
                    self.error(
                        "group_scoring",
                        self.edition.id,
                        f"kind {group_kind!r} is not the kind of any group ({sorted(group_kinds)})",
                    )
            self.provenance(
                "group_scoring", self.edition.id, "method", grouping.provenance, "basis"
            )
        for exclusion in self.edition.exclusions:
            self.condition("exclusion", exclusion.id, exclusion.rule.condition)
            self.provenance("exclusion", exclusion.id, "when", exclusion.rule.provenance, "basis")
        for timing in self.edition.timeliness:
            self.timeliness(timing)
        for check in self.edition.checks:
            self.check(check)
        for group in self.edition.groups:
            for parent in group.part_of:
                if self.edition.group(parent) is None:
                    self.error("group", group.id, f"part_of {parent!r} is not a group")
        for question in self.edition.questions:
            if question.kind not in kinds:
                self.error(
                    "question",
                    question.id,
                    f"kind {question.kind!r} is not one of {', '.join(sorted(kinds))}",
                )
            if self.edition.section(question.section) is None:
                self.error("question", question.id, f"section {question.section!r} does not exist")
            self.links(question)
            if question.applies is not None:
                self.condition("question", question.id, question.applies.condition)
                self.provenance("question", question.id, "applies", question.applies.provenance)
            self.question_provenance(question)
            self.judged_answers(question)
            for answer_rule in question.answer_rules:
                if (why := question.answer.check(answer_rule.answer)) is not None:
                    self.error("question", question.id, f"answer_rules: {why}")
                self.provenance(
                    "question", question.id, "answer_rules", answer_rule.provenance, "basis"
                )
        self.cycles()

    def duplicates(self) -> None:
        for what, ids in (
            ("question", [q.id for q in self.edition.questions]),
            ("section", [s.id for s in self.edition.sections]),
            ("fact", [f.id for f in self.edition.facts]),
            ("group", [g.id for g in self.edition.groups]),
            ("check", [c.id for c in self.edition.checks]),
        ):
            seen: dict[str, str] = {}
            for item_id in ids:
                loose = normalise_id(item_id) if what == "question" else item_id
                if loose in seen:
                    self.error(what, item_id, f"id repeats {seen[loose]!r}")
                seen[loose] = item_id
        # an answer under a fact's id is read as that fact (case files from before an edition
        # made a question a fact), so no question may take a fact's id
        for question in self.edition.questions:
            if self.edition.fact(question.id) is not None:
                self.error("question", question.id, "id is also an inspection fact's")

    def judged_answers(self, question: Question) -> None:
        if question.judged is None:
            return
        values = getattr(question.answer, "values", None)
        for value in (*question.judged.sufficient, *question.judged.insufficient):
            if values is not None and value not in values:
                self.error("question", question.id, f"judged {value!r} is not an answer")
        self.provenance("question", question.id, "judged", question.judged.provenance)

    def kind_answers(self, kind_id: str) -> None:
        kind = self.edition.kind(kind_id)
        if kind.answer is not None and kind.is_judgement:
            values = getattr(kind.answer, "values", None)
            for value in (*kind.sufficient, *kind.insufficient):
                if values is not None and value not in values:
                    self.error("kind", kind_id, f"{value!r} is not an answer of its domain")

    def links(self, question: Question) -> None:
        links, edition = question.links, self.edition
        checks: list[tuple[str, str | None, str]] = [
            ("explains", links.explains, "question"),
            ("other_goes_to", links.other_goes_to, "question"),
            ("key_question", links.key_question, "section"),
            ("summarises", links.summarises, "section"),
            ("per_option_of", links.per_option_of, "question"),
        ]
        checks += [("depends_on", target, "question") for target in links.depends_on]
        for name, target, what in checks:
            if target is None:
                continue
            exists = (
                edition.find_question(target) if what == "question" else edition.section(target)
            ) is not None
            if not exists or (what == "question" and edition.find_question(target) is question):
                self.error(
                    "question",
                    question.id,
                    f"links.{name}: {target!r} is not a {what}"
                    + (" (it names itself)" if exists else ""),
                )
        for target in links.counts_towards:
            if edition.group(target) is None and edition.section(target) is None:
                self.error(
                    "question",
                    question.id,
                    f"links.counts_towards: {target!r} is not a group or section",
                )
        judged = edition.find_question(links.explains) if links.explains else None
        if judged is not None and not edition.kind(judged.kind).is_judgement:
            self.error(
                "question",
                question.id,
                f"links.explains: {judged.id!r} is of kind {judged.kind!r}, "
                "not one judged sufficient or insufficient",
            )
        source = edition.find_question(links.per_option_of) if links.per_option_of else None
        if source is not None and not isinstance(source.answer, MultipleChoice):
            self.error(
                "question",
                question.id,
                f"links.per_option_of: {source.id!r} is not a multiple-choice question",
            )

    def timeliness(self, rule: TimelinessRule) -> None:
        for end in (rule.start, rule.end):
            question = self.edition.find_question(end)
            if question is None or not isinstance(question.answer, Date):
                self.error("timeliness", rule.id, f"{end!r} is not a date question")
        # the calendar is a question's answer, or an inspection fact (the same for every case)
        where = self.edition.find_question(rule.calendar_question) or self.edition.fact(
            rule.calendar_question
        )
        if where is None:
            self.error(
                "timeliness",
                rule.id,
                f"{rule.calendar_question!r} is not a question or an inspection fact",
            )
        elif isinstance(where.answer, SingleChoice):
            for value, _ in rule.calendars:
                if value not in where.answer.values:
                    self.error(
                        "timeliness",
                        rule.id,
                        f"calendars: {value!r} is not an option of {rule.calendar_question}",
                    )
        for judged in rule.beside:
            if self.edition.find_question(judged) is None:
                self.error("timeliness", rule.id, f"beside: {judged!r} is not a question")
        for limit in rule.limits:
            self.condition("timeliness", rule.id, limit.rule.condition)
            self.provenance("timeliness", rule.id, "limit", limit.rule.provenance, "basis")
        self.provenance("timeliness", rule.id, "rule", rule.provenance, "basis")

    def check(self, check: Check) -> None:
        self.condition("check", check.id, check.rule.condition, "expect")
        # A check can fail a case, so it must say where in the document it comes from.
        if check.rule.provenance.basis is Basis.DEFAULT:
            self.error(
                "check",
                check.id,
                "expect: no provenance: add basis = 'stated: …', 'inferred: …' or 'derived: …'",
            )

    def condition(
        self, what: str, item_id: str, condition: Condition, key: str = "applies"
    ) -> None:
        for ref in condition.refs():
            if ref.source == "answer" and self.edition.find_question(ref.id) is None:
                self.error(what, item_id, f"{key}: {ref} names an unknown question")
            elif ref.source == "fact" and self.edition.fact(ref.id) is None:
                self.error(what, item_id, f"{key}: {ref} names an unknown inspection fact")
        if what != "check" and condition.uses_today():
            # Routing, exclusions and time limits must not change from one day to the next.
            self.error(what, item_id, f"{key}: today() is only for checks")
        for compare in condition.comparisons():
            for problem in self.comparison(compare):
                self.error(what, item_id, f"{key}: {problem}")

    def domain_of(self, ref: Ref) -> Domain | None:
        if ref.source == "fact":
            fact = self.edition.fact(ref.id)
            return fact.answer if fact else None
        found = self.edition.find_question(ref.id)
        return found.answer if found else None

    def comparison(self, compare: Compare) -> Iterator[str]:
        left, right, op = compare.left, compare.right, compare.op
        if isinstance(left, Today) or isinstance(right, Today):
            yield from self.today_comparison(compare)
            return
        if isinstance(left, Ref) and isinstance(right, Ref):
            yield from self.answers_comparison(op, left, right)
            return
        if isinstance(left, Const) and isinstance(right, Const):
            yield f"compares two constants ({left} {op} {right})"
            return
        ref, const = (left, right) if isinstance(left, Ref) else (right, left)
        if not isinstance(ref, Ref) or not isinstance(const, Const):
            return
        domain = self.domain_of(ref)
        if domain is None:
            return
        value = const.value
        if op in ("in", "not in") and ref is right:
            # "x" in answer("multi"): x must be one of the options
            if not isinstance(domain, MultipleChoice):
                yield f"{ref} is not a multiple-choice answer, so nothing can be 'in' it"
            elif not domain.accepts_scalar(value):
                yield f"{const} is not an option of {ref}"
            return
        if op in ("in", "not in"):
            if not isinstance(value, tuple):
                yield f"'{op}' needs a list on its right, got {const}"
                return
            candidates: tuple[object, ...] = value
        else:
            candidates = (value,)
            if isinstance(domain, MultipleChoice) and op in ("==", "!="):
                yield f"{ref} is a list of options; test one with '{const} in {ref}'"
                return
            if op in ("<", "<=", ">", ">=") and not isinstance(domain, Integer | Date):
                yield f"'{op}' compares numbers or dates, but {ref} is {domain.describe()}"
                return
            if op in ("<", "<=", ">", ">="):
                # A threshold need not be a possible answer (age < 18 when the maximum is 17),
                # but it must be of the answer's type.
                if not _same_type(domain, value):
                    yield f"{ref} is {domain.describe()}, which cannot be compared with {const}"
                return
        for candidate in candidates:
            if not domain.accepts_scalar(candidate):
                yield f"{ref} can never be {Const(candidate)} ({domain.describe()})"  # type: ignore[arg-type]

    def today_comparison(self, compare: Compare) -> Iterator[str]:
        """``today()`` is a date: it compares with date answers only."""
        left, right = compare.left, compare.right
        other = right if isinstance(left, Today) else left
        if compare.op in ("in", "not in"):
            yield f"today() is one date, so '{compare.op}' does not apply to it"
        elif isinstance(other, Ref):
            domain = self.domain_of(other)
            if domain is not None and not isinstance(domain, Date):
                yield f"today() is a date, but {other} is {domain.describe()}"
        elif not (isinstance(other, Const) and Date().accepts_scalar(other.value)):
            yield f"today() is a date, which cannot be compared with {other}"

    def answers_comparison(self, op: str, left: Ref, right: Ref) -> Iterator[str]:
        """Two answers ordered (``<`` … ``>=``) must both be numbers or both dates."""
        if op not in ("<", "<=", ">", ">="):
            return
        domains = (self.domain_of(left), self.domain_of(right))
        for ref, domain in zip((left, right), domains, strict=True):
            if domain is None:
                return  # an unknown id, said already
            if not isinstance(domain, Integer | Date):
                yield f"'{op}' compares numbers or dates, but {ref} is {domain.describe()}"
                return
        if type(domains[0]) is not type(domains[1]):
            yield f"{left} and {right} are not both numbers or both dates: they cannot be compared"

    def provenance(
        self, what: str, item_id: str, rule: str, given: Provenance, key: str = ""
    ) -> None:
        if given.basis is Basis.DEFAULT:
            self.warn(
                what,
                item_id,
                f"{rule}: no provenance: add {key or rule + '_basis'} = "
                "'stated: …', 'inferred: …' or 'derived: …'",
            )

    def question_provenance(self, question: Question) -> None:
        if not isinstance(question.answer, Integer | Date) and hasattr(question.answer, "options"):
            self.provenance("question", question.id, "domain", question.answer_provenance)
        if self.edition.kind(question.kind).is_judgement or question.scored:
            self.provenance("question", question.id, "scored", question.scored_provenance)
        if not question.required:
            self.provenance("question", question.id, "required", question.required_provenance)
        if (carried := question.carried_from) is not None:
            self.provenance(
                "question", question.id, "carried_from", carried.provenance, "carried_from.basis"
            )

    def cycles(self) -> None:
        graph = {q.id: sorted(gates_of(self.edition, q).questions) for q in self.edition.questions}
        state: dict[str, int] = {}  # 1 on the current trail, 2 done
        for root in graph:
            if state.get(root):
                continue
            # Depth first with a stack of our own: a chain of a few thousand questions,
            # each routed by the one before, must not exhaust Python's recursion limit.
            state[root] = 1
            trail = [root]
            pending = [iter(graph[root])]
            while pending:
                node = trail[-1]
                for nxt in pending[-1]:
                    if state.get(nxt) == 1:
                        cycle = [*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt]
                        self.error("question", node, "applies: routing cycle " + " -> ".join(cycle))
                    elif nxt in graph and not state.get(nxt):
                        state[nxt] = 1
                        trail.append(nxt)
                        pending.append(iter(graph[nxt]))
                        break
                else:
                    state[node] = 2
                    trail.pop()
                    pending.pop()


def _same_type(domain: Domain, value: object) -> bool:
    if isinstance(domain, Date):
        return domain.accepts_scalar(value)
    return isinstance(value, int) and not isinstance(value, bool)
