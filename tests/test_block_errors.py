"""A bad body block gets one message about the kind of block it is, not one per kind it could have been."""
from __future__ import annotations

import shutil

from articles import Shape, article, write
from conftest import ROOT

from handouts.cli import main


def test_a_bad_block_is_one_located_message_of_its_own_kind(tmp_path, capsys):
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    data = article(Shape(sections=1))
    data["sections"][0]["body"] += [{"caption": "c", "header": ["a", "b", "c"], "rows": [["1", "2"]]},
                                    {"capton": "c"}, {"items": ["a", 3]}, {"image": "x.svg"}]
    write(tmp_path / "content", "garden", data)
    assert main(["--check"], root=tmp_path) == 2
    lines = [line.split(": ", 1)[1] for line in capsys.readouterr().err.splitlines()]
    assert lines == [
        "sections[0].body[1].rows: row 1 has 2 cells (as many as the header: 3)",
        "sections[0].body[2]: is not a block (a paragraph, a list with items:, a picture with image: and alt:, "
        "or a table with caption:, header: and rows:)",
        "sections[0].body[3].items[1]: wrong value 3 (text)",
        "sections[0].body[4].alt: required field is missing",
    ]
