"""A small HTML structure reader for the report tests (stdlib html.parser only)."""

from __future__ import annotations

from html.parser import HTMLParser


class PageReader(HTMLParser):
    """Collects tags, URL-bearing attributes, and the text of each table cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.urls: list[tuple[str, str, str]] = []
        self.cells: list[str] = []
        self.notes: list[str] = []
        self.text: list[str] = []
        self._cell: list[str] | None = None
        self._note: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in {"src", "href", "xlink:href", "action", "poster", "data", "srcset"}:
                self.urls.append((tag, name, value or ""))
        if tag in {"td", "th"}:
            self._cell = []
        if tag == "p" and ("class", "note") in attrs:
            self._note = []
        if tag == "span" and any(n == "class" and v and "mark-symbol" in v for n, v in attrs):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None:
            self.cells.append("".join(self._cell).strip())
            self._cell = None
        if tag == "p" and self._note is not None:
            self.notes.append("".join(self._note))
            self._note = None
        if tag == "span" and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        if self._note is not None:
            self._note.append(data)


def read_page(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    reader.close()
    return reader


def external_urls(html: str) -> list[tuple[str, str, str]]:
    """Every src/href-like attribute pointing off the page (http, https, protocol-relative)."""
    return [
        u
        for u in read_page(html).urls
        if u[2].strip().lower().startswith(("http:", "https:", "//", "ftp:"))
    ]
