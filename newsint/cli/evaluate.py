"""`newsint eval`: score a stage on a public dataset with its standard metric, as a table or one JSON object.

Each command imports its scorer inside itself: the scorers load spaCy and the ONNX models, which every other
command (`newsint ls`) should not wait for.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from newsint.cli.common import common_options
from newsint.cli.render import out
from newsint.evaluation import EvalResult
from newsint.evaluation.ner import PARTS
from newsint.settings import load_settings

PRF = ("precision", "recall", "f1")


def print_figures(figures: dict[str, Any], as_json: bool) -> None:
    """One JSON object, or a line a figure (fractions with three decimals)."""
    if as_json:
        out.print(json.dumps(figures), markup=False)
        return
    for key, value in figures.items():
        shown = (
            f"{value:.3f}"
            if isinstance(value, float) and value <= 1
            else f"{value:.1f}"
            if isinstance(value, float)
            else value
        )
        out.print(f"{key:>22} {shown}", markup=False)


def print_result(result: EvalResult, as_json: bool) -> None:
    """One JSON object of the figures, or the result's table and notes."""
    if as_json:
        out.print(json.dumps(result.figures), markup=False)
        return
    keys = list(result.figures)
    table = Table("", *keys, title=f"newsint eval {result.name} · {result.dataset}", box=None)
    for label, figures in result.rows:
        table.add_row(label, *(f"{figures.get(k, 0):.3f}" for k in keys))
    out.print(table)
    for note in result.notes:
        out.print(note, markup=False)


def prf_table(title: str, rows: list[tuple[str, dict[str, Any]]]) -> Table:
    """A row of precision, recall and F1 (three decimals) a label."""
    table = Table("", *PRF, title=title, box=None)
    for label, row in rows:
        table.add_row(label, *(f"{row[k]:.3f}" for k in PRF))
    return table


def print_json(figures: dict[str, Any]) -> None:
    out.print(json.dumps(figures), markup=False)


@click.group("eval")
def eval_group() -> None:
    """Score a stage on a public dataset with its standard metric."""


