"""Two made-up topics of other shapes than the real article, to add to a project's content/: one with an SVG
picture, one with a table and a JPEG, each in French and English, with English reference titles that carry
straight apostrophes as authors type them ("Raynaud's phenomenon").

The whole suite should pass with them present (issue 25, "any topic, any test"). To try it:

    cp -r . COPY && .venv/bin/python tests/extra_topics.py COPY/content
    cd COPY && CHECKOUT/.venv/bin/python -m pytest -q       # with this checkout's venv

`tests/test_extra_topics.py` builds them in a scratch project and runs the output checks that depend on
the topic (typography, pictures on the slides of their sections, a DOI read whole) over them.
"""
from __future__ import annotations

import sys
from pathlib import Path

from articles import Shape, article, write, write_picture

from handouts.content.schema import MODELINE

# topic -> (the shape of its article, its pictures)
EXTRA = {
    "extra-svg": (dict(sections=3, pictures=("drawing.svg",), references=3), ("drawing.svg",)),
    "extra-table": (dict(sections=3, tables=((3, 4),), pictures=("photo.jpg",), references=3), ("photo.jpg",)),
}
TITLES = ("Raynaud's phenomenon in a garden's birds", "The robin's winter: a cohort's view")


def extra_article(topic: str, lang: str) -> dict:
    """The edition of an extra topic in `lang`: its first references in English, with straight apostrophes."""
    shape, _ = EXTRA[topic]
    data = article(Shape(lang=lang, **shape))  # type: ignore[arg-type]
    data["title"] = f"Test article {topic.split('-')[1]} {data['title'].split(' ', 2)[2]}"
    for reference, title in zip(data["references"], TITLES):
        reference["title"] = title
        reference["lang"] = "en"
    return data


def write_extra_topics(content: Path) -> list[str]:
    """Write every extra topic into a content folder; their names."""
    for topic, (_, pictures) in EXTRA.items():
        for name in pictures:
            write_picture(content / topic, name)
        for lang in ("fr-CA", "en-CA"):
            path = write(content, topic, extra_article(topic, lang))
            path.write_text(f"{MODELINE}\n{path.read_text(encoding='utf-8')}", encoding="utf-8")  # as an editor's file
    return list(EXTRA)


if __name__ == "__main__":
    print("wrote", ", ".join(write_extra_topics(Path(sys.argv[1]))))
