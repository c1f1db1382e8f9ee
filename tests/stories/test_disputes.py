"""Disputes between the parties of a story (issue 29), on short articles invented here: each side's statement
is found with its party, and statements of one party, or about different places, dispute nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from newsint.model import Article, Conflict, Entity, Mention, Span, Statement
from newsint.pipeline import Pipeline
from newsint.settings import Settings, load_settings
from newsint.stories.analysis import analyse_story
from newsint.stories.disputes import _not_a_count, with_parties
from newsint.stories.parties import ARMED_GROUP, STATE, THIRD_PARTY, UNNAMED_STATE, Party, StoryParties
from newsint.stories.statements import article_statements
from tests.conftest import make_article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    settings: Settings = load_settings(None, db=str(tmp_path_factory.mktemp("disputes") / "d.db"))
    stages = ("clean", "language", "nlp", "entities", "places", "times", "claims", "figures", "events")
    return Pipeline.build(replace(settings, stages=stages))


def story_of(pipeline: Pipeline, *texts: tuple[str, str]) -> list[Article]:
    """The articles through the pipeline, their ids "a0", "a1", ... in the order given."""
    articles = []
    for index, (outlet, text) in enumerate(texts):
        [article] = pipeline.process(make_article(text, outlet=outlet, published=date(2026, 3, 6)))
        article.id = f"a{index}"
        articles.append(article)
    return articles


def said_in(article: Article) -> list[Statement]:
    """The statements of one article with their parties, the article its own story."""
    by_id = {article.id: article}
    return with_parties([article], article_statements(article, by_id), by_id, StoryParties.of([article]))


def _side(parties: StoryParties, phrase: str) -> tuple[str, str] | None:
    """The name and kind of the party a phrase speaks for, or None."""
    party = parties.party(phrase)
    return None if party is None else (party.name, party.kind)


def conflicts_of(articles: list[Article], kind: str) -> list[Conflict]:
    story = analyse_story("s", articles)
    return [c for c in story.conflicts if c.kind == kind]


BLAME = (
    "Valdor Times",
    "ORSKA, March 6 - Valdian officials said on Thursday that Tarnish artillery shelled the market in Brevik, "
    "killing six civilians. Valdia's interior minister, Ana Kell, said the shells were fired from Tarnish "
    "positions across the river. Valdian troops have held Brevik since January.",
)
DENIAL_OF_BLAME = (
    "Tarn Herald",
    "TARNOPOL, March 6 - Tarnia's defence ministry said on Thursday that the blast at the Brevik market was caused "
    "by a Valdian air defence missile that fell short. A Tarnish army spokesman, Colonel Ivo Brenn, said no "
    "Tarnish unit had fired at Brevik. Tarnish forces hold the hills east of the river.",
)
MONITORS = (
    "Wire Service",
    "GENEVA, March 6 - Monitors of the Lake Commission said on Thursday they had examined the market in Brevik "
    "and could not independently verify where the shells came from. The commission said six people died.",
)


def test_a_party_is_read_from_the_story_s_own_names(pipeline: Pipeline) -> None:
    articles = story_of(pipeline, BLAME, DENIAL_OF_BLAME, MONITORS)
    parties = StoryParties.of(articles)
    assert parties.party("Valdia's interior minister, Ana Kell") == parties.party("Valdian officials")
    kell = parties.party("Valdia's interior minister")
    assert kell is not None and (kell.name, kell.kind) == ("Valdia", STATE)
    brenn = parties.party("A Tarnish army spokesman")
    assert brenn is not None and (brenn.name, brenn.kind) == ("Tarnia", STATE)
    monitors = parties.party("Monitors of the Lake Commission")
    assert monitors is not None and monitors.kind == THIRD_PARTY
    assert parties.party("a local shopkeeper") is None


def test_two_parties_blaming_each_other_is_a_dispute_with_what_third_parties_say(pipeline: Pipeline) -> None:
    articles = story_of(pipeline, BLAME, DENIAL_OF_BLAME, MONITORS)
    [dispute] = conflicts_of(articles, "responsibility")
    sides = [{s.doc for s in dispute.a}, {s.doc for s in dispute.b}]
    assert sorted(map(sorted, sides)) == [["a0"], ["a1"]]
    assert "Brevik" in dispute.what
    assert [s.doc for s in dispute.third] and all(s.doc == "a2" for s in dispute.third)


def test_one_party_s_statements_dispute_nothing(pipeline: Pipeline) -> None:
    second_valdian = (
        "Orska Daily",
        "ORSKA, March 6 - A Valdian army spokesman said on Thursday that Tarnish guns had shelled the Brevik "
        "market from across the river, killing six people.",
    )
    articles = story_of(pipeline, BLAME, second_valdian)
    assert not conflicts_of(articles, "responsibility")


def test_a_village_taken_and_still_held_is_a_dispute_over_control(pipeline: Pipeline) -> None:
    taken = (
        "Valdor Times",
        "ORSKA, March 6 - Valdia's defence ministry said on Thursday that its troops had captured the village of "
        "Lesk after two days of fighting and raised the Valdian flag over its school.",
    )
    held = (
        "Tarn Herald",
        "TARNOPOL, March 6 - Tarnia's general staff said on Thursday that Lesk remains under Tarnish control and "
        "that Valdian units which tried to enter the village were repelled with heavy losses.",
    )
    elsewhere = (
        "Tarn Herald",
        "TARNOPOL, March 6 - Tarnia's general staff said on Thursday that its forces still hold the town of Merov.",
    )
    [dispute] = conflicts_of(story_of(pipeline, taken, held, elsewhere), "control")
    assert dispute.what == "who controls Lesk"
    assert {s.doc for s in dispute.a} == {"a0"} and {s.doc for s in dispute.b} == {"a1"}


STRIKE_REPORTED = (
    "Valdor Times",
    "ORSKA, March 6 - Valdia's emergency ministry said a Tarnish drone strike hit a bus depot in Kavro on "
    "Wednesday, wounding four workers.",
)
STRIKE_CALLED_FABRICATED = (
    "Tarn Herald",
    "TARNOPOL, March 6 - Tarnia's defence ministry said reports of a drone strike in Kavro were fabricated "
    "and that no Tarnish drone had flown that day.",
)
SHOOTDOWN_CLAIMED = (
    "Hill Radio",
    "OSK - The Free Hill Front said on Sunday that its fighters had shot down a Valdian army helicopter "
    "over the outskirts of Lesk.",
)
SHOOTDOWN_NEGATED = (
    "Valdor Times",
    'ORSKA - The defence ministry said no aircraft had been lost. "No army helicopter has been shot down '
    "near Lesk or anywhere else,\" Valdia's defence ministry spokesman Ana Kell told the Valdor Times.",
)


@pytest.mark.parametrize(
    ("reported", "denied", "place"),
    [(STRIKE_REPORTED, STRIKE_CALLED_FABRICATED, "Kavro"), (SHOOTDOWN_CLAIMED, SHOOTDOWN_NEGATED, "Lesk")],
    ids=["called fabricated", "reported negated"],
)
def test_an_attack_one_side_denies_is_a_dispute_over_whether_it_happened(
    pipeline: Pipeline, reported: tuple[str, str], denied: tuple[str, str], place: str
) -> None:
    [dispute] = conflicts_of(story_of(pipeline, reported, denied), "occurrence")
    assert place in dispute.what
    assert {s.doc for s in dispute.a} == {"a0"} and {s.doc for s in dispute.b} == {"a1"}


def test_an_armed_group_is_a_party_of_its_own(pipeline: Pipeline) -> None:
    articles = story_of(
        pipeline,
        (
            "Wire Service",
            "The Free Hill Front said on Friday it had not carried out the bombing in Osk, which "
            "Valdian police blamed on the group.",
        ),  # fmt: skip
    )
    party = StoryParties.of(articles).party("the Free Hill Front")
    assert party is not None and party.kind == ARMED_GROUP


def test_an_event_two_parties_report_is_corroborated_though_they_blame_each_other(pipeline: Pipeline) -> None:
    """Event corroboration, not sentence paraphrase: both belligerents report the shelling of Brevik's market on
    the same day, in their own words, each blaming the other."""
    valdian = ("Valdor Times", "Valdian officials said Tarnish artillery shelled the market in Brevik on Thursday, "
                               "killing six civilians.")  # fmt: skip
    tarnish = ("Tarn Herald", "Tarnia's defence ministry said a Valdian air defence missile exploded over the Brevik "
                              "market on Thursday, killing six people, and denied that its forces had fired.")  # fmt: skip
    story = analyse_story("s", story_of(pipeline, valdian, tarnish))
    events = [c for c in story.corroborations if "Brevik" in c.what]
    assert events, [c.what for c in story.corroborations]
    assert len({s.doc for s in events[0].statements}) >= 2 and len(events[0].sources) >= 2


def test_a_state_s_own_investigators_speak_for_it(pipeline: Pipeline) -> None:
    parties = StoryParties.of(story_of(pipeline, BLAME, DENIAL_OF_BLAME, MONITORS))
    own = parties.party("Valdian investigators")
    assert own is not None and (own.name, own.kind) == ("Valdia", STATE)
    outside = parties.party("UN investigators")
    assert outside is not None and outside.kind == THIRD_PARTY


GROUP_HOLDS = (
    "Hill Radio",
    "OSK - The Free Hill Front said on Saturday that its fighters had entered the town of Lesk overnight. "
    '"Since this morning Lesk is in the hands of the FHF," the group\'s commander, Jon Arvo, said.',
)
STATE_HOLDS = (
    "Valdor Times",
    "ORSKA - An attack on Lesk was beaten back overnight and the town remains fully under government control, "
    "Valdia's defence ministry said on Saturday. \"The terrorists attacked Lesk from three directions and were "
    'repelled," ministry spokesman Brigadier Ana Kell said. Kell said the attackers had lost forty men.',
)
BOTH_SAY = (
    "Wire Service",
    "LESK - Fighting went on at the edge of Lesk on Monday, two days after the Free Hill Front said it had "
    "captured the town and the Valdian army said the attack had been repelled.",
)


def test_who_holds_a_place_is_read_for_each_party_whoever_speaks(pipeline: Pipeline) -> None:
    """The group's commander says the group holds it, the state's spokesman (introduced once by title,
    later by surname) that the state does; a sentence giving the word to both sides is no side."""
    articles = story_of(pipeline, GROUP_HOLDS, STATE_HOLDS, BOTH_SAY)
    parties = StoryParties.of(articles)
    assert parties.party("the FHF") == parties.party("the Free Hill Front")
    [dispute] = conflicts_of(articles, "control")
    assert dispute.what == "who controls Lesk"
    sides = {dispute.a_says: {s.doc for s in dispute.a}, dispute.b_says: {s.doc for s in dispute.b}}
    assert sides == {"Free Hill Front holds it": {"a0"}, "Valdia holds it": {"a1"}}
    by_id = {a.id: a for a in articles}
    said = [s for a in articles for s in article_statements(a, by_id)]
    statements = with_parties(articles, said, by_id, parties)
    assert {s.party for s in statements if s.doc == "a2"} == {""}
    assert {s.party for s in statements if s.doc == "a1" and "Kell said" in s.text} == {"Valdia"}


def test_each_side_s_dead_and_their_total_are_no_dispute_over_how_many(pipeline: Pipeline) -> None:
    """Bodies exchanged: each side's count of its own dead, and a total of both, are three counts of different
    people, not three answers to one question."""
    articles = story_of(
        pipeline,
        ("Valdor Times", "ORSKA - Valdia received the bodies of 120 Valdian soldiers killed in the war at the Orsk "
                         "crossing on Tuesday, its defence ministry said."),
        ("Tarn Herald", "TARNOPOL - Tarnia's defence ministry said the bodies of 35 Tarnish soldiers killed in the "
                        "fighting were returned at the Orsk crossing on Tuesday."),
        ("Wire Service", "GENEVA - The mediator said 155 bodies of soldiers killed in the war were exchanged in total "
                         "at the Orsk crossing on Tuesday."),
    )  # fmt: skip
    assert not conflicts_of(articles, "count")


def test_a_state_s_numbered_unit_is_no_armed_group(pipeline: Pipeline) -> None:
    articles = story_of(
        pipeline,
        ("Valdor Times", "ORSKA - Valdia's 9th Mountain Brigade repelled an attack by the Free Hill Front on the "
                         "village of Lesk on Tuesday, the defence ministry said."),
    )  # fmt: skip
    groups = set(StoryParties.of(articles).groups.values())
    assert "Free Hill Front" in groups and not any("Mountain Brigade" in g for g in groups)


def test_a_city_with_its_own_police_is_a_place_not_a_state(pipeline: Pipeline) -> None:
    """A city has a police chief and a mayor too; a city the story places inside a state is no state."""
    articles = story_of(
        pipeline,
        ("Corla Wire", "BRASK, Ondria - A car bomb killed four people in the Ondrian city of Brask on Friday, "
                       "Brask's police chief, Colonel Mira Tove, said. Ondria's interior ministry blamed the "
                       "Hollow Pine Front."),
    )  # fmt: skip
    parties = StoryParties.of(articles)
    assert set(parties.states.values()) == {"Ondria"}
    tove = parties.party("Brask's police chief, Colonel Mira Tove")
    assert tove is None or tove.name == "Ondria"


def test_a_count_after_a_name_is_no_role_of_the_person(pipeline: Pipeline) -> None:
    [article] = story_of(
        pipeline,
        ("Corla Wire", "Ondrian troops took the bridge at Selm, the ministry said. According to Rell Amsby, 60 "
                       "Ondrian soldiers were wounded there."),
    )  # fmt: skip
    roles = [role for e in article.entities if "Amsby" in e.name for role in e.roles]
    assert not any("soldiers" in role for role in roles)


def test_a_side_s_unnamed_ministry_is_the_side_it_credits_with_the_capture(pipeline: Pipeline) -> None:
    """An outlet named after no state quotes "the defence ministry" on its own troops' gain; the other side says
    it still holds the town: a dispute over control between the two states."""
    taken = (
        "Harrowgate Courier",
        "Ondrian troops have captured the town of Velsk after three days of fighting, "
        'the defence ministry announced on Tuesday. "Velsk is ours," a ministry '
        "spokesman said.",
    )
    held = (
        "Pratha National Radio",
        "PRATHA - Pratha's General Staff said on Tuesday that its units had beaten "
        "back an Ondrian assault on Velsk and that the town remained under Pratish "
        "control, dismissing the claims of Ondria's defence ministry as lies.",
    )
    [dispute] = conflicts_of(story_of(pipeline, taken, held), "control")
    sides = {dispute.a_says: {s.doc for s in dispute.a}, dispute.b_says: {s.doc for s in dispute.b}}
    assert sides == {"Ondria holds it": {"a0"}, "Pratha holds it": {"a1"}}


def test_a_deed_a_side_claims_is_no_blame_and_its_denial_is_a_dispute_over_whether_it_happened(
    pipeline: Pipeline,
) -> None:
    claimed = (
        "Corla Wire",
        "Ondria's defence ministry said on Monday that Ondrian artillery had destroyed a "
        "Pratish ammunition depot near Velsk.",
    )
    denied = (
        "Pratha National Radio",
        "Pratha's General Staff said there had been no such depot near Velsk and no such strike.",
    )
    articles = story_of(pipeline, claimed, denied)
    assert not conflicts_of(articles, "responsibility")
    [dispute] = conflicts_of(articles, "occurrence")
    assert {s.doc for s in dispute.a} == {"a0"} and {s.doc for s in dispute.b} == {"a1"}


def test_officials_in_a_state_s_seat_and_a_hospital_give_two_answers_to_how_many_died(pipeline: Pipeline) -> None:
    """The state's own agency files from its capital, which the story names as where officials sit; the
    hospital's head is introduced by title ("Dr."); each side holds every statement giving its number."""
    first = (
        "Ondrian State Agency",
        "TALMOR, May 2 (OSA) - A bomb killed six people at the bus station in the "
        "Ondrian city of Brask on Friday, Ondria's interior ministry said.",
    )
    later = (
        "Corla Wire",
        "BRASK - Eleven people have now died of their wounds after Friday's bombing at the Brask "
        "bus station, the director of the city's main hospital, Dr. Ilse Varn, said on Monday. "
        'Officials in Talmor have stuck to a toll of six. "We have signed eleven death '
        'certificates," Varn said.',
    )
    articles = story_of(pipeline, first, later)
    articles[1].published = articles[0].published
    parties = StoryParties.of(articles)
    assert parties.states.get("talmor") == "Ondria"
    [dispute] = conflicts_of(articles, "count")
    assert (dispute.a_says, dispute.b_says) == ("6 killed", "11 killed")
    assert {s.doc for s in dispute.a} == {"a0", "a1"}
    assert {s.party for s in dispute.b} == {"hospital"}


