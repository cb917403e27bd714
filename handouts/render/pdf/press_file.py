"""The press rendition's last touches after WeasyPrint, then its preflight (P1, P2, P4, P9, P10).

WeasyPrint 70 writes the output intent's profile with `/N` counted from the CSS `components`
descriptor and names the condition by the profile's description; SVG shapes without a fill and
pictures stay DeviceRGB; nothing overprints. This pass fixes all that on the finished bytes.
"""
from __future__ import annotations

import zlib
from io import BytesIO

import pikepdf

from handouts.render.pdf.marks import add_crop_marks_to, stable_ids
from handouts.render.pdf.preflight import preflight
from handouts.render.pdf.walk import Painted, channels, images, is_rgb, painted_streams
from handouts.render.press import PURE_K, Inks, PressSettings

OVERPRINT = "/HOP{}{}"   # ExtGState names: fill overprint (op) and stroke overprint (OP), 0, 1 or x (as it is)
TEXT = {"Tj", "TJ", "'", '"'}
FILLS = {"f", "F", "f*", "B", "B*", "b", "b*"}
STROKES = {"S", "s", "B", "B*", "b", "b*"}
Resources = pikepdf.Object | dict[str, pikepdf.Object]   # a PDF's dictionary, or {} where it has none
Operation = tuple[list[pikepdf.Object], pikepdf.Operator]
Colour = tuple[float, ...] | tuple[str]   # CMYK values, or ("gray",) / ("other",); None where unknown (inherited)


def finish_press(pdf_bytes: bytes, bleed_pt: float, settings: PressSettings, inks: Inks, output: str) -> bytes:
    """Output intent, CMYK everywhere, overprinting black, crop marks; then a preflight that must pass."""
    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        describe_output_intent(pdf, settings)
        convert_rgb(pdf, inks)
        overprint_black(pdf)
        add_crop_marks_to(pdf, bleed_pt)
        stable_ids(pdf)
        out = BytesIO()
        pdf.save(out, deterministic_id=True)
    data = out.getvalue()
    preflight(data, output, settings)
    return data


def describe_output_intent(pdf: pikepdf.Pdf, settings: PressSettings) -> None:
    """The intent's profile with the right /N, and the print shop's condition, info and registry."""
    assert settings.path is not None
    profile = pdf.make_stream(settings.path.read_bytes())
    profile.N = 4
    intent = pikepdf.Dictionary(Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
                                OutputConditionIdentifier=pikepdf.String(settings.condition),
                                Info=pikepdf.String(settings.info), DestOutputProfile=profile)
    if settings.registry:
        intent.RegistryName = pikepdf.String(settings.registry)
    old = [i.DestOutputProfile.objgen for i in pdf.Root.get("/OutputIntents", []) if "/DestOutputProfile" in i]
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
    for obj in pdf.objects:   # WeasyPrint's copy is also the /ICCBased space of colours and groups: the same profile
        if isinstance(obj, pikepdf.Array) and len(obj) == 2 and obj[0] == "/ICCBased" and obj[1].objgen in old:
            obj[1] = profile
    for painted in painted_streams(pdf):
        for space in painted.resources.get("/ColorSpace", {}).values():
            if isinstance(space, pikepdf.Array) and space[0] == "/ICCBased" and space[1].objgen in old:
                space[1] = profile
    for obj in list(pdf.objects):
        group = obj.get("/Group") if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)) else None
        if isinstance(group, pikepdf.Dictionary) and "/CS" in group:
            cs = group.CS
            if isinstance(cs, pikepdf.Array) and cs[0] == "/ICCBased" and cs[1].objgen in old:
                group.CS = pikepdf.Array([pikepdf.Name.ICCBased, profile])
            elif is_rgb(cs):
                group.CS = pikepdf.Name.DeviceCMYK


