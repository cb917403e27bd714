"""Gettext catalogs for the strings that are not content, one .po per language, compiled in memory."""
from __future__ import annotations

import gettext
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from handouts.errors import CatalogError

if TYPE_CHECKING:
    from handouts.render.context import RenderContext


def catalog_path(locales_dir: Path, language: str) -> Path:
    return locales_dir / language / "LC_MESSAGES" / "messages.po"


def translations_for(locales_dir: Path, language: str) -> gettext.GNUTranslations:
    """The catalog of a language, read from its file (a renderer takes its job's: catalog_of)."""
    return gettext.GNUTranslations(BytesIO(compiled(locales_dir, language)))


def catalog_of(ctx: RenderContext, language: str) -> gettext.GNUTranslations:
    """The catalog the build's plan compiled for the job (render.configuration.configured for a renderer called alone)."""
    mo = ctx.catalogs.get(language)
    if mo is None:
        raise RuntimeError(f"a renderer was given no {language} catalog: the build's plan gives every job its "
                           "own (handouts.render.configuration.configured, for a renderer called alone)")
    return gettext.GNUTranslations(BytesIO(mo))


def compiled(locales_dir: Path, language: str) -> bytes:
    """The compiled catalog (MO) for a language; every message of the template .pot must be translated."""
    path = catalog_path(locales_dir, language)
    shown = path.relative_to(locales_dir.parent.parent).as_posix()  # as seen from the project's root
    if not path.is_file():
        raise CatalogError(f"{shown}: no catalog for language {language!r} (see README: catalogs)")
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    with (locales_dir / "messages.pot").open("rb") as handle:
        wanted = [m.id for m in read_po(handle) if m.id]
    missing = [msgid for msgid in wanted if not _translated(catalog.get(msgid))]
    if missing:  # one located line per string, as for content
        raise CatalogError("\n".join(_untranslated(shown, catalog, msgid) for msgid in missing))
    buffer = BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def _untranslated(shown: str, catalog: Catalog, msgid: str | tuple[str, ...] | list[str]) -> str:
    message = catalog.get(msgid)
    text = msgid if isinstance(msgid, str) else msgid[0]
    if message is None:
        return f"{shown}:1:1: msgid {text!r}: missing (run pybabel update, then translate it: see README)"
    return f"{shown}:{message.lineno}:1: msgid {text!r}: untranslated{' (fuzzy)' if message.fuzzy else ''} (translate it)"


def _translated(message: Message | None) -> bool:
    if message is None or message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(strings)
