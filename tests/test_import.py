"""`python build.py import`: an article in plain text (the seed), a Word document of a generated shape, a
Markdown article of another shape and the project's own Word edition each become a content file that
validates and builds with nothing to change but its TODOs; read back from the file written and the outputs
built. The texts are the document's, as written."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml
from articles import Shape, article, sentence, write_picture
from conftest import ROOT, make_scratch
from readback import normal, pdf_text

from handouts.cli import main
from handouts.content.citations import parsed
from handouts.pipeline.build import Project, build, load_editions

SEED = ROOT / "tests" / "fixtures" / "import" / "seed.txt"
OUT = ("leaflet.pdf", "card.pdf", "deck.pptx")


def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / "content").mkdir()
    return tmp_path


def imported(root: Path, source: Path, topic: str, lang: str, capsys) -> tuple[dict, str]:
    assert main(["import", str(source), "--topic", topic, "--lang", lang], root=root) == 0, capsys.readouterr().err
    path = root / "content" / topic / f"{lang.split('-')[0]}.yaml"
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text), text


def built(root: Path, *outputs: str) -> Path:
    """Built (not strict: the TODOs and the source's own spellings are warnings), the outputs asked for."""
    out = root / "out"
    assert main(["build", "-q", "-j", "1", "--output", str(out), *(a for o in outputs for a in ("--only", o))],
                root=root) == 0
    return out


def todo_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), 1) if "TODO" in line]


def every_text(data: object) -> list[str]:
    if isinstance(data, dict):
        return [t for value in data.values() for t in every_text(value)]
    if isinstance(data, list):
        return [t for value in data for t in every_text(value)]
    return [data] if isinstance(data, str) else []


# --- the seed: a plain-text article whose headings are marked with # -------------------------------------

def test_the_seed_imports_into_an_edition_that_builds(tmp_path, capsys):
    root = project(tmp_path)
    data, text = imported(root, SEED, "seed", "fr-CA", capsys)
    source = SEED.read_text(encoding="utf-8")
    assert data["title"] == "La calcinose associée à la sclérodermie systemique"   # in capitals in the source
    assert [(a["name"], a.get("degrees")) for a in data["authors"]] == [("Dre Thaisa Cotton", "MD"),
                                                                         ("Dre Sabrina Hoa", "MD MSc FRCPC")]
    assert data["authors"][0]["positions"] == ["Fellow post-doctorale en rhumatologie",
                                               "Centre hospitalier de l'Université de Montréal"]
    assert data["lead"].startswith("La sclérodémie systémique est caractérisée")   # the source's spelling, kept
    assert str(data["published"]) == "2024-04"   # its "Avril 2024" (it was the month of the import: a cold review)
    assert not re.search(r"^#\s+Avril 2024$", text, re.M)   # placed: not among the texts left in comments
    headings = [s["heading"] for s in data["sections"]]
    assert headings[0] == "Qu'est-ce que la calcinose ?" and "Interventions" in headings
    assert "la calcinose associée à la sclérodermie systémique" not in [h.lower() for h in headings]   # running heads
    assert data["summary"]["heading"] == "En résumé"
    # every paragraph of the source is in the file, as written (the medical text is never changed)
    paragraphs = [p for p in re.split(r"\n\s*\n", source) if len(p.split()) > 25 and not p.startswith(("#", "1."))]
    texts = [t for t in every_text(data) if len(t.split()) > 25]
    assert sorted(paragraphs) == sorted(texts)
    assert [(r["doi"], r["journal"], r["year"], r["volume"], r["issue"], r["pages"]) for r in data["references"]] == [
        ("10.1007/s00403-021-02264-5", "Arch Dermatol Res", 2022, "314", "6", "515-25"),
        ("10.3899/jrheum.211393", "J Rheumatol", 2022, "49", "9", "980-89"),
        ("10.1097/bor.0000000000000896", "Curr Opin Rheumatol", 2022, "34", "6", "319-27")]
    assert data["references"][0]["online_first"] == "2021-06-24"
    assert "#   Nous remercions chaleureusement" in text   # text with no field is kept, in a comment
    out = built(root, *OUT)
    shown = normal(pdf_text(out / "seed" / "fr" / "leaflet.pdf"))
    for heading in headings:
        assert normal(heading.replace("?", "")) in shown.replace("?", "")