def test_suspects_are_people_counted_as_detained(pipeline: Pipeline) -> None:
    articles = story_of(
        pipeline,
        ("Corla Wire", "Ondria's interior ministry said on Monday that police had detained 12 suspects in Brask "
                       "after the bombing."),
        ("Rights Desk", "The Brask Rights Centre, a human rights group, said on Monday that more than 70 people had "
                        "been detained in Brask since the bombing."),
    )  # fmt: skip
    [dispute] = conflicts_of(articles, "count")
    assert dispute.a_says == "12 detained" and dispute.b_says.startswith("at least 70")


def test_a_group_is_named_by_the_end_of_its_name_but_not_by_a_place_it_shares_a_word_with(
    pipeline: Pipeline,
) -> None:
    articles = story_of(
        pipeline,
        ("Corla Wire", "The Orin People's Militia said on Friday that its fighters had attacked an army post in "
                       "Orin province. The People's Militia has fought Ondria's army since 2019. The "
                       "governor of Orin province, Tamas Kell, said the post had held. The Grey Dawn Front, a "
                       "smaller group, said nothing."),
    )  # fmt: skip
    parties = StoryParties.of(articles)
    militia = parties.party("The People's Militia")
    assert militia is not None and militia.name == "Orin People's Militia"
    governor = parties.party("the governor of Orin province, Tamas Kell")
    assert governor is not None and governor.kind == STATE
    assert parties.party("the group's spokesman") is None  # two groups: which one the text does not say


def test_the_one_blamed_is_named_after_the_word_of_blame(pipeline: Pipeline) -> None:
    blamed = (
        "Ondrian State Agency",
        "Ondria's interior minister said on Monday that the cell behind the bombing at "
        "the market in Brask, a city in northern Ondria, had been directed by the Orin People's Militia.",
    )
    denied = (
        "Orin Radio",
        "The Orin People's Militia denied any role in the Brask bombing and accused Ondria's "
        "security services of staging it. A group calling itself the Ash Cell said it had "
        "carried out the attack.",
    )
    [dispute] = conflicts_of(story_of(pipeline, blamed, denied), "responsibility")
    assert "Orin People's Militia did it" in (dispute.a_says + dispute.b_says)


