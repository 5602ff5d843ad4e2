"""Hypothesis: answers written in each Kobo/ODK layout read back equal, and nothing is lost.

The invariant (docs/survey.md, "Nothing lost"): every non-empty cell of the file is
used (it is part of an accepted answer, code or kept meta field), listed as rejected
(an answer rejection of that record and question, or its whole record), or listed as
ignored (its column is in ``ignored_columns``).
"""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctnat.survey import QuestionType, Response, builtin, read_responses
from ctnat.survey.layout import form_fields, other_label, slot_label

from .test_properties import response

SURVEY = builtin("ct-nat-2016-survey")
FIELDS = form_fields(SURVEY)
SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LAYOUTS = ("kobo_xml_both", "kobo_groups_details", "kobo_labels_both", "central", "json")


def _label(option_name: str, qid: str) -> str:
    return next(o.text() for o in SURVEY.options(qid) if o.name == option_name)


def _section(qid: str) -> str:
    return "s" + SURVEY.section_of(qid).id


def write_layout(responses: list[Response], layout: str) -> tuple[list[str], list[dict], dict]:
    """Rows as Kobo/ODK would export them; also header -> (question id, part) or a role."""
    labels = layout.startswith("kobo_labels")
    flags = layout in ("kobo_xml_both", "kobo_groups_details", "kobo_labels_both")
    whole = layout != "kobo_groups_details"
    header: dict[str, None] = {}
    roles: dict[str, tuple[str, str]] = {}
    code_head = "Respondent code" if labels else "code"
    header[code_head] = None
    roles[code_head] = ("", "code")
    rows: list[dict] = []

    def name(f, extra: str | None = None) -> str:
        q = SURVEY.question(f.question)
        if labels:
            base = {
                "value": q.text(),
                "other": other_label(q).get("en", ""),
                "rank": _label(f.option, q.id) if f.option else "",
                "slot": slot_label(q, f.slot or 0).get("en", ""),
            }[f.part]
            return f"{base}/{extra}" if extra else base
        sep = {"kobo_groups_details": "/", "central": "-"}.get(layout)
        base = f"{_section(q.id)}{sep}{f.name}" if sep else f.name
        return f"{base}/{extra}" if extra else base

    for r in responses:
        row = {code_head: r.code}
        for f in FIELDS:
            q = SURVEY.question(f.question)
            value = r.profile.get(q.profile) if q.profile else r.answers.get(q.id)
            if f.part == "other":
                h = name(f)
                row[h] = r.other.get(q.id, "")
            elif f.part == "rank":
                h = name(f)
                row[h] = str(value[f.option]) if value and f.option in value else ""
            elif f.part == "slot":
                h = name(f)
                got = next((o for o, k in (value or {}).items() if k == f.slot), "")
                row[h] = _label(got, q.id) if labels and got else got
            else:
                h = name(f)
                if q.type.is_multiple:
                    chosen = value or ()
                    if flags:
                        for o in SURVEY.options(q):
                            fh = name(f, o.text() if labels else o.name)
                            header[fh] = None
                            roles[fh] = (q.id, "option")
                            row[fh] = ("1" if o.name in chosen else "0") if value else ""
                    text = " ".join(_label(o, q.id) if labels else o for o in chosen)
                    if not whole:
                        continue
                elif q.type is QuestionType.TEXT or value is None:
                    text = value or ""
                else:
                    text = _label(value, q.id) if labels else value
                row[h] = text
            header[h] = None
            roles[h] = (q.id, f.part)
        meta = (
            {"KEY": f"uuid:{r.code}", "SubmitterName": "enumerator"}
            if layout == "central"
            else {"_uuid": f"u-{r.code}", "_submitted_by": "enumerator", **r.meta}
        )
        for k, v in meta.items():
            header[k] = None
            roles[k] = ("", "meta")
            row[k] = v
        rows.append(row)
    return list(header), rows, roles


def _write(path: Path, head: list[str], rows: list[dict], layout: str) -> Path:
    if layout == "json":
        path = path.with_suffix(".json")
        path.write_text(json.dumps({"results": rows}), encoding="utf-8")
        return path
    sep = "," if layout == "central" else ";"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=sep)
        w.writerow(head)
        w.writerows([[row.get(h, "") for h in head] for row in rows])
    return path


