"""Make tests/data/worksheet_handfilled.xlsx: a blank ctnat worksheet filled in as a person would.

The entries imitate hand typing: statuses in other cases and with trailing spaces,
a date typed as text, labels in lower case, one typo in a status, one answer
that is not on the scale, a respondent code used twice, a source cited that is
not listed. tests/worksheet/test_handfilled.py states what reading it must give.

Run from the repository root: python tools/make_worksheet_handfilled.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from ctnat import worksheet

OUT = Path("tests/data/worksheet_handfilled.xlsx")


def row_of(ws: openpyxl.worksheet.worksheet.Worksheet, value: str) -> int:
    for cell in ws["A"]:
        if cell.value == value:
            return int(cell.row)
    raise KeyError(value)


def col_of(ws: openpyxl.worksheet.worksheet.Worksheet, name: str) -> str:
    for cell in ws[1]:
        if cell.value == name:
            return str(cell.column_letter)
    raise KeyError(name)


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    worksheet.write(OUT, overwrite=True)  # this tool regenerates the fixture
    wb = openpyxl.load_workbook(OUT)

    head = wb["Assessment"]
    head["B2"] = "aze"  # lower case
    head["B3"] = "2016-04-25"  # a date typed as text
    head["B4"] = "Hand-filled test worksheet"
    head["B5"] = "A.B.; C.D."
    head["B15"] = "8.1"  # priorities question
    head["B16"] = 3  # survey respondents

    src = wb["Sources"]
    src.append(["Aze 30", "GRETA report on Azerbaijan (2014)", "GRETA", None])
    src.append(["Aze 12", "National Action Plan 2014-2018", None, None])

    ind = wb["Indicators"]
    entries = {
        "1.1.F1": ("Met", "Aze 12, p. 3", None),
        "1.1.F2": ("met ", "Aze 12, pp. 3-4; section 2.1", "NRM roles set out"),
        "1.1.O1": ("PARTLY MET", "Aze 30, p. 31", None),
        "1.1.O2": ("Partly_met", None, "- see the GRETA report"),
        "1.2.F1": ("not met", "AZEint1", None),
        "1.2.F2": ("mostly met", None, None),  # not in the list
        "1.2.O1": ("unknown", "Aze 99, p. 2", None),  # Aze 99 is not a listed source
        "1.2.O2": (None, None, "a note without a status"),
        "1.3.F1": ("N/A", None, None),  # not in the list either
        "1.3.F2": ("not applicable", None, None),
    }
    for ind_id, (status, evidence, note) in entries.items():
        r = row_of(ind, ind_id)
        ind[f"G{r}"] = status
        ind[f"H{r}"] = evidence
        ind[f"I{r}"] = note

    res = wb["Responses"]
    country, gender = col_of(res, "1.1"), col_of(res, "1.6")
    scale, top3 = col_of(res, "3.1.4"), col_of(res, "8.1")
    rows = [
        ("AZEsur1", "Female", "adequate", "A=1; n=2; L=3"),
        ("AZEsur2", "male", "Completely Inadequate", None),
        ("AZEsur3", None, "good", None),  # not on the scale
        ("AZEsur2", "female", "Adequate", None),  # code used twice
    ]
    for i, (code, g, answer, top) in enumerate(rows, start=3):
        res[f"A{i}"] = code
        res[f"{country}{i}"] = "azerbaijan " if i == 4 else "Azerbaijan"
        res[f"{gender}{i}"] = g
        res[f"{scale}{i}"] = answer
        res[f"{top3}{i}"] = top

    itv = wb["Interviews"]
    itv.append(
        ["AZEint1", dt.date(2016, 4, 12), "in person", 1, 2, None, "State", None, "1, 3, 4, 7, 8"]
    )
    notes = wb["Interview notes"]
    notes.append(["AZEint1", "3.1", "Referral steps described.", "referral, nrm_roles"])

    pri = wb["Priorities"]
    pri.append(["a", "Improve identification of victims", 2, 1])
    pri.append(["N", "Strengthen cooperation", 1, None])

    rec = wb["Recommendations"]
    rec.append(["1 Identification and referral", "Strengthen the NRM", "Adopt SOPs"])
    rec.append(["1 Identification and referral", "Strengthen the NRM", "Train front-line staff"])
    wb.save(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
