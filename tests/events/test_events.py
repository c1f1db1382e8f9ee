"""Events: triggers, class, participants, place, date, modality, merging, the event model and its scorer."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from newsint.errors import InputError
from newsint.evaluation.events import class_f1, read_snippets
from newsint.events.classifier import MODEL_DIR, load_classifier
from newsint.events.cues import CUE_NAMES, cue_features
from newsint.events.taxonomy import CLASSES, PLOVER
from newsint.model import Article, Event
from newsint.pipeline import Pipeline
from newsint.settings import Settings
from tests.conftest import DATASETS, make_article, needs

CASE = DATASETS / "case2021-task2-event-types" / "dev_30pct_with_labels.tsv"
FLOORS = json.loads((Path(__file__).parents[1] / "golden" / "events-floors.json").read_text(encoding="utf-8"))
# Friday 3 May 2024: "on Wednesday" is 1 May.
PUBLISHED = date(2024, 5, 3)


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    from newsint.settings import load_settings

    settings: Settings = load_settings(None, db=str(tmp_path_factory.mktemp("events") / "e.db"))
    stages = ("clean", "language", "nlp", "entities", "places", "times", "claims", "figures", "events")
    return Pipeline.build(replace(settings, stages=stages))


def events_of(pipeline: Pipeline, text: str, published: date | None = PUBLISHED) -> tuple[Article, list[Event]]:
    [article] = pipeline.process(make_article(text, published=published))
    return article, article.events


def _only(events: list[Event], trigger: str) -> Event:
    found = [e for e in events if e.trigger.lower().startswith(trigger)]
    assert len(found) == 1, f"{trigger!r}: {events}"
    return found[0]


# --- one sentence, one event ------------------------------------------------------------------------------


def test_a_dated_missile_strike_with_place_actor_and_dead(pipeline: Pipeline) -> None:
    article, events = events_of(
        pipeline, "Russian forces fired dozens of missiles at Kharkiv on Wednesday, killing seven people."
    )
    event = _only(events, "fired")
    assert event.subtype == "ART_MISS_ATTACK"
    assert CLASSES[event.subtype].acled_type == "Explosions/Remote violence"
    assert (event.date, event.date_precision, event.date_from_published) == ("2024-05-01", "day", False)
    assert event.place is not None and event.place.name == "Kharkiv"
    assert any("Russian forces" in actor for actor in event.actors)
    assert event.fatalities == 7
    [evidence] = event.evidence
    assert article.text[evidence.start : evidence.end].startswith("Russian forces fired")
    assert article.text[event.trigger_start : event.trigger_end] == "fired"


def test_a_passive_killing_names_killers_and_victim(pipeline: Pipeline) -> None:
    _, events = events_of(pipeline, "A local journalist was shot dead by gunmen in Mogadishu on Monday.")
    event = _only(events, "shot")
    assert event.targets == ("local journalist",)
    assert event.actors == ("gunmen",)
    assert event.fatalities == 1
    assert event.date == "2024-04-29"
    assert event.place is not None and event.place.name == "Mogadishu"
    assert CLASSES[event.subtype].plover == "ASSAULT"


def test_without_a_date_the_publication_date_stands_in_and_says_so(pipeline: Pipeline) -> None:
    _, events = events_of(pipeline, "Police arrested twelve opposition activists in Minsk.")
    event = _only(events, "arrested")
    assert event.subtype == "ARREST"
    assert (event.date, event.date_from_published) == ("2024-05-03", True)
    _, undated = events_of(pipeline, "Police arrested twelve opposition activists in Minsk.", published=None)
    assert (undated[0].date, undated[0].date_from_published) == ("", False)


def test_a_signing_is_an_agreement_and_a_meeting_is_diplomacy(pipeline: Pipeline) -> None:
    _, events = events_of(
        pipeline,
        "The two presidents signed a peace treaty in Doha on Thursday. "
        "On Monday the foreign minister met his Chinese counterpart in Beijing.",
    )
    signing, meeting = _only(events, "signed"), _only(events, "met")
    assert (signing.subtype, CLASSES[signing.subtype].plover, signing.date) == ("AGREEMENT", "AGREE", "2024-05-02")
    assert signing.place is not None and signing.place.name == "Doha"
    assert (meeting.subtype, CLASSES[meeting.subtype].plover, meeting.date) == ("DIPLO", "CONSULT", "2024-04-29")


def test_aid_and_threats_have_plover_classes_of_their_own(pipeline: Pipeline) -> None:
    _, events = events_of(
        pipeline,
        "Germany delivered air defence systems to Ukraine on Tuesday. The militants threatened to attack the capital.",
    )
    assert CLASSES[_only(events, "delivered").subtype].plover == "AID"
    assert CLASSES[_only(events, "threatened").subtype].plover == "THREATEN"


# --- what did not, might or always happen ------------------------------------------------------------------


def test_negated_and_hypothetical_events_are_flagged_and_not_dated(pipeline: Pipeline) -> None:
    _, events = events_of(
        pipeline,
        "The army did not attack the village. The militia would attack the base if talks failed. "
        "The government plans to withdraw its troops from the region. Rebels failed to capture the airport.",
    )
    village = [e for e in events if "village" in e.summary]
    assert village and village[0].negated
    base = [e for e in events if "base" in e.summary]
    assert base and base[0].hypothetical and not base[0].negated
    assert _only(events, "withdraw").hypothetical
    assert _only(events, "capture").negated
    assert all(e.date == "" for e in events if e.negated or e.hypothetical)


def test_states_that_go_on_are_not_dated_point_events(pipeline: Pipeline) -> None:
    _, events = events_of(
        pipeline,
        "The battle, which has been raging for six months, drew more troops. "
        "Russian forces continue to shell the city every day. Government troops are fighting rebels in the north.",
    )
    triggers = {e.trigger.lower() for e in events}
    assert not triggers & {"raging", "shell", "fighting"}, events


# --- the same event told twice -----------------------------------------------------------------------------


def test_a_definite_event_noun_joins_the_event_it_points_back_to(pipeline: Pipeline) -> None:
    article, events = events_of(
        pipeline,
        "Russia launched a missile barrage on Kyiv on Tuesday. The barrage killed three civilians in the city.",
    )
    strikes = [e for e in events if e.subtype == "ART_MISS_ATTACK"]
    assert len(strikes) == 1, events
    [strike] = strikes
    assert len(strike.evidence) == 2
    assert article.text[strike.evidence[1].start : strike.evidence[1].end].startswith("The barrage killed")
    assert strike.date == "2024-04-30"


def test_different_days_stay_different_events(pipeline: Pipeline) -> None:
    _, events = events_of(
        pipeline, "Russian forces shelled Kherson on Monday. Russian forces shelled Kherson again on Thursday."
    )
    assert sorted(e.date for e in events if e.subtype == "ART_MISS_ATTACK") == ["2024-04-29", "2024-05-02"]


# --- the model ---------------------------------------------------------------------------------------------


def test_taxonomy_covers_acled_and_plover() -> None:
    acled = {(c.acled_type, c.acled_subtype) for c in CLASSES.values() if c.acled_type}
    assert len({t for t, _ in acled}) == 6 and len(acled) == 25
    assert {c.plover for c in CLASSES.values() if c.plover} <= set(PLOVER)


def test_cue_features_mark_the_deciding_words() -> None:
    features = dict(zip(CUE_NAMES, cue_features("Rebels seized the town after the army withdrew."), strict=True))
    assert features["non_state+capture"] == 1.0 and features["government+regain"] == 0.0
    assert features["handover"] == 1.0 and features["grenade"] == 0.0


def test_the_shipped_model_gives_a_distribution_over_its_classes() -> None:
    classifier = load_classifier()
    probabilities = classifier.probabilities(["A grenade was thrown at a police post.", "Floods displaced thousands."])
    assert probabilities.shape == (2, len(classifier.labels))
    assert probabilities.sum(axis=1) == pytest.approx([1.0, 1.0], abs=1e-4)
    best = [classifier.labels[int(row.argmax())] for row in probabilities]
    assert best == ["GRENADE", "NATURAL_DISASTER"]
    assert set(classifier.labels) <= set(CLASSES)
    assert (MODEL_DIR / "model.onnx").stat().st_size < 50 * 1024 * 1024


def test_cross_validated_figures_of_the_shipped_model_stay_above_their_floors() -> None:
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    for key, floor in FLOORS["cross_validation"].items():
        assert meta["cross_validation"][key] >= floor, key


# --- the scorer --------------------------------------------------------------------------------------------


def test_class_f1_macro_micro_and_weighted() -> None:
    gold = ["A", "A", "A", "B"]
    predicted = ["A", "A", "B", "B"]
    scores = class_f1(gold, predicted)
    # A: p 1, r 2/3, f 0.8; B: p 0.5, r 1, f 2/3.
    assert scores["macro_f1"] == pytest.approx((0.8 + 2 / 3) / 2)
    assert scores["micro_f1"] == pytest.approx(0.75)
    assert scores["weighted_f1"] == pytest.approx((0.8 * 3 + 2 / 3) / 4)


def test_a_file_that_is_not_case_2021_is_named_in_the_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("a\tb\tc\n1\tx\tY\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.tsv"):
        read_snippets(bad)


@needs(CASE)
def test_eval_events_scores_a_case_file(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = CASE.read_text(encoding="utf-8").splitlines()
    sample = tmp_path / "sample.tsv"
    sample.write_text("\n".join(rows[:41]) + "\n", encoding="utf-8")
    result = run_cli("eval", "events", str(sample), "--json", with_db=False)
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert set(figures) == {"macro_f1", "micro_f1", "weighted_f1"}
    assert all(0.0 <= v <= 1.0 for v in figures.values())
    with_triggers = run_cli("eval", "events", str(sample), "--triggers", "--json", with_db=False)
    assert json.loads(with_triggers.output)["trigger_recall"] > 0.5


def test_the_dead_are_counted_however_the_parse_hangs_the_number(pipeline: Pipeline) -> None:
    _, events = events_of(
        pipeline, "The agency reported that at least 11 people were killed in the shelling of Kharkiv on Tuesday."
    )
    killed = [e for e in events if e.fatalities is not None]
    assert [e.fatalities for e in killed] == [11], events
    assert killed[0].targets == ("at least 11 people",)


def test_the_fast_profile_gets_its_events_from_a_parse_made_once(tmp_path: Path) -> None:
    from newsint.settings import load_settings

    settings = load_settings(None, db=str(tmp_path / "fast.db"))
    stages = ("clean", "language", "nlp", "entities", "places", "times", "claims", "figures", "events")
    pipeline = Pipeline.build(replace(settings, stages=stages, nlp_profile="fast"))
    [article] = pipeline.process(make_article("Rebels shelled the town of Kupiansk on Wednesday.", published=PUBLISHED))
    [event] = article.events
    assert (event.subtype, event.date) == ("ART_MISS_ATTACK", "2024-05-01")
    assert article.analysis is not None and article.analysis.has_annotation("DEP")