def test_a_strike_on_a_named_base_and_its_denial_are_a_dispute_over_whether_it_happened(pipeline: Pipeline) -> None:
    """The base is a place whatever type the entity model gives its name: it stands before the kind of site."""
    claimed = (
        "Pratha National Radio",
        "PRATHA - Pratha's General Staff said on Monday that Pratish drones had "
        "struck Corvid air base in Ondria overnight. At Corvid, it said, drones "
        "destroyed three aircraft.",
    )
    denied = (
        "Ondrian State Agency",
        "Ondria's defence ministry said there was no strike on Corvid air base and that the reports were fabricated.",
    )
    [dispute] = conflicts_of(story_of(pipeline, claimed, denied), "occurrence")
    assert "Corvid" in dispute.what
    assert {s.doc for s in dispute.a} == {"a0"} and {s.doc for s in dispute.b} == {"a1"}


def test_one_side_s_weapon_named_as_the_doer_is_blame_and_the_own_side_s_deed_is_not(pipeline: Pipeline) -> None:
    blamed = (
        "Ondrian State Agency",
        "Ondria's defence ministry said on Monday that a Pratish drone struck the "
        "grain terminal in the port of Vell, starting a fire.",
    )
    turned = (
        "Pratha National Radio",
        "Pratha's General Staff said the fire at the grain terminal in Vell was "
        'caused by an Ondrian interceptor missile that fell on it. "Our units hit '
        'only military targets," a spokesman said.',
    )
    [dispute] = conflicts_of(story_of(pipeline, blamed, turned), "responsibility")
    assert {dispute.a_says, dispute.b_says} == {"Ondria: Pratha did it", "Pratha: Ondria did it"}


def test_tolls_given_at_a_street_and_at_its_town_are_one_count_and_a_named_weapon_is_no_place(
    pipeline: Pipeline,
) -> None:
    """A street of the town and the town itself are where one attack's dead are counted; "the Ondrian Kestrel
    cruise missile" is a weapon, whatever the entity model calls it."""
    state = (
        "Pratha National Radio",
        "PRATHA - Pratha's General Staff said an Ondrian Kestrel cruise missile hit "
        "apartment blocks on Linden Street in the Pratish city of Harl on Monday, "
        "killing 19 people.",
    )
    monitors = (
        "Rights Desk",
        "The United Nations human rights office said on Monday it had verified the deaths of "
        "seven civilians in the strike on Harl.",
    )
    articles = story_of(pipeline, state, monitors)
    [dispute] = conflicts_of(articles, "count")
    assert dispute.what == "how many were killed in Harl"
    assert not any("Kestrel" in c.what for c in analyse_story("s", articles).conflicts)


@pytest.mark.parametrize(
    ("leading", "number", "after", "count"),
    [
        ("after rescuers pulled ", "six", " more bodies from the rubble", False),
        ("the hospital said another ", "4", " people had died", False),
        ("the ministry said ", "six", " people were killed", True),
        ("", "Two", " of the dead were women who had given birth", False),
        ("Among the wounded, ", "12", " remained in serious condition", False),
        ("Hamid Torren said his ", "two", " sons were among the dead", False),
        ("At least 30 of those detained are under ", "18", ".", False),
        ("At least 30 of those detained are ", "under 18", ".", False),
        ("Salma Dahri, a teacher, fled with her ", "three", " children on Sunday.", False),
        ("The governor said ", "4,000", " residents had fled the town.", True),
    ],
)
def test_an_increase_or_a_part_is_no_count_of_its_own(leading: str, number: str, after: str, count: bool) -> None:
    assert _not_a_count(number, leading, after) is not count


def test_each_side_reporting_the_other_s_strikes_elsewhere_is_no_dispute_over_who_did_it(pipeline: Pipeline) -> None:
    """Two states each report the other's drones over their own towns: two attacks, each blamed on the doer
    both agree on, not one attack each blames on the other."""
    first = (
        "Ondrian State Agency",
        "Ondria's defence ministry said on Tuesday that air defences had shot down 40 Pratish drones over the city "
        "of Tarn overnight. Pratish drones struck an energy facility, the ministry added.",
    )
    second = (
        "Pratha National Radio",
        "PRATHA - Pratha's General Staff said on Tuesday that air defences had destroyed 25 Ondrian drones over the "
        "town of Vell. Ondrian drones hit a fuel depot, it said.",
    )
    assert not conflicts_of(story_of(pipeline, first, second), "responsibility")


def test_a_side_that_admits_the_loss_of_a_town_disputes_nothing(pipeline: Pipeline) -> None:
    taken = (
        "Ondrian State Agency",
        "Ondria's defence ministry said on Tuesday that Ondrian troops had captured the "
        "town of Velsk after a week of fighting.",
    )
    admitted = (
        "Pratha National Radio",
        "PRATHA - Pratha's General Staff said on Tuesday that its units had "
        "withdrawn from Velsk to save soldiers' lives and that Ondrian forces now "
        "control the town.",
    )
    assert not conflicts_of(story_of(pipeline, taken, admitted), "control")


def test_a_capture_and_a_strike_told_in_one_sentence_are_read_apart(pipeline: Pipeline) -> None:
    """The control reading keeps only the place near its cue (Lesk); the strike's place (Mora) stays the
    statement's for whether it happened (this crashed the analysis once)."""
    told = (
        "Pratha National Radio",
        "PRATHA - Pratha's General Staff said on Monday that Pratish troops had "
        "captured the village of Lesk after Pratish artillery struck Ondrian "
        "positions at Mora overnight.",
    )
    denied = (
        "Ondrian State Agency",
        "Ondria's defence ministry said there was no strike on Mora and that Ondrian units still hold Lesk.",
    )
    story = analyse_story("s", story_of(pipeline, told, denied))
    assert {(c.kind, c.what) for c in story.conflicts} == {
        ("control", "who controls Lesk"),
        ("occurrence", "whether the attack on Mora happened"),
    }


def test_a_town_s_own_official_speaks_for_the_town_s_state_not_for_the_state_an_article_quotes(
    pipeline: Pipeline,
) -> None:
    """A wire story quoting the attacker's ministry most still quotes the struck town's governor for the town's
    side; "who blamed Ondrian forces" tells what the governor did, not whose the governor is."""
    wire = (
        "Corla Wire",
        "A missile struck the market in the Pratish town of Velsk on Monday, killing 20 people, according to "
        "the Velsk regional governor, who blamed Ondrian forces. Pratha's foreign ministry condemned the attack. "
        "Ondria's defence ministry said its forces had "
        "struck only military targets. Ondria's defence ministry said the blast was caused by a Pratish air "
        "defence missile.",
    )
    [article] = story_of(pipeline, wire)
    parties = StoryParties.of([article])
    governor = parties.party("the Velsk regional governor")
    assert governor is not None and governor.name == "Pratha"
    said = said_in(article)
    toll = next(s for s in said if "killing 20 people" in s.text)
    assert toll.party == "Pratha"


def test_a_toll_given_so_far_is_the_least_there_is_and_a_cap_is_contradicted_by_a_later_higher_toll(
    pipeline: Pipeline,
) -> None:
    capped = (
        "Ondrian State Agency",
        "Ondria's defence ministry said on Monday that no more than three people died in Velsk, in the "
        "Pratish region of Harl.",
    )
    so_far = (
        "Rights Desk",
        "The United Nations human rights office said on Tuesday it had so far counted 11 people killed in Velsk.",
    )
    later = ("Pratha National Radio", "Pratha's General Staff said on Tuesday that 24 people were killed in Velsk.")
    articles = story_of(pipeline, capped, so_far, later)
    articles[0].published = date(2026, 3, 5)
    [dispute] = conflicts_of(articles, "count")
    assert {s.doc for s in dispute.a} == {"a0"}  # the cap against the later toll
    assert "a2" in {s.doc for s in dispute.b}  # "so far 11" holds 24: it sides with it, it disputes nothing


def test_not_to_blame_and_it_never_happened_are_one_dispute_whether_it_happened(pipeline: Pipeline) -> None:
    report = (
        "Pratha National Radio",
        "Pratha's General Staff said on Tuesday that an Ondrian drone struck the hospital in Velsk overnight, "
        "killing three patients.",
    )
    denial = (
        "Ondrian State Agency",
        "Ondria's defence ministry said the reports of a strike on the hospital in Velsk were fabricated. "
        '"No strike on Velsk took place. Ondria was not responsible for anything there; the story is a staged '
        'provocation," the ministry said.',
    )
    story = analyse_story("s", story_of(pipeline, report, denial))
    assert [c.kind for c in story.conflicts if c.kind in ("occurrence", "responsibility")] == ["occurrence"]


def test_a_denial_of_one_s_own_part_joins_the_dispute_over_who_did_it(pipeline: Pipeline) -> None:
    """The side that blames another's air defence denies its own strike in another article: that denial is its
    side of who did it, not a dispute of whether anything happened."""
    blame = (
        "Pratha National Radio",
        "Pratha's General Staff said an Ondrian missile struck the market in Velsk on Monday.",
    )
    other = (
        "Ondrian State Agency",
        "Ondria's defence ministry said the damage in Velsk was caused by a Pratish air defence missile that fell "
        "short.",
    )
    denial = (
        "Corla Wire",
        "Ondria's defence ministry on Monday rejected Pratish claims that Ondrian missiles had struck Velsk.",
    )
    story = analyse_story("s", story_of(pipeline, blame, other, denial))
    assert not [c for c in story.conflicts if c.kind == "occurrence"]
    [who] = [c for c in story.conflicts if c.kind == "responsibility"]
    assert "a2" in {s.doc for s in who.a + who.b}


