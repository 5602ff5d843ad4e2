"""Writing the worksheet workbook (openpyxl)."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._cells import save_workbook, set_text
from .._extras import require_extra
from .._io import PathLike
from .._write import check_writable
from ..assessment import Assessment, indicator_set_of, to_mapping
from ..errors import CtnatError, FileFormatError, Problem, ValidationError
from ..survey import Instrument, InterviewRecord, QuestionType, ResponseSet
from ..survey import builtin as builtin_instrument
from . import _layout as L
from ._answers import format_answer
from ._citations import format_evidence
from ._narrative import DETAIL_KEYS, NARRATIVE_STORE_KEYS, store_details, write_narrative
from ._statistics import write_statistics

if TYPE_CHECKING:
    from ..indicators import IndicatorSet

__all__ = ["EMBEDDED_SET", "STORE_KEYS", "default_instrument", "require_openpyxl", "write"]

#: Parts of an assessment the worksheet keeps as JSON in its hidden sheet.
STORE_KEYS = (
    "interviews",
    "survey",
    "validation_comments",
    "notices",
    *NARRATIVE_STORE_KEYS,
    *DETAIL_KEYS,
)
#: The store's key for an indicator set embedded in the assessment.
EMBEDDED_SET = "indicator_set_embedded"
_CHUNK = 30000
_SPARE_ROWS = 200


@functools.cache
def default_instrument(name: str) -> Instrument:
    """A built-in instrument, loaded once (instruments are frozen)."""
    return builtin_instrument(name)


def require_openpyxl() -> Any:
    """The openpyxl module, or a ctnat error saying which extra to install."""
    return require_extra("openpyxl", "xlsx", "the worksheet")


class _Book:
    """The workbook being written, with the styles and helpers every sheet uses.

    Cells are styled by kind (:meth:`style`): each kind names what it sets (font,
    fill, alignment, protection, number format), and a cell's style is the union
    of the kinds given to it, kept as one openpyxl ``NamedStyle`` per combination,
    registered once. Setting a style then costs one lookup per cell, not the
    hashing of every style object that assigning ``cell.font``/``cell.fill`` costs.
    A new kind (e.g. a grey fill for locked cells) is one entry in ``kinds``.
    """

    def __init__(self) -> None:
        self.px = require_openpyxl()
        from openpyxl.styles import Alignment, Font, PatternFill, Protection

        self.wb = self.px.Workbook()
        self.bold = Font(bold=True)
        self.fill = PatternFill("solid", fgColor="DDEBF7")
        self.input_fill = PatternFill("solid", fgColor="FFF9E5")
        #: locked cells (ids, wording): grey, as docs/worksheet.md says
        self.locked_fill = PatternFill("solid", fgColor="E7E6E6")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.unlocked = Protection(locked=False)
        self.locked = Protection(locked=True)
        #: cell kind -> the style attributes it sets; where two kinds of one cell set
        #: the same attribute, the one later in this table wins
        self.kinds: dict[str, dict[str, Any]] = {
            "bold": {"font": self.bold},
            "shaded": {"fill": self.fill},
            "heading": {"font": self.bold, "fill": self.fill},
            "wrap": {"alignment": self.wrap},
            "date": {"number_format": "yyyy-mm-dd"},
            "input": {"fill": self.input_fill, "protection": self.unlocked},
            "locked": {"protection": self.locked},
            "grey": {"fill": self.locked_fill},
        }
        self._styles: dict[frozenset[str], str] = {}
        self._arrays: dict[frozenset[str], Any] = {}  # kinds -> openpyxl StyleArray
        self._kinds_by_xf: dict[int, frozenset[str]] = {}  # named style index -> kinds
        self.lists: dict[tuple[str, ...], str] = {}
        self._first = True

    def style(self, cell: Any, *kinds: str) -> Any:
        """Add ``kinds`` to a cell's style (see :attr:`kinds`); returns the cell.

        The first cell of each combination gets the named style through openpyxl;
        later ones get a copy of that cell's style array (the same style ids), which
        is what openpyxl itself stores per cell, without looking anything up.
        """
        array = cell._style  # None until the cell has any style
        current = self._kinds_by_xf.get(array.xfId, frozenset()) if array else frozenset()
        wanted = current.union(kinds)
        if wanted == current and current:
            return cell
        quoted = bool(array) and array.quotePrefix  # a neutralised formula stays text
        template = self._arrays.get(wanted)
        if template is None:
            cell.style = self._named(wanted)
            self._arrays[wanted] = template = copy.copy(cell._style)
            self._kinds_by_xf[cell._style.xfId] = wanted
        cell._style = copy.copy(template)
        if quoted:
            cell._style.quotePrefix = 1
        return cell

    def _named(self, kinds: frozenset[str]) -> str:
        name = self._styles.get(kinds)
        if name is None:
            from openpyxl.styles import NamedStyle

            unknown = kinds - self.kinds.keys()
            if unknown:
                raise ValueError(f"no cell kind {sorted(unknown)}; kinds are {list(self.kinds)}")
            attrs: dict[str, Any] = {}
            for kind, sets in self.kinds.items():
                if kind in kinds:
                    attrs.update(sets)
            name = "ctnat " + " ".join(k for k in self.kinds if k in kinds)
            self.wb.add_named_style(NamedStyle(name=name, **attrs))
            self._styles[kinds] = name
        return name

    def sheet(self, title: str) -> Any:
        if self._first:
            ws = self.wb.active
            ws.title = title
            self._first = False
        else:
            ws = self.wb.create_sheet(title)
        return ws

    def put(self, ws: Any, row: int, col: int, value: object) -> Any:
        """Set one cell; text is stored as text, never as a formula."""
        from openpyxl.utils.exceptions import IllegalCharacterError

        cell = ws.cell(row=row, column=col)
        if isinstance(value, str):
            try:  # openpyxl checks for control characters as it stores the text
                cell.value = value
            except IllegalCharacterError:
                raise ValidationError(
                    f"control characters cannot be stored in a workbook: {value[:40]!r}",
                    location=f"{ws.title}!{cell.coordinate}",
                    hint="remove control characters (other than tab and line breaks)",
                ) from None
            set_text(cell, value)  # text, never a formula; formula-like text neutralised
        elif isinstance(value, dt.date):
            cell.value = value
            self.style(cell, "date")
        else:
            cell.value = value
        return cell

    def header(self, ws: Any, names: Sequence[str], row: int = 1) -> None:
        for col, name in enumerate(names, start=1):
            self.style(self.put(ws, row, col, name), "heading", "locked")
            width = max(12, min(60, len(name) + 4))
            ws.column_dimensions[L.column_letter(col)].width = width
        ws.freeze_panes = ws.cell(row=row + 1, column=1)

    def unlock(self, ws: Any, col: int, first: int, last: int) -> None:
        for r in range(first, last + 1):
            self.style(ws.cell(row=r, column=col), "input")

    def unlock_column(self, ws: Any, col: int) -> None:
        """Unlock a whole column (new rows typed below the data), keeping its header locked."""
        dim = ws.column_dimensions[L.column_letter(col)]
        dim.protection = self.unlocked
        dim.fill = self.input_fill
        for r in (1, 2):
            self.style(ws.cell(row=r, column=col), "locked")

    def protect(self, ws: Any) -> None:
        ws.protection.sheet = True
        ws.protection.formatCells = False
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.protection.sort = False
        ws.protection.autoFilter = False

    def list_range(self, values: Sequence[str]) -> str:
        """A range on the hidden Lists sheet holding ``values`` (for a dropdown)."""
        key = tuple(values)
        if key not in self.lists:
            if L.LISTS not in self.wb.sheetnames:
                self.wb.create_sheet(L.LISTS).sheet_state = "hidden"
            ws = self.wb[L.LISTS]
            col = len(self.lists) + 1
            for row, value in enumerate(values, start=1):
                self.put(ws, row, col, value)
            letter = L.column_letter(col)
            self.lists[key] = f"{L.LISTS}!${letter}$1:${letter}${len(values)}"
        return self.lists[key]

    def dropdown(
        self, ws: Any, ref: str, values: Sequence[str], what: str, *, strict: bool = True
    ) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        dv = DataValidation(
            type="list",
            formula1="=" + self.list_range(values),
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop" if strict else "warning",
            errorTitle="Not in the list",
            error=f"Choose {what} from the list.",
            promptTitle=what[:32],
            prompt=f"Choose {what} from the list.",
        )
        dv.add(ref)
        ws.add_data_validation(dv)

    def whole(self, ws: Any, ref: str, what: str) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        dv = DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="A whole number",
            error=f"{what}: enter a whole number, 0 or more.",
        )
        dv.add(ref)
        ws.add_data_validation(dv)

    def text_length(self, ws: Any, ref: str, length: int, what: str) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        dv = DataValidation(
            type="textLength",
            operator="equal",
            formula1=str(length),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Check the entry",
            error=f"Enter {what}.",
        )
        dv.add(ref)
        ws.add_data_validation(dv)

    def date(self, ws: Any, ref: str) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        dv = DataValidation(
            type="date",
            operator="greaterThan",
            formula1="1",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="A date",
            error="Enter a date, e.g. 2016-06-30.",
        )
        dv.add(ref)
        ws.add_data_validation(dv)


def _rng(col: int, first: int, last: int) -> str:
    letter = L.column_letter(col)
    return f"{letter}{first}:{letter}{last}"


def _header_values(
    assessment: Assessment | None,
    indicator_set: IndicatorSet,
    instrument: Instrument,
    guide: Instrument,
    assessors: Sequence[str],
) -> dict[str, object]:
    values: dict[str, object] = {
        "assessors": "; ".join(assessors),
        "indicator_set": indicator_set.id,
        "indicator_set_version": indicator_set.version,
        "provenance": "reported",
        "instrument": instrument.id,
        "instrument_version": instrument.version,
        "guide": guide.id,
    }
    if assessment is None:
        return values
    a = assessment
    values.update(
        country=a.country,
        round=a.round,
        title=a.title,
        indicator_set=a.indicator_set.id,
        indicator_set_version=a.indicator_set.version,
        indicator_set_file=a.indicator_set.file,
        provenance=a.provenance.kind.value,
        provenance_source=a.provenance.source,
        provenance_note=a.provenance.note,
    )
    if a.priorities is not None:
        p = a.priorities
        values.update(
            priorities_item=p.item,
            priorities_survey_respondents=p.survey_respondents,
            priorities_workshop_groups=p.workshop_groups,
            priorities_note=p.note,
        )
    return values


def _write_header(book: _Book, values: dict[str, object]) -> None:
    ws = book.sheet(L.ASSESSMENT)
    book.header(ws, ("field", "value", "help"))
    for row, (key, (label, help_text)) in enumerate(L.HEADER_FIELDS.items(), start=2):
        book.style(book.put(ws, row, 1, label), "bold", "grey")
        value = values.get(key)
        if value is not None and value != "":
            book.put(ws, row, 2, value)
        book.style(book.put(ws, row, 3, help_text), "grey")
        book.unlock(ws, 2, row, row)
        if key == "country":
            book.text_length(ws, f"B{row}", 3, "a three-letter ISO code, e.g. AZE")
        elif key == "round":
            book.date(ws, f"B{row}")
        elif key == "provenance":
            book.dropdown(ws, f"B{row}", ("reported", "reading", "synthetic"), "a provenance")
        elif key.startswith("priorities_") and key.endswith(("respondents", "groups")):
            book.whole(ws, f"B{row}", label)
    ws.column_dimensions["A"].width = 32
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 60
    book.protect(ws)


def _write_sources(book: _Book, assessment: Assessment | None) -> None:
    ws = book.sheet(L.SOURCES)
    book.header(ws, L.COLUMNS[L.SOURCES])
    for row, src in enumerate(assessment.bibliography if assessment else (), start=2):
        for col, value in enumerate((src.code, src.title, src.author, src.url), start=1):
            if value is not None:
                book.put(ws, row, col, value)
    ws.column_dimensions["B"].width = 60


def _write_indicators(
    book: _Book, indicator_set: IndicatorSet, assessment: Assessment | None
) -> None:
    ws = book.sheet(L.INDICATORS)
    langs = indicator_set.languages
    wording = tuple(f"wording ({lang})" for lang in langs)
    names = (*L.COLUMNS[L.INDICATORS], *wording, *L.INDICATOR_INPUTS)
    book.header(ws, names)
    first_input = len(L.COLUMNS[L.INDICATORS]) + len(wording) + 1
    statuses = {s.indicator: s for s in assessment.statuses} if assessment else {}
    rows = list(indicator_set.indicators())
    rows += [
        ind
        for ind in indicator_set.indicators(include_retired=True)
        if ind.retired is not None and ind.id in statuses
    ]
    lang = indicator_set.default_language
    row = 1
    for row, ind in enumerate(rows, start=2):
        crit = indicator_set.criterion(ind.criterion_id)
        cat = indicator_set.category(ind.category_id)
        fixed: list[object] = [
            ind.id,
            f"{cat.id} {cat.label(lang)}",
            f"{crit.id} {crit.label(lang)}",
            ind.dimension.value,
            ind.level,
        ]
        fixed += [ind.text.get(code, "") + (" (retired)" if ind.retired else "") for code in langs]
        for col, value in enumerate(fixed, start=1):
            book.style(book.put(ws, row, col, value), "wrap", "grey")
        st = statuses.get(ind.id)
        if st is not None:
            book.put(ws, row, first_input, L.STATUS_LABELS[st.status])
            if st.evidence:
                book.put(ws, row, first_input + 1, format_evidence(st.evidence))
            if st.note is not None:
                book.put(ws, row, first_input + 2, st.note)
            if st.improvement is not None:  # blank: follows from the status
                book.put(ws, row, first_input + 3, L.IMPROVEMENT_LABELS[st.improvement])
        for col in range(first_input, first_input + len(L.INDICATOR_INPUTS)):
            book.style(ws.cell(row=row, column=col), "input", "wrap")
    last = max(row, 2)
    # a warning, not a stop: synonyms such as "N/A" or "partly-met" are read as their status
    book.dropdown(
        ws, _rng(first_input, 2, last), tuple(L.STATUS_LABELS.values()), "a status", strict=False
    )
    book.dropdown(
        ws,
        _rng(first_input + 3, 2, last),
        tuple(L.IMPROVEMENT_LABELS.values()),
        "a mark (blank: from status)",
        strict=False,
    )
    ws.column_dimensions[L.column_letter(first_input)].width = L.STATUS_WIDTH
    ws.column_dimensions[L.column_letter(first_input + 3)].width = 14
    for col in range(2, 4):
        ws.column_dimensions[L.column_letter(col)].width = 30
    for col in range(6, 6 + len(wording)):
        ws.column_dimensions[L.column_letter(col)].width = 60
    ws.column_dimensions[L.column_letter(first_input + 1)].width = 40
    ws.column_dimensions[L.column_letter(first_input + 2)].width = 40
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{L.column_letter(len(names))}{last}"
    book.protect(ws)


def response_columns(instrument: Instrument) -> list[tuple[str, str, str]]:
    """(column key, question id, kind) for the Responses sheet; kind is answer/other."""
    cols: list[tuple[str, str, str]] = []
    for q in instrument.questions():
        cols.append((q.id, q.id, "answer"))
        if q.other_option is not None:
            cols.append((f"{q.id} other", q.id, "other"))
    return cols


def _write_responses(book: _Book, instrument: Instrument, responses: ResponseSet | None) -> None:
    ws = book.sheet(L.RESPONSES)
    lang = instrument.languages[0] if instrument.languages else "en"
    cols = response_columns(instrument)
    book.header(ws, ("code", *(key for key, _, _ in cols)))
    book.style(book.put(ws, 2, 1, "respondent code, e.g. AZEsur1"), "wrap")
    for col, (_key, qid, kind) in enumerate(cols, start=2):
        q = instrument.question(qid)
        # the wording in every language of the instrument, one paragraph each
        langs = [code for code in instrument.languages if code in q.label] or [lang]
        wording = "\n\n".join(q.text(code) for code in langs)
        text = wording if kind == "answer" else "Other - please specify (text)"
        book.style(book.put(ws, 2, col, text), "wrap", "grey")
        ws.column_dimensions[L.column_letter(col)].width = 24
    ws.row_dimensions[2].height = 90
    rows = responses.responses if responses is not None else ()
    questions = {q.id: q for q in instrument.questions()}
    # A cell with a value gets the input style; an empty one is not written at all
    # and takes its column's style (unlocked, input fill), as the rows below the data do.
    for row, resp in enumerate(rows, start=3):
        book.style(book.put(ws, row, 1, resp.code), "input")
        for col, (_key, qid, kind) in enumerate(cols, start=2):
            q = questions[qid]
            if kind == "other":
                value: object = resp.other.get(qid)
            else:
                answer = resp.profile.get(q.profile) if q.profile else resp.answers.get(qid)
                value = None if answer is None else format_answer(instrument, q, answer, lang)
            if value is not None and value != "":
                book.style(book.put(ws, row, col, value), "input")
    last = 2 + len(rows) + _SPARE_ROWS
    for col in range(1, len(cols) + 2):
        book.unlock_column(ws, col)
    for col, (_key, qid, kind) in enumerate(cols, start=2):
        q = instrument.question(qid)
        if kind == "answer" and q.type in (QuestionType.SCALE, QuestionType.CHOOSE_ONE):
            labels = tuple(o.text(lang) for o in instrument.options(q))
            # choices_from lists are narrowed per respondent: warn, do not stop
            book.dropdown(
                ws, _rng(col, 3, last), labels, "an answer", strict=q.choices_from is None
            )
    ws.freeze_panes = "B3"
    book.protect(ws)


def _write_interviews(
    book: _Book, guide: Instrument, interviews: Sequence[InterviewRecord]
) -> None:
    from ..survey import EntityType, InterviewFormat

    ws = book.sheet(L.INTERVIEWS)
    book.header(ws, L.COLUMNS[L.INTERVIEWS])
    for row, rec in enumerate(interviews, start=2):
        values: list[object] = [
            rec.code,
            rec.date,
            rec.format.value,
            rec.participants.female,
            rec.participants.male,
            rec.participants.unstated,
            rec.entity_type.value,
            rec.organisation,
            ", ".join(rec.sections),
            rec.observations,
        ]
        for col, value in enumerate(values, start=1):
            if value is not None:
                book.put(ws, row, col, value)
    last = 1 + len(interviews) + _SPARE_ROWS
    book.date(ws, _rng(2, 2, last))
    book.dropdown(ws, _rng(3, 2, last), tuple(f.value for f in InterviewFormat), "a format")
    for col in (4, 5, 6):
        book.whole(ws, _rng(col, 2, last), "participants")
    book.dropdown(ws, _rng(7, 2, last), tuple(e.value for e in EntityType), "an entity type")
    widths = {
        3: max(len(f.value) for f in InterviewFormat),
        7: max(len(e.value) for e in EntityType),
    }
    for col, longest in widths.items():
        width = longest + 4
        dim = ws.column_dimensions[L.column_letter(col)]
        dim.width = max(dim.width or 0, width)

    notes = book.sheet(L.NOTES)
    book.header(notes, L.COLUMNS[L.NOTES])
    row = 2
    for rec in interviews:
        for qid in _note_questions(guide, rec):
            themes = rec.themes.get(qid, ())
            book.put(notes, row, 1, rec.code)
            book.put(notes, row, 2, qid)
            if qid in rec.notes:
                book.style(book.put(notes, row, 3, rec.notes[qid]), "wrap")
            if themes:
                book.put(notes, row, 4, ", ".join(themes))
            row += 1
    notes.column_dimensions["C"].width = 80
    notes.column_dimensions["D"].width = 40


def _note_questions(guide: Instrument, rec: InterviewRecord) -> list[str]:
    order = {q.id: i for i, q in enumerate(guide.questions())}
    qids = list(dict.fromkeys((*rec.notes, *rec.themes)))
    return sorted(qids, key=lambda q: (order.get(q, len(order)), q))


def _write_priorities(book: _Book, assessment: Assessment | None, instrument: Instrument) -> None:
    ws = book.sheet(L.PRIORITIES)
    book.header(ws, L.COLUMNS[L.PRIORITIES])
    given = assessment.priorities if assessment else None
    rows = given.rows if given else ()
    for row, pr in enumerate(rows, start=2):
        for col, value in enumerate(
            (pr.option, pr.text, pr.survey, pr.workshop, pr.rank_points), start=1
        ):
            if value is not None:
                book.put(ws, row, col, value)
    # the options not in the assessment, prefilled with their wording (read back as unfilled)
    done = {pr.option for pr in rows}
    options = L.priority_options(instrument, given.item if given else None)
    template = [(k, v) for k, v in options.items() if k not in done]
    for row, (letter, text) in enumerate(template, start=2 + len(rows)):
        book.put(ws, row, 1, letter)
        book.put(ws, row, 2, text).alignment = book.wrap
    last = 1 + len(rows) + len(template) + _SPARE_ROWS
    for col in (3, 4, 5):
        book.whole(ws, _rng(col, 2, last), L.COLUMNS[L.PRIORITIES][col - 1])
    ws.column_dimensions["B"].width = 70


def _write_recommendations(book: _Book, assessment: Assessment | None) -> None:
    ws = book.sheet(L.RECOMMENDATIONS)
    book.header(ws, L.COLUMNS[L.RECOMMENDATIONS])
    row = 2
    for rec in assessment.recommendations if assessment else ():
        for action in rec.actions or (None,):
            book.put(ws, row, 1, rec.category)
            book.put(ws, row, 2, rec.heading)
            if action is not None:
                book.style(book.put(ws, row, 3, action), "wrap")
            row += 1
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 90


def _print_setup(book: _Book) -> None:
    """Landscape, fit to the page width, header rows repeated: a sheet prints in a few pages."""
    for ws in book.wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as needed
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        header_rows = 2 if ws.title == L.RESPONSES else 1
        ws.print_title_rows = f"1:{header_rows}"
        ws.print_options.gridLines = True
        ws.page_margins.left = ws.page_margins.right = 0.4


def _write_store(book: _Book, assessment: Assessment | None) -> None:
    ws = book.sheet(L.STORE)
    ws.sheet_state = "hidden"
    book.put(ws, 1, 1, "ctnat worksheet")
    book.put(ws, 1, 2, L.FORMAT_VERSION)
    book.put(ws, 2, 1, "Kept by ctnat: parts of the assessment not shown as tables. Do not edit.")
    data: dict[str, Any] = {}
    if assessment is not None:
        mapping = to_mapping(assessment)
        data = {k: mapping[k] for k in STORE_KEYS if k in mapping}
        data.update(store_details(assessment))
        if assessment.indicator_set.embedded is not None:
            data[EMBEDDED_SET] = mapping["indicator_set"]["embedded"]
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for i in range(0, max(len(text), 1), _CHUNK):
        book.put(ws, 3 + i // _CHUNK, 1, text[i : i + _CHUNK])


def write(
    path: PathLike,
    indicator_set: IndicatorSet | None = None,
    instrument: Instrument | None = None,
    assessment: Assessment | None = None,
    *,
    responses: ResponseSet | None = None,
    interviews: Iterable[InterviewRecord] = (),
    assessors: Sequence[str] = (),
    guide: Instrument | None = None,
    set_file: str | None = None,
    overwrite: bool = False,
) -> Path:
    """Write the data-analysis worksheet (XLSX) and return its path.

    Without ``assessment`` the workbook is blank, ready to fill; with one, it
    holds the assessment's statuses, sources, priorities and recommendations,
    and its Metrics sheet shows the survey tables and interview counts.
    ``indicator_set`` defaults to the assessment's set (else ``ct-nat-2016``),
    ``instrument`` to ``ct-nat-2016-survey`` and ``guide`` to
    ``ct-nat-2016-interview``. For an extended set, ``set_file`` is the path of
    its file relative to the workbook (recorded on the Assessment sheet so that
    :func:`read` finds the set again). An existing file is replaced only with
    ``overwrite=True``; the workbook is written to a temporary file and renamed
    into place, so an interrupted write never leaves half a workbook.
    """
    from ..indicators import builtin as builtin_set
    from ._metrics import write_metrics

    if indicator_set is None:
        indicator_set = (
            indicator_set_of(assessment) if assessment is not None else builtin_set("ct-nat-2016")
        )
    instrument = instrument or default_instrument("ct-nat-2016-survey")
    guide = guide or default_instrument("ct-nat-2016-interview")
    records = tuple(interviews)
    out = Path(path)
    if out.suffix.lower() != ".xlsx":
        raise FileFormatError("a worksheet is an .xlsx file", file=str(out))
    check_writable(out, overwrite=overwrite)
    book = _Book()
    try:
        header = _header_values(assessment, indicator_set, instrument, guide, assessors)
        if set_file is not None:
            header["indicator_set_file"] = set_file
        _write_header(book, header)
        _write_sources(book, assessment)
        _write_indicators(book, indicator_set, assessment)
        _write_responses(book, instrument, responses)
        _write_interviews(book, guide, records)
        _write_priorities(book, assessment, instrument)
        _write_recommendations(book, assessment)
        write_statistics(book, assessment)
        write_narrative(book, assessment)
        write_metrics(book, instrument, assessment, responses, records)
        _write_store(book, assessment)
        _print_setup(book)
    except CtnatError as exc:
        raise type(exc)(
            [Problem(p.reason, str(out), p.location, p.hint) for p in exc.problems]
        ) from None
    return save_workbook(book.wb, out, overwrite=overwrite)  # fixed timestamps
