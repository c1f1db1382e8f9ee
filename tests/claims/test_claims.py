"""Claims: quotations, reported speech, speakers, hedges, the PolNeAR scorer and its floors."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsint.claims import find_quotes
from newsint.claims.cues import verb_lemma
from newsint.claims.frames import Found
from newsint.claims.hedges import grade_claim
from newsint.evaluation.attribution import Attribution, as_attributions, evaluate_attribution, read_ann
from newsint.model import HEDGES, Article, Claim
from newsint.pipeline import Pipeline
from newsint.settings import Settings
from tests.conftest import DATASETS, make_article, needs

POLNEAR = DATASETS / "polnear"
FLOORS = json.loads((Path(__file__).parents[1] / "golden" / "attribution-floors.json").read_text(encoding="utf-8"))


# --- quotations -------------------------------------------------------------------------------------------


def _quoted(text: str) -> list[str]:
    return [text[q.inner_start : q.inner_end] for q in find_quotes(text)]


def test_quotes_of_every_kind_of_mark() -> None:
    text = '“Curly one,” she said. "Straight two," he said. «Guillemet three», they said. „Low four“ too.'
    assert _quoted(text) == ["Curly one,", "Straight two,", "Guillemet three", "Low four"]
    archive = "''Doubled apostrophes,'' he said, as wire text writes them.\n\n''One paragraph\n\n''and the next.''"
    assert _quoted(archive) == ["Doubled apostrophes,", "One paragraph\n\n''and the next."]


def test_apostrophes_are_not_quote_marks() -> None:
    text = "The army’s plan didn’t work, the soldiers’ officers said, calling it ‘a trap’ twice."
    assert _quoted(text) == ["a trap"]


def test_a_quote_runs_on_over_a_paragraph_that_reopens_it() -> None:
    text = "He said: “First part of it.\n\n“Second part of it.”\n\nAfter it.\n\n“Left open\n\nNot reopened."
    assert _quoted(text) == ["First part of it.\n\n“Second part of it."]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,.\n“”\"«»„‘’'")), max_size=120))
def test_quotes_stay_inside_the_text_whatever_the_marks(text: str) -> None:
    previous_end = 0
    for quote in find_quotes(text):
        assert previous_end <= quote.start < quote.inner_start <= quote.inner_end < quote.end <= len(text)
        previous_end = quote.end


# --- cue verbs and hedges ---------------------------------------------------------------------------------


def test_verb_lemmas_of_reporting_verbs() -> None:
    forms = "said says told denied denies claimed admitted believing thought wrote warns"
    assert [verb_lemma(w) for w in forms.split()] == [
        "say", "say", "tell", "deny", "deny", "claim", "admit", "believe", "think", "write", "warn",
    ]  # fmt: skip
    assert verb_lemma("Tanks") == "tanks"


@pytest.mark.parametrize(
    ("text", "cue", "expected", "words"),
    [
        (
            "The ministry said there is a realistic possibility that the dam broke.",
            "said",
            "possible",
            "realistic possibility",
        ),
        ("Officials said the bridge was probably destroyed.", "said", "probable", "probably"),
        ("Analysts estimate that 300 tanks were lost.", "estimate", "estimate", "estimate"),
        ("The commander claimed the village was taken.", "claimed", "claimed", "claimed"),
        ("The ministry denied that the convoy was hit.", "denied", "denied", "denied"),
        ("According to Le Monde, the talks stalled.", "According to", "reported", "According to"),
        ("The mayor said the water is back.", "said", "certain", ""),
        ("The general said the city is said to be surrounded.", "said", "claimed", "is said to"),
    ],
)
def test_hedge_grades(text: str, cue: str, expected: str, words: str) -> None:
    cue_start = text.index(cue)
    lemma = "according to" if cue == "According to" else verb_lemma(cue)
    content_start = cue_start + len(cue) + 1
    hedge, span = grade_claim(text, (content_start, len(text) - 1), (cue_start, cue_start + len(cue)), lemma)
    assert hedge == expected and hedge in HEDGES
    assert (text[span[0] : span[1]] if span else "") == words


# --- the cue model ------------------------------------------------------------------------------------------


def test_the_cue_tagger_runs_only_where_it_can_change_the_decision() -> None:
    from newsint.claims.cuemodel import load_cue_model
    from newsint.nlp.core import load_core

    model = load_cue_model()
    assert model.tagger is not None and 0.0 < model.blend <= 1.0
    doc = load_core("default")(
        "The ministry said the convoy had left. Officials called the move a provocation.\n\n"
        "Soldiers fired at the crowd. Analysts believe the talks will fail, the report showed. "
        "Kyiv's assertion that the bridge was intact turned out to be wrong."
    )
    everywhere = model.tagger.probabilities(doc)
    assertion = {t.i for t in doc if t.text == "assertion"}
    assert model.cues(doc, nominal=assertion) == model.cues(doc, everywhere, nominal=assertion)
    cue_words = {doc[i].text for i in model.cues(doc)[0]}
    assert "said" in cue_words and "fired" not in cue_words  # a verb of physical action is never a cue
    assert all(0.0 <= p <= 1.0 for p in everywhere)
    assert model.tagger.probabilities(doc, set()) == [0.0] * len(doc)


def test_the_content_tagger_reads_the_cue_between_markers_in_its_sentences() -> None:
    from newsint.claims.contentmodel import CONTENT_MODEL_DIR, CUE_CLOSE, CUE_OPEN, content_window
    from newsint.nlp.core import load_core
    from newsint.nlp.ner import WordPieces

    pieces = WordPieces(CONTENT_MODEL_DIR / "tokenizer.json")
    doc = load_core("default")(
        "Nothing happened on Monday. The town has fallen, a former spokesman said on Tuesday. "
        "He did not say more. The next day was calm."
    )
    said = next(t.i for t in doc if t.text == "said")
    offset, window = content_window(pieces, doc, said, said + 1)
    read = [pieces.tokenizer.id_to_token(i) for i in window.input_ids]
    # the cue's sentence and one on either side, not the fourth
    assert doc[offset].text == "Nothing" and "calm" not in read and "more" in read
    assert read[read.index(CUE_OPEN) + 1 : read.index(CUE_CLOSE)] == ["said"]
    # every word keeps its own first piece, the markers shifted past
    for position, piece in enumerate(window.first_pieces):
        if piece >= 0:
            assert read[piece] == pieces.tokenizer.id_to_token(pieces.pieces([doc[offset + position].text])[0][0])


def test_the_content_tagger_moves_a_misplaced_content_and_places_a_missing_one() -> None:
    from newsint.claims.cuemodel import load_cue_model
    from newsint.claims.extract import find_attributions
    from newsint.nlp.core import load_core

    nlp, model = load_core("default"), load_cue_model()
    assert model.contents is not None
    text = (
        "The number of ships that the admiral asked the allies to send, which would require a new budget, is unknown."
    )
    doc = nlp(text)

    def contents(cue_model: object, word: str) -> list[str]:
        found = find_attributions(doc, cue_model)  # type: ignore[arg-type]
        return [text[f.content[0] : f.content[1]] for f in found if text[f.cue[0] : f.cue[1]] == word]

    # the parse hangs the relative clause on the verb; the tagger knows what was asked
    assert contents(replace(model, contents=None), "asked") == ["which would require a new budget"]
    assert contents(model, "asked") == ["to send"]
    text = "Farmers in the valley are rejecting him."
    doc = nlp(text)
    assert contents(replace(model, contents=None), "rejecting") == []  # a lone pronoun is no content to the parse
    assert contents(model, "rejecting") == ["him"]


# --- the stage on the real pipeline -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    from newsint.settings import load_settings

    settings: Settings = load_settings(None, db=str(tmp_path_factory.mktemp("claims") / "c.db"))
    stages = ("clean", "language", "nlp", "entities", "times", "claims", "figures")
    return Pipeline.build(replace(settings, stages=stages))


def claims_of(pipeline: Pipeline, text: str, outlet: str | None = None) -> tuple[Article, list[Claim]]:
    [article] = pipeline.process(make_article(text, outlet=outlet, published=date(2024, 5, 3)))
    return article, article.claims


def _entity_name(article: Article, claim: Claim) -> str:
    return next((e.name for e in article.entities if e.id == claim.speaker_entity), "")


def test_direct_quote_with_speaker_channel_and_outlet(pipeline: Pipeline) -> None:
    text = '"The bridge at Zatoka has been destroyed," Oleksiy Honcharenko said in an interview with Reuters.'
    article, claims = claims_of(pipeline, text, outlet="Example Post")
    [claim] = claims
    assert claim.direct and claim.text.strip('",') == "The bridge at Zatoka has been destroyed"
    assert claim.cue == "said" and claim.speaker == "Oleksiy Honcharenko"
    assert _entity_name(article, claim) == "Oleksiy Honcharenko"
    assert claim.via == ("in an interview with Reuters", "Example Post")
    assert text[claim.speaker_start : claim.speaker_end] == claim.speaker  # type: ignore[misc]


def test_pronoun_speaker_takes_the_last_named_speaker(pipeline: Pipeline) -> None:
    text = (
        "The International Committee of the Red Cross said on Monday that convoys were moving north.\n\n"
        '"The columns are large and they are moving fast," it said.'
    )
    article, claims = claims_of(pipeline, text)
    quote = next(c for c in claims if c.direct)
    assert article.text[quote.speaker_start : quote.speaker_end] == "it"  # type: ignore[misc]
    assert quote.speaker == "The International Committee of the Red Cross" and "Red Cross" in _entity_name(
        article, quote
    )


def test_he_opening_a_sentence_after_a_newcomer_is_named_means_the_newcomer(pipeline: Pipeline) -> None:
    """"He" after a sentence that first names a person, and in which nobody speaks, is that person, not the
    article's last speaker; after a sentence in which someone speaks, it is still the last speaker."""
    text = (
        "Interior Minister Petra Lind said the bomb was planted by the rebels. The rebels' answer came from their "
        "spokesman, Osric Vale, a former teacher. He denied the group was involved.\n\n"
        "Lind said police had detained Tomas Brill, a driver. He said more arrests would follow."
    )
    article, claims = claims_of(pipeline, text)
    denied = next(c for c in claims if c.cue == "denied")
    assert _entity_name(article, denied) == "Osric Vale"
    follow = next(c for c in claims if "more arrests" in c.text)
    assert _entity_name(article, follow) == "Petra Lind"


