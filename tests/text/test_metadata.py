"""Outlets found where the text names them (#28): datelines, sign-offs, syndication notes, bylines and links;
never a photo's credit, a reporter's role or a link shortener."""

from __future__ import annotations

import pytest

from newsint.settings import Settings
from newsint.stage import StageContext
from newsint.stages.metadata import MetadataStage
from newsint.text.metadata import find_outlet
from tests.conftest import make_article


@pytest.mark.parametrize(
    ("lines", "outlet"),
    [
        (["KYIV, March 10 (Reuters) - Ukraine said on Friday it would fight on."], "Reuters"),
        (["DUNMERE, Morvania, April 17 (Northgate Wire) - A convoy reached the town."], "Northgate Wire"),
        (["Ukraine said it would fight on.", "— Reuters"], "Reuters"),
        (["-- AP"], "AP"),
        (["This story was provided by The Kyiv Independent."], "The Kyiv Independent"),
        (["Distributed by Tribune Content Agency"], "Tribune Content Agency"),
        (["By Jane Doe, Reuters"], "Reuters"),
        (["By Jane Doe | The Kyiv Independent"], "The Kyiv Independent"),
        (["Source: https://www.reuters.com/world/europe/ukraine-bakhmut-2023-03-10/"], "reuters.com"),
        (["https://kyivindependent.com/news/bakhmut"], "kyivindependent.com"),
        (["from Business Insider https://ift.tt/Bvxayg1"], "Business Insider"),  # the relay footer, not ift.tt
        (["© 2023 The Meridian Post. All rights reserved."], "The Meridian Post"),
    ],
)
def test_the_outlet_is_found_where_the_text_names_it(lines: list[str], outlet: str) -> None:
    assert find_outlet(lines) == outlet


@pytest.mark.parametrize(
    "lines",
    [
        ["A Ukrainian T-64 tank rolls along a muddy lane to Bakhmut on March 9, 2023. (AFP)"],  # a photo's credit
        ["By Jane Doe, Senior Correspondent"],  # a role, not an outlet
        ["https://ift.tt/Bvxayg1"],  # a shortener names no outlet
        ["Ukraine has decided to fight on in Bakhmut, an aide to President Zelenskiy said."],
        ["TT"],
    ],
)
def test_no_outlet_where_the_text_names_none(lines: list[str]) -> None:
    assert find_outlet(lines) is None


def test_the_stage_reads_the_sign_off_at_the_end(settings: Settings) -> None:
    text = "Ukraine said it would fight on.\n\nThe battle goes on.\n\nOfficials spoke on Friday.\n\n— Reuters"
    article = MetadataStage(settings, StageContext())(make_article(text=text))
    assert article.outlet == "Reuters"


def test_the_stage_leaves_an_unnamed_outlet_unknown(settings: Settings) -> None:
    text = "A Ukrainian tank rolls along a lane. (AFP)\n\nUkraine said it would fight on.\n\nThe battle goes on."
    article = MetadataStage(settings, StageContext())(make_article(text=text, source="/in/004_fa7dbe3a23567602.txt"))
    assert article.outlet is None  # "outlet unknown" where it is shown; never the file's name
