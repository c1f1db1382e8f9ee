"""What the commands print on one line: the consoles, `safe` (what every printed piece of input goes through), and
the short forms of claims, figures, events, places, times."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.text import Text

from newsint.batch import IngestReport
from newsint.model import Article, Claim, Event, Figure, PlaceMention, Statement, TimeExpr
from newsint.printable import UNSAFE, printable
from newsint.query import in_words

# No emoji codes: ":warning:" in a title is printed as written.
out = Console(highlight=False, soft_wrap=True, emoji=False)
if not out.is_terminal:
    # Piped output keeps whole table rows rather than wrapping them at 80 columns.
    out = Console(highlight=False, soft_wrap=True, width=200, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

ENTITY_STYLES = {"PERSON": "bold cyan", "ORG": "bold magenta", "LOC": "bold green", "MISC": "bold yellow"}


# -- safe printing ---------------------------------------------------------------------------------------------------


def safe(value: object) -> str:
    """`value` as text a terminal only shows: every control character and bidi override written as its escape
    (`\\x1b`, `\\n`, `\\u202e`). Every file name, title, outlet, name, claim or snippet a command prints goes
    through here, and is then printed without markup (`markup=False`, or inside a `Text`), so `[bold]` in a
    title is printed as written too. None is "".
    """
    text = "" if value is None else str(value)
    return printable(text)


def safe_lines(text: str) -> str:
    """A document (a brief) made `safe` line by line: its line breaks kept, every other control escaped."""
    return "\n".join(safe(line) for line in text.split("\n"))


def safe_json(value: object) -> str:
    """`value` as one line of JSON that a terminal only shows: JSON escapes the C0 controls itself; the C1
    controls and the bidi overrides, left as they are by `ensure_ascii=False`, are escaped here as `\\u…`."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(value, ensure_ascii=False))


def cell(value: object) -> Text:
    """A table cell of input-derived text: `safe`, and a `Text`, so rich reads no markup in it."""
    return Text(safe(value))


def safe_text(text: Text) -> Text:
    """A styled `Text` (an article's body) with every unsafe character but the line break escaped, each escape
    keeping the style of the character it stands for."""
    cuts = sorted({i for m in UNSAFE.finditer(text.plain) if m[0] != "\n" for i in (m.start(), m.end())})
    if not cuts:
        return text
    parts = text.divide(cuts)
    for index, part in enumerate(parts):
        if len(part) == 1 and part.plain != "\n" and UNSAFE.fullmatch(part.plain):
            escaped = Text(safe(part.plain), style=part.style)
            for span in part.spans:
                escaped.stylize(span.style)
            parts[index] = escaped
    return Text("").join(parts)


# -- one-line forms ------------------------------------------------------------------------------------------------


def place_line(mention: PlaceMention) -> str:
    place = mention.place
    if place is None:
        return f"unresolved: {mention.reason}"
    where = ", ".join(x for x in (place.admin1 if place.kind != "region" else "", place.country) if x)
    ids = f" · geonames {place.geonames_id}" if place.geonames_id else ""
    return f"{place.name} ({place.kind}{', ' + where if where else ''}) {place.lat:.4f}, {place.lon:.4f}{ids}"


def claim_line(claim: Claim, names: dict[str, str]) -> str:
    """[hedge] speaker (entity) cue: "content" · via …"""
    speaker = claim.speaker or "(no source named)"
    entity = names.get(claim.speaker_entity, claim.speaker_entity)
    if entity and entity != speaker:
        speaker += f" = {entity}"
    words = claim.text if len(claim.text) <= 160 else claim.text[:157] + "…"
    quote = f"“{words}”" if claim.direct else words
    hedge = claim.hedge + (f" ({claim.hedge_cue})" if claim.hedge_cue and claim.hedge_cue != claim.cue else "")
    via = f" · via {'; '.join(claim.via)}" if claim.via else ""
    return f"[{hedge}] {speaker} {claim.cue}: {quote}{via}"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def figure_line(figure: Figure) -> str:
    """20,000–30,000 Russian troops killed or injured (between) …"""
    if figure.value is not None:
        amount = _number(figure.value)
    else:
        amount = f"{_number(figure.low or 0)}–{_number(figure.high or 0)}"
    parts = [figure.qualifier, amount, figure.unit, figure.what]
    if figure.per is not None:
        parts.append(f"per {_number(figure.per) + ' ' if figure.per != 1 else ''}{figure.per_what}")
    return " ".join(p for p in parts if p) + f"  [{figure.text}]"


