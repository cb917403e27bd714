"""The screen PDF's structure tree made the text's, not the layout's (standards A9-A11).

WeasyPrint 70 builds the tree page by page from the laid-out boxes: an element that crosses a column
or a page (a paragraph, a section, a list, <main>) becomes one element per piece, columns and anonymous
boxes become Div and NonStruct wrappers, a caption's anonymous block becomes a Caption in the Caption,
the running footer's elements are left unreachable from the root (its marked content and link
annotations still pointing at them), and an inner `lang` attribute is not written.

The pieces of one HTML element are recognised by the element itself: before the PDF is written, the
laid-out pages are walked in the order WeasyPrint tags them, and each page's elements of a kind are
matched, in order, with that page's structure elements of the same kind.
"""
from __future__ import annotations

from collections import defaultdict
from io import BytesIO
from typing import Any

import pikepdf
from weasyprint.document import Document
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder

from handouts.errors import RenderError
from handouts.render.pdf.tagging import _kids, _walk, finish_tables, mark_artifacts

# HTML tags whose boxes WeasyPrint tags one structure element each, with no special case.
KINDS = {"main": "/Part", "section": "/Sect", "p": "/P", "ul": "/L", "ol": "/L", "span": "/Span",
         "caption": "/Caption", "figcaption": "/Caption", **{f"h{n}": f"/H{n}" for n in range(1, 7)}}
UNWRAPPED = ("/Div", "/NonStruct")   # layout wrappers: columns, anonymous boxes, <header>, <figure>, <strong>
MERGED = ("/Part", "/Sect", "/P", "/L", "/Caption")   # kinds whose pieces are joined into the first
SELF_WRAPPED = ("/Caption", "/TR")   # kinds whose anonymous boxes WeasyPrint tags as the kind itself

Pieces = list[dict[str, list[Any]]]   # per page: kind -> the HTML elements of its pieces, in tagging order


def html_pieces(document: Document) -> Pieces:
    """For every laid-out page, the HTML element behind each structure element WeasyPrint will write."""
    pages = []
    for page in document.pages:
        found: dict[str, list[Any]] = defaultdict(list)
        _collect(page._page_box, found)
        pages.append(found)
    return pages


def _collect(box: boxes.Box, found: dict[str, list[Any]]) -> None:
    for child in getattr(box, "children", ()):
        if isinstance(child, AbsolutePlaceholder):
            child = child._box
        if isinstance(child, (boxes.MarginBox, boxes.TextBox)):
            continue  # the margins are furniture; a text box is a leaf Span of its parent
        line = isinstance(child, boxes.LineBox)   # not tagged: its boxes are its block's kids
        kind = KINDS.get(child.element_tag) if child.element is not None and not line else None
        if kind:
            found[kind].append(child.element)
        _collect(child, found)


def finish_structure(pdf: pikepdf.Pdf, pieces: Pieces) -> None:
    """Furniture to artifacts, pieces joined, layout wrappers unwrapped, inner languages written."""
    root = pdf.Root.StructTreeRoot
    furniture_to_artifacts(pdf)
    origin = _match(pdf, pieces)
    lang = str(pdf.Root.get("/Lang", ""))
    for element, html in origin.values():
        inner = html.get("lang")
        if inner and inner != lang:
            element.Lang = pikepdf.String(inner)
    _join_pieces(root, origin)
    _unwrap(root)


def _match(pdf: pikepdf.Pdf, pieces: Pieces) -> dict[tuple[int, int], tuple[pikepdf.Dictionary, Any]]:
    """Each structure element of a matched kind (by its object id) with the HTML element it comes from."""
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    found: list[dict[str, list[pikepdf.Dictionary]]] = [defaultdict(list) for _ in pdf.pages]
    for element in _walk(pdf.Root.StructTreeRoot):
        kind = str(element.get("/S"))
        if kind in KINDS.values() and "/Pg" in element and not _is_text_leaf(element):
            found[pages[element.Pg.objgen]][kind].append(element)
    origin: dict[tuple[int, int], tuple[pikepdf.Dictionary, Any]] = {}
    for number, (tagged, laid_out) in enumerate(zip(found, pieces), 1):
        for kind in set(tagged) | set(laid_out):
            if len(tagged[kind]) != len(laid_out[kind]):
                raise RenderError(f"page {number}: {len(tagged[kind])} {kind[1:]} structure elements for "
                                  f"{len(laid_out[kind])} laid-out boxes (WeasyPrint's tagging changed?)")
            origin.update((e.objgen, (e, html)) for e, html in zip(tagged[kind], laid_out[kind]))
    return origin


