"""The indicator model: categories, criteria, indicators and the set that holds them.

An :class:`IndicatorSet` is a tree: categories hold criteria, criteria hold
indicators. Each indicator sits in one cell of its criterion: a *dimension*
(framework: what the law and policy provide; operational: what happens in
practice) and a *level* (1, then 2 on top of it). Ids are stable and spell the
cell: ``1.3.F2`` is criterion 1.3, framework, level 2.

All models are frozen. Structural rules that span the tree (unique ids, each
criterion's cells, links to known criteria, labels in the default language) are
checked when a set is built; a breach raises :class:`ctnat.ValidationError`
listing every problem with its path, e.g. ``categories[0].criteria[2].indicators[1].level``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictInt,
    StringConstraints,
    model_validator,
)

from .._languages import check_language
from .._members import Members
from ..errors import NotFoundError, Problem, ValidationError

__all__ = [
    "BaseRef",
    "Category",
    "Change",
    "ChangeKind",
    "Criterion",
    "Dimension",
    "Indicator",
    "IndicatorSet",
    "ItemLink",
    "LocalText",
    "Retirement",
    "parse_indicator_id",
]

CATEGORY_ID_RE = r"^[1-9][0-9]*$"
CRITERION_ID_RE = r"^[1-9][0-9]*\.[1-9][0-9]*$"
INDICATOR_ID_RE = r"^([1-9][0-9]*\.[1-9][0-9]*)\.([FO])([1-9])$"
ITEM_RE = r"^[0-9]+(\.[0-9]+)*$"
SET_ID_RE = r"^[a-z0-9][a-z0-9._-]*$"
_INDICATOR_ID = re.compile(INDICATOR_ID_RE)


def _id_text(value: Any) -> Any:
    """Accept whole numbers as category ids; refuse YAML floats like 1.1 with a hint."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise ValueError(  # noqa: TRY004 - pydantic reports ValueError, not TypeError
            f"{value!r} was read as a number; write ids and versions in quotes, e.g. '1.1' "
            "(YAML reads 1.1 as a decimal number and 1.10 as 1.1)"
        )
    return value


def _nonblank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return " ".join(value.split())


LanguageCode = Annotated[str, AfterValidator(check_language)]
Text = Annotated[str, AfterValidator(_nonblank)]
#: Text in one or more languages: ``{"en": "...", "az": "..."}``.
LocalText = Annotated[dict[LanguageCode, Text], Field(min_length=1)]
CategoryId = Annotated[str, BeforeValidator(_id_text), StringConstraints(pattern=CATEGORY_ID_RE)]
CriterionId = Annotated[str, BeforeValidator(_id_text), StringConstraints(pattern=CRITERION_ID_RE)]
IndicatorId = Annotated[str, StringConstraints(pattern=INDICATOR_ID_RE)]
ItemNumber = Annotated[str, BeforeValidator(_id_text), StringConstraints(pattern=ITEM_RE)]
#: A version label; whole numbers are accepted (``version: 2``), decimals must be quoted.
VersionText = Annotated[str, BeforeValidator(_id_text), StringConstraints(min_length=1)]


class Dimension(StrEnum):
    """Whether an indicator concerns the framework (law, policy) or operations (practice)."""

    FRAMEWORK = "framework"
    OPERATIONAL = "operational"

    @property
    def letter(self) -> str:
        """The letter used in indicator ids: ``F`` or ``O``."""
        return "F" if self is Dimension.FRAMEWORK else "O"

    @classmethod
    def from_letter(cls, letter: str) -> Dimension:
        """The dimension for an id letter (``F`` or ``O``)."""
        return cls.FRAMEWORK if letter == "F" else cls.OPERATIONAL


def parse_indicator_id(indicator_id: str) -> tuple[str, Dimension, int]:
    """Split an id such as ``1.3.F2`` into (criterion id, dimension, level).

    ```python
    >>> parse_indicator_id("5.4.O1")
    ('5.4', <Dimension.OPERATIONAL: 'operational'>, 1)

    ```
    """
    m = _INDICATOR_ID.match(indicator_id)
    if m is None:
        raise NotFoundError(
            f"{indicator_id!r} is not an indicator id",
            hint="ids look like '1.3.F2': criterion, then F or O, then the level",
        )
    return m.group(1), Dimension.from_letter(m.group(2)), int(m.group(3))


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def _label(text: Mapping[str, str], lang: str | None, default: str) -> str:
    if lang is not None and lang in text:
        return text[lang]
    if lang is not None and "-" in lang and lang.split("-")[0] in text:
        return text[lang.split("-")[0]]
    return text.get(default) or next(iter(text.values()))


