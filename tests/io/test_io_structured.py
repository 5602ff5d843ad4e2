"""JSON and YAML parsing: duplicate keys, construction errors, depth, both YAML loaders."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ctnat import FileFormatError
from ctnat._io import HAVE_LIBYAML, parse_json, parse_text, parse_yaml, read_mapping
from ctnat._io._structured import C_LOADER, PYTHON_LOADER

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "src" / "ctnat").glob("**/data/*.yaml"))


def test_libyaml_is_used_here() -> None:
    assert HAVE_LIBYAML
    assert issubclass(C_LOADER, yaml.CSafeLoader)
    assert issubclass(PYTHON_LOADER, yaml.SafeLoader)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_both_loaders_give_the_same_data_on_shipped_files(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast = parse_yaml(text, file=str(path))
    slow = parse_yaml(text, file=str(path), pure_python=True)
    assert fast == slow
    assert fast == yaml.safe_load(text)  # and what plain safe loading gives


def test_shipped_files_are_found() -> None:
    names = {p.name for p in SHIPPED}
    assert {"ct-nat-2016.yaml", "ct-nat-2016-survey.yaml", "aze-2016.yaml"} <= names


@pytest.mark.parametrize("pure", [False, True])
def test_yaml_duplicate_keys_refused_with_line(pure: bool) -> None:
    with pytest.raises(FileFormatError, match="duplicate key 'b'") as exc:
        parse_yaml("a: 1\nb: 2\nc:\n  b: 3\nb: 4\n", file="f", pure_python=pure)
    assert exc.value.location == "line 5, column 1"


def test_json_duplicate_keys_refused() -> None:
    with pytest.raises(FileFormatError, match="'a' appears twice"):
        parse_json('{"x": {"a": 1, "a": 2}}', file="f")
    with pytest.raises(FileFormatError, match="appears twice"):
        parse_text('{"a": 1, "a": 2}', file="f")  # JSON in the sniffing mode too
    assert parse_json('[{"a": 1}, {"a": 2}]', file="f") == [{"a": 1}, {"a": 2}]


@pytest.mark.parametrize("pure", [False, True])
@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("round: 2016-02-30\n", "day is out of range for month"),
        ("n: !!int abc\n", "cannot read 'abc' as int"),
        ("n: !!float abc\n", "cannot read 'abc' as float"),
        ("n: !!bool maybe\n", "cannot read 'maybe' as bool"),
        ("n: !!timestamp x\n", "cannot read 'x' as timestamp"),
        ("n: !!python/object:os.system x\n", "unsafe or unknown YAML tag"),
        ("n: !!python/name:os.system\n", "unsafe or unknown YAML tag"),
        ("[1]: x\n", "a mapping key must be a plain value"),
        ("n: " + "9" * 5000 + "\n", "as int"),
    ],
)
def test_yaml_scalar_errors_are_file_format_errors_with_a_line(
    text: str, reason: str, pure: bool
) -> None:
    with pytest.raises(FileFormatError, match="not valid YAML") as exc:
        parse_yaml("a: 1\n" + text, file="f", pure_python=pure)
    assert reason in exc.value.reason
    assert exc.value.location.startswith("line 2")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[NaN]", "NaN is not a number JSON allows"),
        ("[Infinity]", "Infinity"),
        ("[" + "9" * 5000 + "]", "more than 4,300 digits"),
        ('{"a": }', "Expecting value"),
    ],
)
def test_json_errors(text: str, reason: str) -> None:
    with pytest.raises(FileFormatError, match="not valid JSON") as exc:
        parse_json(text, file="f")
    assert reason in exc.value.reason


@pytest.mark.parametrize("depth", [100, 10_000, 200_000])
def test_deep_nesting_is_an_error_never_a_recursion_error(depth: int) -> None:
    for text in ("[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth):
        with pytest.raises(FileFormatError, match="max_depth"):
            parse_json(text, file="f")
        for pure in (False, True):
            with pytest.raises(FileFormatError, match="max_depth|maximum nesting depth"):
                parse_yaml(text, file="f", pure_python=pure)
    with pytest.raises(FileFormatError, match="max_depth|maximum nesting depth"):
        parse_yaml("- " * depth + "x\n", file="f")


@pytest.mark.parametrize("pure", [False, True])
def test_recursive_alias_refused(pure: bool) -> None:
    for text in ("a: &a [*a]\n", "a: &a {b: *a}\n", "- &x [1, [*x]]\n"):
        with pytest.raises(FileFormatError, match="recursive"):
            parse_yaml(text, file="f", pure_python=pure)


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    text = '{"a": "' + "[" * 1000 + '\\"{{{", "b": ["]]]"]}'
    assert parse_json(text, file="f") == {"a": "[" * 1000 + '"{{{', "b": ["]]]"]}


def test_read_mapping_refuses_non_mappings(tmp_path: Path) -> None:
    p = tmp_path / "a.yaml"
    p.write_text("- 1\n")
    with pytest.raises(FileFormatError, match="found list"):
        read_mapping(p)
    p.write_text("")
    with pytest.raises(FileFormatError, match="found empty"):
        read_mapping(p)
    p.write_text("1: a\n")
    with pytest.raises(FileFormatError, match="keys must be text"):
        read_mapping(p)
    with pytest.raises(FileFormatError, match="NUL"):
        read_mapping(tmp_path / "a\x00.yaml")
    with pytest.raises(FileFormatError, match="cannot read the file"):
        read_mapping(tmp_path / "missing.yaml")
    with pytest.raises(FileFormatError, match="folder"):
        read_mapping(tmp_path)


plain = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(plain)
def test_yaml_loaders_agree_with_each_other_and_with_the_dumped_data(data: object) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    fast = parse_yaml(text, file="f")
    assert fast == parse_yaml(text, file="f", pure_python=True)
    if not any(c in text for c in "\x85\u2028\u2029"):  # PyYAML's own dump/load asymmetry
        assert fast == data


@given(plain)
def test_json_round_trip(data: object) -> None:
    import json

    assert parse_json(json.dumps(data), file="f") == data
