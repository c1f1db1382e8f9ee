"""Ingest on a Ray cluster: the per-document segments on Ray actors, the writer and the corpus stages here.

The same `parallel.Scheduler` moves the records as on one machine; only the workers differ: Ray actors, each
building the pipeline and loading its models once, on whichever nodes of the cluster have a free CPU. Parcels
(articles and their parse as bytes) travel to the actors and back; models never travel, each node loads them
from its own installation of newsint. An actor that dies is restarted by Ray, and the records it had under way
are sent again, as with a worker process.

Ray is an optional extra: `pip install 'newsint[ray]'`.
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Iterable
from concurrent.futures import Future
from typing import Any

from newsint.errors import ConfigError, StageError
from newsint.model import Article
from newsint.parallel import WINDOW_PER_WORKER, Other, Parcel, Reply, Scheduler, run_segment
from newsint.pipeline import Pipeline
from newsint.settings import Settings
from newsint.stage import StageInfo


class _Analyser:
    """A Ray actor's state: the per-document pipeline of the writer's stages, built once."""

    def __init__(self, settings: Settings, infos: list[StageInfo]) -> None:
        self.pipeline = Pipeline.for_worker(settings, infos)
        self.profile = settings.nlp_profile

    def run(self, segment_index: int, parcel: Parcel) -> Reply:
        return run_segment(self.pipeline, self.profile, segment_index, parcel)


class RayActors:
    """One actor per CPU of the cluster (or `settings.workers` of them); a parcel goes to the least busy."""

    def __init__(self, settings: Settings, infos: list[StageInfo]) -> None:
        try:
            import ray as ray_module
        except ImportError:
            raise ConfigError("engine 'ray' needs Ray: pip install 'newsint[ray]'") from None
        ray: Any = ray_module
        self.ray = ray
        self.started = not ray.is_initialized()
        if self.started:
            ray.init(address=settings.ray_address or None, logging_level=logging.ERROR, log_to_driver=False)
        count = settings.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor: Any = ray.remote(num_cpus=1, max_restarts=-1)(_Analyser)  # restarted when it dies
        self.actors: list[Any] = [actor.remote(settings, infos) for _ in range(count)]
        self.under_way: list[list[Future[Reply]]] = [[] for _ in range(count)]

    def submit(self, segment: int, parcel: Parcel) -> Future[Reply]:
        for futures in self.under_way:
            futures[:] = [future for future in futures if not future.done()]
        index = min(range(len(self.actors)), key=lambda i: len(self.under_way[i]))
        future: Future[Reply] = self.actors[index].run.remote(segment, parcel).future()
        self.under_way[index].append(future)
        return future

    def close(self) -> None:
        for actor in self.actors:
            self.ray.kill(actor)
        if self.started:
            self.ray.shutdown()


def analyse_on_ray(
    pipeline: Pipeline, settings: Settings, items: Iterable[Article | Other]
) -> Generator[tuple[Article | Other, list[Article] | StageError | None], None, None]:
    """`items` through `pipeline` on Ray actors (the cluster at `settings.ray_address`, or a local Ray), results in
    input order."""
    from ray.exceptions import ActorUnavailableError, RayActorError

    actors = RayActors(settings, pipeline.infos)
    try:
        window = WINDOW_PER_WORKER * len(actors.actors)
        scheduler = Scheduler(
            pipeline, settings, actors.submit, window, lost=(RayActorError,), restarting=(ActorUnavailableError,)
        )
        yield from scheduler.analyse(items)
    finally:
        actors.close()
