"""Document-level entity consistency on hand-built Docs (invented names), no model needed."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span, SpanGroup

from newsint.nlp.consistency import COMPONENT, make_consistent
from newsint.nlp.ner import DEFAULT_MODEL_DIR, add_ner

VOCAB = spacy.blank("en").vocab


def make_doc(text: str, ents: list[tuple[int, int, str]], scores: list[float] | None = None) -> Doc:
    """A Doc of `text`'s space-separated words with the given entities (and a span group of scores)."""
    doc = Doc(VOCAB, words=text.split())
    spans = [Span(doc, start, end, label=label) for start, end, label in ents]
    doc.set_ents(spans, default="outside")
    if scores is not None:
        doc.spans["ents"] = SpanGroup(doc, name="ents", spans=spans, attrs={"scores": scores})
    return doc


def found(doc: Doc) -> list[tuple[str, str]]:
    return [(ent.text, ent.label_) for ent in doc.ents]


def test_the_type_with_most_score_wins() -> None:
    ents = [(0, 1, "ORG"), (3, 4, "MISC"), (6, 7, "ORG")]
    doc = make_doc("Velmora rose . Velmora fell . Velmora held .", ents, [0.5, 0.8, 0.5])
    assert found(make_consistent(doc)) == [("Velmora", "ORG")] * 3


def test_without_scores_there_is_no_vote() -> None:
    ents = [(0, 1, "ORG"), (3, 4, "MISC"), (6, 7, "ORG")]
    doc = make_doc("Velmora rose . Velmora fell . Velmora held .", ents)
    assert [label for _, label in found(make_consistent(doc))] == ["ORG", "MISC", "ORG"]


def test_summed_scores_decide_and_a_confident_occurrence_keeps_its_type() -> None:
    text = "Velmora rose . Velmora fell . Velmora held . Velmora won ."
    ents = [(0, 1, "MISC"), (3, 4, "ORG"), (6, 7, "ORG"), (9, 10, "MISC")]
    # ORG 0.5 + 0.45 = 0.95 against MISC 0.6 + 0.2 = 0.8: ORG; the first MISC is only 0.6 sure, the last 0.2
    doc = make_consistent(make_doc(text, ents, [0.6, 0.5, 0.45, 0.2]))
    assert [label for _, label in found(doc)] == ["ORG"] * 4
    doc = make_consistent(make_doc(text, ents, [0.95, 0.5, 0.45, 0.2]))  # MISC now weighs 1.15 and wins
    assert [label for _, label in found(doc)] == ["MISC"] * 4
    doc = make_consistent(make_doc(text, ents, [0.2, 0.7, 0.45, 0.92]))  # ORG 1.15 wins, but 0.92 is confident
    assert [label for _, label in found(doc)] == ["ORG", "ORG", "ORG", "MISC"]


def test_a_tie_and_loc_against_org_change_nothing() -> None:
    tie = make_doc("Velmora rose . Velmora fell .", [(0, 1, "ORG"), (3, 4, "MISC")], [0.5, 0.5])
    assert found(make_consistent(tie)) == [("Velmora", "ORG"), ("Velmora", "MISC")]
    # a city and its team in one document: "ORLANDIA" the dateline, "ORLANDIA" the club
    text = "ORLANDIA 1996-08-28 . ORLANDIA beat Velmora . ORLANDIA lost ."
    doc = make_doc(text, [(0, 1, "LOC"), (3, 4, "ORG"), (5, 6, "ORG"), (7, 8, "ORG")], [0.5, 0.5, 0.5, 0.5])
    assert [label for _, label in found(make_consistent(doc))] == ["LOC", "ORG", "ORG", "ORG"]


def test_only_the_exact_words_vote_together() -> None:
    doc = make_doc("Velmora Bank rose . Velmora fell .", [(0, 2, "ORG"), (4, 5, "LOC")], [0.8, 0.3])
    assert found(make_consistent(doc)) == [("Velmora Bank", "ORG"), ("Velmora", "LOC")]


def test_a_later_lone_surname_is_the_person() -> None:
    text = "Brennick spoke first . Talia Brennick said so . Brennick added that Brennick Holdings grew ."
    doc = make_consistent(make_doc(text, [(4, 6, "PER")]))
    # the one before the full name and the one inside a longer name stay untagged
    assert [(ent.start, ent.text, ent.label_) for ent in doc.ents] == [
        (4, "Talia Brennick", "PER"),
        (9, "Brennick", "PER"),
    ]


