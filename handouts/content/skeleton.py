"""`python build.py new <topic> --lang fr-CA`: a commented skeleton of an edition that validates and
builds, for an editor to fill in (its fields are those of handouts/content/model.py and content/edition.schema.json),
with an example of every other block and field commented out ("# "): uncommented, they validate and build too
(tests/test_new_topic.py), so an editor copies one rather than reads the schema."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from babel import Locale, UnknownLocaleError

from handouts.content.schema import MODELINE
from handouts.errors import UsageError
from handouts.writers import write_file

SKELETON = """{modeline}
## A new edition of the topic {topic!r}. Replace every [bracketed] text; keep the structure.
## The medical text belongs to its clinician authors: key points restate a sentence of their section.
## Fields: content/edition.schema.json (an editor such as VS Code with a YAML extension completes them).
## Lines that start with "# " are examples of every other field: copy one and remove its "# " to use it
## (each works as it is; "##" lines are explanations, or an alternative to what is written).
lang: {lang}
title: "[Title of the article]"
published: {month}            # the month (2024-04) or day (2024-04-15) of publication
# reviewed: {month}           # the last review by its clinicians (by default the publication)
# next_review: {next_month}   # when it is due again (by default three years after the last review)
# version: "1.1"              # the edition's version, printed with its code
# code: HAND-CARE-FR          # the printed code of the edition (by default from the topic and language)
association:                  # the article's first publisher
  name: "[Association]"
  website: https://example.org
  email: info@example.org
  # phone: +1 204 555-0100    # printed as written
authors:
  - name: "[Author]"
    degrees: "[MD]"           # optional
    positions:
      - "[Position, institution]"
# acknowledgement: >-         # thanks for the pictures: shown only when the edition has pictures
#   [Thanks to ... for the photos.]
# translation_note: >-        # a translated edition says from what, and by whom
#   [This edition is a translation of ...]
lead: >-
  [One or two sentences that say what the article covers.]

sections:                     # in reading order; each id is lower-case words joined by hyphens
  - id: first-section
    heading: "[Heading of the first section]"
    short_heading: "[Short title]"   # optional: the slide title when the heading is long
    body:                     # paragraphs, lists, pictures and tables, in reading order
      - >-
        [A paragraph of the article. In the survey, up to 20-40 % of the gardens were visited; more than 10 % of
        the birds came back.]
      - items:
          - "[A point of a list]"
          - "[Another point]"
      # - image: picture.png    # a picture of this topic's folder: SVG, PNG or JPEG
      #   alt: "[What the picture shows, for a reader who cannot see it]"
      #   caption: "[Its caption]"      # optional
      # - caption: "[What the table shows]"
      #   header: ["[Column 1]", "[Column 2]"]
      #   rows:                 # each row as long as the header
      #     - ["[Cell]", "[Cell]"]
      # - >-
      #   [A paragraph on a remedy: in 1 small study of 30 patients over 6 months, it helped 30 % of them.]
    key_points:               # at most 20 words each: for the slides and the card
      - text: "[A point the section makes, keeping its numbers and qualifiers.]"
        source: "[A paragraph of the article"   # a few words of the sentence it restates, exactly as written
      # - text: "[In 1 small study of 30 patients over 6 months, it helped 30 % of them.]"
      #   source: "[A paragraph on a remedy"
      #   options: [a-remedy]    # the options whose benefit it speaks of: their harms go beside it
    # callouts:               # what a reader should do, in its own box: do, call (the care team) or ask
    #   - kind: do
    #     items:
    #       - text: "[Something a reader can do, from a sentence of the section.]"
    #         source: "[A paragraph of the article"
    # subsections:            # sections of their own, one level down (same fields)
    #   - id: first-part
    #     heading: "[Heading of a part]"
    #     body:
    #       - >-
    #         [A paragraph of the part.]
    #     key_points:
    #       - text: "[A point of the part.]"
    #         source: "[A paragraph of the part"

# card:                       # what the one-page card carries besides the summary (default: every section)
#   sections: [first-section]         # every key point of these sections
#   key_points: [first-section/1]     # or single key points, numbered from 1
#   callouts: [first-section]         # the call-outs of these sections too
#   options: [a-remedy]            # the options its table shows (default: every option)

