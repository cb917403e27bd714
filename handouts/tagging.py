"""Finishing touches to WeasyPrint's tagged PDF: what PDF/UA asks and WeasyPrint leaves out.

WeasyPrint 70 tags tables as Table/THead/TBody/TR/TH/TD and links data cells to their headers,
but writes no /Scope on header cells (Matterhorn 15-003, standard A6): it is added here.
"""
from __future__ import annotations

from io import BytesIO

import pikepdf


def add_table_scopes(pdf_bytes: bytes) -> bytes:
    """Give every TH a scope: /Column in a table's head (or its first row without one), /Row elsewhere."""
    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        headers = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/TH"]
        if not headers:
            return pdf_bytes
        for th in headers:
            attributes = pikepdf.Dictionary(th.get("/A", {}))  # a copy: WeasyPrint may share it
            attributes.O = pikepdf.Name.Table
            attributes.Scope = pikepdf.Name.Column if _in_header_row(th) else pikepdf.Name.Row
            th.A = attributes
        out = BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def _in_header_row(th: pikepdf.Dictionary) -> bool:
    row = th.get("/P")
    group = row.get("/P") if row is not None else None
    if group is None:
        return False
    if group.get("/S") == "/THead":
        return True
    rows = [kid for kid in _kids(group) if isinstance(kid, pikepdf.Dictionary) and kid.get("/S") == "/TR"]
    return group.get("/S") == "/Table" and bool(rows) and rows[0].objgen == row.objgen


def _kids(element: pikepdf.Dictionary) -> list:
    kids = element.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
