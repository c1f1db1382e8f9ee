"""Stage names to stage factories, filled by the `@stage` decorator.

Kept free of imports from `stages/` so that any module can register without cycles;
`newsint.stages` imports every built-in stage module once to fill it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from newsint.errors import ConfigError

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class StageInfo:
    """What a stage declares: its name, the Article fields it reads and the ones it writes."""

    name: str
    factory: Callable[..., Any]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


_STAGES: dict[str, StageInfo] = {}


def stage(name: str, *, requires: tuple[str, ...], assigns: tuple[str, ...]) -> Callable[[T], T]:
    """Register a stage class under `name`, declaring what it reads and writes."""

    def register(cls: T) -> T:
        if name in _STAGES and _STAGES[name].factory is not cls:
            raise ConfigError(f"stage {name!r} registered twice")
        _STAGES[name] = StageInfo(name, cls, requires, assigns)  # type: ignore[arg-type]
        cls.name = name  # type: ignore[attr-defined]
        return cls

    return register


def get_stage(name: str) -> StageInfo:
    import newsint.stages  # noqa: F401  (registers the built-in stages)

    try:
        return _STAGES[name]
    except KeyError:
        known = ", ".join(sorted(_STAGES))
        raise ConfigError(f"unknown stage {name!r}; known stages: {known}") from None


def stage_names() -> list[str]:
    import newsint.stages  # noqa: F401

    return sorted(_STAGES)
