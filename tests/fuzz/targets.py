"""Every reader of ctnat, the real files it is fuzzed from, and the mutations.

Shared by the quick hypothesis suite (``tests/fuzz/test_readers.py``) and the long
run behind ``nox -s fuzz`` (``tests/fuzz/run.py``). A reader passes an input when
it returns or raises a :class:`ctnat.CtnatError`; anything else "escapes".
"""

from __future__ import annotations

import gc
import io
import random
import traceback
import warnings
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ctnat import CtnatError

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
REAL = ROOT / "tests" / "data" / "real"
SHARED_REAL = ROOT.parent.parent / "shared" / "real-exports"


def _real(name: str) -> Path:
    """A real Kobo/ODK export: from tests/data/real when it is there, else the shared copy."""
    for base in (REAL, SHARED_REAL, Path("/work/shared/real-exports")):
        if (base / name).is_file():
            return base / name
    return REAL / name


def _indicator_set(p: Path) -> Any:
    from ctnat import indicators

    return indicators.load(p)


def _assessment(p: Path) -> Any:
    from ctnat import assessment

    return assessment.load(p)


def _instrument(p: Path) -> Any:
    from ctnat.survey import load_instrument

    return load_instrument(p)


def _instrument_extension(p: Path) -> Any:
    from ctnat.survey import load_extension

    return load_extension(p)


def _interviews(p: Path) -> Any:
    from ctnat.survey import read_interviews

    return read_interviews(p)


def _responses(p: Path) -> Any:
    from ctnat.survey import read_responses

    return read_responses(p, "ct-nat-2016-survey")


def _responses_csv_both_paths(p: Path) -> Any:
    """Read a CSV by pandas' C reader and by the csv module: the same result, or the same error.

    A difference is raised as an AssertionError, which the fuzzer counts as an escape.
    """
    from ctnat.survey import readers

    def read(fast: bool) -> Any:
        saved = readers._FAST_CSV_CHARS, readers.csv_columns
        if fast:
            readers._FAST_CSV_CHARS = 0
        else:
            readers.csv_columns = lambda *_a, **_k: None  # type: ignore[assignment]
        try:
            return readers.read_responses(p, "ct-nat-2016-survey").model_dump()
        except CtnatError as exc:
            return exc
        finally:
            readers._FAST_CSV_CHARS, readers.csv_columns = saved

    fast, slow = read(True), read(False)
    if isinstance(fast, CtnatError) or isinstance(slow, CtnatError):
        if str(fast) != str(slow):
            raise AssertionError(f"the two CSV paths differ: {fast!r} / {slow!r}")
        raise slow if isinstance(slow, CtnatError) else fast
    if fast != slow:
        raise AssertionError("the two CSV paths read different responses")
    return fast


def _xlsform(p: Path) -> Any:
    from ctnat.survey import read_xlsform

    return read_xlsform(p)


def _worksheet(p: Path) -> Any:
    from ctnat import worksheet

    return worksheet.read(p)


@dataclass(frozen=True)
class Target:
    """A reader and the real file its inputs are mutated from."""

    name: str
    seed: Path
    read: Callable[[Path], Any]
    #: modules whose escapes are another helper's to fix (reported, not failed on here)
    owner_hint: tuple[str, ...] = ()

    @property
    def suffix(self) -> str:
        return self.seed.suffix

    @property
    def is_zip(self) -> bool:
        return self.suffix in {".xlsx", ".xlsm"}


# the response parsing belongs to helper 'responses' (issue 10)
_RESPONSES = ("survey/readers.py", "survey/responses.py", "survey/_table.py", "survey/rules.py")

TARGETS: tuple[Target, ...] = (
    Target("indicator-set", ROOT / "src/ctnat/indicators/data/ct-nat-2016.yaml", _indicator_set),
    Target("indicator-extension", ROOT / "docs/examples/ct-nat-2016-aze.yaml", _indicator_set),
    Target("assessment", ROOT / "src/ctnat/examples/data/aze-2016.yaml", _assessment),
    Target("instrument", ROOT / "src/ctnat/survey/data/ct-nat-2016-interview.yaml", _instrument),
    Target("instrument-extension", DATA / "survey_extension_aze.yaml", _instrument_extension),
    Target("interviews-yaml", DATA / "interviews_example.yaml", _interviews),
    Target("interviews-csv", DATA / "kobo_ct_nat_2016_interview.csv", _interviews),
    Target("responses-json", _real("kobo/K13_api_v1_list.json"), _responses, _RESPONSES),
    Target("responses-set-json", DATA / "aze_survey_fixture.json", _responses, _RESPONSES),
    Target("responses-csv", DATA / "kobo_ct_nat_2016_survey.csv", _responses, _RESPONSES),
    Target(
        "responses-csv-both-paths",
        _real("kobo/K02_xml_groups_slash_both.csv"),
        _responses_csv_both_paths,
    ),
    Target(
        "responses-xlsx", _real("kobo/K10_xml_nogroups_details_only.xlsx"), _responses, _RESPONSES
    ),
    Target("xlsform", _real("ctnat_form.xlsx"), _xlsform),
    Target("worksheet", DATA / "worksheet_handfilled.xlsx", _worksheet),
)

