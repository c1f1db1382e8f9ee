from hypothesis import given
from hypothesis import strategies as st

from newsint.model import Article
from newsint.settings import load_settings
from newsint.stage import StageContext
from newsint.stages.clean import CleanStage
from newsint.text.caps import Caps, break_line, cap_lines, cap_paragraphs
from tests.conftest import make_article

SMALL = Caps(max_lines=5, max_line_chars=40, max_sentence_chars=20, max_paragraphs=3, max_text_chars=60)


def _clean(raw: str, **caps: int) -> Article:
    return CleanStage(load_settings(None, **caps), StageContext())(make_article(raw))


def test_lines_over_the_cap_are_cut_and_kept_as_one_removed_part() -> None:
    text, removed = cap_lines("a\nb\nc\nd", 2)
    assert text == "a\nb"
    assert [(r.text, r.reason.split(":")[0]) for r in removed] == [("c\nd", "over max_lines")]
    assert cap_lines("a\nb", 2) == ("a\nb", [])


def test_a_long_line_is_broken_at_sentence_ends() -> None:
    line = "One two three. Four five six! Seven eight. Nine ten."
    assert break_line(line, 30, 20) == ["One two three. Four five six!", "Seven eight. Nine ten."]


def test_a_run_on_sentence_is_broken_at_spaces_and_stands_alone() -> None:
    line = "Short one. " + "word " * 10 + "end"
    pieces = break_line(line, 100, 20)
    assert pieces[0] == "Short one." and all(len(p) <= 20 for p in pieces)
    assert " ".join(pieces) == line


@given(st.text(alphabet="ab .!", min_size=1, max_size=300).map(lambda s: " ".join(s.split())))
def test_breaking_loses_no_text_and_keeps_within_the_caps(line: str) -> None:
    pieces = break_line(line, SMALL.max_line_chars, SMALL.max_sentence_chars)
    assert "".join(pieces).replace(" ", "") == line.replace(" ", "")
    assert all(0 < len(p) <= SMALL.max_line_chars for p in pieces) or line == ""


def test_paragraphs_over_the_count_or_the_characters_are_cut_and_kept() -> None:
    kept, removed = cap_paragraphs(["a", "b", "c", "d"], SMALL)
    assert kept == ["a", "b", "c"] and removed[0].text == "d" and removed[0].reason.startswith("over max_paragraphs")
    kept, removed = cap_paragraphs(["x" * 30, "y" * 30, "z"], SMALL)
    assert kept == ["x" * 30] and removed[0].text == "y" * 30 + "\n\nz"
    assert removed[0].reason.startswith("over max_text_chars")


def test_the_clean_stage_applies_each_cap_and_records_it() -> None:
    article = _clean("first\n" * 10, max_lines=4)
    assert article.text.split("\n\n") == ["first"] * 4
    assert [r.reason.split(":")[0] for r in article.removed] == ["over max_lines"]
    assert article.removed[0].text == "first\n" * 6

    article = _clean("\n\n".join(f"Paragraph {i}." for i in range(10)), max_paragraphs=3)
    assert len(article.paragraphs) == 3 and article.removed[0].text.startswith("Paragraph 3.")

    article = _clean("\n\n".join(["x" * 50] * 2 + ["y" * 50]), max_text_chars=120)
    assert article.text == "x" * 50 + "\n\n" + "x" * 50 and article.removed[0].reason.startswith("over max_text_chars")

    article = _clean("A sentence here. " * 20, max_line_chars=50, max_sentence_chars=20)
    assert max(s.end - s.start for s in article.paragraphs) <= 50
    assert article.text.replace("\n\n", " ") == ("A sentence here. " * 20).strip()
    assert "max_line_chars" in article.meta["capped"] and not article.removed


def test_ordinary_articles_are_not_capped(seed_articles: list[Article]) -> None:
    assert seed_articles
    for article in seed_articles:
        assert not [r for r in article.removed if r.reason.startswith("over max_")]
        assert "capped" not in article.meta
