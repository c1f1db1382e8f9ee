"""The re-analysis runner: the annotation stages run again on stored articles, in place.

After a model upgrade or with another NLP profile, `reanalyze` re-runs a stage and every stage after it (a stage
needing the parse also re-runs `nlp`, since the parse is not stored) on the stored articles, from their stored
text. Cleaning stages make an article's text and id and are not re-run here (ingest the inputs again for that).
Entities are linked, and stories assigned, in the order the articles were stored, as a fresh ingest would; the
store writes one transaction a batch with the job's position, so a killed run is resumed by running it again.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from datetime import date

from newsint.batch import RULES
from newsint.errors import ConfigError, StageError
from newsint.model import Article
from newsint.pipeline import CLEANING_STAGES, Pipeline, builtin_stage, stage_versions
from newsint.settings import Settings
from newsint.stage import StageContext
from newsint.store import Store

#: What a stored article carries before a re-analysis runs: every field but the parse.
STORED_FIELDS = tuple(f.name for f in fields(Article) if f.name != "analysis")


@dataclass(slots=True)
class ReanalysisReport:
    """What one re-analysis did: its stages, the articles it re-ran them on, those that only got their story
    again, and the articles a stage failed on (kept with their old text and no new annotations)."""

    job: int
    stages: tuple[str, ...]
    rerun: int = 0
    restoried: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def rerun_stages(settings: Settings, asked: tuple[str, ...]) -> tuple[str, ...]:
    """The stages a re-analysis of `asked` runs, in pipeline order: from the earliest asked to the last, with
    `nlp` first when one of them needs the parse; every annotation stage when none is asked."""
    annotating = [name for name in settings.stages if name not in CLEANING_STAGES]
    cleaning = [name for name in asked if name in CLEANING_STAGES]
    if cleaning:
        raise ConfigError(f"{', '.join(cleaning)}: cleaning stages make the text and ids; ingest again to re-run them")
    unknown = [name for name in asked if name not in annotating]
    if unknown:
        raise ConfigError(f"no stage {', '.join(unknown)} in the pipeline (its stages: {', '.join(annotating)})")
    start = min((annotating.index(name) for name in asked), default=0)
    chosen = annotating[start:]
    if "nlp" not in chosen and "nlp" in annotating and any("analysis" in builtin_stage(n).requires for n in chosen):
        chosen = ["nlp", *chosen]
    return tuple(chosen)


def reanalyze(
    settings: Settings,
    store: Store,
    asked: tuple[str, ...] = (),
    since: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ReanalysisReport:
    """Re-run the stages (`rerun_stages`) on the stored articles published on or after `since` (all when None)
    with the settings' NLP profile; `progress(done, total)` after each batch. Resumes an unfinished job with the
    same options."""
    stages = rerun_stages(settings, asked)
    job = store.open_reanalysis(stages, settings.nlp_profile, since, RULES)
    chosen = replace(settings, stages=stages)
    pipeline = Pipeline.build(chosen, StageContext(store=store), available=STORED_FIELDS)
    # The articles the job does not re-run get their story from the same stage instance, so one index
    # assigns every article in stored order.
    stories = pipeline.stages[stages.index("stories")] if "stories" in stages else None
    versions = stage_versions(chosen)
    report = ReanalysisReport(job.id, stages)
    total = store.reanalysis_pending(job)
    done = 0
    while batch := store.reanalysis_batch(job, settings.batch_size):
        written = []
        for rowid, again, article in batch:
            if again:
                try:
                    found = pipeline.process(_without(article, pipeline))
                except StageError as exc:
                    report.failed.append((article.id, f"stage {exc.stage!r} failed: {exc.reason}"))
                    continue
                if len(found) != 1:
                    report.failed.append((article.id, f"the stages gave {len(found)} articles for one"))
                    continue
                analysed = found[0]
                report.rerun += 1
            else:
                assert stories is not None
                article.story = article.story_score = None
                (analysed,) = stories.pipe([article])
                report.restoried += 1
            analysed.analysis = None  # the parse is not stored; free it with the batch
            written.append((rowid, again, analysed))
        store.write_reanalysis(job, written, versions, RULES)
        job = replace(job, position=max(rowid for rowid, _, _ in batch))
        done += len(batch)
        if progress:
            progress(done, total)
    store.finish_reanalysis(job)
    return report


def _without(article: Article, pipeline: Pipeline) -> Article:
    """The article with every field the pipeline's stages assign set back to its default, so nothing of the
    old analysis leaks into the new one."""
    assigned = {name for info in pipeline.infos for name in info.assigns}
    fresh = copy.copy(article)
    for found in fields(Article):
        if found.name in assigned:
            factory = found.default_factory
            setattr(fresh, found.name, factory() if callable(factory) else found.default)
    return fresh
