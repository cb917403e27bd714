"""templates/deck.pptx: designed layouts found by name, reproducible from theme.yaml, restyled without code."""
from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from pptx import Presentation
from pptx.util import Inches

from handouts.cli import main
from handouts.render.deck.template import LAYOUTS, make_template

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def test_deck_template_makes_the_same_template_each_time(tmp_path):
    first, second = tmp_path / "a.pptx", tmp_path / "b.pptx"
    make_template(ROOT / "templates", first)
    make_template(ROOT / "templates", second)
    assert first.read_bytes() == second.read_bytes()
    layouts = Presentation(str(first)).slide_layouts
    assert [layout.name for layout in layouts] == [layout.name for layout in
                                                   Presentation(str(ROOT / "templates" / "deck.pptx")).slide_layouts]


def test_template_holds_every_layout_by_name_typed_sixteen_by_nine():
    prs = Presentation(str(ROOT / "templates" / "deck.pptx"))
    assert sorted(layout.name for layout in prs.slide_layouts) == sorted(LAYOUTS.values())
    assert prs.part._element.find(f"{P}sldSz").get("type") == "screen16x9"
    assert prs.slide_width * 9 == prs.slide_height * 16
    cover = prs.slide_layouts.get_by_name("Cover")
    drawn = [shape for shape in cover.shapes if not shape.is_placeholder]
    assert any(shape.has_text_frame and "Scleroderma Manitoba" in shape.text_frame.text for shape in drawn)
    closing = prs.slide_layouts.get_by_name("Closing")
    assert any(ph.placeholder_format.type == 18 for ph in closing.placeholders)   # PICTURE: the QR code
    content = prs.slide_layouts.get_by_name("Content")
    kinds = {ph._element.ph.get("type") for ph in content.placeholders}
    assert {"dt", "ftr", "sldNum"} <= kinds


def test_a_missing_layout_is_a_clear_error(scratch, tmp_path, capsys):
    template = scratch / "templates" / "deck.pptx"
    prs = Presentation(str(template))
    prs.slide_layouts.get_by_name("Closing")._element.cSld.set("name", "Fin")
    prs.save(template)
    assert main(["--output", str(tmp_path / "out"), "-q", "--only", "deck.pptx"], root=scratch) != 0
    err = capsys.readouterr().err
    assert "no slide layout named 'Closing'" in err and "'Fin'" in err


def test_an_association_restyles_a_layout_in_the_template(scratch, tmp_path):
    """A layout moved in PowerPoint moves on every slide built on it: the build reads the template."""
    template = scratch / "templates" / "deck.pptx"
    prs = Presentation(str(template))
    content = prs.slide_layouts.get_by_name("Content")
    body = next(ph for ph in content.placeholders if ph.placeholder_format.idx == 1)
    body.left = Inches(1.5)
    body.width = Inches(11.0)
    prs.save(template)
    out = tmp_path / "out"
    assert main(["--output", str(out), "-q", "--only", "deck.pptx"], root=scratch) == 0
    deck = Presentation(str(next(Path(out).glob("*/*/deck.pptx"))))
    slides = [s for s in deck.slides if s.slide_layout.name == "Content"]
    assert slides and all(s.placeholders[1].left == Inches(1.5) for s in slides)


def test_an_association_named_with_markup_characters_makes_a_template(tmp_path):
    """An association called "Arthrite & Lupus <Québec>" gets its name on the template's layouts as written."""
    import shutil

    import yaml

    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    theme = yaml.safe_load((templates / "theme.yaml").read_text(encoding="utf-8"))
    theme["association"]["name"] = 'Arthrite & Lupus <Québec> "AL"'
    (templates / "theme.yaml").write_text(yaml.safe_dump(theme, allow_unicode=True), encoding="utf-8")
    make_template(templates, tmp_path / "deck.pptx")
    texts = [shape.text_frame.text for layout in Presentation(str(tmp_path / "deck.pptx")).slide_layouts
             for shape in layout.shapes if shape.has_text_frame]
    assert 'Arthrite & Lupus <Québec> "AL"' in texts