# -- mutations ------------------------------------------------------------------------

#: payloads inserted or written over the input: nesting, hostile scalars, separators
PAYLOADS: tuple[bytes, ...] = (
    b"[" * 5000,
    b"{" * 3000,
    b'{"a":' * 3000,
    b"- " * 2000,
    b"\n" + b"  " * 200 + b"a:\n" * 3,
    b"2016-02-30",
    b"9" * 6000,
    b"1e99999",
    b"NaN",
    b"!!python/object/apply:os.system ['true']",
    b"!!int abc",
    b"!!timestamp x",
    b"!!binary ...",
    b"&a [*a, *a]",
    b"<<: *nope",
    b"\x00",
    b"\r",
    b'"',
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b",;\t",
    b"x" * 140_000,
    b"a\x00.yaml",
    b"=cmd|' /C calc'!A0",
    b'"extends": "a\\u0000.yaml"',
    b"code_pattern: '^(a|aa)+$'\n",
    b"rejected: 1.5\n",
    b'"rejected": 1.5',
    b'<c r="XFD1048576"><v>1</v></c>',
    b'<c r="A1" t="s"><v>999999</v></c>',
    b'<c r="A1" s="99999"><v>1</v></c>',
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    b'<row r="999999999">',
    b"<si><t>x</t></si>" * 200,
)

OPS = ("flip", "truncate", "insert", "overwrite", "duplicate", "delete")


def mutate(data: bytes, ops: Sequence[tuple[str, float, int]]) -> bytes:
    """Apply ``ops`` — (operation, where as a fraction of the length, a number) — to data."""
    out = bytearray(data)
    for op, where, k in ops:
        n = len(out)
        at = min(int(where * n), n)
        if op == "flip" and n:
            out[min(at, n - 1)] ^= 1 << (k % 8)
        elif op == "truncate":
            del out[at:]
        elif op == "insert":
            out[at:at] = PAYLOADS[k % len(PAYLOADS)]
        elif op == "overwrite":
            payload = PAYLOADS[k % len(PAYLOADS)]
            out[at : at + len(payload)] = payload
        elif op == "duplicate" and n:
            size = 1 + k % max(n - at, 1)
            out[at:at] = out[at : at + size] * (1 + k % 3)
        elif op == "delete":
            del out[at : at + 1 + k % 64]
    return bytes(out)


def mutate_zip(data: bytes, ops: Sequence[tuple[str, float, int]], member: int) -> bytes:
    """Mutate one part of a zip archive (chosen by ``member``) and zip it again.

    Mutating the archive's bytes mostly gives a broken zip; mutating a part
    reaches the XML parsers and the cell conversions behind it.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [(i, z.read(i)) for i in z.infolist()]
    target = member % len(parts)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for k, (info, content) in enumerate(parts):
            z.writestr(info.filename, mutate(content, ops) if k == target else content)
    return buf.getvalue()


def make_input(target: Target, ops: Sequence[tuple[str, float, int]], member: int) -> bytes:
    """The mutated input for ``target``: a mutated part of a zip, or mutated bytes."""
    seed = target.seed.read_bytes()
    if target.is_zip and member >= 0:
        return mutate_zip(seed, ops, member)
    return mutate(seed, ops)


def random_ops(rng: random.Random) -> list[tuple[str, float, int]]:
    """One to four random operations (for the long run, which does not use hypothesis)."""
    return [
        (rng.choice(OPS), rng.random(), rng.randrange(1 << 16)) for _ in range(rng.randint(1, 4))
    ]


@dataclass(frozen=True)
class Outcome:
    """What a reader did with one input."""

    escaped: BaseException | None
    #: True when the escape was raised inside a module another helper owns
    elsewhere: bool = False
    where: str = ""


def run(target: Target, data: bytes, directory: Path) -> Outcome:
    """Write ``data`` beside the seed's name in ``directory`` and read it with the target."""
    path = directory / f"input{target.suffix}"
    path.write_bytes(data)
    try:
        if target.owner_hint:
            # the old response readers leak the file of a damaged workbook (issue 10's)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ResourceWarning)
                try:
                    target.read(path)
                finally:
                    gc.collect()
        else:
            target.read(path)
    except CtnatError:
        return Outcome(None)
    except Exception as exc:  # noqa: BLE001 - this is what the fuzzer looks for
        frames = traceback.extract_tb(exc.__traceback__)
        inner = [f for f in frames if "/src/ctnat/" in f.filename.replace("\\", "/")]
        where = f"{inner[-1].filename}:{inner[-1].lineno}" if inner else ""
        elsewhere = bool(inner) and any(m in inner[-1].filename for m in target.owner_hint)
        return Outcome(exc, elsewhere, where)
    return Outcome(None)