def test_appositive_speaker_resolves_to_the_named_person(pipeline: Pipeline) -> None:
    text = "The head of the agency, Maria Kovalenko, said the grain shipment had reached Odesa on Tuesday."
    article, claims = claims_of(pipeline, text)
    claim = next(c for c in claims if c.cue == "said")
    assert "Maria Kovalenko" in claim.speaker and _entity_name(article, claim) == "Maria Kovalenko"
    assert claim.text.startswith("the grain shipment") and not claim.direct


def test_a_quote_that_goes_on_keeps_its_speaker(pipeline: Pipeline) -> None:
    text = (
        '"We will hold the line," Colonel Andriy Marchenko said.\n\n'
        '"Nobody here is thinking about leaving the town, and the supplies keep coming."'
    )
    article, claims = claims_of(pipeline, text)
    assert len(claims) == 2 and all(c.direct for c in claims)
    assert claims[1].speaker == claims[0].speaker and claims[1].speaker_entity == claims[0].speaker_entity
    assert claims[1].text.startswith("Nobody here")


def test_a_quoted_question_or_a_one_word_quote_hands_over_to_the_verb_after_it(pipeline: Pipeline) -> None:
    text = (
        '"Do you think we are going to leave?" Colonel Andriy Marchenko asked reporters in Kramatorsk.\n\n'
        '"Never," replied his deputy, Major Oksana Hrytsenko. She called the plan a "fantasy" last week.'
    )
    article, claims = claims_of(pipeline, text)
    question = next(c for c in claims if c.cue == "asked")
    assert (
        question.direct and question.text.startswith("Do you think") and question.speaker == "Colonel Andriy Marchenko"
    )
    never = next(c for c in claims if c.cue == "replied")
    assert never.direct and never.text.strip(",") == "Never" and "Oksana Hrytsenko" in never.speaker
    assert not any(c.text == "fantasy" for c in claims)  # a scare quote inside a sentence is no claim


