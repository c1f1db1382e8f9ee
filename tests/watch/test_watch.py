"""`newsint watch` against a local site and folders: new items in one poll, restarts without duplicates,
failures recorded and backed off, conditional GETs, robots.txt, folders, sitemaps, and SIGTERM."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsint import query
from newsint.settings import Settings
from newsint.store import Store
from newsint.watch import Watcher, WatchOptions
from tests.watch.conftest import LIGHT_STAGES, Site

FAST = WatchOptions(every=0.05, once=True, per_host=0.0, timeout=2.0, settle=0.0)


def _poll(targets: list[str], settings: Settings, options: WatchOptions = FAST) -> Watcher:
    """One round over `targets` with a fresh watcher on the settings' database (closed after)."""
    with Store.open(settings.db_path) as store:
        watcher = Watcher(targets, settings, store, options)
        try:
            watcher.run()
        finally:
            watcher.close()
    return watcher


def _sources(settings: Settings) -> list[str]:
    with Store.open(settings.db_path) as store:
        return [a.source for a in query.articles(store)]


def test_a_new_feed_item_is_stored_within_one_poll(site: Site, light_settings: Settings) -> None:
    feed = f"{site.base}/feed.xml"
    assert _poll([feed], light_settings).report.new == 1
    site.items.append((2, "school repairs"))
    assert _poll([feed], light_settings).report.new == 1
    assert _sources(light_settings) == [f"{site.base}/news/1.html", f"{site.base}/news/2.html"]
    with Store.open(light_settings.db_path) as store:
        article = next(query.articles(store))
        assert article.title == "Report 1: flood defences"
        assert "fetched" in article.meta  # the page itself, not the feed's summary
        assert "full report" in article.text
    assert all(agent.startswith("newsint/") for agent in site.agents)


def test_a_restart_resumes_without_duplicates_and_sends_the_stored_etag(site: Site, light_settings: Settings) -> None:
    feed = f"{site.base}/feed.xml"
    _poll([feed], light_settings)
    again = _poll([feed], light_settings)  # a new watcher and a new connection: a restart
    assert again.report.new == 0
    assert site.conditional_hits["/feed.xml"] == 1  # answered 304 from the stored ETag
    assert site.hits["/news/1.html"] == 1
    site.items.append((2, "school repairs"))
    assert _poll([feed], light_settings).report.new == 1
    assert site.hits["/news/1.html"] == 1 and site.hits["/news/2.html"] == 1
    assert len(_sources(light_settings)) == 2


def test_a_server_error_and_a_timeout_are_recorded_and_backed_off(site: Site, light_settings: Settings) -> None:
    feed = f"{site.base}/feed.xml"
    site.feed_status = 500
    with Store.open(light_settings.db_path) as store:
        options = WatchOptions(every=0.3, once=True, per_host=0.0, timeout=0.5, settle=0.0)
        watcher = Watcher([feed], light_settings, store, options)
        watcher.run()  # not fatal
        state = store.watch_source(feed)
        assert state is not None and state.failures == 1 and state.last_error == "HTTP 500 Internal Server Error"
        assert any("HTTP 500" in e.reason for e in query.errors(store))
        hits = site.hits["/feed.xml"]
        watcher.poll_round()  # held back: the back-off has not passed
        assert site.hits["/feed.xml"] == hits
        site.feed_status, site.feed_delay = 200, 1.5
        time.sleep(0.35)
        watcher.poll_round()
        state = store.watch_source(feed)
        assert state is not None and state.failures == 2 and "timed out" in (state.last_error or "")
        assert state.retry_at is not None
        site.feed_delay = 0.0
        time.sleep(0.65)  # 0.3 s × 2
        watcher.poll_round()
        state = store.watch_source(feed)
        assert state is not None and state.failures == 0 and state.last_error is None
        assert watcher.report.failed == 2 and watcher.report.new == 1
        watcher.close()


