"""A picture is self-contained or refused: the one gate every picture passes before any renderer sees it.

A content file's pictures (and the theme's logo) arrive by email like the text. An SVG is a program
of sorts: it may name other files (`href`, `xlink:href`, CSS `url()` and `@import`, `<feImage>`,
`<image>`), declare entities, or be made large enough to exhaust a renderer. A PNG or JPEG may be a
decompression bomb, or truncated. `problem()` says what is wrong with a picture file, in words for
its editor; `read()` gives renderers the picture's checked bytes (an SVG re-serialised from its
checked tree, with no document type; a photograph upright, without the metadata its camera wrote, such as
where it was taken), so that WeasyPrint, the deck's rasteriser and the web page all see the same
self-contained picture or none.
"""
from __future__ import annotations

import base64
import binascii
import functools
import math
import re
import warnings
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from lxml import etree

from handouts.checks import svg_conditions
from handouts.checks.decode import TURNED, orientation, upright
from handouts.checks.metadata import stripped
from handouts.errors import HandoutError

RASTER_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
FORMATS = {**RASTER_FORMATS, ".svg": "SVG"}
MIME = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}

MAX_FILE_BYTES = 20_000_000     # a picture file, or a picture embedded in an SVG
MAX_SVG_BYTES = 2_000_000       # an SVG file: a drawing for a handout, not a map
MAX_SVG_ELEMENTS = 10_000
MAX_SVG_DEPTH = 40
MAX_PATH_DATA = 500_000         # characters of path data (d, points) in one SVG, all paths together
MAX_SVG_SIDE = 10_000           # CSS pixels, declared by width, height or the viewBox
MAX_RASTER_SIDE = 12_000        # pixels
MAX_RASTER_PIXELS = 40_000_000  # a 40-megapixel photograph; what a page or a slide can show is far less
JPEG_PIXELS_A_BYTE = 1024       # a JPEG holds at least a byte for this many pixels (a blank one about one for 100)
MAX_JPEG_SCANS = 64             # a progressive JPEG has about ten; each more is another pass over every pixel
MAX_SVG_DRAWN = 20_000          # elements drawn once every <use> is expanded (a <use> repeats what it names)
MAX_BYTES_A_PIXEL = 8            # a PNG or JPEG holds at most this for each pixel (an RGBA PNG that compresses nothing: 4)
MAX_JPEG_SEGMENTS = 1_000       # segments of a JPEG before its frame (a camera writes about ten)
MAX_METADATA_BYTES = 4_000_000  # besides its pixels: a colour profile, Exif, text (millions of empty chunks took minutes)
DEEP_MODES = {"I", "I;16", "I;16B", "I;16L", "I;16N", "F"}   # 16- and 32-bit channels, which renderers mishandle
IN_PROCESS_PIXELS = 1_000_000   # a picture up to this is decoded in the build's process; a larger one in a child
DECODE_SECONDS = 30             # with this time (its decoding takes well under a second when it is whole)
DECODE_BYTES = 2 * 1024 ** 3    # and this memory
CHECK_SECONDS = 30              # a picture's whole check in the build's process (an SVG: well under a second)

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# Elements an editor's drawing program writes besides SVG's own: its metadata, never drawn.
METADATA_NS = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
    "http://ns.adobe.com/Extensibility/1.0/",
    "http://ns.adobe.com/Flows/1.0/",
    "http://ns.adobe.com/ImageReplacement/1.0/",
    "http://ns.adobe.com/GenericCustomNamespace/1.0/",
    "http://ns.adobe.com/Graphs/1.0/",
    "http://ns.adobe.com/Variables/1.0/",
    "http://ns.adobe.com/xap/1.0/",
    "http://www.bohemiancoding.com/sketch/ns",
}
NOT_PICTURES = {"script": "a script", "foreignObject": "a foreignObject (HTML inside the drawing)",
                "iframe": "an iframe", "video": "a video", "audio": "a sound", "handler": "a script",
                "listener": "a script", "animate": "an animation", "set": "an animation",
                "animateMotion": "an animation", "animateTransform": "an animation", "animateColor": "an animation",
                "discard": "an animation"}   # a printed picture cannot move; an animation may set what an href names
CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]*)", re.I)   # no backtracking: linear in the text (a third attack)
CSS_LOADS = re.compile(r"@import|@font-face|image-set\(|\\", re.I)
DATA_IMAGE = re.compile(r"data:image/(png|jpeg|jpg);base64,(.*)", re.I | re.S)
LENGTH = re.compile(r"^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(px|pt|pc|in|cm|mm|em|ex|%)?\s*$")
MAX_SVG_RATIO = 100   # a drawing's longer side over its shorter: a timeline is 10, a rule past a hundred
CSS_COMMENT = re.compile(r"/\*(?:[^*]|\*(?!/))*(?:\*/|$)")   # an unclosed one to the end; linear
UNIT_PX = {None: 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4,
           "em": 16.0, "ex": 8.0}


class PictureError(HandoutError):
    """A picture a renderer was given is not one the build accepts (its content error names it first).
    `picture`: the file's name in the topic's folder, when a renderer met it, so that the build can say where
    the content names it."""

    exit_code = 2

    def __init__(self, message: str, picture: str | None = None) -> None:
        super().__init__(message)
        self.picture = picture


@dataclass(frozen=True)
class Checked:
    """A picture that passed: its bytes as renderers get them, its format and its size in (CSS) pixels."""

    data: bytes
    format: str
    size: tuple[float, float]


def problem(path: Path) -> str | None:
    """What is wrong with the picture file at `path`, said to its editor, or None when it is fine."""
    try:
        check(path)
    except PictureError as exc:
        return str(exc)
    return None


def read(path: Path) -> bytes:
    """The picture's checked bytes, for a renderer; PictureError naming the file if it is refused."""
    return _named(path).data


def size(path: Path) -> tuple[float, float]:
    """The picture's width and height in pixels (an SVG's in CSS pixels), without drawing it."""
    return _named(path).size


def _named(path: Path) -> Checked:
    try:
        return check(path)
    except PictureError as exc:
        raise PictureError(f"{path.parent.name}/{path.name} {exc}") from None


