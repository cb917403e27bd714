"""Checkers of the deck criteria S1-S7 on a finished PPTX (python-pptx) and on LibreOffice's rendering of it."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pptx.util import Emu

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def _title(slide):
    return slide.shapes.title


def deck_violations(prs, lang: str) -> list[str]:
    problems = []
    if prs.slide_width * 9 != prs.slide_height * 16:
        problems.append("S5: not 16:9")
    props = prs.core_properties
    for name in ("title", "author", "subject", "language"):
        if not getattr(props, name):
            problems.append(f"S5: core property {name} is empty")
    if props.language != lang:
        problems.append(f"S5: core language is {props.language!r}")
    seen = set()
    for number, slide in enumerate(prs.slides, 1):
        title = _title(slide)
        text = title.text_frame.text.strip() if title is not None else ""
        if not text:
            problems.append(f"S1: slide {number} has no title")
        if text in seen:
            problems.append(f"S1: slide {number} repeats the title {text!r}")
        seen.add(text)
        shapes = list(slide.shapes)
        if title is None or shapes[0].shape_id != title.shape_id:
            problems.append(f"S3: slide {number}: the title is not first in reading order")
        for element in slide.shapes._spTree.iter(f"{P}pic", f"{P}graphicFrame"):
            descr = element.find(f".//{P}cNvPr").get("descr", "")
            if not descr or re.fullmatch(r"[\w-]+\.(png|jpe?g|gif|svg|emf)", descr):
                problems.append(f"S2: slide {number} has a picture or chart without alt text")
        problems += _run_problems(slide, number, lang)
        if slide.has_notes_slide:
            problems += [f"S5: slide {number} notes run lang {r.get('lang')!r}"
                         for r in slide.notes_slide.notes_text_frame._txBody.iter(f"{A}rPr") if r.get("lang") != lang]
    return problems


FURNITURE = ("dt", "ftr", "sldNum")   # the footer row's placeholders: 18 pt is enough for a date or a number
LAYOUT_NAMES = ("Cover", "Section", "Content", "Figure", "Closing")


def _furniture(shape) -> bool:
    if shape.name == "Draft mark":
        return True
    ph = shape._element.find(f".//{P}ph")
    return ph is not None and ph.get("type") in FURNITURE


def furniture_violations(prs, lang: str) -> list[str]:
    """S9: size typed 16:9, masters, layouts and notes in the edition's language, layouts by name, slide numbers."""
    problems = []
    size = prs.part._element.find(f"{P}sldSz")
    if size.get("type") != "screen16x9":
        problems.append(f"S9: slide size typed {size.get('type')!r}")
    kinds = ("slideMaster", "slideLayout", "notesMaster", "notesSlide")
    tags = (f"{A}rPr", f"{A}defRPr", f"{A}endParaRPr")
    for part in prs.part.package.iter_parts():
        if not any(part.content_type.endswith(f".{kind}+xml") for kind in kinds):
            continue
        for element in part._element.iter(*tags):
            if element.get("lang") != lang:
                problems.append(f"S9: {part.partname}: {element.tag.split('}')[1]} lang {element.get('lang')!r}")
    for number, slide in enumerate(prs.slides, 1):
        name = slide.slide_layout.name
        if name not in LAYOUT_NAMES:
            problems.append(f"S9: slide {number} on layout {name!r}")
        if name == "Cover":
            continue
        fields = slide.shapes._spTree.findall(f".//{P}sp//{A}fld[@type='slidenum']")
        if not fields:
            problems.append(f"S9: slide {number} has no slide number")
    return problems


def _run_problems(slide, number: int, lang: str) -> list[str]:
    problems = []
    title = _title(slide)
    for shape in slide.shapes:
        if not shape.has_text_frame:
            continue
        furniture = _furniture(shape)
        is_title = title is not None and shape.shape_id == title.shape_id
        for para in shape.text_frame.paragraphs:
            for run in para.runs:
                size = run.font.size.pt if run.font.size else None
                if run.font._rPr.get("lang") != lang:
                    problems.append(f"S5: slide {number}: run {run.text[:20]!r} has lang {run.font._rPr.get('lang')!r}")
                if size is None or size < 18:
                    problems.append(f"S4: slide {number}: {run.text[:20]!r} at {size} pt (under 18)")
                elif is_title and size < 32:
                    problems.append(f"S4: slide {number}: title at {size} pt (under 32)")
                elif not is_title and not furniture and shape.name != "Footnote" and size < 24:   # a legend: 18
                    problems.append(f"S4: slide {number}: body {run.text[:20]!r} at {size} pt (under 24)")
    return problems


