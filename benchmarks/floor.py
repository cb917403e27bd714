#!/usr/bin/env python3
"""The floor of the benchmark: the same documents made by the bare engines, in one process.

    floor.py dump PROJECT FOLDER   write what every output of the registry (OUTPUTS) hands its engine (not timed)
    floor.py render FOLDER         import the engines and make those documents with them alone (timed)

Every output of every edition: a PDF is its HTML rendered by bare WeasyPrint with its rendition's options
(the booklet: the leaflet that floor rendered, imposed two pages a side by bare pikepdf), a deck is its
slides' titles and texts written by bare python-pptx, and the web page, which Jinja makes as the project's
own code, is its finished bytes written to a file.
"""
from __future__ import annotations

import json
import sys
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def dump(project: Path, folder: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from pptx import Presentation

    import handouts.render.pdf.document as document
    from handouts.fonts import FONT_DIR
    from handouts.pipeline.build import Project, load_editions
    from handouts.pipeline.outputs import OUTPUTS
    from handouts.render.configuration import configured
    from handouts.render.context import RenderContext
    from handouts.render.deck import slides as deck
    from handouts.render.figures import Words
    from handouts.render.i18n import translations_for
    from handouts.render.profiles import PRESS_PROFILE, find_color_profile
    from handouts.render.rendered import Rendered
    from handouts.render.templating import load_theme

    handed: list[tuple[str, dict[str, bytes], dict]] = []

    def capture(html, ctx, rendition, output, budget, hint, assets):   # what render_pdf would hand WeasyPrint
        handed.append((html, dict(assets), rendition.pdf_options))
        return Rendered(b"", 1)

    document.render_pdf = capture
    jobs: list[dict] = []
    for content, edition in load_editions(Project(project)).items():
        topic = content.split("/")[1]
        ctx = configured(RenderContext(project / "templates", project / "content" / topic), [edition.language])
        for output in OUTPUTS:
            name = f"{topic}-{edition.language}-{output.filename}"
            if output.source is not None:
                jobs.append({"impose": f"{topic}-{edition.language}-{output.source}", "name": name})
            elif output.format == "deck":
                theme = load_theme(project / "templates")
                translations = translations_for(project / "templates" / "locales", edition.language)
                words = Words(edition.locale, translations, theme.grades).with_options(edition.options, theme.contact.name)
                slides = [(s.title, [str(b) for b in s.body])
                          for s in deck.plan(edition, translations.gettext, theme, words)]
                jobs.append({"deck": slides, "name": name})
            elif output.format == "html":
                (folder / name).write_bytes(output.render(edition, ctx, name).data)
                jobs.append({"page": name, "name": name})
            else:
                handed.clear()
                output.render(edition, ctx, name)
                html, assets, options = handed[-1]
                for asset, data in assets.items():
                    (folder / f"{name}-{asset}").write_bytes(data)
                    html = html.replace(f"generated:{asset}", f"{name}-{asset}")
                (folder / f"{name}.html").write_text(html, encoding="utf-8")
                jobs.append({"html": f"{name}.html", "options": options, "name": name})
    fonts = {p.name: str(p) for p in FONT_DIR.glob("*.ttf")}
    (folder / "jobs.json").write_text(json.dumps({
        "jobs": jobs, "fonts": fonts, "template": str(project / "templates" / "deck.pptx"),
        "profile": str(find_color_profile(PRESS_PROFILE))}), encoding="utf-8")
    assert Presentation  # imported above only to fail early when python-pptx is missing


def render(folder: Path) -> None:
    from pptx import Presentation
    from weasyprint import HTML
    from weasyprint.urls import URLFetcherResponse

    spec = json.loads((folder / "jobs.json").read_text(encoding="utf-8"))

    def fetch(url: str, headers=None):
        if url.startswith("font:"):
            return URLFetcherResponse(url, body=Path(spec["fonts"][url[5:]]).read_bytes())
        if url.startswith("icc:"):
            return URLFetcherResponse(url, body=Path(spec["profile"]).read_bytes())
        return URLFetcherResponse(url, body=(folder / url.rsplit("/", 1)[-1]).read_bytes())

    made: dict[str, bytes] = {}
    for job in spec["jobs"]:
        if "html" in job:
            html = (folder / job["html"]).read_text(encoding="utf-8")
            made[job["name"]] = HTML(string=html, base_url=folder.as_uri() + "/",
                                     url_fetcher=fetch).write_pdf(**job["options"])
        elif "impose" in job:
            impose(made[job["impose"]])
        elif "page" in job:
            (folder / f"{job['page']}.out").write_bytes((folder / job["page"]).read_bytes())
        else:
            prs = Presentation(spec["template"])
            for title, body in job["deck"]:
                slide = prs.slides.add_slide(prs.slide_layouts[1])
                slide.shapes.title.text = title
                slide.placeholders[1].text_frame.text = "\n".join(body)
            prs.save(BytesIO())


def impose(pdf: bytes) -> bytes:
    """Two pages of the leaflet side by side on each side of a sheet, by bare pikepdf."""
    import pikepdf
    with pikepdf.open(BytesIO(pdf)) as leaflet, pikepdf.new() as booklet:
        x0, y0, x1, y1 = (float(v) for v in leaflet.pages[0].mediabox)
        width, height = x1 - x0, y1 - y0
        forms = [booklet.copy_foreign(page.as_form_xobject()) for page in leaflet.pages]
        for first in range(0, len(forms), 2):
            booklet.add_blank_page(page_size=(2 * width, height))
            sheet, drawn = booklet.pages[-1], b""
            for i, form in enumerate(forms[first:first + 2]):
                sheet.Resources.XObject = sheet.Resources.get("/XObject", pikepdf.Dictionary())
                sheet.Resources.XObject[f"/P{i}"] = form
                drawn += f"q 1 0 0 1 {i * width} 0 cm /P{i} Do Q\n".encode()
            sheet.Contents = booklet.make_stream(drawn)
        out = BytesIO()
        booklet.save(out)
        return out.getvalue()


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        dump(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        render(Path(sys.argv[2]))
