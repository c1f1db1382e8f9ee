"""Time expressions: find them in article text and normalise them to TIMEX3 values (issue 5).

`find_times(text, anchor)` is the whole public surface; the rules live in `dates` and `relative`, the
machinery that runs them in `grammar`, the calendar arithmetic in `normalize`.
"""

from newsint.temporal import dates, holidays, relative
from newsint.temporal.grammar import find_times

__all__ = ["dates", "find_times", "holidays", "relative"]