@pytest.mark.parametrize(
    ("text", "holding", "party"),
    [
        pytest.param(
            'Pratha\'s army spokesman Colonel Ivo Brenn spoke to reporters on Monday. "We hold Velsk," Brenn said. '
            "According to him, Ondrian troops opened fire first near the bridge at Velsk.",
            "opened fire first",
            "Pratha",
            id="a pronoun is the speaker quoted before",
        ),
        pytest.param(
            'The army said the town was calm on Tuesday. "The town of Velsk is secure and under the control of our '
            "forces. Claims that it was captured are propaganda,\" Pratha's General Staff said.",
            "is secure",
            "Pratha",
            id="a quote's first sentence speaks for the one named where it closes",
        ),
        pytest.param(
            "The Sabre Front and the Tolvek People's Army both fight Ondria's army. The Sabre Front released a video "
            "on Wednesday. The group's spokesman, Kemal Arvid, said there had been no air strike at Lokari at all.",
            "no air strike",
            "Sabre Front",
            id="the group of a story of several is the one named last",
        ),
    ],
)
def test_a_speaker_who_names_no_party_speaks_for_the_one_the_text_around_names(
    pipeline: Pipeline, text: str, holding: str, party: str
) -> None:
    said = said_in(story_of(pipeline, ("Corla Wire", text))[0])
    assert next(s for s in said if holding in s.text).party == party


def test_a_group_owning_a_body_is_no_state_and_a_demonym_before_a_state_body_names_one(pipeline: Pipeline) -> None:
    text = (
        "Corla Wire",
        "The Front's military wing said it had taken the town of Velsk in Zemara's north. The Zemaran Armed Forces said the Harl "
        "Liberation Front had been pushed back.",
    )
    parties = StoryParties.of(story_of(pipeline, text))
    assert "front" not in parties.states
    assert parties.states.get("zemaran") == "Zemara"


def test_the_army_is_the_one_state_at_war_when_another_state_only_mediates(pipeline: Pipeline) -> None:
    text = (
        "Corla Wire",
        "Orvish mediators overseeing the truce between the Zemaran government and the Harl Liberation Front said "
        "both sides had broken it. Zemaran jets flew over Velsk, in Zemara's north, on Monday. Orvia's foreign "
        "minister called for calm. The Front accused the army of shelling its positions at Velsk.",
    )
    [article] = story_of(pipeline, text)
    parties = StoryParties.of([article])
    assert {parties.states.get("orvia"), parties.states.get("zemara")} == {"Orvia", "Zemara"}
    assert parties.the_state() == "Zemara"
    assert parties.mentioned("the army of shelling its positions") == ["Zemara"]
    said = said_in(article)
    mediators = next(s for s in said if "mediators" in s.text)
    assert mediators.party != "Harl Liberation Front"  # the party its words name after "overseeing the truce"


def test_an_event_of_another_time_joins_no_happening_of_the_day(pipeline: Pipeline) -> None:
    """The parse may leave "In October 2025" ungoverned by the trigger ("a car bomb ... killed" read as a
    clause of "bomb"), and the event is then dated by its article: a sentence dated long before the article is
    background, not a second report of the day's attack."""
    first = (
        "Corla Wire",
        "A bomb tore through a crowded bus in Velsk on Friday, killing 12 people. In October 2025, a car bomb "
        "near the provincial governor's office killed nine people.",
    )
    second = ("Orin Radio", "A bomb tore through a bus in Velsk on Friday, killing at least 12 passengers.")
    articles = story_of(pipeline, first, second)
    today = next(e for e in articles[0].events if "Friday" in articles[0].text[e.evidence[0].start : e.evidence[0].end])
    trigger = articles[0].text.index("killed nine")
    sentence = Span(articles[0].text.index("In October"), len(articles[0].text))
    misdated = replace(today, trigger="killed", trigger_start=trigger, trigger_end=trigger + 6, evidence=(sentence,))
    articles[0].events.append(misdated)  # as the parse of the story it comes from dated it
    story = analyse_story("s", articles)
    assert story.corroborations  # the day's bombing, told by both
    assert not any("October 2025" in s.text for c in story.corroborations for s in c.statements)
    assert not any("October 2025" in e.text for e in story.timeline)


def test_a_state_named_only_by_its_demonym_before_its_forces_is_a_party(pipeline: Pipeline) -> None:
    text = (
        "Corla Wire",
        "Vendravan troops attacked the village of Molvany on Tuesday. Sulmaria's General Staff said the "
        "assault had been repelled.",
    )
    parties = StoryParties.of(story_of(pipeline, text))
    assert parties.states.get("vendravan") == "Vendravan"
    named = ("Orin Radio", "Vendravan troops attacked Molvany. The truce was broken by Vendrava, Sulmaria said.")
    parties = StoryParties.of(story_of(pipeline, named))
    assert parties.states.get("vendravan") == parties.states.get("vendrava") == "Vendrava"  # its name, where written


def test_a_truce_broken_by_the_other_side_is_blame_though_its_claims_are_called_invented(pipeline: Pipeline) -> None:
    one = (
        "Pratha National Radio",
        "Pratha's General Staff said the truce at the Pirel bridge was broken by Ondria on Tuesday, and that "
        "Ondrian claims of Pratish snipers at Pirel were invented.",
    )
    other = (
        "Ondrian State Agency",
        "Ondria's defence ministry said Pratish snipers opened fire first on an Ondrian checkpoint at Pirel on "
        "Tuesday, breaking the truce.",
    )
    [who] = conflicts_of(story_of(pipeline, one, other), "responsibility")
    assert {who.a_says, who.b_says} == {"Pratha: Ondria did it", "Ondria: Pratha did it"}


def test_a_river_is_no_place_of_the_attack_and_a_town_sharing_a_district_s_name_is_a_town(pipeline: Pipeline) -> None:
    """Shells fired "from across the Semla river" hit Yarrick; "the Yarrick district hospital" does not make the
    town a district."""
    state = (
        "Pratha National Radio",
        "Pratha's General Staff said Ondrian forces fired a rocket at the market in Yarrick from positions across "
        "the Semla river on Tuesday, killing 17 people. The wounded were taken to the Yarrick district hospital.",
    )
    hospital = (
        "Corla Wire",
        "Doctors in Yarrick said on Tuesday that nine people had died in the market blast in Yarrick.",
    )
    [count] = conflicts_of(story_of(pipeline, state, hospital), "count")
    assert count.what == "how many were killed in Yarrick"


def test_a_dateline_s_region_is_no_place_of_the_attack(pipeline: Pipeline) -> None:
    first = (
        "Corla Wire",
        "YARRICK, Brenholt, March 10 (Corla Wire) - A rocket hit the market in Yarrick on Tuesday, killing 17 "
        "people, Pratha's General Staff said.",
    )
    second = ("Orin Radio", "Ondria's defence ministry said on Tuesday that no more than four people died in Yarrick.")
    [count] = conflicts_of(story_of(pipeline, first, second), "count")
    assert count.what == "how many were killed in Yarrick"


def test_the_ministry_is_the_one_named_last_and_a_cue_without_a_source_is_the_named_speaker_s(
    pipeline: Pipeline,
) -> None:
    """An article that quotes Pratha most gives the word to Ondria's ministry, then writes "the ministry said,
    adding that …": both are Ondria's, and Ondria's blame of Pratha's interceptor answers Pratha's blame."""
    one = (
        "Corla Wire",
        "Pratha's General Staff said Ondrian forces fired a rocket at the market in Velsk on Tuesday. Pratha's "
        "army said the rocket came from Ondrian positions. Ondria's defence ministry rejected the accusation. Its "
        "units had carried out no fire missions near Velsk on Tuesday, the ministry said, adding that the damage "
        "was caused by a Pratish interceptor that malfunctioned.",
    )
    said = said_in(story_of(pipeline, one)[0])
    assert next(s for s in said if "no fire missions" in s.text).party == "Ondria"
    [who] = conflicts_of(story_of(pipeline, one), "responsibility")
    assert {who.a_says, who.b_says} == {"Pratha: Ondria did it", "Ondria: Pratha did it"}


def test_a_running_total_and_another_kind_of_people_are_no_answer_to_the_day_s_toll(pipeline: Pipeline) -> None:
    toll = ("Corla Wire", "Doctors in Velsk said on Tuesday that nine civilians were killed in the market blast.")
    since = (
        "Orin Radio",
        "Since the beginning of the year, 64 civilians have been killed in Velsk, the regional administration "
        "said on Tuesday.",
    )
    soldiers = (
        "Pratha National Radio",
        "Pratha's army said on Tuesday that four of its soldiers were killed in Velsk.",
    )
    assert not conflicts_of(story_of(pipeline, toll, since, soldiers), "count")


def test_people_who_left_a_town_are_displaced_and_a_count_is_of_the_town_not_its_province(pipeline: Pipeline) -> None:
    left = ("Corla Wire", "The UN refugee agency said on Wednesday that about 4,500 people had left Velsk.")
    evacuated = (
        "Orin Radio",
        "Police in Ostra province said on Wednesday that twelve thousand residents of Velsk had been evacuated.",
    )
    [count] = conflicts_of(story_of(pipeline, left, evacuated), "count")
    assert count.what == "how many were displaced in Velsk"
    detained = (
        "Corla Wire",
        "Police in Ostra province detained 42 suspected members of the Red Hill Front in the town of Faroh on "
        "Tuesday, the provincial police chief said.",
    )
    monitors = (
        "Orin Radio",
        "In Faroh on Tuesday, approximately 180 men were detained, the Ostra Rights Collective said. The police "
        "figure of 42 detainees is false, it said.",
    )
    [count] = conflicts_of(story_of(pipeline, detained, monitors), "count")
    assert count.what == "how many were detained in Faroh"


