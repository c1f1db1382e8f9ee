"""What the CLI prints from hostile input: terminal sequences, forged lines, rich markup and HTML from titles, outlets,
file names and article text are shown escaped, never acted on; and the progress an ingest shows as it goes."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from rich.console import Console

from newsint.batch import IngestReport
from newsint.cli import pages
from newsint.cli.pages import IngestProgress
from newsint.cli.render import safe, safe_json, safe_lines
from newsint.errors import InputError

#: What must never reach a terminal raw: C0 controls but the line break, DEL, C1 controls, bidi overrides/isolates.
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

TITLE = "Evil \x1b]0;pwned\x07 title \x1b[2J [bold]B[/bold] <script>x</script> \u202eRLO \x9bC1 :warning:"
OUTLET = "Bad\x1b[31mRed [red]o[/red]"
BODY = (
    "The river crossing [click](javascript:alert(1)) reopened <img src=x onerror=alert(1)> after three days of "
    "shelling, the governor said on Monday. Officials in Kharkiv said the bridge would stay open. "
)


def _clean(result: Result) -> str:
    """Standard output and error together, checked to hold no raw control character."""
    text = result.stdout + result.stderr
    assert not RAW_CONTROL.findall(text), [
        text[max(m.start() - 20, 0) : m.end() + 20] for m in RAW_CONTROL.finditer(text)
    ]
    return text


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A folder with an article whose file name, title and outlet are hostile, and an unreadable file whose name
    would forge a line."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\nname.txt").write_text(f"title: {TITLE}\noutlet: {OUTLET}\n\n{BODY * 2}", encoding="utf-8")
    (folder / "bad\nskipped: forged.bin.gz").write_bytes(b"\x00\x01 not gzip at all")
    return folder


def test_hostile_input_is_printed_escaped(run_cli: Callable[..., Result], hostile: Path) -> None:
    ingested = run_cli("ingest", str(hostile))
    assert ingested.exit_code == 3  # the unreadable file is skipped
    text = _clean(ingested)
    skipped = [line for line in ingested.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 1 and "bad\\nskipped: forged.bin.gz" in skipped[0]
    assert "1 new" in ingested.stdout and "forged" not in text.replace(skipped[0], "")

    listed = _clean(run_cli("ls"))
    assert "\\x1b]0;pwned\\x07 title \\x1b[2J [bold]B[/bold] <script>x</script> \\u202eRLO \\x9bC1" in listed
    assert ":warning:" in listed and "Bad\\x1b[31mRed [red]o[/red]" in listed
    (article_id,) = run_cli("ls", "--ids").stdout.split()

    shown = _clean(run_cli("show", article_id))
    assert "[bold]B[/bold]" in shown and "Bad\\x1b[31mRed [red]o[/red]" in shown and "evil\\nname.txt" in shown
    assert "[click](javascript:alert(1))" in shown
    errors = _clean(run_cli("errors"))
    assert errors.count("\n") == 1 and "bad\\nskipped: forged.bin.gz" in errors

    found = _clean(run_cli("search", "crossing"))
    assert "[bold]B[/bold]" in found and "Bad\\x1b[31mRed [red]o[/red]" in found
    assert "[bold]" in _clean(run_cli("search", '"[bold]"')).split("no article matches")[-1]
    for command in (("times", "--doc", article_id), ("claims",), ("entities",), ("places",), ("events",)):
        _clean(run_cli(*command))
    stories = _clean(run_cli("stories"))
    story_id = stories.splitlines()[1].split()[0]
    _clean(run_cli("story", story_id))
    _clean(run_cli("story", story_id, "--json"))
    brief = _clean(run_cli("brief", "--format", "md"))
    assert "<script" not in brief and "<img" not in brief and "\\[click\\](javascript" in brief
    _clean(run_cli("brief", "--format", "html"))


def test_safe_escapes_controls_and_leaves_the_rest() -> None:
    assert (
        safe("a\x1b[2Jb\nc\td\r\x07\x9b\u202e\u2066 é 日本 \\ [b]")
        == "a\\x1b[2Jb\\nc\\td\\r\\x07\\x9b\\u202e\\u2066 é 日本 \\ [b]"
    )
    assert safe(None) == "" and safe(3) == "3"
    assert safe_lines("one\x1b\ntwo\n") == "one\\x1b\ntwo\n"
    assert safe_json({"t": "a\x1b\x9b\u202e\n"}) == '{"t": "a\\u001b\\u009b\\u202e\\n"}'


def _report(inputs: int, read: int, skipped: list[InputError]) -> IngestReport:
    return IngestReport(inputs=inputs, read=read, new=read - 1, duplicates=1, skipped=skipped)


def test_progress_in_a_log_is_a_line_every_interval(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("x")
    log = io.StringIO()
    console = Console(file=log, width=200)
    bad = InputError(str(tmp_path / "a\nb.txt"), "unreadable")
    with IngestProgress([str(tmp_path)], every=0, console=console) as progress:
        progress.update(_report(1, 4, []), str(tmp_path / "a.txt"))
        progress.update(_report(2, 9, [bad]), str(tmp_path / "b\x1b[2J.txt"))
    progress.finish(_report(3, 12, [bad, InputError("c", "late")]))
    lines = log.getvalue().splitlines()
    assert (
        lines[0].startswith("ingest: 1/3 inputs · 4 documents, ") and "/s · 3 new, 1 duplicates, 0 skipped" in lines[0]
    )
    assert lines[1] == f"skipped {tmp_path}/a\\nb.txt: unreadable"
    assert lines[2].startswith("ingest: 2/3 inputs") and "1 skipped" in lines[2] and lines[2].endswith("b\\x1b[2J.txt")
    assert lines[3:] == ["skipped c: late"]
    assert not RAW_CONTROL.search(log.getvalue())

    quiet = io.StringIO()
    with IngestProgress(every=3600, console=Console(file=quiet)) as progress:
        progress.update(_report(1, 4, []), "a.txt")
    assert quiet.getvalue() == ""  # nothing until the interval has passed


def test_progress_on_a_terminal_is_a_bar_with_totals(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=160)
    with IngestProgress([str(tmp_path), str(tmp_path / "b.txt")], console=console) as progress:
        assert progress.total == 1  # a missing file is no input
        progress.update(_report(1, 4, [InputError("x[bold]", "gone")]), "a[red].txt")
        progress.bar.refresh()
    shown = screen.getvalue()
    assert "1/1" in shown and "3 new, 1 duplicates, 1 skipped" in shown and "documents" in shown
    assert "a[red].txt" in shown and "skipped x[bold]: gone" in re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", shown)


def test_ingest_writes_progress_lines_to_a_log(
    run_cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "LOG_EVERY_S", 0.0)
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"The bridge at post {n} reopened after three days of shelling. " * 3)
    result = run_cli("ingest", str(tmp_path))
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("ingest: ")]
    assert len(lines) == 3 and "3 inputs" in lines[-1] and "3 documents" in lines[-1]
