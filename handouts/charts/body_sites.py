"""Where something appears on the body: a person seen from the front, the named sites marked and labelled.

One geometry, in a 460 x 330 drawing, serves the PDFs (SVG) and the deck (native freeform shapes).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from handouts.charts.base import Captions, Paint, Problems, SlideTools, headed
from handouts.charts.base import svg as wrap
from handouts.content.model import BODY_SITES, KeyFigure
from handouts.render.outlines import text_path

if TYPE_CHECKING:
    from collections.abc import Callable

    from pptx.slide import Slide

    from handouts.render.figures import Words

WIDTH, HEIGHT, MIDDLE = 460, 330, 230
LABEL_PT, LABEL_GAP = 20, 25           # label size and the least distance between two labels' baselines
LEFT_END, RIGHT_START = 138, 322       # labels stand outside these lines, clear of the body
HEAD = (MIDDLE, 30, 17, 21)            # centre x, y, radii
# the figure's right half (left on the page) as (distance from the middle, y), from the neck down
HALF: list[tuple[float, float]] = [
    (8, 44), (8, 60), (22, 65), (34, 69), (40, 76), (43, 90), (45, 110), (47, 130), (50, 150), (53, 172),
    (54, 181), (57, 187), (61, 193), (63, 201), (60, 203), (56, 198), (55, 199),          # wrist, thumb
    (55, 212), (53, 215), (51, 212), (51, 204), (51, 216), (49, 219), (47, 216),          # fingers
    (47, 204), (47, 215), (45, 218), (43, 215), (43, 204), (43, 211), (41, 213), (39.5, 210),
    (39.5, 198), (40, 188), (41, 180), (40, 160), (38, 140), (37, 128), (36, 110), (34, 96),  # up the inner arm
    (32, 110), (30, 130), (29, 145), (32, 162), (35, 180), (35, 200), (33, 228), (31, 245),   # side, hip, thigh
    (30, 260), (31, 276), (28, 298), (26, 305), (29, 312), (31, 318), (29, 322), (12, 322),  # leg, foot
    (11, 312), (12, 304), (12, 290), (11, 262), (10, 245), (9, 222), (6, 202), (0, 193),     # up the inner leg
]
SITES = {  # where each site of the vocabulary is marked: (distance from the middle, y, radius); 0 = on the middle
    "head": (0, 15, 7), "face": (0, 31, 9), "mouth": (0, 41, 5), "neck": (0, 56, 6), "shoulders": (34, 72, 7),
    "chest": (0, 92, 11), "back": (0, 130, 11), "elbows": (42, 130, 7), "forearms": (48, 155, 7),
    "wrists": (48, 181, 6), "hands": (49, 193, 7), "fingers": (47, 212, 6), "hips": (32, 172, 7),
    "knees": (21, 245, 8), "lower-legs": (20, 275, 7), "ankles": (19, 304, 6), "feet": (20, 314, 6),
    "toes": (22, 320, 4),
}


def validate(figure: KeyFigure) -> Problems:
    problems: Problems = []
    if not figure.sites:
        problems.append((("sites",), f"is missing (the places to mark, from: {', '.join(BODY_SITES)})"))
    if figure.values:
        problems.append((("values",), "is not used by a body-sites chart (its sites are named, not counted)"))
    return problems


def names(figure: KeyFigure, words: Words) -> list[str]:
    """The sites in the edition's language, in the content's order."""
    _ = words._
    known = {"head": _("head"), "face": _("face"), "mouth": _("mouth"), "neck": _("neck"),
             "shoulders": _("shoulders"), "chest": _("chest"), "back": _("back"), "elbows": _("elbows"),
             "forearms": _("forearms"), "wrists": _("wrists"), "hands": _("hands"), "fingers": _("fingers"),
             "hips": _("hips"), "knees": _("knees"), "lower-legs": _("lower legs"), "ankles": _("ankles"),
             "feet": _("feet"), "toes": _("toes")}
    return [known[site] for site in figure.sites]


def caption(figure: KeyFigure, words: Words) -> str:
    return ""


def alt(figure: KeyFigure, words: Words) -> str:
    from handouts.typography import typeset
    return typeset(headed(figure.title, words.items(names(figure, words))) + ".", words.locale)


def outline() -> list[tuple[float, float]]:
    """The body's outline, both halves, smoothed (Chaikin) so joints and limbs read as curves."""
    points = [(MIDDLE - dx, y) for dx, y in HALF] + [(MIDDLE + dx, y) for dx, y in reversed(HALF[:-1])]
    for _ in range(2):
        smooth = []
        for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
            smooth += [(0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1), (0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1)]
        points = smooth
    return points