def test_a_party_blamed_that_blames_a_third_answers_its_accuser_in_a_dispute_of_its_own(pipeline: Pipeline) -> None:
    """The government blames the People's Army; the People's Army blames the Sabre Front, which blames it back:
    two disputes over one bombing."""
    government = (
        "Corla Wire",
        "Ondria's interior ministry said on Tuesday that the Tolvek People's Army carried out the bombing of the "
        "bus station in Qarnet.",
    )
    army = (
        "Orin Radio",
        "The Tolvek People's Army said on Tuesday that the Sabre Front was behind the bombing in Qarnet.",
    )
    front = (
        "Hill Voice",
        "The Sabre Front said on Tuesday that the Tolvek People's Army was responsible for the bombing in Qarnet.",
    )
    found = conflicts_of(story_of(pipeline, government, army, front), "responsibility")
    assert {frozenset((c.a_says, c.b_says)) for c in found} == {
        frozenset(("Ondria: Tolvek People's Army did it", "Tolvek People's Army: Sabre Front did it")),
        frozenset(("Tolvek People's Army: Sabre Front did it", "Sabre Front: Tolvek People's Army did it")),
    }


def test_a_one_word_name_taken_for_a_person_is_a_state_when_its_demonym_comes_before_a_town(
    pipeline: Pipeline,
) -> None:
    """Whatever type the entity model gives an invented country's name, the story's "Mesmiran town" makes it one;
    a person's surname written the same way ("Varga said") stays a person."""
    text = "A bomb exploded in the Mesmiran town of Qarnet. Mesmira has fought the rebels for a decade. Varga said."
    [article] = story_of(pipeline, ("Corla Wire", text))
    as_person = [Entity(name, "PERSON", [Mention(at, at + len(name), name)]) for name in ("Mesmira", "Varga")
                 for at in [text.index(name)]]  # fmt: skip
    article.entities = [e for e in article.entities if e.name not in ("Mesmira", "Varga")] + as_person
    states = StoryParties.of([article]).states
    assert states.get("mesmira") == "Mesmira"
    assert "varga" not in states


def test_a_mediating_state_judges_who_did_it_and_takes_no_side(pipeline: Pipeline) -> None:
    army = ("Ondrian State Agency", "Ondria's army said rebels of the Red Hill Front fired first at Dorrin on Monday.")
    front = ("Hill Voice", "The Red Hill Front said Ondrian troops shelled its positions at Dorrin on Monday.")
    mediators = (
        "Corla Wire",
        "Corandia's foreign ministry said on Monday that Ondrian troops were responsible for breaking the truce at "
        "Dorrin. Corandian mediators brokered the truce in May.",
    )
    found = conflicts_of(story_of(pipeline, army, front, mediators), "responsibility")
    assert [{c.a_says, c.b_says} for c in found] == [{"Ondria: Red Hill Front did it", "Red Hill Front: Ondria did it"}]


def test_a_state_blamed_that_blames_another_state_starts_no_dispute_of_its_own(pipeline: Pipeline) -> None:
    """Only an armed group named as the doer answers an accusation: on general news, states named in turn (the
    navy that sank a trawler, the flag state of the trawler) are no sides of one dispute."""
    one = ("Corla Wire", "Ondria's navy said Prathan sailors were responsible for the attack on the tanker near Velsk.")
    other = (
        "Orin Radio",
        "Pratha's navy said Kessian sailors were responsible for the attack on the tanker near Velsk.",
    )
    third = ("Hill Voice", "Kessia's foreign ministry said on Tuesday that a Kessian trawler had been sunk near Velsk.")
    assert not conflicts_of(story_of(pipeline, one, other, third), "responsibility")


def test_a_demonym_in_i_names_a_state_and_an_operational_group_is_its_unit(pipeline: Pipeline) -> None:
    """A state written only as "the Kazhari army" and in its agency's name is a party; its "Northern Operational
    Group" is an army unit, not an armed group, so "the movement's commander" is the one armed group's."""
    state = (
        "Kazhar News Agency",
        "PELLAM, 4 May - The Kazhari army said on Monday that it had retaken the town of Zumbar. General Ivo Dask, "
        "commander of the Northern Operational Group, visited the town, the Defence Ministry said.",
    )
    group = (
        "Voice of the Hills",
        "Fighters of the Ferrin Liberation Movement continue to hold Zumbar, the movement's commander said on Monday.",
    )
    articles = story_of(pipeline, state, group)
    parties = StoryParties.of(articles)
    assert set(parties.states.values()) == {"Kazhar"}
    assert set(parties.groups.values()) == {"Ferrin Liberation Movement"}
    commander = parties.party("the movement's commander")
    assert commander is not None and (commander.name, commander.kind) == ("Ferrin Liberation Movement", ARMED_GROUP)
    [dispute] = conflicts_of(articles, "control")
    assert "Zumbar" in dispute.what


def test_a_place_fire_came_from_is_not_the_place_it_fell_and_an_unnamed_doer_blames_no_one(pipeline: Pipeline) -> None:
    """ "Artillery firing from the heights above Brelm" places the shelling where it fell; "air defence units
    destroyed 14 Oskovan drones over Brelm" names what was destroyed, not a culprit of anything at Brelm."""
    accuser = (
        "Vannet Courier",
        "Artillery shells hit the market in the Vannetian town of Drellick on Tuesday, killing 12 people. "
        '"The strike bore the hallmarks of Oskovan artillery firing from the heights above Brelm," a spokesman '
        "for the Vannetian General Staff said. Vannetia blamed Oskova for the attack.",
    )
    accused = (
        "Oskova Telegraph",
        "Oskova's Defence Ministry denied firing on Drellick. The responsibility lies with the Vannetian command, "
        "whose own battery has been firing over the town for weeks, the ministry said. Over the past day, air "
        "defence units destroyed 14 Vannetian drones over Brelm, the ministry added.",
    )
    articles = story_of(pipeline, accuser, accused)
    disputes = conflicts_of(articles, "responsibility")
    assert [c.what for c in disputes] == ["who was responsible for the attack on Drellick"]


def test_a_denial_in_no_words_of_attack_denies_the_attack_just_before_it_not_its_own_side_s_strikes(
    pipeline: Pipeline,
) -> None:
    """ "This is an invention of enemy propaganda" after the other side's claim of a downed helicopter near
    Ostwick denies that; after the speaker's own strikes near Pellam it decries something else."""
    claim = (
        "Oskova Telegraph",
        "Oskova's Defence Ministry said on Monday that its air defence units shot down a Vannetian attack "
        "helicopter near Ostwick on Sunday night. Oskovan forces also struck a fuel depot near Pellam, it said.",
    )
    denial = (
        "Vannet Courier",
        "Colonel Adam Rusk of the Vannetian General Staff was dismissive of Oskova's claim that a helicopter had "
        'been shot down near Ostwick. "No helicopter was lost. This is an invention of enemy propaganda," he '
        "said. The colonel said Vannetian artillery had hit Oskovan positions near Pellam on Sunday. He urged "
        'journalists not to repeat "fabrications" spread by Oskovan channels.',
    )
    articles = story_of(pipeline, claim, denial)
    occurrences = conflicts_of(articles, "occurrence")
    assert [c.what for c in occurrences] == ["whether the attack on Ostwick happened"]
    assert any("invention" in s.text for s in occurrences[0].b + occurrences[0].a)


def test_a_name_before_claims_after_a_verb_of_rejection_is_no_speaker(pipeline: Pipeline) -> None:
    """ "rejected Oskovan claims that the village had been captured": the claims are the object, so the article
    is not read as Oskova's, and the colonel's quote stays Vannetia's."""
    [article] = story_of(
        pipeline,
        (
            "Vannet Courier",
            "Oskovan forces broke the truce near Drellick on Sunday, Colonel Adam Rusk of the Vannetian General "
            'Staff said. Rusk also rejected Oskovan claims that the village of Brelm had been captured. "Brelm '
            'remains under our control," he said.',
        ),
    )
    assert not any(c.speaker.strip() == "Oskovan" for c in article.claims)
    held = next(s for s in said_in(article) if "remains under our control" in s.text)
    assert held.party.startswith("Vannet")  # the state the General Staff and the outlet name


def test_control_is_claimed_in_more_words_and_a_convoy_entering_a_town_takes_nothing(pipeline: Pipeline) -> None:
    taken = (
        "Oskova Telegraph",
        "Oskova's Defence Ministry said its units have taken the village of Brelm. The flag of Oskova was raised "
        "over the village council building, the ministry said. An aid convoy entered Drellick on Monday, the "
        "ministry added.",
    )
    held = (
        "Vannet Courier",
        "The Vannetian General Staff said its troops had repelled every assault and still hold Brelm. "
        "Vannetian forces also hold Drellick, where an aid convoy arrived on Monday, it said.",
    )
    articles = story_of(pipeline, taken, held)
    assert [c.what for c in conflicts_of(articles, "control")] == ["who controls Brelm"]


def test_each_side_s_own_wounded_are_two_counts(pipeline: Pipeline) -> None:
    """ "Two of our soldiers were wounded", said by one side, and "one Oskovan serviceman was killed and four
    wounded", said by the other, count different people."""
    one = (
        "Vannet Courier",
        "Oskovan forces opened fire first near Drellick on Sunday and two of our soldiers were wounded, "
        "Vannetia's General Staff said.",
    )
    other = (
        "Oskova Telegraph",
        "Oskova's Defence Ministry said one Oskovan serviceman was killed and four wounded in the fighting near "
        "Drellick on Sunday.",
    )
    assert conflicts_of(story_of(pipeline, one, other), "count") == []