def convert_rgb(pdf: pikepdf.Pdf, inks: Inks) -> None:
    """What WeasyPrint left in RGB (SVG default fills, pictures) converted through the profile."""
    for painted in painted_streams(pdf):
        spaces: Resources = painted.resources.get("/ColorSpace", {})
        ops: list[Operation] = []
        changed = False
        current = {"fill": False, "stroke": False}   # is the current space RGB?
        # pikepdf's instructions unpack as (operands, operator); its stubs do not say so
        for operands, operator in pikepdf.parse_content_stream(painted.stream):  # type: ignore[misc]
            op = str(operator)
            if op in ("cs", "CS"):
                key = "fill" if op == "cs" else "stroke"
                space = operands[0] if str(operands[0]).startswith("/Device") else spaces.get(str(operands[0]))
                current[key] = is_rgb(space) and not str(space).startswith("/Indexed")
                if current[key]:
                    ops.append(([pikepdf.Name.DeviceCMYK], operator))
                    changed = True
                    continue
            if op in ("rg", "RG") or (op in ("sc", "scn", "SC", "SCN") and current["fill" if op in ("sc", "scn")
                                                                                    else "stroke"] and len(operands) == 3):
                cmyk = inks.rgb(tuple(round(float(v) * 255) for v in operands))  # type: ignore[arg-type]  # 3 operands
                new = ("k" if op in ("rg", "sc", "scn") else "K") if op in ("rg", "RG") else op
                ops.append(([pikepdf.Object.parse(f"{v:g}".encode()) for v in cmyk], pikepdf.Operator(new)))
                changed = True
                continue
            ops.append((operands, operator))
        if changed:
            painted.stream.write(pikepdf.unparse_content_stream(ops))
    for _page, _where, image in images(pdf):
        if is_rgb(image.get("/ColorSpace")):
            _image_to_cmyk(image, inks)


def _image_to_cmyk(image: pikepdf.Object, inks: Inks) -> None:
    """An RGB picture as 8-bit DeviceCMYK through the profile; its soft mask (alpha) is kept."""
    picture = pikepdf.PdfImage(image).as_pil_image()  # type: ignore[arg-type]  # pikepdf types what it reads as Object
    cmyk = inks.picture(picture)
    image.write(zlib.compress(cmyk.tobytes()), filter=pikepdf.Name.FlateDecode)
    image.ColorSpace = pikepdf.Name.DeviceCMYK
    image.BitsPerComponent = 8
    for key in ("/DecodeParms", "/Decode"):
        if key in image:
            del image[key]


def overprint_black(pdf: pikepdf.Pdf) -> None:
    """Whatever is painted in 100 % K (text, rules, the QR code) overprints; everything else knocks out."""
    states = {(f, s): pdf.make_indirect(_overprint_state(f, s)) for f in (0, 1, None) for s in (0, 1, None)
              if (f, s) != (None, None)}
    for painted in painted_streams(pdf):
        ops, used = _overprinted(painted, painted.resources.get("/ColorSpace", {}))
        if used:
            resources = painted.resources
            if "/ExtGState" not in resources:
                resources.ExtGState = pikepdf.Dictionary()
            for key in used:
                resources.ExtGState[_state_name(key)] = states[key]
            painted.stream.write(pikepdf.unparse_content_stream(ops))
            if not painted.top and "/Resources" not in painted.stream:
                painted.stream.Resources = resources


def _overprint_state(fill: int | None, stroke: int | None) -> pikepdf.Dictionary:
    """An ExtGState that sets the fill's and the stroke's overprint (either left as it is when None)."""
    state = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, OPM=1)
    if fill is not None:
        state.op = bool(fill)
    if stroke is not None:
        state.OP = bool(stroke)
    return state


