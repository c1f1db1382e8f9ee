"""What the web tests share: a fresh store of the seeds and a test's own documents, and a real server over it."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn

from newsint.batch import ingest
from newsint.settings import Settings, load_settings
from newsint.store import Store
from newsint.web.app import CSP, create_app
from tests.conftest import SEEDS


def store_of_seeds(root: Path, documents: dict[str, str]) -> Settings:
    """Settings of a new database under `root` holding the seeds and `documents` (file name → text), ingested
    through the default pipeline."""
    corpus = root / "corpus"
    shutil.copytree(SEEDS, corpus)
    for name, text in documents.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = load_settings(None, db=str(root / "web.db"))
    with Store.open(settings.db_path) as store:
        ingest([str(corpus)], settings, store)
    return settings


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serve(settings: Settings, token: str) -> Iterator[str]:
    """The base URL of uvicorn serving `newsint serve`'s app on a free localhost port, stopped on exit."""
    port = _free_port()
    running = uvicorn.Server(
        uvicorn.Config(create_app(settings, token), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not running.started and time.time() < deadline:
        time.sleep(0.05)
    assert running.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(timeout=10)


def checked_get(client: httpx.Client, url: str, status: int = 200) -> httpx.Response:
    """GET `url`, asserting its status and the security headers every response of the server carries."""
    answer = client.get(url)
    assert answer.status_code == status, (url, answer.status_code, answer.text[:500])
    assert answer.headers["content-security-policy"] == CSP, url
    assert answer.headers["x-content-type-options"] == "nosniff", url
    return answer