def test_a_ministry_spokesman_speaks_for_the_ministry_named_last_and_a_quote_s_sentences_for_one_party(
    pipeline: Pipeline,
) -> None:
    [article] = story_of(
        pipeline,
        (
            "Wire Service",
            "Vannetia's foreign minister blamed Oskova for the shelling of Drellick, and Vannetia's interior "
            "minister said 12 people were killed. Oskova's Defence Ministry denied firing on the town. The market "
            'was hit by "their own shelling," ministry spokesman Major General Ivo Dask told reporters. "Our units '
            'fired nothing that day. The Vannetian command knows where its battery stands," Dask said.',
        ),
    )
    said = said_in(article)
    assert next(s for s in said if "their own shelling" in s.text).party == "Oskova"
    assert next(s for s in said if "knows where its battery stands" in s.text).party == "Oskova"


def test_calling_the_accusation_a_lie_answers_it(pipeline: Pipeline) -> None:
    """A group that calls the accusation against it "a shameless lie" says it did not do it: the dispute of who
    did it between its accuser and it."""
    accuser = (
        "Ferrin Radio",
        "A bomb exploded at the bus station in Zumbar on Tuesday, killing nine people. The Ferrin Liberation "
        "Movement said the Pellam Brigades were behind the attack.",
    )
    accused = (
        "Hill Dispatch",
        "The Pellam Brigades, in turn, called that accusation a shameless lie after the bombing in Zumbar.",
    )
    [dispute] = conflicts_of(story_of(pipeline, accuser, accused), "responsibility")
    assert {dispute.a_says, dispute.b_says} == {
        "Ferrin Liberation Movement: Pellam Brigades did it",
        "Pellam Brigades: Pellam Brigades was not responsible",
    }


def test_more_drones_shot_down_than_the_other_side_fired_in_all_is_a_dispute(pipeline: Pipeline) -> None:
    """One side's "destroyed 58 drones" against the other's "a total of 35 drones were launched" the same night
    cannot both be true; drones fired at one town are no such total."""
    defender = (
        "Vannet Courier",
        "Vannetian air defence forces destroyed 58 Oskovan attack drones over seven regions of the country "
        "overnight, the Vannetian General Staff said on Tuesday.",
    )
    attacker = (
        "Oskova Telegraph",
        "A total of 35 long-range strike drones were launched during the night, Oskova's Defence Ministry said "
        "on Tuesday.",
    )
    [dispute] = conflicts_of(story_of(pipeline, defender, attacker), "count")
    assert dispute.what == "how many drones were fired and shot down"
    assert {s.doc for s in dispute.a} == {"a1"} and {s.doc for s in dispute.b} == {"a0"}
    one_town = (
        "Oskova Telegraph",
        "Oskovan forces launched 12 drones at Drellick overnight, Oskova's Defence Ministry said on Tuesday.",
    )
    assert conflicts_of(story_of(pipeline, defender, one_town), "count") == []


def test_a_report_dismissed_without_a_name_is_denied_by_the_side_that_spoke_last(pipeline: Pipeline) -> None:
    """A state agency's copy: its forces "repelled" an assault (so its unnamed General Staff is that state's), then
    "Oskova's report that a helicopter was downed … was also dismissed" and "the spokesman" deny for the same side."""
    report = (
        "Oskova Telegraph",
        "Oskovan air defence crews near Ostwick shot down a Vannetian combat helicopter on Tuesday, Oskova's "
        "Defence Ministry said.",
    )
    agency = (
        "Vannet State Agency",
        "The Defence Forces of Vannetia repelled a large-scale enemy assault on Brelm on Tuesday, the General "
        "Staff said. Oskova's report that a Vannetian helicopter was downed near Ostwick was also dismissed. "
        '"Not one aircraft of ours was lost. This is disinformation," the spokesman said.',
    )
    articles = story_of(pipeline, report, agency)
    said = said_in(articles[1])
    assert next(s for s in said if "was also dismissed" in s.text).party == "Vannetia"
    assert next(s for s in said if "This is disinformation" in s.text).party == "Vannetia"
    [dispute] = conflicts_of(articles, "occurrence")
    assert "Ostwick" in dispute.what
    assert {s.party for s in dispute.a} | {s.party for s in dispute.b} == {"Oskova", "Vannetia"}


def test_a_region_with_its_own_defence_force_is_a_side_and_a_coalition_named_after_a_group_is_that_group(
    pipeline: Pipeline,
) -> None:
    """A breakaway region's authorities fight as a state ("the Varn Defence Force", "Varn Council forces": then "the
    Council" speaks for Varn); "the coalition" that a story writes after a group's name is that group, not a third
    party."""
    group = (
        "Plains Post",
        "The Redmoor Brigades militia coalition said on Monday it had taken the town of Essling. The coalition's "
        "command said Varn Council forces had fled.",
    )
    region = (
        "Varn Herald",
        "Units of the Varn Defence Force repelled an assault on Essling on Monday, and the town remains under the "
        "control of the Council, the Council's defence office said.",
    )
    articles = story_of(pipeline, group, region)
    parties = StoryParties.of(articles)
    assert _side(parties, "The coalition's command") == ("Redmoor Brigades", ARMED_GROUP)
    assert _side(parties, "the Council's defence office") == ("Varn", STATE)
    assert _side(parties, "the Defence Office") == ("Varn", STATE)  # an office of the story's one state
    [dispute] = conflicts_of(articles, "control")
    assert "Essling" in dispute.what


def test_a_government_named_without_a_possessive_is_a_state_and_a_dateline_town_is_no_place_of_a_count(
    pipeline: Pipeline,
) -> None:
    """ "The insurgents fighting the Casmir government" names a state; the town a dateline files from is not where
    the bomb killed, and "detained in the town" is the article's town, not a quarter named after it."""
    state = (
        "Casmir Daily",
        "Orvel - A bomb exploded at the market in Tensa on Friday, killing seven people, the Interior Ministry said. "
        "Police said on Saturday that 20 people had been detained in Tensa since Friday.",
    )
    group = (
        "Hill Radio",
        "The Dune Road Front, which is fighting the Casmir government, denied any role in the bombing in Tensa. "
        "A local rights group said at least 90 people had been detained in the town since the blast, many of them "
        "from the Harle quarter.",
    )
    articles = story_of(pipeline, state, group)
    parties = StoryParties.of(articles)
    assert set(parties.states.values()) == {"Casmir"}
    assert _side(parties, "the Interior Ministry") == ("Casmir", STATE)
    [count] = conflicts_of(articles, "count")
    assert count.what == "how many were detained in Tensa"
    assert not [c for c in conflicts_of(articles, "count") if "Orvel" in c.what]


def test_rejecting_accusations_while_calling_the_reports_fabricated_disputes_whether_it_happened(
    pipeline: Pipeline,
) -> None:
    report = (
        "Varn Herald",
        "Varnia's defence ministry said a Redmoor Brigades drone struck the school in Oster late on Monday, wounding "
        "four teachers.",
    )
    denial = (
        "Plains Post",
        "The Redmoor Brigades rejected accusations that one of their drones had hit the school in Oster, calling "
        'the reports fabricated. "No Brigades drone flew over Oster on Monday night," a Brigades spokesman said.',
    )
    story = analyse_story("s", story_of(pipeline, report, denial))
    [dispute] = [c for c in story.conflicts if c.kind in ("occurrence", "responsibility")]
    assert dispute.kind == "occurrence"
    assert any("No Brigades drone flew" in s.text for s in dispute.a + dispute.b)


def test_the_army_fighting_a_group_is_a_side_though_its_country_goes_unnamed_and_people_fled_where_the_count_says(
    pipeline: Pipeline,
) -> None:
    """A story of an armed group against "the army" and "the governor", whose country it never names: they are one
    side, the government. People who "fled their homes in Cadde district" fled Cadde, not the province the aid
    group's teams work in."""
    aid = (
        "Relief Wire",
        "Brightwater Relief teams in Hollin province estimate that between 12,000 and 15,000 people have fled their "
        "homes in Cadde district since the start of March, as the army fights the Blue Ridge Front.",
    )
    governor = (
        "Provincial Radio",
        "The provincial governor said on Tuesday that fewer than 3,000 people had left Cadde district this month. "
        "The army said it had pushed the Blue Ridge Front out of two villages.",
    )
    articles = story_of(pipeline, aid, governor)
    parties = StoryParties.of(articles)
    assert _side(parties, "The army") == (UNNAMED_STATE, STATE)
    [count] = conflicts_of(articles, "count")
    assert count.what == "how many were displaced in Cadde"


def test_soldiers_who_surrendered_are_counted_as_taken_and_the_militias_are_the_story_s_one_group(
    pipeline: Pipeline,
) -> None:
    """ "120 soldiers surrendered" and "126 servicemen laid down their arms" count prisoners, against the other
    side's "eleven taken prisoner"; "the militias opened fire first" blames the story's one armed group."""
    state = (
        "Varn Herald",
        "Varnia's General Staff said more than 120 Casmiran soldiers had surrendered at Tolle since Sunday. "
        "Varnia's defence ministry said the Black Fen Brigades militias opened fire first at Tolle, breaking the "
        "truce.",
    )
    other = (
        "Casmir Daily",
        "Casmir's defence ministry said eleven Casmiran servicemen had been taken prisoner at Tolle since Sunday. "
        "The Black Fen Brigades said Varnian forces opened fire first at Tolle.",
    )
    group = ("Fen Radio", "The Black Fen Brigades said Varnian troops opened fire first at Tolle on Monday.")
    articles = story_of(pipeline, state, other, group)
    assert StoryParties.of(articles).mentioned("The militias opened fire first") == ["Black Fen Brigades"]
    [count] = conflicts_of(articles, "count")
    assert count.what == "how many were detained in Tolle"


