from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newsint.model import Article
from newsint.pipeline import Pipeline
from newsint.settings import Settings, load_settings
from newsint.stage import StageContext
from newsint.stages.clean import CleanStage
from newsint.text.clean import normalise_characters, split_paragraphs
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
    assert text == "\u201cThey used to\u201d said Maxim \u201eok\u201c \u00abda\u00bb"


def test_hard_wrapped_wire_copy_is_joined_into_paragraphs() -> None:
    paragraphs = split_paragraphs(WIRE)
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Showers continued") and paragraphs[0].endswith("weekly review.")
    assert paragraphs[2].startswith("Arrivals") and "\n" not in paragraphs[2]


def test_one_paragraph_a_line_is_kept_as_it_is() -> None:
    text = "First paragraph is a long line of text that ends here.\nSecond one.\n\nThird."
    assert split_paragraphs(text) == ["First paragraph is a long line of text that ends here.", "Second one.", "Third."]


def test_clean_stage_lays_out_paragraphs_with_spans(settings: Settings) -> None:
    article = CleanStage(settings, StageContext())(make_article("Body  one.\r\n\r\nBody\u00a0two."))
    assert article.text == "Body one.\n\nBody two."
    assert [article.span_text(s) for s in article.paragraphs] == ["Body one.", "Body two."]


_PIPELINE: list[Pipeline] = []


def _cleaning() -> Pipeline:
    if not _PIPELINE:
        _PIPELINE.append(Pipeline.build(load_settings(None, stages=("clean", "split", "boilerplate"))))
    return _PIPELINE[0]


_SENTENCE = st.builds(
    lambda words, end: " ".join(words).capitalize() + end,
    st.lists(
        st.sampled_from(
            [
                "the",
                "army",
                "said",
                "city",
                "front",
                "line",
                "troops",
                "were",
                "on",
                "in",
                "a",
                "of",
                "shelling",
                "rebuilt",
                "road",
                "aid",
            ]
        ),
        min_size=2,
        max_size=30,
    ),
    st.sampled_from([".", "", "?", ":"]),
)
_LINES = st.lists(
    st.one_of(
        _SENTENCE,
        st.sampled_from(
            [
                "Share",
                "Advertisement",
                "Subscribe now",
                "Home | News | Sport",
                "(Photo: Agency)",
                "© 2024 Example Media",
            ]
        ),
    ),
    max_size=25,
)


@hsettings(max_examples=300, deadline=None)
@given(_LINES)
def test_cleaning_is_idempotent_and_spans_stay_inside_text(lines: list[str]) -> None:
    pipeline = _cleaning()
    for article in pipeline.process(make_article("\n".join(lines))):
        assert all(0 <= s.start <= s.end <= len(article.text) for s in article.paragraphs)
        again = pipeline.process(
            Article(raw=article.text, source="again", provenance=article.provenance, title=article.title)
        )
        assert [a.text for a in again] == [article.text]
        assert again[0].removed == []


def test_paragraph_printed_twice_is_dropped_but_short_repeats_left_for_later(settings: Settings) -> None:
    long = "The council voted on Tuesday to extend the tram line north, after a decade of debate about its cost, its route through the old town and the years of road works that residents and shops would have to bear."
    article = CleanStage(settings, StageContext())(
        make_article(f"Headline here\n{long}\nShort line\n{long}\nShort line")
    )
    assert article.text.split("\n\n") == ["Headline here", long, "Short line", "Short line"]
    assert [r.reason for r in article.removed] == ["repeated paragraph"]
    assert len(article.id) == 16
