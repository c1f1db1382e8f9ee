"""The claims stage's shortcuts (issue 31): what the taggers leave unread, and that no result depends on the batch."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsint.claims.contentmodel import settled_by_parse
from newsint.pipeline import Pipeline, stage_versions
from newsint.settings import load_settings
from tests.conftest import DATASETS, make_article, needs

POLNEAR_TRAIN = DATASETS / "polnear" / "train"
TEXTS = (
    "The ministry said that the convoy had left the city on Monday. Officials called the move a provocation.",
    "Analysts believe the talks will fail, the report showed. Farmers in the valley are rejecting him.",
    "“We will not give up the bridge,” the commander told reporters. Kyiv's assertion that it was intact held.",
)


def test_a_speech_verbs_clause_is_settled_by_the_parse_and_other_contents_are_read() -> None:
    from newsint.claims.cuemodel import load_cue_model
    from newsint.claims.extract import find_attributions
    from newsint.nlp.core import load_core

    doc = load_core("default")(TEXTS[0] + " " + TEXTS[1])
    found = {doc.text[f.cue[0] : f.cue[1]]: f for f in find_attributions(doc, load_cue_model())}
    assert settled_by_parse(found["said"], doc)  # "said that the convoy had left …"
    assert not settled_by_parse(found["called"], doc)  # an attitude verb: the tagger reads it
    assert not settled_by_parse(found["believe"], doc)  # a thinking verb, not a speech verb
    assert not settled_by_parse(replace(found["said"], cue_token=None), doc)
    assert not settled_by_parse(replace(found["said"], content=(3, 3)), doc)  # no words: nothing to settle
    doc = load_core("default")("The envoy urged the villagers to leave before the storm.")
    [urged] = find_attributions(doc, load_cue_model())
    assert doc.text[urged.content[0] : urged.content[1]].startswith("to leave") and settled_by_parse(urged, doc)


def test_claims_are_the_same_alone_or_among_other_documents() -> None:
    from newsint.claims.cuemodel import load_cue_model
    from newsint.claims.extract import find_attributions
    from newsint.nlp.core import load_core

    nlp, model = load_core("default"), load_cue_model()
    alone = [find_attributions(nlp(text), model) for text in TEXTS]
    together = [find_attributions(doc, model) for doc in nlp.pipe([*TEXTS, *reversed(TEXTS)])]
    assert all(alone)
    assert together == [*alone, *reversed(alone)]
    assert model.tagger is not None
    doc = nlp(TEXTS[2])
    assert model.tagger.probabilities(doc) == model.tagger.probabilities(nlp(TEXTS[2]))


@needs(POLNEAR_TRAIN)
@pytest.mark.slow
def test_settled_contents_cost_no_accuracy_on_train_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Train articles only: the rule was chosen on them, dev stays for reporting."""
    import newsint.claims.extract as extract
    from newsint.claims.cuemodel import load_cue_model
    from newsint.evaluation.attribution import as_attributions, evaluate_attribution, read_split
    from newsint.nlp.core import load_core

    nlp, model = load_core("default"), load_cue_model()
    assert model.contents is not None
    parses = {document.text: nlp(document.text) for document in read_split(POLNEAR_TRAIN, 20)}
    reads: list[int] = []
    session = model.contents.model.session

    class CountingSession:
        def run(self, outputs: list[str], feed: dict[str, object]) -> object:
            reads[-1] += 1
            return session.run(outputs, feed)

    def score() -> float:
        reads.append(0)
        found = {text: as_attributions(extract.find_attributions(doc, model)) for text, doc in parses.items()}
        return float(evaluate_attribution(POLNEAR_TRAIN, found.__getitem__, 20)["attribution_f1"])

    monkeypatch.setattr(model.contents.model, "session", CountingSession())
    shortcut = score()
    monkeypatch.setattr(extract, "settled_by_parse", lambda found, doc: False)
    full = score()
    assert reads[0] < 0.9 * reads[1]
    assert shortcut >= full - 0.002


def test_the_fast_profile_reads_cues_with_the_linear_model_alone(tmp_path: Path) -> None:
    """The fast profile's cheaper claims path (issue 31): no tagger runs, the stage's version says so, and a plain
    report is still found with its speaker."""
    fast = load_settings(None, db=str(tmp_path / "f.db"), nlp_profile="fast")
    pipeline = Pipeline.build(replace(fast, stages=("clean", "language", "nlp", "entities", "claims")))
    text = "The interior minister, Ana Kell, said on Tuesday that the border crossing would reopen next week."
    [article] = pipeline.process(make_article(text))
    assert any("Kell" in claim.speaker and "border crossing" in claim.text for claim in article.claims)
    cue_model = getattr(pipeline.stages[-1], "cue_model", None)
    assert cue_model is not None and cue_model.tagger is None
    assert "cues-v3" not in stage_versions(fast)["claims"]
    assert "cues-v3" in stage_versions(load_settings(None, db=str(tmp_path / "d.db")))["claims"]
