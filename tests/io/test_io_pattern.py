"""User regular expressions: refused when backtracking could take more than linear time."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctnat._io import Limits, UnsafePatternError, compile_pattern
from ctnat.survey import builtin

ACCEPTED = [
    r"^[A-Z]{3}[a-z]+[1-9][0-9]*$",  # the default code_pattern
    r"^[A-Z]{3}sur[1-9][0-9]*$",
    r"^[A-Z]{3}int[1-9][0-9]*$",
    r"^(AZE|ARM|GEO)sur\d+$",  # alternatives with a common start are factored by re
    r"^[A-Z]{2,3}-\d{1,4}$",
    r"^\w+\s\w+$",
    r"^\D+\d+$",
    r"^(ab)+$",
    r"^.*$",
    r"^[^0-9]+[0-9]+$",
    r"^(a|ab)(c|bcd)(d*)$",  # ambiguous, but outside the repeat: each way tried once
]
REFUSED = {
    r"^(a|aa)+$": "exponential",  # issue 11: 24 s on one 41-character code
    r"^(a+)+$": "nested quantifiers",
    r"^(a*)*b$": "nested quantifiers",
    r"^(\w+\d?)+$": "nested quantifiers",
    r"^\d+\d+$": "exponential",
    r"^[a-z]+[a-z0-9]$": "exponential",
    r"^x{0,2}x$": "exponential",
    r"^(a|ab)(b|bc)(c|cd)(d|de)(e|ef)(f|fg)(g|gh)h$": "exponential",  # 2**7 ways
    r"(a)\1": "backreferences",
    r"(?=a)a": "lookahead",
    r"(?<=a)b": "lookahead",
    r"(?i)abc": "inline flags",
    r"\bA": "word boundaries",
    r"(": "not a regular expression",
    "a" * 201: "max_pattern_chars",
}


@pytest.mark.parametrize("pattern", ACCEPTED)
def test_accepted(pattern: str) -> None:
    assert compile_pattern(pattern).pattern == pattern


@pytest.mark.parametrize("pattern", list(REFUSED))
def test_refused_with_the_reason(pattern: str) -> None:
    with pytest.raises(UnsafePatternError, match=REFUSED[pattern]) as exc:
        compile_pattern(pattern, what="code_pattern")
    assert str(exc.value).startswith("code_pattern")
    assert isinstance(exc.value, ValueError)  # pydantic reports it as a field error


def test_length_limit_can_be_raised() -> None:
    assert compile_pattern("a" * 201, limits=Limits(max_pattern_chars=300))


def test_builtin_instruments_pass() -> None:
    for name in ("ct-nat-2016-survey", "ct-nat-2016-interview"):
        compile_pattern(builtin(name).code_pattern)


def test_instrument_refuses_a_pathological_code_pattern() -> None:
    from pydantic import ValidationError

    from ctnat.survey import Instrument

    data = builtin("ct-nat-2016-interview").model_dump(mode="json")
    data["code_pattern"] = r"^(a|aa)+$"
    with pytest.raises(ValidationError, match="code_pattern .* exponential"):
        Instrument.model_validate(data)


# patterns over a tiny alphabet, so that ambiguity is common
atom = st.sampled_from(["a", "b", "[ab]", "[a-c]", ".", r"\d", "(?:ab)", "(?:a|b)", "(?:a|ba)"])
quant = st.sampled_from(["", "", "*", "+", "?", "{2}", "{1,3}"])
patterns = st.lists(st.tuples(atom, quant), min_size=1, max_size=6).map(
    lambda parts: "^" + "".join(a + q for a, q in parts) + "$"
)


@given(patterns, st.text(alphabet="ab1c", max_size=8))
def test_accepted_patterns_match_as_re_does(pattern: str, text: str) -> None:
    try:
        compiled = compile_pattern(pattern)
    except UnsafePatternError:
        return
    assert bool(compiled.match(text)) == bool(re.match(pattern, text))


@given(st.integers(1, 5))
def test_a_deterministic_pattern_is_never_refused_for_its_length(n: int) -> None:
    pattern = "^" + "".join(f"x{i}" for i in range(n)) + "[0-9]+$"
    assert compile_pattern(pattern)
