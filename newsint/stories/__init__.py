"""Stories across outlets: incremental clustering (cluster.py), what their articles say together (analysis.py,
statements.py, stances.py) and the cited briefing (brief.py)."""