summary:
  heading: "[In summary]"
  body:
    - >-
      [The article's summary.]
  key_points:
    - text: "[The summary's main point.]"
      source: "[The article's summary"

references:                   # Citing Medicine (Vancouver) records; the DOI without https://doi.org/
  - authors: [Author A, Author B]
    title: "[Title of the article cited]"
    journal: "[Journal]"      # its NLM abbreviation, as printed
    year: {year}
    volume: "1"
    # issue: "2"
    pages: 1-10
    doi: 10.1000/example
    # online_first: {month}-15        # the day it was first published online
    # lang: en                          # the language of its title, when not the edition's
    # language_note: "[In English only]"
  # - type: book              # article-journal (the default), book, chapter, report, guideline or webpage
  #   authors:
  #     - family: "[Family name]"     # a person's name in parts: printed "Family G"
  #       given: "[Given Name]"
  #   editors: ["[Editor E]"]
  #   title: "[Title of the book]"
  #   edition: "2"
  #   publisher: "[Publisher]"
  #   place: "[City]"
  #   year: {year}
  # - type: chapter
  #   authors: ["[Author A]"]
  #   title: "[Title of the chapter]"
  #   container_title: "[Title of the book]"
  #   publisher: "[Publisher]"
  #   year: {year}
  #   pages: 11-20
  # - type: guideline         # a report: the same fields
  #   title: "[Title of the guideline]"
  #   publisher: "[Society]"
  #   number: "[No. 12]"
  #   genre: "[Clinical practice guideline]"
  #   year: {year}
  # - type: webpage
  #   title: "[Title of the page]"
  #   container_title: "[Site]"
  #   url: https://example.org/page
  #   accessed: {month}-01
## Or, instead of the list, a file exported by Zotero, Mendeley or EndNote in this topic's folder:
## references: {{file: references.json}}     (CSL-JSON .json, BibTeX .bib or RIS .ris)

# key_figures:                # numbers of a section drawn as pictures
#   - id: how-many
#     section: first-section
#     chart: icons            # icons, bars, stat, result or body-sites
#     title: "[What the figure shows]"
#     unit: "%"               # %, count, days, weeks, months or years
#     values:
#       - label: "[of the gardens]"
#         value: 20
#         high: 40            # a range: from value to high
#         up_to: true         # "up to", as the sentence says (or more_than: true)
#     sentence: "In the survey, up to 20-40 % of the gardens were visited"   # word for word, from its section
#   - id: came-back
#     section: first-section
#     chart: stat
#     title: "[How many came back]"
#     values:
#       - label: "[of the birds]"
#         value: 10
#         more_than: true
#     sentence: "more than 10 % of the birds came back"
#   - id: where
#     section: first-section
#     chart: body-sites
#     title: "[Where it appears]"
#     sites: [hands, knees]   # head, face, mouth, neck, shoulders, chest, back, elbows, forearms, wrists, hands ...
#     sentence: "A paragraph of the article"
#   - id: a-result
#     section: first-section
#     chart: result           # a result of a study: its evidence says how it was found
#     title: "[What the remedy did]"
#     values:
#       - label: "[of the patients]"
#         value: 30
#     sentence: "in 1 small study of 30 patients over 6 months, it helped 30 % of them"
#     study: "[A note on the study, in the source's words]"
#     evidence:
#       design: small-studies   # systematic-review, meta-analysis, randomised-trial, cohort-study, case-series ...
#       studies: 1
#       patients: 30
#       duration: {{value: 6, unit: months}}
#     option: a-remedy

# options:                    # the choices a reader weighs: each result beside its harms and evidence
#   - id: a-remedy
#     section: first-section
#     name: "[Name of the remedy]"
#     how:
#       text: "[How it is given, and by whom.]"
#       source: "[A paragraph on a remedy"
#     for_whom:
#       text: "[For whom.]"
#       source: "[A paragraph on a remedy"
#     results:
#       - text: "[It helped 30 % of the 30 patients of 1 small study.]"
#         source: "[A paragraph on a remedy"
#     harms: not_reported     # or a list of points, like results
#     evidence:
#       text: "[1 small study of 30 patients over 6 months.]"
#       source: "[A paragraph on a remedy"
#       design: small-studies
#       studies: 1
#       patients: 30

# glossary:                   # words to know, in plain words
#   - term: paragraph         # a word of the text, as written
#     forms: [paragraphs]     # the other forms the text uses
#     definition: "[What it means, in plain words.]"
#     source: "[A paragraph of the article"   # optional: words of the sentence it comes from
"""


def new_edition(content_dir: Path, topic: str, lang: str, option: str) -> tuple[list[str], Path]:
    """What is wrong with a new edition's topic (given by `option`) and language, and the file it would be."""
    problems = []
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", topic):
        problems.append(f"{option} {topic}: not a folder name (lower-case letters, digits and hyphens, like hand-care)")
    try:
        Locale.parse(lang, sep="-")
        valid_lang = bool(re.fullmatch(r"[a-z]{2,3}(-[A-Z]{2})?", lang))
    except (UnknownLocaleError, ValueError):
        valid_lang = False
    if not valid_lang:
        problems.append(f"--lang {lang}: unknown language tag (a locale Babel knows, like fr-CA)")
    return problems, content_dir / topic / f"{lang.split('-')[0]}.yaml"


def write_skeleton(content_dir: Path, topic: str, lang: str, today: dt.date | None = None) -> Path:
    """Write content/<topic>/<language>.yaml from the skeleton; refuse a bad name or an existing file."""
    problems, target = new_edition(content_dir, topic, lang, "--new")
    if not problems and target.exists():
        problems.append(f"{target.relative_to(content_dir.parent).as_posix()}: already exists "
                        "(edit it, or choose another topic or language)")
    if problems:
        raise UsageError(problems)
    day = today or dt.date.today()
    write_file(target, SKELETON.format(modeline=MODELINE, topic=topic, lang=lang, month=f"{day:%Y-%m}",
                                       next_month=f"{day.year + 3}-{day.month:02d}", year=day.year).encode("utf-8"))
    return target
