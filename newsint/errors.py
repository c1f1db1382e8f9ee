"""The error tree: what can go wrong, and who should hear about it.

    NewsintError
    ├─ ConfigError   build time: bad setting, unknown stage, unmet requires
    ├─ InputError    a file or record that cannot be read: names the file, where, and why
    └─ StageError    an unexpected failure inside a stage, with the stage name and article

Configuration mistakes fail early and loudly; an InputError or StageError skips one input
or one article, is recorded with its reason, and the batch goes on.
"""

from __future__ import annotations


class NewsintError(Exception):
    """Base of every error newsint raises on purpose."""


class ConfigError(NewsintError):
    """A bad setting, an unknown stage or a stage whose requirements nothing provides."""


class InputError(NewsintError):
    """An input (file, archive member or record) that cannot be read."""

    def __init__(self, path: str, reason: str, locator: str = "") -> None:
        self.path = path
        self.reason = reason
        self.locator = locator
        where = f"{path} ({locator})" if locator else path
        super().__init__(f"{where}: {reason}")


class StageError(NewsintError):
    """A stage failed on one article; the article is skipped and the batch goes on."""

    def __init__(self, stage: str, source: str, reason: str) -> None:
        self.stage = stage
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: stage {stage!r} failed: {reason}")
