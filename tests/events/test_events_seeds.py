"""Events end to end on the seed articles: the events issue 7 names, each with its type, date and evidence."""

from __future__ import annotations

import pytest

from newsint.events.taxonomy import CLASSES
from newsint.model import Article, Event
from tests.conftest import SEEDS, needs

pytestmark = [needs(SEEDS), pytest.mark.integration]


@pytest.fixture(scope="module")
def articles(seed_articles: list[Article]) -> list[Article]:
    return seed_articles


def _told(articles: list[Article], words: str) -> list[tuple[Article, Event]]:
    """Events with an evidence sentence holding `words`."""
    return [
        (a, e) for a in articles for e in a.events if any(words in a.text[s.start : s.end] for s in e.evidence)
    ]  # fmt: skip


def test_the_missile_barrage_is_dated_by_its_weekday_not_the_publication(articles: list[Article]) -> None:
    [(article, barrage)] = _told(articles, "fired hundreds of millions of dollars worth of missiles")
    assert barrage.subtype == "ART_MISS_ATTACK"
    assert CLASSES[barrage.subtype].acled_subtype == "Shelling/artillery/missile attack"
    assert (barrage.date, barrage.date_precision, barrage.date_from_published) == ("2023-03-09", "day", False)
    assert article.published is not None and barrage.date != article.published.isoformat()
    assert "Russia" in barrage.actors


def test_the_deaths_near_lviv_are_the_barrage_told_again(articles: list[Article]) -> None:
    [(_, deaths)] = _told(articles, "The barrage killed civilians")
    [(_, barrage)] = _told(articles, "fired hundreds of millions of dollars worth of missiles")
    assert deaths is barrage  # one barrage, one event: its deaths are no second event
    assert deaths.subtype == "ART_MISS_ATTACK" and deaths.date == "2023-03-09"
    assert deaths.place is not None and deaths.place.name == "Lviv"
    assert len(deaths.evidence) == 2


def test_the_aid_worker_killed_by_artillery(articles: list[Article]) -> None:
    [(article, killing)] = _told(articles, "an aid worker was killed")
    told_of_the_death = [e for e in article.events if e.fatalities or e is killing]
    assert told_of_the_death == [killing]  # one death, one event, counted once
    assert killing.subtype == "ART_MISS_ATTACK"
    assert "aid worker" in killing.targets and "Russian artillery" in killing.actors
    assert killing.fatalities == 1


def test_the_meeting_and_the_decision_to_keep_defending(articles: list[Article]) -> None:
    [(_, meeting)] = _told(articles, "chaired a meeting with army leaders")
    assert (meeting.subtype, CLASSES[meeting.subtype].plover) == ("DIPLO", "CONSULT")
    assert meeting.date == "2023-03-07" and meeting.date_from_published  # the article gives no day of its own
    decisions = [e for _, e in _told(articles, "had agreed to strengthen their defense")]
    assert [e.subtype for e in decisions] == ["AGREEMENT"]
    assert "Volodomyr Zelenskyy" in decisions[0].actors


def test_the_treaty_signed_in_moscow(articles: list[Article]) -> None:
    [(_, treaty)] = _told(articles, "on Friday signed a 20-year strategic partnership treaty")
    assert (treaty.subtype, CLASSES[treaty.subtype].plover) == ("AGREEMENT", "AGREE")
    assert (treaty.date, treaty.date_from_published) == ("2025-01-17", False)
    assert set(treaty.actors) >= {"Vladimir Putin", "Masoud Pezeshkian"}
    assert treaty.place is not None
    assert abs(treaty.place.lat - 55.75) < 0.2 and abs(treaty.place.lon - 37.62) < 0.3  # Moscow


def test_the_war_s_tolls_are_no_events_and_no_killing_is_a_protest(articles: list[Article]) -> None:
    assert not _told(articles, "between 20,000 and 30,000 Russian troops have been killed")
    assert not [e for a in articles for e in a.events if CLASSES[e.subtype].acled_type == "Protests"]
    [(_, soldiers)] = _told(articles, "1,200 Russian soldiers were recently killed")
    assert CLASSES[soldiers.subtype].acled_type == "Battles" and soldiers.fatalities == 1200


def test_background_is_no_dated_point_event(articles: list[Article]) -> None:
    assert not [e for _, e in _told(articles, "which has been raging for six months") if e.date]
    assert not [e for _, e in _told(articles, "continue to bombard the region")]


def test_every_event_points_into_its_article(articles: list[Article]) -> None:
    for article in articles:
        for event in article.events:
            assert article.text[event.trigger_start : event.trigger_end] == event.trigger
            assert all(s.start <= event.trigger_start < s.end for s in event.evidence[:1]) or len(event.evidence) > 1
