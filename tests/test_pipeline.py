import pytest

from newsint.errors import ConfigError, StageError
from newsint.pipeline import Pipeline, builtin_stage, builtin_stage_names, check_requirements
from newsint.settings import Settings
from newsint.stage import StageContext, StageInfo, stage
from tests.conftest import make_article


def test_builtin_stages_are_registered_with_their_contracts() -> None:
    assert {"clean", "split", "boilerplate", "metadata", "language", "dedup", "nlp", "entities"} <= set(
        builtin_stage_names()
    )
    assert builtin_stage("entities").requires == ("analysis",) and "analysis" in builtin_stage("nlp").assigns
    clean = builtin_stage("clean")
    assert "raw" in clean.requires and {"text", "paragraphs", "id"} <= set(clean.assigns)
    assert "id" in builtin_stage("boilerplate").assigns


def test_unknown_stage_names_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="unknown stage 'nope'.*clean"):
        builtin_stage("nope")


def test_unmet_requirement_fails_at_build_time_naming_the_stage() -> None:
    infos = [builtin_stage("metadata"), builtin_stage("clean")]
    with pytest.raises(ConfigError, match="stage 'metadata' requires text, removed, captions"):
        check_requirements(infos)


def test_pipeline_runs_stages_in_order(settings: Settings) -> None:
    pipeline = Pipeline.build(settings, StageContext())
    assert pipeline.names == [
        "clean",
        "split",
        "boilerplate",
        "metadata",
        "language",
        "dedup",
        "embed",
        "nlp",
        "entities",
        "places",
        "times",
        "claims",
        "figures",
        "events",
        "stories",
    ]
    [article] = pipeline.process(make_article("Headline of the day here\n\n" + "The body says many things. " * 20))
    assert article.title == "Headline of the day here"
    assert article.language == "en"
    assert article.id and article.fingerprint
    assert article.embedding is not None and article.story and article.story_score is None  # opened a story


def test_a_failing_stage_raises_stage_error_with_its_name(settings: Settings) -> None:
    @stage("explode-for-test", requires=("text",), assigns=())
    class Explode:
        def __init__(self, settings: Settings, context: StageContext) -> None: ...
        def setup(self) -> None: ...
        def pipe(self, articles):  # type: ignore[no-untyped-def]
            raise RuntimeError("boom")
            yield  # pragma: no cover

    infos = [builtin_stage("clean"), builtin_stage("explode-for-test")]
    pipeline = Pipeline([info.factory(settings, StageContext()) for info in infos], infos)
    with pytest.raises(StageError, match="explode-for-test.*boom"):
        pipeline.process(make_article("Some text of an article."))
    assert isinstance(infos[1], StageInfo)
