from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newsint.pipeline import StageContext
from newsint.settings import Settings
from newsint.stages.clean import CleanStage, clean_text, normalise_characters, split_paragraphs
from tests.conftest import make_article

WIRE = """Showers continued throughout the week in
the zone, alleviating the drought since early
January and improving prospects for the coming harvest,
although normal humidity levels have not been restored,
the exporters said in their weekly review.
    The dry period means the harvest will be late this year.
    Arrivals for the week were 155,221 bags
of 60 kilos making a cumulative total for the season of 5.93
mln against 5.81 at the same stage last year.
"""


def test_characters_are_normalised_but_quote_kinds_kept() -> None:
    text = normalise_characters(
        "\u2018\u2018They used to\u2019\u2019 said\u00a0Maxim \u201eok\u201c \u00abda\u00bb\u200b\x07"
    )
    assert text == "\u201cThey used to\u201d said Maxim \u201cok\u201c \u00abda\u00bb"


def test_hard_wrapped_wire_copy_is_joined_into_paragraphs() -> None:
    paragraphs = split_paragraphs(WIRE)
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Showers continued") and paragraphs[0].endswith("weekly review.")
    assert paragraphs[2].startswith("Arrivals") and "\n" not in paragraphs[2]


def test_one_paragraph_a_line_is_kept_as_it_is() -> None:
    text = "First paragraph is a long line of text that ends here.\nSecond one.\n\nThird."
    assert split_paragraphs(text) == [
        "First paragraph is a long line of text that ends here.",
        "Second one.",
        "Third.",
    ]


def test_repeated_lines_and_title_are_removed_with_reasons() -> None:
    raw = "Troops hold the line in the east\n\nA caption (AFP)\nA caption (AFP)\nBody text here.\nTroops hold the line in the east"
    paragraphs, removed, title = clean_text(raw)
    assert title == "Troops hold the line in the east"
    assert paragraphs == ["A caption (AFP)", "Body text here."]
    assert [(r.reason) for r in removed] == ["title", "repeated line", "title"]


def test_stage_sets_text_spans_and_id(settings: Settings) -> None:
    article = CleanStage(settings, StageContext())(
        make_article("Headline words go here\n\nBody one.\n\nBody two.")
    )
    assert article.text == "Body one.\n\nBody two."
    assert [article.span_text(s) for s in article.paragraphs] == ["Body one.", "Body two."]
    assert len(article.id) == 16


@hsettings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=400), st.one_of(st.none(), st.text(max_size=40))
)
def test_cleaning_is_idempotent_and_spans_stay_inside_text(raw: str, title: str | None) -> None:
    paragraphs, _, found_title = clean_text(raw, title)
    text = "\n\n".join(paragraphs)
    again, removed_again, _ = clean_text(text, found_title)
    assert "\n\n".join(again) == text
    assert removed_again == []
    article = CleanStage.__new__(CleanStage)(make_article(raw, title=title))
    assert all(0 <= s.start <= s.end <= len(article.text) for s in article.paragraphs)
    assert (
        [article.span_text(s) for s in article.paragraphs] == article.text.split("\n\n")
        if article.text
        else True
    )
