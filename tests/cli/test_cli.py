"""The CLI end to end on the shared seeds and the bundled sample corpus."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest
from click.testing import Result

from tests.conftest import SAMPLES, SEEDS, needs

DOCUMENT_KEYS = {
    "id",
    "source",
    "outlet",
    "title",
    "authors",
    "published",
    "published_confidence",
    "language",
    "text",
    "captions",
    "removed",
    "duplicate_of",
}
SECTIONS = {"documents", "entities", "places", "times", "claims", "events", "stories"}


@needs(SEEDS)
def test_seeds_ingest_and_export_follows_the_contract(
    run_cli: Callable[..., Result],
) -> None:
    result = run_cli("ingest", str(SEEDS))
    assert result.exit_code == 0, result.output
    assert "read 5 articles from 5 inputs" in result.stdout and "6 new" in result.stdout  # one file holds two
    exported = json.loads(run_cli("export", "--format", "json").stdout)
    assert set(exported) == SECTIONS
    assert len(exported["documents"]) == 6
    for document in exported["documents"]:
        assert set(document) >= DOCUMENT_KEYS
        assert isinstance(document["authors"], list) and isinstance(document["captions"], list)
        assert all(set(part) == {"text", "reason"} for part in document["removed"])
        assert document["text"] and document["language"] == "en"
        assert document["published"] is None or len(document["published"]) == 10
    assert any(d["published"] == "2023-03-07" for d in exported["documents"])  # the one file with a date header
    again = run_cli("ingest", str(SEEDS))
    assert "0 new" in again.stdout and "5 unchanged" in again.stdout


@needs(SEEDS)
def test_export_keeps_what_its_filters_select(run_cli: Callable[..., Result]) -> None:
    assert run_cli("ingest", str(SEEDS)).exit_code == 0
    everything = json.loads(run_cli("export").stdout)
    biggest = max(everything["stories"], key=lambda s: len(s["docs"]))
    of_story = json.loads(run_cli("export", "--story", biggest["id"][:10]).stdout)
    docs = set(biggest["docs"])
    assert {d["id"] for d in of_story["documents"]} == docs and [s["id"] for s in of_story["stories"]] == [
        biggest["id"]
    ]
    assert of_story["claims"] and {c["doc"] for c in of_story["claims"]} <= docs
    assert all(m["doc"] in docs for e in of_story["entities"] for m in e["mentions"])
    assert len(of_story["claims"]) < len(everything["claims"])

    kind = everything["events"][0]["type"]
    of_type = json.loads(run_cli("export", "--type", kind).stdout)["events"]
    assert of_type == [e for e in everything["events"] if e["type"] == kind]
    refused = run_cli("export", "--type", "Picnics")
    assert refused.exit_code == 2 and "--type" in refused.output

    day = sorted(d["published"] for d in everything["documents"] if d["published"])[-1]
    since = json.loads(run_cli("export", "--since", day).stdout)
    assert [d["id"] for d in since["documents"]] == [
        d["id"] for d in everything["documents"] if d["published"] and d["published"] >= day
    ]
    lines = run_cli("export", "--format", "jsonl", "--query", "Kremlin").stdout.splitlines()
    matched = [json.loads(line) for line in lines]
    assert matched and all("Kremlin" in d["text"] or "Kremlin" in (d["title"] or "") for d in matched)
    assert len(matched) < len(everything["documents"])


@needs(SAMPLES)
def test_sample_corpus_goes_in_whole_with_its_near_duplicate_pair(run_cli: Callable[..., Result]) -> None:
    result = run_cli("ingest", str(SAMPLES))
    assert result.exit_code == 0, result.stderr
    documents = [json.loads(line) for line in run_cli("export", "--format", "jsonl").stdout.splitlines()]
    assert len(documents) >= 12
    assert sum(1 for d in documents if d["duplicate_of"]) >= 1
    compressed = (".gz", ".bz2", ".xz")
    formats = {d["provenance"]["input"].removesuffix(compressed[0]).removesuffix(compressed[1])
               .removesuffix(compressed[2]).rsplit(".", 1)[-1] for d in documents}  # fmt: skip
    assert {"txt", "html", "rss", "warc", "jsonl"} <= formats
    russian = [d for d in documents if d["language"] == "ru"]
    assert russian and "\ufffd" not in russian[0]["text"]


def test_stdin_search_show_errors_and_csv(run_cli: Callable[..., Result]) -> None:
    text = "title: Stdin story\n\n" + "The river crossing reopened after three days of shelling. " * 5
    assert run_cli("ingest", "-", input=text).exit_code == 0
    ids = run_cli("ls", "--ids").stdout.split()
    assert len(ids) == 1
    shown = run_cli("show", ids[0][:8]).stdout
    assert "Stdin story" in shown and "river crossing reopened" in shown and "<stdin>" in shown
    found = run_cli("search", "crossing").stdout
    assert ids[0] in found and "[crossing]" in found
    rows = list(csv.DictReader(io.StringIO(run_cli("export", "--format", "csv").stdout)))
    assert rows[0]["title"] == "Stdin story" and rows[0]["id"] == ids[0]
    assert run_cli("show", "ffffffff").exit_code == 2
    assert run_cli("errors").stdout == ""


def test_export_to_file_and_environment_database(
    run_cli: Callable[..., Result], tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = f"{tmp_path}/env.db"
    monkeypatch.setenv("NEWSINT_DB", db)
    assert (
        run_cli("ingest", "-", input="Text of a short dispatch from the front line today.", with_db=False).exit_code
        == 0
    )
    out = f"{tmp_path}/out.json"
    assert run_cli("export", "--out", out, with_db=False).exit_code == 0
    with open(out) as handle:
        assert len(json.load(handle)["documents"]) == 1


def test_places_and_times_commands(run_cli: Callable[..., Result]) -> None:
    text = (
        "date: 2023-03-10\ntitle: Shelling near Kharkiv\n\n"
        "Russian forces shelled the city of Kharkiv on Thursday, officials in Kyiv said. "
        "The attack came a day after strikes on Lviv, and fighting went on in the Donetsk region last month. "
    ) * 2
    assert run_cli("ingest", "-", input=text).exit_code == 0
    (article_id,) = run_cli("ls", "--ids").stdout.split()
    listed = run_cli("places", "--limit", "0").stdout
    assert "Kharkiv" in listed and "Lviv" in listed and "Ukraine" not in listed.split("\n")[0]
    assert f"1: {article_id[:8]}" in listed  # each place with the documents naming it
    assert "Kharkiv" in run_cli("places", "--doc", article_id[:8], "--kind", "city").stdout
    times = run_cli("times", "--doc", article_id).stdout
    assert "anchored on 2023-03-10" in times and "9 March 2023" in times and "February 2023" in times
    shown = run_cli("show", article_id).stdout
    assert "places" in shown and "Kharkiv (city, Kharkiv, UA)" in shown
    assert run_cli("times").exit_code == 2  # --doc is required


def test_claims_command_filters_and_export_nests_figures(run_cli: Callable[..., Result]) -> None:
    text = (
        "title: Strike on the market\n\n"
        "Regional governor Oleh Syniehubov said at least 14 people were killed in the strike on the market.\n\n"
        '"The shelling is probably going to continue through the night," Syniehubov told reporters.\n\n'
        "The Defence Ministry in Moscow denied that its forces had struck the market.\n"
    )
    assert run_cli("ingest", "-", input=text).exit_code == 0
    (article_id,) = run_cli("ls", "--ids").stdout.split()
    listed = run_cli("claims").stdout
    assert "[certain] Regional governor Oleh Syniehubov" in listed and "figure: at least 14 people" in listed
    assert "via told reporters" in listed
    quote = run_cli("claims", "--speaker", "syniehubov", "--hedge", "probable").stdout
    assert "The shelling is probably going" in quote and "at least 14" not in quote
    denied = run_cli("claims", "--hedge", "denied", "--doc", article_id[:8]).stdout
    assert "Defence Ministry" in denied and "struck the market" in denied
    assert "no claims match" in run_cli("claims", "--speaker", "nobody at all").stdout
    assert run_cli("claims", "--hedge", "maybe").exit_code == 2
    assert "claims" in run_cli("show", article_id).stdout
    exported = json.loads(run_cli("export", "--format", "json").stdout)
    claims = exported["claims"]
    assert {c["hedge"] for c in claims} >= {"certain", "probable", "denied"}
    killed = next(c for c in claims if c["figures"])
    assert killed["id"].startswith(article_id) and killed["doc"] == article_id
    assert killed["figures"][0]["value"] == 14 and killed["figures"][0]["qualifier"] == "at least"
    document = exported["documents"][0]
    assert document["text"][killed["start"] : killed["end"]] == killed["text"]
    assert set(killed) >= {"id", "doc", "start", "end", "text", "direct", "cue", "speaker", "speaker_entity", "via",
                           "hedge", "figures"}  # fmt: skip
