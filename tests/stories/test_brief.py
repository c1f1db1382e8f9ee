"""The cited briefing over a story built by hand: every sentence cited, every citation resolving to its span."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from newsint import query
from newsint.export.items import story_item
from newsint.model import (
    Article,
    Claim,
    Conflict,
    Corroboration,
    Event,
    Figure,
    Place,
    Provenance,
    Span,
    Statement,
    Story,
    TimelineEntry,
)
from newsint.settings import load_settings
from newsint.store import Store
from newsint.stories.brief import _clean, render_brief, uncited_sentences
from newsint.stories.statements import citation_label
from tests.conftest import make_article

MYKOLAIV = Place("Mykolaiv", 46.9659, 31.9974, "city", "UA", "Mykolaiv", 700569, 470011)

WIRE = (
    "Russian drones struck the grain terminal in Mykolaiv on Sunday, killing four dock workers. "
    "Governor Vitaliy Kim said at least 12 people were wounded in the attack. "
    "Russia's defence ministry claimed the terminal was being used to store Western-supplied artillery shells. "
    "Port staff said the strike may have been aimed at a convoy of grain barges due to leave on Monday."
)
LOCAL = (
    "Four dock workers were killed when drones hit the Mykolaiv grain terminal on Sunday night. "
    "Rescuers pulled 14 men from the water beside the berth <script>alert('x')</script> before dawn. "
    "The port authority said only grain and sunflower oil had been stored in the terminal. "
    "The Kremlin denied that its forces target civilian infrastructure. "
    "Officials plan to reopen the terminal next week."
)
# A syndicated copy of WIRE: the same report, not an independent source.
COPY = WIRE
MEMO = (
    "Barge traffic through the Mykolaiv terminal resumed in February after a winter pause. "
    "Russian forces did not strike the terminal in January."
)


def _at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _sentences(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in re.finditer(r"[^ ][^.]*\.", text)]


def _claim(text: str, content: str, cue: str, speaker: str, hedge: str) -> Claim:
    start, end = _at(text, content)
    cue_start, cue_end = _at(text, cue)
    return Claim(start, end, content, False, cue, cue_start, cue_end, speaker=speaker, hedge=hedge)


def _event(text: str, sentence: str, trigger: str, **fields: object) -> Event:
    start, end = _at(text, sentence)
    t_start = text.index(trigger, start)
    return Event(evidence=(Span(start, end),), trigger=trigger, trigger_start=t_start, trigger_end=t_start + len(trigger),
                 **fields)  # type: ignore[arg-type]  # fmt: skip


def _article(doc: str, text: str, **fields: object) -> Article:
    article = make_article(text, text=text, sentences=_sentences(text), **fields)
    article.id = doc
    return article


def _statement(article: Article, words: str, source: str, speaker: str = "", hedge: str = "certain") -> Statement:
    start, end = _at(article.text, words)
    return Statement(article.id, start, end, words, source, citation_label(article), article.published, speaker, hedge)


@pytest.fixture
def articles() -> list[Article]:
    strike = {"subtype": "AIR_STRIKE", "place": MYKOLAIV, "place_text": "Mykolaiv", "date": "2023-03-05",
              "date_precision": "day", "actors": ("Russian drones",)}  # fmt: skip
    wire = _article("wire1", WIRE, outlet="Northwire", published=date(2023, 3, 6))
    wire.events = [_event(WIRE, WIRE.split(". ")[0] + ".", "struck", summary="Russian drones struck the grain terminal in Mykolaiv", **strike)]  # fmt: skip
    wire.claims = [
        _claim(WIRE, "at least 12 people were wounded in the attack", "said", "Governor Vitaliy Kim", "certain"),
        _claim(WIRE, "the terminal was being used to store Western-supplied artillery shells", "claimed",
               "Russia's defence ministry", "claimed"),
        _claim(WIRE, "the strike may have been aimed at a convoy of grain barges due to leave on Monday", "said",
               "Port staff", "possible"),
    ]  # fmt: skip
    wire.figures = [
        Figure(*_at(WIRE, "at least 12"), "at least 12", value=12, qualifier="at least", what="people", claim=0)
    ]
    copy = _article("copy1", COPY, outlet="Coastal Herald", published=date(2023, 3, 6), duplicate_of="wire1")
    copy.events = list(wire.events)
    local = _article(
        "local1", LOCAL, published=date(2023, 3, 7), meta={"url": "https://www.mykolaiv-news.example/port"}
    )
    local.events = [
        _event(LOCAL, LOCAL.split(". ")[0] + ".", "hit", **strike),
        _event(LOCAL, "Officials plan to reopen the terminal next week.", "reopen", subtype="AGREE", hypothetical=True),
    ]
    local.claims = [
        _claim(LOCAL, "only grain and sunflower oil had been stored in the terminal", "said", "The port authority", "certain"),
        _claim(LOCAL, "that its forces target civilian infrastructure", "denied", "The Kremlin", "denied"),
    ]  # fmt: skip
    local.figures = [
        Figure(*_at(LOCAL, "Four"), "Four", value=4, what="dock workers"),
        Figure(*_at(LOCAL, "14"), "14", value=14, what="men pulled from the water"),
    ]
    memo = _article("memo1", MEMO, provenance=Provenance("/data/inbox/port-memo.txt", "1" * 64))
    memo.events = [_event(MEMO, MEMO.split(". ")[1], "strike", subtype="AIR_STRIKE", negated=True)]
    return [wire, copy, local, memo]


@pytest.fixture
def story(articles: list[Article]) -> Story:
    wire, copy, local, memo = articles
    killed = [_statement(wire, "killing four dock workers", "wire1"), _statement(local, "Four dock workers were killed", "local1")]  # fmt: skip
    return Story(
        id="s1",
        label="Drone strike on the Mykolaiv grain terminal",
        docs=[a.id for a in articles],
        start=date(2023, 3, 6),
        end=date(2023, 3, 7),
        corroborations=[
            Corroboration(killed, ["wire1", "local1"], what="Four dock workers were killed"),
            # one source told twice: not corroboration
            Corroboration(
                [
                    _statement(wire, "Russian drones struck the grain terminal", "wire1"),
                    _statement(copy, "Russian drones struck the grain terminal", "wire1"),
                ],
                ["wire1"],
            ),
        ],  # fmt: skip
        conflicts=[
            Conflict(
                what="What the terminal held",
                a=[
                    _statement(
                        wire,
                        "the terminal was being used to store Western-supplied artillery shells",
                        "wire1",
                        "Russia's defence ministry",
                        "claimed",
                    )
                ],
                b=[
                    _statement(
                        local,
                        "only grain and sunflower oil had been stored in the terminal",
                        "local1",
                        "The port authority",
                    )
                ],
                a_says="Russia's defence ministry says it held artillery shells",
                b_says="the port authority says it held only grain and sunflower oil",
            )
        ],  # fmt: skip
        timeline=[
            TimelineEntry(
                "2023-02",
                "month",
                "event",
                "Barge traffic through the terminal resumed",
                [_statement(memo, "Barge traffic through the Mykolaiv terminal resumed in February", "memo1")],
                ["memo1"],
            ),
            TimelineEntry(
                "2023-03-05",
                "day",
                "event",
                "Drones struck the terminal, killing four dock workers.",
                killed,
                ["wire1", "local1"],
            ),
            TimelineEntry("2023-03-06", "day", "claim", "An entry nobody reported", [], []),
        ],  # fmt: skip
    )


def _body(md: str) -> str:
    return md.split("\n## Evidence\n")[0]


_LINKED = re.compile(r"\[(.+)\]\(<(https?://[^>]+)>\)")


def _shown(md: str) -> str:
    """Markdown text as a renderer shows it: backslash escapes and HTML entities undone."""
    return html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", md))


def _evidence(md: str) -> dict[int, tuple[str, str, int, int, str]]:
    """The Evidence list's entries by number: (label, doc, start, end, quote), as a renderer shows them; a label
    linked to the article's URL (`[label](<url>)`) is read as its label."""
    entries = re.findall(r'^- \[(\d+)\] (.+?) — article (\S+), characters (\d+)–(\d+): "(.*)"$', md, re.M)
    return {
        int(n): (_shown(linked[1] if (linked := _LINKED.fullmatch(label)) else label), doc, int(start), int(end),
                 _shown(quote))
        for n, label, doc, start, end, quote in entries
    }  # fmt: skip