def layout(figure: KeyFigure, words: Words) -> list[dict[str, Any]]:
    """Each named site: its marks, its label's side and baseline, and its leader line, labels never overlapping."""
    from handouts.typography import typeset
    placed = []
    for site, name in zip(figure.sites, names(figure, words)):
        dx, y, r = SITES[site]
        placed.append({"site": site, "name": typeset(name, words.locale), "y": y, "r": r,
                       "marks": [(MIDDLE - dx, y)] + ([(MIDDLE + dx, y)] if dx else [])})
    placed.sort(key=lambda p: p["y"])
    for i, item in enumerate(placed):
        item["left"] = i % 2 == 0
    for left in (True, False):
        column = [p for p in placed if p["left"] == left]
        floor = LABEL_PT
        for item in column:
            item["base"] = max(item["y"] + LABEL_PT * 0.35, floor)
            floor = item["base"] + LABEL_GAP
        ceiling = HEIGHT - 4
        for item in reversed(column):  # pushed back up when the column runs off the bottom
            item["base"] = min(item["base"], ceiling)
            ceiling = item["base"] - LABEL_GAP
    for item in placed:
        x, y = item["marks"][0] if item["left"] else item["marks"][-1]
        end = LEFT_END + 4 if item["left"] else RIGHT_START - 4
        item["leader"] = (x + (-item["r"] if item["left"] else item["r"]), y, end, item["base"] - LABEL_PT * 0.35)
    return placed


def svg(figure: KeyFigure, words: Words, paint: Paint) -> str:
    cx, cy, rx, ry = HEAD
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in outline())
    body = (f'<polygon points="{points}" fill="{paint.light}" stroke="{paint.ink}" stroke-width="1.5" '
            f'stroke-linejoin="round"/><ellipse cx="{cx}" cy="{cy}" rx="{rx}" ry="{ry}" fill="{paint.light}" '
            f'stroke="{paint.ink}" stroke-width="1.5"/>')
    for item in layout(figure, words):
        x0, y0, x1, y1 = item["leader"]
        body += f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="{paint.ink}" stroke-width="1"/>'
        body += "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{item["r"]}" fill="{paint.mark}" stroke="{paint.ink}" '
                        f'stroke-width="1.5"/>' for x, y in item["marks"])
        anchor, x = ("end", LEFT_END) if item["left"] else ("start", RIGHT_START)
        body += text_path(item["name"], LABEL_PT, x, item["base"], anchor, fill=paint.ink)
    return wrap(WIDTH, HEIGHT, body)


def draw_deck(slide: Slide, figure: KeyFigure, words: Words, palette: dict[str, str], lang: str,
              deck: SlideTools) -> Captions:
    """The same drawing as native shapes (freeform body, ovals, lines, text boxes), the sentence beside it."""
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
    from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Emu, Inches, Pt

    from handouts.typography import typeset

    unit = int(Inches(5.1)) / HEIGHT                    # EMU per drawing unit
    left, top = int(Inches(0.5)), int(Inches(1.7))
    at: Callable[[float, float], tuple[Emu, Emu]] = \
        lambda x, y: (Emu(int(left + x * unit)), Emu(int(top + y * unit)))  # noqa: E731
    group = slide.shapes.add_group_shape()
    points = outline()
    builder = group.shapes.build_freeform(points[0][0], points[0][1], scale=unit)
    builder.add_line_segments(points[1:], close=True)
    shapes = [builder.convert_to_shape(Emu(left), Emu(top))]
    cx, cy, rx, ry = HEAD
    shapes.append(group.shapes.add_shape(MSO_SHAPE.OVAL, *at(cx - rx, cy - ry), Emu(int(2 * rx * unit)),
                                         Emu(int(2 * ry * unit))))
    for shape in shapes:
        deck.paint(shape.fill, "rest", palette)
        deck.outline(shape, palette)
    labels = []
    for item in layout(figure, words):
        x0, y0, x1, y1 = item["leader"]
        line = group.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, *at(x0, y0), *at(x1, y1))
        line.line.color.rgb, line.line.width = deck.rgb(palette["ink"]), Pt(1)
        for x, y in item["marks"]:
            r = item["r"]
            mark = group.shapes.add_shape(MSO_SHAPE.OVAL, *at(x - r, y - r), Emu(int(2 * r * unit)), Emu(int(2 * r * unit)))
            deck.paint(mark.fill, "solid", palette)
            deck.outline(mark, palette)
        labels.append(item)
    deck.set_alt(group, alt(figure, words))
    for item in labels:  # on the slide itself, as text a reader and a speaker can reach
        x = LEFT_END - 136 if item["left"] else RIGHT_START
        frame = slide.shapes.add_textbox(*at(x, item["base"] - LABEL_PT * 1.3), Emu(int(136 * unit)),
                                         Emu(int(LABEL_PT * 1.8 * unit))).text_frame
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.word_wrap, frame.auto_size = True, MSO_AUTO_SIZE.NONE
        para = frame.paragraphs[0]
        para.alignment = PP_ALIGN.RIGHT if item["left"] else PP_ALIGN.LEFT
        run = para.add_run()
        run.text = item["name"]
        run.font.size = Pt(24)  # the deck's smallest body text
        run.font.color.rgb = deck.rgb(palette["ink"])
        deck.set_language(run, lang)
    lines = [(typeset(figure.sentence.rstrip(".") + ".", words.locale), deck.CAPTION_PT, False)]
    return deck.caption(slide, lines, (Inches(8.6), Inches(2.0), Inches(4.3), Inches(4.4)), palette, lang)


def drawing(figure: KeyFigure, words: Words) -> str:
    """What the picture shows (its caption is the title alone): a person with the sites marked."""
    from handouts.typography import typeset
    return typeset(words._("A drawn person with these places marked: %(sites)s.") % {"sites": words.items(names(figure, words))},
                   words.locale)
