#!/usr/bin/env python3
"""The floor of the benchmark: the same documents made by the bare engines, in one process.

    floor.py dump PROJECT FOLDER   write the HTML of every PDF and the text of every deck (not timed)
    floor.py render FOLDER         import WeasyPrint, render those HTML files, build those decks (timed)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def dump(project: Path, folder: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from pptx import Presentation

    from handouts.fonts import FONT_DIR
    from handouts.pipeline.build import Project, load_editions
    from handouts.render.context import PRESS, SCREEN, RenderContext
    from handouts.render.deck import slides as deck
    from handouts.render.i18n import translations_for
    from handouts.render.pdf.document import render_html
    from handouts.render.profiles import PRESS_PROFILE, find_color_profile
    from handouts.render.templating import load_theme

    jobs = []
    for content, edition in load_editions(Project(project)).items():
        topic = content.split("/")[1]
        ctx = RenderContext(project / "templates", project / "content" / topic)
        documents = (("leaflet", True, {}), ("card", False, {"card_groups": edition.card_groups()}))
        for kind, pictures, extra in documents:
            for rendition in (SCREEN, PRESS):
                assets: dict[str, bytes] = {}
                html = render_html(f"{kind}.html.j2", edition, ctx, rendition, assets, pictures, **extra)
                name = f"{topic}-{edition.language}-{kind}-{rendition.name}"
                for asset, data in assets.items():
                    (folder / f"{name}-{asset}").write_bytes(data)
                    html = html.replace(f"generated:{asset}", f"{name}-{asset}")
                (folder / f"{name}.html").write_text(html, encoding="utf-8")
                jobs.append({"html": f"{name}.html", "options": rendition.pdf_options})
        gettext = translations_for(project / "templates" / "locales", edition.language).gettext
        slides = [(s.title, list(s.body)) for s in deck.plan(edition, gettext, load_theme(project / "templates"))]
        jobs.append({"deck": slides, "name": f"{topic}-{edition.language}"})
    fonts = {p.name: str(p) for p in FONT_DIR.glob("*.ttf")}
    (folder / "jobs.json").write_text(json.dumps({
        "jobs": jobs, "fonts": fonts, "template": str(project / "templates" / "deck.pptx"),
        "profile": str(find_color_profile(PRESS_PROFILE))}), encoding="utf-8")
    assert Presentation  # imported above only to fail early when python-pptx is missing


def render(folder: Path) -> None:
    from io import BytesIO

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

    for job in spec["jobs"]:
        if "html" in job:
            html = (folder / job["html"]).read_text(encoding="utf-8")
            HTML(string=html, base_url=folder.as_uri() + "/", url_fetcher=fetch).write_pdf(**job["options"])
        else:
            prs = Presentation(spec["template"])
            for title, body in job["deck"]:
                slide = prs.slides.add_slide(prs.slide_layouts[1])
                slide.shapes.title.text = title
                slide.placeholders[1].text_frame.text = "\n".join(body)
            prs.save(BytesIO())


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        dump(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        render(Path(sys.argv[2]))
