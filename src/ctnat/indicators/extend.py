"""Extending an indicator set by file: what an office adds, rewords, retires and translates.

An extension file names its base (``extends: ct-nat-2016``) and lists its changes;
:func:`apply_extension` builds the resulting :class:`IndicatorSet`, which records
its base and every change. Nothing is deleted: a retired indicator stays in the
set with the reason it was retired.

Changes are applied in a fixed order: additions, rewordings, retirements,
translations, then survey links.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field

from ..errors import Problem, ValidationError
from .model import (
    SET_ID_RE,
    BaseRef,
    Category,
    Change,
    ChangeKind,
    Criterion,
    Indicator,
    IndicatorSet,
    ItemLink,
    LanguageCode,
    LocalText,
    Retirement,
    Text,
    VersionText,
    _Frozen,
)

__all__ = ["Extension", "apply_extension"]


class Additions(_Frozen):
    """New categories, criteria (with their cells) and indicators (e.g. a level 3 cell)."""

    categories: tuple[Category, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    indicators: tuple[Indicator, ...] = ()


class Reword(_Frozen):
    """New wording for an indicator, or a new title for a criterion or category.

    The new ``text`` replaces the old one in every language: a translation of the
    old wording would be stale, so languages not given here are dropped (and the
    drop is recorded). Give the translations again, or add them under ``translate``.
    """

    id: str
    text: LocalText
    reason: str | None = None


class Retire(_Frozen):
    """Retire an indicator, or every indicator of a criterion or category."""

    id: str
    reason: Text


class LinkChanges(_Frozen):
    """Survey items linked to or unlinked from criteria."""

    add: tuple[ItemLink, ...] = ()
    remove: tuple[ItemLink, ...] = ()


class Extension(_Frozen):
    """The content of an extension file (``extends: ct-nat-2016`` and its changes)."""

    schema_version: Literal[1] = 1
    id: str = Field(pattern=SET_ID_RE)
    version: VersionText
    extends: str | BaseRef = Field(
        description="A built-in set ('ct-nat-2016' or 'ct-nat-2016@2016'), or a path to a "
        "set file relative to this file."
    )
    title: LocalText | None = None
    source: str = ""
    add: Additions = Additions()
    reword: tuple[Reword, ...] = ()
    retire: tuple[Retire, ...] = ()
    translate: dict[LanguageCode, dict[str, Text]] = Field(default_factory=dict)
    links: LinkChanges = LinkChanges()


def _text(node: Category | Criterion | Indicator) -> LocalText:
    return node.text if isinstance(node, Indicator) else node.title


def _with_text(node: Any, text: LocalText) -> Any:
    field = "text" if isinstance(node, Indicator) else "title"
    return node.model_copy(update={field: text})


class _Builder:
    """Mutable working copy of a set while an extension is applied."""

    def __init__(self, base: IndicatorSet, ext: Extension, file: str | None) -> None:
        self.base, self.ext, self.file = base, ext, file
        self.by = f"{ext.id}@{ext.version}"
        self.lang = base.default_language
        self.problems: list[Problem] = []
        self.changes: list[Change] = []
        # category id -> criterion id -> indicators, in order
        self.tree: dict[str, dict[str, list[Indicator]]] = {}
        self.nodes: dict[str, Category | Criterion | Indicator] = {}
        self.origin: dict[str, str] = {}  # id -> where in the file it was added
        for cat in base.categories:
            self.nodes[cat.id] = cat
            self.tree[cat.id] = {}
            for crit in cat.criteria:
                self.nodes[crit.id] = crit
                self.tree[cat.id][crit.id] = list(crit.indicators)
                for ind in crit.indicators:
                    self.nodes[ind.id] = ind

    def problem(self, reason: str, location: str) -> None:
        self.problems.append(Problem(reason, file=self.file, location=location))

    def record(self, kind: ChangeKind, target: str, **kw: Any) -> None:
        self.changes.append(Change(kind=kind, target=target, by=self.by, **kw))

    def label(self, node: Category | Criterion | Indicator) -> str:
        return _text(node).get(self.lang) or next(iter(_text(node).values()))

    # -- additions -------------------------------------------------------------------
    def add_indicator(self, ind: Indicator, where: str) -> None:
        if ind.id in self.nodes:
            self.problem(f"indicator {ind.id} already exists in the set", f"{where}.id")
            return
        crit = ind.criterion_id
        cat = ind.category_id
        if crit not in self.tree.get(cat, {}):
            self.problem(
                f"indicator {ind.id} belongs to criterion {crit}, which is neither in "
                f"{self.base.id}@{self.base.version} nor added by this file",
                f"{where}.id",
            )
            return
        cells = self.tree[cat][crit]
        cells.append(ind)
        cells.sort(key=lambda i: (i.dimension.letter, i.level))
        self.nodes[ind.id] = ind
        self.origin[ind.id] = where
        self.record(ChangeKind.ADD_INDICATOR, ind.id, after=self.label(ind))

    def add_criterion(self, crit: Criterion, where: str, *, record: bool = True) -> None:
        if crit.id in self.nodes:
            self.problem(f"criterion {crit.id} already exists in the set", f"{where}.id")
            return
        if crit.category_id not in self.tree:
            self.problem(
                f"criterion {crit.id} belongs to category {crit.category_id}, which is "
                f"neither in {self.base.id}@{self.base.version} nor added by this file",
                f"{where}.id",
            )
            return
        self.tree[crit.category_id][crit.id] = []
        self.nodes[crit.id] = crit
        self.origin[crit.id] = where
        if record:
            self.record(ChangeKind.ADD_CRITERION, crit.id, after=self.label(crit))
        for k, ind in enumerate(crit.indicators):
            if ind.criterion_id != crit.id:
                self.problem(
                    f"indicator {ind.id} is listed under criterion {crit.id}; its id says "
                    f"criterion {ind.criterion_id}",
                    f"{where}.indicators[{k}].id",
                )
                continue
            if ind.id in self.nodes:
                self.problem(f"duplicate indicator id {ind.id}", f"{where}.indicators[{k}].id")
                continue
            self.tree[crit.category_id][crit.id].append(ind)
            self.nodes[ind.id] = ind
            self.origin[ind.id] = f"{where}.indicators[{k}]"

    def add_category(self, cat: Category, where: str) -> None:
        if cat.id in self.nodes:
            self.problem(f"category {cat.id} already exists in the set", f"{where}.id")
            return
        self.tree[cat.id] = {}
        self.nodes[cat.id] = cat
        self.origin[cat.id] = where
        self.record(ChangeKind.ADD_CATEGORY, cat.id, after=self.label(cat))
        for j, crit in enumerate(cat.criteria):
            self.add_criterion(crit, f"{where}.criteria[{j}]", record=False)

    # -- edits -----------------------------------------------------------------------
    def replace(self, node: Category | Criterion | Indicator) -> None:
        self.nodes[node.id] = node
        if isinstance(node, Indicator):
            cells = self.tree[node.category_id][node.criterion_id]
            cells[:] = [node if i.id == node.id else i for i in cells]

    def lookup(self, key: str, where: str, action: str) -> Category | Criterion | Indicator | None:
        node = self.nodes.get(key)
        if node is None:
            self.problem(
                f"cannot {action} {key!r}: no category, criterion or indicator has this id in "
                f"{self.base.id}@{self.base.version} or in this file's additions",
                where,
            )
        return node

    def reword(self, rw: Reword, where: str) -> None:
        node = self.lookup(rw.id, f"{where}.id", "reword")
        if node is None:
            return
        old = _text(node)
        if self.lang not in rw.text:
            self.problem(
                f"the new wording must include the set's default language {self.lang!r}",
                f"{where}.text",
            )
            return
        dropped = sorted(set(old) - set(rw.text))
        reason = rw.reason
        if dropped:
            note = f"translations dropped as stale: {', '.join(dropped)}"
            reason = f"{reason}; {note}" if reason else note
        self.replace(_with_text(node, dict(rw.text)))
        self.record(
            ChangeKind.REWORD,
            rw.id,
            language=self.lang,
            before=old.get(self.lang),
            after=rw.text[self.lang],
            reason=reason,
        )

    def retire(self, rt: Retire, where: str) -> None:
        node = self.lookup(rt.id, f"{where}.id", "retire")
        if node is None:
            return
        if isinstance(node, Indicator):
            targets = [node]
        else:
            cat = node.id.split(".")[0]
            crits = (
                self.tree[cat] if isinstance(node, Category) else {node.id: self.tree[cat][node.id]}
            )
            targets = [i for cells in crits.values() for i in cells]
        active = [i for i in targets if i.retired is None]
        if not active:
            self.problem(f"{rt.id} is already retired", f"{where}.id")
            return
        stamp = Retirement(reason=rt.reason, version=self.ext.version)
        for ind in active:
            self.replace(ind.model_copy(update={"retired": stamp}))
            self.record(ChangeKind.RETIRE, ind.id, before=self.label(ind), reason=rt.reason)

    def translate(self, lang: str, texts: dict[str, str]) -> None:
        for key, value in texts.items():
            where = f"translate.{lang}[{key!r}]"
            node = self.lookup(key, where, "translate")
            if node is None:
                continue
            old = _text(node)
            self.replace(_with_text(node, {**old, lang: value}))
            self.record(ChangeKind.TRANSLATE, key, language=lang, before=old.get(lang), after=value)

    # -- result ----------------------------------------------------------------------
    def categories(self) -> tuple[Category, ...]:
        out = []
        for cat_id, crits in self.tree.items():
            cat = self.nodes[cat_id]
            assert isinstance(cat, Category)
            criteria = []
            for crit_id, cells in crits.items():
                crit = self.nodes[crit_id]
                assert isinstance(crit, Criterion)
                criteria.append(crit.model_copy(update={"indicators": tuple(cells)}))
            out.append(cat.model_copy(update={"criteria": tuple(criteria)}))
        return tuple(out)

    def links(self) -> tuple[ItemLink, ...]:
        links = list(self.base.links)
        for i, link in enumerate(self.ext.links.remove):
            match = [
                x
                for x in links
                if (x.instrument, x.item, x.criterion)
                == (link.instrument, link.item, link.criterion)
            ]
            if not match:
                self.problem(
                    f"cannot remove link {link.item} -> {link.criterion}: the base has no such link",
                    f"links.remove[{i}]",
                )
                continue
            links.remove(match[0])
            self.record(ChangeKind.REMOVE_LINK, f"{link.item}->{link.criterion}")
        for link in self.ext.links.add:
            links.append(link)
            self.record(
                ChangeKind.ADD_LINK, f"{link.item}->{link.criterion}", reason=link.note or None
            )
        return tuple(links)

    def file_location(self, set_location: str, categories: tuple[Category, ...]) -> str:
        """Map a path in the resulting set back to the file, for what the file added."""
        best = ""
        mapped = ""
        for cat_pos, cat in enumerate(categories):
            paths: list[tuple[str, str]] = [(f"categories[{cat_pos}]", cat.id)]
            for crit_pos, crit in enumerate(cat.criteria):
                cw = f"categories[{cat_pos}].criteria[{crit_pos}]"
                paths.append((cw, crit.id))
                paths += [
                    (f"{cw}.indicators[{k}]", ind.id) for k, ind in enumerate(crit.indicators)
                ]
            for path, key in paths:
                if key in self.origin and set_location.startswith(path) and len(path) > len(best):
                    best = path
                    mapped = self.origin[key] + set_location[len(path) :]
        if best:
            return mapped
        return f"(resulting set) {set_location}"


def _located(items: tuple[Any, ...], name: str) -> Iterator[tuple[Any, str]]:
    return ((item, f"{name}[{i}]") for i, item in enumerate(items))


def apply_extension(base: IndicatorSet, ext: Extension, *, file: str | None = None) -> IndicatorSet:
    """Apply an extension to its base set and return the resulting, validated set."""
    b = _Builder(base, ext, file)
    if (ext.id, ext.version) == (base.id, base.version):
        b.problem(
            f"the extension has the same id and version as its base ({base.id}@{base.version}); "
            "give it its own id, or a new version",
            "version",
        )
    for cat, where in _located(ext.add.categories, "add.categories"):
        b.add_category(cat, where)
    for crit, where in _located(ext.add.criteria, "add.criteria"):
        b.add_criterion(crit, where)
    for ind, where in _located(ext.add.indicators, "add.indicators"):
        b.add_indicator(ind, where)
    for rw, where in _located(ext.reword, "reword"):
        b.reword(rw, where)
    for rt, where in _located(ext.retire, "retire"):
        b.retire(rt, where)
    for lang, texts in ext.translate.items():
        b.translate(lang, texts)
    links = b.links()
    if b.problems:
        raise ValidationError(b.problems)
    try:
        return IndicatorSet(
            id=ext.id,
            version=ext.version,
            title=ext.title or base.title,
            source=ext.source or base.source,
            default_language=base.default_language,
            extends=BaseRef(id=base.id, version=base.version),
            changes=(*base.changes, *b.changes),
            categories=b.categories(),
            links=links,
        )
    except ValidationError as exc:
        cats = b.categories()
        raise ValidationError(
            [
                Problem(
                    p.reason, file=file, location=b.file_location(p.location, cats), hint=p.hint
                )
                for p in exc.problems
            ]
        ) from None
