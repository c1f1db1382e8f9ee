"""Web addresses of articles: only http(s) URLs safe to write as links become links."""

from __future__ import annotations

from newsint.text.sites import article_url, outlet_from_url, web_url


def test_only_http_links_are_links() -> None:
    assert web_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    bad = ("javascript:alert(1)", "data:text/html,x", "JAVASCRIPT:alert(1)", 'https://x.org/"onclick="a', None, "")
    for url in (*bad, "https://x.org/a b", "https://x.org/<svg>", "https://x.org/a\\b", "/etc/passwd"):
        assert web_url(url) is None, url


def test_an_article_is_read_at_its_url_else_at_a_web_source() -> None:
    assert article_url("https://a.org/1", "https://b.org/2") == "https://a.org/1"
    assert article_url("javascript:alert(1)", "https://b.org/2") == "https://b.org/2"
    assert article_url(None, "corpus/file.txt") is None
    assert outlet_from_url("https://www.reuters.com/world/x") == "reuters.com"