def test_a_clause_around_a_parenthetical_cue_and_a_that_after_the_listener(pipeline: Pipeline) -> None:
    text = (
        "To hold the town, two officers said, the brigade needs more artillery shells. "
        "The governor told The Kyiv Independent that the evacuation would go on until Friday."
    )
    _, claims = claims_of(pipeline, text)
    officers = next(c for c in claims if c.cue == "said")
    assert officers.text.startswith("the brigade needs") and officers.speaker == "two officers"
    governor = next(c for c in claims if c.cue == "told")
    assert governor.text.startswith("that the evacuation") and governor.speaker == "The governor"


def test_according_to_and_denial(pipeline: Pipeline) -> None:
    text = "According to Le Monde, the talks in Geneva have stalled. The Kremlin denied that talks had taken place."
    article, claims = claims_of(pipeline, text)
    reported = next(c for c in claims if c.cue == "According to")
    assert reported.speaker == "Le Monde" and reported.hedge == "reported" and "talks in Geneva" in reported.text
    denied = next(c for c in claims if c.cue == "denied")
    assert denied.hedge == "denied" and denied.speaker == "The Kremlin"


def test_figures_are_attached_to_their_claim(pipeline: Pipeline) -> None:
    text = "Regional officials said at least 40 people were killed in the strike on the market."
    article, claims = claims_of(pipeline, text)
    [claim] = claims
    [figure] = [f for f in article.figures if f.value == 40]
    assert figure.qualifier == "at least" and "people" in figure.what
    assert figure.claim == 0 and claim.start <= figure.start < figure.end <= claim.end


