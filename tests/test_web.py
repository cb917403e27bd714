"""The web page and the site index, tested in a real browser: Debian's Chromium driven by Playwright, with
axe-core for WCAG 2.2 A and AA, on the real content and on generated articles of other shapes.

Each finished file is read twice: with lxml's HTML parser, and in Chromium (its DOM, its rendered
text and its accessibility tree). Screenshots at 360 and 1280 CSS px are compared with committed
references like tests/test_visual.py (UPDATE_VISUAL_REFERENCES=1 to update them, then look at them).
"""
from __future__ import annotations

import base64
import hashlib
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
from articles import Shape, article, write, write_picture
from axe_playwright_python.sync_playwright import Axe
from conftest import FIXTURE, ROOT
from PIL import Image
from readback import missing, normal
from test_plain_language import KINDS
from test_visual import REFERENCES, UPDATE, check

from handouts.cli import main
from handouts.content.approvals import approval_of
from handouts.content.model import Edition
from handouts.pipeline.build import Project, load_editions
from handouts.pipeline.outputs import OUTPUTS, by_filename
from handouts.render.configuration import configured
from handouts.render.context import RenderContext
from handouts.render.templating import load_theme
from handouts.render.web.site import SITE_INDEX

pytestmark = pytest.mark.runs_long   # tests/conftest.py: started first

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (320, 360, 1280, 1440)
WEB = [output for output in OUTPUTS if output.format == "html"]
SHAPES = {  # generated articles of other shapes than the real one
    "rich": Shape(sections=4, subsections=(2, 1), paragraphs=2, lists=True, tables=((4, 3), (2, 5)),
                  pictures=("a.svg", "b.png"), figures=("icons", "bars", "stat", "body-sites", "result"), references=6,
                  glossary=2, callouts=("do", "call", "ask")),
    "wide": Shape(sections=2, paragraph_words=90, tables=((8, 4),), pictures=("b.png",), figures=("bars", "result"),
                  references=3, lang="fr-CA", glossary=1, callouts=("ask",),
                  extra={"title": "Un article " + "ornithologiquement" * 4}),
    "small": Shape(sections=1, references=1, key_points=1, lang="fr-CA"),
}


@dataclass(frozen=True)
class WebFile:
    path: Path
    top: Path                       # the output folder its links may point into
    edition: Edition | None = None  # None: the site index
    draft: bool = True


def test_the_registry_has_a_web_page():
    assert [output.filename for output in WEB] == ["page.html"]


@pytest.fixture(scope="session")
def real_pages(built) -> list[WebFile]:
    return [WebFile(built / content.split("/")[1] / edition.language / output.filename, built, edition,
                    approval_of(ROOT / content, ROOT) is None)
            for content, edition in load_editions(Project(ROOT)).items() for output in WEB]


@pytest.fixture(scope="session")
def shaped_pages(tmp_path_factory) -> list[WebFile]:
    """Each generated shape's page, rendered by the registry's entry into an output folder."""
    root = tmp_path_factory.mktemp("shapes")
    shutil.copytree(ROOT / "templates", root / "templates")
    for name, shape in SHAPES.items():
        for picture in shape.pictures:
            write_picture(root / "content" / f"garden-{name}", picture)
        data = article(shape)
        if name == "small":  # a section named like a part of the page itself: the page's own ids must not clash
            data["sections"][0]["id"] = "references"
        write(root / "content", f"garden-{name}", data)
    project, out, pages = Project(root), root / "out", []
    for content, edition in load_editions(project).items():
        topic = content.split("/")[1]
        ctx = configured(RenderContext(project.templates, project.content / topic), [edition.language])
        for output in WEB:
            path = out / topic / edition.language / output.filename
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(output.render(edition, ctx, f"{topic}/{edition.language}/{output.filename}").data)
            pages.append(WebFile(path, out, edition))
    return pages


@pytest.fixture(scope="session")
def site_project(tmp_path_factory, scratch_built) -> Path:
    """A project of the synthetic topic and a generated one in two languages, built: its site index. The
    synthetic topic's outputs are the shared build's, up to date: the build makes the generated topic's."""
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(FIXTURE, root / "content" / FIXTURE.name)
    shutil.copytree(scratch_built, root / "out")
    for lang in ("en-CA", "fr-CA"):
        write(root / "content", "garden", article(Shape(sections=2, lang=lang)))
    assert main(["--output", str(root / "out"), "-q", "--strict"], root=root) == 0
    return root


@pytest.fixture(scope="session")
def every_file(built, real_pages, shaped_pages, site_project) -> list[WebFile]:
    return [*real_pages, WebFile(built / SITE_INDEX, built), *shaped_pages,
            WebFile(site_project / "out" / SITE_INDEX, site_project / "out")]


@dataclass
class Visit:
    page: object
    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)


