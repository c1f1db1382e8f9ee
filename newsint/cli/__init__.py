"""The `newsint` command: thin commands over settings, the query layer and the pipeline.

Commands are grouped by theme (`documents`, `findings`, `stories`, `database`, `evaluate`); what they print
is in `render` (consoles, one-line forms) and `pages` (tables, whole pages), what they share in `common`.
Every read goes through `newsint.query`.

Exit status: 0 when everything went in, 3 when some inputs were skipped, 2 for usage or
configuration errors, 1 for a bug (its traceback written to a file in the user log directory).
"""

from __future__ import annotations

import os
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

import click
import platformdirs

from newsint import __version__
from newsint.cli import database, documents, findings, stories
from newsint.cli.evaluate import eval_group
from newsint.cli.render import err, safe
from newsint.cli.serve import serve_command
from newsint.cli.watch import watch_command
from newsint.errors import ConfigError, NewsintError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsint")
def cli() -> None:
    """newsint: turn piles of news articles into clean, searchable, cited documents."""


for _command in (
    *database.COMMANDS,
    *documents.COMMANDS,
    *findings.COMMANDS,
    *stories.COMMANDS,
    serve_command,
    watch_command,
    eval_group,
):
    cli.add_command(_command)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        err.print("aborted")
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except ConfigError as exc:
        err.print(f"error: {safe(exc)}", markup=False)
        sys.exit(2)
    except NewsintError as exc:
        err.print(f"error: {safe(exc)}", markup=False)
        sys.exit(1)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug: the traceback goes to a file, the store keeps every batch written
        log = crash_log()
        err.print(
            f"newsint hit a bug ({type(exc).__name__}); what was stored before it is kept. Traceback: {log}",
            markup=False,
        )
        sys.exit(1)


def crash_log() -> Path:
    """Write the current exception's traceback to a new file in the user log directory; its path."""
    folder = Path(platformdirs.user_log_dir("newsint"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"crash-{datetime.now(UTC):%Y%m%dT%H%M%S}-{os.getpid()}.log"
    path.write_text(f"newsint {__version__} {' '.join(sys.argv)!r}\n{traceback.format_exc()}", encoding="utf-8",
                    errors="backslashreplace")  # fmt: skip
    return path
