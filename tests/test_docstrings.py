"""The examples in every module's docstrings run (the API reference shows them)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import ctnat

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(ctnat.__path__, prefix="ctnat.")
    if not m.name.endswith("__main__")
)


def test_the_package_has_modules_with_examples():
    finder = doctest.DocTestFinder()
    with_examples = [
        name
        for name in MODULES
        if any(t.examples for t in finder.find(importlib.import_module(name)))
    ]
    assert len(with_examples) >= 10


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
