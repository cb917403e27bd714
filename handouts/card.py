"""The summary card: one page, guaranteed: the build fails rather than shrink the type."""
from __future__ import annotations

from .context import RenderContext
from .model import Edition, Section
from .pdf import check_pages, layout, to_bytes
from .templating import make_environment

# The card's short points come from these sections (see README: what each output requires).
CARD_SECTIONS = ("general-measures", "medical-treatments", "interventions")
OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


def card_sections(edition: Edition) -> list[Section]:
    return [s for s in edition.all_sections() if s.id in CARD_SECTIONS]


def render_html(edition: Edition, ctx: RenderContext) -> str:
    env = make_environment(ctx.templates_dir, edition)
    paper = {"page": ctx.page_sizes[1]}
    return env.get_template("card.html.j2").render(
        edition=edition, paper=paper, card_sections=card_sections(edition))


def render(edition: Edition, ctx: RenderContext, output: str = "card.pdf") -> bytes:
    document = layout(render_html(edition, ctx), ctx.roots, OPTIONS)
    check_pages(document, 1, output, "shorten the summary or the key points of "
                + ", ".join(CARD_SECTIONS) + " (text is never shrunk below 12 pt)")
    return to_bytes(document, OPTIONS)