def test_each_todo_is_a_warning_at_its_line_and_a_release_refuses_them(tmp_path, capsys):
    root = project(tmp_path)
    _, text = imported(root, SEED, "seed", "fr-CA", capsys)
    result = build(Project(root), root / "out", check=True)
    warned = sorted(int(w.split(":")[1]) for w in result.warnings if "(left to write)" in w)
    assert warned == todo_lines(text) and len(warned) >= 10
    assert all(w.startswith("content/seed/fr.yaml:") for w in result.warnings if "(left to write)" in w)
    capsys.readouterr()
    assert main(["build", "--release", "-q", "--output", str(root / "out")], root=root) == 2
    refused = [line for line in capsys.readouterr().err.splitlines() if "(left to write)" in line]
    assert sorted(int(line.split(":")[1]) for line in refused) == todo_lines(text)


def test_an_edition_with_a_todo_left_is_refused_even_approved(scratch, capsys):
    path = scratch / "content" / "bird-feeders" / "en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("lead: >-", "# TODO: check the lead\nlead: >-"),
                    encoding="utf-8")
    for lang in ("en", "fr"):
        assert main(["approve", f"bird-feeders/{lang}", "--by", "A. Reviewer", "--role", "tester"], root=scratch) == 0
    capsys.readouterr()
    assert main(["build", "--release", "-q", "--only", "card.pdf", "--output", str(scratch / "out")], root=scratch) == 2
    assert capsys.readouterr().err.splitlines() == [
        "content/bird-feeders/en.yaml:18:3: (left to write): TODO: check the lead (write it, then remove the TODO; "
        "--release refuses it)"]


def test_import_refuses_an_existing_edition_unless_forced(tmp_path, capsys):
    root = project(tmp_path)
    imported(root, SEED, "seed", "fr-CA", capsys)
    path = root / "content" / "seed" / "fr.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# kept\n", encoding="utf-8")
    assert main(["import", str(SEED), "--topic", "seed", "--lang", "fr-CA"], root=root) == 2
    assert capsys.readouterr().err.splitlines() == ["content/seed/fr.yaml: already exists (--force replaces it)"]
    assert path.read_text(encoding="utf-8").endswith("# kept\n")
    assert main(["import", str(SEED), "--topic", "seed", "--lang", "fr-CA", "--force"], root=root) == 0
    assert not path.read_text(encoding="utf-8").endswith("# kept\n")
    assert main(["import", str(tmp_path / "none.docx"), "--topic", "Bad_Topic", "--lang", "fr-CA"], root=root) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"import {tmp_path / 'none.docx'}: no such file",
        "--topic Bad_Topic: not a folder name (lower-case letters, digits and hyphens, like hand-care)"]


# --- a Word document that a test writes from a generated article ---------------------------------------

def vancouver(ref: dict) -> str:
    return (f"{', '.join(ref['authors'])}. {ref['title']}. {ref['journal']}. {ref['year']};{ref['volume']}"
            f"{'(' + ref['issue'] + ')' if ref.get('issue') else ''}:{ref['pages']}. doi: {ref['doi']}")


def word_document(data: dict, folder: Path, path: Path) -> None:
    """The article as an author's Word document: Title style, authors in bold with their positions on the
    next lines, the lead, Heading 1 and 2, lists, tables with a header row, pictures (the first with its alt
    text, the others without), a numbered references list under its heading."""
    document = docx.Document()
    document.add_paragraph(data["title"], "Title")
    for author in data["authors"]:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{author['name']}, {author['degrees']}").bold = True
        for position in author["positions"]:
            paragraph.add_run().add_break()
            paragraph.add_run(position)
    document.add_paragraph(data["lead"])

    def section(part: dict, level: int) -> None:
        document.add_heading(part["heading"], level)
        for block in part["body"]:
            if isinstance(block, str):
                document.add_paragraph(block)
            elif "items" in block:
                for item in block["items"]:
                    document.add_paragraph(item, "List Number" if level == 2 else "List Bullet")
            elif "header" in block:
                table = document.add_table(rows=1 + len(block["rows"]), cols=len(block["header"]))
                for row, cells in zip(table.rows, [block["header"], *block["rows"]]):
                    for cell, value in zip(row.cells, cells):
                        cell.text = value
            elif "image" in block:
                document.add_picture(str(folder / block["image"]))
                described = document.inline_shapes[-1]._inline.docPr
                described.set("descr", block["alt"] if block["image"].endswith("1.png") else "")
        for sub in part.get("subsections", ()):
            section(sub, level + 1)

    for part in data["sections"]:
        section(part, 1)
    document.add_heading("References", 1)
    for ref in data["references"]:
        document.add_paragraph(vancouver(ref), "List Number")
    document.save(str(path))


