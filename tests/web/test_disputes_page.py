"""The story page's disputes through a real server, over an invented dispute story (tests/stories/disputes): each
dispute under its kind, both sides side by side, every statement linked to its evidence, third parties below."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import lxml.html
import pytest

from newsint.batch import ingest
from newsint.query import quoted
from newsint.settings import load_settings
from newsint.store import Store
from tests.web.live import checked_get, serve

STORY = Path(__file__).parents[1] / "stories" / "disputes" / "harnesk_market_strike"

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = tmp_path_factory.mktemp("disputes") / "web.db"
    settings = load_settings(None, db=str(db))
    with Store.open(db) as store:
        ingest([str(p) for p in sorted(STORY.glob("*.txt"))], settings, store)
    with serve(settings, "test-token-0123456789") as url, httpx.Client(base_url=url, timeout=120) as found:
        yield found


def test_disputes_are_shown_by_kind_with_both_sides_and_third_parties(client: httpx.Client) -> None:
    story = client.get("/api/v1/stories", params={"limit": 1}).json()["items"][0]["id"]
    disputed = lxml.html.fromstring(checked_get(client, f"/stories/{story}").text).xpath("//section[@id='disputed']")[0]
    kinds = [h.text_content() for h in disputed.xpath(".//div[@class='kind']/h3")]
    assert kinds[:2] == ["Who did it", "How many"]  # who did it first, then how many
    who = disputed.xpath(".//div[@id='disputed-responsibility']/div[contains(@class, 'conflict')]")[0]
    assert who.xpath("string(h4)") == "who was responsible for the attack on Harnesk"
    side_a, side_b = who.xpath("./div[@class='sides']/div[contains(@class, 'side')]")
    assert side_a.xpath("string(h5)") == "Ruvenia: Drevania did it" and side_b.xpath("string(h5)").startswith(
        "Drevania"
    )
    third = who.xpath("./div[@class='third']//li")
    assert third and any("Joint Observer Mission" in li.text_content() for li in third)
    for li in [*side_a.xpath(".//li"), *side_b.xpath(".//li"), *third]:
        href = li.xpath("a[@class='cite']/@href")[0]  # the evidence view of its span
        found = re.fullmatch(r"/documents/(\w+)\?s=(\d+)-(\d+)#s-\2-\3", href)
        assert found, href
        text = client.get(f"/api/v1/documents/{found[1]}").json()["text"]
        shown = li.xpath("string(span[@class='quote'])")
        assert shown == quoted(text[int(found[2]) : int(found[3])])  # the span's words, quoted once
        assert shown.count("“") == 1 and shown.count("”") == 1 and '"' not in shown  # quotes inside are single
