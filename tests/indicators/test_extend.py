"""Extending the set by file: additions, rewordings, retirements, translations, links."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from ctnat import CtnatError, FileFormatError, ValidationError
from ctnat.indicators import ChangeKind, builtin, dump, json_schema, load

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs/examples/ct-nat-2016-aze.yaml"


def write(tmp_path: Path, data: object, name: str = "ext.yaml") -> Path:
    path = tmp_path / name
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def base_ext(**more: object) -> dict[str, object]:
    return {"extends": "ct-nat-2016", "id": "office", "version": "1", **more}


def problems(exc: CtnatError) -> list[tuple[str, str]]:
    return [(p.location, p.reason) for p in exc.problems]


# -- the documented example --------------------------------------------------------------
def test_example_file_loads_and_records_everything():
    aze = load(EXAMPLE)
    canon = builtin()
    assert aze.extends == canon.ref
    assert len(aze) == 104  # 100 - 1 retired + 4 (criterion 1.6) + 1 (5.1.O3)
    assert len(aze.indicators(include_retired=True)) == 105
    assert [i.id for i in aze.criterion("5.1").indicators] == [
        "5.1.F1",
        "5.1.F2",
        "5.1.O1",
        "5.1.O2",
        "5.1.O3",
    ]
    kinds = {c.kind for c in aze.changes}
    assert kinds == set(ChangeKind) - {ChangeKind.ADD_CATEGORY, ChangeKind.REMOVE_LINK}
    reword = next(c for c in aze.changes if c.kind is ChangeKind.REWORD)
    assert reword.before == canon.indicator("4.2.O2").label()
    assert reword.by == "ct-nat-2016-aze@2026.1"
    assert aze.indicator("4.4.O2").retired.version == "2026.1"
    assert aze.category("1").label("az") == "Müəyyənləşdirmə və yönləndirmə"
    assert any(link.criterion == "1.6" for link in aze.links)


def test_base_is_not_modified():
    load(EXAMPLE)
    assert len(builtin()) == 100
    assert builtin().indicator("4.4.O2").retired is None


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_dump_load_round_trip(tmp_path, suffix):
    aze = load(EXAMPLE)
    out = tmp_path / f"aze{suffix}"
    dump(aze, out)
    again = load(out)
    assert again == aze
    assert again.changes == aze.changes


def test_dumped_json_validates_against_published_schema(tmp_path):
    out = tmp_path / "aze.json"
    dump(load(EXAMPLE), out)
    jsonschema.validate(json.loads(out.read_text(encoding="utf-8")), json_schema("set"))
    jsonschema.validate(
        yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")), json_schema("extension")
    )


def test_chained_extension_by_relative_path(tmp_path):
    dump(load(EXAMPLE), tmp_path / "aze.yaml")
    child = write(
        tmp_path,
        {
            "extends": "aze.yaml",
            "id": "aze-baku",
            "version": "1",
            "retire": [{"id": "1.6", "reason": "merged into 1.2"}],
        },
        "child.yaml",
    )
    s = load(child)
    assert s.extends.id == "ct-nat-2016-aze"
    assert all(i.retired for i in s.criterion("1.6").indicators)
    # history from both generations is kept
    assert {c.by for c in s.changes} == {"ct-nat-2016-aze@2026.1", "aze-baku@1"}


def test_add_category(tmp_path):
    cat = {
        "id": 6,
        "title": {"en": "Partnership"},
        "criteria": [
            {
                "id": "6.1",
                "title": {"en": "Private sector"},
                "indicators": [
                    {"id": f"6.1.{c}", "text": {"en": f"cell {c}"}}
                    for c in ("F1", "F2", "O1", "O2")
                ],
            },
        ],
    }
    s = load(write(tmp_path, base_ext(add={"categories": [cat]})))
    assert s.category("6").criteria[0].cell("framework", 1).label() == "cell F1"
    assert len(s) == 104


def test_reword_drops_stale_translations(tmp_path):
    first = load(write(tmp_path, base_ext(translate={"ka": {"2.1.F1": "ტექსტი"}}), "a.yaml"))
    dump(first, tmp_path / "a-full.yaml")
    s = load(
        write(
            tmp_path,
            {
                "extends": "a-full.yaml",
                "id": "b",
                "version": "1",
                "reword": [{"id": "2.1.F1", "text": {"en": "New wording"}}],
            },
            "b.yaml",
        )
    )
    assert s.indicator("2.1.F1").text == {"en": "New wording"}
    change = s.changes[-1]
    assert change.kind is ChangeKind.REWORD
    assert "ka" in change.reason


def test_retire_criterion_retires_its_indicators(tmp_path):
    s = load(write(tmp_path, base_ext(retire=[{"id": "3.5", "reason": "n/a"}])))
    assert len(s) == 96
    assert {c.target for c in s.changes if c.kind is ChangeKind.RETIRE} == {
        "3.5.F1",
        "3.5.F2",
        "3.5.O1",
        "3.5.O2",
    }


def test_links_add_and_remove(tmp_path):
    base = load(
        write(tmp_path, base_ext(links={"add": [{"item": "2.5", "criterion": "1.1"}]}), "a.yaml")
    )
    dump(base, tmp_path / "a-full.yaml")
    s = load(
        write(
            tmp_path,
            {
                "extends": "a-full.yaml",
                "id": "b",
                "version": "1",
                "links": {"remove": [{"item": "2.5", "criterion": "1.1"}]},
            },
            "b.yaml",
        )
    )
    assert not any(link.item == "2.5" and link.criterion == "1.1" for link in s.links)
    assert s.changes[-1].kind is ChangeKind.REMOVE_LINK


# -- errors: each names file, place and reason --------------------------------------------
def test_duplicate_indicator_id(tmp_path):
    path = write(tmp_path, base_ext(add={"indicators": [{"id": "1.3.F2", "text": {"en": "x"}}]}))
    with pytest.raises(ValidationError) as info:
        load(path)
    assert info.value.file == str(path)
    assert problems(info.value) == [
        ("add.indicators[0].id", "indicator 1.3.F2 already exists in the set")
    ]


def test_unknown_id_retired_or_reworded(tmp_path):
    path = write(
        tmp_path,
        base_ext(
            retire=[{"id": "4.4.O9", "reason": "x"}],
            reword=[{"id": "7.1", "text": {"en": "y"}}],
        ),
    )
    with pytest.raises(ValidationError) as info:
        load(path)
    locs = [loc for loc, _ in problems(info.value)]
    assert locs == ["reword[0].id", "retire[0].id"]
    assert "cannot retire '4.4.O9'" in str(info.value)


def test_unknown_parent(tmp_path):
    path = write(tmp_path, base_ext(add={"indicators": [{"id": "9.9.F3", "text": {"en": "x"}}]}))
    with pytest.raises(
        ValidationError,
        match=r"add\.indicators\[0\]\.id: indicator 9\.9\.F3 belongs to criterion 9\.9",
    ):
        load(path)


def test_criterion_without_its_four_cells(tmp_path):
    crit = {
        "id": "1.6",
        "title": {"en": "t"},
        "indicators": [{"id": f"1.6.{c}", "text": {"en": c}} for c in ("F1", "F2", "O1")],
    }
    path = write(tmp_path, base_ext(add={"criteria": [crit]}))
    with pytest.raises(ValidationError) as info:
        load(path)
    [(loc, reason)] = problems(info.value)
    assert loc == "add.criteria[0].indicators"
    assert "lacks operational cell(s) 1.6.O2" in reason


def test_level_mismatch_in_full_set_names_the_path(tmp_path):
    data = builtin().model_dump(mode="json", exclude_none=True)
    data["categories"][0]["criteria"][3]["indicators"][1]["level"] = 3
    path = write(tmp_path, json.dumps(data), "set.json")
    with pytest.raises(ValidationError) as info:
        load(path)
    assert (
        "categories[0].criteria[3].indicators[1].level",
        "level 3 does not match the id 1.4.F2 (level 2)",
    ) in problems(info.value)


def test_unknown_language_code(tmp_path):
    path = write(tmp_path, base_ext(translate={"xx": {"1.1.F1": "t"}}))
    with pytest.raises(ValidationError) as info:
        load(path)
    assert problems(info.value)[0][0] == "translate.xx"
    assert "unknown language code 'xx'" in problems(info.value)[0][1]


def test_translation_of_unknown_id(tmp_path):
    path = write(tmp_path, base_ext(translate={"az": {"1.1.F9": "t"}}))
    with pytest.raises(ValidationError, match=r"translate\.az\['1\.1\.F9'\]"):
        load(path)


def test_not_yaml_or_json(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(FileFormatError, match="not UTF-8|binary"):
        load(path)
    with pytest.raises(FileFormatError, match="not valid YAML"):
        load(write(tmp_path, "a: [1, 2\nb: }", "bad.yaml"))
    with pytest.raises(FileFormatError, match="not valid JSON"):
        load(write(tmp_path, "{'a': 1}", "bad.json"))
    with pytest.raises(FileFormatError, match="mapping"):
        load(write(tmp_path, "- 1\n- 2\n", "list.yaml"))


def test_python_tag_is_refused_not_run(tmp_path):
    marker = tmp_path / "ran"
    text = f"extends: ct-nat-2016\nid: x\nversion: '1'\nsource: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(FileFormatError, match="unsafe or unknown YAML tag"):
        load(write(tmp_path, text))
    assert not marker.exists()


def test_duplicate_yaml_key(tmp_path):
    with pytest.raises(FileFormatError, match="duplicate key 'id'") as info:
        load(write(tmp_path, "extends: ct-nat-2016\nid: a\nid: b\nversion: '1'\n"))
    assert info.value.location == "line 3, column 1"


def test_unquoted_criterion_id_gets_a_hint(tmp_path):
    text = (
        "extends: ct-nat-2016\nid: x\nversion: '1'\nlinks:\n  add:\n"
        "    - {item: '3.1.5', criterion: 1.10}\n"
    )
    with pytest.raises(ValidationError, match="write ids and versions in quotes") as info:
        load(write(tmp_path, text))
    assert info.value.location == "links.add[0].criterion"


def test_neither_set_nor_extension(tmp_path):
    with pytest.raises(ValidationError, match="neither a full indicator set"):
        load(write(tmp_path, {"id": "x"}))


def test_same_id_and_version_as_base(tmp_path):
    with pytest.raises(ValidationError, match="same id and version as its base"):
        load(write(tmp_path, {"extends": "ct-nat-2016", "id": "ct-nat-2016", "version": "2016"}))


def test_unknown_base(tmp_path):
    with pytest.raises(CtnatError, match="extends: no built-in indicator set 'ct-nat-2099'"):
        load(write(tmp_path, base_ext(extends="ct-nat-2099")))


def test_all_problems_reported_at_once(tmp_path):
    path = write(
        tmp_path,
        base_ext(
            retire=[{"id": "9.1.F1", "reason": "x"}, {"id": "9.2.F1", "reason": "x"}],
            translate={"az": {"9.3": "t"}},
        ),
    )
    with pytest.raises(ValidationError) as info:
        load(path)
    assert len(info.value.problems) == 3
    assert str(info.value).startswith("3 problems:")


def test_builtin_links_and_adding_a_duplicate_link(tmp_path):
    links = {(link.item, link.criterion) for link in builtin().links}
    # quoted beside each other in section 2 of seed 003
    assert {("3.1.5", "1.3"), ("5.1.6", "3.4")} <= links
    path = write(tmp_path, base_ext(links={"add": [{"item": "3.1.5", "criterion": "1.3"}]}))
    with pytest.raises(ValidationError, match="duplicate link 3.1.5 -> 1.3"):
        load(path)