class Retirement(_Frozen):
    """Why and when an indicator stopped being used. Retired indicators stay in the set."""

    reason: Text
    version: str | None = Field(default=None, description="Version of the set that retired it.")


def _cell_optional_in_schema(schema: dict[str, Any]) -> None:
    """Files may omit dimension and level (the id spells them): say so in the schema."""
    schema["required"] = [k for k in schema.get("required", []) if k not in {"dimension", "level"}]


class Indicator(_Frozen):
    """One cell of a criterion: a dimension and a level, with its wording.

    ``dimension`` and ``level`` may be left out in files; they are read from the id.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra=_cell_optional_in_schema,
    )

    id: IndicatorId = Field(description="Stable id: <criterion>.<F|O><level>, e.g. '1.3.F2'.")
    dimension: Dimension
    level: StrictInt = Field(ge=1, le=9)
    text: LocalText = Field(description="The wording, by language code.")
    retired: Retirement | None = None

    @model_validator(mode="before")
    @classmethod
    def _cell_from_id(cls, data: Any) -> Any:
        """Let files omit dimension and level: the id spells them."""
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            m = _INDICATOR_ID.match(data["id"])
            if m is not None:
                data = dict(data)
                data.setdefault("dimension", Dimension.from_letter(m.group(2)).value)
                data.setdefault("level", int(m.group(3)))
        return data

    @property
    def criterion_id(self) -> str:
        """The id of the criterion this indicator belongs to (``1.3`` for ``1.3.F2``)."""
        return self.id.rsplit(".", 1)[0]

    @property
    def category_id(self) -> str:
        """The id of the category (``1`` for ``1.3.F2``)."""
        return self.id.split(".", 1)[0]

    @property
    def active(self) -> bool:
        """False once the indicator is retired."""
        return self.retired is None

    def label(self, lang: str | None = None, *, default: str = "en") -> str:
        """The wording in ``lang``, falling back to ``default`` then to any language."""
        return _label(self.text, lang, default)


class Criterion(_Frozen):
    """A criterion (``1.3``) and its indicators: framework and operational, levels 1 and 2."""

    id: CriterionId
    title: LocalText
    indicators: tuple[Indicator, ...]

    @property
    def category_id(self) -> str:
        """The id of the category this criterion belongs to."""
        return self.id.split(".", 1)[0]

    def cell(self, dimension: Dimension | str, level: int) -> Indicator:
        """The indicator in one cell, e.g. ``criterion.cell("framework", 2)``."""
        dim = Dimension(dimension)
        for ind in self.indicators:
            if ind.dimension is dim and ind.level == level:
                return ind
        raise NotFoundError(f"criterion {self.id} has no {dim.value} level {level} indicator")

    def label(self, lang: str | None = None, *, default: str = "en") -> str:
        """The title in ``lang``, falling back to ``default`` then to any language."""
        return _label(self.title, lang, default)


class Category(_Frozen):
    """One of the assessment's categories (``1`` Identification and referral, …)."""

    id: CategoryId
    title: LocalText
    criteria: tuple[Criterion, ...] = Field(min_length=1)

    def label(self, lang: str | None = None, *, default: str = "en") -> str:
        """The title in ``lang``, falling back to ``default`` then to any language."""
        return _label(self.title, lang, default)


class ItemLink(_Frozen):
    """A survey item that informs a criterion (e.g. item 3.1.5 informs criterion 1.3)."""

    item: ItemNumber = Field(description="The survey item number, e.g. '3.1.5'.")
    criterion: CriterionId
    instrument: str = Field(default="ct-nat-2016-survey", pattern=SET_ID_RE)
    note: str = Field(default="", description="Why the item informs the criterion (source).")


class BaseRef(_Frozen):
    """The set an extended set was derived from."""

    id: str = Field(pattern=SET_ID_RE)
    version: VersionText


class ChangeKind(StrEnum):
    """What an extension did to its base set."""

    ADD_CATEGORY = "add_category"
    ADD_CRITERION = "add_criterion"
    ADD_INDICATOR = "add_indicator"
    REWORD = "reword"
    RETIRE = "retire"
    TRANSLATE = "translate"
    ADD_LINK = "add_link"
    REMOVE_LINK = "remove_link"


