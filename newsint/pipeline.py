"""The pipeline: a straight list of named stages (newsint/stage.py), checked when it is built.

Each stage declares the Article fields it `requires` and `assigns`; building fails with a
message naming the stage and what is available when a requirement has no earlier provider.
"""

from __future__ import annotations

from newsint.errors import ConfigError, StageError
from newsint.model import Article
from newsint.settings import Settings
from newsint.stage import Stage, StageContext, StageInfo, get_stage, stage_names

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
    def build(cls, settings: Settings, context: StageContext | None = None) -> Pipeline:
        context = context or StageContext()
        infos = [builtin_stage(name) for name in settings.stages]
        check_requirements(infos)
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


def check_requirements(infos: list[StageInfo]) -> None:
    """Fail when a stage requires a field that neither the readers nor an earlier stage assigns."""
    available = set(READER_ASSIGNS)
    for info in infos:
        missing = [name for name in info.requires if name not in available]
        if missing:
            raise ConfigError(
                f"stage {info.name!r} requires {', '.join(missing)}, "
                f"but only {', '.join(sorted(available))} are assigned before it"
            )
        available.update(info.assigns)