def no_quote_text(r: Response) -> bool:
    """Kobo writes text as typed; a leading quote would read as ctnat's own escape."""
    texts = [*r.other.values(), *(v for v in r.answers.values() if isinstance(v, str))]
    return not any(t.startswith("'") for t in texts)


answer_sets = st.integers(1, 4).flatmap(
    lambda n: st.tuples(*(response(i).filter(no_quote_text) for i in range(1, n + 1)))
)


@SETTINGS
@given(answer_sets, st.sampled_from(LAYOUTS))
def test_every_layout_reads_back_the_same_answers(responses, layout):
    head, rows, _ = write_layout(list(responses), layout)
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp) / "export.csv", head, rows, layout)
        rs = read_responses(path, SURVEY)
    assert rs.rejected == ()
    assert rs.codes == tuple(r.code for r in responses)
    for r in responses:
        got = rs.response(r.code)
        assert (got.profile, _sets(got.answers), got.other) == (
            r.profile,
            _sets(r.answers),
            r.other,
        )
    assert "_submitted_by" in rs.ignored_columns or "SubmitterName" in rs.ignored_columns


def _sets(answers: dict) -> dict:
    """Answers with select-multiple tuples as sets (0/1 columns give form order)."""
    return {k: frozenset(v) if isinstance(v, tuple) else v for k, v in answers.items()}


def check_invariant(rs, rows: list[dict], roles: dict) -> None:
    """Every non-empty cell is used, listed as rejected, or listed as ignored."""
    assert len(rs) + rs.rejected_records + len(rs.excluded) == rs.records_read == len(rows)
    whole = set(rs.rejected_locations())
    by_answer = {(r.record, r.question) for r in rs.rejected if r.scope == "answer"}
    ignored = set(rs.ignored_columns)
    for i, row in enumerate(rows):
        record = f"row {i + 2}"
        for h, v in row.items():
            if not str(v).strip() or h in ignored or record in whole:
                continue
            qid, part = roles.get(h, ("", "unknown"))
            if (record, qid) in by_answer:
                continue
            code = row.get("code")
            got = rs.response(code)
            if part == "code":
                continue
            if part == "meta":
                assert h in got.meta, (h, record)
                continue
            q = SURVEY.question(qid)
            if part == "other":
                assert qid in got.other, (h, record)
            else:
                used = got.profile.get(q.profile) if q.profile else got.answers.get(qid)
                assert used is not None, (h, record, v)


corruptions = st.sampled_from(
    ["bad option", "extra column", "duplicated id", "blank id", "stray formula", "blank header"]
)


@SETTINGS
@given(answer_sets, st.lists(st.tuples(corruptions, st.integers(0, 10**6)), max_size=4))
def test_no_cell_is_lost_under_corruption(responses, damage):
    head, rows, roles = write_layout(list(responses), "kobo_xml_both")
    choice = [
        h
        for h, (q, p) in roles.items()
        if p == "value"
        and q
        and SURVEY.question(q).type in (QuestionType.SCALE, QuestionType.CHOOSE_ONE)
    ]
    answers = [h for h, (q, p) in roles.items() if q]
    for kind, k in damage:
        row = rows[k % len(rows)]
        if kind == "bad option":
            row[choice[k % len(choice)]] = "no_such_option"
        elif kind == "extra column":
            if "office_note" not in head:
                head.append("office_note")
            row["office_note"] = f"note {k}"
        elif kind == "duplicated id":
            row["code"] = rows[0]["code"]
        elif kind == "blank id":
            row["code"] = ""
        elif kind == "stray formula":
            row[answers[k % len(answers)]] = "=SUM(A1:A9)"
        else:
            if "" not in head:
                head.append("")
            row[""] = f"stray {k}"
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp) / "export.csv", head, rows, "kobo_xml_both")
        rs = read_responses(path, SURVEY)
    if any(kind == "blank header" for kind, _ in damage):
        assert any(c.startswith("(column") for c in rs.ignored_columns)
        rows = [{k: v for k, v in r.items() if k != ""} for r in rows]
    check_invariant(rs, rows, roles)
    for r in rs.rejected:
        assert r.reason
        assert r.record.startswith("row ")
