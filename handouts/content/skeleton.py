"""`python build.py new <topic> --lang fr-CA`: a commented skeleton of an edition that validates and
builds, for an editor to fill in (its fields are those of handouts/content/model.py and content/edition.schema.json)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from babel import Locale, UnknownLocaleError

from handouts.content.schema import MODELINE
from handouts.errors import UsageError
from handouts.writers import write_file

SKELETON = """{modeline}
# A new edition of the topic {topic!r}. Replace every [bracketed] text; keep the structure.
# The medical text belongs to its clinician authors: key points restate a sentence of their section.
# Fields: content/edition.schema.json (an editor such as VS Code with a YAML extension completes them).
lang: {lang}
title: "[Title of the article]"
published: {month}            # the month (2024-04) or day (2024-04-15) of publication
association:                  # the article's first publisher
  name: "[Association]"
  website: https://example.org
  email: info@example.org
authors:
  - name: "[Author]"
    degrees: "[MD]"
    positions:
      - "[Position, institution]"
lead: >-
  [One or two sentences that say what the article covers.]

sections:                     # in reading order; each id is lower-case words joined by hyphens
  - id: first-section
    heading: "[Heading of the first section]"
    short_heading: "[Short title]"   # optional: the slide title when the heading is long
    body:                     # paragraphs, lists (- items: [...]), pictures (- image: x.svg), tables
      - >-
        [A paragraph of the article.]
      - items:
          - "[A point of a list]"
          - "[Another point]"
    key_points:               # at most 20 words each: for the slides and the card
      - text: "[A point the section makes, keeping its numbers and qualifiers.]"
        source: "[A paragraph"    # a few words of the sentence it restates, exactly as written
    # subsections: [ ... ]    # optional: sections of their own, one level down

# card:                       # optional: what the summary card carries besides the summary
#   sections: [first-section]         # every key point of these sections
#   key_points: [first-section/1]     # or single key points, numbered from 1

summary:
  heading: "[In summary]"
  body:
    - >-
      [The article's summary.]
  key_points:
    - text: "[The summary's main point.]"
      source: "[The article's summary"

references:                   # Vancouver records; the DOI without https://doi.org/
  - authors: [Author A, Author B]
    title: "[Title of the article cited]"
    journal: "[Journal]"
    year: {year}
    volume: "1"
    pages: 1-10
    doi: 10.1000/example

# key_figures:                # optional: numbers of a section drawn as pictures
#   - id: how-many
#     section: first-section
#     chart: icons            # icons, bars, stat, result or body-sites
#     title: "[What the figure shows]"
#     values:
#       - label: "[of whom]"
#         value: 20
#     sentence: "[The sentence of the section the numbers come from, word for word]"
"""


def write_skeleton(content_dir: Path, topic: str, lang: str, today: dt.date | None = None) -> Path:
    """Write content/<topic>/<language>.yaml from the skeleton; refuse a bad name or an existing file."""
    problems = []
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", topic):
        problems.append(f"--new {topic}: not a folder name (lower-case letters, digits and hyphens, like hand-care)")
    try:
        Locale.parse(lang, sep="-")
        valid_lang = bool(re.fullmatch(r"[a-z]{2,3}(-[A-Z]{2})?", lang))
    except (UnknownLocaleError, ValueError):
        valid_lang = False
    if not valid_lang:
        problems.append(f"--lang {lang}: unknown language tag (a locale Babel knows, like fr-CA)")
    target = content_dir / topic / f"{lang.split('-')[0]}.yaml"
    if not problems and target.exists():
        problems.append(f"{target.relative_to(content_dir.parent).as_posix()}: already exists "
                        "(edit it, or choose another topic or language)")
    if problems:
        raise UsageError(problems)
    day = today or dt.date.today()
    write_file(target, SKELETON.format(modeline=MODELINE, topic=topic, lang=lang, month=f"{day:%Y-%m}",
                                       year=day.year).encode("utf-8"))
    return target
