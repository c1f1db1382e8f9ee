"""The pipeline: a straight list of named stages (newsint/stage.py), checked when it is built.

Each stage declares the Article fields it `requires` and `assigns`; building fails with a
message naming the stage and what is available when a requirement has no earlier provider.
"""

from __future__ import annotations

import functools
import json

from newsint.errors import ConfigError, StageError
from newsint.model import Article
from newsint.resources import MODELS_DIR
from newsint.settings import Settings
from newsint.stage import Stage, StageContext, StageInfo, get_stage, stage_names
from newsint.version import __version__

#: The stages that make an article's text and id; the others annotate it, and only those can be run again on
#: stored articles (`newsint reanalyze`).
CLEANING_STAGES = ("clean", "split", "boilerplate", "metadata", "language", "dedup")
#: The models each built-in stage runs (under models/), whose versions name the stage's version.
STAGE_MODELS: dict[str, tuple[str, ...]] = {
    "boilerplate": ("boilerplate-v2.json",),
    "embed": ("encoder-v1",),
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


class Pipeline:
    """Stages in order; `run` streams articles through all of them."""

    def __init__(self, stages: list[Stage], infos: list[StageInfo]) -> None:
        self.stages = stages
        self.infos = infos
        self._ready = False

    @classmethod
    def build(
        cls, settings: Settings, context: StageContext | None = None, available: tuple[str, ...] = READER_ASSIGNS
    ) -> Pipeline:
        """The pipeline of `settings.stages`; `available` is what the articles carry before the first stage
        (what readers give; a re-analysis gives what the store keeps)."""
        context = context or StageContext()
        infos = [builtin_stage(name) for name in settings.stages]
        check_requirements(infos, available)
        stages = [info.factory(settings, context) for info in infos]
        return cls(stages, infos)

    @property
    def names(self) -> list[str]:
        return [info.name for info in self.infos]

    def process(self, article: Article) -> list[Article]:
        """Run one input article through every stage; a splitter may turn it into several.

        Raises StageError naming the stage, so the caller can record it and go on with the batch.
        """
        if not self._ready:
            for stage in self.stages:
                stage.setup()
            self._ready = True
        batch = [article]
        for stage in self.stages:
            try:
                batch = list(stage.pipe(batch))
            except Exception as exc:
                raise StageError(stage.name, article.source, f"{type(exc).__name__}: {exc}") from exc
        return batch


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
        models = NLP_MODELS.get(settings.nlp_profile, ()) if name == "nlp" else STAGE_MODELS.get(name, ())
        found[name] = "; ".join([f"newsint {__version__}", *(f"{m} {model_version(m)}" for m in models)])
    return found


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
