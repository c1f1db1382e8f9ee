"""No raw TIMEX3 code reaches a person on the workbench (issue 30): the story, entity, timeline, overview and
document pages say times in words ("winter 2023", "the week of 10 April 2023", "9 March 2023") and keep the value
itself in a `data-value` attribute; the REST API and the exports still carry the values. A real server over the
seeds and one document, its pages parsed with lxml: what a person reads is the text and the tooltips (titles)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import lxml.html
import pytest

from tests.conftest import SEEDS, needs
from tests.web.live import checked_get, serve, store_of_seeds

#: A TIMEX3 code a person should never have to read: a week, season, quarter or half, a duration, a reference.
RAW_CODE = re.compile(r"\b\d{4}-(?:W\d\d|WI|SP|SU|FA|Q\d|H\d)\b|\bP\d+[YMWDH]\b|_REF\b")
ARTICLE = (
    "date: 2023-04-19\ntitle: Shelling near Kharkiv\noutlet: Times Daily\n\n"
    "Russian forces shelled the city of Kharkiv on 9 March 2023, killing three civilians, officials in Kyiv said. "
    "Food prices rose sharply in the winter of 2023, the ministry said. "
    "Russian troops attacked the village of Pisky last week, the governor said. "
    "The talks have lasted for three years.\n"
)

pytestmark = [needs(SEEDS), pytest.mark.integration]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    settings = store_of_seeds(tmp_path_factory.mktemp("times"), {"times.txt": ARTICLE})
    with serve(settings, "test-token-0123456789") as url, httpx.Client(base_url=url, timeout=120) as found:
        yield found


def _read(client: httpx.Client, url: str) -> tuple[lxml.html.HtmlElement, str]:
    """The page's tree and what a person reads on it: its text and its tooltips."""
    tree = lxml.html.fromstring(checked_get(client, url).text)
    for hidden in tree.xpath("//script | //style"):
        hidden.drop_tree()
    read = "\n".join([tree.text_content(), *tree.xpath("//@title")])
    assert not RAW_CODE.search(read), (url, RAW_CODE.findall(read))
    return tree, read


def _doc(client: httpx.Client) -> dict[str, object]:
    found = [d for d in client.get("/api/v1/documents", params={"limit": 500}).json()["items"]
             if d["title"] == "Shelling near Kharkiv"]  # fmt: skip
    assert len(found) == 1
    return dict(client.get(f"/api/v1/documents/{found[0]['id']}").json())


def test_the_api_and_the_exports_keep_the_values(client: httpx.Client) -> None:
    doc = _doc(client)
    values = {t["text"]: t["value"] for t in doc["times"]}  # type: ignore[attr-defined]
    assert values["the winter of 2023"] == "2023-WI" and values["last week"] == "2023-W15"
    assert values["three years"] == "P3Y"
    dates = {e["date"] for e in client.get("/api/v1/events", params={"doc": doc["id"]}).json()["items"]}
    assert {"2023-03-09", "2023-W15"} <= dates


def test_the_pages_say_times_in_words(client: httpx.Client) -> None:
    doc = _doc(client)
    _, document = _read(client, f"/documents/{doc['id']}")
    assert "winter 2023" in document and "the week of 10 April 2023" in document and "3 years" in document
    assert "event: " in document and " on 9 March 2023" in document  # the event's tooltip

    timeline, read = _read(client, "/timeline")
    assert "9 March 2023" in read and "the week of 10 April 2023" in read
    marked = {t.get("data-value"): t.text_content() for t in timeline.xpath("//time[@class='when']")}
    assert marked["2023-W15"] == "the week of 10 April 2023"  # the value kept for scripts, the words shown
    assert all(t.get("datetime") for t in timeline.xpath("//time[@class='when']"))

    _, overview = _read(client, "/")
    stories = {s["id"] for s in client.get("/api/v1/stories", params={"limit": 500}).json()["items"]}
    shown = [_read(client, f"/stories/{story}")[0] for story in sorted(stories)]
    words = {w.get("data-value"): w.text_content() for tree in shown for w in tree.xpath("//span[@class='when']")}
    assert words.get("2023-03-09") == "9 March 2023", words
    entities = client.get("/api/v1/entities", params={"doc": doc["id"], "limit": 50}).json()["items"]
    profiles = [_read(client, f"/entities/{e['id']}")[0] for e in entities if e.get("id")]
    assert any(p.xpath("//section[@id='events']//span[@class='when']") for p in profiles)
    for story in sorted(stories):
        _read(client, f"/timeline?story={story}")
