"""User-supplied regular expressions, checked to match in linear time before use.

A pattern from a file (an instrument's ``code_pattern``, or one read back from an
XLSForm) is run by Python's backtracking matcher, which takes exponential time on
patterns such as ``^(a|aa)+$``. :func:`compile_pattern` accepts only a restricted
syntax on which backtracking never has to go back more than one step at a time:

- at most ``Limits.max_pattern_chars`` characters;
- no backreferences, lookahead or lookbehind, conditionals, atomic groups,
  possessive quantifiers, word boundaries or inline flags;
- no quantifier (``*``, ``+``, ``?``, ``{m,n}``) inside a group that is itself
  repeated a variable number of times ("nested quantifiers");
- *deterministic* (1-unambiguous, as XML Schema requires of content models)
  inside and after every variable repeat: there, the characters that can come
  next each lead to one place in the pattern only. ``[a-z]+[0-9]`` is
  deterministic; ``[a-z]+[a-z0-9]`` and ``(a|aa)+`` are not (after an ``a``, a
  second ``a`` may continue either way). Outside repeats a few ambiguous
  choices are allowed (``^(AZE|ARM)sur``), as long as the product of their ways
  stays under 64.

On such a pattern a backtracking matcher revisits no choice inside a repeat, so
matching takes time in proportion to the pattern times the text (times at most
64).
"""

from __future__ import annotations

import functools
import re
from importlib import import_module
from typing import Any

from ._limits import DEFAULT_LIMITS, Limits

__all__ = ["UnsafePatternError", "compile_pattern"]

# the sre opcodes and parser: the syntax the re module itself accepts
C: Any = import_module("re._constants")
P: Any = import_module("re._parser")

_MAX_POSITIONS = 1_000
_MAX_FAN_OUT = 64  # product of the ways of the ambiguous choices outside repeats
_TOP = 0x10FFFF
Intervals = tuple[tuple[int, int], ...]
#: (nullable, first positions, last positions) of a part of a pattern
_Part = tuple[bool, set[int], set[int]]


class UnsafePatternError(ValueError):
    """A user-supplied regular expression that is invalid, too long or may run too long."""


# -- character sets as code-point intervals ------------------------------------------


def _norm(intervals: list[tuple[int, int]]) -> Intervals:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(intervals):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return tuple(out)


def _complement(s: Intervals) -> Intervals:
    out, start = [], 0
    for lo, hi in s:
        if lo > start:
            out.append((start, lo - 1))
        start = hi + 1
    if start <= _TOP:
        out.append((start, _TOP))
    return tuple(out)


def _overlap(a: Intervals, b: Intervals) -> bool:
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i][1] < b[j][0]:
            i += 1
        elif b[j][1] < a[i][0]:
            j += 1
        else:
            return True
    return False


_CATEGORIES = {
    C.CATEGORY_DIGIT: (r"\d", False),
    C.CATEGORY_NOT_DIGIT: (r"\d", True),
    C.CATEGORY_WORD: (r"\w", False),
    C.CATEGORY_NOT_WORD: (r"\w", True),
    C.CATEGORY_SPACE: (r"\s", False),
    C.CATEGORY_NOT_SPACE: (r"\s", True),
}


@functools.cache
def _runs(escape: str) -> Intervals:
    """The exact code points ``re`` matches with ``\\d``, ``\\w`` or ``\\s``, as intervals."""
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, _TOP + 1)))
    out = []
    for m in re.finditer(escape + "+", every):
        lo, hi = ord(every[m.start()]), ord(every[m.end() - 1])
        out.append((lo, hi))
    return _norm(out)


def _category(cat: Any) -> Intervals:
    if cat not in _CATEGORIES:
        raise UnsafePatternError(f"the character class {cat} is not supported")
    escape, negated = _CATEGORIES[cat]
    return _complement(_runs(escape)) if negated else _runs(escape)


def _charset(op: Any, av: Any) -> Intervals:
    """The characters an atom matches (surrogates aside), as intervals."""
    if op is C.LITERAL:
        return ((av, av),)
    if op is C.NOT_LITERAL:
        return _complement(((av, av),))
    if op is C.ANY:
        return _complement(((10, 10),))
    # IN: a list of items, maybe NEGATE first
    chars: list[tuple[int, int]] = []
    negate = False
    for item_op, item_av in av:
        if item_op is C.NEGATE:
            negate = True
        elif item_op is C.LITERAL:
            chars.append((item_av, item_av))
        elif item_op is C.RANGE:
            chars.append((item_av[0], item_av[1]))
        elif item_op is C.CATEGORY:
            chars += _category(item_av)
        else:
            raise UnsafePatternError(f"{item_op} in a character class is not supported")
    return _complement(_norm(chars)) if negate else _norm(chars)


# -- Glushkov positions: first, last, follow ------------------------------------------