WORD_SHAPE = Shape(sections=3, subsections=(2, 0, 1), paragraphs=2, lists=True, tables=((3, 2), (2, 3)),
                   pictures=("picture-1.png", "picture-2.png"), references=3, lang="en-CA",
                   extra={"lead": sentence(30, 5)})


def word_article(tmp_path: Path, closing: tuple[str, ...] | list[str] = ()) -> tuple[dict, Path]:
    """A generated article of WORD_SHAPE as a Word document in tmp_path/drafts, the `closing` paragraphs after its
    references."""
    data = article(WORD_SHAPE)
    folder = tmp_path / "drafts"
    for name in WORD_SHAPE.pictures:
        write_picture(folder, name)
    word_document(data, folder, folder / "article.docx")
    if closing:
        document = docx.Document(str(folder / "article.docx"))
        for line in closing:
            document.add_paragraph(line)
        document.save(str(folder / "article.docx"))
    return data, folder / "article.docx"


def test_a_word_document_imports_its_structure_pictures_and_references(tmp_path, capsys):
    root = project(tmp_path)
    data, path = word_article(tmp_path)
    got, text = imported(root, path, "garden", "en-CA", capsys)
    assert got["title"] == data["title"] and got["lead"] == data["lead"]
    assert [(a["name"], a["degrees"], a["positions"]) for a in got["authors"]] == [
        (a["name"], a["degrees"], a["positions"]) for a in data["authors"]]

    def shape(part: dict) -> tuple:
        kinds = [b if isinstance(b, str) else ("list", tuple(b["items"])) if "items" in b
                 else ("table", tuple(b["header"]), tuple(map(tuple, b["rows"]))) if "header" in b else "picture"
                 for b in part["body"]]
        return part["heading"], kinds, [shape(s) for s in part.get("subsections", ())]

    assert [shape(s) for s in got["sections"]] == [shape(s) for s in data["sections"]]
    pictures = [b for s in got["sections"] for p in (s, *s.get("subsections", ())) for b in p["body"]
                if isinstance(b, dict) and "image" in b]
    assert [p["alt"] for p in pictures] == ["Drawing 1 of a garden",
                                            "TODO: what this picture shows, for a reader who cannot see it"]
    assert all((root / "content" / "garden" / p["image"]).is_file() for p in pictures)
    fields = ("authors", "title", "journal", "year", "volume", "pages", "doi")
    assert [{k: r[k] for k in fields} for r in got["references"]] == [{k: r[k] for k in fields} for r in data["references"]]
    out = built(root, "leaflet.pdf", "edition.docx")
    shown = normal(pdf_text(out / "garden" / "en" / "leaflet.pdf"))
    assert all(normal(s["heading"]) in shown for s in data["sections"])
    assert normal(data["sections"][0]["body"][1]) in shown


# --- a Markdown article of another shape ----------------------------------------------------------------

def markdown(data: dict) -> str:
    """The article as Markdown: # title, authors in bold, ## sections and ### subsections, pipe tables, pictures
    with and without alt text, and its references as a numbered list that ends it, under no heading."""
    lines = [f"# {data['title']}", "", *(f"**{a['name']}, {a['degrees']}**  \n{a['positions'][0]}\n" for a in data["authors"]),
             data["lead"], ""]

    def section(part: dict, level: int) -> None:
        lines.extend([f"{'#' * level} {part['heading']}", ""])
        for block in part["body"]:
            if isinstance(block, str):
                lines.extend([block, ""])
            elif "items" in block:
                lines.extend([*(f"- {item}" for item in block["items"]), ""])
            elif "header" in block:
                lines.extend([f"| {' | '.join(block['header'])} |", f"|{'---|' * len(block['header'])}",
                              *(f"| {' | '.join(row)} |" for row in block["rows"]), "", f"Table: {block['caption']}", ""])
            elif "image" in block:
                lines.extend([f"![{block['alt']}]({block['image']})", ""])
        for sub in part.get("subsections", ()):
            section(sub, level + 1)

    for part in data["sections"]:
        section(part, 2)
    lines.extend([f"{n}. {vancouver(ref)}" for n, ref in enumerate(data["references"], 1)])
    return "\n".join(lines) + "\n"


