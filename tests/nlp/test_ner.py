"""Named entities: the conlleval scorer on hand-made cases, both shipped models on real text, F1 floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from newsint.errors import ConfigError
from newsint.evaluation.ner import (
    WORLDWIDE_TO_CONLL,
    entities_from_tags,
    evaluate_ner,
    in_part,
    read_ner_data,
    score_entities,
)
from newsint.nlp.ner import DEFAULT_MODEL_DIR, FAST_MODEL_DIR, add_ner, word_shape
from tests.conftest import DATASETS, needs

FLOORS = json.loads((Path(__file__).parents[1] / "golden" / "ner-floors.json").read_text(encoding="utf-8"))
CONLL_TEST = DATASETS / "conll2003" / "test.txt"
WORLDWIDE = DATASETS / "en-worldwide-newswire" / "annotated"
NEWS = (
    "German Chancellor Angela Merkel met French President Emmanuel Macron in Paris on Tuesday, "
    "a spokesman for the European Commission said. Shares of Volkswagen fell 3 percent in Frankfurt "
    "after the company warned that sales in China would slow."
)


def f1(gold: list[tuple[int, int, str]], predicted: list[tuple[int, int, str]]) -> float:
    return float(score_entities([gold], [predicted])["overall"]["f1"])


def test_exact_span_and_type_is_right() -> None:
    assert f1([(0, 2, "PER"), (5, 6, "LOC")], [(0, 2, "PER"), (5, 6, "LOC")]) == 1.0


def test_partial_overlap_is_wrong() -> None:
    scores = score_entities([[(0, 2, "PER")]], [[(0, 1, "PER")]])
    assert scores["overall"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1.0}


def test_type_mismatch_is_wrong() -> None:
    scores = score_entities([[(0, 2, "PER"), (3, 4, "LOC")]], [[(0, 2, "ORG"), (3, 4, "LOC")]])
    assert scores["overall"]["precision"] == 0.5
    assert scores["per_type"]["PER"]["recall"] == 0.0
    assert scores["per_type"]["ORG"]["precision"] == 0.0
    assert scores["per_type"]["LOC"]["f1"] == 1.0


def test_conlleval_chunk_rules() -> None:
    assert entities_from_tags(["O", "I-PER", "I-PER", "O"]) == [(1, 3, "PER")]  # I- after O starts one
    assert entities_from_tags(["B-PER", "I-ORG"]) == [(0, 1, "PER"), (1, 2, "ORG")]  # type change
    assert entities_from_tags(["I-LOC", "B-LOC", "I-LOC"]) == [(0, 1, "LOC"), (1, 3, "LOC")]
    assert entities_from_tags(["B-MISC"]) == [(0, 1, "MISC")]


def test_reads_iob1_columns_and_docstart(tmp_path: Path) -> None:
    path = tmp_path / "eng.txt"
    path.write_text(
        "-DOCSTART- -X- -X- O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\n"
        "-DOCSTART- -X- -X- O\n\nNew NNP I-NP I-LOC\nYork NNP I-NP I-LOC\nBoston NNP I-NP B-LOC\n",
        encoding="utf-8",
    )
    documents = read_ner_data(path)
    assert [d.words for d in documents] == [["EU", "rejects"], ["New", "York", "Boston"]]
    assert documents[1].tags == ["B-LOC", "I-LOC", "B-LOC"]


def test_reads_tab_directory_with_mapping(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text(
        "afrol\tB-Organization\n,\tO\n27\tB-Date\nJanuary\tI-Date\n\nKampala\tB-Facility\nUgandan\tB-NORP\n",
        encoding="utf-8",
    )
    (tmp_path / "b.tsv").write_text("David\tB-Person\nKato\tI-Person\n", encoding="utf-8")
    documents = read_ner_data(tmp_path, WORLDWIDE_TO_CONLL)
    assert len(documents) == 2
    assert documents[0].tags == ["B-ORG", "O", "O", "O", "B-LOC", "B-MISC"]
    assert len(documents[0].sentences) == 2
    assert documents[1].tags == ["B-PER", "I-PER"]


def test_a_nested_annotation_gives_way_to_the_outer_entity_and_a_comma_parts_two_places(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text(
        "Addis\tB-Organization\tB-Location\nAbaba\tI-Organization\tI-Location\nUniversity\tI-Organization\n"
        "in\tO\nLahore\tB-Location\n,\tI-Location\nPakistan\tI-Location\n",
        encoding="utf-8",
    )
    (document,) = read_ner_data(tmp_path, WORLDWIDE_TO_CONLL)
    assert document.tags == ["B-ORG", "I-ORG", "I-ORG", "O", "B-LOC", "O", "B-LOC"]


def test_a_folder_s_held_out_third_is_fixed_by_file_name_and_never_in_the_training_part(tmp_path: Path) -> None:
    names = [f"xx_outlet_{i}.txt.tsv" for i in range(300)]
    heldout = {name for name in names if in_part(name, "heldout")}
    train = {name for name in names if in_part(name, "train")}
    assert not heldout & train and heldout | train == set(names)
    assert 70 <= len(heldout) <= 130  # about a third
    assert heldout == {name for name in names if in_part(name, "heldout")}  # the same on every call
    for name in names[:12]:
        (tmp_path / name).write_text("Kato\tB-Person\n", encoding="utf-8")
    read = {d.name.split("#")[0] for d in read_ner_data(tmp_path, WORLDWIDE_TO_CONLL, part="heldout")}
    assert read == set(names[:12]) & heldout
    assert len(read_ner_data(tmp_path, WORLDWIDE_TO_CONLL)) == 12


def test_word_shapes() -> None:
    shapes = [word_shape(w) for w in ["us", "US", "Us", "I", "iPhone", "1996", "--", "€", ""]]
    assert shapes == [1, 3, 2, 2, 4, 5, 6, 7, 7]


def test_unknown_profile_fails_loudly() -> None:
    with pytest.raises(ConfigError, match="profile"):
        add_ner(spacy.blank("en"), "huge")


@pytest.fixture(scope="module", params=["default", "fast"])
def nlp(request: pytest.FixtureRequest) -> Language:
    model_dir = DEFAULT_MODEL_DIR if request.param == "default" else FAST_MODEL_DIR
    if not model_dir.exists():
        pytest.skip(f"{model_dir} is not built")
    return add_ner(spacy.blank("en"), request.param)


def test_finds_people_organisations_and_places(nlp: Language) -> None:
    doc = nlp(NEWS)
    found = {(e.text, e.label_) for e in doc.ents}
    assert {("Angela Merkel", "PER"), ("Emmanuel Macron", "PER"), ("Paris", "LOC")} <= found
    assert ("Volkswagen", "ORG") in found
    assert any(label == "ORG" and "European Commission" in text for text, label in found)
    for ent in doc.ents:
        assert NEWS[ent.start_char : ent.end_char] == ent.text
        assert ent.label_ in {"PER", "ORG", "LOC", "MISC"}


def test_default_scores_each_entity() -> None:
    if not DEFAULT_MODEL_DIR.exists():
        pytest.skip("models/ner-v1 is not built")
    doc = add_ner(spacy.blank("en"))(NEWS)
    group = doc.spans["ents"]
    assert list(group) == list(doc.ents)
    scores = group.attrs["scores"]
    assert len(scores) == len(doc.ents) > 0
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert all(isinstance(s, float) for s in scores)


def test_empty_and_odd_docs(nlp: Language) -> None:
    assert list(nlp("").ents) == []
    doc = nlp("\n\n  \u200b\u200b \t 😀 ﷽ \x00 Angela Merkel\u00a0visited Berlin.\n\n   ")
    assert all(not e.text.isspace() for e in doc.ents)
    assert "Berlin" in {e.text for e in doc.ents}


def test_very_long_doc_without_sentences(nlp: Language) -> None:
    text = " ".join([NEWS] * 400)  # about 14,000 words, no sentence boundaries set
    doc = nlp(text)
    merkel = [e for e in doc.ents if e.text == "Angela Merkel"]
    assert len(merkel) >= 380  # found all along the doc, not only in its first window
    assert all(text[e.start_char : e.end_char] == e.text for e in doc.ents)


def test_long_doc_with_sentences() -> None:
    if not DEFAULT_MODEL_DIR.exists():
        pytest.skip("models/ner-v1 is not built")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    add_ner(nlp)
    doc = nlp(" ".join([NEWS] * 50))
    assert sum(e.text == "Paris" for e in doc.ents) >= 48


@needs(CONLL_TEST)
@pytest.mark.slow
@pytest.mark.parametrize("profile", ["default", "fast"])
def test_conll_test_f1_floor(profile: str) -> None:
    model_dir = DEFAULT_MODEL_DIR if profile == "default" else FAST_MODEL_DIR
    if not model_dir.exists():
        pytest.skip(f"{model_dir} is not built")
    result = evaluate_ner(CONLL_TEST, add_ner(spacy.blank("en"), profile))
    assert result["words"] == 46435 and result["documents"] == 231
    assert result["overall"]["f1"] >= FLOORS[profile]["conll2003_test_f1"]


@needs(WORLDWIDE)
@pytest.mark.slow
@pytest.mark.parametrize("profile", ["default", "fast"])
def test_worldwide_held_out_f1_floor(profile: str) -> None:
    """News from outside the West, on the third of en-worldwide-newswire no model was trained on."""
    result = evaluate_ner(WORLDWIDE, add_ner(spacy.blank("en"), profile), WORLDWIDE_TO_CONLL, part="heldout")
    assert result["documents"] == 236
    assert result["overall"]["f1"] >= FLOORS[profile]["worldwide_heldout_f1"]
