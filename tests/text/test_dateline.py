"""Datelines: the town a report was filed from, read the same way by events, parties, counts and briefs."""

from __future__ import annotations

import pytest

from newsint.text.dateline import dateline, first_dateline, without_dateline


@pytest.mark.parametrize(
    ("text", "town", "region"),
    [
        ("KYIV, March 3 (Reuters) - Russian forces shelled the city.", "KYIV", ""),
        ("HARNESK, Ruvenia (Halcyon Wire) — The army said it held the bridge.", "HARNESK", "Ruvenia"),
        ("YARRICK, Brenholt, March 10 (Wire) - Rockets hit the market.", "YARRICK", "Brenholt"),
        ("PORT ALCAYA, June 5 (Harbourline) - Two boats collided.", "PORT ALCAYA", ""),
        ("KORISTAN, April 14 /KTA/. Units of the army liberated the village.", "KORISTAN", ""),
        ("AVENTA, 14 April (ANA). The Defence Forces repelled an assault.", "AVENTA", ""),
        ("Port Averly - A bomb exploded at the bus station in Lusanje.", "Port Averly", ""),
    ],
)
def test_a_dateline_gives_its_town_and_region(text: str, town: str, region: str) -> None:
    found = dateline(text)
    assert found is not None and (found.town, found.region) == (town, region)
    assert text[found.end] == text[found.end].upper() and text[found.end].isalpha()  # the story's first word
    if region:
        assert text[found.region_start :].startswith(region)


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said on Monday that the town had fallen.",
        "NATO, the alliance, met in Brussels on Monday.",
        "In Harnesk, the army (its spokesman said). Then it left.",
        "A bomb exploded at the bus station on Friday.",
    ],
)
def test_a_sentence_is_no_dateline(text: str) -> None:
    assert dateline(text) is None


def test_the_dateline_of_a_first_paragraph_after_a_title_and_the_text_without_it() -> None:
    text = "Rockets hit Yarrick\n\nYARRICK, Brenholt (Wire) — Rockets hit the market on Tuesday."
    found = first_dateline(text)
    assert found is not None and (found.town, found.region, found.agency) == ("YARRICK", "Brenholt", "Wire")
    assert (dateline("KORISTAN, April 14 /KTA/. Units left.") or found).agency == "KTA"
    assert without_dateline("YARRICK (Wire) — Rockets hit the market.") == "Rockets hit the market."
    assert without_dateline("Rockets hit the market.") == "Rockets hit the market."
