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
from ._hookspecs import hookimpl, hookspec
from ._lint import LintProblem, Severity, lint_edition
from ._load import EditionHeader, ExtensionHeader, LoadedEdition
from ._model import (
    BUILTIN_KINDS,
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
from ._registry import CrosswalkInfo, EditionInfo, ExtensionInfo, Registry
from ._resources import DataFile, DataFolder
from ._schema import case_schema
from ._sources import CrosswalkSource, EditionSource, ExtensionSource
from ._text import LocalText
from ._validation import Problem, ProblemCode, is_valid, validate

__all__ = [
    "BUILTIN_KINDS",
    "Answer",
    "AnswerValue",
    "Applicability",
    "AppliedExtension",
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
    "ExtensionHeader",
    "ExtensionInfo",
    "ExtensionSource",
    "Fact",
    "Group",
    "GuidanceBlock",
    "InspectcoreError",
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
    "read_case",
    "read_case_file",
    "validate",
    "write_case",
]
