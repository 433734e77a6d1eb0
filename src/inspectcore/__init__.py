"""inspectcore: an engine for HM Inspectorate of Probation case assessment frameworks.

It knows no edition by itself: plugins register editions, extensions and
crosswalks through the ``inspectcore`` entry-point group. A typical session::

    import inspectcore

    registry = inspectcore.Registry.discover()
    edition = registry.load_edition("carag2024")
    case = inspectcore.read_case("case-001.toml")
    for problem in inspectcore.validate(edition, case):
        print(problem.question, problem.message)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._applicability import Applicability, Router, applicability, applicable_questions
    from ._case import (
        Answer,
        AnswerValue,
        CaseAssessment,
        CaseFile,
        EditionRef,
        PerOption,
        case_from_data,
        case_to_data,
        dumps_case,
        read_case,
        read_case_file,
        write_case,
    )
    from ._conditions import Condition, parse_condition
    from ._domains import (
        Date,
        Domain,
        Integer,
        MultipleChoice,
        Option,
        SingleChoice,
        Text,
        Value,
        YesNo,
    )
    from ._errors import (
        CaseFileError,
        ConditionSyntaxError,
        EditionDataError,
        InspectcoreError,
        MissingExtensionError,
        PluginError,
        UnknownEditionError,
        UnknownQuestionError,
    )
    from ._group_scoring import GROUP_SCORING_METHODS, GroupFigure, GroupScoring
    from ._headers import EditionHeader, ExtensionHeader
    from ._hookspecs import hookimpl, hookspec
    from ._lint import LintProblem, Severity, lint_edition
    from ._load import LoadedEdition
    from ._model import (
        BUILTIN_KINDS,
        AnswerRule,
        AppliedExtension,
        Edition,
        Fact,
        Group,
        GuidanceBlock,
        Kind,
        Links,
        Question,
        Rule,
        Section,
        normalise_id,
    )
    from ._plugins import PluginFailure, PluginInfo, Plugins, get_plugin_manager
    from ._provenance import Basis, Provenance
    from ._rating import Band, Figure, Rating, RatingRules
    from ._registry import CrosswalkInfo, EditionInfo, ExtensionInfo, Registry
    from ._resources import DataFile, DataFolder
    from ._schema import case_schema
    from ._scoring import ExcludedCase, InspectionScore, rate_percentages, score
    from ._sources import CrosswalkSource, EditionSource, ExtensionSource
    from ._text import LocalText
    from ._validation import Problem, ProblemCode, is_valid, validate

# Public names and the private module that defines each. They are imported on first
# use, so that `inspectcore editions` does not pay for the whole library at start-up.
_LOCATIONS = {
    "Answer": "_case",
    "AnswerRule": "_model",
    "AnswerValue": "_case",
    "Applicability": "_applicability",
    "AppliedExtension": "_model",
    "BUILTIN_KINDS": "_model",
    "Band": "_rating",
    "Basis": "_provenance",
    "CaseAssessment": "_case",
    "CaseFile": "_case",
    "CaseFileError": "_errors",
    "Condition": "_conditions",
    "ConditionSyntaxError": "_errors",
    "CrosswalkInfo": "_registry",
    "CrosswalkSource": "_sources",
    "DataFile": "_resources",
    "DataFolder": "_resources",
    "Date": "_domains",
    "Domain": "_domains",
    "Edition": "_model",
    "EditionDataError": "_errors",
    "EditionHeader": "_headers",
    "EditionInfo": "_registry",
    "EditionRef": "_case",
    "EditionSource": "_sources",
    "ExcludedCase": "_scoring",
    "ExtensionHeader": "_headers",
    "ExtensionInfo": "_registry",
    "ExtensionSource": "_sources",
    "Fact": "_model",
    "Figure": "_rating",
    "GROUP_SCORING_METHODS": "_group_scoring",
    "Group": "_model",
    "GroupFigure": "_group_scoring",
    "GroupScoring": "_group_scoring",
    "GuidanceBlock": "_model",
    "InspectcoreError": "_errors",
    "InspectionScore": "_scoring",
    "Integer": "_domains",
    "Kind": "_model",
    "Links": "_model",
    "LintProblem": "_lint",
    "LoadedEdition": "_load",
    "LocalText": "_text",
    "MissingExtensionError": "_errors",
    "MultipleChoice": "_domains",
    "Option": "_domains",
    "PerOption": "_case",
    "PluginError": "_errors",
    "PluginFailure": "_plugins",
    "PluginInfo": "_plugins",
    "Plugins": "_plugins",
    "Problem": "_validation",
    "ProblemCode": "_validation",
    "Provenance": "_provenance",
    "Question": "_model",
    "Rating": "_rating",
    "RatingRules": "_rating",
    "Registry": "_registry",
    "Router": "_applicability",
    "Rule": "_model",
    "Section": "_model",
    "Severity": "_lint",
    "SingleChoice": "_domains",
    "Text": "_domains",
    "UnknownEditionError": "_errors",
    "UnknownQuestionError": "_errors",
    "Value": "_domains",
    "YesNo": "_domains",
    "applicability": "_applicability",
    "applicable_questions": "_applicability",
    "case_from_data": "_case",
    "case_schema": "_schema",
    "case_to_data": "_case",
    "dumps_case": "_case",
    "get_plugin_manager": "_plugins",
    "hookimpl": "_hookspecs",
    "hookspec": "_hookspecs",
    "is_valid": "_validation",
    "lint_edition": "_lint",
    "normalise_id": "_model",
    "parse_condition": "_conditions",
    "rate_percentages": "_scoring",
    "read_case": "_case",
    "read_case_file": "_case",
    "score": "_scoring",
    "validate": "_validation",
    "write_case": "_case",
}

__all__ = [
    "BUILTIN_KINDS",
    "GROUP_SCORING_METHODS",
    "Answer",
    "AnswerRule",
    "AnswerValue",
    "Applicability",
    "AppliedExtension",
    "Band",
    "Basis",
    "CaseAssessment",
    "CaseFile",
    "CaseFileError",
    "Condition",
    "ConditionSyntaxError",
    "CrosswalkInfo",
    "CrosswalkSource",
    "DataFile",
    "DataFolder",
    "Date",
    "Domain",
    "Edition",
    "EditionDataError",
    "EditionHeader",
    "EditionInfo",
    "EditionRef",
    "EditionSource",
    "ExcludedCase",
    "ExtensionHeader",
    "ExtensionInfo",
    "ExtensionSource",
    "Fact",
    "Figure",
    "Group",
    "GroupFigure",
    "GroupScoring",
    "GuidanceBlock",
    "InspectcoreError",
    "InspectionScore",
    "Integer",
    "Kind",
    "Links",
    "LintProblem",
    "LoadedEdition",
    "LocalText",
    "MissingExtensionError",
    "MultipleChoice",
    "Option",
    "PerOption",
    "PluginError",
    "PluginFailure",
    "PluginInfo",
    "Plugins",
    "Problem",
    "ProblemCode",
    "Provenance",
    "Question",
    "Rating",
    "RatingRules",
    "Registry",
    "Router",
    "Rule",
    "Section",
    "Severity",
    "SingleChoice",
    "Text",
    "UnknownEditionError",
    "UnknownQuestionError",
    "Value",
    "YesNo",
    "applicability",
    "applicable_questions",
    "case_from_data",
    "case_schema",
    "case_to_data",
    "dumps_case",
    "get_plugin_manager",
    "hookimpl",
    "hookspec",
    "is_valid",
    "lint_edition",
    "normalise_id",
    "parse_condition",
    "rate_percentages",
    "read_case",
    "read_case_file",
    "score",
    "validate",
    "write_case",
]


def __getattr__(name: str) -> Any:
    module = _LOCATIONS.get(name)
    if module is None:
        raise AttributeError(f"module 'inspectcore' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"inspectcore.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
