"""Articles the tests make up, of any shape: plain data for a content file, valid by construction.

Not medical content: the words come from a neutral vocabulary (gardens, birds, weather). Each
builder returns the mapping that `yaml.safe_dump` writes as content/<topic>/<language>.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

WORDS = ("garden", "bird", "feeder", "seed", "winter", "morning", "branch", "water", "shelter", "nest",
         "window", "sparrow", "finch", "robin", "cedar", "hedge", "frost", "sunflower", "path", "fence")


def words(count: int, start: int = 0) -> str:
    return " ".join(WORDS[(start + i * 7) % len(WORDS)] for i in range(count))


def tag(number: int) -> str:
    """A number spelled with letters, so that a sentence's tag adds no number to it: 12 -> 'onetwo'."""
    return "".join(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")[int(d)]
                   for d in str(number))


def sentence(count: int, start: int = 0) -> str:
    text = words(count, start)
    return text[0].upper() + text[1:] + "."


@dataclass
class Shape:
    """How an article is built: every count and choice a test or hypothesis may vary."""

    sections: int = 3
    subsections: tuple[int, ...] = ()      # per top-level section, how many subsections
    paragraph_words: int = 30
    paragraphs: int = 1
    lists: bool = False
    tables: tuple[tuple[int, int], ...] = ()   # (columns, rows) of each table, in the first sections
    pictures: tuple[str, ...] = ()          # file names, in the first sections (svg or png)
    references: int = 2
    figures: tuple[str, ...] = ()           # chart kinds: icons, bars, stat, body-sites, result
    key_points: int = 2
    card: dict | None = None
    glossary: int = 0                       # terms, each a word of the text, defined in the glossary
    callouts: tuple[str, ...] = ()          # kinds of call-outs (do, call, ask), one per section in turn
    lang: str = "en-CA"
    extra: dict = field(default_factory=dict)


def section(sid: str, n: int, shape: Shape, subs: int = 0) -> dict:
    body: list = [f"Part {tag(n)} paragraph {tag(p)}: {words(shape.paragraph_words, n + p)}."
                  for p in range(shape.paragraphs)]
    if shape.lists:
        body.append({"items": [sentence(4, n + i + 3) for i in range(3)]})
    source = f"Part {tag(n)} paragraph zero:"  # the sentence each point restates
    data = {"id": sid, "heading": f"Heading {n} {words(3, n)}", "body": body,
            "key_points": [{"text": f"Point {n}.{k} {words(5, n + k)}.", "source": source}
                           for k in range(1, shape.key_points + 1)]}
    if subs:
        data["subsections"] = [section(f"{sid}-part-{j}", n * 10 + j, shape) for j in range(1, subs + 1)]
    return data


