"""What an imported document's properties say of it, where its text says nothing: a Word document's title and
authors (its core properties), and its publisher: a property named publisher, association, organization or
company in a Word document (its custom properties, or the Company of its application properties), an ODT
document (its user-defined fields) or the metadata pandoc reads from Markdown or HTML (`publisher:`)."""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from handouts.content import pandoc_tree

PUBLISHER_KEYS = ("publisher", "association", "organization", "organisation", "company")


def meta_text(tree: dict[str, Any], key: str) -> str:
    """A field of the document's metadata as text (Word's Title and Author paragraphs, Markdown's title block);
    a list of authors joined by semicolons."""
    value = tree.get("meta", {}).get(key)
    if not isinstance(value, dict):
        return ""
    if value.get("t") == "MetaList":
        return "; ".join(pandoc_tree.flat(item.get("c", [])) for item in value.get("c", []))
    if value.get("t") == "MetaString":
        return " ".join(str(value.get("c", "")).split())
    return pandoc_tree.flat(value.get("c", []))


def title_and_authors(source: Path) -> tuple[str, str]:
    """A Word document's title and authors as its properties hold them (used when its text marks none)."""
    if source.suffix.lower() != ".docx":
        return "", ""
    import docx
    try:
        props = docx.Document(str(source)).core_properties
    except Exception:  # a file pandoc reads but python-docx does not: its text says what it says
        return "", ""
    return (props.title or "").strip(), (props.author or "").strip()


def publisher(source: Path, tree: dict[str, Any]) -> str:
    """The publisher a property of the document names, or ""."""
    for key in PUBLISHER_KEYS:
        if found := meta_text(tree, key):
            return found
    if source.suffix.lower() not in (".docx", ".odt"):
        return ""
    try:
        with zipfile.ZipFile(source) as package:
            parts = {name: package.read(name) for name in ("docProps/custom.xml", "docProps/app.xml", "meta.xml")
                     if name in package.namelist()}
    except (OSError, zipfile.BadZipFile, KeyError):
        return ""
    named = {key: value for data in parts.values() for key, value in _properties(data).items()}
    return next((named[key] for key in PUBLISHER_KEYS if named.get(key)), "")


def _properties(data: bytes) -> dict[str, str]:
    """The named properties of a package's XML part, by lower-case name: a Word custom property
    (`<property name="Publisher"><vt:lpwstr>`), an application property (`<Company>`) or an ODT user-defined
    field (`<meta:user-defined meta:name="Publisher">`)."""
    from lxml import etree
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return {}
    found: dict[str, str] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        name = next((value for key, value in element.attrib.items() if etree.QName(key).localname == "name"), "")
        text = " ".join("".join(element.itertext()).split())
        if local in ("property", "user-defined") and name and text:
            found.setdefault(name.lower(), text)
        elif local == "Company" and text:
            found.setdefault("company", text)
    return found
