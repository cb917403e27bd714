"""The staff's sheets (the review sheet, output/review.html, and the proof sheet, output/index.html): templates
of templates/ rendered through an autoescaped, strict Jinja environment like the outputs' and the site
index's. They are for the project's staff, in English (SHEET_LANGUAGE), and self-contained: their style is
in the page; the proof sheet's thumbnails are files beside it."""
from __future__ import annotations

from pathlib import Path
from typing import Any

SHEET_LANGUAGE = "en"


def render_sheet(templates_dir: Path, template: str, **data: Any) -> str:
    """The sheet's HTML: `data` is what the Python side computed, the template all of the markup."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from handouts.render.i18n import translations_for

    env = Environment(loader=FileSystemLoader(templates_dir), autoescape=True, undefined=StrictUndefined,
                      extensions=["jinja2.ext.i18n"], keep_trailing_newline=True)
    env.install_gettext_translations(  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
        translations_for(templates_dir / "locales", SHEET_LANGUAGE), newstyle=True)
    return env.get_template(template).render(language=SHEET_LANGUAGE, **data)