def _is_text_leaf(element: pikepdf.Dictionary) -> bool:
    """The Span WeasyPrint writes around each line of text (its kids are marked-content ids)."""
    return any(isinstance(kid, int) for kid in _kids(element))


def furniture_to_artifacts(pdf: pikepdf.Pdf) -> None:
    """Marked content and link annotations of elements the root does not reach (the running footer)
    become pagination artifacts and plain text: their elements and ParentTree entries go."""
    root = pdf.Root.StructTreeRoot
    reachable = {e.objgen for e in _walk(root)}
    nums = root.ParentTree.Nums
    keep = pikepdf.Array()
    dropped_annotations: set[int] = set()
    pages = {int(page.obj.get("/StructParents", -1)): page for page in pdf.pages}
    for i in range(0, len(nums), 2):
        key, value = int(nums[i]), nums[i + 1]
        if isinstance(value, pikepdf.Array):
            lost = {mcid for mcid, owner in enumerate(value)
                    if isinstance(owner, pikepdf.Dictionary) and owner.objgen not in reachable}
            if lost and key in pages:
                mark_artifacts(pdf, pages[key], lost)
                for mcid in lost:
                    value[mcid] = None
            keep.extend([nums[i], value])
        elif isinstance(value, pikepdf.Dictionary) and value.objgen not in reachable:
            dropped_annotations.add(key)
        else:
            keep.extend([nums[i], value])
    root.ParentTree.Nums = keep
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if annots is not None and dropped_annotations:
            page.obj.Annots = pikepdf.Array([a for a in annots if int(a.get("/StructParent", -1)) not in dropped_annotations])


def _join_pieces(root: pikepdf.Object, origin: dict[tuple[int, int], tuple[pikepdf.Dictionary, Any]]) -> None:
    """Every later piece of an HTML element hands its kids to the first piece and leaves the tree."""
    first: dict[int, pikepdf.Dictionary] = {}
    for element in list(_walk(root)):
        if element.objgen not in origin or str(element.S) not in MERGED:
            continue
        html = origin[element.objgen][1]
        head = first.setdefault(id(html), element)
        if head.objgen == element.objgen or _inside(element, head):
            continue  # an anonymous box inside its own element: _unwrap lifts it in place
        for kid in _kids(element):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                kid.P = head
            head.K.append(kid)
        _remove(element)


def _inside(element: pikepdf.Dictionary, ancestor: pikepdf.Dictionary) -> bool:
    parent = element.get("/P")
    while isinstance(parent, pikepdf.Dictionary) and "/S" in parent:
        if parent.objgen == ancestor.objgen:
            return True
        parent = parent.get("/P")
    return False


def _unwrap(element: pikepdf.Object) -> None:
    """Layout wrappers, and an anonymous box inside its own kind of element, give their kids to their parent:
    a Caption's in its Caption, and a TR's in its TR (the one cell WeasyPrint makes of a row whose cells are
    laid out as blocks, one under the other: the large print's options)."""
    kids = []
    for kid in _kids(element):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            _unwrap(kid)
            kind = str(kid.S)
            wrapper = kind in UNWRAPPED or (kind in SELF_WRAPPED and str(element.get("/S")) == kind)
            if wrapper and all(isinstance(k, pikepdf.Dictionary) and "/S" in k for k in _kids(kid)):
                for grandchild in _kids(kid):
                    if isinstance(grandchild, pikepdf.Dictionary) and "/S" in grandchild:
                        grandchild.P = element
                    kids.append(grandchild)
                continue
        kids.append(kid)
    element.K = pikepdf.Array(kids)


def _remove(element: pikepdf.Dictionary) -> None:
    parent = element.P
    parent.K = pikepdf.Array([k for k in _kids(parent)
                              if not (isinstance(k, pikepdf.Dictionary) and k.objgen == element.objgen)])


def finish_tagging(pdf_bytes: bytes, pieces: Pieces | None = None) -> bytes:
    """The text's structure (handouts.render.pdf.structure, when the laid-out `pieces` are given), then the tables';
    an untagged PDF is returned as it is."""
    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            return pdf_bytes
        if pieces is not None:
            finish_structure(pdf, pieces)
        finish_tables(pdf)
        out = BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()