def test_cited_articles_link_to_their_source_url(story: Story, articles: list[Article]) -> None:
    md, html_text = render_brief(story, articles), render_brief(story, articles, "html")
    by_id = {a.id: a for a in articles}
    entries = re.findall(r"^- \[\d+\] (.+?) — article (\S+), characters", md, re.M)
    assert entries
    for label, doc in entries:
        url = by_id[doc].meta.get("url")
        linked = _LINKED.fullmatch(label)
        assert (linked[2] if linked else None) == url, (label, url)
        if url:
            assert f'<a class="source" href="{url}">' in html_text
    assert any(_LINKED.fullmatch(label) for label, _ in entries) and not all(
        _LINKED.fullmatch(label) for label, _ in entries
    )


def test_every_sentence_is_cited(story: Story, articles: list[Article]) -> None:
    md = render_brief(story, articles)
    assert uncited_sentences(md) == []
    assert uncited_sentences(render_brief(story, articles, "html")) == []
    assert _body(md).count("\n- ") >= 9


def test_checker_finds_uncited_sentences() -> None:
    md = "# A story\n\n- Drones struck [Northwire, 2023-03-06][1]. Then came a second strike.\n\n## Evidence\n\n- [1] x\n"
    assert uncited_sentences(md) == ["Then came a second strike."]
    quoted = "- The governor said “At noon. [Northwire, 2023-03-06] was here.”\n"
    assert uncited_sentences(quoted) == [quoted[2:].strip()]
    assert uncited_sentences("- A bomb hit the No. 7 bus [Northwire, 2023-03-06][1].\n") == []  # a number, no stop


