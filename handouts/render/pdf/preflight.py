"""A print shop's preflight of a finished press file (PDF/X-4, P1-P2, P5, P9, P10), read back with pikepdf.

It fails the build (RenderError naming the file, page and object) on: an output intent that is
missing or wrong (profile channels /N, condition identifier); RGB colour (rg/RG operators, RGB
colour spaces, images, transparency groups or soft-mask groups); dark text or thin rules that are
not 100 % K; 100 % K text or rules that do not overprint; a tint under 5 %; total ink over the
theme's limit (marks outside the bleed, in registration, excepted); fonts not embedded; page boxes
that PDF/X or the printer's specs refuse.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from io import BytesIO

import pikepdf

from handouts.errors import RenderError
from handouts.render.pdf.walk import channels, images, is_rgb, painted_streams
from handouts.render.press import MIN_TINT, PURE_K, PressSettings

BLEED_PT = 9.0          # P2: 0.125 in beyond the trim on every side
THIN_RULE_PT = 2.0      # a stroke this thin is a rule that must print in one ink when it is black
TEXT = {"Tj", "TJ", "'", '"'}
FILLS = {"f", "F", "f*", "B", "B*", "b", "b*"}
STROKES = {"S", "s", "B", "B*", "b", "b*"}
PATH = {"m", "l", "c", "v", "y", "re", "h"}
EPS = 1e-4
Matrix = tuple[float, float, float, float, float, float]
Colour = tuple[float, ...] | tuple[str]   # CMYK values (4), or ("rgb",) / ("other",)


@dataclass
class State:
    """The part of the graphics state the rules read."""

    ctm: Matrix = (1, 0, 0, 1, 0, 0)
    fill: Colour = (0.0, 0.0, 0.0, 1.0)     # DeviceGray black is K-only; tuples of 4 are CMYK
    stroke: Colour = (0.0, 0.0, 0.0, 1.0)
    op: bool = False
    OP: bool = False
    OPM: int = 0
    width: float = 1.0
    fill_space: str = "/DeviceGray"
    stroke_space: str = "/DeviceGray"


@dataclass
class Report:
    output: str
    problems: list[str] = field(default_factory=list)

    def add(self, where: str, what: str) -> None:
        line = f"{self.output}: {where}: {what}"
        if line not in self.problems:
            self.problems.append(line)


def preflight(data: bytes, output: str, settings: PressSettings) -> None:
    """Raise a RenderError listing every problem of the press file, one a line; None when it passes."""
    problems = preflight_problems(data, output, settings)
    if problems:
        raise RenderError("\n".join(f"preflight: {p}" for p in problems))


def preflight_problems(data: bytes, output: str, settings: PressSettings) -> list[str]:
    report = Report(output)
    with pikepdf.open(BytesIO(data)) as pdf:
        check_output_intent(pdf, report)
        check_boxes(pdf, report)
        check_fonts(pdf, report)
        check_images(pdf, report)
        check_groups(pdf, report)
        for number, page in enumerate(pdf.pages, 1):
            bleed = [float(v) for v in page.obj.get("/BleedBox", page.obj.MediaBox)]
            Painter(report, settings, bleed).run(page.obj.Contents, page.obj.get("/Resources", pikepdf.Dictionary()), State(),
                                                 f"page {number}")
        for painted in painted_streams(pdf):
            if " pattern " in f" {painted.label} " and "soft mask" not in painted.label:
                Painter(report, settings, None).run(painted.stream, painted.resources, State(), painted.label)
    return report.problems


def check_output_intent(pdf: pikepdf.Pdf, report: Report) -> None:
    """P1/P9: one PDF/X output intent, naming its condition, with an embedded CMYK output profile of the right /N."""
    if pdf.open_metadata().get("pdfxid:GTS_PDFXVersion") != "PDF/X-4":
        report.add("document", "XMP pdfxid:GTS_PDFXVersion is not PDF/X-4")
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFX"]
    if len(intents) != 1:
        report.add("document", f"{len(intents)} PDF/X output intents (exactly one is needed)")
        return
    intent = intents[0]
    if not str(intent.get("/OutputConditionIdentifier", "")).strip():
        report.add("output intent", "no /OutputConditionIdentifier")
    profile = intent.get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        report.add("output intent", "no embedded /DestOutputProfile")
        return
    header = profile.read_bytes()[:20]
    space, device = header[16:20].decode("latin-1").strip(), header[12:16].decode("latin-1")
    expected = {"CMYK": 4, "RGB": 3, "GRAY": 1}.get(space.upper())
    if device != "prtr" or space != "CMYK":
        report.add("output intent", f"the profile is a {space or '?'} {device or '?'} profile (a CMYK output profile)")
    if int(profile.get("/N", 0)) != expected:
        report.add("output intent", f"the profile stream says /N {profile.get('/N')} for a {space} profile "
                                    f"(/N {expected})")


def check_boxes(pdf: pikepdf.Pdf, report: Report) -> None:
    """P2 and PDF/X: a TrimBox (not an ArtBox too), inside a BleedBox 9 pt wider, inside the MediaBox."""
    for number, page in enumerate(pdf.pages, 1):
        obj, where = page.obj, f"page {number}"
        if "/TrimBox" not in obj:
            report.add(where, "no TrimBox")
            continue
        if "/ArtBox" in obj:
            report.add(where, "both a TrimBox and an ArtBox (PDF/X allows one)")
        trim = [float(v) for v in obj.TrimBox]
        bleed = [float(v) for v in obj.get("/BleedBox", obj.TrimBox)]
        media = [float(v) for v in obj.MediaBox]
        margins = (trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3])
        if min(margins) < BLEED_PT - 0.01:
            report.add(where, f"BleedBox extends {min(margins):.1f} pt beyond the TrimBox (at least {BLEED_PT:g} pt)")
        if bleed[0] < media[0] - 0.01 or bleed[1] < media[1] - 0.01 or bleed[2] > media[2] + 0.01 \
                or bleed[3] > media[3] + 0.01:
            report.add(where, "BleedBox is not inside the MediaBox")


def check_fonts(pdf: pikepdf.Pdf, report: Report) -> None:
    """P5: every font embedded (Type 3 fonts are drawings in the file)."""
    for painted in painted_streams(pdf):
        for name, font in painted.resources.get("/Font", {}).items():
            if font.get("/Subtype") == "/Type3":
                continue
            described = font.DescendantFonts[0] if font.get("/Subtype") == "/Type0" else font
            descriptor: pikepdf.Object | dict[str, pikepdf.Object] = described.get("/FontDescriptor", {})
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                report.add(f"{painted.label} font {name}", f"{font.get('/BaseFont', '?')} is not embedded")


def check_images(pdf: pikepdf.Pdf, report: Report) -> None:
    """P9: no RGB or uncalibrated-RGB picture (soft masks are DeviceGray and allowed)."""
    for _page, where, image in images(pdf):
        if image.get("/ImageMask", False):
            continue
        if is_rgb(image.get("/ColorSpace")):
            report.add(where, f"an RGB image ({image.get('/ColorSpace')}); convert it to CMYK through the profile")


def check_groups(pdf: pikepdf.Pdf, report: Report) -> None:
    """X-4 allows live transparency; a group's blending space must not be RGB (nor a wrong ICC)."""
    for painted in painted_streams(pdf):
        group = painted.stream.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and "/CS" in group and is_rgb(group.CS):
            report.add(painted.label, "a transparency group blends in RGB")
        for name, state in painted.resources.get("/ExtGState", {}).items():
            mask = state.get("/SMask")
            if isinstance(mask, pikepdf.Dictionary) and "/BC" in mask and len(mask.BC) == 3:
                report.add(f"{painted.label} state {name}", "a soft mask's backdrop is RGB")
    for number, page in enumerate(pdf.pages, 1):
        group = page.obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and "/CS" in group and is_rgb(group.CS):
            report.add(f"page {number}", "the page group blends in RGB")