@contextmanager
def visit(browser, path: Path, width: int = 1280, scheme: str = "light", text_zoom: float = 1.0,
          motion: str = "no-preference") -> Iterator[Visit]:
    """The file opened in a fresh context; every request it makes is recorded, and refused but the file's own."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  reduced_motion=motion)
    page = context.new_page()
    seen = Visit(page)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("console", lambda message: seen.console.append(message.text))
    own = path.as_uri()
    context.route("**/*", lambda route: route.continue_() if route.request.url == own else route.abort())
    try:
        if text_zoom != 1.0:  # the browser's text size (not page zoom): what WCAG 1.4.4 asks to reach 200 %
            session = context.new_cdp_session(page)
            session.send("Page.enable")
            session.send("Page.setFontSizes", {"fontSizes": {"standard": round(16 * text_zoom),
                                                             "fixed": round(13 * text_zoom)}})
        page.goto(own)
        page.evaluate("document.fonts.ready.then(() => true)")
        yield seen
    finally:
        context.close()


def axe(page) -> dict:
    return Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}).response


def described(violations: list[dict]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations]


# Every width in light colours; the dark colours (which change contrast, not layout) at a phone's and a desktop's.
@pytest.mark.parametrize("width, scheme", [(width, "light") for width in WIDTHS] + [(320, "dark"), (1280, "dark")])
def test_axe_finds_no_wcag_violation(browser, every_file, width, scheme):
    problems = []
    for item in every_file:
        with visit(browser, item.path, width, scheme) as seen:
            result = axe(seen.page)
        assert len(result["passes"]) > 10, "axe did not run its rules"
        problems += [f"{item.path.relative_to(item.top)}: {line}" for line in described(result["violations"])]
    assert problems == []


def test_axe_sees_a_violation(browser, real_pages, tmp_path):
    """The same check on a copy with its language and a picture's name taken away: axe must say so."""
    page = real_pages[0].path.read_text(encoding="utf-8")
    broken = tmp_path / "page.html"
    broken.write_text(re.sub(r'<html lang="[^"]+">', "<html>", page).replace('role="img" aria-label=', 'role="img" data-x=', 1),
                      encoding="utf-8")
    with visit(browser, broken) as seen:
        ids = {v["id"] for v in axe(seen.page)["violations"]}
    assert {"html-has-lang", "svg-img-alt"} <= ids


@pytest.mark.parametrize("width, zoom", [(320, 1.0), (320, 2.0), (1280, 2.0)],
                         ids=["320px", "320px-text-200%", "1280px-text-200%"])
def test_no_horizontal_scroll(browser, every_file, width, zoom):
    wide = []
    for item in every_file:
        with visit(browser, item.path, width, text_zoom=zoom) as seen:
            size = seen.page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            assert size >= 16 * zoom, f"the text is {size}px: the text zoom did not apply"
            scroll, client = seen.page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > client:
            wide.append(f"{item.path.relative_to(item.top)}: {scroll} px wide in {client} px")
    assert wide == []


