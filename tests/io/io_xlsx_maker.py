"""Writing minimal XLSX workbooks part by part, fast, including hostile ones.

openpyxl takes minutes to write millions of cells; these tests and the hostile
cases need workbooks written in seconds, and some that openpyxl would never write
(a lying dimension tag, a zip bomb, millions of shared strings).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "{shared}"
    "</Types>"
)
SHARED_OVERRIDE = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{title}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "{shared}</Relationships>"
)
SHARED_REL = (
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/>'
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "{dimension}<sheetData>"
)
SHEET_TAIL = "</sheetData></worksheet>"


def column(n: int) -> str:
    """Column letters of a 1-based column number."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _cell(ref: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, tuple) and value and value[0] == "shared":
        return f'<c r="{ref}" t="s"><v>{value[1]}</v></c>'
    if isinstance(value, tuple) and value and value[0] == "formula":
        cached = f"<v>{escape(str(value[2]))}</v>" if len(value) > 2 else ""
        return f'<c r="{ref}" t="str"><f>{escape(str(value[1]))}</f>{cached}</c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def sheet_xml(rows: Iterable[Sequence[object]], dimension: str | None = None) -> Iterable[str]:
    """The sheet part, in pieces."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    yield SHEET_HEAD.format(dimension=dim)
    for i, row in enumerate(rows, start=1):
        cells = "".join(_cell(f"{column(j)}{i}", v) for j, v in enumerate(row, start=1))
        yield f'<row r="{i}">{cells}</row>'
    yield SHEET_TAIL


def write_workbook(
    path: Path,
    rows: Iterable[Sequence[object]],
    *,
    title: str = "Sheet1",
    shared: Iterable[str] | None = None,
    dimension: str | None = None,
    sheet_part: bytes | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """A one-sheet workbook; ``shared`` writes a shared-strings part with these texts."""
    with zipfile.ZipFile(path, "w", compression) as z:
        z.writestr(
            "[Content_Types].xml",
            CONTENT_TYPES.format(shared=SHARED_OVERRIDE if shared is not None else ""),
        )
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK.format(title=escape(title)))
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            WORKBOOK_RELS.format(shared=SHARED_REL if shared is not None else ""),
        )
        if sheet_part is not None:
            z.writestr("xl/worksheets/sheet1.xml", sheet_part)
        else:
            with z.open("xl/worksheets/sheet1.xml", "w") as out:
                for piece in sheet_xml(rows, dimension):
                    out.write(piece.encode())
        if shared is not None:
            with z.open("xl/sharedStrings.xml", "w") as out:
                out.write(
                    b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns='
                    b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                )
                for text in shared:
                    out.write(f"<si><t>{escape(text)}</t></si>".encode())
                out.write(b"</sst>")
    return path
