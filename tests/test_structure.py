"""The screen leaflet's structure tree is the text's (standards A9-A12), read back by poppler's
`pdfinfo -struct-text`, an independent reader, and by pikepdf for what poppler does not print."""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest
from articles import Shape, article, write
from checks import struct_tags
from conftest import ROOT, flat
from test_blocks import marked_content_problems

from handouts.cli import main
from handouts.pipeline.load import load_library
from handouts.typography import typeset

pytestmark = pytest.mark.runs_long   # tests/conftest.py: started first

EDITIONS = ("fr", "en")


def squash(text: str) -> str:
    return "".join(flat(text).split())


@dataclass
class Node:
    tag: str
    texts: list[str] = field(default_factory=list)     # its own text lines, as poppler prints them
    kids: list[Node] = field(default_factory=list)

    def text(self) -> str:
        """Its text and its descendants', compared without whitespace: poppler prints each text box on a
        line of its own, and a line break and a span's edge (a range kept on one line) look alike there."""
        return squash("".join(self.lines()))

    def lines(self) -> list[str]:
        return [*self.texts, *(line for kid in self.kids for line in kid.lines())]

    def walk(self):
        for kid in self.kids:
            yield kid
            yield from kid.walk()


def struct_tree(path: Path) -> Node:
    """`pdfinfo -struct-text` parsed into a tree by its indentation."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], check=True, capture_output=True, text=True).stdout
    root = Node("root")
    stack: list[tuple[int, Node]] = [(-1, root)]
    for raw in out.splitlines():
        indent, line = len(raw) - len(raw.lstrip(" ")), raw.strip()
        while stack[-1][0] >= indent:
            stack.pop()
        if line.startswith('"') and line.endswith('"'):
            stack[-1][1].texts.append(line[1:-1])
        elif re.match(r"[A-Z][A-Za-z0-9]*( \(\w+\))?:?$", line):
            node = Node(line.split()[0].rstrip(":"))
            stack[-1][1].kids.append(node)
            stack.append((indent, node))
    return root


def content_blocks(folder: Path, lang: str):
    """The edition of a content folder (its only topic)."""
    topic = load_library(folder)[0]
    return next(e for e in topic.editions if e.language == lang)


def expected_sections(edition) -> list[tuple[str, list[str]]]:
    """Each section's heading and paragraphs, as typeset, in reading order."""
    t = lambda text: squash(typeset(text, edition.locale))  # noqa: E731
    return [(t(s.heading), [t(b) for b in s.body if isinstance(b, str)]) for s in edition.all_sections()]


def sections_read(tree: Node) -> list[tuple[str, list[str]]]:
    """Each Sect of the tree: its heading, then the P elements that are its own kids."""
    out = []
    for node in tree.walk():
        if node.tag == "Sect" and node.kids and re.fullmatch(r"H[1-6]", node.kids[0].tag):
            out.append((node.kids[0].text(), [k.text() for k in node.kids if k.tag == "P"]))
    return out


def assert_structure_is_the_text(path: Path, edition) -> None:
    tree = struct_tree(path)
    read = {heading: paragraphs for heading, paragraphs in sections_read(tree)}
    for heading, paragraphs in expected_sections(edition):
        assert heading in read, f"no Sect headed {heading!r}"
        assert read[heading] == paragraphs, heading
    headings = [n.text() for n in tree.walk() if re.fullmatch(r"H[1-3]", n.tag)]
    wanted = [squash(typeset(s.heading, edition.locale)) for s in edition.all_sections()]
    assert [h for h in headings if h in wanted] == wanted            # in the content's order
    boxes = (1 if edition.glossary else 0) + sum(len(s.callouts) for s in edition.sections)  # words to know, H3 call-outs
    boxes += sum(1 for s in edition.sections if edition.options_in(s))  # an options table after its section
    assert len(headings) == len(wanted) + 3 + boxes                  # title, summary, references


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> tuple[Path, Path]:
    """A made-up article long enough for paragraphs and sections to cross columns and pages."""
    root = tmp_path_factory.mktemp("structure")
    shutil.copytree(ROOT / "templates", root / "templates")
    shape = Shape(sections=4, subsections=(1,), paragraphs=3, paragraph_words=55, lists=True,
                  figures=("icons", "bars", "stat"))
    write(root / "content", "garden", article(shape))
    out = root / "out"
    assert main(["--output", str(out), "-q", "--strict"], root=root) == 0
    return root / "content", out / "garden" / "en" / "leaflet.pdf"


@pytest.mark.parametrize("lang", EDITIONS)
def test_paragraphs_and_headings_read_as_the_content(built, lang):
    edition = content_blocks(ROOT / "content", lang)
    assert_structure_is_the_text(built / "calcinose" / lang / "leaflet.pdf", edition)


def test_a_synthetic_article_reads_as_its_content(synthetic):
    content, leaflet = synthetic
    with pikepdf.open(leaflet) as pdf:
        assert len(pdf.pages) >= 2     # something crosses a page
    assert_structure_is_the_text(leaflet, content_blocks(content, "en"))


def leaflets(built, synthetic) -> list[Path]:
    return [built / "calcinose" / lang / name for lang in EDITIONS for name in ("leaflet.pdf", "card.pdf")] + [
        synthetic[1]]


