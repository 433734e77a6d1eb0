"""Reading an inspection framework's ``framework.toml`` (format: docs/edition-data.md,
"Inspection frameworks"), checked key by key, with provenance required on every rule."""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING, Any

import attrs

from .._errors import FrameworkDataError
from .._model.frameworks import (
    Framework,
    FrameworkStandard,
    RatedBy,
    RatingScore,
    SampleRule,
    TotalBand,
)
from .._model.provenance import UNRECORDED, Provenance
from .._util import toml as _toml
from .._util.converter import make_converter, structure
from .._util.resources import DataFile

if TYPE_CHECKING:
    import cattrs


@attrs.frozen
class _RawStandard:
    """A standard of the programme."""

    id: str
    rated_by: RatedBy
    basis: str
    title: str | None = None
    title_basis: str = ""
    section: str | None = None
    counted: bool = True
    counted_basis: str = ""


@attrs.frozen
class _RawSample:
    """The sample-size rule: the formula's parameters, and optional limits."""

    confidence: float
    margin: float
    basis: str
    proportion: float = 0.5
    finite_population_correction: bool = True
    minimum: int | None = None
    maximum: int | None = None
    limits_basis: str = ""


@attrs.frozen
class _RawScore:
    rating: str
    score: int


@attrs.frozen
class _RawScores:
    """What each rating scores towards the total, lowest first."""

    ratings: list[_RawScore]
    basis: str


@attrs.frozen
class _RawBand:
    rating: str
    min: int


@attrs.frozen
class _RawOverall:
    """The bands of the total (out of ``of``) that give the overall rating, lowest first."""

    of: int
    bands: list[_RawBand]
    basis: str


@attrs.frozen
class _RawFramework:
    """``framework.toml``: an inspection programme's standards and the rating of the whole."""

    id: str
    title: str
    title_basis: str
    standards_basis: str
    sample: _RawSample
    scores: _RawScores
    overall: _RawOverall
    standards: list[_RawStandard]
    edition: str | None = None
    synthetic: bool = False


@functools.cache
def _converter() -> cattrs.Converter:
    converter = make_converter()

    def number(value: object, _: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"expected a number, got {value!r}")
        return float(value)

    converter.register_structure_hook(float, number)
    return converter


