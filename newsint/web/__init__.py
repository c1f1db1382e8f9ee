"""The web face: `newsint serve`'s ASGI app and REST API, a thin layer over the query layer like the CLI."""
