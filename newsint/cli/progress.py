"""Progress of a run over a known number of stored articles (`newsint reanalyze`): a bar on a terminal, a line
every LOG_EVERY_S seconds anywhere else."""

from __future__ import annotations

import time
from types import TracebackType

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from newsint.cli.render import err

LOG_EVERY_S = 10.0


class CountedProgress:
    """Fed `counted(done, total)` after each batch."""

    def __init__(self, what: str, every: float = LOG_EVERY_S) -> None:
        self.what, self.every = what, every
        self.started = self.logged = time.monotonic()
        self.bar = Progress(TextColumn(what), BarColumn(bar_width=30), MofNCompleteColumn(), TextColumn("· ETA"),
                            TimeRemainingColumn(), console=err, transient=True,
                            disable=not err.is_terminal)  # fmt: skip

    def __enter__(self) -> CountedProgress:
        self.bar.__enter__()
        self.task = self.bar.add_task(self.what, total=None)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.bar.__exit__(kind, value, traceback)

    def counted(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total)
        now = time.monotonic()
        if not err.is_terminal and now - self.logged >= self.every:
            self.logged = now
            rate = done / max(now - self.started, 1e-9)
            err.print(f"{self.what}: {done:,} of {total:,} articles, {rate:.1f}/s", markup=False)