def overflow_violations(prs, pdf: Path, tolerance_pt: float = 3.0) -> list[str]:
    """S6: every word LibreOffice draws lies inside a text shape of its slide (poppler's word boxes)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = re.split(r"<page ", html)[1:]
    problems = []
    for number, (page, slide) in enumerate(zip(pages, prs.slides), 1):
        boxes = [(Emu(s.left).pt, Emu(s.top).pt, Emu(s.left + s.width).pt, Emu(s.top + s.height).pt)
                 for s in [*slide.shapes, *(s for s in slide.slide_layout.shapes if not s.is_placeholder)]
                 if (s.has_text_frame and s.text_frame.text.strip()) or s.has_chart or s.has_table]
        for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page):
            x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
            inside = any(x0 >= b[0] - tolerance_pt and y0 >= b[1] - tolerance_pt and x1 <= b[2] + tolerance_pt
                         and y1 <= b[3] + tolerance_pt for b in boxes)
            if not inside:
                problems.append(f"S6: slide {number}: {word!r} overflows its text frame")
    return problems


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _drawn(slide) -> list[tuple[float, float, float, float]]:
    """Boxes of what a slide draws under its title: pictures, charts, tables, groups, captions (not placeholders)."""
    return [(Emu(s.left).pt, Emu(s.top).pt, Emu(s.left + s.width).pt, Emu(s.top + s.height).pt)
            for s in slide.shapes if not s.is_placeholder and s.name != "Draft mark" and s.width and s.height]


def title_violations(prs, pdf: Path, tolerance_pt: float = 3.0) -> list[str]:
    """No title runs out of its box or into what is drawn under it, as LibreOffice sets it (poppler's
    word boxes): the title's words are the first the page draws (it is first in reading order, S3)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    problems = []
    for number, (page, slide) in enumerate(zip(re.split(r"<page ", html)[1:], prs.slides), 1):
        title = slide.shapes.title
        wanted = re.sub(r"\s+", "", title.text_frame.text)
        box = (Emu(title.left).pt, Emu(title.top).pt, Emu(title.left + title.width).pt, Emu(title.top + title.height).pt)
        below = [b[1] for b in _drawn(slide) if b[1] >= box[1]]
        for x0, y0, x1, y1, word in WORD.findall(page):
            if not wanted:
                break
            text = re.sub(r"\s+", "", word.replace("&amp;", "&"))
            if not wanted.startswith(text):
                continue
            wanted = wanted[len(text):]
            x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
            if not (x0 >= box[0] - tolerance_pt and y0 >= box[1] - tolerance_pt and x1 <= box[2] + tolerance_pt
                    and y1 <= box[3] + tolerance_pt):
                problems.append(f"S6: slide {number}: title word {word!r} out of its box")
            if below and y1 > min(below) + tolerance_pt:
                problems.append(f"S6: slide {number}: title word {word!r} runs into what is drawn under it")
        if wanted:
            problems.append(f"S6: slide {number}: title not found as drawn ({wanted[:30]!r} left)")
    return problems


def body_fill(prs, pdf: Path) -> dict[int, float]:
    """For each bulleted slide (the Content layout's body, bullets shown), the share of its room that its text covers
    as LibreOffice draws it (poppler's word boxes): from its first line's top to its last line's foot, over the body's
    height above the slide's legend, if it has one."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    out = {}
    for number, (page, slide) in enumerate(zip(re.split(r"<page ", html)[1:], prs.slides), 1):
        body = next((s for s in slide.placeholders if s.placeholder_format.idx == 1), None)
        if slide.slide_layout.name != "Content" or body is None or body.text_frame._txBody.find(f".//{A}buNone") is not None:
            continue
        top, foot = Emu(body.top).pt, Emu(body.top + body.height).pt
        foot = min([foot, *(Emu(s.top).pt for s in slide.shapes if s.name == "Footnote")])
        drawn = [(float(y0), float(y1)) for _, y0, _, y1, _ in WORD.findall(page)
                 if float(y0) >= top - 2 and float(y1) <= foot + 2]
        if drawn:
            out[number] = (max(y1 for _, y1 in drawn) - min(y0 for y0, _ in drawn)) / (foot - top)
    return out