def test_state_media_s_unnamed_ministry_is_its_own_state_s_and_a_weapon_is_no_speaker(pipeline: Pipeline) -> None:
    """The Ministry of Defence quoted by "Casmiran Broadcasting" is Casmir's, though the article names Varnia more
    often; a parse that makes "a Varnian missile" the source of "accused" gives Varnia no word; a spokesman of
    "the ministry" named after his quote is of the ministry the wire named last."""
    state_media = (
        "Casmiran Broadcasting",
        "The Ministry of Defence said on Tuesday that the blast at the Tolle market was caused by a Varnian "
        "anti-aircraft missile that malfunctioned after launch, and accused Varnia of blaming Casmir for its own "
        "failure. The Varnian command knows this, the Varnian regime hides it and Varnian officials lie, it said.",
    )
    wire = (
        "Harbour Wire",
        "Varnia's governor in Tolle said a Casmiran missile hit the market. Casmir's defence ministry rejected the "
        'accusation. "Our forces carried out no strikes on Tolle today," Major General Ivo Rask, the ministry\'s '
        "spokesman, said in a briefing.",
    )
    articles = story_of(pipeline, state_media, wire)
    said = with_parties(articles, [s for a in articles for s in article_statements(a, {a.id: a for a in articles})],
                        {a.id: a for a in articles}, StoryParties.of(articles))  # fmt: skip
    ministry = next(s for s in said if s.text.startswith("The Ministry of Defence"))
    spokesman = next(s for s in said if "Our forces carried out" in s.text)
    assert (ministry.party, spokesman.party) == ("Casmir", "Casmir")


def test_every_sentence_of_a_long_quote_speaks_for_who_closes_it_and_the_unnamed_state_denies(
    pipeline: Pipeline,
) -> None:
    """A quote over four sentences, its speaker named in the last: the first ("Nothing of the kind took place")
    is the army's too; the army of a country the story never names is a side that can deny."""
    report = (
        "Hill Radio",
        "The Dune Road Front said on Tuesday that its fighters had overrun an army outpost at Mirret, killing 12 "
        "soldiers.",
    )
    denial = (
        "Provincial Radio",
        '"Nothing of the kind took place in Mirret. The post is intact and the garrison is at full strength. The '
        'video they are sharing shows an exercise held by our recruits last year. Anyone can compare the two," '
        "army spokesman Colonel Ado Keen said.",
    )
    articles = story_of(pipeline, report, denial)
    assert StoryParties.of(articles).named(UNNAMED_STATE) == Party(UNNAMED_STATE, STATE)
    [dispute] = conflicts_of(articles, "occurrence")
    assert any(s.text.startswith('"Nothing of the kind') and s.party == UNNAMED_STATE for s in dispute.a + dispute.b)


def test_dead_and_wounded_are_two_outcomes_the_martyred_are_dead_and_one_ward_alone_is_part_of_a_toll(
    pipeline: Pipeline,
) -> None:
    """ "17 dead and 52 wounded" is no sum of two kinds of people; "citizens were martyred" counts the dead; "their
    ward alone had received eleven bodies" is part of a toll and "bring to 63 the number killed this year" a tally,
    neither an answer to it."""
    state = (
        "Casmir Daily",
        "Fourteen citizens were martyred and 52 others injured when a bomb exploded at the bus station in Tensa, the "
        "Interior Ministry said.",
    )
    hospital = (
        "Tensa Post",
        "The city hospital said it had registered 29 dead and 52 wounded after the blast in Tensa. Nurses told the "
        "Post that their ward alone had received eleven bodies. The city has seen repeated bombings; Monday's dead "
        "bring to 63 the number of people killed in Tensa this year.",
    )
    [count] = conflicts_of(story_of(pipeline, state, hospital), "count")
    assert count.what == "how many were killed in Tensa"
    assert {count.a_says, count.b_says} == {"14 killed", "29 killed"}


def test_a_toll_that_says_not_whom_it_counts_is_the_same_toll_that_does(pipeline: Pipeline) -> None:
    """ "The two dead reported in Tolle" are the hospital's "two civilians": no answer to a group's "four of its
    fighters killed", which counts other people."""
    hospital = ("Tolle Post", "Two civilians were killed in Tolle on Monday, according to the town's hospital.")
    analysis = (
        "Harbour Review",
        "Hospital staff in Harle report receiving 17 wounded from the town on Monday, on top of the two dead "
        "reported in Tolle itself.",
    )
    group = (
        "Fen Radio",
        "The Black Fen Brigades said four Brigades fighters had been killed in Tolle on Monday, their spokesman said.",
    )
    assert not conflicts_of(story_of(pipeline, hospital, analysis, group), "count")


def test_a_wire_quoting_a_bare_general_staff_and_a_command_speaking_separately_denies_a_shootdown(
    pipeline: Pipeline,
) -> None:
    """A neutral wire names "Verdan's General Staff" once, then quotes its spokeswoman as "General Staff
    spokeswoman"; the air force command that "said separately" that no aircraft was lost speaks for the same
    side, and denies the shootdown the other side reported, not the day's shelling."""
    claim = (
        "Ostra State News",
        "OSTRA, 14 April (OSN). Air defence crews shot down a Verdanian fighter jet near Kelbrin on Tuesday "
        "evening, the Ministry of Defence of Ostravia said. Ostravian artillery also shelled Verdanian positions "
        "near Kelbrin on Tuesday, the ministry said.",
    )
    wire = (
        "Coastline Wire",
        "VELMA, April 15 (Coastline Wire) - Verdan's General Staff dismissed the Ostravian account within hours. "
        '"Kelbrin is ours. Every attempt to break through was beaten back," General Staff spokeswoman Colonel '
        "Irena Dask told a briefing in Velma. The air force command said separately that no Verdanian aircraft "
        "had been lost on Tuesday, calling the Ostravian claim a story invented for audiences at home.",
    )
    monitor = (
        "Harbour Conflict Monitor",
        "Bulletin 12. Ostravia reports that it downed a Verdanian jet near Kelbrin; Verdan's General Staff says "
        "no aircraft was lost. The monitor has found no imagery of wreckage near Kelbrin. The ministry called "
        "the monitor's earlier bulletin biased.",
    )
    articles = story_of(pipeline, claim, wire, monitor)
    said = {s.text: s.party for a in articles for s in said_in_story(articles, a)}
    assert said['"Kelbrin is ours.'] == "Verdan"
    assert next(p for t, p in said.items() if t.startswith("The air force command")) == "Verdan"
    assert not said["The ministry called the monitor's earlier bulletin biased."]  # a monitor speaks for no side
    [occurrence] = conflicts_of(articles, "occurrence")
    assert any("fighter jet" in s.text for s in occurrence.a) and not any("shelled" in s.text for s in occurrence.a)
    assert any("no Verdanian aircraft" in s.text for s in occurrence.b)


def said_in_story(articles: list[Article], article: Article) -> list[Statement]:
    """The statements of one article with the parties the whole story gives them."""
    by_id = {a.id: a for a in articles}
    statements = [s for a in articles for s in article_statements(a, by_id)]
    return [s for s in with_parties(articles, statements, by_id, StoryParties.of(articles)) if s.doc == article.id]


def test_a_country_without_a_demonym_is_a_side_and_an_islet_is_one_place_however_written(pipeline: Pipeline) -> None:
    """ "the Morsk Navy" makes Morsk a state though the story never writes "Morskian"; "Tallen Islet" and
    "Tallen" are one place, so the capture and the post "still manned" and "at their post" are one dispute."""
    taken = (
        "Morsk National Agency",
        "BRENHAVN, 21 June (MNA) - Units of the Morsk Navy have established control over Tallen Islet and the "
        "national flag has been raised on its highest point, the Naval Command announced on Sunday.",
    )
    held = (
        "Ardalia Public Television",
        "The Ardalian Defence Ministry said on Sunday that the Ardalian observation post on Tallen was still "
        'manned and under its command. "Our six men on Tallen are at their post," ministry spokesman Colonel '
        "Ivo Sarn said.",
    )
    articles = story_of(pipeline, taken, held)
    parties = StoryParties.of(articles)
    assert _side(parties, "the Morsk Navy") == ("Morsk", STATE)
    [control] = conflicts_of(articles, "control")
    assert control.what == "who controls Tallen"
    assert {s.party for s in control.a + control.b} == {"Morsk", "Ardalia"}