def screenshot(page) -> Image.Image:
    """The whole page at half size in 16 colours (layout, not anti-aliasing, is what the comparison is about;
    the references stay small files)."""
    image = Image.open(BytesIO(page.screenshot(full_page=True, animations="disabled"))).convert("RGB")
    image = image.resize((image.width // 2, image.height // 2), Image.Resampling.LANCZOS)
    return image.quantize(16, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def compare(image: Image.Image, key: str) -> list[str]:
    """tests/test_visual.py's comparison; a reference is written with its palette, as a small file."""
    problems = check([image.convert("RGB")], key)
    if UPDATE:
        image.save(REFERENCES / key / "01.png", optimize=True)
    return problems


@pytest.mark.parametrize("width", [360, 1280])
def test_pages_look_as_approved(browser, scratch_built, width):
    """The synthetic topic's pages and site index (not the real article's: a clinical correction must not mean
    new references)."""
    problems = []
    for page in sorted(scratch_built.glob(f"*/*/{WEB[0].filename}")):
        with visit(browser, page, width) as seen:
            problems += compare(screenshot(seen.page), f"web/{page.parent.name}/page-{width}")
    with visit(browser, scratch_built / SITE_INDEX, width) as seen:
        problems += compare(screenshot(seen.page), f"web/site-{width}")
    assert problems == []


def allowed_link(href: str, item: WebFile, ids: set[str], website: str, email: str) -> bool:
    """An anchor of the page, a DOI, the association's address, or a file inside the output folder."""
    parts = urlsplit(href)
    if href.startswith("#"):
        return href[1:] in ids
    if parts.scheme == "https" and parts.netloc == "doi.org":
        return bool(re.fullmatch(r"/10\.\d{4,9}/\S+", unquote(parts.path)))
    if href in (website, website + "/", f"mailto:{email}"):
        return True
    if parts.scheme or parts.netloc:
        return False
    target = (item.path.parent / unquote(parts.path)).resolve()
    return target.is_relative_to(item.top.resolve()) and target.is_file()


def allowed_resolved(href: str, item: WebFile, ids: set[str], website: str, email: str) -> bool:
    """A link as the browser resolved it: an anchor of this file, a file of the output folder, or as above."""
    own = item.path.as_uri()
    if href.startswith(own + "#"):
        return href[len(own) + 1:] in ids
    if href.startswith("file:"):
        target = Path(unquote(urlsplit(href).path)).resolve()
        return target.is_relative_to(item.top.resolve()) and target.is_file()
    return allowed_link(href, item, ids, website, email)


def test_every_link_resolves_inside_the_output_or_is_a_doi_or_the_association(browser, every_file):
    contact = load_theme(ROOT / "templates").contact
    wrong = []
    for item in every_file:
        tree = lxml.html.document_fromstring(item.path.read_bytes())
        every_id = [str(i) for i in tree.xpath("//@id")]
        ids = set(every_id)
        assert len(ids) == len(every_id), f"{item.path}: an id used twice"
        hrefs = [str(h) for h in tree.xpath("//@href")]
        sources = [str(s) for s in tree.xpath("//@src")]
        wrong += [f"{item.path.name}: {h}" for h in hrefs if not allowed_link(h, item, ids, contact.website, contact.email)]
        wrong += [f"{item.path.name}: src {s[:40]}" for s in sources if not s.startswith("data:image/")]
        with visit(browser, item.path) as seen:  # the links as the browser resolves them
            resolved = seen.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        wrong += [f"{item.path.name} (browser): {h}" for h in resolved
                  if not allowed_resolved(h, item, ids, contact.website, contact.email)]
        assert hrefs, item.path
    assert wrong == []


def test_loading_a_page_makes_no_request_and_uses_its_own_typeface(browser, every_file):
    for item in every_file:
        with visit(browser, item.path) as seen:
            fonts = seen.page.evaluate("[...document.fonts].map(f => [f.family, f.status])")
            used = seen.page.evaluate("document.fonts.check('16px \"Atkinson Hyperlegible\"')")
        assert seen.requests == [item.path.as_uri()], item.path
        assert not [m for m in seen.console if "Content Security Policy" in m or "Refused" in m], seen.console
        # four faces, each loaded from its data: URL when the page uses it (a face it does not use stays unloaded)
        assert len(fonts) == 4 and "error" not in {status for _, status in fonts}, fonts
        assert [status for _, status in fonts][:2] == ["loaded", "loaded"] and used, fonts


def policy(tree) -> dict[str, str]:
    (content,) = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    return {d.split()[0]: " ".join(d.split()[1:]) for d in str(content).split(";") if d.strip()}


def test_the_policy_allows_nothing_but_the_file_itself(every_file):
    for item in every_file:
        data = item.path.read_text(encoding="utf-8")
        tree = lxml.html.document_fromstring(data)
        rules = policy(tree)
        (style,) = re.findall(r"<style>(.*?)</style>", data, re.S)
        digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        assert rules == {"default-src": "'none'", "style-src": f"'sha256-{digest}'", "img-src": "data:",
                         "font-src": "data:", "base-uri": "'none'", "form-action": "'none'"}
        head = tree.head
        assert head[0].get("charset") == "utf-8" and head[1].get("http-equiv") == "Content-Security-Policy"
        assert tree.xpath("//script | //iframe | //object | //embed | //link[not(@rel='alternate')] | //@style") == []
        assert all(not urlsplit(h).scheme and h.endswith(".html") for h in tree.xpath("//link/@href"))  # never fetched
        assert not [a for a in tree.xpath("//@*") if a.attrname.startswith("on") or "javascript:" in a.lower()]
        assert "url(http" not in style and "@import" not in style


def test_the_policy_blocks_what_it_does_not_allow(browser, real_pages, tmp_path):
    """A picture from another address added to a copy of the page is refused by the browser itself."""
    copy = tmp_path / "page.html"
    copy.write_text(real_pages[0].path.read_text(encoding="utf-8").replace(
        "</main>", '<img src="https://example.org/x.png" alt="x"><script>document.title="ran"</script></main>'),
        encoding="utf-8")
    with visit(browser, copy) as seen:
        title = seen.page.title()
    assert title != "ran"
    assert any("Content Security Policy" in m for m in seen.console), seen.console


def aspects(item: WebFile) -> list:
    return [required for output in WEB for required in output.required(item.edition)]


def test_each_page_carries_every_required_aspect_in_its_html(real_pages, shaped_pages):
    for item in [*real_pages, *shaped_pages]:
        required = aspects(item)
        kinds = {r.what.split()[0] for r in required}
        assert {"section", "summary", "reference"} <= kinds
        assert missing(item.path, required, "html") == [], item.path


def test_each_page_carries_every_required_aspect_in_the_browser(browser, real_pages, shaped_pages):
    """The text as Chromium renders it (innerText) and the accessibility tree (names of pictures)."""
    for item in [*real_pages, *shaped_pages]:
        with visit(browser, item.path, 360) as seen:
            text = normal(seen.page.evaluate("document.body.innerText"))
            tree = normal(seen.page.locator("body").aria_snapshot())
        lacking = [f"{r.what}: {r.text}" for r in aspects(item)
                   if normal(r.text) not in (text if r.where == "text" else tree)]
        assert lacking == [], item.path


def test_each_page_has_its_structure_in_the_accessibility_tree(browser, real_pages, shaped_pages):
    from handouts.content.model import Picture, Table
    for item in [*real_pages, *shaped_pages]:
        edition = item.edition
        blocks = [b for s in edition.all_sections() for b in s.body]
        with visit(browser, item.path, 1280) as seen:
            page = seen.page
            assert page.evaluate("document.documentElement.lang") == edition.lang
            for role in ("banner", "navigation", "main", "contentinfo", "article"):
                assert page.get_by_role(role).count() == 1, role
            first = page.evaluate("document.querySelector('a, button, [tabindex]').getAttribute('href')")
            assert first == "#_content" and page.locator("main#_content").count() == 1
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.getAttribute('href')") == "#_content"
            assert page.get_by_role("heading", level=1).count() == 1
            sections = list(edition.all_sections())
            assert page.get_by_role("region").count() >= len(sections) + 2  # with the summary and the references
            for section in sections:
                region = page.locator(f'section[id="{section.id}"]')
                assert region.get_attribute("aria-labelledby") == f"{section.id}_heading"
                heading = page.locator(f'[id="{section.id}_heading"]')
                assert heading.evaluate("h => h.tagName") in ("H2", "H3")
                assert normal(heading.inner_text()) == normal(section.heading)
            nav = page.get_by_role("navigation").get_by_role("link")
            assert nav.count() == len(edition.sections) + 2 + bool(edition.glossary)  # summary, words, references
            pictures = sum(isinstance(b, Picture) for b in blocks) + len(edition.key_figures)
            assert page.get_by_role("figure").count() == pictures
            tables = [b for b in blocks if isinstance(b, Table)]
            glance = sum(1 for s in edition.sections if edition.options_in(s))   # options tables: 4 columns
            assert page.get_by_role("table").count() == len(tables) + glance
            assert page.locator("th[scope=col]").count() == sum(len(t.header) for t in tables) + 4 * glance
            assert page.locator("th[scope=row]").count() == sum(len(t.rows) for t in tables) + len(edition.options)
            references = page.locator("#_references ol > li")
            assert references.count() == len(edition.references)
            dois = page.locator("#_references ol > li a[href^='https://doi.org/']").evaluate_all("a => a.map(x => x.href)")
            assert sorted(dois) == sorted(ref.doi_url for ref in edition.references)
            footer = normal(page.get_by_role("contentinfo").inner_text())
            assert normal(load_theme(ROOT / "templates").contact.email) in footer
            assert page.locator("header .draft").count() == int(item.draft)


def test_glossary_terms_link_to_their_definition_and_call_outs_are_named_regions(browser, real_pages, shaped_pages):
    """Read in Chromium: each glossary term is a <dfn> in "Words to know" with its definition beside it, and
    the first use of each term in the text is a link to it; each call-out is a region named by its title."""
    with_glossary = [item for item in [*real_pages, *shaped_pages] if item.edition.glossary]
    with_callouts = [item for item in [*real_pages, *shaped_pages]
                     if any(s.callouts for s in item.edition.sections)]
    assert with_glossary and with_callouts
    for item in with_glossary:
        with visit(browser, item.path, 360) as seen:
            terms = seen.page.eval_on_selector_all("dfn", "els => els.map(e => [e.id, e.closest('li').innerText])")
            links = seen.page.eval_on_selector_all("a.term", "els => els.map(e => e.getAttribute('href'))")
        assert len(terms) == len(item.edition.glossary), item.path
        for (_, shown), entry in zip(terms, item.edition.glossary):
            assert normal(entry.definition) in normal(shown)
        assert links and set(links) <= {f"#{id_}" for id_, _ in terms}, (item.path, links)
        assert len(links) == len(set(links))  # the first use only
    for item in with_callouts:
        with visit(browser, item.path, 360) as seen:
            snapshot = normal(seen.page.locator("main").aria_snapshot())
        for section in item.edition.sections:
            for callout in section.callouts:
                title = normal(KINDS[item.edition.language.split("-")[0]][callout.kind])
                assert f'region"{title}"' in snapshot, (item.path, title)  # normal() drops the spaces



def test_dark_scheme_reduced_motion_and_print(browser, real_pages):
    theme = load_theme(ROOT / "templates").colors
    rgb = lambda hex_: f"rgb({int(hex_[1:3], 16)}, {int(hex_[3:5], 16)}, {int(hex_[5:7], 16)})"  # noqa: E731
    item = real_pages[0]
    background = "getComputedStyle(document.documentElement).backgroundColor"
    with visit(browser, item.path, scheme="light") as seen:
        assert seen.page.evaluate(background) == rgb(theme["paper"])
        assert seen.page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"
    with visit(browser, item.path, scheme="dark", motion="reduce") as seen:
        assert seen.page.evaluate(background) == rgb(theme["ink"])
        assert seen.page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
        seen.page.emulate_media(media="print")
        assert seen.page.evaluate(background) == "rgb(255, 255, 255)"
        assert seen.page.get_by_role("navigation").is_hidden()
        assert seen.page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"


def site_links(index: Path) -> list[str]:
    return [str(h) for h in lxml.html.document_fromstring(index.read_bytes()).xpath("//main//a/@href")]


def test_the_site_index_links_every_output_of_the_registry(site_project):
    out = site_project / "out"
    editions = load_editions(Project(site_project))
    expected = sorted(f"../{content.split('/')[1]}/{edition.language}/{output.filename}"
                      for content, edition in editions.items() for output in OUTPUTS)
    links = site_links(out / SITE_INDEX)
    assert sorted(links) == expected and len(expected) == len(editions) * len(OUTPUTS) >= 3 * len(OUTPUTS)
    assert all((out / "site" / link).resolve().is_file() for link in links)
    text = normal(lxml.html.document_fromstring((out / SITE_INDEX).read_bytes()).text_content())
    assert all(normal(edition.title) in text for edition in editions.values())


def test_the_site_index_survives_incremental_builds_and_forgets_removed_content(site_project, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(site_project, root)   # its output folder too, as the build left it (strict: strict builds here)
    out = root / "out"
    index = out / SITE_INDEX
    before = (index.read_bytes(), index.stat().st_mtime_ns)
    assert main(["--output", str(out), "-q", "--strict"], root=root) == 0  # all up to date: the index is kept as it is
    assert (index.read_bytes(), index.stat().st_mtime_ns) == before
    shutil.rmtree(root / "content" / "garden")
    assert main(["--output", str(out), "-q", "--strict"], root=root) == 0
    links = site_links(index)
    assert links and not [link for link in links if "/garden/" in link] and not (out / "garden").exists()
    manifest = dict(line.split("  ", 1)[::-1] for line in (out / "SHA256SUMS").read_text().splitlines()
                    if not line.startswith("#"))
    assert manifest["site/index.html"] == hashlib.sha256(index.read_bytes()).hexdigest()
    (root / "content" / FIXTURE.name / "fr.yaml").write_text("lang: [", encoding="utf-8")  # a failed build
    assert main(["--output", str(out), "-q", "--strict"], root=root) != 0
    assert site_links(index) == links


def test_the_association_logo_is_embedded_too(browser, tmp_path):
    """A theme with a logo (a file of templates/): the page carries it as a data: URL, named by the association."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(FIXTURE, tmp_path / "content" / FIXTURE.name)
    (tmp_path / "templates" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#fff"/></svg>',
        encoding="utf-8")
    theme = tmp_path / "templates" / "theme.yaml"
    theme.write_text(re.sub(r"(?m)^  logo:.*$", "  logo: logo.svg", theme.read_text(encoding="utf-8")), encoding="utf-8")
    assert main(["--output", str(tmp_path / "out"), "-q", "--strict", "--only", WEB[0].filename], root=tmp_path) == 0
    page = next((tmp_path / "out").glob(f"*/*/{WEB[0].filename}"))
    tree = lxml.html.document_fromstring(page.read_bytes())
    (logo,) = tree.xpath("//header//span[@class='logo']/img")
    assert logo.get("src").startswith("data:image/svg+xml;base64,")
    assert logo.get("alt") == load_theme(tmp_path / "templates").contact.name
    with visit(browser, page, 320) as seen:
        assert axe(seen.page)["violations"] == []
    assert seen.requests == [page.as_uri()]


# What a patient or an association meets on the page and the index (issue 22), read back from the built files:
# the real article, the synthetic topic and a generated one, each in English and French.

MEASURE = """(selector) => {
  /* the characters of each rendered line of running text (the lines found from each character's box) */
  const lines = [];
  for (const element of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let top = null, count = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.textContent.length; i++) {
        if (/\\s/.test(node.textContent[i])) { count += top === null ? 0 : 1; continue; }
        const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (!box) continue;
        if (top === null || Math.abs(box.top - top) > box.height / 2) {
          if (top !== null) lines.push([count, element.innerText.slice(0, 50)]);
          top = box.top; count = 0;
        }
        count += 1;
      }
    }
    if (top !== null) lines.push([count, element.innerText.slice(0, 50)]);
  }
  return lines;
}"""
RUNNING_TEXT = "main p:not(table p), main li:not(:has(p)), main figcaption, main dd, footer p"


@pytest.fixture(scope="session")
def linked_pages(real_pages, site_project) -> list[WebFile]:
    """Every page a build made, with the links the plan gives it: the real article and the site project's
    (the synthetic topic and a generated one, each in two languages)."""
    out = site_project / "out"
    built = [WebFile(out / content.split("/")[1] / edition.language / WEB[0].filename, out, edition)
             for content, edition in load_editions(Project(site_project)).items()]
    return [*real_pages, *built]


def own_name(lang: str) -> str:
    """A language's name in that language, as babel (CLDR) writes it, capitalised: English, Français."""
    from babel import Locale
    name = Locale.parse(lang, sep="-").get_language_name() or lang
    return name[:1].upper() + name[1:]


def test_each_page_links_its_other_editions_and_offers_its_files_in_its_language(linked_pages):
    from handouts.render.i18n import translations_for
    offered = [output for output in OUTPUTS if output.offered]
    assert len(offered) >= 5
    for item in linked_pages:
        edition, tree = item.edition, lxml.html.document_fromstring(item.path.read_bytes())
        others = sorted(p for p in item.path.parent.parent.glob(f"*/{WEB[0].filename}") if p != item.path)
        assert others, item.path
        expected = [(f"../{p.parent.name}/{p.name}", lxml.html.document_fromstring(p.read_bytes()).get("lang"))
                    for p in others]
        alternates = [(a.get("href"), a.get("hreflang")) for a in tree.xpath("//head/link[@rel='alternate']")]
        switch = tree.xpath("//header//*[@class='languages']//a")
        assert alternates == expected, item.path
        assert [(a.get("href"), a.get("hreflang")) for a in switch] == expected, item.path
        assert [a.get("lang") for a in switch] == [lang for _, lang in expected]
        assert [a.text_content() for a in switch] == [own_name(lang) for _, lang in expected]
        gettext = translations_for(ROOT / "templates" / "locales", edition.language).gettext
        downloads = tree.xpath("//header//*[@class='downloads']//a")
        assert [a.get("href") for a in downloads] == [o.filename for o in offered], item.path
        for link, output in zip(downloads, offered):
            assert (item.path.parent / link.get("href")).is_file()
            assert normal(link.text_content()) == normal(f"{gettext(output.offer)} ({gettext(output.kind)})")
        if edition.language.startswith("fr"):   # the French words, not the English message ids
            assert not {normal(o.offer) for o in offered} & {normal(a.text_content().split("(")[0]) for a in downloads}


def test_the_authors_are_in_the_footer_and_the_draft_note_is_short(linked_pages):
    for item in linked_pages:
        tree = lxml.html.document_fromstring(item.path.read_bytes())
        header, footer = normal(tree.xpath("//header")[0].text_content()), normal(tree.xpath("//footer")[0].text_content())
        for author in item.edition.authors:
            assert normal(author.signature) in footer and normal(author.name) in header
            assert all(normal(position) in footer and normal(position) not in header for position in author.positions)
        for note in tree.xpath("//header//*[@class='draft']"):
            assert len(note.text_content().split()) <= 8, note.text_content()


def test_running_text_keeps_to_about_70_characters_a_line(browser, linked_pages):
    """Measured in Chromium at 1280 px: every line of the running text, the footer and the captions."""
    long = []
    for item in linked_pages:
        with visit(browser, item.path, 1280) as seen:
            lines = seen.page.evaluate(MEASURE, RUNNING_TEXT)
        assert len(lines) > 20, item.path
        long += [f"{item.path.relative_to(item.top)}: {count} characters: {text!r}" for count, text in lines if count > 72]
    assert long == []


def test_the_measure_is_measured(browser, linked_pages, tmp_path):
    """The same measure on a copy whose text may run the column's width: it sees the long lines."""
    page = tmp_path / "page.html"
    page.write_text(linked_pages[0].path.read_text(encoding="utf-8").replace(
        "--measure: 27rem;", "--measure: 60rem;"), encoding="utf-8")
    with visit(browser, page, 1280) as seen:
        assert max(count for count, _ in seen.page.evaluate(MEASURE, RUNNING_TEXT)) > 80


def test_on_a_wide_screen_the_contents_stay_beside_the_text(browser, linked_pages):
    """At 1280 px the contents are a column left of the text, beside its first lines, and still in view halfway down
    the page (the width a measured text left empty, used for finding one's way); at 360 px they come after the
    summary, above the sections; at 1280 px with the reader's text at 200 % they are above the sections too."""
    script = """() => { const nav = document.querySelector('article > nav').getBoundingClientRect();
        const lead = document.querySelector('article > :first-child').getBoundingClientRect();
        const section = document.querySelector('article > section:not(.summary)').getBoundingClientRect();
        return [nav.left, nav.right, nav.top, nav.bottom, lead.left, lead.top, section.top]; }"""
    for item in linked_pages:
        with visit(browser, item.path, 1280) as seen:
            nav_left, nav_right, nav_top, _, text_left, text_top, _ = seen.page.evaluate(script)
            assert nav_right < text_left and abs(nav_top - text_top) < 60, item.path
            seen.page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
            _, _, top, bottom, *_ = seen.page.evaluate(script)
            assert 0 <= top and bottom <= 900, f"{item.path}: the contents scrolled away ({top:.0f} to {bottom:.0f})"
        for width, zoom in ((360, 1.0), (1280, 2.0)):
            with visit(browser, item.path, width, text_zoom=zoom) as seen:
                _, _, _, nav_bottom, _, _, section_top = seen.page.evaluate(script)
                assert nav_bottom <= section_top, f"{item.path} at {width} px, text {zoom:.0%}"


def test_the_options_legend_explains_the_grades_the_table_shows(browser, linked_pages):
    """Read in Chromium: each line of an options table's legend names a grade one of its options has, and each grade
    shown has its line (the page listed the whole scale, two grades no option had: a designer and a patient read the
    print's legend of the grades shown, and the page's of four)."""
    script = """() => [...document.querySelectorAll('section.options')].map(s => [
        [...s.querySelectorAll('p.legend span')].map(x => x.innerText.split(':')[0].trim()),
        [...s.querySelectorAll('td[data-label]:last-child')].map(x => x.innerText)])"""
    checked = 0
    for item in linked_pages:
        with visit(browser, item.path, 1280) as seen:
            for legend, cells in seen.page.evaluate(script):
                assert legend, item.path
                shown = {grade for grade in legend if any(grade in cell for cell in cells)}
                assert shown == set(legend), f"{item.path}: legend of grades no option has: {set(legend) - shown}"
                longest_first = sorted(legend, key=len, reverse=True)
                for cell in cells:   # "Very low evidence" holds "Low evidence": each cell's grade, the longest that fits
                    found = next((g for g in longest_first if g in cell), None)
                    assert found is not None or not any(w in cell for w in ("evidence", "preuve")), (item.path, cell)
                checked += 1
    assert checked


def test_a_phone_first_screen_shows_the_title_and_the_start_of_the_article(browser, linked_pages):
    """At 360 x 740 CSS px: the title and the first lines of the article (its lead, else its summary) are in the
    first screen; the contents and the authors' positions are not before them."""
    for item in linked_pages:
        with visit(browser, item.path, 360) as seen:
            page = seen.page
            title = page.locator("h1").bounding_box()
            first = page.locator("main article > :is(p, section)").first.bounding_box()
            contents = page.get_by_role("navigation").bounding_box()
        assert title and first and contents
        assert title["y"] + title["height"] < 740 and first["y"] + 60 < 740, (item.path, first)
        assert contents["y"] > first["y"]


CARDS = """() => [...document.querySelectorAll('section.options table')].map(table => {
  /* each options table: whether anything scrolls sideways, its column headings, and each cell's box, text and label */
  const scroller = table.closest('.scroll') || table.parentElement, root = document.documentElement;
  return {wide: scroller.scrollWidth > scroller.clientWidth + 1 || root.scrollWidth > root.clientWidth,
          heads: [...table.querySelectorAll('thead th')].map(th => th.textContent.trim()),
          rows: [...table.querySelectorAll('tbody tr')].map(tr => [...tr.children].map(cell => {
            const box = cell.getBoundingClientRect(), label = getComputedStyle(cell, '::before');
            return [box.left, box.right, cell.innerText.trim().length,
                    label.display === 'none' || label.visibility === 'hidden' ? '' : label.content];
          }))};
})"""


def test_on_a_phone_each_option_is_a_card_whose_every_column_is_seen_and_labelled(browser, real_pages, shaped_pages):
    """At 360 CSS px the options table scrolled sideways and hid its evidence column with no cue: each option is
    now a card, every cell inside the screen (nothing to scroll) and shown after its column's heading; still a
    table with its headers for a screen reader."""
    with_options = [item for item in [*real_pages, *shaped_pages] if item.edition.options]
    assert len(with_options) >= 3
    for item in with_options:
        with visit(browser, item.path, 360) as seen:
            tables = seen.page.evaluate(CARDS)
            assert seen.page.get_by_role("table").count() >= len(tables) and seen.page.get_by_role("columnheader").count() >= 4
        assert tables, item.path
        for table in tables:
            assert not table["wide"] and len(table["heads"]) == 4, item.path
            assert sum(len(row) for row in table["rows"]) == 4 * len(table["rows"])
            for row in table["rows"]:
                for (left, right, letters, label), head in zip(row, table["heads"]):
                    assert left >= 0 and right <= 360 and letters, (item.path, head, left, right)
                    assert label == f'"{head}"', (item.path, head, label)


def luminance(css: str) -> float:
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", css)[:3])
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_figures_are_light_cards_with_dark_captions_in_dark_colours(browser, linked_pages):
    with_figures = [item for item in linked_pages if item.edition.key_figures]
    assert with_figures
    for item in with_figures:
        with visit(browser, item.path, 1280, "dark") as seen:
            page_paper = seen.page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
            figures = seen.page.eval_on_selector_all("main figure", """figures => figures.map(f => [
                getComputedStyle(f).backgroundColor,
                [...f.querySelectorAll('figcaption, figcaption *')].map(e => getComputedStyle(e).color),
                [...f.querySelectorAll('svg, img')].map(e => getComputedStyle(e).backgroundColor)])""")
        assert luminance(page_paper) < 0.05 and figures
        for paper, inks, pictures in figures:
            assert luminance(paper) > 0.7, (item.path, paper)
            assert set(pictures) <= {paper, "rgba(0, 0, 0, 0)"}, (item.path, pictures)   # one card, no white tile in it
            assert all((luminance(paper) + 0.05) / (luminance(ink) + 0.05) >= 4.5 for ink in inks), (item.path, inks)


def shown_size(text: str, lang: str) -> float:
    """The bytes a link's '(PDF, 74 ko)' says, read back with the language's number format."""
    from babel.numbers import parse_decimal
    found = re.search(r"(\d[\d\u00a0.,]*)\s(kB|ko|MB|Mo)\)", text)
    assert found, text
    number = float(parse_decimal(found[1].strip(), locale=lang.replace("-", "_")))
    return number * (1000 if found[2] in ("kB", "ko") else 1_000_000)


def test_the_site_index_speaks_each_editions_language_without_jargon(site_project):
    from handouts.render.i18n import translations_for
    out = site_project / "out"
    tree = lxml.html.document_fromstring((out / SITE_INDEX).read_bytes())
    editions = load_editions(Project(site_project))
    sections = tree.xpath("//main//div[contains(@class, 'edition')]")
    assert len(sections) == len(editions) >= 4
    jargon = ("PDF/UA", "PDF/X", "saddle", "imposed", "untagged", "DOCX", "HTML", ".pdf", ".pptx", ".docx")
    for content, edition in editions.items():
        (section,) = [s for s in sections if s.xpath(f".//a[contains(@href, '/{content.split('/')[1]}/{edition.language}/')]")]
        gettext = translations_for(ROOT / "templates" / "locales", edition.language).gettext
        assert section.get("lang") == edition.lang
        assert normal(section.xpath(".//h3")[0].text_content()) == normal(own_name(edition.lang))
        text = section.text_content()
        assert not [word for word in jargon if word in text], text
        draft = approval_of(site_project / content, site_project) is None
        assert (normal(gettext("DRAFT — not approved for distribution")) in normal(text)) == draft
        links = section.xpath(".//a")
        shelved = [by_filename(name) for names in GROUPS.values() for name in names]
        assert [link.get("href").rsplit("/", 1)[1] for link in links] == [output.filename for output in shelved]
        for link, output in zip(links, shelved):
            shown = link.text_content()
            assert normal(shown).startswith(normal(gettext(output.offer))), shown
            size = (out / "site" / link.get("href")).stat().st_size
            assert abs(shown_size(shown, edition.lang) - size) <= (500 if size < 1_000_000 else 50_000), (shown, size)
        advice = {"en": ("double-sided", "short edge", "100", "fold", "staple"),
                  "fr": ("recto verso", "bord court", "100", "Pliez", "agrafez")}[edition.language.split("-")[0]]
        assert all(words in text for words in advice), text


# The site index's groups of an edition's files, in order: what a patient or a family takes home first, then a
# clinic's or a print shop's files, then a speaker's.
GROUPS = {"For patients and families": ["page.html", "leaflet.pdf", "leaflet-large.pdf", "card.pdf", "edition.docx"],
          "For clinics and print shops": ["leaflet-press.pdf", "card-press.pdf", "leaflet-booklet.pdf"],
          "For speakers": ["deck.pptx", "deck-script.pdf"]}


def test_the_site_index_is_headed_in_each_language_and_groups_each_editions_files_by_reader(browser, built, site_project):
    """Read in Chromium, on the real article's build and on the site project's (the synthetic topic and a generated
    one): the page's heading, lead and contents' heading in every language of its editions (the heading was English
    alone); each edition's files under three headings in its language, each with a line on what they are for and
    the list it names (patient files first, the print shop's apart), in that order."""
    from handouts.render.i18n import translations_for
    from handouts.render.web.site import LEAD, TITLE
    assert sorted(name for names in GROUPS.values() for name in names) == sorted(output.filename for output in OUTPUTS)
    association = load_theme(ROOT / "templates").contact.name
    for out, root in ((built, ROOT), (site_project / "out", site_project)):
        editions = load_editions(Project(root))
        languages = sorted({edition.language for edition in editions.values()})
        assert len(languages) >= 2
        with visit(browser, out / SITE_INDEX, 360) as seen:
            page = seen.page
            heading = page.get_by_role("heading", level=1)
            for language in languages:
                gettext = translations_for(ROOT / "templates" / "locales", language).gettext
                said = heading.locator(f"[lang='{language}']")
                assert normal(said.inner_text()) == normal(gettext(TITLE) % {"association": association}), language
                assert normal(page.locator(f"main > p.lead[lang='{language}']").inner_text()) == normal(gettext(LEAD))
            for content, edition in editions.items():
                gettext = translations_for(ROOT / "templates" / "locales", edition.language).gettext
                folder = f"/{content.split('/')[1]}/{edition.language}/"
                section = page.locator("div.edition").filter(has=page.locator(f"a[href*='{folder}']"))
                assert section.get_attribute("lang") == edition.lang
                titles = [normal(t) for t in section.locator("h4").all_inner_texts()]
                assert titles == [normal(gettext(title)) for title in GROUPS], (out, edition.language, titles)
                for title, names in GROUPS.items():
                    files = section.get_by_role("list", name=gettext(title).replace("\u00a0", " "), exact=True)
                    hrefs = files.get_by_role("link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
                    assert [href.rsplit("/", 1)[1] for href in hrefs] == names, (out, edition.language, title)
                    about = files.locator("xpath=preceding-sibling::p[@class='audience'][1]").inner_text()
                    assert len(about.split()) >= 5, about
                    if edition.language == "fr":
                        assert normal(gettext(title)) != normal(title)


def test_a_page_links_only_the_files_the_plan_has(scratch, tmp_path):
    """An --only build of the pages offers no file it does not make (the editions' pages it does); a later
    build of every output makes the pages again, with every offered file."""
    out = tmp_path / "out"
    assert main(["--output", str(out), "-q", "--only", WEB[0].filename], root=scratch) == 0
    pages = sorted(out.glob(f"*/*/{WEB[0].filename}"))
    assert len(pages) == 2
    for page in pages:
        tree = lxml.html.document_fromstring(page.read_bytes())
        assert tree.xpath("//*[@class='downloads']") == [] and len(tree.xpath("//link[@rel='alternate']")) == 1
    assert main(["--output", str(out), "-q"], root=scratch) == 0
    for page in pages:
        hrefs = lxml.html.document_fromstring(page.read_bytes()).xpath("//*[@class='downloads']//a/@href")
        assert hrefs == [output.filename for output in OUTPUTS if output.offered]
        assert all((page.parent / href).is_file() for href in hrefs)
