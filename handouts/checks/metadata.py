"""A photograph's pixels without what its camera or editor wrote besides them.

A phone writes into each photograph where it was taken (GPS), when, and with which device; an editor's program
adds comments, IPTC captions and XMP. Renderers copy a JPEG's bytes as they are into the PDFs, the deck and the
Word edition, so all of it would be published with the handout. `stripped()` removes it without decoding a pixel
(no quality is lost): what stays is what draws the picture (its tables, frame and scans, its colour profile, the
JFIF and Adobe markers that say how to read its colours; a PNG's critical chunks and its colour, transparency and
density chunks).
"""
from __future__ import annotations

# JPEG markers kept before the picture: APP0 (JFIF), APP2 (ICC profile), APP14 (Adobe colour transform); every
# other APPn (Exif and XMP in APP1, IPTC in APP13 ...) and comments (COM) go. Other markers (tables, the frame)
# are not metadata and stay.
JPEG_APP_KEPT = {0xE0, 0xE2, 0xEE}
JPEG_COMMENT = 0xFE
# PNG ancillary chunks that say how to draw the pixels alike everywhere; every other ancillary chunk (text, Exif,
# time, private chunks, a gamma only some renderers apply) goes. The critical chunks (IHDR, PLTE, IDAT, IEND) stay.
PNG_KEPT = {b"tRNS", b"iCCP", b"sBIT", b"sRGB", b"cICP", b"mDCv", b"cLLi", b"bKGD", b"pHYs"}   # no gamma (gAMA, cHRM):
# a browser applied it, the PDFs did not (the fifth cold attack)
PNG_CRITICAL = {b"IHDR", b"PLTE", b"IDAT", b"IEND"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def stripped(data: bytes, format: str) -> bytes:
    """The picture's bytes without its metadata (the same bytes when it has none)."""
    if format == "JPEG":
        return _jpeg(data)
    if format == "PNG":
        return _png(data)
    return data


def _jpeg(data: bytes) -> bytes:
    """Every segment walked, between the scans too (a progressive JPEG's tables; an Exif or a comment may hide there),
    to the end of the picture (EOI): what follows it (a second picture with its own Exif, a phone's video) goes."""
    if data[:2] != b"\xff\xd8":
        return data
    kept, at = [data[:2]], 2
    while at + 2 <= len(data):
        if data[at] != 0xFF:   # a scan's coded data: up to the next marker (0xFF then neither 0 nor a restart)
            end = _scan_end(data, at)
            kept.append(data[at:end])
            at = end
            continue
        marker = data[at + 1]
        if marker == 0xFF:   # a fill byte before a marker
            at += 1
            continue
        if marker == 0xD9:   # the end of the picture
            kept.append(data[at:at + 2])
            break
        end = at + 2 + int.from_bytes(data[at + 2:at + 4], "big")
        metadata = (0xE0 <= marker <= 0xEF and marker not in JPEG_APP_KEPT) or marker == JPEG_COMMENT
        if not metadata:
            kept.append(data[at:end])
        at = end
        if marker == 0xDA:   # a scan's header, then its coded data (which may start with a stuffed 0xFF00)
            end = _scan_end(data, at)
            kept.append(data[at:end])
            at = end
    return b"".join(kept)


def _scan_end(data: bytes, at: int) -> int:
    """Where a scan's coded data ends: the first 0xFF that is not a stuffed byte (0xFF00) nor a restart (0xFFD0-D7)."""
    while (at := data.find(b"\xff", at)) != -1 and at + 1 < len(data):
        follower = data[at + 1]
        if follower != 0 and not 0xD0 <= follower <= 0xD7:
            return at
        at += 2
    return len(data)


def _png(data: bytes) -> bytes:
    """The chunks that draw the picture, to its end (IEND): what follows it goes, and so does a chunk no decoder
    knows (a private one, even one marked critical: a decoder would refuse or pass over it)."""
    if not data.startswith(PNG_SIGNATURE):
        return data
    kept, at = [PNG_SIGNATURE], len(PNG_SIGNATURE)
    while at + 12 <= len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kind = data[at + 4:at + 8]
        end = at + 12 + length
        if kind in PNG_CRITICAL or kind in PNG_KEPT:
            kept.append(data[at:end])
        if kind == b"IEND":
            break
        at = end
    return b"".join(kept)
