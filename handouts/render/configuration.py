"""What the build's plan gives every job besides its edition: the theme and the compiled catalogs, read from
templates/ once a build. A renderer takes them from its job's context (`theme_of`, `catalog_of`) and reads no
configuration from disk; a renderer called alone (a test, the benchmark's floor) is given them by `configured`."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from handouts.render.context import RenderContext


def configured(ctx: RenderContext, languages: Iterable[str]) -> RenderContext:
    """The context with its project's theme and the catalogs of `languages`, as the build's plan gives a job."""
    from handouts.render.i18n import compiled
    from handouts.render.templating import load_theme
    return replace(ctx, theme=load_theme(ctx.templates_dir),
                   catalogs={lang: compiled(ctx.templates_dir / "locales", lang) for lang in sorted(set(languages))})