@eval_group.command("extract")
@click.argument("dataset", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--mode",
    type=click.Choice(["html", "text"]),
    default="html",
    show_default=True,
    help="html: the HTML path; text: flatten each page to crude text, then the plain-text path.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
@common_options
def eval_extract(dataset: Path, mode: str, as_json: bool, db: str | None, config_file: Path | None) -> None:
    """Body extraction on a Zyte-format dataset: 4-gram shingle precision, recall, F1."""
    from newsint.evaluation.extraction import evaluate_extract

    print_result(evaluate_extract(dataset, mode, load_settings(config_file, db=db)), as_json)


@eval_group.command("ner")
@click.argument("data", type=click.Path(exists=True, path_type=Path))
@click.option("--profile", type=click.Choice(["default", "fast"]), default="default", show_default=True)
@click.option(
    "--part",
    type=click.Choice(PARTS),
    default="all",
    show_default=True,
    help="Of a folder: the third of its files newsint never trains on (heldout), the rest (train), or all.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
def eval_ner(data: Path, profile: str, part: str, as_json: bool) -> None:
    """Named entities on a CoNLL-format file or folder: entity-level P/R/F1 per type (conlleval rules)."""
    from newsint.evaluation.runs import run_ner

    figures = run_ner(data, profile, part)
    if as_json:
        print_json(figures)
        return
    rows = [("overall", figures["overall"]), *sorted(figures["per_type"].items())]
    out.print(prf_table(f"newsint eval ner · {data} · {profile}", rows))
    out.print(f"{figures['words']} words, {figures['words_per_second']:.0f} words/s", markup=False)


@eval_group.command("link")
@click.argument("data", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
def eval_link(data: Path, as_json: bool) -> None:
    """Cross-document name linking on ECB+ (a split folder): B-cubed and MUC, beside exact-string linking."""
    from newsint.evaluation.linking import evaluate_linking

    figures = evaluate_linking(data)
    if as_json:
        print_json(figures)
        return
    columns = ("B3 P", "B3 R", "B3 F1", "MUC P", "MUC R", "MUC F1")
    table = Table("", *columns, title=f"newsint eval link · {data}", box=None)
    for system in ("newsint", "exact_string"):
        b3, muc = figures[system]["b_cubed"], figures[system]["muc"]
        table.add_row(system, *(f"{row[k]:.3f}" for row in (b3, muc) for k in PRF))
    out.print(table)
    counts = f"{figures['documents']} documents, {figures['mentions']} name mentions"
    out.print(f"{counts}, {figures['gold_entities']} gold entities", markup=False)


@eval_group.command("parse")
@click.argument("data", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
def eval_parse(data: Path, as_json: bool) -> None:
    """Dependency parse on a CoNLL-U file: UAS, LAS, UPOS accuracy, token and sentence F1."""
    from newsint.evaluation.runs import run_parse

    print_figures(run_parse(data), as_json)


@eval_group.command("geo")
@click.argument("data", type=click.Path(exists=True, path_type=Path))
@click.option("--profile", type=click.Choice(["default", "fast"]), default="default", show_default=True)
@click.option("--no-recognition", is_flag=True, help="Only resolution with gold toponyms (no NLP run).")
@click.option(
    "--resolver",
    type=click.Choice(["both", "rules", "ranker"]),
    default="both",
    show_default=True,
    help="The hand-set rules, the learned ranker, or both side by side.",
)
@click.option(
    "--ranker-model",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A ranker other than the shipped one (train/geo_ranker.py writes its leave-one-corpus-out models "
    "under build/geo_ranker/).",
)
@click.option("--no-outlet-prior", is_flag=True, help="Resolve without the home ground of each document's outlet.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
def eval_geo(
    data: Path,
    profile: str,
    no_recognition: bool,
    resolver: str,
    ranker_model: Path | None,
    no_outlet_prior: bool,
    as_json: bool,
) -> None:
    """Geoparsing on an LGL/GeoWebNews/GeoVirus-style XML corpus: toponym recognition F1, and with gold
    toponyms accuracy within 161 km, mean error (km) and AUC, a row a resolver, with and without the outlet prior."""
    from newsint.evaluation.geo import RESOLUTION_KEYS, evaluate_geo, reranks_for, resolution_rows
    from newsint.evaluation.runs import toponym_finder

    find = None if no_recognition else toponym_finder(profile)
    reranks = reranks_for(resolver, ranker_model)
    figures = evaluate_geo(data, find, reranks=reranks, outlet_prior=not no_outlet_prior)
    if as_json:
        print_figures(figures, as_json)
        return
    table = Table("", *RESOLUTION_KEYS, title=f"newsint eval geo · {data.name} · gold toponyms", box=None)
    for label, row in resolution_rows(figures):
        table.add_row(label, *(f"{row[key]:.3f}" for key in RESOLUTION_KEYS))
    out.print(table)
    print_figures({k: v for k, v in figures.items() if k.startswith(("recognition", "documents", "toponyms"))}, False)


@eval_group.command("time")
@click.argument("data", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
def eval_time(data: Path, as_json: bool) -> None:
    """Time expressions on TimeML (.tml) files: TempEval-3 strict/relaxed extent F1, type and value F1."""
    from newsint.evaluation.timeml import evaluate_timeml

    print_figures(evaluate_timeml(data), as_json)


@eval_group.command("attribution")
@click.argument("split_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--limit", type=int, help="Score only the first N articles.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
def eval_attribution(split_dir: Path, limit: int | None, as_json: bool) -> None:
    """Attributions on a PolNeAR split folder (text/ + attributions/): source, cue, content and whole-attribution
    F1, token overlap (exact-span figures under "exact")."""
    from newsint.evaluation.runs import run_attribution

    figures = run_attribution(split_dir, limit)
    if not as_json:
        figures = {k: v for k, v in figures.items() if k != "detail"}
        figures.update({f"exact {k}": v for k, v in figures.pop("exact").items()})
    print_figures(figures, as_json)


@eval_group.command("events")
@click.argument("case_tsv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--triggers", is_flag=True, help="Also give trigger_recall: the share of snippets where the parse finds an event."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
def eval_events(case_tsv: Path, triggers: bool, as_json: bool) -> None:
    """Event classes on a CASE 2021 Task 2 file (id, EventSnippet, SubType): macro, micro and weighted F1 of the
    shipped event model over the sub-types."""
    from newsint.evaluation.runs import run_events

    print_figures(run_events(case_tsv, triggers), as_json)


@eval_group.command("stories")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
@common_options
def eval_stories(path: Path, as_json: bool, db: str | None, config_file: Path | None) -> None:
    """Story clustering on ECB+ (a split folder, e.g. ../shared/datasets/ecbplus/dev): B-cubed precision, recall
    and F1 of the stories against the sub-topics, every document through the pipeline into one index."""
    from newsint.evaluation.stories import evaluate_stories

    figures = evaluate_stories(path, load_settings(config_file, db=db))
    if not as_json:
        figures.update({f"{name}: f1": f["bcubed_f1"] for name, f in figures.pop("ablations").items()})
    print_figures(figures, as_json)


@eval_group.command("disputes")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
@common_options
def eval_disputes(path: Path, as_json: bool, db: str | None, config_file: Path | None) -> None:
    """Disputes between parties on a folder of annotated stories (e.g. tests/stories/disputes): expected
    disputes found with both sides' evidence, placed (found with other evidence), missed, by kind; and extra
    conflicts, above all on stories that have none."""
    from newsint.evaluation.disputes import evaluate_disputes

    figures = evaluate_disputes(path, load_settings(config_file, db=db))
    if as_json:
        print_json(figures)
        return
    stories = figures.pop("per_story")
    by_kind = figures.pop("by_kind")
    print_figures(figures, as_json)
    for kind, counts in by_kind.items():
        out.print(f"{kind:>22} " + ", ".join(f"{k} {v}" for k, v in counts.items()), markup=False)
    for name, story in stories.items():
        out.print(f"\n{name}", markup=False)
        for line in story["expected"] + [f"extra: {e}" for e in story["extra"]] + story["corroborations"]:
            out.print(f"  {line}", markup=False)


@eval_group.command("timeline")
@click.argument("data", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
def eval_timeline(data: Path, as_json: bool) -> None:
    """Cross-document event timelines on a SemEval-2015 Task 4 folder (Track A, from raw text): the task's
    temporal-awareness precision, recall and F1, micro-averaged over the timelines, beside a baseline."""
    from newsint.evaluation.timeline import evaluate_timelines

    figures = evaluate_timelines(data)
    if as_json:
        print_json(figures)
        return
    rows = [("newsint", figures), ("baseline", figures["baseline"]), *figures["per_timeline"].items()]
    out.print(prf_table(f"newsint eval timeline · {data}", rows))
    counts = f"{figures['timelines']} timelines, {figures['documents']} documents, {figures['gold_events']} gold events"
    out.print(f"{counts}; events placed: {figures['events']} (baseline {figures['baseline']['events']})", markup=False)