MARKDOWN_SHAPE = Shape(sections=4, subsections=(0, 0, 2), paragraph_words=45, lists=True, tables=((2, 4),),
                       pictures=("drawing.svg",), references=4, lang="fr-CA", extra={"lead": sentence(35, 2)})


def test_a_markdown_article_of_another_shape_imports_and_builds(tmp_path, capsys):
    root = project(tmp_path)
    data = article(MARKDOWN_SHAPE)
    folder = tmp_path / "drafts"
    write_picture(folder, "drawing.svg")
    (folder / "article.md").write_text(markdown(data), encoding="utf-8")
    got, _ = imported(root, folder / "article.md", "garden", "fr-CA", capsys)
    assert [s["heading"] for s in got["sections"]] == [s["heading"] for s in data["sections"]]
    assert [[x["heading"] for x in s.get("subsections", ())] for s in got["sections"]] == [
        [x["heading"] for x in s.get("subsections", ())] for s in data["sections"]]
    tables = [b for s in got["sections"] for p in (s, *s.get("subsections", ())) for b in p["body"]
              if isinstance(b, dict) and "header" in b]
    wanted = [b for s in data["sections"] for p in (s, *s.get("subsections", ())) for b in p["body"]
              if isinstance(b, dict) and "header" in b]
    assert tables == wanted
    assert [r["doi"] for r in got["references"]] == [r["doi"] for r in data["references"]]
    assert all(s["body"][-1] != {"items": [vancouver(r) for r in data["references"]]} for s in got["sections"])
    assert (root / "content" / "garden" / "drawing.svg").is_file()
    out = built(root, "card.pdf", "leaflet.pdf")
    shown = normal(pdf_text(out / "garden" / "fr" / "leaflet.pdf"))
    assert all(normal(r["title"]) in shown for r in data["references"])
    assert normal(tables[0]["rows"][-1][-1]) in shown


# --- the project's own Word edition, imported again --------------------------------------------------------

def test_the_word_edition_imported_again_gives_its_sections_blocks_and_references(tmp_path, capsys):
    scratch = make_scratch(tmp_path / "edition")
    assert main(["build", "-q", "--only", "edition.docx", "--output", str(scratch / "out")], root=scratch) == 0
    editions = load_editions(Project(scratch))
    root = project(tmp_path / "again")
    for content, edition in editions.items():
        lang = edition.language
        got, _ = imported(root, scratch / "out" / "bird-feeders" / lang / "edition.docx", "birds", edition.lang, capsys)

        def kinds(body: list) -> list[str]:
            return ["paragraph" if isinstance(b, str) else "list" if "items" in b else "table" if "header" in b
                    else "picture" for b in body]

        def own(section) -> tuple:
            body = [b if isinstance(b, str) else b.model_dump(exclude_none=True) for b in section.body]
            return normal(section.heading), kinds(body), [own(s) for s in section.subsections]

        def back(section: dict) -> tuple:
            return normal(section["heading"]), kinds(section["body"]), [back(s) for s in section.get("subsections", ())]

        assert [back(s) for s in got["sections"]] == [own(s) for s in edition.sections], content
        assert normal(got["summary"]["heading"]) == normal(edition.summary.heading)
        assert normal(got["title"]) == normal(edition.title)
        fields = ("title", "journal", "year", "volume", "issue", "pages", "doi", "online_first", "language_note")
        assert [[normal(str(r.get(k, ""))) for k in fields] for r in got["references"]] == [
            [normal(str(getattr(r, k) or "")) for k in fields] for r in edition.references], content
        assert [[normal(a) for a in r["authors"]] for r in got["references"]] == [
            [normal(str(a)) for a in r.authors] for r in edition.references]


# --- references as printed -----------------------------------------------------------------------------------