class Change(_Frozen):
    """One recorded change of an extended set against its base."""

    kind: ChangeKind
    target: str = Field(
        description="The id changed (category, criterion, indicator, or item->criterion)."
    )
    by: str = Field(description="The set that made the change, as id@version.")
    language: str | None = None
    before: str | None = None
    after: str | None = None
    reason: str | None = None


class IndicatorSet(_Frozen):
    """A versioned set of indicators: the canonical CT-NAT set, or an office's extension of it.

    Build one with :func:`ctnat.indicators.builtin` or :func:`ctnat.indicators.load`.
    """

    schema_version: Literal[1] = 1
    id: str = Field(pattern=SET_ID_RE, description="Stable name of the set, e.g. 'ct-nat-2016'.")
    version: VersionText
    title: LocalText
    source: str = ""
    default_language: LanguageCode = "en"
    extends: BaseRef | None = None
    changes: tuple[Change, ...] = ()
    categories: tuple[Category, ...] = Field(min_length=1)
    links: tuple[ItemLink, ...] = ()

    _index: dict[str, Category | Criterion | Indicator] = PrivateAttr(default_factory=dict)
    _criteria: Members[Criterion] = PrivateAttr(default_factory=lambda: Members(()))
    _indicators: Members[Indicator] = PrivateAttr(default_factory=lambda: Members(()))

    @model_validator(mode="after")
    def _check_structure(self) -> IndicatorSet:
        problems = list(_structure_problems(self))
        if problems:
            raise ValidationError(problems)
        return self

    def model_post_init(self, context: Any, /) -> None:  # noqa: ARG002
        index: dict[str, Category | Criterion | Indicator] = {}
        for cat in self.categories:
            index[cat.id] = cat
            for crit in cat.criteria:
                index[crit.id] = crit
                for ind in crit.indicators:
                    index[ind.id] = ind
        self._index = index
        criteria = tuple(crit for cat in self.categories for crit in cat.criteria)
        every = tuple(ind for crit in criteria for ind in crit.indicators)
        self._criteria = Members(criteria)
        self._indicators = Members(tuple(i for i in every if i.active), every=every)

    # -- lookups -------------------------------------------------------------------------
    def _get(self, kind: type[Any], key: str) -> Any:
        found = self._index.get(key)
        if not isinstance(found, kind):
            from .._messages import did_you_mean

            same = [k for k, v in self._index.items() if isinstance(v, kind)]
            raise NotFoundError(
                f"the indicator set {self.id}@{self.version} has no {kind.__name__.lower()} {key!r}",
                hint=did_you_mean(key, same, cutoff=0.5),
            )
        return found

    def check_language(self, lang: str | None) -> None:
        """Warn (:class:`ctnat.errors.LanguageWarning`) if ``lang`` has no label in the set.

        Labels then fall back to the default language; the warning names the
        languages the set has.
        """
        from .._messages import warn_language

        warn_language(lang, self.languages, what=f"the indicator set {self.id}")

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id (retired ones included)."""
        result: Indicator = self._get(Indicator, indicator_id)
        return result

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id."""
        result: Criterion = self._get(Criterion, criterion_id)
        return result

    def category(self, category_id: str) -> Category:
        """The category with this id."""
        result: Category = self._get(Category, category_id)
        return result

    @property
    def criteria(self) -> Members[Criterion]:
        """All criteria, in order (a tuple, like :attr:`categories`)."""
        return self._criteria

    @property
    def indicators(self) -> Members[Indicator]:
        """The active indicators in order (category, criterion, framework levels,
        operational levels): a tuple, like :attr:`categories`.

        ``indicators(include_retired=True)`` adds the retired ones; calling it
        without arguments, as when this was a method, gives the same tuple.
        """
        return self._indicators

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._index

    def __len__(self) -> int:
        """The number of active indicators."""
        return len(self.indicators())

    def __iter__(self) -> Iterator[Indicator]:  # type: ignore[override]
        """Iterate over the active indicators (not over pydantic fields)."""
        return iter(self.indicators())

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language that has at least one label in the set, default first."""
        langs: set[str] = set(self.title)
        for cat in self.categories:
            langs.update(cat.title)
            for crit in cat.criteria:
                langs.update(crit.title)
                for ind in crit.indicators:
                    langs.update(ind.text)
        rest = sorted(langs - {self.default_language})
        return (self.default_language, *rest)

    @property
    def ref(self) -> BaseRef:
        """This set's id and version, as an extension would cite it."""
        return BaseRef(id=self.id, version=self.version)

    def __repr__(self) -> str:
        retired = len(self.indicators(include_retired=True)) - len(self)
        extra = f", extends={self.extends.id}@{self.extends.version}" if self.extends else ""
        return (
            f"IndicatorSet(id={self.id!r}, version={self.version!r}, categories="
            f"{len(self.categories)}, criteria={len(self.criteria())}, indicators={len(self)}"
            f"{f', retired={retired}' if retired else ''}{extra})"
        )

    __str__ = __repr__

    def _repr_html_(self) -> str:
        """Jupyter display: a table per category (see :mod:`ctnat.report`)."""
        from ..report.indicator_tables import indicator_set_html

        return indicator_set_html(self)

    def to_frame(self, *, lang: str | None = None, include_retired: bool = False) -> Any:
        """A pandas DataFrame, one row per indicator (needs ``pip install "ctnat[pandas]"``)."""
        from ..report.indicator_tables import indicator_set_frame

        self.check_language(lang)
        return indicator_set_frame(self, lang=lang, include_retired=include_retired)


