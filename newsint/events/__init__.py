"""Events: triggers in the parse, their class (ACLED, PLOVER), participants, place and date (issue 7)."""
