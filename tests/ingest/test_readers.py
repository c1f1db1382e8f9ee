"""Each reader on small inputs written here; every container and path form."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import zipfile
from datetime import date
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsint.errors import InputError
from newsint.ingest import detect_format, iter_raw_inputs, read_input
from newsint.ingest.sources import RawInput
from newsint.model import Article
from newsint.settings import Settings

BODY = " ".join(["Ukrainian forces said they repelled several attacks near the city overnight."] * 6)
PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Front holds | The Daily Example</title>
<meta property="og:title" content="Front holds near the river">
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2023-03-10T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Front holds near the river</h1><p>{BODY}</p><p>{BODY}</p></article>
<footer>Copyright 2023 The Daily Example</footer></body></html>"""


def read(name: str, data: bytes, settings: Settings) -> list[Article | InputError]:
    import hashlib

    return list(read_input(RawInput(name, data, hashlib.sha256(data).hexdigest()), settings))


def articles(results: list[Article | InputError]) -> list[Article]:
    assert all(isinstance(r, Article) for r in results), results
    return [r for r in results if isinstance(r, Article)]


def warc_bytes(pages: list[tuple[str, str]], gzip_records: bool = True) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_records)
    writer.write_record(writer.create_warcinfo_record("t.warc", {"software": "test"}))
    for url, html in pages:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(html.encode()),
            length=len(html.encode()),
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2023-03-11T12:00:00Z"},
        )
        writer.write_record(record)
    return buffer.getvalue()


def wet_bytes(pages: list[tuple[str, str]]) -> bytes:
    """A WET file, as Common Crawl writes them: one plain-text `conversion` record per page."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, text in pages:
        data = text.encode()
        headers = {"WARC-Date": "2023-03-11T12:00:00Z", "Content-Type": "text/plain"}
        record = writer.create_warc_record(
            url, "conversion", payload=io.BytesIO(data), length=len(data), warc_headers_dict=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


def test_text_header_becomes_metadata(settings: Settings) -> None:
    [article] = articles(read("a.txt", f" date 2023-03-07 {BODY}".encode(), settings))
    assert article.published == date(2023, 3, 7) and article.published_method == "header"
    assert article.published_confidence == 1.0
    assert article.raw.startswith("Ukrainian forces")


def test_text_key_value_header(settings: Settings) -> None:
    data = f"title: Front holds\nurl: https://www.example.org/a/1\nauthor: By Jane Doe and John Roe\n\n{BODY}"
    [article] = articles(read("a.txt", data.encode(), settings))
    assert article.title == "Front holds" and article.source == "https://www.example.org/a/1"
    assert article.outlet == "example.org" and article.authors == ["Jane Doe", "John Roe"]


def test_html_main_text_and_metadata(settings: Settings) -> None:
    [article] = articles(read("page.html", PAGE.encode(), settings))
    assert "repelled several attacks" in article.raw and "Copyright" not in article.raw
    assert article.title == "Front holds near the river"
    assert article.outlet == "The Daily Example" and article.authors == ["Jane Doe"]
    assert article.published == date(2023, 3, 10) and article.published_method == "html-meta"


def test_rss_items_use_full_content(settings: Settings) -> None:
    feed = f"""<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
    <channel><title>Example Wire</title><link>https://wire.example.org</link>
    <item><title>One</title><link>https://wire.example.org/1</link><pubDate>Fri, 10 Mar 2023 08:00:00 GMT</pubDate>
    <description>Short teaser.</description><content:encoded><![CDATA[<p>{BODY}</p><p>Second paragraph.</p>]]></content:encoded></item>
    <item><title>Two</title><link>https://wire.example.org/2</link><description>Only a summary here.</description></item>
    </channel></rss>"""
    one, two = articles(read("wire.xml", feed.encode(), settings))
    assert one.raw.startswith("Ukrainian forces") and one.raw.endswith("Second paragraph.")
    assert one.published == date(2023, 3, 10) and one.outlet == "Example Wire"
    assert one.provenance.locator == "item 1" and two.raw == "Only a summary here."


def test_atom_feed(settings: Settings) -> None:
    feed = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Site</title>
    <entry><title>A</title><link href="https://atom.example.org/a"/><updated>2023-03-09T10:00:00Z</updated>
    <author><name>Ann Writer</name></author><content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>"""
    [article] = articles(read("feed.atom", feed.encode(), settings))
    assert article.authors == ["Ann Writer"] and article.published == date(2023, 3, 9)