def test_a_group_s_own_battalion_claims_for_the_group_and_what_both_sides_say_is_no_side(pipeline: Pipeline) -> None:
    """The Front's post credits its own battalion with the downing: no second group, so no dispute of who did it;
    "all our helicopters returned" and "old footage" deny it happened; "Both the army and the rebels said" is
    neither side's word; "the Dorvanian town of Marnet" names a state by its demonym alone."""
    front = (
        "Kessa Voice",
        "The Hill Front said on Tuesday evening that its fighters had shot down a government helicopter over the "
        'village of Marnet. "At 18:20 the air defence unit of the Saint Orel Battalion hit a regime helicopter '
        'that was bombing Marnet," the group wrote on its channel.',
    )
    state = (
        "Qalva News Agency",
        "QALVA, 13 May (QNA) - The General Command on Wednesday dismissed as a fabrication claims about the downing "
        "of a helicopter near Marnet. \"All our helicopters that took part in yesterday's operations returned "
        "safely to their bases. This is old footage dressed up as a victory,\" the Command's spokesman said.",
    )
    wire = (
        "Larch Press",
        "QALVA, May 13 (Larch Press) - Rebels said they brought down a helicopter near the Dorvanian town of "
        "Marnet on Tuesday. Both the army and the rebels said the military had carried out repeated air strikes "
        "around Marnet on Tuesday.",
    )
    articles = story_of(pipeline, front, state, wire)
    parties = StoryParties.of(articles)
    assert "dorvanian" in parties.states
    said = {s.text: s.party for a in articles for s in said_in_story(articles, a)}
    assert not said[next(t for t in said if t.startswith("Both the army and the rebels"))]
    assert not conflicts_of(articles, "responsibility")
    [occurrence] = conflicts_of(articles, "occurrence")
    assert any("All our helicopters" in s.text for s in occurrence.a + occurrence.b)


def test_crew_taken_off_or_in_custody_are_detained_where_seized_not_where_taken(pipeline: Pipeline) -> None:
    """Fourteen "taken off" the trawler and "in Morsk custody" against six "detained and brought to Brenhavn": one
    dispute of how many were detained near Tallen Shoal, not at the port they were taken to."""
    seized = (
        "Ardalia Public Television",
        "The Ardalian Coast Guard said on Friday that fourteen crew members had been taken off the trawler near "
        'Tallen Shoal by armed Morsk personnel. "All fourteen of our fishermen are now in Morsk custody," '
        "spokeswoman Commander Ilse Varr said.",
    )
    taken = (
        "Morsk National Agency",
        "BRENHAVN (MNA) - Six persons from the trawler were detained near Tallen Shoal by the Morsk Navy "
        "and brought to Brenhavn on Thursday night, the Naval Command said.",
    )
    wire = (
        "Harbour Wire",
        "Morsk's Naval Command said six people had been detained and taken to the port of Brenhavn. Ardalia "
        "demanded the release of the crew.",
    )
    articles = story_of(pipeline, seized, taken, wire)
    [count] = conflicts_of(articles, "count")
    assert count.what == "how many were detained in Tallen Shoal"
    assert any("fourteen of our fishermen" in s.text for s in count.a + count.b)


def test_a_dateline_places_its_town_in_a_state_whose_regional_governor_speaks_for_it(pipeline: Pipeline) -> None:
    """ "BRESK, Valdia (Wire)" places Bresk in Valdia, so the governor of its region blames for Valdia; a regional
    administration quoted by a wire does not make the wire's unnamed spokesman that state's."""
    wire = (
        "Northgate Wire",
        "BRESK, Valdia, March 13 (Northgate Wire) - At least 23 people were killed when rockets hit the market "
        "in Bresk on Friday, the governor of the Orsk region, Mira Lenk, said, blaming Tarnish forces for the "
        "strike.",
    )
    denial = (
        "Tarnish State News",
        "TARNOPOL, 13 March (TSN). The Tarnish armed forces did not fire at Bresk on Friday, the defence ministry "
        "said. A Valdian air defence missile fell on the market, the ministry said.",
    )
    relief = (
        "Lake Wire",
        "GENEVA, March 13 (Lake Wire) - The Orsk regional administration said 900 people had fled Bresk. "
        '"We have registered about 300 people who fled Bresk this week," spokesman Jon Adler told a briefing.',
    )
    articles = story_of(pipeline, wire, denial, relief)
    said = {s.text: s.party for a in articles for s in said_in_story(articles, a)}
    assert said[next(t for t in said if "blaming Tarnish forces" in t)] == "Valdia"
    assert not said[next(t for t in said if t.startswith('"We have registered'))]  # the relief office's, not Valdia's
    [blame] = conflicts_of(articles, "responsibility")
    assert blame.what == "who was responsible for the attack on Bresk"


def test_a_reproduced_statement_speaks_for_its_issuer_and_the_work_of_names_a_culprit(pipeline: Pipeline) -> None:
    """An outlet reproduces the Front's statement ("The following statement was issued by the political bureau
    of the Sand Liberation Front"): its quoted sentences are the Front's, the group is the Front (not its "bureau
    of the …"), and "the work of the regime's own security services" answers "bears the signature of" the
    Front."""
    state = (
        "Ombra Press Agency",
        "OMBRA, 5 May (OPA) - The bombing at the Kessa bus station on Monday killed nine people, the Interior "
        'Ministry said. "The criminal act bears the signature of the terrorist Sand Liberation Front," Ombra\'s '
        "interior minister, Hamid Ouzan, said.",
    )
    front = (
        "Sand Voice",
        "The following statement was issued on Tuesday by the political bureau of the Sand Liberation Front.\n\n"
        '"The Front extends its condolences to the families of Kessa.\n\nThe fighters of the Front do not plant '
        "bombs among their own people. The explosion at the bus station in Kessa is the work of the regime's own "
        'security services."',
    )
    articles = story_of(pipeline, state, front)
    parties = StoryParties.of(articles)
    assert set(parties.groups.values()) == {"Sand Liberation Front"}
    said = {s.text: s.party for s in said_in_story(articles, articles[1])}
    assert said[next(t for t in said if t.startswith("The fighters of the Front"))] == "Sand Liberation Front"
    [blame] = conflicts_of(articles, "responsibility")
    assert blame.what == "who was responsible for the attack on Kessa"
    assert any("the work of" in s.text for s in blame.a + blame.b)


def test_a_hamlet_of_a_name_is_a_place_and_the_village_is_the_one_just_named(pipeline: Pipeline) -> None:
    """ "the hamlet of Korvesk" names a place the entity model may miss; "its troops were still holding positions
    in the village" answers the capture the article named just before."""
    taken = (
        "Ostra State News",
        "OSTRA, 10 March (OSN). Units of the Ostravian army have fully liberated the hamlet of Korvesk, the "
        "Ministry of Defence of Ostravia reported on Tuesday.",
    )
    wire = (
        "Coastline Wire",
        "VELMA, March 10 (Coastline Wire) - Ostravian forces have taken full control of the hamlet of Korvesk, "
        "Ostravia's defence ministry said. Verdan's General Staff rejected the claim. Its troops were still holding "
        "positions in the western half of the village, the General Staff said.",
    )
    articles = story_of(pipeline, taken, wire)
    [control] = conflicts_of(articles, "control")
    assert control.what == "who controls Korvesk"
    assert any("western half of the village" in s.text for s in control.a + control.b)


def test_posts_an_outlet_reproduces_are_their_issuer_s_and_a_denied_fall_is_no_denied_attack(
    pipeline: Pipeline,
) -> None:
    """ "The military command of the Front published a series of posts": each quoted post is the Front's, so "No
    aircraft struck Dalla on Sunday" denies the army's strike there; "claims about the fall of the garrison are
    propaganda" is about who holds the town, not whether an attack on it happened."""
    army = (
        "Kalem Daily",
        "SIDI OMBRA, May 11 (Kalem Daily) - Ombra's army said its jets had struck a gathering of rebels near the "
        "oasis of Dalla on Sunday evening, killing about 20 fighters. The army said Tinsit remained in the hands "
        'of its forces. "Claims about the fall of the garrison are pure propaganda," the army said.',
    )
    front = (
        "Sand Voice",
        "The military command of the Sand Liberation Front published a series of posts on Monday. We reproduce "
        'them below.\n\nPost at 06:12: "Our fighters have taken the Tinsit garrison."\n\nPost at 13:05: "No '
        'aircraft struck Dalla on Sunday, and there was no gathering there to strike."',
    )
    articles = story_of(pipeline, army, front)
    said = {s.text: s.party for s in said_in_story(articles, articles[1])}
    assert said[next(t for t in said if "No aircraft struck Dalla" in t)] == "Sand Liberation Front"
    [occurrence] = conflicts_of(articles, "occurrence")
    assert occurrence.what == "whether the attack on Dalla happened"


def test_a_group_called_one_and_its_spokesman_answer_the_state_once(pipeline: Pipeline) -> None:
    """ "the armed formation known as the Hill Guard" makes the Hill Guard a group, whose sentence before "Its
    spokesman" gives him his side; his answer to the ministry's unplaced accusation is one dispute, at the bridge,
    not one more at each place the story names."""
    state = (
        "Vask News Agency",
        "VASK, 15 August (VNA) - The attack on the aid convoy on the Dorna Bridge was carried out by a drone launched "
        "from positions of the illegal armed formation known as the Hill Guard, the interior ministry of Vaskaria "
        "said. The ministry accused the rebels of trying to starve the city of Orlen.",
    )
    guard = (
        "Orlen Courier",
        "ORLEN - The Hill Guard said it had nothing to do with the attack. Its spokesman, Ivo Ketrin, said the convoy "
        "had been hit by mortar fire from government positions and described the incident as a provocation. Hill "
        "Guard fighters said they had captured the Stelmar district of Orlen on Friday.",
    )
    articles = story_of(pipeline, state, guard)
    assert set(StoryParties.of(articles).groups.values()) == {"Hill Guard"}
    said = {s.text: s.party for s in said_in_story(articles, articles[1])}
    assert said[next(t for t in said if t.startswith("Its spokesman"))] == "Hill Guard"
    [blame] = conflicts_of(articles, "responsibility")
    assert blame.what == "who was responsible for the attack on Dorna Bridge"
