"""The pipeline: a straight list of named stages (newsint/stage.py), checked when it is built.

Each stage declares the Article fields it `requires` and `assigns`; building fails with a
message naming the stage and what is available when a requirement has no earlier provider.
The stage list falls into segments (`plan_segments`): the corpus stages (`StageInfo.corpus`) run in the
writer in input order; the per-document stages around the models can run in worker processes.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn, cast

from newsint.errors import ConfigError, StageError
from newsint.model import Article
from newsint.resources import MODELS_DIR
from newsint.settings import Settings
from newsint.stage import Stage, StageContext, StageInfo, StageStore, get_stage, stage_names
from newsint.version import __version__

#: The stages that make an article's text and id; the others annotate it, and only those can be run again on
#: stored articles (`newsint reanalyze`).
CLEANING_STAGES = ("clean", "split", "boilerplate", "metadata", "language", "dedup")
#: The models each built-in stage runs (under models/), whose versions name the stage's version.
STAGE_MODELS: dict[str, tuple[str, ...]] = {
    "boilerplate": ("boilerplate-v2.json",),
    "embed": ("encoder-v1",),
    "sentence_vectors": ("encoder-v1",),
    "claims": ("attribution-v1.json", "cues-v3", "contents-v1"),
    "events": ("events-v1",),
}
NLP_MODELS = {"default": ("nlp-core-v1", "ner-v1"), "fast": ("nlp-core-v1", "ner-fast-v1")}

#: What every reader provides before any stage runs.
READER_ASSIGNS: tuple[str, ...] = (
    "raw",
    "source",
    "provenance",
    "meta",
    "title",
    "outlet",
    "authors",
    "published",
)


@dataclass(frozen=True, slots=True)
class Segment:
    """Stages `start` to `end` (exclusive), run together: in worker processes when `parallel`, else in the
    writer, one input after another in input order."""

    start: int
    end: int
    parallel: bool


class Pipeline:
    """Stages in order; `process` runs an article through all of them, `run` through one segment."""

    def __init__(self, stages: list[Stage], infos: list[StageInfo]) -> None:
        self.stages = stages
        self.infos = infos
        self.segments = plan_segments(infos)
        self._ready: set[int] = set()

    @classmethod
    def build(
        cls, settings: Settings, context: StageContext | None = None, available: tuple[str, ...] = READER_ASSIGNS
    ) -> Pipeline:
        """The pipeline of `settings.stages`; `available` is what the articles carry before the first stage
        (what readers give; a re-analysis gives what the store keeps)."""
        context = context or StageContext()
        infos = [builtin_stage(name) for name in settings.stages]
        check_requirements(infos, available)
        return cls([info.factory(settings, context) for info in infos], infos)

    @classmethod
    def for_worker(cls, settings: Settings, infos: list[StageInfo]) -> Pipeline:
        """The writer's pipeline (`infos`, checked there) in a worker process. Its stages get a store that
        refuses every read, so a per-document stage that reads the store fails loudly instead of judging each
        article against a different part of the corpus."""
        return cls([info.factory(settings, StageContext(store=_refused_store(info.name))) for info in infos], infos)

    @property
    def names(self) -> list[str]:
        return [info.name for info in self.infos]

    def process(self, article: Article) -> list[Article]:
        """Run one input article through every stage; a splitter may turn it into several.

        Raises StageError naming the stage, so the caller can record it and go on with the batch.
        """
        return self.run([article], Segment(0, len(self.stages), parallel=False))

    def run(self, articles: list[Article], segment: Segment) -> list[Article]:
        """The articles of one input through the stages of `segment`, each stage set up before its first use.

        Raises StageError naming the stage.
        """
        source = articles[0].source if articles else ""
        for index in range(segment.start, segment.end):
            stage = self.stages[index]
            if index not in self._ready:
                stage.setup()
                self._ready.add(index)
            try:
                articles = list(stage.pipe(articles))
            except Exception as exc:
                raise StageError(stage.name, source, f"{type(exc).__name__}: {exc}") from exc
        return articles

    def required_after(self, segment: Segment, field: str) -> bool:
        """Whether a stage after `segment` reads `field`: what an article must carry out of it."""
        return any(field in info.requires for info in self.infos[segment.end :])


def runs_model(name: str) -> bool:
    """Whether the built-in stage `name` runs a trained model: the work worth sending to another process."""
    return name == "nlp" or name in STAGE_MODELS


def plan_segments(infos: list[StageInfo]) -> list[Segment]:
    """Runs of per-document stages that hold a model go to the workers; corpus stages, and the runs of
    per-document stages without a model (cheaper to run than to send), stay in the writer."""
    runs: list[Segment] = []
    start = 0
    for index in range(1, len(infos) + 1):
        if index == len(infos) or infos[index].corpus != infos[start].corpus:
            names = [info.name for info in infos[start:index]]
            runs.append(Segment(start, index, not infos[start].corpus and any(map(runs_model, names))))
            start = index
    segments: list[Segment] = []
    for run in runs:
        if segments and not run.parallel and not segments[-1].parallel:
            segments[-1] = Segment(segments[-1].start, run.end, parallel=False)
        else:
            segments.append(run)
    return segments


def _refused_store(name: str) -> StageStore:
    """A store whose every read raises ConfigError naming the per-document stage `name` that tried it."""

    class RefusedStore:
        def __getattr__(self, method: str) -> Callable[..., NoReturn]:
            def refuse(*args: object, **kwargs: object) -> NoReturn:
                raise ConfigError(
                    f"stage {name!r} read the store ({method}) in a worker process: a stage that reads earlier "
                    "articles must be declared corpus=True (newsint/stage.py)"
                )

            return refuse

    return cast(StageStore, RefusedStore())


def builtin_stage(name: str) -> StageInfo:
    """The stage called `name`, the built-in stages registered first (`newsint.stages` imports each once:
    done here, not at import time, so a command that only reads the store loads no model code)."""
    import newsint.stages  # noqa: F401

    return get_stage(name)


def builtin_stage_names() -> list[str]:
    """Every stage a pipeline can be built from, the built-ins included."""
    import newsint.stages  # noqa: F401

    return stage_names()


def check_requirements(infos: list[StageInfo], given: tuple[str, ...] = READER_ASSIGNS) -> None:
    """Fail when a stage requires a field that neither the readers (`given`) nor an earlier stage assigns."""
    available = set(given)
    for info in infos:
        missing = [name for name in info.requires if name not in available]
        if missing:
            raise ConfigError(
                f"stage {info.name!r} requires {', '.join(missing)}, "
                f"but only {', '.join(sorted(available))} are assigned before it"
            )
        available.update(info.assigns)


def stage_versions(settings: Settings) -> dict[str, str]:
    """The version of each stage of the settings' pipeline: newsint's version and those of the models it runs
    (`models/<name>/meta.json` or the model file's own `version`), e.g. "newsint 0.1.0; ner-v1 1.1.0"."""
    found = {}
    for name in settings.stages:
        models = stage_models(name, settings)
        found[name] = "; ".join([f"newsint {__version__}", *(f"{m} {model_version(m)}" for m in models)])
    return found


def stage_models(name: str, settings: Settings) -> tuple[str, ...]:
    """The models stage `name` runs under `settings`: the profile picks the NLP models and, when fast, the linear
    claim cues alone (stages/claims.py); `place_resolver` the learned ranker (stages/places.py)."""
    if name == "nlp":
        return NLP_MODELS.get(settings.nlp_profile, ())
    if name == "claims" and settings.nlp_profile == "fast":
        return ("attribution-v1.json",)
    if name == "places" and settings.place_resolver == "ranker":
        return ("toponyms-v1",)
    return STAGE_MODELS.get(name, ())


@functools.cache
def model_version(name: str) -> str:
    """A shipped model's version; "?" when its metadata does not say."""
    path = MODELS_DIR / name
    meta = path / "meta.json" if path.is_dir() else path
    try:
        version = json.loads(meta.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return "?"
    return str(version) if version else "?"
