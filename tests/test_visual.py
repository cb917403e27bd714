"""Visual regression: every page and slide of the synthetic topic (tests/fixtures/content; not the real
article, whose clinical corrections must not mean new references), rendered to PNG, against committed
reference images.

After an intended change of the look, update the references with
    UPDATE_VISUAL_REFERENCES=1 .venv/bin/python -m pytest tests/test_visual.py
and look at the new images before committing them. A failure writes the rendered page and a
diff image to test-report/visual/.
"""
from __future__ import annotations

import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import FIXTURE_SLUG, soffice_pdf
from PIL import Image, ImageChops, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
REFERENCES = ROOT / "tests" / "visual"
REPORT = ROOT / "test-report" / "visual"
UPDATE = os.environ.get("UPDATE_VISUAL_REFERENCES") == "1"
DPI = 36
CHANGED_LEVEL = 48          # a pixel differs when a channel moves by more than this (of 255)
TOLERANCE = 0.002           # share of differing pixels allowed: anti-aliasing, not content


def pages(pdf: Path) -> list[Image.Image]:
    document = pdfium.PdfDocument(str(pdf))
    images = [document[i].render(scale=DPI / 72).to_pil().convert("RGB") for i in range(len(document))]
    document.close()
    return images


def difference(actual: Image.Image, expected: Image.Image) -> tuple[float, Image.Image]:
    """Share of pixels that differ visibly, and an image that shows where (in red)."""
    if actual.size != expected.size:
        return 1.0, actual
    diff = ImageChops.difference(actual, expected).convert("L").point(lambda v: 255 if v > CHANGED_LEVEL else 0)
    changed = diff.histogram()[255] / (diff.width * diff.height)
    shown = Image.composite(Image.new("RGB", actual.size, "red"), expected.convert("L").convert("RGB"), diff)
    return changed, shown


def check(images: list[Image.Image], key: str) -> list[str]:
    folder = REFERENCES / key
    if UPDATE:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()
        for number, image in enumerate(images, 1):
            image.save(folder / f"{number:02d}.png", optimize=True)
        return []
    expected = sorted(folder.glob("*.png"))
    if len(expected) != len(images):
        return [f"{key}: {len(images)} pages, the references have {len(expected)}"]
    problems = []
    for number, (image, reference) in enumerate(zip(images, expected), 1):
        changed, shown = difference(image, Image.open(reference).convert("RGB"))
        if changed > TOLERANCE:
            REPORT.mkdir(parents=True, exist_ok=True)
            stem = f"{key.replace('/', '-')}-{number:02d}"
            image.save(REPORT / f"{stem}-actual.png")
            shown.save(REPORT / f"{stem}-diff.png")
            problems.append(f"{key} page {number}: {changed:.2%} of pixels differ; see "
                            f"test-report/visual/{stem}-diff.png")
    return problems


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", ["leaflet.pdf", "card.pdf", "leaflet-press.pdf", "leaflet-large.pdf"])
def test_pdf_pages_look_as_approved(scratch_built, lang, name):
    assert check(pages(scratch_built / FIXTURE_SLUG / lang / name), f"{lang}/{Path(name).stem}") == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_slides_look_as_approved(scratch_built, lang, tmp_path, font_env):
    pdf = soffice_pdf(scratch_built / FIXTURE_SLUG / lang / "deck.pptx", tmp_path, font_env)
    assert check(pages(pdf), f"{lang}/deck") == []


def test_the_comparison_sees_a_change(scratch_built):
    image = pages(scratch_built / FIXTURE_SLUG / "fr" / "card.pdf")[0]
    changed, _ = difference(image, image.copy())
    assert changed == 0
    edited = image.copy()
    ImageDraw.Draw(edited).rectangle((40, 100, 120, 130), fill="black")  # about one line of text hidden
    changed, _ = difference(edited, image)
    assert changed > TOLERANCE