class Painter:
    """Follows one content stream (and the forms it draws) and checks every colour and paint."""

    def __init__(self, report: Report, settings: PressSettings, bleed: list[float] | None) -> None:
        self.report, self.settings, self.bleed = report, settings, bleed
        self.limit = settings.total_ink / 100

    def run(self, stream: pikepdf.Object, resources: pikepdf.Object, state: State, where: str, depth: int = 0) -> None:
        stack: list[State] = []
        path: list[tuple[float, float]] = []
        colour: Colour
        # pikepdf's instructions unpack as (operands, operator); its stubs do not say so
        for operands, operator in pikepdf.parse_content_stream(stream):  # type: ignore[misc]
            op = str(operator)
            if isinstance(operands, pikepdf.PdfInlineImage) or op == "INLINE IMAGE":
                if is_rgb(operands[0].obj.get("/CS", operands[0].obj.get("/ColorSpace"))):
                    self.report.add(where, "an RGB inline image")
                continue
            if op == "q":
                stack.append(replace(state))
            elif op == "Q" and stack:
                state = stack.pop()
            elif op == "cm":
                state.ctm = _multiply([float(v) for v in operands], state.ctm)
            elif op == "w":
                state.width = float(operands[0])
            elif op == "gs":
                self._graphics_state(resources, operands[0], state, where)
            elif op in ("rg", "RG"):
                self.report.add(where, f"DeviceRGB colour {' '.join(f'{float(v):g}' for v in operands)} {op}")
                state.fill, state.stroke = ((("rgb",), state.stroke) if op == "rg" else (state.fill, ("rgb",)))
            elif op in ("g", "G"):
                colour = (0.0, 0.0, 0.0, 1 - float(operands[0]))
                self._colour(colour, where, op)
                state.fill, state.stroke = (colour, state.stroke) if op == "g" else (state.fill, colour)
            elif op in ("k", "K"):
                colour = tuple(float(v) for v in operands)
                self._colour(colour, where, op)
                state.fill, state.stroke = (colour, state.stroke) if op == "k" else (state.fill, colour)
            elif op in ("cs", "CS"):
                self._colour_space(resources, operands[0], op, state, where)
            elif op in ("sc", "scn", "SC", "SCN"):
                numbers = [float(v) for v in operands if not isinstance(v, pikepdf.Name)]
                colour = tuple(numbers) if len(numbers) == 4 and not any(isinstance(v, pikepdf.Name) for v in operands) \
                    else ("other",)
                if len(colour) == 4:
                    self._colour(colour, where, op)
                state.fill, state.stroke = (colour, state.stroke) if op in ("sc", "scn") else (state.fill, colour)
            elif op in PATH:
                path += _points(op, [float(v) for v in operands], state.ctm)
            elif op in TEXT:
                self._paint(state.fill, state, where, "text", fill=True)
            elif op in FILLS or op in STROKES:
                if not self._outside_bleed(path):
                    if op in FILLS:
                        self._paint(state.fill, state, where, "fill", fill=True)
                    if op in STROKES:
                        thin = state.width * _scale(state.ctm) <= THIN_RULE_PT
                        self._paint(state.stroke, state, where, "rule" if thin else "stroke", fill=False)
                path = []
            elif op in ("n",):
                path = []
            elif op == "Do":
                self._draw(resources, operands[0], state, where, depth)

    def _graphics_state(self, resources: pikepdf.Object, name: pikepdf.Object, state: State, where: str) -> None:
        gs = resources.get("/ExtGState", pikepdf.Dictionary()).get(str(name))
        if gs is None:
            self.report.add(where, f"graphics state {name} is missing")
            return
        if "/OP" in gs:
            state.OP = bool(gs.OP)
            state.op = bool(gs.OP)
        if "/op" in gs:
            state.op = bool(gs.op)
        if "/OPM" in gs:
            state.OPM = int(gs.OPM)
        if "/LW" in gs:
            state.width = float(gs.LW)

    def _colour_space(self, resources: pikepdf.Object, name: pikepdf.Object, op: str, state: State, where: str) -> None:
        device = str(name).startswith("/Device") or str(name) == "/Pattern"
        space = name if device else resources.get("/ColorSpace", pikepdf.Dictionary()).get(str(name))
        if space is None:
            self.report.add(where, f"colour space {name} is missing")
        elif is_rgb(space):
            self.report.add(where, f"an RGB colour space {name} ({space if device else 'ICCBased, 3 channels'})")
        four = channels(space) == 4
        colour = ((0.0, 0.0, 0.0, 1.0) if str(space) == "/DeviceCMYK" else (0.0,) * 4) if four else ("other",)
        if op == "cs":
            state.fill, state.fill_space = colour, str(name)
        else:
            state.stroke, state.stroke_space = colour, str(name)

    def _colour(self, colour: tuple[float, ...], where: str, op: str) -> None:
        """P10: no tint under 5 % in a channel."""
        names = "CMYK"
        small = [f"{names[i]} {v:.0%}" for i, v in enumerate(colour) if EPS < v < MIN_TINT - EPS]
        if small:
            self.report.add(where, f"a tint under {MIN_TINT:.0%} ({', '.join(small)} in {_cmyk(colour)} {op}) "
                                   "drops out on press")

    def _paint(self, colour: Colour, state: State, where: str, what: str, fill: bool) -> None:
        if len(colour) != 4:
            return
        c, m, y, k = colour
        if c + m + y + k > self.limit + EPS:
            self.report.add(where, f"{what} in {_cmyk(colour)}: total ink {c + m + y + k:.0%} is over "
                                   f"{self.settings.total_ink:g} %")
        if what in ("text", "rule") and k >= 0.5 - EPS and (c + m + y > EPS or k < 1 - EPS):
            self.report.add(where, f"dark {what} in {_cmyk(colour)} (dark text and rules print in 100 % K)")
        if what in ("text", "rule", "fill", "stroke") and colour == PURE_K:
            overprints = (state.op if fill else state.OP) and state.OPM == 1
            if not overprints:
                self.report.add(where, f"{what} in 100 % K does not overprint (/{'op' if fill else 'OP'} true "
                                       "/OPM 1 in its ExtGState)")

    def _outside_bleed(self, path: list[tuple[float, float]]) -> bool:
        """Marks on the slug (registration colour) are not printed on the sheet's page."""
        if not path or self.bleed is None:
            return False
        x0, y0, x1, y1 = self.bleed
        xs, ys = [p[0] for p in path], [p[1] for p in path]
        return max(xs) < x0 or min(xs) > x1 or max(ys) < y0 or min(ys) > y1

    def _draw(self, resources: pikepdf.Object, name: pikepdf.Object, state: State, where: str, depth: int) -> None:
        xobject = resources.get("/XObject", pikepdf.Dictionary()).get(str(name))
        if xobject is None or xobject.get("/Subtype") != "/Form" or depth > 20:
            return
        inner = replace(state, ctm=_multiply([float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])], state.ctm))
        self.run(xobject, xobject.get("/Resources", resources), inner, f"{where} form {name}", depth + 1)


def _cmyk(colour: tuple[float, ...]) -> str:
    return "C{:.0f} M{:.0f} Y{:.0f} K{:.0f}".format(*(v * 100 for v in colour))


def _multiply(m: list[float], ctm: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    A, B, C, D, E, F = ctm
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _scale(ctm: Matrix) -> float:
    a, b, c, d = ctm[:4]
    return math.sqrt(abs(a * d - b * c))


def _points(op: str, v: list[float], ctm: Matrix) -> list[tuple[float, float]]:
    if op == "re":
        x, y, w, h = v
        raw = [(x, y), (x + w, y + h)]
    else:
        raw = [(v[i], v[i + 1]) for i in range(0, len(v) - 1, 2)]
    a, b, c, d, e, f = ctm
    return [(x * a + y * c + e, x * b + y * d + f) for x, y in raw]
