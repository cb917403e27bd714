"""Finishing touches to WeasyPrint's tagged PDF: what PDF/UA asks and WeasyPrint leaves out.

WeasyPrint 70 tags tables as Table/THead/TBody/TR/TH/TD and links data cells to their headers,
but writes no /Scope on header cells (Matterhorn 15-003, standard A6), and a table that crosses a
column or a page becomes one Table element per piece, each with a copy of the header row that it
repeats on screen. Here the pieces become one Table again, the repeated header rows become
pagination artifacts (Matterhorn 01; standard A10), and every TH gets its scope.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pikepdf

if TYPE_CHECKING:
    pass

CONTAINERS = ("/Part", "/Div", "/Sect")   # the wrappers WeasyPrint opens anew in each page and column


def finish_tables(pdf: pikepdf.Pdf) -> None:
    """Join each table's pieces and give every header cell a scope."""
    for head, piece in _continued_tables(pdf.Root.StructTreeRoot):
        _join(pdf, head, piece)
    for th in (e for e in _walk(pdf.Root.StructTreeRoot) if e.get("/S") == "/TH"):
        _set_scope(th)


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]


def _elements(element: pikepdf.Object) -> list[pikepdf.Dictionary]:
    return [kid for kid in _kids(element) if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def _walk(element: pikepdf.Object, into_tables: bool = True) -> Iterator[pikepdf.Dictionary]:
    """Structure elements in reading order (pre-order), optionally without the insides of tables."""
    for kid in _elements(element):
        yield kid
        if into_tables or kid.get("/S") != "/Table":
            yield from _walk(kid, into_tables)


def _continued_tables(root: pikepdf.Object) -> list[tuple[pikepdf.Dictionary, pikepdf.Dictionary]]:
    """(first piece, later piece) pairs: a Table without a caption that follows a table with nothing
    but the column or page wrappers between them continues it."""
    pairs: list[tuple[pikepdf.Dictionary, pikepdf.Dictionary]] = []
    current: pikepdf.Dictionary | None = None
    for element in _walk(root, into_tables=False):
        kind = element.get("/S")
        if kind == "/Table":
            continues = current is not None and not any(k.get("/S") == "/Caption" for k in _elements(element))
            if continues and current is not None:
                pairs.append((current, element))
            else:
                current = element
        elif kind not in CONTAINERS:
            current = None
    return pairs


def _part(table: pikepdf.Dictionary, kind: str) -> pikepdf.Dictionary | None:
    return next((k for k in _elements(table) if k.get("/S") == kind), None)


def _join(pdf: pikepdf.Pdf, head: pikepdf.Dictionary, piece: pikepdf.Dictionary) -> None:
    """Move the piece's body rows into the first piece and make its repeated header row an artifact."""
    body, more = _part(head, "/TBody"), _part(piece, "/TBody")
    repeated = _part(piece, "/THead")
    if body is None or more is None:
        return
    renamed = _header_ids(head, repeated)
    for row in _elements(more):
        row.P = body
        body.K.append(row)
        for cell in _elements(row):
            if "/A" in cell and "/Headers" in cell.A:
                cell.A.Headers = pikepdf.Array([renamed.get(str(h), h) for h in cell.A.Headers])
    if repeated is not None:
        _to_artifacts(pdf, repeated)
    _detach(piece)


def _header_ids(head: pikepdf.Dictionary, repeated: pikepdf.Dictionary | None) -> dict[str, pikepdf.String]:
    """The repeated header cells' IDs mapped to the first piece's, column by column."""
    original = _part(head, "/THead")
    if repeated is None or original is None:
        return {}
    ids: Callable[[pikepdf.Dictionary], list[str]] = \
        lambda thead: [str(c.get("/ID", "")) for row in _elements(thead) for c in _elements(row)]  # noqa: E731
    return {copy: pikepdf.String(first) for copy, first in zip(ids(repeated), ids(original)) if copy and first}


def _marked(element: pikepdf.Dictionary, page: pikepdf.Object | None = None) -> Iterator[tuple[tuple[int, int], int]]:
    """(page, MCID) of every marked-content sequence under an element."""
    page = element.get("/Pg", page)
    for kid in _kids(element):
        if isinstance(kid, int) and page is not None:
            yield page.objgen, kid
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            on = kid.get("/Pg", page)
            assert on is not None  # a marked-content reference names its page, or an element above it does
            yield on.objgen, int(kid.MCID)
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield from _marked(kid, page)


def _to_artifacts(pdf: pikepdf.Pdf, element: pikepdf.Dictionary) -> None:
    """Turn the element's marked content into pagination artifacts, out of the structure tree."""
    by_page: dict[tuple[int, int], set[int]] = {}
    for objgen, mcid in _marked(element):
        by_page.setdefault(objgen, set()).add(mcid)
    parents = pdf.Root.StructTreeRoot.ParentTree.get("/Nums", pikepdf.Array())
    for page in pdf.pages:
        mcids = by_page.get(page.obj.objgen)
        if not mcids:
            continue
        mark_artifacts(pdf, page, mcids)
        key = int(page.obj.get("/StructParents", -1))
        for i in range(0, len(parents), 2):
            if int(parents[i]) == key:
                for mcid in mcids:
                    if mcid < len(parents[i + 1]):
                        parents[i + 1][mcid] = None


def _detach(element: pikepdf.Object) -> None:
    """Take an element out of its parent, and the wrappers left empty with it."""
    parent = element.get("/P")
    if parent is None or "/K" not in parent:
        return
    kept = [kid for kid in _kids(parent) if not (isinstance(kid, pikepdf.Dictionary) and kid.objgen == element.objgen)]
    parent.K = pikepdf.Array(kept)
    if not kept and parent.get("/S") in CONTAINERS:
        _detach(parent)


def _set_scope(th: pikepdf.Dictionary) -> None:
    """/Column in a table's head (or its first row without one), /Row elsewhere."""
    # a copy: WeasyPrint may share it (pikepdf copies a Dictionary too; its stubs ask for a Mapping)
    attributes = pikepdf.Dictionary(th.get("/A", {}))  # type: ignore[arg-type]
    attributes.O = pikepdf.Name.Table
    attributes.Scope = pikepdf.Name.Column if _in_header_row(th) else pikepdf.Name.Row
    th.A = attributes


def _in_header_row(th: pikepdf.Dictionary) -> bool:
    row = th.get("/P")
    group = row.get("/P") if row is not None else None
    if row is None or group is None:
        return False
    if group.get("/S") == "/THead":
        return True
    rows = [kid for kid in _elements(group) if kid.get("/S") == "/TR"]
    return group.get("/S") == "/Table" and bool(rows) and rows[0].objgen == row.objgen


def mark_artifacts(pdf: pikepdf.Pdf, page: pikepdf.Page, mcids: set[int]) -> None:
    """The page's marked content with these ids becomes pagination artifacts (page furniture)."""
    operations = []
    # pikepdf's instructions unpack as (operands, operator); its stubs do not say so
    for operands, operator in pikepdf.parse_content_stream(page):  # type: ignore[misc]
        if (str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary)
                and int(operands[1].get("/MCID", -1)) in mcids):
            operands = [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)]
        operations.append((operands, operator))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(operations))