def _overprinted(painted: Painted, spaces: Resources) -> tuple[list[Operation], set[tuple[int | None, int | None]]]:
    """The stream's operations with an overprint state set before each paint whose colours need another."""
    unknown = None
    fill: Colour | None
    stroke: Colour | None
    state: tuple[int | None, int | None] | None
    fill, stroke, state = (("gray",), ("gray",), (0, 0)) if painted.top else (unknown, unknown, unknown)
    stack: list[tuple[Colour | None, Colour | None, tuple[int | None, int | None] | None]] = []
    ops: list[Operation] = []
    used: set[tuple[int | None, int | None]] = set()
    # pikepdf's instructions unpack as (operands, operator); its stubs do not say so
    for operands, operator in pikepdf.parse_content_stream(painted.stream):  # type: ignore[misc]
        op = str(operator)
        if op == "q":
            stack.append((fill, stroke, state))
        elif op == "Q" and stack:
            fill, stroke, state = stack.pop()
        elif op in ("k", "K"):
            colour: Colour = tuple(float(v) for v in operands)
            fill, stroke = (colour, stroke) if op == "k" else (fill, colour)
        elif op in ("cs", "CS"):
            name = operands[0]
            device = str(name).startswith("/Device")
            four = channels(name if device else spaces.get(str(name))) == 4
            colour = (PURE_K if device else (0.0, 0.0, 0.0, 0.0)) if four else ("other",)
            fill, stroke = (colour, stroke) if op == "cs" else (fill, colour)
        elif op in ("sc", "scn", "SC", "SCN"):
            colour = tuple(float(v) for v in operands) if len(operands) == 4 and all(
                isinstance(v, (int, float, pikepdf.Object)) and not isinstance(v, pikepdf.Name) for v in operands) \
                else ("other",)
            fill, stroke = (colour, stroke) if op in ("sc", "scn") else (fill, colour)
        elif op in ("g", "G", "rg", "RG"):
            fill, stroke = (("other",), stroke) if op in ("g", "rg") else (fill, ("other",))
        elif op == "gs":
            state = unknown if _sets_overprint(painted.resources, operands[0]) else state
        elif op in TEXT or op in FILLS or op in STROKES or op in ("sh", "Do"):
            want = _wanted(op, operands, painted.resources, fill, stroke)
            now = state or (None, None)
            if want is not None and any(w is not None and w != n for w, n in zip(want, now)):
                ops.append(([pikepdf.Name(_state_name(want))], pikepdf.Operator("gs")))
                used.add(want)
                state = (want[0] if want[0] is not None else now[0], want[1] if want[1] is not None else now[1])
        ops.append((operands, operator))
    return ops, used


def _wanted(op: str, operands: list[pikepdf.Object], resources: pikepdf.Object, fill: Colour | None,
            stroke: Colour | None) -> tuple[int | None, int | None] | None:
    """(op, OP) a paint needs: on for the colour(s) it paints in 100 % K; off for pictures and shadings. A paint
    that fills only needs its fill colour known (None for the stroke's state, left as it is), one that strokes only
    its stroke's: a form inside a pattern sets its fill and fills, its stroke colour inherited (its black dots
    did not overprint, and the press preflight refused an ordinary drawing)."""
    none = pikepdf.Dictionary()
    if op == "sh" or (op == "Do" and resources.get("/XObject", none).get(str(operands[0]), none).get("/Subtype") == "/Image"):
        return (0, 0)
    fills, strokes = op not in STROKES or op in FILLS, op not in FILLS or op in STROKES   # text and forms: both
    if (fills and fill is None) or (strokes and stroke is None):
        return None   # inherited colours: the caller set their state before the Do
    return (int(fill == PURE_K) if fills else None, int(stroke == PURE_K) if strokes else None)


def _state_name(want: tuple[int | None, int | None]) -> str:
    """The ExtGState's name: HOP, then the fill's and the stroke's overprint, 0, 1 or x (left as it is)."""
    return OVERPRINT.format(*("x" if w is None else w for w in want))


def _sets_overprint(resources: pikepdf.Object, name: pikepdf.Object) -> bool:
    none = pikepdf.Dictionary()
    state = resources.get("/ExtGState", none).get(str(name), none)
    return any(key in state for key in ("/OP", "/op", "/OPM"))