def _structure_problems(s: IndicatorSet) -> Iterator[Problem]:
    """Every structural rule a set breaks, each with the path where it breaks."""
    seen: dict[str, str] = {}
    default = s.default_language

    def need_default(text: Mapping[str, str], where: str) -> Iterator[Problem]:
        if default not in text:
            yield Problem(f"no text in the set's default language {default!r}", location=where)

    def unique(key: str, where: str) -> Iterator[Problem]:
        if key in seen:
            yield Problem(f"duplicate id {key!r} (first at {seen[key]})", location=f"{where}.id")
        else:
            seen[key] = where

    yield from need_default(s.title, "title")
    for i, cat in enumerate(s.categories):
        cw = f"categories[{i}]"
        yield from unique(cat.id, cw)
        yield from need_default(cat.title, f"{cw}.title")
        for j, crit in enumerate(cat.criteria):
            kw = f"{cw}.criteria[{j}]"
            yield from unique(crit.id, kw)
            yield from need_default(crit.title, f"{kw}.title")
            if crit.category_id != cat.id:
                yield Problem(
                    f"criterion {crit.id} is filed under category {cat.id}; "
                    f"its id says category {crit.category_id}",
                    location=f"{kw}.id",
                )
            levels: dict[Dimension, list[int]] = {d: [] for d in Dimension}
            for k, ind in enumerate(crit.indicators):
                iw = f"{kw}.indicators[{k}]"
                yield from unique(ind.id, iw)
                yield from need_default(ind.text, f"{iw}.text")
                cid, dim, level = parse_indicator_id(ind.id)
                if cid != crit.id:
                    yield Problem(
                        f"indicator {ind.id} is filed under criterion {crit.id}; "
                        f"its id says criterion {cid}",
                        location=f"{iw}.id",
                    )
                if dim is not ind.dimension:
                    yield Problem(
                        f"dimension {ind.dimension.value!r} does not match the id {ind.id} "
                        f"({dim.letter} = {dim.value})",
                        location=f"{iw}.dimension",
                    )
                if level != ind.level:
                    yield Problem(
                        f"level {ind.level} does not match the id {ind.id} (level {level})",
                        location=f"{iw}.level",
                    )
                levels[ind.dimension].append(ind.level)
            for dim, found in levels.items():
                want = list(range(1, max([2, *found]) + 1))
                if sorted(set(found)) != want:
                    missing = ", ".join(
                        f"{crit.id}.{dim.letter}{lv}" for lv in want if lv not in found
                    )
                    yield Problem(
                        f"criterion {crit.id} lacks {dim.value} cell(s) {missing}: every "
                        "criterion needs framework and operational indicators at levels 1 and 2 "
                        "(and no gap above them)",
                        location=f"{kw}.indicators",
                    )
    criteria = {crit.id for cat in s.categories for crit in cat.criteria}
    pairs: set[tuple[str, str, str]] = set()
    for i, link in enumerate(s.links):
        if link.criterion not in criteria:
            yield Problem(
                f"link from item {link.item} to unknown criterion {link.criterion}",
                location=f"links[{i}].criterion",
            )
        key = (link.instrument, link.item, link.criterion)
        if key in pairs:
            yield Problem(f"duplicate link {link.item} -> {link.criterion}", location=f"links[{i}]")
        pairs.add(key)
