"""The `newsint` command: thin commands over settings, the query layer and the pipeline.

Commands are grouped by theme (`documents`, `findings`, `stories`, `database`, `evaluate`); what they print
is in `render` (consoles, one-line forms) and `pages` (tables, whole pages), what they share in `common`.
Every read goes through `newsint.query`.

Exit status: 0 when everything went in, 3 when some inputs were skipped, 2 for usage or
configuration errors.
"""

from __future__ import annotations

import sys

import click

from newsint import __version__
from newsint.cli import database, documents, findings, stories
from newsint.cli.evaluate import eval_group
from newsint.cli.render import err
from newsint.cli.serve import serve_command
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
        err.print(f"error: {exc}", markup=False)
        sys.exit(2)
    except NewsintError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(1)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