def test_odd_texts_give_claims_inside_the_text(pipeline: Pipeline) -> None:
    for text in ('"', '“ ” " "', "said: ", "According to", 'He said "' * 50, "“Open quote.\n\n“Open again."):
        article, claims = claims_of(pipeline, text + " The end.")
        for claim in claims:
            assert article.text[claim.start : claim.end] == claim.text
            assert 0 <= claim.cue_start < claim.cue_end <= len(article.text)


def test_a_name_and_a_colon_open_a_claim(pipeline: Pipeline) -> None:
    text = "Kuleba: Ukraine will not trade territory for a ceasefire\n\nThe minister spoke in Brussels on Monday."
    article, claims = claims_of(pipeline, text)
    [claim] = [c for c in claims if c.cue == ":"]
    assert claim.speaker == "Kuleba" and claim.text == "Ukraine will not trade territory for a ceasefire"
    text = "Poll: Most voters back the new mobilisation law\n\nPhoto: soldiers of the brigade near the front line"
    article, claims = claims_of(pipeline, text)
    [claim] = [c for c in claims if c.cue == ":"]  # a page's own label ("Photo:") names no source
    assert claim.speaker == "Poll" and claim.text == "Most voters back the new mobilisation law"


def test_a_title_in_quotes_is_no_claim_and_a_second_report_is_its_own(pipeline: Pipeline) -> None:
    text = (
        'Speaking on "Face the Nation," the minister said the ceasefire would hold. The mayor said that the water '
        "supply was restored and insisted that the evacuation would continue."
    )
    _, claims = claims_of(pipeline, text)
    assert not any("Face the Nation" in c.text for c in claims)
    minister, mayor = (c for c in claims if c.cue == "said")
    assert minister.text == "the ceasefire would hold" and minister.speaker == "the minister"
    assert mayor.text == "that the water supply was restored"  # not "… and insisted that …"
    assert any(c.cue == "insisted" and c.text == "that the evacuation would continue" for c in claims)


