"""No raw TIMEX3 code reaches a person from the CLI (issue 30): `times`, `events`, `show` and `story` say times in
words ("winter 2023", "the week of 10 April 2023", "9 March 2023"); the JSON export keeps the values themselves."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from click.testing import Result

#: A TIMEX3 code a person should never have to read: a week, season, quarter or half, a duration, a reference.
RAW_CODE = re.compile(r"\b\d{4}-(?:W\d\d|WI|SP|SU|FA|Q\d|H\d)\b|\bP\d+[YMWDH]\b|_REF\b")
ARTICLE = (
    "date: 2023-04-19\ntitle: Shelling near Kharkiv\n\n"
    "Russian forces shelled the city of Kharkiv on 9 March 2023, killing three civilians, officials in Kyiv said. "
    "Food prices rose sharply in the winter of 2023, the ministry said. "
    "Fighting went on in the Donetsk region last week, and the talks have lasted for three years.\n"
)


def test_the_cli_says_times_in_words_and_the_export_keeps_the_values(run_cli: Callable[..., Result]) -> None:
    assert run_cli("ingest", "-", input=ARTICLE).exit_code == 0
    (article_id,) = run_cli("ls", "--ids").stdout.split()
    exported = json.loads(run_cli("export", "--format", "json").stdout)
    values = {t["text"]: t["value"] for t in exported["times"]}
    assert values["the winter of 2023"] == "2023-WI" and values["last week"] == "2023-W15"
    assert [e["date"] for e in exported["events"]] == ["2023-03-09"]  # machines read ISO dates and TIMEX3 codes

    times = run_cli("times", "--doc", article_id).stdout
    assert "winter 2023" in times and "the week of 10 April 2023" in times and "9 March 2023" in times
    assert "3 years" in times
    events = run_cli("events").stdout
    assert "9 March 2023" in events and "2023-03-09" not in events  # one convention: a day in words
    shown = run_cli("show", article_id).stdout
    story_id = run_cli("stories").stdout.splitlines()[1].split()[0]
    story = run_cli("story", story_id).stdout
    assert "9 March 2023" in story and "2023-03-09" not in story
    for output in (times, events, shown, story):
        assert not RAW_CODE.search(output), RAW_CODE.findall(output)