def test_citations_resolve_to_their_spans(story: Story, articles: list[Article]) -> None:
    md = render_brief(story, articles)
    evidence, by_id = _evidence(md), {a.id: a for a in articles}
    cited = re.findall(r"\[([^\[\]]+, (?:\d{4}-\d{2}-\d{2}|n\.d\.))\]((?:\[\d+\])+)", _body(md))
    numbers = {int(n) for _, ns in cited for n in re.findall(r"\d+", ns)}
    assert numbers == set(evidence) == set(range(1, len(evidence) + 1))
    for label, ns in cited:
        for n in re.findall(r"\d+", ns):
            assert evidence[int(n)][0] == _shown(label)
    for label, doc, start, end, quote in evidence.values():
        assert quote == by_id[doc].text[start:end]
        assert label.startswith(citation_label(by_id[doc]))
    assert "[Northwire, 2023-03-06]" in md and "[mykolaiv-news.example, 2023-03-07]" in md
    assert "[outlet unknown (article 1), n.d.]" in md and "port-memo" not in md  # the file is provenance only


def test_sections_and_their_content(story: Story, articles: list[Article]) -> None:
    md = render_brief(story, articles)
    body = _body(md)
    assert body.startswith("# Drone strike on the Mykolaiv grain terminal\n\n4 articles from 3 independent sources, ")
    assert "published from 6 March 2023 to 7 March 2023" in body
    key = body.split("## Key developments")[1].split("##")[0]
    assert key.strip().startswith(  # the timeline's events, most reported first
        "- 5 March 2023: “Drones struck the terminal, killing four dock workers” (2 independent sources)"
    )
    assert key.count("\n- ") == 2 and "did not strike" not in key  # two entries, the negated strike in none
    assert "February 2023: Barge traffic" in body and "1 February 2023" not in body  # month precision
    assert "nobody reported" not in body  # a timeline entry without evidence is left out
    corroborated = body.split("## Corroborated")[1].split("##")[0]
    assert corroborated.count("\n- ") == 1
    assert "Four dock workers were killed — reported by 2 independent sources" in corroborated
    assert "At least 12 people, according to Governor Vitaliy Kim [Northwire, 2023-03-06]" in body
    assert "14 men pulled from the water, according to mykolaiv-news.example" in body
    assert "Four dock workers, according to" not in body  # a count under MIN_COUNT is no figure to list
    one_sided = body.split("## Claimed by one side only")[1].split("##")[0]
    assert "Denied by the Kremlin: “its forces target civilian infrastructure”" in one_sided
    assert "artillery shells" not in one_sided  # already shown as one side of the dispute
    questions = body.split("## Open questions")[1]
    assert "Possible, according to Port staff" in questions and "reopen the terminal next week" in questions


def test_conflict_shows_both_sides(story: Story, articles: list[Article]) -> None:
    disputed = _body(render_brief(story, articles)).split("## Disputed")[1].split("##")[0].strip()
    assert disputed.startswith("- What the terminal held: Russia's defence ministry says it held artillery shells [")
    side_a, side_b = disputed.split("; ")
    assert "[Northwire, 2023-03-06]" in side_a and "sunflower oil" in side_b
    assert "[mykolaiv-news.example, 2023-03-07]" in side_b