def test_a_verb_that_opens_with_another_cue_is_one_attribution(pipeline: Pipeline) -> None:
    text = "The spokesman responded by saying that the convoy had turned back at the border."
    _, claims = claims_of(pipeline, text)
    [claim] = claims
    assert claim.cue == "responded by saying" and claim.speaker == "The spokesman"
    assert claim.text == "that the convoy had turned back at the border"


def test_an_object_with_its_charge(pipeline: Pipeline) -> None:
    _, claims = claims_of(pipeline, "The governor accused the company of hiding the damage to the dam.")
    accused = next(c for c in claims if c.cue == "accused")
    assert accused.text == "the company of hiding the damage to the dam" and accused.speaker == "The governor"


def test_stances_held_by_nouns_adjectives_and_headline_verbs(pipeline: Pipeline) -> None:
    _, claims = claims_of(pipeline, "Kremlin Denies Reports Of Troop Build-Up Near Border\n\nThe ministry spoke.")
    denial = next(c for c in claims if c.cue == "Denies")
    assert denial.speaker == "Kremlin" and denial.text == "Reports Of Troop Build-Up Near Border"
    assert denial.hedge == "denied"
    _, claims = claims_of(pipeline, "The envoy was skeptical of the promise to withdraw troops by March.")
    skeptical = next(c for c in claims if c.cue == "skeptical")
    assert skeptical.speaker == "The envoy" and skeptical.text.startswith("the promise to withdraw")
    _, claims = claims_of(pipeline, "Kyiv's assertion that the bridge was intact turned out to be wrong.")
    assertion = next(c for c in claims if c.cue == "assertion")
    assert assertion.speaker == "Kyiv" and assertion.text.startswith("that the bridge was intact")


def test_narration_without_a_source_is_no_claim(pipeline: Pipeline) -> None:
    text = "The convoy crossed the river at dawn. Heavy rain fell over the city for three days."
    assert claims_of(pipeline, text)[1] == []


def test_a_verb_of_seeming_reports_nothing(pipeline: Pipeline) -> None:
    for text in (
        "The brigade seemed to be preparing to pull back from the ridge.",
        "Minsk appears to have closed the crossing at Brest.",
        "Kremlin Appears Ready To Reopen Talks On The Grain Corridor\n\nThe ministry spoke.",
    ):
        _, claims = claims_of(pipeline, text)
        assert claims == [], text
    # inside a claim, seeming still hedges it
    _, claims = claims_of(pipeline, "Two officers said the column seemed to be heading for the river crossing.")
    [claim] = claims
    assert claim.cue == "said" and claim.speaker == "Two officers"
    assert claim.hedge == "probable" and claim.hedge_cue == "seemed to"


def test_a_relative_pronoun_is_never_the_speaker(pipeline: Pipeline) -> None:
    text = "The envoy, who said the ceasefire talks had stalled, flew back to Ankara on Monday."
    article, claims = claims_of(pipeline, text)
    [claim] = claims
    assert claim.speaker == "The envoy"  # the words that name the speaker; the span is the text's own "who"
    assert text[claim.speaker_start : claim.speaker_end] == "who"  # type: ignore[misc]
    assert claim.text == "the ceasefire talks had stalled"  # the sentence's own verb is not what the envoy said
    _, claims = claims_of(pipeline, "It was the audit, which found that the depot had been emptied, that alarmed them.")
    assert [c.speaker for c in claims] == ["the audit"]
    _, claims = claims_of(pipeline, "The governor, who was sceptical of the promise to rebuild the bridge, resigned.")
    assert all(c.speaker == "The governor" for c in claims)
    _, claims = claims_of(pipeline, "Who said the convoy had turned back at the border?")
    assert all(c.speaker == "" and c.speaker_start is None for c in claims)
    for pronoun in ("who", "whom", "which", "that"):
        assert not any(c.speaker.lower() == pronoun for c in claims)


