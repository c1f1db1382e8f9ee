"""`python -m newsint.cli`: the `newsint` command."""

from newsint.cli import main

main()
