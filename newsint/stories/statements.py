"""What the articles of a story say, as Statements, and which independent report each comes from.

Two statements come from the same independent source when their articles relay one another (a near-duplicate
counts as its original; a second article of the same outlet counts as that outlet) or when the claim names
another outlet as its path ("told Reuters", "in an interview with a named daily"): then the source is that
outlet, whichever article carries it. So "three sources" means three independent reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsint.model import Article, Claim, Span, Statement
from newsint.text.sites import outlet_from_url

MIN_WORDS = 6  # shorter own-voice sentences are headings and fragments, not statements
MIN_CLAIM_WORDS = 3
_NAME_RUN = re.compile(r"[A-Z][\w&.-]*(?:\s+(?:[A-Z][\w&.-]*|de|of|al)(?=\s+[A-Z]))*(?:\s+[A-Z][\w&.-]*)?")
_POSSESSIVE = re.compile(r"^['’]s\b")
_NOT_OUTLETS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)
_RELAY_CUES = re.compile(
    r"\b(told|to|by|with|in|on|from|according to|quoted|cited|via|reported|wrote|published|newspaper|daily|"
    r"agency|broadcaster|channel|television|radio|magazine|outlet|website)\b",
    re.IGNORECASE,
)


UNKNOWN_OUTLET = "outlet unknown"


def source_label(outlet: str | None, url: str | None, input_path: str = "", fallback: str = "") -> str:
    """The source a citation names: the outlet, else the domain of its URL (or of `fallback` when that is a web
    address, as an article's `source` may be), else "outlet unknown".

    Never the input file's name: a file is where the article was read from (its provenance), not who published
    it, and a name like "004_fa7dbe3a23567602.txt" shown as an outlet misleads. `input_path` stays in the
    signature for callers that pass it.
    """
    web = fallback if re.match(r"https?://", fallback) else None
    return outlet or outlet_from_url(url) or outlet_from_url(web) or UNKNOWN_OUTLET


def numbered_unknown(labels: Iterable[str]) -> list[str]:
    """The labels with each "outlet unknown" numbered in turn ("outlet unknown (article 1)", "… (article 2)"):
    articles whose outlet is unknown are so many reports, never one source. Given in date order, then as stored
    (the store's order for a story), the numbers are the ones a story's brief cites."""
    count = 0
    numbered = []
    for label in labels:
        if outlet_unknown(label):
            count += 1
            label = f"{UNKNOWN_OUTLET} (article {count})"
        numbered.append(label)
    return numbered


def outlet_unknown(label: str) -> bool:
    """Whether a citation label says the outlet is unknown (alone or numbered: "outlet unknown (article 2)")."""
    return label.startswith(UNKNOWN_OUTLET)


def citation_label(article: Article) -> str:
    """How a citation names the article's outlet (`source_label`)."""
    return source_label(article.outlet, article.meta.get("url"), article.provenance.input_path, article.source)


def relay_outlet(via: str) -> str:
    """The outlet a `via` phrase names as the claim's path ("told Reuters" → "Reuters"), else "".

    The last run of capitalised words that is not a possessive modifier ("Spain's" in "Spain's El Pais")
    and not a day or month; a phrase with no relay cue word, or whose only capital is its first word, names
    no outlet ("Writing on social media").
    """
    if not _RELAY_CUES.search(via):
        return ""
    found = ""
    for match in _NAME_RUN.finditer(via):
        words = [w for w in match.group().split() if w.casefold() not in _NOT_OUTLETS]
        if not words or not any(w[0].isupper() for w in words):
            continue
        if match.start() == 0 and len(match.group().split()) == 1:
            continue  # a sentence-initial word ("Writing", "In")
        if _POSSESSIVE.match(via[match.end() :]):
            continue
        found = " ".join(words)
    return found


def _root(article: Article, by_id: dict[str, Article]) -> Article:
    seen = {article.id}
    while article.duplicate_of and article.duplicate_of in by_id and article.duplicate_of not in seen:
        article = by_id[article.duplicate_of]
        seen.add(article.id)
    return article


def source_of(article: Article, claim: Claim | None, by_id: dict[str, Article]) -> str:
    """The independent report a statement belongs to (see the module docstring)."""
    root = _root(article, by_id)
    if claim is not None:
        for via in claim.via:
            outlet = relay_outlet(via)
            if outlet and outlet.casefold() != (article.outlet or "").casefold():
                return "via:" + outlet.casefold()
    return f"outlet:{root.outlet.casefold()}" if root.outlet else f"doc:{root.id}"


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def sentence_at(article: Article, position: int) -> Span | None:
    """The sentence of `article` holding the character at `position`."""
    return next((s for s in article.sentences if s.start <= position < s.end), None)


def sentence_text(article: Article, start: int, end: int) -> str:
    """The text of a sentence as a statement quotes it (and as `vectors.embed_sentences` embeds it)."""
    return article.text[start:end].strip()


def article_statements(article: Article, by_id: dict[str, Article]) -> list[Statement]:
    """One statement per sentence that holds a claim's words (its speaker and hedge those of the sentence's
    first claim; every sentence of a quotation that runs over several), and one per other sentence the article
    says in its own voice.

    The whole sentence is the evidence: a claim's content alone often lacks its subject ("to be losing
    ground"), and a reader checks a citation against the sentence.
    """
    label = citation_label(article)
    found: list[Statement] = []
    claimed: set[int] = set()
    for index, claim in enumerate(article.claims):
        if len(claim.text.split()) < MIN_CLAIM_WORDS:
            continue
        first = sentence_at(article, claim.start)
        # "… airfields. The report is a fabrication. That shootdown never happened," the spokesman said.
        told = [s for s in article.sentences if claim.start < s.start < claim.end]
        for sentence in ([first] if first else []) + told:
            if sentence.start in claimed:
                continue
            claimed.add(sentence.start)
            text = sentence_text(article, sentence.start, sentence.end)
            source = source_of(article, claim, by_id)
            said = (label, article.published, claim.speaker, claim.hedge, index)
            found.append(Statement(article.id, sentence.start, sentence.end, text, source, *said))
    spans = [(c.start, c.end) for c in article.claims]
    own_source = source_of(article, None, by_id)
    for sentence in article.sentences:
        text = sentence_text(article, sentence.start, sentence.end)
        if len(text.split()) < MIN_WORDS or text.endswith("?") or _overlaps(sentence.start, sentence.end, spans):
            continue
        found.append(Statement(article.id, sentence.start, sentence.end, text, own_source, label, article.published))
    return sorted(found, key=lambda s: s.start)
