"""Site chrome: lines a site prints on many of its pages are removed once the site's pages say so."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from newsint.batch import ingest
from newsint.model import Article
from newsint.settings import Settings
from newsint.store import Store
from newsint.text.sitechrome import SiteChrome, line_key, pack_keys, site_of
from tests.conftest import make_article
from tests.ingest.test_readers import wet_bytes

MENU = ["Harbour Gazette", "News", "Sport", "Opinion", "Weather"]
# Two lines the classifier keeps on a single page: short, sentence-shaped, below the article.
PROMOS = ["Our reporters live in the towns they cover.", "Tips? Write to the newsroom."]
SIDEBAR = "Most popular this week"
STORIES = [
    (
        "Ferry timetable changes from Monday",
        "The island ferry will leave the harbour an hour earlier from Monday, the operator said on Thursday.",
        "Passengers who booked the evening crossing will be moved to the new sailing without charge.",
    ),
    (
        "Council approves new library",
        "The town council voted eight to three on Tuesday to build a new library on the old fire station site.",
        "Construction is expected to start in spring and take eighteen months, the planning officer said.",
    ),
    (
        "Lifeboat crew rescues two kayakers",
        "Two kayakers were rescued off the northern headland on Saturday after their boat overturned in strong winds.",
        "The volunteer lifeboat crew reached them within twenty minutes of the call, the coastguard said.",
    ),
    (
        "School wins national robotics prize",
        "Pupils from the harbour secondary school won first prize at the national robotics final on Friday.",
        "Their robot sorted recycled plastic by colour faster than any other entry, the judges said.",
    ),
    (
        "Fish market to close for repairs",
        "The covered fish market will close for six weeks from next month while its roof is repaired, traders heard.",
        "Stalls will move to a temporary site on the quay, the harbour authority said in a statement.",
    ),
]


def _page(site: str, number: int, story: tuple[str, ...] | None = None) -> dict[str, str]:
    title, *paragraphs = story or STORIES[number]
    text = "\n".join([*MENU, title, *paragraphs, *PROMOS, SIDEBAR])
    return {"url": f"https://www.{site}/news/{number}", "text": text}


def _write_jsonl(path: Path, records: list[dict[str, str]]) -> str:
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    return str(path)


def _stored(settings: Settings) -> dict[str, Article]:
    with Store.open(settings.db_path) as store:
        return {article.source: article for article in store.articles()}


def test_lines_the_site_prints_on_three_other_pages_go_in_this_run_and_the_next(
    settings: Settings, tmp_path: Path
) -> None:
    settings = dataclasses.replace(settings, stages=("clean", "split", "boilerplate"))
    first = _write_jsonl(tmp_path / "first.jsonl", [_page("harbourgazette.example", n) for n in range(4)])
    crawled = _page("harbourgazette.example", 4)
    later = tmp_path / "later.warc.wet.gz"  # the same site, now from a crawler's text dump
    later.write_bytes(wet_bytes([(crawled["url"], crawled["text"])]))
    elsewhere_story = (
        "Bridge reopens after storm damage",
        "The coast road bridge reopened to traffic on Wednesday after engineers finished repairs to its supports.",
        "Buses will return to their usual route from the weekend, the transport company said.",
    )
    other = _write_jsonl(tmp_path / "other.jsonl", [_page("otherpaper.example", 0, elsewhere_story)])
    for path in (first, str(later), other):  # three runs, so the last two learn the site from the database
        with Store.open(settings.db_path) as store:
            assert ingest([path], settings, store).new >= 1
    stored = _stored(settings)
    for number in range(5):
        article = stored[f"https://www.harbourgazette.example/news/{number}"]
        # the article itself is never taken for chrome
        assert all(paragraph in article.text for paragraph in STORIES[number][1:])
        chrome = [r.text for r in article.removed if r.reason == "site chrome"]
        if number < 3:  # fewer than three other pages seen: judged alone, and the promotions stay
            assert all(promo in article.text for promo in PROMOS) and chrome == []
        else:
            assert set(PROMOS) <= set(chrome) <= {*MENU, *PROMOS, SIDEBAR}
            assert not any(promo in article.text for promo in PROMOS)
        assert article.site == "harbourgazette.example" and article.line_keys
    # another site printing the same lines has not printed them before
    elsewhere = stored["https://www.otherpaper.example/news/0"]
    assert all(promo in elsewhere.text for promo in PROMOS)


def test_a_page_read_again_does_not_vouch_for_its_own_lines() -> None:
    lines = ["Weekend edition", "Letters to the editor"]
    chrome = SiteChrome(pages=3)
    for _ in range(5):  # each time the page is judged, then counted: once in all
        assert chrome.judge("paper.example", lines)[0] == frozenset()
    other_pages = [["Letters to the editor", f"Page {n} only"] for n in range(3)]
    for page in other_pages:
        chrome.judge("paper.example", page)
    assert chrome.judge("paper.example", lines)[0] == frozenset({"Letters to the editor"})
    assert chrome.judge("another.example", lines)[0] == frozenset()
    assert SiteChrome(pages=0).judge("paper.example", lines) == (frozenset(), pack_keys(map(line_key, lines)))


def test_a_line_on_few_of_the_sites_pages_is_the_articles() -> None:
    """Short lines recurring in one kind of story (a table heading) are not on a quarter of the site's pages."""
    chrome = SiteChrome(pages=3)
    for n in range(20):
        chrome.judge("wire.example", ["Weather", f"Story {n}"] + (["Nine months"] if n < 4 else []))
    assert chrome.judge("wire.example", ["Weather", "Nine months", "Story 20"])[0] == frozenset({"Weather"})


def test_running_text_is_never_site_chrome() -> None:
    background = "The port has been run by the same family company since it reopened to passenger traffic in 1952."
    assert line_key(background) is None
    assert line_key("Most popular") == line_key("MOST POPULAR:") is not None


def test_site_is_the_url_domain_else_the_outlet_named_by_the_reader() -> None:
    assert site_of(make_article(meta={"url": "https://www.Paper.example/a/1"}, outlet="The Paper")) == "paper.example"
    archived = "https://web.archive.org/web/20200808063632/https://www.paper.example/a/1"
    assert site_of(make_article(meta={"url": archived}, outlet="web.archive.org")) == "paper.example"
    assert site_of(make_article(outlet=" The Paper ")) == "the paper"
    assert site_of(make_article()) is None
