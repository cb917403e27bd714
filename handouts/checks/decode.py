"""A PNG or JPEG decoded whole, to find a truncated or damaged file that its header hides: in the build's
process when it is small, in a child process with a time and memory budget (handouts.child) otherwise.

`python -m handouts.checks.decode` reads the picture on its standard input and prints what is wrong with
it, or nothing."""
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
            with Image.open(BytesIO(data)) as image:
                image.load()
    except (OSError, SyntaxError, ValueError, EOFError) as exc:  # what Pillow raises on damaged data
        return "truncated" if "truncated" in str(exc) else f"damaged: {exc}"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = accepting
    return None


def main() -> None:
    sys.stdout.write(damage(sys.stdin.buffer.read()) or "")


if __name__ == "__main__":
    main()
