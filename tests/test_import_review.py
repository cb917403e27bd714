"""`python build.py import` as an association's editor reviews what it wrote: the association the article
names (its closing lines, a signature block, a property of the document), titles and headings in capitals put in
sentence case (and counted in the one-line result), uneven heading levels normalised with a TODO where a level
was skipped, and every comment for the editor in the edition's language. On the seed article and on generated
documents of other shapes; read back from the file written."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import yaml
from articles import article, write_picture
from test_import import MARKDOWN_SHAPE, SEED, WORD_SHAPE, imported, markdown, project, word_article

from handouts.cli import main
from handouts.pipeline.build import Project, build


def comments_above(text: str, key_line: str) -> list[str]:
    """The comment lines right above a line of the file."""
    lines = text.splitlines()
    at = lines.index(key_line)
    above = []
    while at > 0 and lines[at - 1].lstrip().startswith("#"):
        at -= 1
        above.insert(0, lines[at].strip())
    return above


def result_line(capsys) -> str:
    (line,) = [line for line in capsys.readouterr().out.splitlines() if line.startswith("wrote ")]
    return line


def with_company(path: Path, company: str) -> None:
    """The Word document with its application properties naming a company (as Word's File > Properties does)."""
    with zipfile.ZipFile(path) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    app = entries["docProps/app.xml"].decode("utf-8")
    entries["docProps/app.xml"] = app.replace("</Properties>", f"<Company>{company}</Company></Properties>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries.items():
            target.writestr(name, data)


# --- 1. the association ----------------------------------------------------------------------------------

def test_the_seed_names_its_association_from_the_lines_after_its_references(tmp_path, capsys):
    root = project(tmp_path)
    data, text = imported(root, SEED, "seed", "fr-CA", capsys)
    assert data["association"] == {"name": "SCLERODERMA MANITOBA", "website": "https://www.sclerodermamanitoba.com",
                                   "email": "info@sclerodermamanitoba.com"}
    above = comments_above(text, "association:")
    assert not any("TODO" in line for line in above) and "SCLERODERMA MANITOBA" in above[0]
    unplaced = text.split("TODO: textes de l'article qui n'ont pas de champ ici")[1]
    assert "#   Nous remercions" in unplaced and "sclerodermamanitoba" not in unplaced   # placed, so no longer listed
    assert main(["check"], root=root) == 0


def test_a_signature_block_or_a_document_property_names_the_association(tmp_path, capsys):
    club = article(WORD_SHAPE)["association"]
    root = project(tmp_path / "signed")
    signature = [club["name"], club["website"].removeprefix("https://"), club["email"]]
    _, path = word_article(tmp_path / "signed", signature)
    got, _ = imported(root, path, "garden", "en-CA", capsys)
    assert got["association"] == club
    # one line, its parts separated by dots, the address written with http://
    root = project(tmp_path / "one-line")
    _, path = word_article(tmp_path / "one-line", [f"{club['name']} · http://{club['website'][8:]}/ · {club['email']}"])
    got, _ = imported(root, path, "garden", "en-CA", capsys)
    assert got["association"] == club
    # no line says it, the document's properties do: Word's company, an ODT's user-defined field
    root = project(tmp_path / "property")
    _, path = word_article(tmp_path / "property", [])
    with_company(path, club["name"])
    got, text = imported(root, path, "garden", "en-CA", capsys)
    assert got["association"]["name"] == club["name"]
    assert [line for line in comments_above(text, "association:") if "TODO" in line] == [
        "# TODO: the association's website, email: the article does not give it"]
    from handouts.pipeline.importing import pandoc
    folder = tmp_path / "odt"
    folder.mkdir()
    (folder / "article.md").write_text(markdown(article(MARKDOWN_SHAPE)), encoding="utf-8")
    subprocess.run([pandoc(), "--from", "markdown-smart", "--metadata", f"publisher={club['name']}", "-o",
                    str(folder / "article.odt"), str(folder / "article.md")], check=True, cwd=folder)
    root = project(tmp_path / "odt-project")
    got, _ = imported(root, folder / "article.odt", "garden", "fr-CA", capsys)
    assert got["association"]["name"] == club["name"]


def test_without_its_association_the_todo_quotes_the_lines_to_look_at(tmp_path, capsys):
    root = project(tmp_path)
    _, path = word_article(tmp_path, ["TEST BIRD CLUB OF THE NORTH"])
    got, text = imported(root, path, "garden", "en-CA", capsys)
    assert got["association"]["name"].startswith("TODO")
    todo = " ".join(line.lstrip("# ") for line in comments_above(text, "association:"))
    assert todo.startswith("TODO: the association that publishes it") and "“TEST BIRD CLUB OF THE NORTH”" in todo
    assert main(["check"], root=root) == 0


# --- 2. titles and headings in capitals --------------------------------------------------------------------

def test_the_seeds_titles_in_capitals_are_put_in_sentence_case_and_counted(tmp_path, capsys):
    root = project(tmp_path)
    assert main(["import", str(SEED), "--topic", "seed", "--lang", "fr-CA"], root=root) == 0
    assert "; 6 title or heading(s) in capitals put in sentence case" in result_line(capsys)
    text = (root / "content" / "seed" / "fr.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    written = [line.lstrip("#").strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    headings = [data["title"], data["summary"]["heading"], *(p["heading"] for s in data["sections"]
                                                             for p in (s, *s.get("subsections", ())))]
    assert all(heading.lower() in {w.lower() for w in written} for heading in headings)   # only the letters' case
    assert not [h for h in headings if h.isupper()]
    assert data["sections"][0]["heading"] == "Qu'est-ce que la calcinose ?"
    assert "Mesures générales" in [s["heading"] for s in data["sections"][3]["subsections"]]   # not in capitals: kept
    assert comments_above(text, f"- id: {data['sections'][0]['id']}")[0].startswith(
        "# en capitales dans l'article : « QU'EST-CE QUE LA CALCINOSE ? »")


def test_an_acronym_or_a_name_of_the_running_text_stays_as_it_writes_it(tmp_path, capsys):
    """Headings in capitals of a generated Markdown article come back as written before, an acronym (in capitals
    in the running text) and a name (capitalised inside its sentences) kept so."""
    root = project(tmp_path)
    data = article(MARKDOWN_SHAPE)
    data["sections"][1]["heading"] = "Heading with ANA and Raynaud, then words"
    data["sections"][1]["body"][0] += " The ANA test and the sign of Raynaud are named here."
    lines = [line.upper() if line.startswith("#") else line for line in markdown(data).splitlines()]
    folder = tmp_path / "drafts"
    write_picture(folder, "drawing.svg")
    (folder / "article.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["import", str(folder / "article.md"), "--topic", "garden", "--lang", "fr-CA"], root=root) == 0
    headings = 1 + sum(1 + len(s.get("subsections", ())) for s in data["sections"])
    assert f"; {headings} title or heading(s) in capitals put in sentence case" in result_line(capsys)
    got = yaml.safe_load((root / "content" / "garden" / "fr.yaml").read_text(encoding="utf-8"))
    assert got["title"] == data["title"]
    assert [(s["heading"], [x["heading"] for x in s.get("subsections", ())]) for s in got["sections"]] == [
        (s["heading"], [x["heading"] for x in s.get("subsections", ())]) for s in data["sections"]]


# --- 3. uneven heading levels ------------------------------------------------------------------------------

def test_a_skipped_heading_level_is_normalised_with_a_todo_at_its_place(tmp_path, capsys):
    """A Word document whose level-3 heading follows a level-1 heading, and a Markdown article whose top level is 2
    with a level-4 heading right after a level 2: the structure is the one meant, and a TODO is above the
    heading that skipped, which the build warns at."""
    root = project(tmp_path)
    data, path = word_article(tmp_path, [])
    folder = path.parent
    document = docx.Document(str(path))
    skipped = data["sections"][0]["subsections"][0]["heading"]
    (paragraph,) = [p for p in document.paragraphs if p.text == skipped]
    paragraph.style = document.styles["Heading 3"]
    document.save(str(path))
    got, text = imported(root, path, "garden", "en-CA", capsys)
    assert [[x["heading"] for x in s.get("subsections", ())] for s in got["sections"]] == [
        [x["heading"] for x in s.get("subsections", ())] for s in data["sections"]]
    sid = got["sections"][0]["subsections"][0]["id"]
    note = " ".join(line.lstrip("# ") for line in comments_above(text, f"  - id: {sid}"))
    assert note.startswith("TODO: the article skips a heading level here: this heading is of level 3, right after "
                           "one of level 1. Made a subsection of")
    warned = [w for w in build(Project(root), root / "out", check=True).warnings if "skips a heading level" in w]
    at = [n for n, line in enumerate(text.splitlines(), 1) if "skips a heading level" in line]
    assert [int(w.split(":")[1]) for w in warned] == at and len(at) == 1   # its line, above the heading's section

    data = article(MARKDOWN_SHAPE)
    source = markdown(data)
    deeper = data["sections"][2]["subsections"][0]["heading"]
    source = source.replace(f"### {deeper}\n", f"#### {deeper}\n")
    (folder / "article.md").write_text(source, encoding="utf-8")
    write_picture(folder, "drawing.svg")
    shutil.rmtree(root / "content" / "garden")
    got, text = imported(root, folder / "article.md", "garden", "fr-CA", capsys)
    assert [[x["heading"] for x in s.get("subsections", ())] for s in got["sections"]] == [
        [x["heading"] for x in s.get("subsections", ())] for s in data["sections"]]
    notes = [line for line in text.splitlines() if "saute ici un niveau" in line]
    assert len(notes) == 1 and "TODO" in notes[0]
    # a level-4 heading below a level-3 subsection: no level skipped, but deeper than the file's two levels
    deeper = data["sections"][2]["subsections"][1]["heading"]
    (folder / "article.md").write_text(markdown(data).replace(f"### {deeper}\n", f"#### {deeper}\n"), encoding="utf-8")
    got, text = imported(root, folder / "article.md", "garden-2", "fr-CA", capsys)
    assert [x["heading"] for x in got["sections"][2]["subsections"]] == [
        x["heading"] for x in data["sections"][2]["subsections"]]
    notes = [line for line in text.splitlines() if "TODO" in line and "niveau" in line]
    assert len(notes) == 1 and "cet intertitre est de niveau 4, sous une sous-section" in notes[0]


def test_the_seed_and_an_even_document_get_no_level_todo(tmp_path, capsys):
    """The seed (its running heads one level above its sections) and a document whose top level is 2, evenly:
    normalised with no TODO of levels."""
    root = project(tmp_path)
    _, text = imported(root, SEED, "seed", "fr-CA", capsys)
    data = article(MARKDOWN_SHAPE)
    folder = tmp_path / "drafts"
    write_picture(folder, "drawing.svg")
    (folder / "article.md").write_text(markdown(data), encoding="utf-8")
    got, other = imported(root, folder / "article.md", "garden", "fr-CA", capsys)
    assert "saute ici un niveau" not in text + other and "sous une sous-section" not in text + other
    assert [s["heading"] for s in got["sections"]] == [s["heading"] for s in data["sections"]]


# --- 4. the comments in the edition's language -----------------------------------------------------------------

ENGLISH = re.compile(r"\b(the|what|its|which|with|each|heading)\b")


def test_the_todos_are_written_in_the_editions_language(tmp_path, capsys):
    root = project(tmp_path)
    _, french = imported(root, SEED, "seed", "fr-CA", capsys)
    todos = [line for line in french.splitlines() if "TODO" in line]
    assert todos and all(re.search(r"\bTODO\b", line) for line in todos)   # the marker todos.py looks for
    assert not [line for line in todos if ENGLISH.search(line.split("TODO", 1)[1])]
    assert french.splitlines()[1].startswith("# Importé de seed.txt par python build.py import : chaque texte")
    assert "TODO: un point clé, avec sa source" in french and "TODO: ce que seul un éditeur peut écrire" in french
    _, english = imported(root, SEED, "seed-en", "en-CA", capsys)
    assert "TODO: a key point, with its source" in english and english.splitlines()[1].startswith("# Imported from")
    # a language with no catalog: English, and the file still validates
    _, spanish = imported(root, SEED, "seed-es", "es-MX", capsys)
    assert "TODO: a key point, with its source" in spanish
    assert main(["check"], root=root) == 0
