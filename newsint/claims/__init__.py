"""Claims: quotations and reported speech with their speakers, hedging and path to the article (issue 6)."""

from newsint.claims.extract import find_attributions
from newsint.claims.frames import Found
from newsint.claims.quotes import Quote, find_quotes

__all__ = ["Found", "Quote", "find_attributions", "find_quotes"]