def check(path: Path) -> Checked:
    """The picture checked, once a process for each version of the file (its name, time and size): a build reads
    each picture about fourteen times (the load, then every renderer), and turning a large photograph upright took
    seconds each time."""
    stat = path.stat()
    return _remembered(str(path.absolute()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)   # a few pictures' bytes at most (20 MB each at worst)
def _remembered(name: str, mtime: int, size: int) -> Checked:
    return _in_time(Path(name))


def _in_time(path: Path) -> Checked:
    """The check within CHECK_SECONDS when it runs in the build's own process (a renderer's check again has its
    output's budget): whatever in a picture keeps the checks busy past that is refused, naming the picture."""
    from handouts import overtime
    late = PictureError(f"took longer than {CHECK_SECONDS:g} s to check: simplify it, or save it again smaller")
    expected, data = _read(path)   # before the budget: an interruption inside a read would leave the file open
    try:
        with overtime.budgeted(CHECK_SECONDS) as own:
            checked = _check_data(data, expected)
    except overtime.Overtime:
        if own:
            raise late from None
        raise
    except PictureError:
        if own and overtime.Clock.ran_out:   # a library swallowed the Overtime, then failed on what it left
            raise late from None
        raise
    if own and overtime.Clock.ran_out:
        raise late
    return checked


def _read(path: Path) -> tuple[str, bytes]:
    """The picture's format and bytes, read no further than its size limit."""
    expected = FORMATS.get(path.suffix.lower())
    if expected is None:
        raise PictureError(f"is not an SVG, PNG or JPEG picture (its suffix is {path.suffix!r})")
    limit = MAX_SVG_BYTES if expected == "SVG" else MAX_FILE_BYTES
    with path.open("rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        length = max(path.stat().st_size, len(data))
        raise PictureError(f"is too large ({length / 1e6:.1f} MB; at most {limit / 1e6:.0f} MB for "
                           f"{'an SVG' if expected == 'SVG' else 'a picture'}: make it smaller)")
    return expected, data


def _check_data(data: bytes, expected: str) -> Checked:
    if expected == "SVG":
        return _check_svg(data)
    width, height = _check_raster(data, expected)
    if (turn := orientation(data)) == 1:
        return Checked(stripped(data, expected), expected, (width, height))
    turned = turn in TURNED   # a quarter turn: its width is its height
    upright = _upright(data, expected, int(width * height))
    return Checked(stripped(upright, expected), expected, (height, width) if turned else (width, height))


def _check_raster(data: bytes, expected: str) -> tuple[float, float]:
    """A PNG or JPEG of bounded size, checked from its header before a pixel is decoded, then decoded
    whole: a decompression bomb, a damaged or a truncated file is refused; a large one is decoded in a
    child process with a time and memory budget."""
    from PIL import Image, UnidentifiedImageError
    _bounded_headers(data, expected)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the size is judged below, in words
        warnings.filterwarnings("ignore", "Corrupt EXIF", UserWarning)   # its Exif is left out of every output
        try:
            with Image.open(BytesIO(data)) as image:
                found, (width, height) = image.format, image.size
                if found != expected:
                    raise PictureError(f"is not a {expected} image (it is {found}: give it the suffix of its format)")
                _bounded_raster(width, height)
                if len(data) > width * height * MAX_BYTES_A_PIXEL + MAX_METADATA_BYTES:
                    raise PictureError(f"holds far more data than its {width} x {height} pixels ({len(data) / 1e6:.1f} MB: "
                                       f"save it again as {expected}, without what it carries besides its picture)")
                if (frames := int(getattr(image, "n_frames", 1))) > 1:
                    raise PictureError(f"is an animation ({frames:,} frames): a printed picture cannot move, and "
                                       f"a browser would show another frame than the PDFs; save one frame as {expected}")
                if image.mode in DEEP_MODES:
                    raise PictureError(f"has {image.mode} pixels (16 or 32 bits a channel): save it again with 8 bits "
                                       "a channel")
                if found == "JPEG" and len(data) * JPEG_PIXELS_A_BYTE < width * height:   # a decoder fills in grey
                    raise PictureError(f"is not a whole JPEG image (its {len(data):,} bytes cannot hold its {width} x "
                                       f"{height} pixels; save it again as JPEG)")
                if found == "JPEG" and (scans := data.count(b"\xff\xda")) > MAX_JPEG_SCANS:
                    raise PictureError(f"is a progressive JPEG of {scans:,} scans (at most {MAX_JPEG_SCANS}): save it "
                                       "again as a standard JPEG")
                image.verify()
        except UnidentifiedImageError:
            raise PictureError(f"is not a {expected} image (no picture format recognised: save it as {expected})") from None
        except Image.DecompressionBombError:
            raise PictureError(f"is too large (far more than {MAX_RASTER_PIXELS:,} pixels: make it smaller)") from None
        except (OSError, SyntaxError, ValueError, EOFError) as exc:  # what Pillow raises on damaged data
            reason = "truncated" if "truncated" in str(exc) else f"damaged: {exc}"
            raise PictureError(f"is not a whole {expected} image ({reason}; save it again as {expected})") from None
    if damage := _decoded(data, width * height):
        raise PictureError(f"is not a whole {expected} image ({damage}; save it again as {expected})")
    return float(width), float(height)


def _bounded_headers(data: bytes, expected: str) -> None:
    """Before a decoder parses the file: a PNG whose data is far more than its header's pixels need, or a JPEG of
    more segments before its picture than any camera writes (millions of empty ones took a decoder minutes)."""
    if expected == "PNG" and data[12:16] == b"IHDR" and len(data) > MAX_METADATA_BYTES:
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        if len(data) > width * height * MAX_BYTES_A_PIXEL + MAX_METADATA_BYTES:
            raise PictureError(f"holds far more data than its {width} x {height} pixels ({len(data) / 1e6:.1f} MB: save "
                               "it again as PNG, without what it carries besides its picture)")
    if expected == "JPEG":
        at, segments = 2, 0
        while at + 4 <= len(data) and data[at] == 0xFF:
            marker = data[at + 1]
            if marker == 0xFF:          # fill bytes before a marker
                at += 1
                continue
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC) or marker in (0xD9, 0xDA):
                return                  # the frame's header: what a decoder needs next is the picture
            segments += 1
            if segments > MAX_JPEG_SEGMENTS:
                raise PictureError(f"has more than {MAX_JPEG_SEGMENTS:,} segments before its picture: save it again as JPEG")
            at += 2 + int.from_bytes(data[at + 2:at + 4], "big")


def _upright(data: bytes, expected: str, pixels: int) -> bytes:
    """The photograph drawn upright (`decode.upright`): in this process when it is small, in a child with a time and
    memory budget when it is large (a 40-megapixel photograph takes seconds and a gigabyte)."""
    from handouts import child
    if pixels <= IN_PROCESS_PIXELS:
        return upright(data, expected)
    try:
        return child.run("checks.decode", ["upright", expected], data, DECODE_SECONDS, DECODE_BYTES)
    except child.Overrun as exc:
        raise PictureError(f"{exc} to turn upright (save it again upright, smaller, as PNG or JPEG)") from None


def _decoded(data: bytes, pixels: int) -> str | None:
    """What decoding every pixel finds wrong, or None: in this process for a small picture, in a child with
    a time and memory budget for a large one (an exceeded budget is a PictureError)."""
    from handouts import child
    from handouts.checks.decode import damage
    if pixels <= IN_PROCESS_PIXELS:
        return damage(data)
    try:
        said = child.run("checks.decode", [], data, DECODE_SECONDS, DECODE_BYTES).decode(errors="replace")
    except child.Overrun as exc:
        raise PictureError(f"{exc} to decode (save it again, smaller, as PNG or JPEG)") from None
    return said or None


def _bounded_raster(width: int, height: int) -> None:
    if max(width, height) > MAX_RASTER_SIDE or width * height > MAX_RASTER_PIXELS:
        raise PictureError(f"is too large ({width} x {height} pixels; at most {MAX_RASTER_SIDE:,} pixels a side "
                           f"and {MAX_RASTER_PIXELS:,} in all: make it smaller)")


def _check_svg(data: bytes) -> Checked:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_blank_text=False)
    try:
        tree = etree.parse(BytesIO(data), parser)
    except etree.XMLSyntaxError as exc:
        raise PictureError(f"is not an SVG image ({exc.msg}: an XML file whose root is <svg>)") from None
    root = tree.getroot()
    if etree.QName(root).localname != "svg":
        raise PictureError(f"is not an SVG image (its root is <{etree.QName(root).localname}>, not <svg>)")
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise PictureError("declares a document type or entities (<!DOCTYPE ...>): an SVG picture needs none; "
                           "save it again as plain SVG")
    for sibling in (*root.itersiblings(preceding=True), *root.itersiblings()):
        if isinstance(sibling, etree._ProcessingInstruction):
            raise PictureError(f"has a processing instruction (<?{sibling.target} ...?>) that may load another "
                               "file: remove it")
    _check_tree(root)
    size = _svg_size(root)   # its declared size first: the message says it in pixels
    _drawable_numbers(root)
    _bounded_styles(root)
    if wrong := svg_conditions.problem(root):
        raise PictureError(wrong)
    _check_uses(root)
    _check_letters(root)
    _tidy_references(root)
    _in_the_typeface(root)
    return Checked(etree.tostring(root, encoding="utf-8", xml_declaration=True), "SVG", size)