class _Glushkov:
    def __init__(self) -> None:
        self.sets: list[Intervals] = []
        self.follow: list[set[int]] = []
        self.repeated: list[bool] = []  # inside a group repeated a variable number of times

    def atom(self, charset: Intervals, repeated: bool) -> _Part:
        self.sets.append(charset)
        self.follow.append(set())
        self.repeated.append(repeated)
        if len(self.sets) > _MAX_POSITIONS:
            raise UnsafePatternError(
                f"the pattern expands to more than {_MAX_POSITIONS:,} characters; simplify it"
            )
        p = len(self.sets) - 1
        return False, {p}, {p}

    def concat(self, a: _Part, b: _Part) -> _Part:
        """``a`` then ``b``: the last positions of ``a`` are followed by the first of ``b``."""
        for p in a[2]:
            self.follow[p] |= b[1]
        first = a[1] | b[1] if a[0] else a[1]
        last = b[2] | a[2] if b[0] else b[2]
        return a[0] and b[0], first, last

    def seq(self, items: Any, repeated: bool) -> _Part:
        part: _Part = (True, set(), set())
        for op, av in items:
            part = self.concat(part, self.node(op, av, repeated))
        return part

    def node(self, op: Any, av: Any, repeated: bool) -> _Part:
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            return self.atom(_charset(op, av), repeated)
        if op is C.AT:
            if av not in (C.AT_BEGINNING, C.AT_BEGINNING_STRING, C.AT_END, C.AT_END_STRING):
                raise UnsafePatternError("word boundaries (\\b, \\B) are not supported")
            return True, set(), set()
        if op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise UnsafePatternError("inline flags such as (?i) are not supported")
            return self.seq(sub, repeated)
        if op is C.BRANCH:
            nullable, first, last = False, set[int](), set[int]()
            for branch in av[1]:
                n2, f2, l2 = self.seq(branch, repeated)
                nullable, first, last = nullable or n2, first | f2, last | l2
            return nullable, first, last
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, sub = av
            variable = lo != hi
            if variable and repeated:
                raise UnsafePatternError(
                    "a quantifier inside a repeated group (nested quantifiers) may run for ever"
                )
            return self.repeat(lo, hi, sub, repeated or variable)
        names = {
            C.GROUPREF: "backreferences",
            C.GROUPREF_EXISTS: "conditionals",
            C.ASSERT: "lookahead and lookbehind",
            C.ASSERT_NOT: "lookahead and lookbehind",
        }
        raise UnsafePatternError(f"{names.get(op, str(op).lower())} are not supported")

    def repeat(self, lo: int, hi: int, sub: Any, inner: bool) -> _Part:
        unbounded = hi is C.MAXREPEAT
        if max(lo, 0 if unbounded else hi) > _MAX_POSITIONS:
            raise UnsafePatternError(f"a repeat count over {_MAX_POSITIONS:,} is not supported")
        part: _Part = (True, set(), set())
        mandatory = lo - 1 if unbounded and lo > 0 else lo
        for _ in range(mandatory):
            part = self.concat(part, self.seq(sub, inner))
        if unbounded:
            n, first, last = self.seq(sub, inner)  # the copy that loops on itself
            for p in last:
                self.follow[p] |= first
            return self.concat(part, (n or lo == 0, first, last))
        tail: _Part = (True, set(), set())
        for _ in range(hi - lo):  # x{0,2} is (x(x)?)?, built from the inside out
            _n, first, last = self.concat(self.seq(sub, inner), tail)
            tail = (True, first, last)
        return self.concat(part, tail)

    def ambiguous(self, first: set[int]) -> str | None:
        """A description of the first choice that could make matching super-linear, or None.

        A choice between positions that can match the same character is allowed
        only outside variable repeats (``^(AZE|ARM)`` is fine: each way is tried
        once per match), and only a few of them (their fan-outs multiply).
        """
        fan_out = 1
        for where, choice in [(None, first), *enumerate(self.follow)]:
            ordered = sorted(choice)
            clash: set[int] = set()
            for k, a in enumerate(ordered):
                for b in ordered[k + 1 :]:
                    if _overlap(self.sets[a], self.sets[b]):
                        clash |= {a, b}
            if not clash:
                continue
            in_repeat = (where is not None and self.repeated[where]) or any(
                self.repeated[c] for c in clash
            )
            fan_out *= len(clash)
            if in_repeat or fan_out > _MAX_FAN_OUT:
                if where is None:
                    return "the first character can start the pattern in several ways"
                return (
                    f"after the character at position {where + 1} of the pattern, "
                    "the next one can match in several ways"
                )
        return None


@functools.lru_cache(maxsize=256)
def compile_pattern(
    pattern: str, *, what: str = "the pattern", limits: Limits = DEFAULT_LIMITS
) -> re.Pattern[str]:
    """``pattern`` compiled, after checking that matching it takes linear time.

    Raises :class:`UnsafePatternError` (a ``ValueError``) saying what to change;
    ``what`` names the pattern in the message (``"code_pattern"``).

    ```python
    >>> compile_pattern(r"^[A-Z]{3}sur[1-9][0-9]*$").match("AZEsur12") is not None
    True
    >>> compile_pattern(r"^(a|aa)+$", what="code_pattern")
    Traceback (most recent call last):
    ...
    ctnat._io._pattern.UnsafePatternError: code_pattern ^(a|aa)+$ may take exponential time to match: ...

    ```
    """
    if not isinstance(pattern, str):
        raise UnsafePatternError(f"{what} must be text")
    if len(pattern) > limits.max_pattern_chars:
        raise UnsafePatternError(
            f"{what} is {len(pattern):,} characters long, more than the "
            f"{limits.max_pattern_chars:,} allowed (limit max_pattern_chars)"
        )
    try:
        parsed = P.parse(pattern, 0)
        compiled = re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        raise UnsafePatternError(f"{what} is not a regular expression: {exc}") from None
    if parsed.state.flags & ~C.SRE_FLAG_UNICODE:
        raise UnsafePatternError(f"{what}: inline flags such as (?i) are not supported")
    g = _Glushkov()
    try:
        _nullable, first, _last = g.seq(parsed.data, repeated=False)
        problem = g.ambiguous(first)
    except UnsafePatternError as exc:
        raise UnsafePatternError(f"{what} {pattern}: {exc}") from None
    if problem:
        raise UnsafePatternError(
            f"{what} {pattern} may take exponential time to match: {problem} "
            "(write it so each character has one way to match, e.g. [a-z]+[0-9] "
            "rather than [a-z]+[a-z0-9], and no overlapping alternatives in a repeat)"
        )
    return compiled
