"""Edit a YAML file's text in place: replace scalar values where yaml.compose found them, keeping comments and layout."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from handouts.content.plainyaml import scalar, tag_problem
from handouts.errors import UsageError

Path_ = tuple[Any, ...]
WIDTH = 100   # folded paragraphs are wrapped to this many columns, as editors wrap them


@dataclass(frozen=True)
class Scalar:
    """One scalar of a file: its node (style and position), its value, and whether it stands in a [flow] collection."""

    node: yaml.ScalarNode
    value: Any
    flow: bool


def scalars(text: str) -> dict[Path_, Scalar]:
    """Every scalar of a YAML document by its path (keys and indexes), in the order of the file."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    found: dict[Path_, Scalar] = {}

    def refuse_tag(node: yaml.Node) -> None:  # the file was validated: a second wall, as content files are read
        if wrong := tag_problem(node):
            raise UsageError([f"{node.start_mark.line + 1}:{node.start_mark.column + 1}: {wrong}"])

    def walk(node: yaml.Node, at: Path_, flow: bool) -> None:
        refuse_tag(node)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                refuse_tag(key)
                walk(value, at + (value_of(key),), flow or bool(node.flow_style))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, at + (i,), flow or bool(node.flow_style))
        elif isinstance(node, yaml.ScalarNode):
            found[at] = Scalar(node, value_of(node), flow)

    if root is not None:
        walk(root, (), False)
    return found


def value_of(node: yaml.Node) -> Any:
    """A scalar's value as the content reader reads it (a date that is none stays text); a collection is no value."""
    try:
        return scalar(node) if isinstance(node, yaml.ScalarNode) else None
    except ValueError:
        return node.value


def same(a: str, b: str) -> bool:
    """Two texts are the same value once read (the model strips a text's ends, such as a block's final newline)."""
    return a.strip() == b.strip()


def replace_values(text: str, changes: dict[Path_, str]) -> str:
    """The text with each path's scalar re-rendered in its own style; every other byte is kept."""
    found = scalars(text)
    edits = []
    for at, value in changes.items():
        node = found[at].node
        start, end = node.start_mark.index, node.end_mark.index
        end = start + len(text[start:end].rstrip())  # a block scalar's span ends after its line breaks: keep them
        edits.append((start, end, render(value, found[at], text)))
    for start, end, new in sorted(edits, key=lambda edit: edit[0], reverse=True):
        text = text[:start] + new + text[end:]
    after = scalars(text)
    wrong = [at for at, value in changes.items() if not isinstance(after[at].value, str) or not same(after[at].value, value)]
    if wrong:  # a safety net: never write a value that would read back differently
        raise UsageError([f"{at}: could not write the new text in the style of the old one (edit it by hand)"
                          for at in wrong])
    return text


def render(value: str, scalar: Scalar, text: str) -> str:
    """The value as YAML in the scalar's style: plain, 'single', "double" or a folded block; double-quoted if it must."""
    style, start = scalar.node.style, scalar.node.start_mark.index
    value = value.strip()
    if style == ">" and folds(value):
        header = text[start:text.index("\n", start)]
        return header + "\n" + "\n".join(wrap(value, block_indent(text, start)))
    if style is None and plain(value, scalar.flow):
        return value
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    return yaml.safe_dump(value, default_style='"', allow_unicode=True, width=float("inf")).rstrip("\n")


def folds(value: str) -> bool:
    """Whether a folded block reads back as this value: one line of single-spaced words."""
    return bool(value) and "\n" not in value and "\t" not in value and "  " not in value


def block_indent(text: str, start: int) -> str:
    """The indentation of a block scalar's first line of content."""
    for line in text[start:].split("\n")[1:]:
        if line.strip():
            return line[:len(line) - len(line.lstrip(" "))]
    return "  "


def wrap(value: str, indent: str) -> list[str]:
    """Words on lines of at most WIDTH columns (a longer word stands alone)."""
    lines: list[str] = []
    for word in value.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= WIDTH:
            lines[-1] += " " + word
        else:
            lines.append(indent + word)
    return lines


def plain(value: str, flow: bool) -> bool:
    """Whether the value can stand unquoted where it stands, reading back as the same text."""
    if not value or "\n" in value:
        return False
    probe = f"[{value}]" if flow else f"k: {value}"
    try:
        node = yaml.compose(probe, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return False
    if node is None:
        return False
    children = node.value if flow else [v for _, v in node.value]
    return (len(children) == 1 and isinstance(children[0], yaml.ScalarNode) and children[0].style is None
            and children[0].tag == "tag:yaml.org,2002:str" and children[0].value == value)