def _check_tree(root: etree._Element) -> None:
    count = path_data = depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        count, depth = count + 1, depth + 1
        if count > MAX_SVG_ELEMENTS:
            raise PictureError(f"has too many elements (more than {MAX_SVG_ELEMENTS:,}: simplify the drawing "
                               "or save it as PNG)")
        if depth > MAX_SVG_DEPTH:
            raise PictureError(f"nests its elements too deep (more than {MAX_SVG_DEPTH} levels: ungroup the drawing)")
        if isinstance(element, etree._Entity):
            raise PictureError(f"uses an entity (&{element.name};) that no document defines: write the "
                               "character itself")
        if isinstance(element, etree._ProcessingInstruction):
            raise PictureError(f"has a processing instruction (<?{element.target} ...?>): remove it")
        if not isinstance(element.tag, str):
            continue
        _check_element(element)
        for name in ("d", "points"):
            path_data += len(element.get(name) or "")
        if path_data > MAX_PATH_DATA:
            raise PictureError(f"has too much path data (more than {MAX_PATH_DATA:,} characters: simplify "
                               "the drawing or save it as PNG)")


MAX_NUMBER = 1e7      # a coordinate, a length or a factor: far past any drawing (its side is at most MAX_SVG_SIDE)
MIN_SCALE = 1e-6      # a scale or a viewBox's side smaller than this draws nothing a page can show
ANY_NUMBER = re.compile(r"(?<![\w#.%-])-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?![\w.])")
SCALING = re.compile(r"\b(matrix|scale)\s*\(([^)]*)\)", re.I)


