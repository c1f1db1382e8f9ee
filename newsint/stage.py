"""The stage contract: what a stage is, what it may use, and the registry that names stages.

Stages import this module; it imports no stage (the pipeline registers the built-ins by importing
`newsint.stages`), so any module can define a stage without an import cycle.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from newsint.errors import ConfigError
from newsint.model import Article, StoryState

if TYPE_CHECKING:
    from newsint.settings import Settings

T = TypeVar("T")


class Stage(Protocol):
    """A pipeline component: reads some Article fields and writes others.

    `pipe` may yield fewer articles than it receives (a filter) or more (a splitter).
    """

    name: str

    def setup(self) -> None: ...

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]: ...


class StageBase:
    """Default `setup` and `pipe` for stages that handle one article at a time."""

    name: str

    def setup(self) -> None:
        """Load heavy resources once, before the first article."""

    def __call__(self, article: Article) -> Article:
        raise NotImplementedError

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            yield self(article)


class StageStore(Protocol):
    """What stages that look across articles read from the store (`newsint.store.Store` provides it)."""

    def fingerprints(self) -> Iterator[tuple[str, str | None, bytes]]:
        """(article id, duplicate_of, MinHash signature) of every stored article, in the order stored."""
        ...

    def site_line_keys(self, site: str) -> Iterator[bytes]:
        """The packed line keys of every stored article of one site."""
        ...

    def entity_aliases(self) -> Iterator[tuple[str, str, str, int]]:
        """(entity id, type, alias, mentions) of every stored entity's written forms."""
        ...

    def entity_roles(self) -> Iterator[tuple[str, str]]:
        """(entity id, role) of every role stored articles gave an entity."""
        ...

    def outlet_grounds(self, min_score: float) -> dict[str, Counter[tuple[str, str]]]:
        """Per outlet, how many of its articles name places in each (country, first-level division)."""
        ...

    def story_states(self) -> Iterator[StoryState]:
        """Every stored story's assignment state, in the order the stories opened."""
        ...

    def article_stories(self) -> Iterator[tuple[str, str]]:
        """(article id, story id) of every stored article with a story."""
        ...


@dataclass(slots=True)
class StageContext:
    """What a stage factory may use besides settings: the store, for stages that look across articles."""

    store: StageStore | None = None


#: A stage factory: called once per pipeline with the settings and the context.
StageFactory = Callable[["Settings", StageContext], Stage]


@dataclass(frozen=True, slots=True)
class StageInfo:
    """What a stage declares: its name, the Article fields it reads and the ones it writes, and whether it is a
    corpus stage: one whose result depends on the articles before it (it reads the store, or counts what the run
    has seen), so that an ingest on several workers runs it in the writer, one article after another in input
    order, while per-document stages run in the workers."""

    name: str
    factory: StageFactory
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    corpus: bool = False


_STAGES: dict[str, StageInfo] = {}


def stage(name: str, *, requires: tuple[str, ...], assigns: tuple[str, ...], corpus: bool = False) -> Callable[[T], T]:
    """Register a stage class under `name`, declaring what it reads and writes and whether it is a corpus stage
    (`StageInfo.corpus`)."""

    def register(cls: T) -> T:
        if name in _STAGES and _STAGES[name].factory is not cls:
            raise ConfigError(f"stage {name!r} registered twice")
        _STAGES[name] = StageInfo(name, cls, requires, assigns, corpus)  # type: ignore[arg-type]
        cls.name = name  # type: ignore[attr-defined]
        return cls

    return register


def get_stage(name: str) -> StageInfo:
    """The registered stage called `name`; ConfigError naming the known ones otherwise."""
    try:
        return _STAGES[name]
    except KeyError:
        known = ", ".join(sorted(_STAGES))
        raise ConfigError(f"unknown stage {name!r}; known stages: {known}") from None


def stage_names() -> list[str]:
    """Every registered stage's name."""
    return sorted(_STAGES)