def test_an_unreachable_host_is_recorded(light_settings: Settings) -> None:
    watcher = _poll(["http://127.0.0.1:9/feed.xml"], light_settings)
    assert watcher.report.failed == 1 and "cannot connect" in watcher.report.failures[0]


def test_robots_txt_is_respected(site: Site, light_settings: Settings) -> None:
    site.items.append((100, "private briefing"))  # its page is under /private/, which robots.txt disallows
    assert _poll([f"{site.base}/feed.xml"], light_settings).report.new == 2
    assert site.hits["/private/100.html"] == 0
    with Store.open(light_settings.db_path) as store:
        private = [a for a in query.articles(store) if a.source.endswith("/private/100.html")]
        assert len(private) == 1 and private[0].meta.get("feed_text") == "summary"  # the feed's own text
    site.robots = "User-agent: *\nDisallow: /\n"
    blocked = _poll([f"{site.base}/sitemap.xml"], light_settings)  # robots.txt is read again: a new watcher
    assert blocked.report.failed == 1 and "robots.txt" in blocked.report.failures[0]
    assert site.hits["/sitemap.xml"] == 0


def test_a_sitemap_index_is_followed_and_unchanged_sitemaps_cost_a_304(site: Site, light_settings: Settings) -> None:
    site.items.append((2, "school repairs"))
    assert _poll([f"{site.base}/index.xml"], light_settings).report.new == 2
    assert site.hits["/sitemap.xml"] == 1
    assert _poll([f"{site.base}/index.xml"], light_settings).report.new == 0
    assert site.conditional_hits["/index.xml"] == 1
    site.items.append((3, "bridge closure"))
    assert _poll([f"{site.base}/index.xml"], light_settings).report.new == 1
    assert site.hits["/news/1.html"] == 1


def test_a_folder_watch_takes_new_and_changed_files(tmp_path: Path, light_settings: Settings) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text("title: Harbour\n\nThe harbour reopened on Monday after the storm passed.\n")
    assert _poll([str(folder)], light_settings).report.new == 1
    assert _poll([str(folder)], light_settings).report.polls == 1
    (folder / "b.txt").write_text("title: Rail\n\nTrains to the coast ran again on Tuesday after repairs.\n")
    (folder / "a.txt").write_text("title: Harbour\n\nThe harbour reopened on Monday; ferries sail on Wednesday.\n")
    (folder / ".hidden.txt").write_text("not read")
    watcher = _poll([str(folder)], light_settings)
    assert watcher.report.new == 2
    with Store.open(light_settings.db_path) as store:
        assert store.watch_seen(str(folder.resolve())).keys() == {str(folder / "a.txt"), str(folder / "b.txt")}


def test_an_unknown_target_is_a_configuration_error(light_settings: Settings) -> None:
    from newsint.errors import ConfigError

    with Store.open(light_settings.db_path) as store, pytest.raises(ConfigError, match="neither"):
        Watcher(["no/such/folder"], light_settings, store)


@pytest.mark.integration
def test_sigterm_stops_the_command_cleanly(site: Site, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f"stages = {LIGHT_STAGES!r}\n".replace("'", '"'))
    db = tmp_path / "watch.db"
    command = [sys.executable, "-m", "newsint.cli", "watch", f"{site.base}/feed.xml", "--every", "0.1s",
               "--pace", "0", "--db", str(db), "--config", str(config)]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "NEWSINT_DB"}
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and site.conditional_hits["/feed.xml"] < 2:
            time.sleep(0.05)  # stored, then polled again (304) at least twice
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0, stderr
    assert "SIGTERM" in stderr
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        items = connection.execute("SELECT item FROM watch_items").fetchall()
        assert items == [(f"{site.base}/item/1",)]
        finished = connection.execute("SELECT finished_at FROM runs WHERE command LIKE 'watch %'").fetchone()
        assert finished[0] is not None