def test_warc_responses_with_uri_and_fetch_date(settings: Settings) -> None:
    data = warc_bytes(
        [("https://news.example.org/a", PAGE), ("https://news.example.org/b", PAGE.replace("river", "lake"))]
    )
    first, second = articles(read("crawl.warc.gz", data, settings))
    assert first.source == "https://news.example.org/a" and second.source == "https://news.example.org/b"
    assert first.meta["fetched"] == "2023-03-11T12:00:00Z"
    assert first.provenance.locator.startswith("record @")


def test_wet_records_are_flat_text_for_the_boilerplate_stage(settings: Settings) -> None:
    flat = f"Home\nWorld\nFront holds near the river\n{BODY}\nShare this article"
    data = wet_bytes([("https://www.news.example.org/a", flat), ("https://www.news.example.org/b", " \n ")])
    article, empty = read("crawl.warc.wet.gz", data, settings)
    assert isinstance(article, Article) and article.raw == flat  # menus and all: sorting them is the stage's job
    assert article.source == "https://www.news.example.org/a" and article.outlet == "news.example.org"
    assert article.meta["fetched"] == "2023-03-11T12:00:00Z" and "extractor" not in article.meta
    assert isinstance(empty, InputError) and "empty text record" in empty.reason


def test_jsonl_with_configured_field_names(settings: Settings, tmp_path: Path) -> None:
    lines = [
        json.dumps({"Story": BODY, "Headline": "H1", "published_at": "2023-03-08T10:00:00+02:00", "site": "X"}),
        "{not json",
        json.dumps({"Story": "", "Headline": "empty"}),
    ]
    custom = Settings(
        **{
            **{f: getattr(settings, f) for f in settings.__dataclass_fields__},
            "fields": settings.fields.__class__(
                **{
                    **{f: getattr(settings.fields, f) for f in settings.fields.__dataclass_fields__},
                    "text": ("story",),
                }
            ),
        }
    )
    results = read("x.jsonl", "\n".join(lines).encode(), custom)
    assert isinstance(results[0], Article) and results[0].title == "H1" and results[0].outlet == "X"
    assert results[0].published == date(2023, 3, 8)
    assert isinstance(results[1], InputError) and results[1].locator == "line 2"
    assert isinstance(results[2], InputError) and "no text" in results[2].reason


def test_json_array_and_csv(settings: Settings) -> None:
    array = json.dumps([{"text": BODY, "title": "T", "authors": ["A B"]}]).encode()
    [article] = articles(read("x.json", array, settings))
    assert article.authors == ["A B"]
    csv_data = f'title,body,date\n"Front, holds","{BODY}",10 March 2023\n'.encode()
    [row] = articles(read("x.csv", csv_data, settings))
    assert row.title == "Front, holds" and row.published == date(2023, 3, 10)


def test_compressed_and_zipped_inputs(settings: Settings) -> None:
    text = f"title: T\n\n{BODY}".encode()
    for name, data in [
        ("a.txt.gz", gzip.compress(text)),
        ("a.txt.bz2", bz2.compress(text)),
        ("a.txt.xz", lzma.compress(text)),
    ]:
        [article] = articles(read(name, data, settings))
        assert article.title == "T", name
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("one.txt", text)
        archive.writestr("sub/two.html", PAGE)
        archive.writestr("three.jsonl.gz", gzip.compress(json.dumps({"text": BODY}).encode()))
    results = articles(read("bundle.zip", buffer.getvalue(), settings))
    assert sorted(r.provenance.input_path for r in results) == [
        "bundle.zip:one.txt",
        "bundle.zip:sub/two.html",
        "bundle.zip:three.jsonl.gz",
    ]


def test_format_is_sniffed_from_content_before_name() -> None:
    assert detect_format("x.txt", b"WARC/1.0\r\n") == "warc"
    assert detect_format("x.txt", b'<?xml version="1.0"?><rss version="2.0"><channel>') == "feed"
    assert detect_format("noext", b"<!DOCTYPE html><html>") == "html"
    assert detect_format("noext", b'{"text": "a"}\n') == "jsonl"
    assert detect_format("notes", b"plain words") == "text"


def test_directories_recursive_and_globs(settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(BODY)
    (tmp_path / "a" / "b" / "two.txt").write_text(BODY + " Two.")
    (tmp_path / "a" / ".hidden.txt").write_text(BODY)
    names = [r.name for r in iter_raw_inputs([str(tmp_path / "a")], settings) if isinstance(r, RawInput)]
    assert [Path(n).name for n in names] == ["two.txt", "one.txt"]
    globbed = list(iter_raw_inputs([str(tmp_path / "a" / "**" / "*.txt")], settings))
    assert len(globbed) == 2
    [missing] = list(iter_raw_inputs([str(tmp_path / "none-*.txt")], settings))
    assert isinstance(missing, InputError) and "no file matches" in missing.reason
