"""Commands that look at what is installed: editions, plugins, questions, show, schema."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from ._common import (
    all_option,
    echo_json,
    hidden_note,
    json_option,
    lang_option,
    load,
    registry,
    shown,
    text_in,
    with_option,
)

if TYPE_CHECKING:
    from inspectcore import Edition, Question, SourceExcerpt


@click.command()
@json_option
@all_option
def editions(as_json: bool, show_all: bool) -> None:
    """List the installed editions and the distributions that provide them.

    Synthetic editions (made-up data for tests and examples, such as the example
    plugin's) are left out unless --all is given; they can still be named by id.
    """
    installed = registry().editions()
    found = [e for e in installed if show_all or not e.synthetic]
    if as_json:
        echo_json(
            [
                {
                    "id": e.id,
                    "title": e.header.title,
                    "version": e.header.version,
                    "published": e.header.published,
                    "distribution": e.plugin.distribution,
                    "distribution_version": e.plugin.version,
                    "synthetic": e.synthetic,
                }
                for e in found
            ]
        )
    elif not installed:
        click.echo("No editions installed. Install an edition plugin, e.g. inspectcore-carag2024.")
    else:
        for e in found:
            click.echo(f"{e.id}\t{e.header.version}\t{e.header.title}\t({e.plugin.label})")
    hidden_note(len(installed) - len(found), "synthetic edition", "synthetic editions")


@click.command()
@json_option
@all_option
def plugins(as_json: bool, show_all: bool) -> None:
    """List the installed plugins: editions, extensions, crosswalks, and any failures.

    Synthetic editions and extensions, and crosswalks to or from a synthetic edition,
    are left out unless --all is given.
    """
    reg = registry()
    synthetic = {e.id for e in reg.editions() if e.synthetic}
    listed = [
        *(("edition", e.id, e.header.version, e.plugin.label, e.synthetic) for e in reg.editions()),
        *(
            ("extension", x.id, x.header.version, x.plugin.label, x.synthetic)
            for x in reg.extensions()
        ),
        *(
            (
                "crosswalk",
                f"{c.source.from_edition} -> {c.source.to_edition}",
                "",
                c.plugin.label,
                bool({c.source.from_edition, c.source.to_edition} & synthetic),
            )
            for c in reg.crosswalks()
        ),
    ]
    rows = [row for row in listed if show_all or not row[4]]
    failures = reg.failures
    if as_json:
        echo_json(
            {
                "plugins": [
                    {"name": p.name, "distribution": p.distribution, "version": p.version}
                    for p in reg.plugins
                ],
                "provides": [
                    {"kind": k, "id": i, "version": v, "from": f, "synthetic": made_up}
                    for k, i, v, f, made_up in rows
                ],
                "failures": [
                    {
                        "plugin": f.plugin.name,
                        "distribution": f.plugin.distribution,
                        "reason": f.reason,
                    }
                    for f in failures
                ],
            }
        )
    elif not listed:
        click.echo("No inspectcore plugins installed.")
    else:
        for kind, item, version, source, _ in rows:
            click.echo(f"{kind}\t{item}\t{version}\t({source})")
    hidden_note(
        len(listed) - len(rows),
        "synthetic edition, extension or crosswalk",
        "synthetic editions, extensions and crosswalks",
    )


def _question_json(question: Question, lang: str) -> dict[str, Any]:
    text, used = text_in(question.text, lang)
    return {
        "id": question.id,
        "kind": question.kind,
        "text": text,
        "lang": used,
        "section": question.section,
        "scored": question.scored,
        "answer": question.answer.describe(),
    }


@click.command()
@click.argument("edition_id", metavar="EDITION")
@with_option
@click.option(
    "--case",
    "case_path",
    type=click.Path(dir_okay=False),
    help="Mark which questions apply to this case file, and why the others do not.",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    metavar="KIND",
    help="Only questions of this "
    "kind (repeatable): information, judgement, explanation, narrative, …",
)
@lang_option
@json_option
def questions(
    edition_id: str,
    extensions: tuple[str, ...],
    case_path: str | None,
    kinds: tuple[str, ...],
    lang: str,
    as_json: bool,
) -> None:
    """List an edition's questions, in order.

    With --case, each question is marked as applying to that case or not, with
    the reason it does not, and judgements that the edition's time limits inform
    (such as the 2016 guidance's Appendix A) show the working days the case's dates
    give, as information: it never changes an answer.
    """
    import shlex

    from inspectcore import printable, read_case, route, timeliness

    edition = load(edition_id, extensions)
    case = read_case(case_path) if case_path else None
    if case is not None and case.edition.id != edition.id:
        # Its answers would be matched against another edition's questions by id.
        raise click.UsageError(
            printable(
                f"{case_path} is a case for edition {case.edition.id!r}, not {edition.id!r}; "
                f"list its questions with: inspectcore questions {case.edition.id} --case "
                f"{shlex.quote(str(case_path))}"
            )
        )
    routed = route(edition, case) if case is not None else None
    beside: dict[str, list[str]] = {}
    if routed is not None:
        for result in timeliness(edition, routed):
            dates = (routed.case.answer(result.rule.start), routed.case.answer(result.rule.end))
            if result.status == "not computed" and dates == (None, None):
                continue  # the case records neither date: nothing to say
            for judged in result.rule.beside:
                beside.setdefault(judged, []).append(result.describe())
    known = {k.id for k in edition.kinds} | {q.kind for q in edition.questions}
    if unknown := set(kinds) - known:
        raise click.BadParameter(
            f"{', '.join(sorted(unknown))}; this edition has {', '.join(sorted(known))}",
            param_hint="--kind",
        )
    rows = []
    for question in edition.questions:
        if kinds and question.kind not in kinds:
            continue
        row = _question_json(question, lang)
        if routed is not None:
            status = routed.check(question)
            row["applies"] = status.applies
            if not status.applies:
                row["reason"] = status.reason
            if question.id in beside:
                row["timeliness"] = beside[question.id]
        rows.append(row)
    if as_json:
        echo_json(rows)
        return
    for question, row in zip((edition.question(r["id"]) for r in rows), rows, strict=True):
        mark = "" if routed is None else ("applies  " if row["applies"] else "n/a      ")
        line = f"{mark}{question.id}\t{question.kind}\t{shown(question.text, lang) or '-'}"
        click.echo(line)
        # Reasons and timeliness quote the case's answers: shown, never obeyed.
        if row.get("reason"):
            click.echo(printable(f"         because {row['reason']}"))
        for note in row.get("timeliness", ()):
            click.echo(printable(f"         timeliness (information): {note}"))


def _describe_question(edition: Edition, question: Question, lang: str) -> list[str]:
    from inspectcore import question_prompt

    lines = [f"{question.id}  ({question.kind}, {edition.id} {edition.version})"]
    if question.text is not None:
        lines.append(shown(question.text, lang))
    else:  # what `assess` asks instead, and what it was built from
        prompt = question_prompt(edition, question)
        lines.append(f"Asked as: {shown(prompt.text, lang)}  [{prompt.provenance}]")
    if question.text_note:
        lines.append(f"Note: {question.text_note}")
    path = " > ".join(f"{s.id} {s.title.en}" for s in edition.section_path(question.section))
    lines += ["", f"Section: {path}"]
    if question.location:
        lines.append(f"Where: {question.location}")
    if (carried := question.carried_from) is not None:
        lines.append(
            f"Carried forward from: {carried.edition} {carried.question}  [{carried.provenance}]"
        )
    lines.append(f"Answer: {question.answer.describe()}  [{question.answer_provenance}]")
    for option in getattr(question.answer, "options", ()):
        definition = f": {shown(option.definition, lang)}" if option.definition else ""
        basis = f"  [{option.provenance}]" if option.provenance.note else ""
        lines.append(f"  - {option.value}{definition}{basis}")
    scored = "yes" if question.scored else "no"
    lines.append(f"Scored: {scored}  [{question.scored_provenance}]")
    if not question.required:
        lines.append(f"Required: no  [{question.required_provenance}]")
    for section in edition.section_path(question.section):
        if section.applies:
            lines.append(
                f"Applies (section {section.id}): {section.applies.condition}  "
                f"[{section.applies.provenance}]"
            )
    if question.applies:
        lines.append(f"Applies: {question.applies.condition}  [{question.applies.provenance}]")
    for answer_rule in question.answer_rules:
        lines.append(
            f"Answer {answer_rule.answer!r}: {answer_rule.when}  [{answer_rule.provenance}]"
        )
    links = question.links
    for name in ("explains", "other_goes_to", "key_question", "summarises", "per_option_of"):
        if value := getattr(links, name):
            lines.append(f"{name.replace('_', ' ').capitalize()}: {value}")
    if links.counts_towards:
        lines.append(f"Counts towards: {', '.join(links.counts_towards)}")
    if links.depends_on:
        lines.append(f"Review when changed: {', '.join(links.depends_on)}")
    # Section guidance (introductions, extension notes) applies to every question inside.
    blocks = [(s.id, b) for s in edition.section_path(question.section) for b in s.guidance]
    blocks += [("", b) for b in question.guidance]
    for section_id, block in blocks:
        origin = f" (from {block.origin})" if block.origin else ""
        scope = f" [section {section_id}]" if section_id else ""
        lines += ["", f"== {shown(block.title, lang)}{origin}{scope} ==", shown(block.text, lang)]
    return lines


@click.command()
@click.argument("edition_id", metavar="EDITION")
@click.argument("question_id", metavar="QUESTION_ID")
@with_option
@lang_option
@click.option(
    "--source",
    "source",
    is_flag=True,
    help="Print the lines of the source document that the question's location points at.",
)
@click.option(
    "--context",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    metavar="N",
    help="With --source: lines shown before and after the cited ones.",
)
def show(
    edition_id: str,
    question_id: str,
    extensions: tuple[str, ...],
    lang: str,
    source: bool,
    context: int,
) -> None:
    """Show one question: wording, guidance, options, rules and where each comes from.

    QUESTION_ID may be given as printed ("A 1.1") or without spaces (A1.1). With
    --source, print instead the lines of the document the edition (or extension) ships
    that the question's location points at, numbered, the cited ones marked with ">".
    """
    edition = load(edition_id, extensions)
    question = edition.question(question_id)
    if source:
        from inspectcore import source_lines

        click.echo("\n".join(_describe_source(source_lines(edition, question, context))))
        return
    click.echo("\n".join(_describe_question(edition, question, lang)))


def _describe_source(excerpt: SourceExcerpt) -> list[str]:
    document = excerpt.document
    rights = ", ".join(
        part
        for part in (
            f"© {document.copyright.removeprefix('©').strip()}" if document.copyright else "",
            document.licence,
        )
        if part
    )
    shipped = f" (shipped in {document.distribution})" if document.distribution else ""
    lines = [document.title]
    if rights:
        lines.append(rights)
    lines += [
        f"File: {document.path}{shipped}",
        f"      {document.file.name}",
        f"{excerpt.edition} {excerpt.question}: {excerpt.location}",
        "",
    ]
    width = len(str(excerpt.lines[-1].number))
    for line in excerpt.lines:
        mark = ">" if line.cited else " "
        lines.append(f"{mark} {line.number:>{width}}  {line.text}".rstrip())
    return lines


@click.command()
@click.argument("edition_id", metavar="EDITION")
@with_option
def schema(edition_id: str, extensions: tuple[str, ...]) -> None:
    """Print the JSON Schema of case files for an edition (with extensions)."""
    from inspectcore import case_schema

    echo_json(case_schema(load(edition_id, extensions)))