def test_a_mistyped_surname_is_retyped_unless_the_model_was_sure() -> None:
    text = "Talia Brennick said so . Brennick added . Brennick left ."
    ents = [(0, 2, "PER"), (5, 6, "ORG"), (8, 9, "LOC")]
    assert [label for _, label in found(make_consistent(make_doc(text, ents)))] == ["PER", "PER", "PER"]
    doc = make_consistent(make_doc(text, ents, [0.97, 0.95, 0.4]))
    assert [label for _, label in found(doc)] == ["PER", "ORG", "PER"]
    earlier = make_doc("Brennick rose . Talia Brennick said so .", [(0, 1, "ORG"), (3, 5, "PER")])
    assert found(make_consistent(earlier))[0] == ("Brennick", "ORG")  # only a later one is the person


def test_a_surname_the_document_writes_in_lower_case_is_a_common_word() -> None:
    doc = make_doc("Ana Marsh wrote . The marsh flooded . Marsh water rose .", [(0, 2, "PER")])
    assert found(make_consistent(doc)) == [("Ana Marsh", "PER")]


def test_the_second_half_of_a_hyphenated_name_is_no_surname() -> None:
    text = "Ana Logan - Rowley spoke . Rowley was there ."
    doc = make_consistent(make_doc(text, [(0, 4, "PER"), (6, 7, "LOC")]))
    assert found(doc) == [("Ana Logan - Rowley", "PER"), ("Rowley", "LOC")]
    doc = make_consistent(make_doc("Ana Logan Rowley spoke . Rowley was there .", [(0, 3, "PER"), (5, 6, "LOC")]))
    assert found(doc)[-1] == ("Rowley", "PER")


def test_the_scores_group_stays_in_step_with_the_entities() -> None:
    text = "Talia Brennick met Velmora . Velmora agreed . Brennick said ."
    doc = make_consistent(make_doc(text, [(0, 2, "PER"), (3, 4, "ORG"), (5, 6, "MISC")], [0.8, 0.7, 0.3]))
    assert found(doc) == [("Talia Brennick", "PER"), ("Velmora", "ORG"), ("Velmora", "ORG"), ("Brennick", "PER")]
    group = doc.spans["ents"]
    assert list(group) == list(doc.ents)
    assert group.attrs["scores"] == [0.8, 0.7, 0.3, 0.8]  # the added surname scores as its full name


def test_no_scores_group_is_made_where_the_model_gives_none() -> None:
    doc = make_consistent(make_doc("Talia Brennick said . Brennick left .", [(0, 2, "PER")]))
    assert found(doc)[-1] == ("Brennick", "PER")
    assert "ents" not in doc.spans


def test_each_rule_can_be_switched_off() -> None:
    text = "Velmora rose . Velmora fell . Velmora held . Talia Brennick said . Brennick left ."
    ents = [(0, 1, "ORG"), (3, 4, "MISC"), (6, 7, "ORG"), (9, 11, "PER")]
    scores = [0.5, 0.5, 0.5, 0.8]
    unchanged = found(make_doc(text, ents, scores))
    assert found(make_consistent(make_doc(text, ents, scores), vote=False, surnames=False)) == unchanged
    assert ("Velmora", "MISC") in found(make_consistent(make_doc(text, ents, scores), vote=False))
    assert ("Velmora", "MISC") not in found(make_consistent(make_doc(text, ents, scores)))
    assert ("Brennick", "PER") not in found(make_consistent(make_doc(text, ents, scores), surnames=False))


def test_empty_and_entity_free_docs() -> None:
    assert found(make_consistent(Doc(VOCAB, words=[]))) == []
    assert found(make_consistent(make_doc("nothing to see here .", []))) == []


def test_the_component_runs_in_a_pipeline() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe(COMPONENT)
    doc = nlp(make_doc("Velmora rose . Velmora fell . Velmora held .", [(0, 1, "ORG"), (3, 4, "LOC"), (6, 7, "MISC")]))
    assert found(doc) == [("Velmora", "ORG"), ("Velmora", "LOC"), ("Velmora", "MISC")]  # no scores, no vote
    doc = nlp(make_doc("Talia Brennick said . Brennick left .", [(0, 2, "PER")]))
    assert found(doc)[-1] == ("Brennick", "PER")


def test_add_ner_appends_the_step_unless_told_not_to() -> None:
    if not DEFAULT_MODEL_DIR.exists():
        pytest.skip("models/ner-v1 is not built")
    assert add_ner(spacy.blank("en")).pipe_names == ["ner", "ner_consistency"]
    assert add_ner(spacy.blank("en"), consistency=False).pipe_names == ["ner"]