def _drawable_numbers(root: etree._Element) -> None:
    """Numbers a PDF can hold: a scale by 1e20 or a viewBox of 1e-30 gave WeasyPrint numbers it wrote as none (the
    press preflight then failed, an internal error), and a stroke 1e300 wide likewise (the fourth cold attack)."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        texts = [(etree.QName(a).localname, v) for a, v in element.attrib.items() if etree.QName(a).localname != "href"]
        if etree.QName(element).localname == "style":
            texts.append(("style", CSS_COMMENT.sub(" ", "".join(element.itertext()))))
        for name, value in texts:
            for number in ANY_NUMBER.findall(value):
                if not abs(_number(number)) <= MAX_NUMBER:
                    raise PictureError(f"has a number too large to draw ({_short(number)} in {name} of "
                                       f"<{etree.QName(element).localname}>): correct it")
            factors = [abs(_number(n)) for _, args in SCALING.findall(value) for n in ANY_NUMBER.findall(args)[:4]]
            if name == "viewBox":
                factors = [abs(_number(n)) for n in ANY_NUMBER.findall(value)[2:4]]
            if factors and 0 < max(factors) < MIN_SCALE:
                raise PictureError(f"draws at a scale too small to show ({_short(value)} in {name} of "
                                   f"<{etree.QName(element).localname}>): draw it at its size")


MAX_SELECTOR_PARTS = 5_000            # the parts of a drawing's selectors together (a program writes tens)
MAX_SELECTOR_MATCHES = 2_000_000      # parts of selectors times elements: what a renderer matches, one by one


def _bounded_styles(root: etree._Element) -> None:
    """A stylesheet a renderer can apply in its time: WeasyPrint matches every selector against every element, so a
    thousand rules of forty descendants over nine thousand elements kept it busy past its five minutes, with no
    picture named (the fourth cold attack). Counted by the parts of the selectors (a name, a class, a `*`, a `:`)."""
    import tinycss2  # type: ignore[import-untyped]
    sheets = ["".join(e.itertext()) for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname == "style"]
    if not sheets:
        return
    parts = sum(_selector_parts(rule.prelude) for sheet in sheets
                for rule in tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True)
                if rule.type == "qualified-rule")
    elements = sum(1 for _ in root.iter())
    if parts > MAX_SELECTOR_PARTS or parts * elements > MAX_SELECTOR_MATCHES:
        raise PictureError(f"has a stylesheet too costly to apply ({parts:,} selector parts over {elements:,} elements): "
                           "simplify its <style>, or save the drawing as PNG")


def _selector_parts(tokens: list[Any]) -> int:
    """A selector's parts, those inside :not(), :is() and the like counted too."""
    return sum(0 if token.type in ("whitespace", "comment") or token.type == "literal" and token.value == ","
               else 1 + _selector_parts(token.arguments) if token.type == "function"
               else 1 + _selector_parts(token.content) if token.type in ("[] block", "() block")
               else 1 for token in tokens)


def _check_uses(root: etree._Element) -> None:
    """What the drawing draws once every <use> is expanded: a <use> repeats what it names, so a few of them nested
    can name millions of elements (a "billion laughs" of SVG); a <use> that names itself, or what holds it, is refused.
    A marker is drawn again at each point of the line it marks, and a text costs by its letters (TEXT_LETTERS of them
    an element): both count, so that a few elements cannot keep a renderer busy for minutes."""
    alive = list(root.iter())   # lxml keeps one proxy a node while it is referenced: id() names the node
    ids: dict[str, etree._Element] = {}
    for element in alive:
        if isinstance(element.tag, str) and (name := element.get("id")) is not None:
            if name.strip() in ids:   # renderers disagree on which of the two a reference names
                raise PictureError(f"gives the id {_short(name)} to two elements: make each id unique")
            ids[name.strip()] = element
    drawn: dict[int, int] = {}
    under_way: set[int] = set()
    sheet = " ".join(" ".join(e.itertext()) for e in alive if isinstance(e.tag, str) and etree.QName(e).localname == "style")
    styled = [ids[name] for name in MARKER_URL.findall(sheet) if name in ids]   # markers a stylesheet may give any line

    def size(element: etree._Element, depth: int = 0) -> int:
        key = id(element)
        if key in drawn:
            return drawn[key]
        if depth > 4 * MAX_SVG_DEPTH:   # elements nested and <use> naming <use>, together
            raise PictureError(f"nests its <use> or references too deep (more than {4 * MAX_SVG_DEPTH} levels with its "
                               "elements: simplify the drawing or save it as PNG)")
        if key in under_way:
            raise PictureError("has a <use> or a reference that repeats itself (it names what holds it): remove it")
        under_way.add(key)
        total = 1 + len(element.text or "") // TEXT_LETTERS
        for child in element:
            total += len(child.tail or "") // TEXT_LETTERS   # a text's letters after a child are drawn too
            if isinstance(child.tag, str):
                total += size(child, depth + 1)
        if (points := _points(element)) and (marks := _markers(element, ids) + styled):
            total += points * sum(size(marker, depth + 1) for marker in marks)
        local = etree.QName(element).localname
        if local != "a":   # what an element draws through its href (a <use>, a pattern or gradient it extends, a clip ...)
            for href in {element.get("href") or "", element.get(f"{{{XLINK_NS}}}href") or ""}:
                if (target := ids.get(href.strip().removeprefix("#").strip())) is not None:
                    total += size(target, depth + 1)
        for name in _url_references(element):   # clip-path, mask, filter, fill ... url(#id): drawn where it is named
            if (target := ids.get(name)) is not None:
                cost = size(target, depth + 1)
                total += 0 if etree.QName(target).localname in GRADIENTS else cost   # a gradient's stops are no drawing
        under_way.discard(key)
        drawn[key] = total = min(total, MAX_SVG_DRAWN + 1)
        if total > MAX_SVG_DRAWN:
            raise PictureError(f"draws too many elements once its <use> and markers are expanded (more than {MAX_SVG_DRAWN:,}: "
                               "simplify the drawing or save it as PNG)")
        return total

    size(root)


