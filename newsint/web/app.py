"""The ASGI app of `newsint serve`: the REST API, its OpenAPI docs, the write token and the upload endpoint.

Writes need the token on every address (`Authorization: Bearer TOKEN`), compared in constant time; reads need
none, as the server binds loopback unless a token is given (`check_bind`). One ingest runs at a time: another
upload meanwhile gets 409, and an ingest is one store transaction per batch, so nothing is half-written.
"""

from __future__ import annotations

import ipaddress
import logging
import secrets
import tempfile
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from newsint import __version__, query
from newsint.batch import ingest
from newsint.errors import ConfigError
from newsint.settings import Settings
from newsint.web import explore, pages
from newsint.web.api import router

logger = logging.getLogger(__name__)

#: The largest upload an ingest takes (413 above it).
MAX_UPLOAD_BYTES = 64 * 1024 * 1024
_LOOPBACK_NAMES = {"localhost"}
#: Every response's Content-Security-Policy: nothing but the server's own files, no plugin, no framing.
CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"


def is_loopback(host: str) -> bool:
    """Whether `host` is a loopback address (127.0.0.0/8, ::1) or "localhost"."""
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve a non-loopback address without a token: the API would be open to the network."""
    if not is_loopback(host) and not token:
        raise ConfigError(f"refusing to bind {host} without --token: anyone on the network could write to the store")


def require_token(request: Request) -> None:
    """A write's `Authorization: Bearer TOKEN` must carry the server's token."""
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(value.strip(), request.app.state.token):
        raise HTTPException(status_code=401, detail="writes need the server's token: Authorization: Bearer TOKEN")


#: How many of the biggest stories have their analysis and briefing computed ahead of the first reader.
WARM_STORIES = 20


def create_app(settings: Settings, token: str, warm_stories: int = WARM_STORIES) -> FastAPI:
    """The app over the store the settings name; `token` guards every write. While it serves, a background thread
    computes the views readers ask for first (`query.refresh_views`), at start and after every ingest."""
    warming = Warming(settings, warm_stories)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        warming.start()
        yield
        warming.stop()

    app = FastAPI(
        lifespan=lifespan,
        title="newsint",
        version=__version__,
        summary="News intelligence over a local corpus: documents, entities, places, claims, events, stories.",
        docs_url=None,  # /api/docs is pages.api_docs: Swagger UI from the package, not a CDN
        openapi_url="/api/openapi.json",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.token = token
    app.state.ingesting = threading.Lock()
    app.state.warming = warming
    app.include_router(router)
    app.include_router(pages.router)
    app.include_router(explore.router)
    app.mount("/static", pages.static_files(), name="static")
    app.add_api_route("/api/v1/ingest", ingest_upload, methods=["POST"], dependencies=[Depends(require_token)])

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    @app.exception_handler(ConfigError)
    def config_error(request: Request, exc: ConfigError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    return app


class Warming:
    """One background thread that keeps the stored views fresh (`query.refresh_views`) with its own connection:
    at start, when woken (after an upload's ingest), and when it finds the store's generation changed (an ingest
    by another process: `newsint ingest` into the database being served), looked at every POLL_SECONDS."""

    POLL_SECONDS = 30.0

    def __init__(self, settings: Settings, stories: int) -> None:
        self.settings, self.stories = settings, stories
        self.thread: threading.Thread | None = None
        self.wake = threading.Event()
        self.stopping = threading.Event()

    def start(self) -> None:
        """Start the thread, or wake it if it runs."""
        if self.stories <= 0:
            return
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="newsint-warm-views", daemon=True)
            self.thread.start()
        self.wake.set()

    def stop(self) -> None:
        self.stopping.set()
        self.wake.set()
        if self.thread is not None:
            self.thread.join(timeout=5)

    def _run(self) -> None:
        seen: tuple[str, int] | None = None
        while not self.stopping.is_set():
            self.wake.clear()
            try:
                with query.open_store(self.settings) as store:
                    if (generation := store.generation()) != seen:
                        query.refresh_views(store, self.stories, self.stopping.is_set)
                        seen = generation
            except Exception as exc:  # a view is a cache: a reader computes it if this fails
                logger.warning("warming the stored views failed: %s", exc)
            self.wake.wait(self.POLL_SECONDS)


async def ingest_upload(request: Request) -> dict[str, Any]:
    """Ingest the request body (any format `newsint ingest` reads, e.g. JSONL or HTML), as `newsint ingest` would:
    the ids stored and the inputs or records skipped, with why."""
    body = await request.body()
    if len(body) > MAX_UPLOAD_BYTES:
        raise HTTPException(status_code=413, detail=f"upload over {MAX_UPLOAD_BYTES:,} bytes")
    if not body:
        raise HTTPException(status_code=422, detail="body: empty upload")
    return await _run_ingest(request, body, request.headers.get("x-filename", "upload"))


async def _run_ingest(request: Request, body: bytes, name: str) -> dict[str, Any]:
    lock: threading.Lock = request.app.state.ingesting
    if not lock.acquire(blocking=False):
        raise HTTPException(status_code=409, detail="another ingest is running; try again when it has finished")
    try:
        return await run_in_threadpool(_ingest_bytes, request.app.state.settings, body, name)
    finally:
        lock.release()
        request.app.state.warming.start()


def _ingest_bytes(settings: Settings, body: bytes, name: str) -> dict[str, Any]:
    safe = Path(name).name or "upload"
    with tempfile.TemporaryDirectory(prefix="newsint-upload-") as folder:
        path = Path(folder) / safe
        path.write_bytes(body)
        with query.open_store(settings) as store:
            before = set(query.titles(store))
            report = ingest([str(path)], replace(settings, workers=1), store)  # one upload: no worker pool
            stored = [doc for doc in query.titles(store) if doc not in before]
    return {
        **report.as_dict(),
        "ids": stored,
        "errors": [{"locator": e.locator, "reason": e.reason} for e in report.skipped],
    }
