"""Ingest on several cores: the per-document stages in worker processes, the corpus stages in the writer.

The writer (this process) reads the records, runs the writer segments of the pipeline (`Pipeline.segments`:
the corpus stages, and the cheap per-document stages beside them) one record after another in input order,
and sends each record to the workers for the parallel segments (the models). At most `WINDOW_PER_WORKER`
records per worker are under way at once, so memory stays bounded, and the results come back in input
order. Every corpus stage sees the records in the same order as in one process, so the result is the same.

A worker that dies (killed, out of memory) loses the pool: the records under way are sent again to a fresh
pool, a record at most `TRIES` times, and then the ingest stops with an error; the store holds only the complete
batches written before, and the inputs not marked done are read again by the next run.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from typing import Any, Generic, TypeVar

from newsint.errors import NewsintError, StageError
from newsint.model import Article
from newsint.pipeline import Pipeline, Segment
from newsint.settings import Settings
from newsint.stage import StageInfo

#: What passes through untouched, in its place: a reader's error, the end of an input.
Other = TypeVar("Other")

#: Records under way per worker: enough to keep each busy while the writer works, few enough to bound memory.
WINDOW_PER_WORKER = 4
#: How often a record is sent to a fresh pool after a worker died under it.
TRIES = 1
RESTART_WAIT_S = 0.2  # seconds to wait before sending work again to a worker that is restarting
#: What a worker imports before it is forked (forkserver), so that a fresh pool starts in a second or so.
PRELOAD = ["newsint.stages", "newsint.parallel"]

#: An article as it travels between processes: the spaCy parse as bytes beside it (`pack`).
Parcel = list[tuple[Article, bytes | None]]
#: What a worker sends back: the articles, or the failed stage's (name, source, reason).
Reply = tuple[Parcel | None, tuple[str, str, str] | None]
#: Sends one segment's parcel to the workers; the future holds their reply.
Submit = Callable[[int, Parcel], "Future[Reply]"]


class WorkerLost(NewsintError):
    """A worker process died under the same records more than `TRIES` times."""


def pack(articles: list[Article], keep_analysis: bool) -> Parcel:
    """The articles ready to travel: a parse (spaCy Doc) goes as its own bytes, not pickled with its vocabulary;
    none when no later stage reads it."""
    parcel: Parcel = []
    for article in articles:
        doc = article.analysis
        article.analysis = None
        parcel.append((article, doc.to_bytes(exclude=["tensor"]) if doc is not None and keep_analysis else None))
    return parcel


def unpack(parcel: Parcel, profile: str) -> list[Article]:
    """The articles of a parcel, each parse rebuilt on this process's vocabulary of the same models."""
    for article, analysis in parcel:
        if analysis is not None:
            from spacy.tokens import Doc

            from newsint.nlp import load_pipeline

            article.analysis = Doc(load_pipeline(profile).vocab).from_bytes(analysis)
    return [article for article, _ in parcel]


@dataclass(slots=True)
class _Record(Generic[Other]):
    """One item on its way through the segments; `parcel` is kept until its reply comes, to send it again."""

    item: Article | Other
    articles: list[Article]
    segment: int
    result: StageError | None = None
    parcel: Parcel | None = None
    future: Future[Reply] | None = None
    tries: int = 0