def read_framework(file: DataFile) -> Framework:
    """Read one framework file; raise :class:`FrameworkDataError` naming the file and place."""
    try:
        data = _toml.loads(file.read_text())
    except _toml.TOMLDecodeError as exc:
        raise FrameworkDataError(f"{file.name}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkDataError(f"{file.name}: cannot be read: {exc}") from None
    return framework_from_data(data, file.name)


def framework_from_data(data: dict[str, Any], name: str) -> Framework:
    """A framework from parsed TOML ``data``; ``name`` is the file, for messages."""

    def fail(problems: tuple[str, ...]) -> FrameworkDataError:
        return FrameworkDataError(
            f"{name}: not in the framework format (docs/edition-data.md)", problems
        )

    raw = structure(_converter(), data, _RawFramework, fail, name)
    problems: list[str] = []

    def basis(text: str, where: str, *, required: bool = True) -> Provenance:
        if not text and not required:
            return UNRECORDED
        try:
            return Provenance.parse(text)
        except ValueError as exc:
            problems.append(f"{name}: {where}: {exc}")
            return UNRECORDED

    sample = raw.sample
    if not 0 < sample.confidence < 1:
        problems.append(f"{name}: sample.confidence: expected a number between 0 and 1")
    if not 0 < sample.margin < 1:
        problems.append(f"{name}: sample.margin: expected a number between 0 and 1")
    if not 0 < sample.proportion < 1:
        problems.append(f"{name}: sample.proportion: expected a number between 0 and 1")
    if any(not math.isfinite(v) for v in (sample.confidence, sample.margin, sample.proportion)):
        problems.append(f"{name}: sample: numbers must be finite")
    limits = [v for v in (sample.minimum, sample.maximum) if v is not None]
    if any(v < 0 for v in limits):
        problems.append(f"{name}: sample: minimum and maximum must not be negative")
    if (
        sample.minimum is not None
        and sample.maximum is not None
        and sample.minimum > sample.maximum
    ):
        problems.append(f"{name}: sample: minimum is above maximum")
    ratings = [s.rating for s in raw.scores.ratings]
    if not ratings:
        problems.append(f"{name}: scores.ratings: expected at least one rating")
    if len(set(ratings)) != len(ratings):
        problems.append(f"{name}: scores.ratings: a rating is listed twice")
    scores = [s.score for s in raw.scores.ratings]
    if scores != sorted(scores):
        problems.append(f"{name}: scores.ratings: expected lowest score first")
    bands = raw.overall.bands
    if not bands or bands[0].min != 0:
        problems.append(f"{name}: overall.bands: the first band must start at min = 0")
    if [b.min for b in bands] != sorted({b.min for b in bands}):
        problems.append(f"{name}: overall.bands: expected rising minimums, lowest first")
    for band in bands:
        if band.rating not in ratings:
            problems.append(f"{name}: overall.bands: {band.rating!r} is not one of scores.ratings")
    seen: set[str] = set()
    standards = []
    for item in raw.standards:
        where = f"standards.{item.id!r}"
        if item.id in seen:
            problems.append(f"{name}: {where}: listed twice")
        seen.add(item.id)
        if item.section is not None and item.rated_by is not RatedBy.CASES:
            problems.append(f"{name}: {where}: section is only for standards rated by cases")
        if item.section is not None and raw.edition is None:
            problems.append(f"{name}: {where}: section needs the framework's edition")
        if item.title is not None and not item.title_basis:
            problems.append(f"{name}: {where}: a title needs title_basis (where it comes from)")
        if not item.counted and not item.counted_basis:
            problems.append(f"{name}: {where}: counted = false needs counted_basis")
        standards.append(
            FrameworkStandard(
                id=item.id,
                rated_by=item.rated_by,
                provenance=basis(item.basis, f"{where}.basis"),
                title=item.title,
                title_provenance=basis(item.title_basis, f"{where}.title_basis", required=False),
                section=item.section,
                counted=item.counted,
                counted_provenance=basis(
                    item.counted_basis, f"{where}.counted_basis", required=False
                ),
            )
        )
    top = max(scores, default=0)
    if raw.overall.of != top * sum(s.counted for s in standards):
        problems.append(
            f"{name}: overall.of: {raw.overall.of} is not the top score ({top}) times "
            f"the counted standards ({sum(s.counted for s in standards)})"
        )
    framework = Framework(
        id=raw.id,
        title=raw.title,
        title_provenance=basis(raw.title_basis, "title_basis"),
        standards=tuple(standards),
        standards_provenance=basis(raw.standards_basis, "standards_basis"),
        scores=tuple(RatingScore(s.rating, s.score) for s in raw.scores.ratings),
        scores_provenance=basis(raw.scores.basis, "scores.basis"),
        bands=tuple(TotalBand(b.rating, b.min) for b in bands),
        bands_of=raw.overall.of,
        bands_provenance=basis(raw.overall.basis, "overall.basis"),
        sample=SampleRule(
            confidence=sample.confidence,
            margin=sample.margin,
            proportion=sample.proportion,
            finite_population_correction=sample.finite_population_correction,
            provenance=basis(sample.basis, "sample.basis"),
            minimum=sample.minimum,
            maximum=sample.maximum,
            limits_provenance=basis(sample.limits_basis, "sample.limits_basis", required=False),
        ),
        edition=raw.edition,
        synthetic=raw.synthetic,
    )
    if problems:
        raise FrameworkDataError(f"{name}: the framework's data is not valid", tuple(problems))
    return framework
