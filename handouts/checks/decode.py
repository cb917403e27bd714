"""The work on a PNG's or JPEG's pixels: decoded whole, to find a truncated or damaged file that its header hides,
and a photograph turned upright as its Exif says. In the build's process when the picture is small, in a child
process with a time and memory budget (handouts.child) otherwise.

`python -m handouts.checks.decode` reads the picture on its standard input and prints what is wrong with
it, or nothing; `python -m handouts.checks.decode upright FORMAT` prints it upright."""
from __future__ import annotations

import sys
import warnings
from io import BytesIO


def damage(data: bytes) -> str | None:
    """Why the picture cannot be decoded whole ("truncated", "damaged: ..."), or None. Decodes every pixel
    (Pillow's verify() reads none), refusing a truncated file even where WeasyPrint, once imported, has
    told Pillow to accept one (it sets LOAD_TRUNCATED_IMAGES for the whole process)."""
    from PIL import Image, ImageFile
    accepting = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # its size was judged before
            warnings.filterwarnings("ignore", "Corrupt EXIF", UserWarning)   # its Exif is left out of every output
            with Image.open(BytesIO(data)) as image:
                image.load()
    except (OSError, SyntaxError, ValueError, EOFError) as exc:  # what Pillow raises on damaged data
        return "truncated" if "truncated" in str(exc) else f"damaged: {exc}"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = accepting
    return None


TURNED = {5, 6, 7, 8}   # Exif orientations that turn the picture a quarter (its width is its height)
# How each Exif orientation is made upright (Pillow's ImageOps.exif_transpose, without rewriting the Exif, which
# raised on a badly typed tag). Image.Transpose: FLIP_LEFT_RIGHT 0, FLIP_TOP_BOTTOM 1, ROTATE_90 2, ROTATE_180 3,
# ROTATE_270 4, TRANSPOSE 5, TRANSVERSE 6.
TRANSPOSE = {2: 0, 3: 3, 4: 1, 5: 5, 6: 4, 7: 6, 8: 2}


def orientation(data: bytes) -> int:
    """The picture's Exif orientation, 1 (upright) to 8; 1 when it has none, or a damaged one."""
    from PIL import Image
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # a damaged Exif is no orientation: its pixels were decoded whole
        try:
            with Image.open(BytesIO(data)) as image:
                value = image.getexif().get(0x0112, 1)
        except Exception:   # Pillow's Exif reader raises what the bytes lead it to (SyntaxError, struct.error ...)
            return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def upright(data: bytes, expected: str) -> bytes:
    """The picture as it is meant to be seen: a photograph whose Exif says it is turned or mirrored (as a phone saves
    it) drawn upright once, so that every output shows it the same way (the PDFs turned it, the deck and the Word
    edition did not); the same bytes when it is upright already. A JPEG keeps its own quantisation and sampling
    (saved at a fixed quality, a large photograph grew past the size a picture may have)."""
    turn = orientation(data)
    if turn == 1:
        return data
    from PIL import Image, JpegImagePlugin
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Image.open(BytesIO(data)) as image:
            turned = image.transpose(Image.Transpose(TRANSPOSE[turn]))   # its pixels alone, no Exif
            out = BytesIO()
            options = {"icc_profile": image.info["icc_profile"]} if image.info.get("icc_profile") else {}
            if expected == "JPEG":
                try:
                    kept = {"qtables": getattr(image, "quantization", None), "subsampling": JpegImagePlugin.get_sampling(image)}
                    turned.save(out, "JPEG", **kept, **options)
                except (ValueError, TypeError, OSError):   # tables Pillow cannot write back
                    out = BytesIO()
                    turned.save(out, "JPEG", quality=95, **options)
            else:
                turned.save(out, "PNG", **options)
    return out.getvalue()


def main() -> None:
    data = sys.stdin.buffer.read()
    if sys.argv[1:2] == ["upright"]:
        sys.stdout.buffer.write(upright(data, sys.argv[2]))
    else:
        sys.stdout.write(damage(data) or "")


if __name__ == "__main__":
    main()