def test_a_reference_it_cannot_split_is_kept_whole_with_a_todo():
    text = "World Bird Council. Feeding guidance for gardens. Geneva: WBC; 2019."
    kept = parsed(text)
    assert kept["title"].endswith(text) and kept["title"].startswith("TODO") and kept["year"] == 2019
    assert parsed("1. Roy M, Exemple C. A title? Test J. 2020 Mar;4:33-41. doi:10.5555/x.1.")["title"] == "A title?"


def test_import_without_its_extra_says_which_to_install(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "pypandoc", None)   # as if not installed
    root = project(tmp_path)
    assert main(["import", str(SEED), "--topic", "seed", "--lang", "fr-CA"], root=root) == 2
    assert capsys.readouterr().err.splitlines() == [
        "import needs the 'import' extra (pypandoc-binary is not installed): pip install -e '.[import]'"]
    assert list((root / "content").iterdir()) == []


def test_the_old_flag_imports_too(tmp_path, capsys):
    root = project(tmp_path)
    assert main(["--import", str(SEED), "--topic", "seed", "--lang", "fr-CA"], root=root, notices=True) == 0
    out, err = capsys.readouterr()
    assert err.startswith("--import is now `python build.py import FILE --topic TOPIC --lang LANGUAGE`")
    assert out.startswith("wrote content/seed/fr.yaml") and (root / "content" / "seed" / "fr.yaml").is_file()


@pytest.mark.parametrize("suffix", [".html", ".odt"])
def test_an_article_in_html_or_odt_imports_the_same(tmp_path, capsys, suffix):
    """The Markdown article written by pandoc as HTML or ODT (its picture inside the ODT) imports to the same
    sections, subsections, paragraphs, lists, tables, picture and references. (Pandoc's ODT writer keeps a
    table's caption and a picture's alt text as paragraphs of their own: so they come back.)"""
    from handouts.pipeline.importing import pandoc
    root = project(tmp_path)
    data = article(MARKDOWN_SHAPE)
    folder = tmp_path / "drafts"
    write_picture(folder, "drawing.svg")
    (folder / "article.md").write_text(markdown(data), encoding="utf-8")
    subprocess.run([pandoc(), "--from", "markdown-smart", "--standalone", "--metadata", "pagetitle=article",
                    "--resource-path", str(folder), "-o", str(folder / f"article{suffix}"), str(folder / "article.md")],
                   check=True, cwd=folder)
    (folder / "article.md").unlink()
    got, _ = imported(root, folder / f"article{suffix}", "garden", "fr-CA", capsys)
    captions = {b["caption"] for s in data["sections"] for p in (s, *s.get("subsections", ())) for b in p["body"]
                if isinstance(b, dict) and "caption" in b} | {"Drawing 1 of a garden"}

    def outline(part: dict) -> tuple:
        return (part["heading"], [b if isinstance(b, str) else b.get("items") or b.get("rows") or "picture"
                                  for b in part["body"] if not (isinstance(b, str) and b in captions)],
                [outline(s) for s in part.get("subsections", ())])

    assert [outline(s) for s in got["sections"]] == [outline(s) for s in data["sections"]]
    assert [r["doi"] for r in got["references"]] == [r["doi"] for r in data["references"]]
    (picture,) = [b for s in got["sections"] for b in s["body"] if isinstance(b, dict) and "image" in b]
    assert (root / "content" / "garden" / picture["image"]).is_file()
    assert picture["alt"] == ("Drawing 1 of a garden" if suffix == ".html" else   # in the edition's language
                              "TODO: ce que montre cette image, pour un lecteur qui ne peut pas la voir")
    assert main(["check"], root=root) == 0


def test_a_document_without_headings_still_validates_and_a_broken_one_is_one_line(tmp_path, capsys):
    root = project(tmp_path)
    (tmp_path / "plain.txt").write_text("A first paragraph, the lead.\n\nA second paragraph.\n", encoding="utf-8")
    got, text = imported(root, tmp_path / "plain.txt", "plain", "en-CA", capsys)
    assert got["lead"] == "A first paragraph, the lead." and got["sections"][0]["body"] == ["A second paragraph."]
    assert got["title"].startswith("TODO") and got["references"][0]["title"].startswith("TODO")
    assert main(["check"], root=root) == 0
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    capsys.readouterr()
    assert main(["import", str(tmp_path / "broken.docx"), "--topic", "broken", "--lang", "en-CA"], root=root) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("import broken.docx: pandoc cannot read it (")
    assert not (root / "content" / "broken").exists()