def event_date(event: Event) -> str:
    """The event's date in words ("9 March 2023", "the week of 10 April 2023"), starred when the publication date
    stands in for one the text did not give; "" for an undated event. The TIMEX3 value stays in the exports."""
    return timeline_when(event.date, event.date_from_published)


def timeline_when(value: str, from_published: bool = False) -> str:
    """A dated event's or claim's TIMEX3 date in words, starred when it is the report's own date."""
    return (in_words(value) + ("*" if from_published else "")) if value else ""


def event_who(event: Event) -> str:
    actors = ", ".join(event.actors)
    return f"{actors or '?'} → {', '.join(event.targets)}" if event.targets else actors


def event_place(event: Event) -> str:
    if event.place is None:
        return event.place_text
    return event.place.name + (f" ({event.place.country})" if event.place.country else "")


def event_flags(event: Event) -> str:
    return ", ".join(flag for flag, on in (("negated", event.negated), ("hypothetical", event.hypothetical)) if on)


def event_what(event: Event) -> str:
    return event.summary or f"“{event.trigger}”"


def event_line(event: Event) -> str:
    """[ART_MISS_ATTACK] 9 March 2023 · Kharkiv (UA) · Russian forces → civilians · 3 killed · what happened"""
    killed = "" if event.fatalities is None else f"{event.fatalities} killed"
    parts = (event_date(event), event_place(event), event_who(event), killed, event_flags(event))
    return f"[{event.subtype}] " + " · ".join(p for p in (*parts, event_what(event)) if p)


def time_line(expr: TimeExpr) -> str:
    """A time's kind and its value in words ("DATE     winter 2023"); the TIMEX3 code stays in the exports."""
    words = in_words(expr.value, expr.type, expr.mod)
    return f"{expr.type:<8} {words}{'' if expr.anchored else '  (from the text alone)'}"


def documents_cell(documents: list[str], shown: int = 3) -> str:
    """How many documents, and the first few ids (8 characters are enough for `show`)."""
    ids = " ".join(d[:8] for d in documents[:shown])
    more = " …" if len(documents) > shown else ""
    return f"{len(documents)}: {ids}{more}"


def dates(start: date | None, end: date | None) -> str:
    if start is None or end is None:
        return ""
    return str(start) if start == end else f"{start} – {end}"


def outlets_cell(outlets: list[str], shown: int = 3) -> str:
    more = f" +{len(outlets) - shown}" if len(outlets) > shown else ""
    return ", ".join(outlets[:shown]) + more


def statement_outlets(statements: Iterable[Statement]) -> str:
    return ", ".join(dict.fromkeys(s.outlet for s in statements))


def ingest_summary(report: IngestReport, stored: int, db_path: Path) -> str:
    counts = report.as_dict()
    return (
        f"read {counts['read']} articles from {counts['inputs']} inputs "
        f"({counts['unchanged']} unchanged since the last ingest): {counts['new']} new, "
        f"{counts['duplicates']} duplicates, {counts['near_duplicates']} near-duplicates, "
        f"{counts['skipped']} skipped · {stored} articles in {safe(db_path)}"
    )


def highlighted(article: Article) -> Text:
    """The article text with claims in italics (their cue in reverse, a hedge in yellow) and each entity
    mention coloured by type (underlined when found by role)."""
    text = Text(article.text)
    for claim in article.claims:
        text.stylize("italic", claim.start, claim.end)
        text.stylize("reverse", claim.cue_start, claim.cue_end)
        if claim.hedge_start is not None and claim.hedge_end is not None:
            text.stylize("bold yellow", claim.hedge_start, claim.hedge_end)
    for entity in article.entities:
        style = ENTITY_STYLES.get(entity.type, "bold")
        for mention in entity.mentions:
            text.stylize(style + (" underline" if mention.how == "role" else ""), mention.start, mention.end)
    return safe_text(text)
