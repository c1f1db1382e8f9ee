"""Alert rules: loading (one kind a rule, mistakes named), and the JSON lines each kind writes for articles
stored by hand through the real store; then the command end to end with a rules file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsint.batch import RULES
from newsint.errors import ConfigError
from newsint.model import Entity, Event, Figure, Mention, Place, PlaceMention, Span, content_id
from newsint.store import Store
from newsint.watch.alerts import Alerts, load_rules
from tests.conftest import make_article

TEXT = "Wagner fighters shelled Lviv on Monday, killing 12 people, officials said."
RULES_TOML = """
[alerts.wagner]
entity = "wagner"

[alerts.near-lviv]
near = [49.84, 24.03]
km = 10

[alerts.far-away]
near = [10.0, 10.0]

[alerts.strikes]
event_type = "Shelling/artillery/missile attack"

[alerts.killed]
figure = "people killed"
over = 10

[alerts.many-killed]
figure = "people killed"
over = 100
"""


def _stored(tmp_path: Path) -> tuple[Store, str]:
    article = make_article(TEXT, text=TEXT, title="Shelling in Lviv", meta={"url": "https://news.example/1"})
    article.id = content_id(article.title, TEXT)
    article.entities = [Entity("Wagner", "ORG", [Mention(0, 6, "Wagner")], id="org-wagner")]
    lviv = Place("Lviv", 49.84, 24.03, "city", "UA", "Lviv", 702550, 717273)
    article.places = [PlaceMention(24, 28, "Lviv", lviv, "entity", score=0.9)]
    article.figures = [Figure(48, 50, "12", 12.0, what="people killed")]
    article.events = [
        Event("ART_MISS_ATTACK", "shelled", 16, 23, (Span(0, len(TEXT)),), 0.9, ("Wagner",), (), lviv, "Lviv"),
        Event("ART_MISS_ATTACK", "shelled", 16, 23, (Span(0, 10),), 0.9, negated=True),
    ]
    store = Store.open(tmp_path / "alerts.db")
    store.write_batch([article], rules=RULES)
    return store, article.id


def test_each_rule_kind_writes_its_matches_as_json_lines(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text(RULES_TOML)
    store, article_id = _stored(tmp_path)
    out = io.StringIO()
    with store:
        count = Alerts(load_rules(rules_file), store, out).check(store, [article_id], {})
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(lines) == 4
    by_rule = {line["rule"]: line for line in lines}
    assert set(by_rule) == {"wagner", "near-lviv", "strikes", "killed"}  # not far away, not over 100, not negated
    assert all(line["article"] == article_id and line["time"] for line in lines)
    assert by_rule["wagner"]["kind"] == "entity" and by_rule["wagner"]["evidence"] == "Wagner"
    assert by_rule["near-lviv"]["span"] == [24, 28] and by_rule["near-lviv"]["km"] == 0.0
    assert by_rule["strikes"]["event"] == "ART_MISS_ATTACK" and by_rule["strikes"]["evidence"] == TEXT
    assert by_rule["killed"]["figure"] == 12.0 and by_rule["killed"]["evidence"] == "12"
    assert by_rule["killed"]["url"] == "https://news.example/1"


def test_a_named_place_is_found_among_the_stored_places(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text('[alerts.lviv]\nnear = "lviv"\nkm = 5\n')
    store, article_id = _stored(tmp_path)
    out = io.StringIO()
    with store:
        Alerts(load_rules(rules_file), store, out, gazetteer=lambda name: None).check(store, [article_id], {})
    assert json.loads(out.getvalue())["place"] == "Lviv"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("", "no \\[alerts\\] table"),
        ('[alerts.x]\nentity = "a"\nfigure = "b"\n', "exactly one of"),
        ('[alerts.x]\nfigure = "killed"\n', "needs `over`"),
        ('[alerts.x]\nevent_type = "Picnic"\n', "Picnic"),
        ('[alerts.x]\nentity = "a"\nkm = 3\n', "unknown keys"),
        ("[alerts.x]\nnew_story = 1\n", "new_story = true"),
        ('[alerts.x]\nnear = "Atlantis"\n', "no place named"),
    ],
)
def test_a_rule_mistake_is_a_configuration_error(tmp_path: Path, toml: str, message: str) -> None:
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text(toml)
    with Store.open(tmp_path / "r.db") as store, pytest.raises(ConfigError, match=message):
        Alerts(load_rules(rules_file), store, io.StringIO(), gazetteer=lambda name: None)


QUAKE_A = """date 2024-05-13
title: Earthquake kills at least 14 in eastern Turkey
outlet: Meridian News

A magnitude 6.1 earthquake struck the eastern Turkish province of Malatya early on Monday, killing at least 14 \
people and injuring more than 200, officials said. The disaster agency AFAD said several buildings collapsed.
"""
QUAKE_B = """date 2024-05-13
title: Rescuers dig through rubble after Malatya quake
outlet: Harbor Times

Rescue workers pulled survivors from collapsed buildings on Monday after a strong earthquake shook Malatya \
province in eastern Turkey, killing 17 people, according to the health ministry. The disaster agency AFAD put \
the magnitude at 6.1.
"""


@pytest.mark.slow
@pytest.mark.integration
def test_the_command_writes_alerts_for_a_folder_through_the_full_pipeline(tmp_path: Path, run_cli: object) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text(QUAKE_A)
    rules = tmp_path / "rules.toml"
    rules.write_text('[alerts.afad]\nentity = "AFAD"\n[alerts.story]\nnew_story = true\n'
                     '[alerts.toll]\nfigure = "killed"\nover = 10\n')  # fmt: skip
    alerts = tmp_path / "alerts.jsonl"
    args = ("watch", str(folder), "--once", "--settle", "0", "--rules", str(rules), "--alerts", str(alerts))
    result = run_cli(*args)  # type: ignore[operator]
    assert result.exit_code == 0, result.output
    first = [json.loads(line) for line in alerts.read_text().splitlines()]
    assert {line["rule"] for line in first} >= {"afad"}
    assert "story" not in {line["rule"] for line in first}  # one article is no story yet
    (folder / "b.txt").write_text(QUAKE_B)
    assert run_cli(*args).exit_code == 0  # type: ignore[operator]
    second = [json.loads(line) for line in alerts.read_text().splitlines()][len(first) :]
    assert "story" in {line["rule"] for line in second}
    assert all(line["article"] != first[0]["article"] for line in second)