class Scheduler:
    """Moves records through the pipeline's segments: writer segments here in input order, parallel segments
    through `submit`, results handed on in input order."""

    def __init__(
        self,
        pipeline: Pipeline,
        settings: Settings,
        submit: Submit,
        window: int,
        lost: tuple[type[BaseException], ...] = (BrokenProcessPool,),
        restarting: tuple[type[BaseException], ...] = (),
    ) -> None:
        """`lost`: what a future of `submit` raises when the worker under it died; `restarting`, those of them
        that say the worker is coming back (its records go again, and no death is counted)."""
        self.pipeline = pipeline
        self.segments = pipeline.segments
        self.profile = settings.nlp_profile
        self.submit = submit
        self.window = window
        self.lost = lost
        self.restarting = restarting

    def analyse(
        self, items: Iterable[Article | Other]
    ) -> Generator[tuple[Article | Other, list[Article] | StageError | None], None, None]:
        """Each item with its result (a record's articles or its stage's error; None for the others), in the
        order of `items`."""
        records: deque[_Record[Other]] = deque()
        source = iter(items)
        exhausted = False
        failure: Exception | None = None  # a reader's bug: raised once the records read before it are done
        while records or not exhausted:
            while not exhausted and len(records) < self.window:
                try:
                    item = next(source, None)
                except Exception as exc:
                    failure, item = exc, None
                if item is None:
                    exhausted = True
                    break
                if isinstance(item, Article):
                    records.append(_Record(item, [item], 0))
                else:  # passed on in its place, past every segment
                    records.append(_Record(item, [], len(self.segments)))
            self._advance(records)
            while records and self._finished(records[0]):
                record = records.popleft()
                result = (record.result or record.articles) if isinstance(record.item, Article) else None
                yield record.item, result
            pending = [r.future for r in records if r.future is not None]
            if pending and not any(f.done() for f in pending):
                wait(pending, return_when=FIRST_COMPLETED)
        if failure is not None:
            raise failure

    def _finished(self, record: _Record[Any]) -> bool:
        return record.result is not None or record.segment == len(self.segments)

    def _advance(self, records: deque[_Record[Other]]) -> None:
        """Collect the replies that came; run the writer segments a record may run now (every record before it
        is past that segment); send the parallel ones."""
        losses = [(record, loss) for record in records if record.future is not None and (loss := self._collect(record))]
        deaths = [(record, loss) for record, loss in losses if not isinstance(loss, self.restarting)]
        if deaths:
            self._count_loss(deaths)
        if len(deaths) < len(losses):
            time.sleep(RESTART_WAIT_S)  # a restarting worker refuses work at once: give it a moment
        behind = len(self.segments)  # the first segment some record before this one has not passed
        for record in records:
            while not self._finished(record) and record.future is None:
                segment = self.segments[record.segment]
                if segment.parallel:
                    self._send(record, segment)
                elif record.segment < behind:
                    self._run_here(record, segment)
                else:
                    break
            if not self._finished(record):
                behind = min(behind, record.segment)

    def _run_here(self, record: _Record[Any], segment: Segment) -> None:
        try:
            record.articles = self.pipeline.run(record.articles, segment)
            record.segment += 1
        except StageError as exc:
            record.result = exc

    def _send(self, record: _Record[Any], segment: Segment) -> None:
        if not record.articles:
            record.segment += 1
            return
        if record.parcel is None:
            record.parcel = pack(record.articles, keep_analysis=True)
        record.future = self.submit(record.segment, record.parcel)

    def _collect(self, record: _Record[Any]) -> BaseException | None:
        """Take the record's reply if it came; what its worker died of (it must go again), else None."""
        assert record.future is not None
        if not record.future.done():
            return None
        future, record.future = record.future, None
        try:
            parcel, failed = future.result()
        except self.lost as loss:
            return loss
        record.parcel = None
        if failed is not None:
            record.result = StageError(*failed)
            return None
        assert parcel is not None
        record.articles = unpack(parcel, self.profile)
        record.segment += 1
        return None

    @staticmethod
    def _count_loss(losses: list[tuple[_Record[Any], BaseException]]) -> None:
        """The records under way when a worker died go again (to the fresh pool `submit` starts), unless one of
        them was under way at every death: then it stops the ingest, since it may be what kills the worker."""
        for record, _ in losses:
            record.tries += 1
        tries = max(record.tries for record, _ in losses)
        if tries > TRIES:
            sources = ", ".join(sorted({record.articles[0].source for record, _ in losses if record.articles}))
            said = str(losses[-1][1]).strip().splitlines() or [type(losses[-1][1]).__name__]
            raise WorkerLost(
                f"a worker process died {tries} times while {sources} were under way ({said[-1]}); the articles "
                "stored so far are complete; run the same command again to analyse the rest"
            )


#: The worker side: this process's pipeline and NLP profile, built once when the process starts.
_WORKER: list[tuple[Pipeline, str]] = []


def _start_worker(settings: Settings, infos: list[StageInfo]) -> None:
    _WORKER.append((Pipeline.for_worker(settings, infos), settings.nlp_profile))


def _run_in_worker(segment_index: int, parcel: Parcel) -> Reply:
    [(pipeline, profile)] = _WORKER
    return run_segment(pipeline, profile, segment_index, parcel)


def run_segment(pipeline: Pipeline, profile: str, segment_index: int, parcel: Parcel) -> Reply:
    """What a worker (a process here, or a Ray actor) does with one parcel: its segment's stages, the reply."""
    segment = pipeline.segments[segment_index]
    try:
        articles = pipeline.run(unpack(parcel, profile), segment)
    except StageError as exc:
        return None, (exc.stage, exc.source, exc.reason)
    return pack(articles, pipeline.required_after(segment, "analysis")), None


class WorkerPool:
    """`workers` processes, started again when one dies; forked from a fresh server process (or spawned), so
    nothing of the writer's state is shared. The stage classes travel by reference, so each worker imports (and
    registers) the modules that define them."""

    def __init__(self, settings: Settings, infos: list[StageInfo], workers: int) -> None:
        self.settings = settings
        self.infos = infos
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, segment: int, parcel: Parcel) -> Future[Reply]:
        if self._pool is None:
            self._pool = self._start()
        try:
            return self._pool.submit(_run_in_worker, segment, parcel)
        except BrokenProcessPool:
            self.close()
            self._pool = self._start()
            return self._pool.submit(_run_in_worker, segment, parcel)

    def _start(self) -> ProcessPoolExecutor:
        context: BaseContext = multiprocessing.get_context("spawn")
        if "forkserver" in multiprocessing.get_all_start_methods():
            forkserver = multiprocessing.get_context("forkserver")
            forkserver.set_forkserver_preload(PRELOAD)
            context = forkserver
        return ProcessPoolExecutor(
            self.workers, context, initializer=_start_worker, initargs=(self.settings, self.infos)
        )

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def analyse_on_workers(
    pipeline: Pipeline, settings: Settings, items: Iterable[Article | Other]
) -> Generator[tuple[Article | Other, list[Article] | StageError | None], None, None]:
    """`items` through `pipeline` on `settings.worker_count` worker processes, results in input order."""
    pool = WorkerPool(settings, pipeline.infos, settings.worker_count)
    try:
        yield from Scheduler(pipeline, settings, pool.submit, WINDOW_PER_WORKER * settings.worker_count).analyse(items)
    finally:
        pool.close()
