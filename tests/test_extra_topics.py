"""The output checks that depend on a topic's shape, over the extra topics of `extra_topics` (an SVG picture; a
table and a JPEG; English reference titles with straight apostrophes) built in a scratch project: what failed
when they sat in content/ beside the real article (issue 25). The whole suite with them present is run as
`extra_topics` says."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from extra_topics import EXTRA, TITLES, write_extra_topics
from pptx import Presentation
from readback import visible_text

from handouts.cli import main
from handouts.content.model import Edition, Picture, Table
from handouts.pipeline.build import Project, load_editions
from handouts.pipeline.outputs import OUTPUTS

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
PDFS = [o.filename for o in OUTPUTS if o.format == "pdf" and o.filename != "leaflet-booklet.pdf"]
ADDRESS = re.compile(r"https?://\S+|\S+@\S+|10\.\d{4,9}/\S+")


@pytest.fixture(scope="module")
def extra(tmp_path_factory) -> tuple[Path, dict[str, Edition]]:
    """The extra topics, built strictly once: the output folder, and each edition by its content file."""
    root = tmp_path_factory.mktemp("extra")
    shutil.copytree(ROOT / "templates", root / "templates")
    write_extra_topics(root / "content")
    assert main(["--output", str(root / "out"), "-q", "--strict", "--jobs", "2"], root=root) == 0
    return root / "out", load_editions(Project(root))


def editions_of(extra) -> list[tuple[Path, Edition]]:
    out, editions = extra
    return [(out / name.split("/")[1] / Path(name).stem, edition) for name, edition in sorted(editions.items())]


def key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.replace("’", "'").lower())


def test_every_extra_topic_was_built(extra):
    assert sorted({folder.parent.name for folder, _ in editions_of(extra)}) == sorted(EXTRA)


def test_reference_titles_read_with_typographic_apostrophes_in_every_language(extra):
    for folder, _ in editions_of(extra):
        for name, fmt in [(pdf, "pdf") for pdf in PDFS] + [("deck.pptx", "deck"), ("page.html", "html")]:
            text = ADDRESS.sub(" ", visible_text(folder / name, fmt))
            assert "'" not in text and '"' not in text, (folder, name, re.findall(r".{20}['\"].{20}", text)[:3])
            if not name.startswith(("card", "deck-script")):   # the card cites the journal, the script no reference
                flat = " ".join(text.split())
                assert all(title.replace("'", "’") in flat for title in TITLES), (folder, name)


def test_every_picture_on_a_slide_of_its_section_and_every_table_on_a_slide(extra):
    for folder, edition in editions_of(extra):
        slides = list(Presentation(str(folder / "deck.pptx")).slides)
        blocks = [(section, block) for section in edition.all_sections() for block in section.body
                  if isinstance(block, (Picture, Table))]
        assert blocks, folder
        for section, block in blocks:
            name = block.alt if isinstance(block, Picture) else block.caption
            shown = [s for s in slides for p in s.shapes._spTree.iter(f"{P}pic", f"{P}graphicFrame")
                     if key(p.find(f".//{P}cNvPr").get("descr", "")) == key(name)]
            assert len(shown) == 1, (folder, name)
            if isinstance(block, Picture):   # a table's slide is titled by its caption
                assert key(shown[0].shapes.title.text_frame.text).startswith(key(section.slide_title)), (folder, name)


def test_a_drafts_text_layer_has_no_letter_of_its_mark_and_every_doi_whole(extra):
    for folder, edition in editions_of(extra):
        for name in PDFS:
            text = subprocess.run(["pdftotext", str(folder / name), "-"], capture_output=True, text=True,
                                  check=True).stdout
            assert not re.search(r"^\s*(DR|AF|ÉB|AU|CH)\s*$", text, re.MULTILINE), (folder, name)
            joined = "".join(text.split())
            assert [ref.doi for ref in edition.references if ref.doi not in joined] == [], (folder, name)
