"""Ingest: inputs through readers and the pipeline into the store, a batch per transaction.

An input is marked done in the same transaction as its last articles, so after a crash the
same command re-reads only unfinished inputs, and unchanged inputs are skipped by their sha256.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date

from newsint import __version__
from newsint.entities.names import canonical_name
from newsint.errors import InputError, StageError
from newsint.ingest import iter_raw_inputs, read_input
from newsint.ingest.sources import display_name
from newsint.model import Article, StoryState
from newsint.parallel import analyse_on_workers
from newsint.pipeline import Pipeline, stage_versions
from newsint.ray_engine import analyse_on_ray
from newsint.settings import Settings
from newsint.stage import StageContext
from newsint.store import InputRecord, Store
from newsint.stories.cluster import joined_states
from newsint.temporal.normalize import value_period
from newsint.text.caps import real_words


class DomainRules:
    """The domain's answers to what the store asks while it writes a batch (`newsint.store.BatchRules`)."""

    def entity_name(self, aliases: dict[str, int]) -> str:
        return canonical_name(aliases)

    def date_period(self, value: str) -> tuple[date, date] | None:
        return value_period(value)

    def join_stories(self, articles: list[Article], stored: Callable[[str], StoryState | None]) -> list[StoryState]:
        return joined_states(articles, stored)


RULES = DomainRules()


@dataclass(slots=True)
class IngestReport:
    """What one ingest did; `skipped` holds every input or record that could not be read."""

    inputs: int = 0
    unchanged: int = 0
    read: int = 0
    new: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    skipped: list[InputError] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {
            "inputs": self.inputs,
            "unchanged": self.unchanged,
            "read": self.read,
            "new": self.new,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "skipped": len(self.skipped),
        }


def pipeline_signature(settings: Settings) -> str:
    """Inputs done by one pipeline are redone by another (a new version or other stages)."""
    profile = f":{settings.nlp_profile}" if "nlp" in settings.stages else ""
    return f"{__version__}:{','.join(settings.stages)}{profile}"


@dataclass(frozen=True, slots=True)
class InputEnd:
    """Marks the end of one input's records in the stream the analysis passes on in order."""

    sha256: str
    name: str
    size: int


#: What the readers hand on, in input order: a record to analyse, a reader's error, or the end of an input.
Item = Article | InputError | InputEnd
#: An item with what analysis made of it: a record's articles or the error of the stage that failed; None else.
Analysed = tuple[Item, list[Article] | StageError | None]


def analyse_in_order(pipeline: Pipeline, items: Iterable[Item]) -> Generator[Analysed, None, None]:
    """Every record through the whole pipeline in this process, one after another."""
    for item in items:
        if not isinstance(item, Article):
            yield item, None
            continue
        try:
            yield item, pipeline.process(item)
        except StageError as exc:
            yield item, exc


def ingest(
    paths: list[str],
    settings: Settings,
    store: Store,
    progress: Callable[[IngestReport, str], None] | None = None,
) -> IngestReport:
    """Read, process and store everything under `paths`; never stops for one bad input.

    With `settings.worker_count` above 1 the per-document stages run in worker processes (`newsint.parallel`)
    and this process, the writer, runs the corpus stages in input order: the stored result is the same.
    """
    pipeline = Pipeline.build(settings, StageContext(store=store))
    signature = pipeline_signature(settings)
    run_id = store.start_run("ingest " + " ".join(display_name(path) for path in paths))
    report = IngestReport()
    batch: list[Article] = []
    done: list[InputRecord] = []
    errors: list[InputError] = []
    count = 0

    versions = stage_versions(settings)

    def flush() -> None:
        fresh = store.write_batch(batch, done, errors, run_id, signature, rules=RULES, versions=versions)
        report.new += sum(fresh)
        report.duplicates += len(fresh) - sum(fresh)
        report.near_duplicates += sum(1 for a, new in zip(batch, fresh, strict=True) if new and a.duplicate_of)
        batch.clear()
        done.clear()
        errors.clear()

    def skip(error: InputError) -> None:
        errors.append(error)
        report.skipped.append(error)

    def tell(name: str) -> None:
        if progress:
            progress(report, name)

    items = _read(paths, settings, store, signature, report, tell)
    analysed: Generator[Analysed, None, None]
    if settings.engine == "ray":
        analysed = analyse_on_ray(pipeline, settings, items)
    elif settings.worker_count > 1 and any(segment.parallel for segment in pipeline.segments):
        analysed = analyse_on_workers(pipeline, settings, items)
    else:
        analysed = analyse_in_order(pipeline, items)
    with closing(analysed):  # the workers stop here even when the writer fails
        for item, result in analysed:
            if isinstance(item, InputError):
                skip(item)
                tell(item.path)
            elif isinstance(item, InputEnd):
                # Done even when some records failed: the same bytes through the same pipeline fail the same
                # way, and the errors are already recorded.
                done.append(InputRecord(item.sha256, item.name, item.size, count))
                count = 0
                tell(item.name)
            elif isinstance(result, StageError):
                where = item.provenance
                skip(InputError(where.input_path, f"stage {result.stage!r} failed: {result.reason}", where.locator))
            elif result is not None:
                articles = _kept(result, settings, skip)
                batch.extend(articles)
                count += len(articles)
                if len(batch) >= settings.batch_size:
                    flush()
                    tell(item.provenance.input_path)
    flush()
    store.finish_run(run_id, report.as_dict())
    return report


def _read(
    paths: list[str],
    settings: Settings,
    store: Store,
    signature: str,
    report: IngestReport,
    tell: Callable[[str], None],
) -> Iterator[Item]:
    """The records of every input not yet done by this pipeline, in order, each input closed by its `InputEnd`."""
    for raw in iter_raw_inputs(paths, settings):
        if isinstance(raw, InputError):
            yield raw
            continue
        report.inputs += 1
        if store.input_done(raw.sha256, signature):
            report.unchanged += 1
            tell(raw.name)
            continue
        for result in read_input(raw, settings):
            if isinstance(result, Article):
                report.read += 1
            yield result
        yield InputEnd(raw.sha256, raw.name, len(raw.data))


def _kept(articles: list[Article], settings: Settings, skip: Callable[[InputError], None]) -> list[Article]:
    """The articles with at least `min_words` real words; each other one skipped with its reason."""
    for article in articles:
        article.analysis = None  # the parse is not stored: freed now, not when the batch is written
    kept = [a for a in articles if real_words(a.text, settings.min_words) >= settings.min_words]
    for short in [a for a in articles if a not in kept]:
        reason = "no article text left after cleaning"
        if short.text.strip():
            words = real_words(short.text, settings.min_words)
            reason = f"{words} real words after cleaning, fewer than min_words ({settings.min_words})"
        if short.removed:
            reason += f" (removed {len(short.removed)} parts, e.g. {short.removed[0].reason})"
        skip(InputError(short.provenance.input_path, reason, short.provenance.locator))
    return kept