MARKER_URL = re.compile(r"marker(?:-start|-mid|-end)?\s*:\s*url\(\s*['\"]?#([^'\")\s]+)", re.I)
NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
TEXT_LETTERS = 50   # a text's letters counted as one element drawn


GRADIENTS = {"linearGradient", "radialGradient"}
URL_REFERENCE = re.compile(r"url\(\s*['\"]?#([^'\")\s]+)", re.I)


def _url_references(element: etree._Element) -> list[str]:
    """The ids an element names by url(#id) in its attributes (its style attribute included)."""
    return [name for attribute, value in element.attrib.items() if etree.QName(attribute).localname != "id"
            for name in URL_REFERENCE.findall(value)]


def _markers(element: etree._Element, ids: dict[str, etree._Element]) -> list[etree._Element]:
    """The markers an element names, by its attributes or its style attribute."""
    said = " ".join(f"{name}: {element.get(name)};" for name in ("marker", "marker-start", "marker-mid", "marker-end")
                    if element.get(name)) + (element.get("style") or "")
    return [ids[name] for name in MARKER_URL.findall(said) if name in ids]


def _points(element: etree._Element) -> int:
    """About how many points a line has (where a marker may be drawn): half the numbers of its path data or points."""
    return len(NUMBER.findall(element.get("d") or element.get("points") or "")) // 2


def _check_element(element: etree._Element) -> None:
    name = etree.QName(element)
    where = f"<{name.localname}>"
    if name.localname == "svg" and name.namespace is None:
        raise PictureError(f'has no SVG namespace (write <svg xmlns="{SVG_NS}" ...>)')
    if name.namespace not in (SVG_NS, *METADATA_NS):
        raise PictureError(f"has an element from outside SVG ({where} of {name.namespace or 'no namespace'}): "
                           "save it again as plain SVG")
    if name.localname in NOT_PICTURES:
        raise PictureError(f"holds {NOT_PICTURES[name.localname]} ({where}), which a picture may not: remove it")
    if name.localname == "style":
        if len(element):
            raise PictureError(f"has elements inside its {where}, which holds only CSS: save it again as plain SVG")
        _check_css("".join(element.itertext()), where)
    for attribute, value in element.attrib.items():
        local = etree.QName(attribute).localname
        if etree.QName(attribute).namespace == XML_NS and local == "base":
            raise PictureError(f"sets a base address (xml:base on {where}) for what it names: remove it")
        if local.lower().startswith("on"):
            raise PictureError(f"holds a script ({local} on {where}), which a picture may not: remove it")
        if local == "href":
            _check_href(value, name.localname, where)
        elif local in ("font-size", "font"):
            _check_css(f"{local}: {value}", f"{local} of {where}")
        else:
            _check_css(value, f"{local} of {where}")


def embedded(url: str, where: str = "<image>") -> tuple[bytes, str]:
    """The checked picture a `data:image/png;base64,...` (or JPEG) URL embeds, and its media type; a PictureError
    for anything else, or a picture the check refuses."""
    if not (found := DATA_IMAGE.fullmatch(url.strip())):
        raise PictureError(f"refers to {_short(url)} in {where}: only a PNG or JPEG picture embedded as base64 may be")
    try:
        data = base64.b64decode(re.sub(r"\s+", "", found[2]), validate=True)
    except (binascii.Error, ValueError):
        raise PictureError(f"embeds a picture in {where} whose data is not base64: embed it again") from None
    if len(data) > MAX_FILE_BYTES:
        raise PictureError(f"embeds a picture in {where} that is too large: make it smaller")
    kind = _embedded_kind(found)
    try:
        _check_raster(data, kind)
    except PictureError as exc:
        raise PictureError(f"embeds a picture in {where} that {exc}") from None
    return stripped(data, kind), f"image/{kind.lower()}"