def test_nothing_tagged_is_unreachable_and_links_are_tagged(built, synthetic):
    for path in leaflets(built, synthetic):
        pdf = pikepdf.open(path)
        reachable = {t.objgen for t in struct_tags(pdf)}
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for page in pdf.pages:
            owners = tree[int(page.obj.StructParents)]
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "BDC" and str(operands[0]) != "/Artifact":
                    owner = owners[int(operands[1].MCID)]
                    assert owner.objgen in reachable, f"{path.name}: MCID {operands[1].MCID} is unreachable"
            for annotation in page.obj.get("/Annots", []):
                link = tree[int(annotation.StructParent)]
                assert link.objgen in reachable and str(link.S) == "/Link", path.name
                assert any(isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"
                           and k.Obj.objgen == annotation.objgen for k in link.K), path.name
        assert marked_content_problems(pdf) == []


def test_the_running_footer_is_a_pagination_artifact(built):
    pdf = pikepdf.open(built / "calcinose" / "fr" / "leaflet.pdf")
    for page in pdf.pages:
        pagination = [ops for ops, op in pikepdf.parse_content_stream(page)
                      if str(op) == "BDC" and str(ops[0]) == "/Artifact" and str(ops[1].get("/Type")) == "/Pagination"]
        assert pagination, "a page without its footer as a pagination artifact"
    tree = struct_tree(built / "calcinose" / "fr" / "leaflet.pdf")
    assert not any("page 1 / " in n.text() for n in tree.walk() if n.tag == "P")


def test_no_layout_wrappers(built, synthetic):
    for path in leaflets(built, synthetic):
        tags = [n.tag for n in struct_tree(path).walk()]
        assert tags.count("Part") <= 1 and "Div" not in tags and "NonStruct" not in tags, path.name


def test_no_caption_inside_a_caption(built, synthetic):
    for path in leaflets(built, synthetic):
        for node in struct_tree(path).walk():
            if node.tag == "Caption":
                assert not any(k.tag == "Caption" for k in node.walk()), path.name


def test_alt_text_does_not_repeat_the_caption(built, synthetic):
    """A12: no line of a figure's visible caption is read again in its alt (a label of a few words, like
    the QR code's address, may be named); no doubled punctuation."""
    for path in leaflets(built, synthetic):
        pdf = pikepdf.open(path)
        alts = [flat(str(t.Alt)) for t in struct_tags(pdf) if str(t.S) == "/Figure"]
        kids = [n for n in struct_tree(path).walk()]
        captions = [n for n in kids if n.tag == "Caption"]
        assert alts
        for alt in alts:
            assert not re.search(r"[?!.:;] ?[?!.:;]", alt), alt
            for caption in captions:
                for line in caption.lines():
                    if len(line.split()) > 3:
                        assert flat(line) not in alt, (path.name, line)


def test_english_reference_titles_of_the_french_edition_say_so(built):
    """A11: each reference's English title and journal are a Span with /Lang en inside its list item."""
    pdf = pikepdf.open(built / "calcinose" / "fr" / "leaflet.pdf")
    items = [t for t in struct_tags(pdf) if str(t.S) == "/LI"]
    english = [t for t in struct_tags(pdf) if str(t.get("/Lang", "")) == "en"]
    assert english and all(str(t.S) == "/Span" for t in english)
    inside = {t.objgen for item in items for t in struct_tags_under(item)}
    assert {t.objgen for t in english} <= inside
    with_english = [item for item in items if any(str(t.get("/Lang", "")) == "en" for t in struct_tags_under(item))]
    assert len(with_english) == len(content_blocks(ROOT / "content", "fr").references)
    english_edition = pikepdf.open(built / "calcinose" / "en" / "leaflet.pdf")
    assert not [t for t in struct_tags(english_edition) if "/Lang" in t]


def struct_tags_under(element) -> list:
    out = []
    kids = element.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            out += [kid, *struct_tags_under(kid)]
    return out


def figure_follows_its_paragraph(tree: Node, edition) -> list[str]:
    """Each key figure (its Figure, then its Caption with its title) comes right after the P holding its sentence."""
    problems = []
    t = lambda text: squash(typeset(text, edition.locale))  # noqa: E731
    parents = [tree, *tree.walk()]
    for figure in edition.key_figures:
        for parent in parents:
            at = next((i for i, k in enumerate(parent.kids) if k.tag == "P" and t(figure.sentence) in k.text()), None)
            if at is not None:
                after = []   # the figures and captions right after the paragraph, up to the next other element
                for kid in parent.kids[at + 1:]:
                    if kid.tag not in ("Figure", "Caption"):
                        break
                    after.append(kid)
                if not any(k.tag == "Caption" and t(figure.title) in k.text() for k in after):
                    problems.append(f"{figure.id} is not right after its paragraph")
                break
        else:
            problems.append(f"no P holds the sentence of {figure.id}")
    return problems


@pytest.mark.parametrize("lang", EDITIONS)
def test_each_key_figure_follows_the_paragraph_it_illustrates(built, lang):
    edition = content_blocks(ROOT / "content", lang)
    assert figure_follows_its_paragraph(struct_tree(built / "calcinose" / lang / "leaflet.pdf"), edition) == []


def test_synthetic_key_figures_follow_their_paragraphs(synthetic):
    content, leaflet = synthetic
    assert figure_follows_its_paragraph(struct_tree(leaflet), content_blocks(content, "en")) == []
