"""Topic knowledge lives in the content: no module of handouts/ names a topic or a section id of one."""
from __future__ import annotations

import re

import yaml
from conftest import ROOT

from handouts.charts import KINDS
from handouts.content import model
from handouts.content.model import BODY_SITES

CODE = sorted((ROOT / "handouts").rglob("*.py"))


def content_names() -> set[str]:
    names = set()
    for folder in (ROOT / "content", ROOT / "tests" / "fixtures" / "content"):
        for path in folder.glob("*/*.yaml"):
            names.add(path.parent.name)
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and "sections" in data:
                stack = list(data["sections"])
                while stack:
                    section = stack.pop()
                    names.add(section["id"])
                    stack += section.get("subsections", [])
                names |= {figure["id"] for figure in data.get("key_figures", [])}
    return names


def field_names() -> set[str]:
    """The fields of the content model (a section may be called what a field is, like "definition")."""
    return {name for value in vars(model).values() if isinstance(value, type) and issubclass(value, model.Frozen)
            for name in value.model_fields}


def without_messages(code: str) -> str:
    """The code without the catalog's messages, `_("...")` on one line: words of the interface in every language
    ("each treatment"), which a section may be named after too, not knowledge of a topic."""
    return re.sub(r'\b_\("[^"\n]*"\)', '_("")', code)


def test_no_module_names_a_topic_or_a_section_of_the_content():
    names = content_names() - set(KINDS) - set(BODY_SITES) - field_names()  # the project's vocabularies
    assert {"calcinose", "general-measures", "bird-feeders"} <= names  # the check sees the topics it guards
    found = [f"{path.relative_to(ROOT)}: {name}" for path in CODE for name in sorted(names)
             if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", without_messages(path.read_text(encoding="utf-8")))]
    assert found == []
