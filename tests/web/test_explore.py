"""The explore pages (an entity's profile, the timeline) through a real server: uvicorn on a free localhost port
over a store of the seeds and one invented document whose title, outlet, author and body are hostile. Pages are
parsed with lxml, so links and dates are read as a browser reads them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import httpx
import lxml.html
import pytest

from newsint.model import Statement
from newsint.query import TimelineItem
from newsint.web.pages import environment
from tests.conftest import SEEDS, needs
from tests.web.live import checked_get, serve, store_of_seeds

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
TEMPLATE = "{{7*7}}"
HOSTILE_DOC = (
    f"title: {SCRIPT} {TEMPLATE} {IMG}\n"
    "url: javascript:alert(1)\n"
    f"outlet: {IMG} Daily\n"
    "date: 2023-02-16\n"
    f"author: {TEMPLATE} {SCRIPT}\n\n"
    "Governor Oleh Syniehubov said on 14 February 2023 that Russian shelling killed three people in Kharkiv. "
    f"{SCRIPT} Officials said the strike hit the city centre overnight, according to Oleh Syniehubov. "
    f"{TEMPLATE} {IMG} javascript:alert(1)\n"
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    settings = store_of_seeds(tmp_path_factory.mktemp("explore"), {"hostile.txt": HOSTILE_DOC})
    with serve(settings, "test-token-0123456789") as url, httpx.Client(base_url=url, timeout=120) as found:
        yield found


pytestmark = [needs(SEEDS), pytest.mark.integration]


def _page(client: httpx.Client, url: str, status: int = 200) -> httpx.Response:
    answer = checked_get(client, url, status)
    assert answer.headers["content-type"].startswith("text/html"), answer.headers["content-type"]
    return answer


def _tree(answer: httpx.Response) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(answer.text)


def _documents(client: httpx.Client) -> dict[str, dict[str, object]]:
    items = client.get("/api/v1/documents", params={"limit": 500}).json()["items"]
    return {str(d["id"]): d for d in items}


def _hostile_id(client: httpx.Client) -> str:
    found = [doc for doc, d in _documents(client).items() if d["title"] and SCRIPT in str(d["title"])]
    assert len(found) == 1
    return found[0]


def _top_person(client: httpx.Client) -> dict[str, object]:
    people = client.get("/api/v1/entities", params={"type": "PERSON", "limit": 1}).json()["items"]
    assert people
    return dict(people[0])


def _linked_documents(tree: lxml.html.HtmlElement) -> set[str]:
    return {href.split("?")[0].split("#")[0].removeprefix("/documents/") for href in tree.xpath("//a/@href")
            if href.startswith("/documents/")}  # fmt: skip


def _assert_inert(answer: httpx.Response, shown: tuple[str, ...] = (SCRIPT, IMG, TEMPLATE)) -> None:
    """The hostile strings `shown` are on the page, only as text: escaped, never a tag, an attribute or a link."""
    text = answer.text
    escaped = {SCRIPT: "&lt;script&gt;alert(1)&lt;/script&gt;", IMG: "&lt;img src=x onerror=alert(1)&gt;"}
    for hostile in shown:
        assert escaped.get(hostile, hostile) in text, hostile
    assert "<script" not in text.lower()
    assert "<img" not in text.lower()
    tree = _tree(answer)
    assert not tree.xpath("//script | //img | //*[@onerror]")
    for href in tree.xpath("//@href | //@src | //@action"):
        assert href.startswith(("/", "#", "http://", "https://")), href


def _timeline(tree: lxml.html.HtmlElement) -> list[tuple[date, date, list[str]]]:
    """(first day, last day, documents cited) of every timeline row, in page order."""
    rows = []
    for row in tree.xpath("//table[contains(@class, 'timeline')]/tbody/tr"):
        cited = [href.split("?")[0].removeprefix("/documents/") for href in row.xpath(".//a/@href")]
        rows.append((date.fromisoformat(row.get("data-first")), date.fromisoformat(row.get("data-last")), cited))
    return rows


def test_the_most_mentioned_person_has_a_profile(client: httpx.Client) -> None:
    person = _top_person(client)
    tree = _tree(_page(client, f"/entities/{person['id']}"))
    assert tree.xpath("//h1")[0].text_content().startswith(str(person["name"]))
    aliases = [li.text_content() for li in tree.xpath("//ul[@class='aliases']/li")]
    assert aliases == person["aliases"] and aliases
    linked = _linked_documents(tree)
    mentioned = {m["doc"] for m in client.get(f"/api/v1/entities/{person['id']}").json()["mentions"]}
    assert linked and linked <= set(_documents(client))
    assert mentioned <= linked
    headings = tree.xpath("//section[@id='mentions']//h3/a/@href")
    assert len(headings) == len(mentioned)
    marked = tree.xpath("//section[@id='mentions']//mark[@class='entity-here']")
    assert len(marked) == person["mentions"]
    assert {m.text_content() for m in marked} <= {*person["aliases"], person["name"]}  # type: ignore[misc]


def test_a_claim_a_person_made_is_listed_as_said(client: httpx.Client) -> None:
    # The most mentioned person who is a claim's speaker entity, and then the most mentioned person of all.
    claims = client.get("/api/v1/claims", params={"limit": 500}).json()["items"]
    people = client.get("/api/v1/entities", params={"type": "PERSON", "limit": 500}).json()["items"]
    speakers = {c["speaker_entity"] for c in claims}
    person = next(p for p in people if p["id"] in speakers)
    tree = _tree(_page(client, f"/entities/{person['id']}"))
    said = [q.text_content() for q in tree.xpath("//section[@id='said']//q")]
    own = [c for c in claims if c["speaker_entity"] == person["id"]]
    assert sorted(said) == sorted(c["text"] for c in own)
    links = tree.xpath("//section[@id='said']//a/@href")
    assert sorted(links) == sorted(
        f"/documents/{c['doc']}?s={c['start']}-{c['end']}#s-{c['start']}-{c['end']}" for c in own
    )
    top_person = _top_person(client)
    top = _tree(_page(client, f"/entities/{top_person['id']}"))
    top_said = sorted(q.text_content() for q in top.xpath("//section[@id='said']//q"))
    assert top_said == sorted(c["text"] for c in claims if c["speaker_entity"] == top_person["id"])  # no one else's


def test_co_occurring_entities_link_to_their_pages(client: httpx.Client) -> None:
    person = _top_person(client)
    tree = _tree(_page(client, f"/entities/{person['id']}"))
    links = tree.xpath("//section[@id='beside']//a/@href")
    assert links and all(href.startswith("/entities/") for href in links)
    assert f"/entities/{person['id']}" not in links
    _page(client, links[0])


def test_unknown_entity_is_a_404_page(client: httpx.Client) -> None:
    answer = _page(client, "/entities/no-such-entity", 404)
    assert "no-such-entity" in answer.text
    _page(client, "/timeline?story=no-such-story", 404)


def test_the_timeline_is_in_date_order(client: httpx.Client) -> None:
    rows = _timeline(_tree(_page(client, "/timeline")))
    assert len(rows) > 1
    assert [(first, last) for first, last, _ in rows] == sorted((first, last) for first, last, _ in rows)
    assert len({first for first, _, _ in rows}) > 1
    assert all(cited for _, _, cited in rows)


def test_the_timeline_of_a_story_keeps_to_its_documents(client: httpx.Client) -> None:
    documents = _documents(client)
    whole = _timeline(_tree(_page(client, "/timeline")))
    stories = client.get("/api/v1/stories", params={"limit": 500}).json()["items"]
    story = next(s for s in stories if _timeline(_tree(_page(client, f"/timeline?story={s['id']}"))))
    own = {doc for doc, d in documents.items() if d["story"] == story["id"]}
    rows = _timeline(_tree(_page(client, f"/timeline?story={story['id']}")))
    assert rows and all(set(cited) <= own for _, _, cited in rows)
    assert len(rows) < len(whole)
    assert [(f, la) for f, la, _ in rows] == sorted((f, la) for f, la, _ in rows)


def test_the_timeline_filters_by_date(client: httpx.Client) -> None:
    whole = _timeline(_tree(_page(client, "/timeline")))
    firsts = sorted({first for first, _, _ in whole})
    since, until = firsts[1], firsts[-2] if len(firsts) > 3 else firsts[-1]
    rows = _timeline(_tree(_page(client, f"/timeline?since={since}&until={until}")))
    assert rows and len(rows) < len(whole)
    assert all(last >= since and first <= until for first, last, _ in rows)
    assert sum(1 for first, last, _ in whole if last >= since and first <= until) == len(rows)
    form = _tree(_page(client, f"/timeline?since={since}"))
    assert form.xpath("//form[@class='range']/@method") == ["get"]
    assert form.xpath("//input[@name='since']/@value") == [since.isoformat()]


def test_a_bad_date_is_a_readable_422(client: httpx.Client) -> None:
    for url in (
        "/timeline?since=yesterday",
        "/timeline?until=2024-13-45",
        "/timeline?since=2024-03-05&until=2024-03-01",
    ):
        tree = _tree(_page(client, url, 422))
        assert tree.xpath("//p[@class='error']"), url
        assert not tree.xpath("//table[contains(@class, 'timeline')]"), url
    answer = _page(client, f"/timeline?since={SCRIPT}", 422)
    assert "&lt;script&gt;" in answer.text and "<script" not in answer.text.lower()


def test_hostile_text_is_escaped_on_the_explore_pages(client: httpx.Client) -> None:
    hostile = _hostile_id(client)
    named = client.get("/api/v1/entities", params={"doc": hostile, "limit": 50}).json()["items"]
    assert named
    answer = _page(client, f"/entities/{named[0]['id']}")
    assert hostile in _linked_documents(_tree(answer))
    _assert_inert(answer, (SCRIPT, IMG, TEMPLATE))  # the title, as the heading of its mentions
    answer = _page(client, "/timeline?since=2023-02-14&until=2023-02-16")
    rows = _timeline(_tree(answer))
    assert any(hostile in cited for _, _, cited in rows)
    _assert_inert(answer, (IMG,))  # the outlet, as the evidence link


def test_disputed_entries_of_a_story_cite_its_conflicts(client: httpx.Client) -> None:
    stories = client.get("/api/v1/stories", params={"limit": 500}).json()["items"]
    flagged = 0
    for story in stories:
        tree = _tree(_page(client, f"/timeline?story={story['id']}"))
        disputed = tree.xpath("//tr[.//span[contains(@class, 'disputed')]]")
        if not disputed:
            continue
        conflicts = _tree(_page(client, f"/stories/{story['id']}")).xpath("//section[@id='disputed']//a/@href")
        contested = [_span(href) for href in conflicts]
        for row in disputed:
            cited = [_span(href) for href in row.xpath(".//a/@href")]
            assert any(_overlap(a, b) for a in cited for b in contested), row.text_content()
            flagged += 1
    assert flagged, "no story's timeline marks a disputed entry"
    assert not _tree(_page(client, "/timeline")).xpath("//span[contains(@class, 'disputed')]")


def _span(href: str) -> tuple[str, int, int]:
    doc, _, rest = href.removeprefix("/documents/").partition("?s=")
    start, _, end = rest.split("#")[0].partition("-")
    return doc, int(start), int(end)


def _overlap(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def test_the_timeline_flags_what_a_date_or_an_event_is() -> None:
    evidence = [Statement("doc1", 3, 9, "text", "outlet:a", "A Daily")]
    day = date(2023, 2, 14)
    items = [
        TimelineItem("2023-02-14", day, day, "day", "event", "plain", evidence, ["outlet:a"]),
        TimelineItem("2023-02-14", day, day, "day", "event", SCRIPT, evidence, ["outlet:a"], True, True, True, True),
    ]
    context = {"summary": None, "since": "", "until": "", "errors": [], "items": items}
    tree = lxml.html.fromstring(environment.get_template("timeline.html").render(context))
    plain, flagged = tree.xpath("//table[contains(@class, 'timeline')]/tbody/tr")
    assert not plain.xpath(".//span[contains(@class, 'flag')]")
    assert "date of report" not in plain.text_content()
    flags = [span.text_content() for span in flagged.xpath(".//span[contains(@class, 'flag')]")]
    assert flags == ["negated", "hypothetical", "disputed"]
    assert "date of report" in flagged.xpath("./td")[0].text_content()
    assert SCRIPT in flagged.text_content() and not tree.xpath("//script")
    assert plain.xpath(".//a/@href") == ["/documents/doc1?s=3-9#s-3-9"]


def test_the_document_page_links_its_entities(client: httpx.Client) -> None:
    hostile = _hostile_id(client)
    named = client.get("/api/v1/entities", params={"doc": hostile, "limit": 50}).json()["items"]
    tree = _tree(_page(client, f"/documents/{hostile}"))
    links = [href for href in tree.xpath("//table[@class='facts']//a/@href") if href.startswith("/entities/")]
    assert sorted(links) == sorted(f"/entities/{e['id']}" for e in named)
    for href in links:
        _page(client, href)