def _embedded_kind(found: re.Match[str]) -> str:
    return "PNG" if found[1].lower() == "png" else "JPEG"


DRAWN_TEXT = {"text", "tspan", "textPath", "tref"}
TYPEFACE = "Atkinson Hyperlegible"   # handouts.fonts: the one typeface of every output
FONT_FAMILY = re.compile(r"font-family\s*:[^;}]*", re.I)
FONT_SHORTHAND = re.compile(r"(?<![\w-])font\s*:([^;}]*)", re.I)
FONT_SIZE_WORD = re.compile(r"[\d.]+(?:px|pt|pc|in|cm|mm|q|em|ex|rem|ch|%)?(?:/[\w.%]+)?", re.I)


def _shorthand(found: re.Match[str]) -> str:
    """A `font` declaration with the typeface for its family (one without a size, a system font's keyword: none)."""
    words = found[1].replace(" / ", "/").replace("/ ", "/").replace(" /", "/").split()
    at = next((i for i, word in enumerate(words) if FONT_SIZE_WORD.fullmatch(word)), None)
    return f'font: {" ".join(words[:at + 1])} "{TYPEFACE}"' if at is not None else ""


def _check_letters(root: etree._Element) -> None:
    """A drawing's text in letters the typeface has, as the content's text must be: a renderer would draw a letter
    the typeface lacks in a font of the machine it runs on, embedded in the PDF."""
    from handouts.fonts import missing_characters
    text = "".join("".join(e.itertext()) for e in root.iter() if isinstance(e.tag, str)
                   and etree.QName(e).localname in DRAWN_TEXT)   # whatever a text holds: a tspan, an <a> ...
    if missing := missing_characters(text):
        listed = ", ".join(f"U+{ord(ch):04X} {ch!r}" for ch in missing[:5])
        raise PictureError(f"draws text in characters the typeface does not have ({listed}): write them as the "
                           "content's text would, or draw them as shapes")