def test_a_passive_agent_is_a_source_never_a_content(pipeline: Pipeline) -> None:
    text = "The deputy mayor said in an interview published by a local weekly that the water supply had failed."
    _, claims = claims_of(pipeline, text)
    assert [(c.speaker, c.cue, c.text) for c in claims] == [
        ("The deputy mayor", "said", "that the water supply had failed")
    ]  # "published | by a local weekly" reports nothing
    _, claims = claims_of(pipeline, "The order was signed by the regional governor, saying the evacuation would start.")
    saying = next(c for c in claims if c.cue == "saying")
    assert saying.speaker == "the regional governor"  # not "by the regional governor"
    _, claims = claims_of(pipeline, "The army is awaiting new shells expected in the coming weeks for the offensive.")
    assert not any(c.text.startswith("in the coming weeks") for c in claims)  # a participle on a noun reports no time
    _, claims = claims_of(pipeline, "The siege, described by both armies as a meat grinder, has cost thousands.")
    assert not any("meat grinder" in c.speaker or c.speaker.startswith("by ") for c in claims)


# --- the scorer -------------------------------------------------------------------------------------------


def test_ann_reader_links_roles_and_keeps_fragments(tmp_path: Path) -> None:
    ann = tmp_path / "a_1.ann"
    ann.write_text(
        "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 20;25 30\tthe thing is\n"
        "more text of a span\nT4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n",
        encoding="utf-8",
    )
    assert read_ann(ann) == [Attribution(((0, 5),), ((6, 10),), ((11, 20), (25, 30)))]


def test_scorer_overlap_and_exact(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    text = "Smith said the town fell. Jones said the bridge held."
    (tmp_path / "text" / "doc.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "doc_1.ann").write_text(
        "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 24\tthe town fell\n"
        "E1\tCue:T2 Content:T3 Source:T1\n"
        "T4\tSource 26 31\tJones\nT5\tCue 32 36\tsaid\nT6\tContent 37 52\tthe bridge held\n"
        "E2\tCue:T5 Content:T6 Source:T4\n",
        encoding="utf-8",
    )

    def one_partly_right(_: str) -> list[Attribution]:
        return [Attribution(((0, 5),), ((6, 10),), ((15, 24),))]  # "town fell": overlaps, not exact

    figures = evaluate_attribution(tmp_path, one_partly_right)
    assert figures["attribution_f1"] == pytest.approx(2 / 3, abs=1e-3)  # P 1, R 1/2
    assert figures["exact"]["attribution_f1"] == 0.0 and figures["exact"]["cue_f1"] == pytest.approx(2 / 3, abs=1e-3)


def test_the_contents_of_one_cue_are_fragments_of_one_attribution() -> None:
    # '"The town fell," he said. "The bridge held." Then "another quote," she said.'
    first = Found((1, 15), (20, 24), (17, 19), True, "say")
    continued = Found((27, 43), (20, 24), (17, 19), True, "say", continued=True)
    other = Found((51, 65), (73, 77), (69, 72), True, "say")
    assert as_attributions([continued, other, first]) == [
        Attribution(((17, 19),), ((20, 24),), ((1, 15), (27, 43))),
        Attribution(((69, 72),), ((73, 77),), ((51, 65),)),
    ]


@needs(POLNEAR)
@pytest.mark.slow
def test_polnear_dev_floors(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("eval", "attribution", str(POLNEAR / "dev"), "--json", with_db=False)
    figures = json.loads(result.output)
    for key, floor in FLOORS["polnear-dev"].items():
        assert figures[key] >= floor, f"{key} {figures[key]} fell below {floor}"
