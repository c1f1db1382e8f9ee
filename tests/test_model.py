from datetime import date

import pytest

from newsint.model import Span, content_id
from tests.conftest import make_article


def test_content_id_ignores_case_and_layout_but_not_words() -> None:
    assert content_id("Title", "One  two\nthree") == content_id("title", "one two three")
    assert content_id("Title", "one two three") != content_id("Title", "one two four")
    assert len(content_id(None, "x")) == 16


def test_span_rejects_reversed_and_negative_ranges() -> None:
    with pytest.raises(ValueError):
        Span(5, 2)
    with pytest.raises(ValueError):
        Span(-1, 2)


def test_article_span_text_and_word_count() -> None:
    article = make_article(text="Kyiv said on Tuesday", published=date(2023, 3, 7))
    assert article.span_text(Span(0, 4)) == "Kyiv"
    assert article.word_count == 4