def test_identical_citations_are_merged_within_a_sentence(story: Story, articles: list[Article]) -> None:
    wire = articles[0]
    twice = [_statement(wire, "killing four dock workers", "wire1"), _statement(wire, "at least 12 people", "wire1")]
    story.corroborations = [Corroboration([*twice, twice[0]], ["wire1", "local1"], what="Casualties")]
    line = next(x for x in render_brief(story, articles).splitlines() if x.startswith("- Casualties"))
    assert line.count("Northwire") == 1 and re.search(r"\[Northwire, 2023-03-06\]\[\d+\]\[\d+\]\.$", line)


def test_html_is_well_formed_escaped_and_linked(story: Story, articles: list[Article]) -> None:
    page = render_brief(story, articles, "html")
    lxml.etree.fromstring(page.encode())  # strict XML parse: every tag closed, every entity valid
    root = lxml.html.fromstring(page)
    assert "<script>" not in page and "&lt;script&gt;" in page and not root.xpath("//script")
    anchors = {el.get("id") for el in root.xpath("//li[starts-with(@id, 'ev-')]")}
    links = {a.get("href")[1:] for a in root.xpath("//cite//a")}
    assert links == anchors and len(anchors) > 5
    quotes = [q.text_content() for q in root.xpath("//section[@class='evidence']//q")]
    assert any("<script>alert('x')</script>" in q for q in quotes)  # shown as text, resolved to the span
    headings = [h.text_content() for h in root.xpath("//h2")]
    assert headings[0] == "Key developments" and headings[-1] == "Evidence" and "Disputed" in headings


# Article text that Markdown would make an image, raw HTML, a link, emphasis, and a link again (its backslash
# escaping the bracket), were it not escaped.
HOSTILE = "![x](javascript:alert(2)) <img src=x onerror=alert(1)> [click](javascript:alert(3)) & *bold* \\[y](z)"


def test_markdown_shows_article_text_literally(story: Story, articles: list[Article]) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    wire, _, local, memo = articles
    wire.outlet = "Northwire <b>&</b> [n](javascript:alert(4))"
    memo.outlet = "a\x1b]0;pwned\x07\u202e"
    story.label = "Strike <script>alert(5)</script>"
    story.corroborations = [Corroboration(story.corroborations[0].statements, ["wire1", "local1"], what=HOSTILE)]
    md = render_brief(story, articles)
    assert "<script" not in md and "<img" not in md and "<b>" not in md
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in md  # the article's own words, in the Evidence list
    assert "\x1b" not in md and "\u202e" not in md and "[a\\x1b)0;pwned\\x07\\u202e, n.d.]" in md
    page = lxml.html.fromstring(markdown_it.MarkdownIt("commonmark").render(md))
    assert not page.xpath("//script | //img | //b | //em[contains(., 'bold')]")
    links = [a.get("href") for a in page.xpath("//a")]
    assert links and all(link.startswith("https://") for link in links)  # only the articles' own web pages
    shown = page.text_content()
    assert HOSTILE in shown and "Strike <script>alert(5)</script>" in shown
    assert "Northwire <b>&</b> [n](javascript:alert(4)), 2023-03-06" not in shown  # brackets become parentheses
    assert "Northwire <b>&</b> (n)(javascript:alert(4)), 2023-03-06" in shown
    assert uncited_sentences(md) == []
    evidence, by_id = _evidence(md), {a.id: a for a in articles}
    assert all(quote == by_id[doc].text[start:end] for _, doc, start, end, quote in evidence.values())
    assert any(label.startswith("Northwire <b>&</b>") for label, *_ in evidence.values())


def test_empty_sections_are_left_out(story: Story, articles: list[Article]) -> None:
    story.conflicts, story.corroborations = [], []
    md = render_brief(story, articles)
    assert "## Disputed" not in md and "## Corroborated" not in md and "## Timeline" in md
    assert "Disputed" not in render_brief(story, articles, "html")


def test_unknown_format_raises(story: Story, articles: list[Article]) -> None:
    with pytest.raises(ValueError, match="pdf"):
        render_brief(story, articles, "pdf")


def test_citation_label_falls_back_to_site_then_outlet_unknown() -> None:
    article = make_article("x", outlet="Northwire", meta={"url": "https://www.example.org/a"})
    assert citation_label(article) == "Northwire"
    article.outlet = None
    assert citation_label(article) == "example.org"
    article.meta = {}
    article.provenance = Provenance("/data/inbox/port-memo.txt", "0" * 64)
    assert citation_label(article) == "outlet unknown"  # never the file's name: that is provenance, not an outlet
    article.source = "https://news.example.net/story/1"
    assert citation_label(article) == "news.example.net"