def _in_the_typeface(root: etree._Element) -> None:
    """The drawing's text in the project's typeface, whatever font it names: a renderer would otherwise take the
    named font, or a generic one (serif, monospace), from the machine it runs on."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.get("font-family") is not None:
            element.set("font-family", TYPEFACE)
        if (shorthand := element.get("font")) is not None:   # the font presentation attribute: its family too
            element.set("font", _typeface_css(f"font:{shorthand}").removeprefix("font: ").removeprefix("font:"))
        if (style := element.get("style")) and "font" in style.lower():
            element.set("style", _typeface_css(style))
        if etree.QName(element).localname == "style" and element.text and "font" in element.text.lower():
            element.text = _typeface_css(element.text)
    root.set("font-family", TYPEFACE)


def _typeface_css(text: str) -> str:
    """CSS with every family the typeface, its comments out (a comment before a colon hid a declaration)."""
    return FONT_SHORTHAND.sub(_shorthand, FONT_FAMILY.sub(f'font-family: "{TYPEFACE}"', CSS_COMMENT.sub(" ", text)))


def _tidy_references(root: etree._Element) -> None:
    """Every reference as the check read it: without the spaces around it, an embedded picture's data without the
    line breaks inside it (renderers differ on both: one drew what another left out)."""
    for element in root.iter():
        for attribute, value in element.attrib.items():
            if etree.QName(attribute).localname == "href":
                target = value.strip()
                if found := DATA_IMAGE.fullmatch(target):   # checked whole by then: its metadata left out
                    data = stripped(base64.b64decode(re.sub(r"\s+", "", found[2])), _embedded_kind(found))
                    target = target[: found.start(2)] + base64.b64encode(data).decode("ascii")
                element.set(attribute, target)


def _check_href(value: str, element: str, where: str) -> None:
    target = value.strip()
    if target.startswith("#") and element == "image":
        raise PictureError(f"names {_short(target)} as the picture of its {where}, which shows a picture file, "
                           "not a part of the drawing: embed the picture (data:image/png;base64,...) or use <use>")
    if target.startswith("#"):
        return
    if element == "image" and DATA_IMAGE.fullmatch(target):
        embedded(target, where)
        return
    raise PictureError(f"refers to {_short(target)} outside itself (in {where}): a picture must carry all it "
                       "shows; embed that picture in the SVG or remove the reference")


def _check_css(text: str, where: str) -> None:
    for value in FONT.findall(CSS_COMMENT.sub("", text)):
        for number, unit in SIZE.findall(value):
            if _number(number) > FONT_LIMITS.get(unit.lower(), MAX_SVG_SIDE):
                raise PictureError(f"sets a font size of {_short(number + unit)} (in {where}): correct it")
    if "url(" not in text.lower() and not CSS_LOADS.search(text):
        return
    for found in CSS_URL.finditer(text):
        if not found[2].strip().startswith("#"):
            raise PictureError(f"refers to {_short(found[2].strip())} outside itself (url() in {where}): a picture "
                               "must carry all it shows; remove the reference")
    if loads := CSS_LOADS.search(text):
        what = "an escaped character" if loads[0] == "\\" else loads[0]
        raise PictureError(f"has {what} in its CSS ({where}), which may load another file: remove it")


# A font's size, in a font-size or font declaration: at most these, by unit (a text drawn larger stops Pango).
FONT = re.compile(r"font(?:-size)?\s*:([^;}]*)", re.I)
SIZE = re.compile(r"([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(px|pt|pc|in|cm|mm|q|em|ex|rem|ch|vw|vh|vmin|vmax|%)?", re.I)
FONT_LIMITS = {"": MAX_SVG_SIDE, "px": MAX_SVG_SIDE, "pt": MAX_SVG_SIDE, "pc": 1000, "in": 100, "cm": 250, "mm": 2500,
               "q": 10000, "em": 100, "ex": 200, "rem": 100, "ch": 200, "vw": 1000, "vh": 1000, "vmin": 1000,
               "vmax": 1000, "%": 1000}


def _number(text: str) -> float:
    try:
        return abs(float(text))
    except (ValueError, OverflowError):
        return math.inf


def _short(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _svg_size(root: etree._Element) -> tuple[float, float]:
    """The drawing's size in CSS pixels as browsers take it: width and height; where one is missing, the other in
    the viewBox's proportions (SVG's auto size); where both are missing or relative, the viewBox's; bounded, so that
    no renderer is asked for a picture the size of a building."""
    box = _view_box(root.get("viewBox"))
    sides: list[float] = []
    given: list[bool] = []
    for attribute, index in (("width", 2), ("height", 3)):
        value = root.get(attribute)
        found = LENGTH.match(value) if value is not None else None
        if value is not None and found is None:
            raise PictureError(f"has a {attribute} that is not a length ({value!r}): give it a number of pixels")
        given.append(found is not None and found[2] != "%")
        if found is None or found[2] == "%":
            if box is None:
                raise PictureError(f"has no {attribute} and no viewBox: give the <svg> a viewBox, or a width and height")
            sides.append(box[index] * (float(found[1]) / 100 if found is not None else 1.0))
        else:
            sides.append(float(found[1]) * UNIT_PX[found[2]])
    if box is not None and given[0] and root.get("height") is None:
        sides[1] = sides[0] * box[3] / box[2]
    elif box is not None and given[1] and root.get("width") is None:
        sides[0] = sides[1] * box[2] / box[3]
    for attribute, side in zip(("width", "height"), sides):
        _bounded_side(attribute, side, root.get(attribute))
    if max(sides) > MAX_SVG_RATIO * min(sides):
        raise PictureError(f"is {max(sides) / min(sides):,.0f} times as {'wide' if sides[0] > sides[1] else 'tall'} as it is "
                           f"{'tall' if sides[0] > sides[1] else 'wide'} (at most {MAX_SVG_RATIO}): no page or slide can "
                           "show it; give it a width and height in proportion, and keep its viewBox")
    return sides[0], sides[1]


def _bounded_side(attribute: str, side: float, value: str | None) -> None:
    if math.isnan(side) or side <= 0:
        raise PictureError(f"has a {attribute} of {value!r}: a picture needs a size greater than zero")
    if side < 1:
        raise PictureError(f"has a {attribute} of {side:.2g} pixels: too small to see (at least one pixel): give "
                           "it its width and height in pixels, and keep its viewBox")
    if side > MAX_SVG_SIDE:
        said = f"{side:,.0f}" if math.isfinite(side) else _short(value or '')
        raise PictureError(f"declares a {attribute} of {said} pixels (at most {MAX_SVG_SIDE:,}): give it a "
                           "smaller width and height, and keep its viewBox")


def _view_box(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    parts = value.replace(",", " ").split()
    try:
        numbers = tuple(float(part) for part in parts)
    except ValueError:
        numbers = ()
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers) or numbers[2] <= 0 or numbers[3] <= 0:
        raise PictureError(f"has a viewBox that is not four numbers with a positive width and height ({value!r})")
    return numbers[0], numbers[1], numbers[2], numbers[3]
