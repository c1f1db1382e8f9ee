"""Search through a real server: uvicorn on a free localhost port over the seeds and invented articles that spell one
president three ways (entity linking merges them, so a search for one spelling finds all three) and one about a
wheat harvest (which semantic search finds by a paraphrase sharing none of its words)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from click.testing import CliRunner

from newsint.cli import cli
from newsint.store import Store
from tests.conftest import SEEDS, needs
from tests.web.live import serve, store_of_seeds

SPELLED = {
    "Zelenskyy": (
        "Zelenskyy asks allies for more air defence",
        "President Volodymyr Zelenskyy asked European allies on Tuesday for more air defence systems to protect "
        "Ukrainian cities from Russian missile attacks. Zelenskyy said in Kyiv that the country needed Patriot "
        "batteries before winter.",
    ),
    "Zelensky": (
        "Zelensky presses Europe over air defence",
        "Ukrainian President Volodymyr Zelensky urged European leaders on Tuesday to send more air defence systems. "
        "Zelensky told reporters in Kyiv that Russian missile strikes on power plants would grow before winter.",
    ),
    "Zelenskiy": (
        "Zelenskiy calls for Patriot systems",
        "Ukraine's President Volodymyr Zelenskiy called on European governments on Tuesday to deliver Patriot air "
        "defence systems. Zelenskiy said in Kyiv that Russian missiles were targeting the energy grid ahead of "
        "winter.",
    ),
}
HARVEST = (
    "Wheat harvest breaks record in Kansas",
    "Farmers in Kansas brought in a record wheat crop this summer as rain arrived at the right moment, the state "
    "agriculture department said on Friday. Grain elevators in Wichita reported long queues of trucks.",
)
PARAPHRASE = "cereal growers on the prairie enjoyed a bumper yield"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, str]]:
    """A server over a fresh store of the seeds and the invented articles; the client and the database path."""
    invented = {
        f"invented_{number}.txt": f"title: {title}\n\n{text}\n"
        for number, (title, text) in enumerate([*SPELLED.values(), HARVEST])
    }
    settings = store_of_seeds(tmp_path_factory.mktemp("search"), invented)
    with serve(settings, "search-test-token-0123456789") as url, httpx.Client(base_url=url, timeout=120) as client:
        yield client, str(settings.db_path)


pytestmark = [needs(SEEDS), pytest.mark.integration]


def _search(client: httpx.Client, q: str, **params: object) -> list[dict[str, object]]:
    answer = client.get("/api/v1/search", params={"q": q, "limit": 50, **params})
    assert answer.status_code == 200, answer.text
    return list(answer.json()["items"])


def _titles(hits: list[dict[str, object]]) -> list[object]:
    return [h["title"] for h in hits]


def test_the_linker_merged_the_three_spellings(server: tuple[httpx.Client, str]) -> None:
    client, _ = server
    people = client.get("/api/v1/entities", params={"type": "PERSON", "limit": 500}).json()["items"]
    holding = [p for p in people if set(SPELLED) <= set(p["aliases"]) | {p["name"]}]
    assert len(holding) == 1, [(p["name"], p["aliases"]) for p in people]


@pytest.mark.parametrize("spelling", sorted(SPELLED))
def test_one_spelling_finds_the_articles_of_every_spelling(server: tuple[httpx.Client, str], spelling: str) -> None:
    client, _ = server
    hits = _search(client, spelling)
    assert {title for title, _ in SPELLED.values()} <= set(_titles(hits))
    assert [h["rank"] for h in hits] == sorted(h["rank"] for h in hits)  # type: ignore[type-var]
    for hit in hits:
        marked = {word.casefold() for word in re.findall(r"\[([^\]]+)\]", str(hit["snippet"]))}
        assert marked and marked <= {s.casefold() for s in SPELLED}, hit["snippet"]
    # the other spellings are found because of the entity: each invented article writes only its own
    own = {s: [t for t in _titles(_search(client, f'"{s}"')) if t in {t for t, _ in SPELLED.values()}] for s in SPELLED}
    assert own == {s: [title] for s, (title, _) in SPELLED.items()}


def test_fts_syntax_passes_through_unchanged(server: tuple[httpx.Client, str]) -> None:
    client, db = server
    either = set(_titles(_search(client, '"Zelenskiy" OR "wheat"')))
    assert {SPELLED["Zelenskiy"][0], HARVEST[0]} <= either
    assert SPELLED["Zelensky"][0] not in either and SPELLED["Zelenskyy"][0] not in either
    for written in ('"Zelenskiy"', "Zelenskiy AND Patriot", "Zelenskiy*"):
        with Store.open(db) as store:
            direct = [h.id for h in store.search(written, 50)]
        assert [h["id"] for h in _search(client, written)] == direct, written
    assert SPELLED["Zelensky"][0] not in _titles(_search(client, "Zelenskiy AND Patriot"))


def test_semantic_search_finds_a_paraphrase_first(server: tuple[httpx.Client, str]) -> None:
    client, db = server
    words = {w.casefold() for w in re.findall(r"\w+", " ".join(HARVEST))}
    assert not {w for w in PARAPHRASE.split() if len(w) > 3} & words  # nothing to find by its words
    assert HARVEST[0] not in _titles(_search(client, " OR ".join(w for w in PARAPHRASE.split() if len(w) > 3)))
    hits = _search(client, PARAPHRASE, mode="semantic", limit=5)
    assert hits[0]["title"] == HARVEST[0]
    ranks = [float(h["rank"]) for h in hits]  # type: ignore[arg-type]
    assert ranks == sorted(ranks, reverse=True) and -1.0 <= ranks[-1] <= ranks[0] <= 1.0
    assert str(hits[0]["snippet"]).startswith("Farmers in Kansas brought in a record wheat crop")
    printed = CliRunner().invoke(cli, ["search", PARAPHRASE, "--mode", "semantic", "--limit", "1", "--db", db])
    assert printed.exit_code == 0 and printed.output.split()[0] == hits[0]["id"]


def test_a_bad_mode_or_a_long_query_is_422_naming_the_parameter(server: tuple[httpx.Client, str]) -> None:
    client, _ = server
    bad = client.get("/api/v1/search", params={"q": "wheat", "mode": "fuzzy"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "mode"]
    long = client.get("/api/v1/search", params={"q": "wheat " * 100, "mode": "semantic"})
    assert long.status_code == 422 and long.json()["detail"][0]["loc"] == ["query", "q"]
    assert _titles(_search(client, "wheat", mode="fts")) == _titles(_search(client, "wheat"))
