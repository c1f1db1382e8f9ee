"""`newsint serve`: the REST API (and its OpenAPI docs) over the store, on localhost unless a token is given."""

from __future__ import annotations

import secrets
from pathlib import Path

import click

from newsint.cli.common import common_options
from newsint.cli.render import err
from newsint.errors import ConfigError
from newsint.settings import load_settings


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; not loopback needs --token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--token", envvar="NEWSINT_TOKEN", help="Bearer token every write needs (env NEWSINT_TOKEN).")
@common_options
def serve_command(host: str, port: int, token: str | None, db: str | None, config_file: Path | None) -> None:
    """Serve the REST API over the database: /api/v1/..., documented at /api/docs."""
    # The web stack (FastAPI, uvicorn) loads only for this command, so the others start as fast as before.
    import uvicorn

    from newsint.web.app import check_bind, create_app

    try:
        check_bind(host, token)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    settings = load_settings(config_file, db=db)
    if not token:
        token = secrets.token_urlsafe(24)
        err.print(f"write token (Authorization: Bearer …): {token}", markup=False)
    err.print(f"serving {settings.db_path} at http://{host}:{port}/api/docs", markup=False)
    uvicorn.run(create_app(settings, token), host=host, port=port, log_level="warning")
