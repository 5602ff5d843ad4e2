"""Properties of indicator sets: round-trips, no silent loss, only ctnat errors on bad input."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from ctnat import CtnatError
from ctnat._languages import ISO_639_1
from ctnat.indicators import ChangeKind, IndicatorSet, builtin, dump, load

CANON = builtin()
LANGS = sorted(ISO_639_1)
words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(lambda s: s.strip())
folded = words.map(lambda s: " ".join(s.split()))


@st.composite
def local_text(draw: st.DrawFn) -> dict[str, str]:
    extra = draw(st.lists(st.sampled_from(LANGS), max_size=2, unique=True))
    return {lang: draw(folded) for lang in ["en", *[x for x in extra if x != "en"]]}


@st.composite
def indicator_sets(draw: st.DrawFn) -> IndicatorSet:
    categories = []
    for c in range(1, draw(st.integers(1, 3)) + 1):
        criteria = []
        for k in range(1, draw(st.integers(1, 3)) + 1):
            top = {d: draw(st.integers(2, 3)) for d in "FO"}
            indicators = [
                {
                    "id": f"{c}.{k}.{d}{lv}",
                    "text": draw(local_text()),
                    **(
                        {"retired": {"reason": draw(folded), "version": "1"}}
                        if draw(st.booleans()) and draw(st.booleans())
                        else {}
                    ),
                }
                for d in "FO"
                for lv in range(1, top[d] + 1)
            ]
            criteria.append(
                {"id": f"{c}.{k}", "title": draw(local_text()), "indicators": indicators}
            )
        categories.append({"id": str(c), "title": draw(local_text()), "criteria": criteria})
    return IndicatorSet.model_validate(
        {
            "id": "random-set",
            "version": draw(folded),
            "title": draw(local_text()),
            "categories": categories,
        }
    )


def _tmp(name: str) -> Path:
    return Path(tempfile.mkdtemp()) / name


@given(indicator_sets(), st.sampled_from(["yaml", "json"]))
def test_any_valid_set_round_trips(s: IndicatorSet, fmt: str) -> None:
    path = _tmp(f"set.{fmt}")
    dump(s, path)
    assert load(path) == s


ALL_IDS = [i.id for i in CANON.indicators()]
NODE_IDS = ALL_IDS + [c.id for c in CANON.criteria()] + [c.id for c in CANON.categories]


@st.composite
def extensions(draw: st.DrawFn) -> dict[str, Any]:
    ext: dict[str, Any] = {"extends": "ct-nat-2016", "id": "prop", "version": "1"}
    retire = draw(st.lists(st.sampled_from(ALL_IDS), max_size=6, unique=True))
    reword = draw(st.lists(st.sampled_from(NODE_IDS), max_size=4, unique=True))
    lang = draw(st.sampled_from(["az", "hy", "ka", "ru"]))
    translate = draw(st.lists(st.sampled_from(NODE_IDS), max_size=4, unique=True))
    if retire:
        ext["retire"] = [{"id": i, "reason": draw(folded)} for i in retire]
    if reword:
        ext["reword"] = [{"id": i, "text": {"en": draw(folded)}} for i in reword]
    if translate:
        ext["translate"] = {lang: {i: draw(folded) for i in translate}}
    if draw(st.booleans()):
        ext["add"] = {"indicators": [{"id": "2.2.O3", "text": {"en": draw(folded)}}]}
    return ext


@given(extensions())
def test_extension_never_loses_an_indicator_without_recording_it(ext: dict[str, Any]) -> None:
    path = _tmp("ext.yaml")
    path.write_text(yaml.safe_dump(ext, allow_unicode=True), encoding="utf-8")
    s = load(path)
    recorded = {(c.kind, c.target) for c in s.changes}
    for before in CANON.indicators():
        after = s.indicator(before.id)  # never deleted
        if not after.active:
            assert (ChangeKind.RETIRE, before.id) in recorded
        if after.text != before.text:
            assert {(ChangeKind.REWORD, before.id), (ChangeKind.TRANSLATE, before.id)} & recorded
    added = {i.id for i in s.indicators(include_retired=True)} - set(ALL_IDS)
    assert all((ChangeKind.ADD_INDICATOR, i) in recorded for i in added)
    assert len(s.indicators(include_retired=True)) == 100 + len(added)


# -- malformed input -------------------------------------------------------------------
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 12),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(["1.1", "1.1.F1", "ct-nat-2016", "en", "framework"]),
)
junk = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "text",
                    "title",
                    "level",
                    "dimension",
                    "criteria",
                    "indicators",
                    "categories",
                    "extends",
                    "version",
                    "add",
                    "retire",
                    "reword",
                    "translate",
                    "links",
                    "az",
                    "x",
                ]
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=20,
)


@given(junk)
def test_random_structures_raise_only_ctnat_errors(data: Any) -> None:
    path = _tmp("junk.json")
    path.write_text(json.dumps(data), encoding="utf-8")
    try:
        load(path)
    except CtnatError as exc:
        assert exc.problems


@given(st.binary(max_size=200), st.sampled_from([".yaml", ".json", ".txt"]))
def test_random_bytes_raise_only_ctnat_errors(raw: bytes, suffix: str) -> None:
    path = _tmp(f"junk{suffix}")
    path.write_bytes(raw)
    try:
        load(path)
    except CtnatError as exc:
        assert exc.problems


VALID = yaml.safe_load(Path("docs/examples/ct-nat-2016-aze.yaml").read_text(encoding="utf-8"))


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


PATHS = _paths(VALID)


@given(st.sampled_from(PATHS), junk, st.booleans())
def test_mutated_example_raises_only_ctnat_errors(
    where: tuple[Any, ...], value: Any, delete: bool
) -> None:
    data = json.loads(json.dumps(VALID))
    parent = data
    for key in where[:-1]:
        parent = parent[key]
    if delete and isinstance(parent, dict):
        del parent[where[-1]]
    else:
        parent[where[-1]] = value
    path = _tmp("mut.yaml")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        load(path)
    except CtnatError as exc:
        assert all(p.file == str(path) for p in exc.problems)
