"""Make the fake country's survey export used by the fieldwork tests and tutorial.

It is the real Kobo export K04 (tests/data/real/kobo/K04_xml_nogroups_both.csv: XML
headers, no groups, ';' separated, written by Kobo's own export library) with what a
form adapted by ``ctnat init --country KGZ`` changes: a ``consent`` column (the
adapted form's first question), the country answer ``kyrgyzstan`` instead of
the study's three countries, and codes ``KGZsur1`` ... instead of ``AZEsur1`` .... Respondent 8
declined consent, so, as Kobo records a declined submission, only the consent answer
and the meta columns are kept in that row. Every other cell is Kobo's own.

Run: python tools/make_fake_country_export.py
"""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tests" / "data" / "real" / "kobo" / "K04_xml_nogroups_both.csv"
TARGET = ROOT / "tests" / "data" / "fieldwork" / "kgz_survey_kobo.csv"


def main() -> None:
    with SOURCE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    header, records = rows[0], rows[1:]
    code, country = header.index("code"), header.index("q1_1")
    out = [["consent", *header]]
    for original in records:
        row = list(original)
        row[code] = row[code].replace("AZE", "KGZ")
        if row[country] in {"azerbaijan", "armenia", "georgia"}:
            row[country] = "kyrgyzstan"
        if row[code] == "KGZsur8":
            kept = [v if h.startswith("_") else "" for h, v in zip(header, row, strict=True)]
            out.append(["no", *kept])
        else:
            out.append(["yes", *row])
    with TARGET.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(out)
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
