"""Every content stream of a PDF with the resources it paints with: pages, forms, tiling patterns, soft masks."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf


@dataclass
class Painted:
    """One content stream: where it is (for messages), the stream and its resources."""

    page: int                  # 1-based page that uses it (its first)
    label: str                 # "page 2", "page 2 form /x0", "page 2 pattern /p3"
    stream: pikepdf.Object     # a stream (pikepdf types every object read from a PDF as an Object)
    resources: pikepdf.Object  # a dictionary
    top: bool                  # a page's own content (its graphics state starts at the default)


def painted_streams(pdf: pikepdf.Pdf) -> Iterator[Painted]:
    """Each content stream once, pages first (their contents coalesced into one stream)."""
    seen: set[tuple[int, int]] = set()
    for number, page in enumerate(pdf.pages, 1):
        page.contents_coalesce()
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        yield Painted(number, f"page {number}", page.obj.Contents, resources, True)
        yield from _nested(resources, number, f"page {number}", seen)


def _nested(resources: pikepdf.Object, page: int, where: str, seen: set[tuple[int, int]]) -> Iterator[Painted]:
    """Forms, tiling patterns and soft-mask groups reachable from a resource dictionary."""
    children = [(f"form {name}", xobject) for name, xobject in resources.get("/XObject", {}).items()
                if xobject.get("/Subtype") == "/Form"]
    children += [(f"pattern {name}", pattern) for name, pattern in resources.get("/Pattern", {}).items()
                 if isinstance(pattern, pikepdf.Stream) and pattern.get("/PatternType") == 1]
    children += [(f"soft mask of {name}", state.SMask.G) for name, state in resources.get("/ExtGState", {}).items()
                 if isinstance(state.get("/SMask"), pikepdf.Dictionary) and "/G" in state.SMask]
    for label, stream in children:
        key = stream.objgen
        if key in seen and key != (0, 0):
            continue
        seen.add(key)
        inner = stream.get("/Resources", resources)
        yield Painted(page, f"{where} {label}", stream, inner, False)
        yield from _nested(inner, page, f"{where} {label}", seen)


def images(pdf: pikepdf.Pdf) -> Iterator[tuple[int, str, pikepdf.Object]]:
    """Each image XObject once, with the first page and the resource name that use it."""
    seen: set[tuple[int, int]] = set()
    for painted in painted_streams(pdf):
        for name, xobject in painted.resources.get("/XObject", {}).items():
            if xobject.get("/Subtype") == "/Image" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                yield painted.page, f"{painted.label} image {name}", xobject


def channels(space: object) -> int | None:
    """Number of components of a colour space object, None when not a device or ICC space."""
    if isinstance(space, pikepdf.Array) and len(space) and space[0] == "/ICCBased":
        return int(space[1].get("/N", 0))
    return {"/DeviceRGB": 3, "/DeviceCMYK": 4, "/DeviceGray": 1, "/RGB": 3, "/CMYK": 4, "/G": 1}.get(str(space))


def is_rgb(space: object) -> bool:
    """DeviceRGB, an ICC-based RGB space, or an Indexed/Separation/DeviceN space over one."""
    if isinstance(space, pikepdf.Array) and len(space) > 1 and space[0] in ("/Indexed", "/I"):
        return is_rgb(space[1])
    if isinstance(space, pikepdf.Array) and len(space) > 2 and space[0] in ("/Separation", "/DeviceN"):
        return is_rgb(space[2])
    return channels(space) == 3
