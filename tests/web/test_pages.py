"""The workbench pages through a real server: uvicorn on a free localhost port over a store of the seeds and one
invented document whose title, outlet, author, URL and body are hostile. Pages are parsed with lxml, so links and
ids are read as a browser reads them."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import lxml.html
import pytest

from newsint.model import Article, Entity, Mention, Provenance
from newsint.web.app import CSP
from newsint.web.views import Mark, Node, checked_brief, marked_text, marks
from tests.conftest import SEEDS, needs
from tests.web.live import checked_get, serve, store_of_seeds

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
TEMPLATE = "{{7*7}}"
HOSTILE_DOC = (
    f"title: {SCRIPT} {TEMPLATE} {IMG}\n"
    "url: javascript:alert(1)\n"
    f"outlet: {IMG} Daily\n"
    f"author: {TEMPLATE} {SCRIPT}\n\n"
    "The mayor of Kharkiv said on Monday that shelling hit the city centre overnight. "
    f"{SCRIPT} Officials said three people were killed in the strike, according to the regional governor. "
    f"{TEMPLATE} {IMG} javascript:alert(1)\n"
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    settings = store_of_seeds(tmp_path_factory.mktemp("pages"), {"hostile.txt": HOSTILE_DOC})
    with serve(settings, "test-token-0123456789") as url, httpx.Client(base_url=url, timeout=120) as found:
        yield found


pytestmark = [needs(SEEDS), pytest.mark.integration]


def _tree(answer: httpx.Response) -> lxml.html.HtmlElement:
    assert answer.headers["content-type"].startswith("text/html"), answer.headers["content-type"]
    return lxml.html.fromstring(answer.text)


def _hostile_id(client: httpx.Client) -> str:
    documents = client.get("/api/v1/documents", params={"limit": 500}).json()["items"]
    found = [d["id"] for d in documents if d["title"] and SCRIPT in d["title"]]
    assert len(found) == 1
    return str(found[0])


def _stories(client: httpx.Client) -> list[dict[str, object]]:
    stories: list[dict[str, object]] = client.get("/api/v1/stories", params={"limit": 500}).json()["items"]
    assert stories
    return stories


def _assert_inert(answer: httpx.Response, shown: tuple[str, ...] = (SCRIPT, IMG, TEMPLATE)) -> None:
    """The hostile strings `shown` are on the page, only as text: escaped, never a tag, an attribute or a link."""
    text = answer.text
    escaped = {SCRIPT: "&lt;script&gt;alert(1)&lt;/script&gt;", IMG: "&lt;img src=x onerror=alert(1)&gt;"}
    for hostile in shown:
        assert escaped.get(hostile, hostile) in text, hostile  # {{7*7}} is shown as written, not evaluated
    own = '<script src="/static/cite.js"></script>'  # the evidence view's one script, from the package
    assert "<script" not in text.replace(own, "").lower()  # no other script, and none inline
    assert "<img" not in text.lower()
    tree = _tree(answer)
    assert not tree.xpath("//script[not(@src='/static/cite.js')] | //script[text()] | //img | //*[@onerror]")
    for href in tree.xpath("//@href | //@src | //@action"):
        assert href.startswith(("/", "#", "http://", "https://")), href


def test_every_page_is_html_with_the_security_headers(client: httpx.Client) -> None:
    story = _stories(client)[0]["id"]
    document = client.get("/api/v1/documents", params={"limit": 1}).json()["items"][0]["id"]
    for url in ("/", f"/stories/{story}", f"/documents/{document}", "/search", "/search?q=Bakhmut"):
        tree = _tree(checked_get(client, url))
        links = [a.get("href") for a in tree.xpath("//header//nav/a")]
        assert links[1:3] == ["/", "/search"] and "/map" in links, url  # other pages add their links after these
        assert tree.xpath("//link[@rel='stylesheet']/@href") == ["/static/style.css"], url
    css = checked_get(client, "/static/style.css")
    assert css.headers["content-type"].startswith("text/css") and "mark.entity" in css.text
    assert checked_get(client, "/api/v1/health").json()["status"] == "ok"  # the API carries the headers too


def test_the_overview_lists_the_stories_biggest_first_and_the_latest_events(client: httpx.Client) -> None:
    stories = _stories(client)
    tree = _tree(checked_get(client, "/"))
    count = client.get("/api/v1/health").json()["documents"]
    assert f"{count} documents" in " ".join(tree.xpath("//p[@class='lead']")[0].text_content().split())
    linked = [href.removeprefix("/stories/") for href in tree.xpath("//a[starts-with(@href, '/stories/')]/@href")]
    assert linked == [s["id"] for s in stories]
    first_row = tree.xpath("//table")[0].xpath(".//tbody/tr")[0]
    assert [c.text_content().strip() for c in first_row.xpath("td")][1] == str(stories[0]["size"])
    events = tree.xpath("//h2[text()='Latest events']/following-sibling::table[1]//tbody/tr")
    assert events
    dates = [row.xpath("td[1]//@data-value")[0] for row in events]  # the TIMEX3 value; the words are shown
    assert dates == sorted(dates, reverse=True)
    assert all(row.xpath("td[1]/a/@href")[0].startswith("/documents/") for row in events)


def test_hostile_text_is_shown_escaped_on_everychecked_get(client: httpx.Client) -> None:
    doc = _hostile_id(client)
    page = checked_get(client, f"/documents/{doc}")
    _assert_inert(page)
    tree = _tree(page)
    assert tree.xpath("//h1")[0].text_content() == f"{SCRIPT} {TEMPLATE} {IMG}"
    assert not tree.xpath("//a[contains(@href, 'alert')]")  # the javascript: URL is text, not a link
    assert "javascript:alert(1)" in tree.xpath("//tr[th='Source']/td")[0].text_content()
    assert SCRIPT in tree.xpath("//div[@class='text']")[0].text_content()
    _assert_inert(checked_get(client, "/"), (IMG,))  # the outlet, in the story's list of outlets
    _assert_inert(checked_get(client, "/search?q=Kharkiv"), (SCRIPT, IMG))
    story = client.get(f"/api/v1/documents/{doc}").json()["story"]
    _assert_inert(checked_get(client, f"/stories/{story}"))


def test_a_query_with_markup_is_shown_escaped(client: httpx.Client) -> None:
    answer = client.get("/search", params={"q": f'{IMG} ("'})
    assert answer.status_code == 422 and "<img" not in answer.text and "&lt;img src=x" in answer.text


def test_the_story_page_cites_every_statement_to_a_marked_span(client: httpx.Client) -> None:
    story = _stories(client)[0]
    tree = _tree(checked_get(client, f"/stories/{story['id']}"))
    assert tree.xpath("//h1")[0].text_content() == story["label"]
    citations = tree.xpath("//div[@class='brief']//cite//a/@href")
    assert citations and all(re.fullmatch(r"/documents/[0-9a-f]+\?s=\d+-\d+#s-\d+-\d+", c) for c in citations)
    assert tree.xpath("//section[@id='corroborated']//a[@class='cite']")
    assert len(tree.xpath("//div[contains(@class, 'conflict')]//div[contains(@class, 'side')]")) >= 2
    assert tree.xpath("//section[@id='timeline']//tbody/tr")
    outlets = [h.text_content() for h in tree.xpath("//section[@id='articles']/h3")]
    assert outlets and outlets == sorted(outlets)
    linked = tree.xpath("//a[@class='cite']/@href") + citations
    pages: dict[str, lxml.html.HtmlElement] = {}
    for href in linked:
        path, _, fragment = href.partition("#")
        if path not in pages:
            pages[path] = _tree(checked_get(client, path))
        target = pages[path].get_element_by_id(fragment, None)
        assert target is not None, href
        start, end = map(int, fragment.removeprefix("s-").split("-"))
        text = pages[path].xpath("//div[@class='text']")[0].text_content()
        # the element opens the span; a mark that began before it and ends inside it may cut it in two
        assert target.text_content() and text[start:end].startswith(target.text_content()), href


def test_the_document_page_marks_annotations_and_shows_provenance(client: httpx.Client) -> None:
    exported = client.get("/api/v1/documents", params={"limit": 500}).json()["items"]
    doc = max(exported, key=lambda d: len(d["claims"]) + len(d["events"]) + len(d["removed"]))
    tree = _tree(checked_get(client, f"/documents/{doc['id']}"))
    text = tree.xpath("//div[@class='text']")[0]
    assert text.text_content() == doc["text"]  # the marks add no character
    for kind in ("entity", "place", "claim", "event"):
        found = text.xpath(f".//*[contains(concat(' ', @class, ' '), ' {kind} ')]")
        assert found and all(e.get("title") for e in found), kind
    claim = doc["claims"][0]
    marked = tree.get_element_by_id(f"s-{claim['start']}-{claim['end']}")
    assert marked.text_content() == claim["text"]
    facts = tree.text_content()
    assert doc["provenance"]["sha256"] in facts and doc["provenance"]["input"] in facts
    removed = tree.xpath("//details//td[@class='removed']")
    assert [r.text_content() for r in removed] == [r["text"] for r in doc["removed"]]
    assert tree.xpath("//h3[text()='Sightings']/following-sibling::table[1]//tbody/tr")


def test_a_cited_span_outside_any_annotation_is_outlined(client: httpx.Client) -> None:
    doc = client.get("/api/v1/documents", params={"limit": 1}).json()["items"][0]
    tree = _tree(checked_get(client, f"/documents/{doc['id']}?s=1-6"))
    assert tree.get_element_by_id("s-1-6").get("class") == "cited"
    assert tree.get_element_by_id("s-1-6").text_content() == doc["text"][1:6]
    missing = _tree(checked_get(client, f"/documents/{doc['id']}?s=5-999999"))
    assert missing.xpath("//p[@class='error']") and not missing.xpath("//*[@class='cited']")


def test_search_finds_bakhmut_and_explains_a_bad_query(client: httpx.Client) -> None:
    tree = _tree(checked_get(client, "/search?q=Bakhmut"))
    hits = tree.xpath("//ol[@class='hits']/li")
    assert hits and all(h.xpath(".//mark[@class='hit']") for h in hits)
    assert all(h.xpath("a/@href")[0].startswith("/documents/") for h in hits)
    malformed = _tree(checked_get(client, '/search?q=Bakhmut AND ("', 422))
    assert "cannot be run" in malformed.xpath("//p[@class='error']")[0].text_content()
    too_long = _tree(checked_get(client, "/search?q=" + "x" * 501, 422))
    assert "at most 500" in too_long.xpath("//p[@class='error']")[0].text_content()
    assert not _tree(checked_get(client, "/search?q=zzzqqqxxx")).xpath("//ol[@class='hits']/li")
    bad_date = _tree(checked_get(client, "/search?q=Bakhmut&since=March", 422))
    assert "'March' is not a date" in bad_date.xpath("//p[@class='error']")[0].text_content()
    assert bad_date.xpath("//input[@name='since']/@value") == ["March"]  # the form comes back as it was sent


def test_search_filters_and_meaning(client: httpx.Client) -> None:
    everything = _tree(checked_get(client, "/search?q=Bakhmut"))
    metas = everything.xpath("//ol[@class='hits']/li/span[@class='meta']/text()")
    dates = sorted(found[0] for meta in metas if (found := re.findall(r"\d{4}-\d{2}-\d{2}", meta)))
    late = _tree(checked_get(client, f"/search?q=Bakhmut&since={dates[-1]}"))
    assert 0 < len(late.xpath("//ol[@class='hits']/li")) < len(everything.xpath("//ol[@class='hits']/li"))
    assert late.xpath("//input[@name='since']/@value") == [dates[-1]]
    meaning = _tree(checked_get(client, "/search?q=the+fight+for+a+town+in+eastern+Ukraine&mode=semantic"))
    assert meaning.xpath("//ol[@class='hits']/li") and meaning.xpath("//input[@value='semantic']/@checked")
    assert not _tree(checked_get(client, "/search?q=Bakhmut&story=nope", 422)).xpath("//ol[@class='hits']/li")


def test_unknown_ids_are_a_404checked_get(client: httpx.Client) -> None:
    for url in ("/documents/zzzz", "/stories/nope"):
        tree = _tree(checked_get(client, url, 404))
        assert tree.xpath("//h1")[0].text_content() == "Not found"
    for url in ("/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/nothing.css"):
        answer = client.get(url)
        assert answer.status_code == 404 and "create_app" not in answer.text, url


# -- the parts, without a server -----------------------------------------------------------------------------------


def test_overlapping_marks_nest_and_keep_every_character() -> None:
    text = "abcdefghij"
    found = [Mark(0, 5, "span", "claim", "a claim", 2), Mark(3, 8, "mark", "entity", "a name", 5)]
    nodes = marked_text(text, found)

    def flat(items: list[Node | str]) -> str:
        return "".join(n if isinstance(n, str) else flat(n.children) for n in items)

    assert flat(nodes) == text
    first, second = nodes[0], nodes[1]
    assert isinstance(first, Node) and first.id == "s-0-5" and first.children[0] == "abc"
    inner = first.children[1]
    assert isinstance(inner, Node) and inner.id == "s-3-8" and inner.children == ["de"]
    assert isinstance(second, Node) and second.css == "entity cont" and second.id is None
    assert second.children == ["fgh"] and nodes[2] == "ij"


def test_marks_carry_kind_and_title() -> None:
    article = Article(raw="", source="x", provenance=Provenance("x", "0" * 64), text="Zelensky spoke.")
    article.entities = [Entity("Volodymyr Zelensky", "PERSON", [Mention(0, 8, "Zelensky")], ["president"])]
    (mark,) = marks(article)
    assert (mark.css, mark.title) == ("entity entity-person", "PERSON: Volodymyr Zelensky — president")


def test_the_brief_is_embedded_only_as_the_renderers_markup() -> None:
    good = (
        '<!DOCTYPE html>\n<html><body>\n<article class="brief">\n<h1>T</h1>\n<p class="scope">Said '
        '<cite>[A, n.d.]<sup><a href="#ev-1" title="q">1</a></sup></cite>.</p>\n'
        '<section class="evidence"><h2>Evidence</h2>\n<ol>\n'
        '<li id="ev-1">[1] A — article ab12, characters 3–9: <q>q</q></li>\n</ol>\n</section>\n</article>\n'
    )
    checked = checked_brief(good)
    assert checked is not None
    assert checked.count('href="/documents/ab12?s=3-9#s-3-9"') == 2
    assert checked_brief(good.replace("<h1>T</h1>", "<h1>T</h1><script>alert(1)</script>")) is None
    assert checked_brief(good.replace('title="q"', 'title="q" onmouseover="alert(1)"')) is None
    assert checked_brief(good.replace('href="#ev-1"', 'href="javascript:alert(1)"')) is None
    assert checked_brief("<p>no brief here</p>") is None


def test_the_openapi_page_loads_swagger_ui_from_the_package(client: httpx.Client) -> None:
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and docs.headers["content-security-policy"] == CSP
    page = lxml.html.fromstring(docs.text)
    sources = [s.get("src") for s in page.iter("script")] + [link.get("href") for link in page.iter("link")]
    assert sources and all(source.startswith("/static/") for source in sources), sources
    assert not [s for s in page.iter("script") if (s.text or "").strip()], "an inline script breaks the CSP"
    for source in sources:
        assert client.get(source).status_code == 200, source
    assert client.get("/api/openapi.json").headers["content-security-policy"] == CSP
