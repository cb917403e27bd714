"""YAML as the project's files hold it: text, numbers, true/false, dates, lists and mappings, nothing else.

Every file of content and settings (editions, the theme, approvals, translation records) is read here,
so that each is bounded (no anchors, no deep nesting, no huge value) and plain: a tag makes a value of
another kind, out of sight of the checks that text passes (a `!!binary` value carries any character),
so every tag is refused at its line and column, but `!!str` and a tag that names what the untagged value
is anyway (`!!int 3`).
"""
from __future__ import annotations

from typing import Any

import yaml

from handouts.errors import Problem
from handouts.errors import dotted as _dotted

Location = tuple[int, int]
Path_ = tuple[Any, ...]

MAX_DEPTH = 12                 # the model nests sections in sections, blocks, rows: never deeper than 8
MAX_TEXT = 6_000               # characters of one value: a long paragraph is about 1,500

YAML = "tag:yaml.org,2002:"
STR, SEQ, MAP = YAML + "str", YAML + "seq", YAML + "map"
SCALARS = {YAML + kind for kind in ("str", "int", "float", "bool", "null", "timestamp")}  # what plain scalars are
KINDS = {YAML + "int": "a whole number", YAML + "float": "a number", YAML + "timestamp": "a date like 2024-04-15"}
_safe = yaml.SafeLoader("")    # its resolver and its scalar constructors (which keep nothing between calls)


def read(text: str, shown: str, expected: str,
         max_text: int = MAX_TEXT) -> tuple[Any, dict[Path_, Location], list[Problem]]:
    """A file's text as plain data, where each value and key stands, and the located problems of its reading
    (bounds, syntax, tags); `expected` says what the whole file is, when it is not a mapping."""
    try:
        if bounded := bounds(text, shown, max_text):
            return None, {}, bounded
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is None or not isinstance(node, yaml.MappingNode):
            return None, {}, [Problem(shown, 1, 1, "(file)", f"is not {expected}")]
        return construct(node, shown)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, {}, [Problem(shown, line, col, "(syntax)", f"{exc.problem} (valid YAML)")]
    except yaml.reader.ReaderError as exc:
        line, col = _position(text, exc.position)
        return None, {}, [Problem(shown, line, col, "(text)", f"character U+{exc.character:04X} is not allowed "
                                                               "(printable text only)")]
    except yaml.YAMLError as exc:
        return None, {}, [Problem(shown, 1, 1, "(syntax)", " ".join(f"{exc} (valid YAML)".split()))]


def bounds(text: str, shown: str, max_text: int = MAX_TEXT) -> list[Problem]:
    """Refuse, from the YAML events alone and before anything is built, what only an attack or an accident
    would hold: anchors and aliases (content has no use for them; they can expand without bound),
    nesting deeper than any content, and a value longer than any paragraph."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        assert event.start_mark is not None  # the parser marks every event
        line, col = event.start_mark.line + 1, event.start_mark.column + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return [Problem(shown, line, col, "(yaml)", "anchors and aliases (& and *) are not allowed in content "
                                                        "(write each value out)")]
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return [Problem(shown, line, col, "(yaml)", f"nested more than {MAX_DEPTH} levels deep "
                                                            "(no field of content is)")]
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent) and len(event.value) > max_text:
            return [Problem(shown, line, col, "(text)", f"a value of {len(event.value):,} characters (at most "
                                                        f"{max_text:,}: split it into paragraphs)")]
    return []


def construct(node: yaml.Node, shown: str) -> tuple[Any, dict[Path_, Location], list[Problem]]:
    """Build plain data from a YAML node tree, remembering where each value and key stands; a tagged node,
    a key that is not a name and a date that is none are located problems."""
    marks: dict[Path_, Location] = {}
    problems: list[Problem] = []

    def refuse(n: yaml.Node, at: Path_, message: str) -> None:
        problems.append(Problem(shown, n.start_mark.line + 1, n.start_mark.column + 1, _dotted(at), message))

    def build(n: yaml.Node, at: Path_) -> Any:
        marks[at] = (n.start_mark.line + 1, n.start_mark.column + 1)
        if wrong := tag_problem(n):
            refuse(n, at, wrong)
            return None
        if isinstance(n, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in n.value:
                if wrong := tag_problem(key_node):
                    refuse(key_node, at, wrong)
                    continue
                key = _key(key_node)
                if not isinstance(key, (str, int)):
                    refuse(key_node, at, "a key is not a plain name (a field name like title)")
                    continue
                if key in out:
                    refuse(key_node, at + (key,), "appears twice (each field once)")
                marks[at + (key, "<key>")] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                out[key] = build(value_node, at + (key,))
            return out
        if isinstance(n, yaml.SequenceNode):
            return [build(item, at + (i,)) for i, item in enumerate(n.value)]
        assert isinstance(n, yaml.ScalarNode)  # the three kinds of node
        try:
            return scalar(n)
        except ValueError:  # 2024-13-01 looks like a date and is none; a number of more digits than Python reads
            refuse(n, at, f"{n.value[:40]!r} is not {KINDS.get(n.tag, 'a value')} (write it as text in quotes, "
                          f"or correct it)")
            return None

    return build(node, ()), marks, problems


def tag_problem(node: yaml.Node) -> str | None:
    """What is wrong with a node's tag, or None when it is plain: a mapping, a sequence, text, or a scalar
    tagged (or resolved) as what its plain form is anyway."""
    if isinstance(node, yaml.MappingNode):
        plain = node.tag == MAP
    elif isinstance(node, yaml.SequenceNode):
        plain = node.tag == SEQ
    else:
        assert isinstance(node, yaml.ScalarNode)  # the three kinds of node
        implicit = _safe.resolve(yaml.ScalarNode, node.value, (node.style is None, False))  # type: ignore[no-untyped-call]
        plain = node.tag == STR or node.tag == implicit
    if plain:
        return None
    return f"the YAML tag {_short(node.tag)} is not allowed (plain text, a number, a date, a list or a mapping, untagged)"


def scalar(node: yaml.ScalarNode) -> Any:
    """A plain scalar's value: text, or the number, boolean, null or date its form says (ValueError for a date
    that is none). YAML's `=` and `<<` are text here: the project's files have no use for value or merge keys."""
    if node.tag not in SCALARS:
        return node.value
    return _safe.yaml_constructors[node.tag](_safe, node)


def _key(node: yaml.Node) -> Any:
    """A mapping key's value: a name or a number; None for anything else (a list, a mapping, a date that is none)."""
    try:
        return scalar(node) if isinstance(node, yaml.ScalarNode) else None
    except ValueError:
        return None


def _short(tag: str) -> str:
    if tag.startswith(YAML):
        return "!!" + tag.removeprefix(YAML)
    return tag if tag.startswith("!") else f"!<{tag}>"


def _position(text: str, offset: int) -> Location:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
