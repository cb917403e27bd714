"""Checkers of the standards (../shared/guides/STANDARDS.md ids) on finished files.

Each returns the list of violations it finds, so that a test can assert an empty list on a real
output and a non-empty one on a deliberately broken fixture.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
from fontTools.ttLib import TTFont

from handouts.fonts import FACES, FONT_DIR

PT_PER_IN = 72


# --- Accessible PDF (A1-A8) -------------------------------------------------------------------

def struct_tags(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Structure elements in document order."""
    out: list[pikepdf.Dictionary] = []

    def walk(node) -> None:
        if isinstance(node, pikepdf.Dictionary) and "/S" in node:
            out.append(node)
        kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            if isinstance(kid, pikepdf.Dictionary):
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return out


def ua_violations(pdf: pikepdf.Pdf, lang: str) -> list[str]:
    problems = []
    meta = pdf.open_metadata()
    if meta.get("pdfuaid:part") != "1":
        problems.append("A1: XMP pdfuaid:part is not 1")
    if not pdf.Root.get("/MarkInfo", {}).get("/Marked", False):
        problems.append("A1: /MarkInfo /Marked is not true")
    if "/StructTreeRoot" not in pdf.Root:
        return problems + ["A1: no /StructTreeRoot"]
    if not (meta.get("dc:title") or "").strip():
        problems.append("A2: XMP dc:title is empty")
    if not pdf.Root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False):
        problems.append("A2: /DisplayDocTitle is not true")
    if str(pdf.Root.get("/Lang", "")) != lang:
        problems.append(f"A3: /Lang is {pdf.Root.get('/Lang')!r}, not {lang!r}")
    tags = struct_tags(pdf)
    levels = [int(str(t.S)[2:]) for t in tags if re.fullmatch(r"/H[1-6]", str(t.S))]
    if not levels or levels[0] != 1:
        problems.append(f"A5: first heading is not H1 ({levels[:1]})")
    problems += [f"A5: heading level skips from H{a} to H{b}" for a, b in zip(levels, levels[1:]) if b > a + 1]
    problems += ["A4: a /Figure has no /Alt" for t in tags if str(t.S) == "/Figure" and not str(t.get("/Alt", ""))]
    for number, page in enumerate(pdf.pages, 1):
        links = [a for a in page.obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        if links and page.obj.get("/Tabs") != "/S":
            problems.append(f"A7: page {number} has links but no /Tabs /S")
        problems += [f"A7: a link on page {number} has no /Contents" for a in links if not str(a.get("/Contents", ""))]
    return problems


def font_violations(path: Path) -> list[str]:
    """A8/P5: every font embedded and Atkinson Hyperlegible; every character of the text in its cmap."""
    listing = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    problems = []
    for row in listing.splitlines()[2:]:
        name, emb = row.split()[0], row.split()[-5]
        if emb != "yes":
            problems.append(f"A8: font {name} is not embedded")
        if "Atkinson-Hyperlegible" not in name:
            problems.append(f"A8: fallback font {name} is used")
    cmap = set.intersection(*(set(TTFont(FONT_DIR / face).getBestCmap()) for face in FACES.values()))
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    problems += [f"A8: character U+{ord(ch):04X} is not in the typeface"
                 for ch in sorted(set(text)) if ch not in "\n\f\t " and ord(ch) not in cmap]
    return problems


# --- Press (P1-P6) ------------------------------------------------------------------------------

def press_violations(pdf: pikepdf.Pdf, trim_size: tuple[float, float]) -> list[str]:
    problems = []
    if pdf.open_metadata().get("pdfxid:GTS_PDFXVersion") != "PDF/X-4":
        problems.append("P1: XMP GTS_PDFXVersion is not PDF/X-4")
    intents = pdf.Root.get("/OutputIntents", [])
    if not any(i.get("/S") == "/GTS_PDFX" and "/DestOutputProfile" in i for i in intents):
        problems.append("P1: no PDF/X output intent with a profile")
    for number, page in enumerate(pdf.pages, 1):
        trim = [float(v) for v in page.obj.get("/TrimBox", page.obj.MediaBox)]
        bleed = [float(v) for v in page.obj.get("/BleedBox", page.obj.MediaBox)]
        media = [float(v) for v in page.obj.MediaBox]
        if (round(trim[2] - trim[0]), round(trim[3] - trim[1])) != trim_size:
            problems.append(f"P2: page {number} TrimBox is not {trim_size}")
        margins = (trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3])
        if min(margins) < 0.125 * PT_PER_IN - 0.01:
            problems.append(f"P2: page {number} bleed is {min(margins):.1f} pt, under 9 pt")
        if not _crop_marks(page, bleed) or media == bleed:
            problems.append(f"P4: page {number} has no crop marks outside the bleed")
        if any(a.get("/Subtype") == "/Link" for a in page.obj.get("/Annots", [])):
            problems.append(f"P6: page {number} has a link annotation")
    return problems


def _crop_marks(page: pikepdf.Page, bleed: list[float]) -> bool:
    """True when strokes lie entirely outside the bleed box at all four corners."""
    corners = set()
    points: list[tuple[float, float]] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("m", "l"):
            points.append(tuple(float(v) for v in operands))
        elif op == "S" and len(points) == 2:
            (x1, y1), (x2, y2) = points
            outside = all(x < bleed[0] or x > bleed[2] or y < bleed[1] or y > bleed[3] for x, y in points)
            if outside:
                corners.add((x1 > (bleed[0] + bleed[2]) / 2, y1 > (bleed[1] + bleed[3]) / 2))
            points = []
        elif op not in ("m", "l"):
            points = [] if op in ("S", "n", "f", "re") else points
    return len(corners) == 4


def safe_zone_violations(path: Path, safe_in: float = 0.25) -> list[str]:
    """P3: no word within safe_in of the trim, read with poppler's word boxes."""
    pdf = pikepdf.open(path)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    problems = []
    pages = re.split(r"<page ", html)[1:]
    for number, (page_html, page) in enumerate(zip(pages, pdf.pages), 1):
        media = [float(v) for v in page.obj.MediaBox]
        trim = [float(v) for v in page.obj.get("/TrimBox", page.obj.MediaBox)]
        left, top = trim[0] - media[0], media[3] - trim[3]          # trim edges in poppler's coordinates
        right, bottom = left + trim[2] - trim[0], top + trim[3] - trim[1]
        safe = safe_in * PT_PER_IN
        for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page_html):
            x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
            if x0 < left + safe or y0 < top + safe or x1 > right - safe or y1 > bottom - safe:
                problems.append(f"P3: page {number}: {word!r} is within {safe_in} in of the trim")
    return problems