DISPUTES = Path(__file__).parent / "disputes"
# The sets read while writing the rules (the sealed ones are scored by `newsint eval disputes` only).
WORKING_SETS = [DISPUTES, *(Path(__file__).parent / name for name in ("disputes_validation", "disputes_dev3"))]
_CITED = r"\[[^\[\]]+, (?:\d{4}-\d{2}-\d{2}|n\.d\.)\](?:\[\d+\])+"


@pytest.fixture(scope="module")
def dispute_briefs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Story, str, str]]:
    """Each invented dispute story ingested alone, its biggest story analysed and briefed in md and html."""
    from newsint.batch import ingest

    briefs = {}
    for folder in sorted(p for root in WORKING_SETS for p in root.iterdir() if p.is_dir()):
        db = tmp_path_factory.mktemp("disputes") / f"{folder.name}.db"
        with Store.open(db) as store:
            ingest([str(p) for p in sorted(folder.glob("*.txt"))], load_settings(None, db=str(db)), store)
            biggest = query.stories(store, limit=1)[0]
            story, md = query.brief(store, biggest, "md")
            briefs[folder.name] = (story, md, query.brief(store, biggest, "html")[1])
    return briefs


@pytest.mark.slow
def test_every_dispute_story_briefs_each_dispute_cited(dispute_briefs: dict[str, tuple[Story, str, str]]) -> None:
    assert len(dispute_briefs) >= 10
    order = ["responsibility", "control", "occurrence", "count", "stance", "denial"]
    for name, (story, md, html_text) in dispute_briefs.items():
        assert uncited_sentences(md) == [] and uncited_sentences(html_text) == [], name
        assert ".txt" not in _body(md), name  # sources named as outlets or "outlet unknown", never a file
        if not story.conflicts:
            assert "## Disputed" not in md, name
            continue
        entries = _body(md).split("## Disputed")[1].split("\n## ")[0].strip().splitlines()
        assert len(entries) == len(story.conflicts), name  # one entry per dispute
        kinds = sorted((c.kind for c in story.conflicts), key=order.index)
        for entry, kind in zip(entries, kinds, strict=True):
            side_a, _, side_b = entry.partition("; ")  # each side's words, then its citation
            assert re.search(r"\]\[\d+\]$", side_a) and re.match(rf"[^\[]+{_CITED}", side_b), (name, kind, entry)
        for conflict in story.conflicts:
            cited = {s.outlet for s in (*conflict.a, *conflict.b, *conflict.third)}
            assert all(f"[{outlet}, " in md for outlet in cited), (name, cited)


@pytest.mark.slow
def test_a_responsibility_dispute_says_who_blames_whom_and_what_third_parties_say(
    dispute_briefs: dict[str, tuple[Story, str, str]],
) -> None:
    story, md, html_text = dispute_briefs["harnesk_market_strike"]
    entry = next(line for line in _body(md).splitlines() if line.startswith("- Who was responsible"))
    assert "Ruvenia says Drevania did it — Ruvenia's defence ministry said that the market was hit" in entry
    assert "; Drevania says Ruvenia did it" in entry and "[Drevanian Press Service, 2026-03-03]" in entry
    third = next(c for c in story.conflicts if c.kind == "responsibility").third
    assert third and "The Joint Observer Mission said that its team visited the market" in entry
    assert uncited_sentences(entry) == []
    assert "Dr. Ilse Marrane" not in entry  # the hospital's count of the dead says nothing of who did it
    first, _, second = _body(md).split("## Disputed")[1].partition("\n- How many")
    assert "Who was responsible" in first and "Who was responsible" not in second  # who did it, then how many
    assert "<li>Who was responsible for the attack on Harnesk: Ruvenia says" in html_text


@pytest.mark.slow
def test_the_story_json_carries_each_disputes_kind_and_third_parties(
    dispute_briefs: dict[str, tuple[Story, str, str]],
) -> None:
    story = dispute_briefs["pirrow_ford_truce"][0]
    exported = story_item(story)  # what `newsint story --json`, the API and the export print
    responsibility = next(c for c in exported["conflicts"] if c["kind"] == "responsibility")
    assert responsibility["third"] and {"doc", "start", "end", "text", "outlet", "speaker"} == set(
        responsibility["third"][0]
    )
    assert any("could not determine which side fired first" in s["text"] for s in responsibility["third"])


def test_a_sentence_that_ends_on_the_next_quote_s_opening_mark_is_shown_without_it() -> None:
    assert _clean('Rebels fired first, wounding three gendarmes. "') == "Rebels fired first, wounding three gendarmes"
    assert _clean('He said: "We hold the bridge."') == 'He said: "We hold the bridge."'