def figure(kind: str, number: int, sid: str) -> tuple[dict, str]:
    """A key figure of the given kind and the sentence (to add to its section) that it quotes."""
    value = 10 + (number * 17) % 80
    if kind == "body-sites":
        quote = f"The figure {number} marks the hands and the feet"
        return {"id": f"figure-{number}", "section": sid, "chart": kind, "title": f"Figure {number} places",
                "sites": ["hands", "feet"], "sentence": quote}, quote
    if kind == "result":
        return result(number, sid)
    if kind == "bars":
        values = [value, value // 2 + 1, value // 3 + 2]
        quote = f"The counts were {values[0]} %, {values[1]} % and {values[2]} % in figure {number}"
        entries = [{"label": f"group {i + 1}", "value": v} for i, v in enumerate(values)]
    else:
        quote = f"In figure {number}, {value} % of the birds came back"
        entries = [{"label": "of the birds", "value": value}]
    return {"id": f"figure-{number}", "section": sid, "chart": kind, "title": f"Figure {number} {words(3, number)}",
            "values": entries, "sentence": quote}, quote


DESIGNS = ("systematic-review", "meta-analysis", "randomised-trial", "cohort-study", "prospective-studies",
           "small-studies", "case-series", "pilot-study", "case-report", "expert-opinion")
SPANS = ("days", "weeks", "months", "years")


def result(number: int, sid: str) -> tuple[dict, str]:
    """A result of a made-up study, its evidence varied with its number: every design and unit of duration
    comes round, on studies (odd numbers) or on patients (even ones). Its option is `option(number)`."""
    value, size, span = 10 + (number * 17) % 80, 100 + number * 50, 2 + number % 7
    unit = SPANS[number % len(SPANS)]
    counted = "studies" if number % 2 else "patients"
    quote = (f"Over {span} {unit} of watching in {size} {counted}, "   # the unit its evidence counts
             f"{value} % of the birds in figure {number} came back")
    evidence = {"design": DESIGNS[(number - 1) % len(DESIGNS)], counted: size, "duration": {"value": span, "unit": unit}}
    return {"id": f"figure-{number}", "section": sid, "chart": "result", "title": f"Figure {number} {words(3, number)}",
            "values": [{"label": "of the birds", "value": value}], "sentence": quote, "evidence": evidence,
            "option": f"option-{number}"}, quote


def harm_sentence(number: int) -> str:
    """The sentence of an option's harm, added to its section: a rate in a different number each time."""
    return f"The feeders of figure {number} tipped over in {3 + number % 9} % of the storms"


def option(number: int, sid: str, figure: dict) -> dict:
    """The option whose result a result figure shows: its result as a natural frequency, its harm (or none
    reported, every third), its evidence (the figure's design and size), each from its sentence."""
    value, evidence = figure["values"][0]["value"], figure["evidence"]
    counted = "studies" if "studies" in evidence else "patients"
    size, span = evidence[counted], evidence["duration"]
    source = figure["sentence"].split(",")[0]
    harm = ([{"text": f"Tipped over in {3 + number % 9} storms out of 100 in figure {number}.",
              "source": f"The feeders of figure {number} tipped"}] if number % 3 else "not_reported")
    return {"id": f"option-{number}", "section": sid, "name": f"Option {tag(number)} {words(2, number)}",
            "how": {"text": f"Watching {size} places over {span['value']} {span['unit']}.", "source": source},
            "results": [{"text": f"{value} birds out of 100 in figure {number} came back.", "source": source}],
            "harms": harm,
            "evidence": {"text": f"{size} {counted} of watching.",
                         "source": source, "design": evidence["design"], counted: size}}


def article(shape: Shape) -> dict:
    subs = list(shape.subsections) + [0] * shape.sections
    sections = [section(f"part-{i}", i, shape, subs[i - 1]) for i in range(1, shape.sections + 1)]
    flat = [s for top in sections for s in (top, *top.get("subsections", ()))]
    for i, (columns, rows) in enumerate(shape.tables):
        flat[i % len(flat)]["body"].append({
            "caption": f"Table {i + 1} {words(3, i)}", "header": [f"Column {c + 1}" for c in range(columns)],
            "rows": [[f"cell {r + 1}.{c + 1} {WORDS[(r + c) % len(WORDS)]}" for c in range(columns)]
                     for r in range(rows)]})
    for i, name in enumerate(shape.pictures):
        flat[i % len(flat)]["body"].append({"image": name, "alt": f"Drawing {i + 1} of a {WORDS[i % len(WORDS)]}",
                                            "caption": f"Picture {i + 1} {words(3, i + 5)}"})
    for i, kind in enumerate(shape.callouts):
        target = flat[i % len(flat)]
        source = target["key_points"][0]["source"]
        target.setdefault("callouts", []).append({"kind": kind, "items": [
            {"text": f"{kind.capitalize()} item {k} {words(3, i + k)}.", "source": source} for k in (1, 2)]})
    figures, options = [], []
    for i, kind in enumerate(shape.figures):
        target = flat[i % len(flat)]
        data, quote = figure(kind, i + 1, target["id"])
        target["body"].append(quote + ".")
        figures.append(data)
        if kind == "result":
            options.append(option(i + 1, target["id"], data))
            if (i + 1) % 3:
                target["body"].append(harm_sentence(i + 1) + ".")
    data = {
        "lang": shape.lang, "title": f"Test article {words(4)}", "published": "2025-03",
        "association": {"name": "Test Bird Club", "website": "https://birds.example.org",
                        "email": "info@birds.example.org"},
        "authors": [{"name": "A. Tester", "degrees": "BSc", "positions": ["Volunteer, Test Bird Club"]}],
        "sections": sections,
        "summary": {"heading": "In short", "body": [sentence(25, 3)],
                    "key_points": [{"text": f"Summary point {words(4, 2)}.", "source": words(4, 3)}]},
        "references": [{"authors": [f"Author{r} A"], "title": f"Study {r} of {words(4, r)}", "journal": "Test J",
                        "year": 2020, "volume": str(r), "pages": f"{r}-{r + 9}", "doi": f"10.5555/test.{r:03d}"}
                       for r in range(1, shape.references + 1)],
        **({"key_figures": figures} if figures else {}),
        **({"options": options} if options else {}),
        **({"glossary": glossary(sections, shape.glossary)} if shape.glossary else {}),
        **({"card": shape.card} if shape.card is not None else {}),
        **shape.extra,
    }
    return data


def glossary(sections: list[dict], count: int) -> list[dict]:
    """Terms that the text uses: the first words of the vocabulary met in its paragraphs, in order."""
    met: list[str] = []
    for top in sections:
        for part in (top, *top.get("subsections", ())):
            for block in part["body"]:
                if isinstance(block, str):
                    met += [w for w in block.rstrip(".").split() if w in WORDS and w not in met]
    return [{"term": term, "definition": f"A made-up definition of the word {term}, for the tests."}
            for term in met[:count]]


def write(content_dir: Path, topic: str, data: dict, name: str | None = None) -> Path:
    path = content_dir / topic / (name or f"{data['lang'].split('-')[0]}.yaml")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    write_words(path.parent, text)
    return path


def write_words(folder: Path, text: str) -> None:
    """The topic's word list: every word of its generated articles, which are valid by construction (tags
    like 'onetwo', the English vocabulary that an edition in another language uses too). A test of
    spelling adds its misspelled word after writing."""
    listed = folder / "words.txt"
    known = set(listed.read_text(encoding="utf-8").split()) if listed.is_file() else set()
    known |= set(re.findall(r"[^\W\d_]+", text))
    listed.write_text("\n".join(sorted(known)) + "\n", encoding="utf-8")


SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="120" viewBox="0 0 200 120">'
       '<rect width="200" height="120" fill="#d5dde2"/><circle cx="100" cy="60" r="40" fill="#0b4a66"/></svg>')


