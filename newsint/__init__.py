"""newsint: news intelligence from raw articles to cited facts.

Readers turn any common news format into `Article`s; a pipeline of named stages cleans and
annotates them; the SQLite store keeps them; the CLI and exports are thin layers over both.
"""

from newsint.errors import ConfigError, InputError, NewsintError, StageError
from newsint.model import Article, Provenance, Removed, Span, content_id
from newsint.pipeline import Pipeline
from newsint.settings import Settings, load_settings
from newsint.version import __version__

__all__ = [
    "Article",
    "ConfigError",
    "InputError",
    "NewsintError",
    "Pipeline",
    "Provenance",
    "Removed",
    "Settings",
    "Span",
    "StageError",
    "content_id",
    "load_settings",
    "__version__",
]
