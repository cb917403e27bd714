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
# PNG ancillary chunks that say how to draw the pixels; every other ancillary chunk (text, Exif, time, private
# chunks) goes. Critical chunks (IHDR, PLTE, IDAT, IEND) stay.
PNG_KEPT = {b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB", b"cICP", b"mDCv", b"cLLi", b"bKGD", b"pHYs"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def stripped(data: bytes, format: str) -> bytes:
    """The picture's bytes without its metadata (the same bytes when it has none)."""
    if format == "JPEG":
        return _jpeg(data)
    if format == "PNG":
        return _png(data)
    return data


def _jpeg(data: bytes) -> bytes:
    if data[:2] != b"\xff\xd8":
        return data
    kept, at = [data[:2]], 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF:   # a fill byte before a marker
            at += 1
            continue
        if marker == 0xDA:   # the first scan: the picture itself, and what follows it, as it is
            break
        end = at + 2 + int.from_bytes(data[at + 2:at + 4], "big")
        metadata = (0xE0 <= marker <= 0xEF and marker not in JPEG_APP_KEPT) or marker == JPEG_COMMENT
        if not metadata:
            kept.append(data[at:end])
        at = end
    kept.append(data[at:])
    return b"".join(kept)


def _png(data: bytes) -> bytes:
    if not data.startswith(PNG_SIGNATURE):
        return data
    kept, at = [PNG_SIGNATURE], len(PNG_SIGNATURE)
    while at + 12 <= len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kind = data[at + 4:at + 8]
        end = at + 12 + length
        if kind[:1].isupper() or kind in PNG_KEPT:   # a critical chunk (upper-case first letter), or one kept
            kept.append(data[at:end])
        at = end
    kept.append(data[at:])
    return b"".join(kept)