def write_picture(folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if name.endswith(".svg"):
        (folder / name).write_text(SVG, encoding="utf-8")
    else:
        from PIL import Image
        Image.new("RGB", (300, 200), (11, 74, 102)).save(folder / name)



def built_in_two_languages(root: Path, templates: Path, change=None, only: tuple[str, ...] = (), **shape) -> Path:
    """A made-up topic, "made-up", in French and English editions of one shape (each changed by
    `change` when given), built strictly into root/out with a copy of the project's templates (its outputs
    `only`, when given: what the test reads); the project's root."""
    import shutil

    from handouts.cli import main
    shutil.copytree(templates, root / "templates")
    for lang in ("fr-CA", "en-CA"):
        data = article(Shape(lang=lang, **shape))
        if change is not None:
            change(data)
        write(root / "content", "made-up", data)
    assert main(["--output", str(root / "out"), "-q", "--strict", *(a for n in only for a in ("--only", n))],
                root=root) == 0
    return root


def edition_of(content: Path, topic: str, lang: str):
    """The edition of `topic` in `lang` (a language subtag), as the build reads it."""
    from handouts.pipeline.load import load_library
    (found,) = [t for t in load_library(content) if t.slug == topic]
    (one,) = [e for e in found.editions if e.language == lang]
    return one
