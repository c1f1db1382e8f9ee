from __future__ import annotations

from pathlib import Path

from newsint.batch import ingest
from newsint.settings import Settings
from newsint.store import Store

STORY = (
    "Negotiators from the two countries met in the capital on Sunday for talks on exchanging prisoners, "
    "the first meeting since the ceasefire was signed last week. The delegations agreed to exchange lists "
    "of detainees within ten days, a mediator said after the session. Families of the missing gathered "
    "outside the hotel holding photographs and asking for news of relatives held since the winter fighting. "
    "The mediator said a second round would take place next month if the lists were exchanged on time. "
    "Neither delegation spoke to reporters as they left the building under heavy police escort."
)


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text)


def test_near_duplicates_are_linked_to_the_first_copy_not_dropped(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "a.txt", f"title: Prisoner talks open\n\n{STORY}")
    rewrite = STORY.replace("on Sunday", "on Sunday morning").replace("heavy police escort", "police escort")
    _write(
        folder,
        "b.txt",
        f"title: Talks on prisoners begin\n\nFrom our wire service.\n\n{rewrite}\n\nRead the original article.",
    )
    _write(
        folder,
        "c.txt",
        "title: Unrelated\n\n" + "Grain prices rose sharply as dry weather hit the harvest in the south. " * 8,
    )
    with Store.open(settings.db_path) as store:
        report = ingest([str(folder / "a.txt")], settings, store)
        report2 = ingest([str(folder)], settings, store)
        by_title = {a.title: a for a in store.articles()}
    assert report.new == 1 and report2.new == 2 and report2.near_duplicates == 1
    original = by_title["Prisoner talks open"]
    copy = by_title["Talks on prisoners begin"]
    assert copy.duplicate_of == original.id and copy.duplicate_similarity and copy.duplicate_similarity >= 0.5
    assert original.duplicate_of is None and by_title["Unrelated"].duplicate_of is None


def test_exact_duplicates_count_once_and_second_ingest_adds_nothing(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "a.txt", f"title: Prisoner talks open\n\n{STORY}")
    _write(folder, "copy.txt", f"title: Prisoner talks open\n\n{STORY}\n")
    with Store.open(settings.db_path) as store:
        first = ingest([str(folder)], settings, store)
        second = ingest([str(folder)], settings, store)
        assert store.count() == 1
    assert (first.new, first.duplicates, first.near_duplicates) == (1, 1, 0)
    assert (second.new, second.unchanged, second.read) == (0, 2, 0)
