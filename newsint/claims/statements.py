"""An article's claims: each attribution found in the parse made a `Claim` with its speaker, channel and hedge.

`claims/extract.py` finds the attributions (cue verbs scored by the shipped cue model); the speaker comes
from `claims/speakers.py`; `via` is the channel named beside the cue ("in an interview published by a Rome
daily", "writing on social media", "told Insider"), then the article's outlet; the hedge comes from
`claims/hedges.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.claims.cues import verb_lemma
from newsint.claims.extract import find_attributions
from newsint.claims.hedges import grade_claim
from newsint.claims.speakers import Speakers
from newsint.model import Article, Claim

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsint.claims.cuemodel import CueModel

# Nouns that name the channel a statement went out on ("in an interview", "on Telegram").
CHANNELS = frozenset(
    """interview statement update briefing post video message tweet speech address report broadcast
    conference media telegram twitter facebook x instagram youtube television tv radio podcast op-ed article
    column letter blog channel website session hearing call remarks comments""".split()
)
_CHANNEL_CASES = frozenset("in on at during via through over".split())
# Listeners that are the press: "told reporters" is how the claim reached the article.
_PRESS = frozenset("reporters journalists newsmen media press".split())


def _phrase_text(head: Token) -> str:
    """The words of the phrase `head` heads, on one line, without edge punctuation."""
    subtree = head.doc[head.left_edge.i : head.right_edge.i + 1]
    return " ".join(subtree.text.split()).strip(" ,;:")


def _via(cue: Token) -> list[str]:
    """Channels named around the cue, nearest first."""
    tells = verb_lemma(cue.text) == "tell"
    found: list[str] = []
    for child in cue.children:
        if child.dep_ == "obl" and _is_channel(child):
            found.append(_phrase_text(child))
        elif child.dep_ in ("obj", "iobj") and tells and (child.ent_type_ == "ORG" or child.lower_ in _PRESS):
            found.append(f"{cue.text} {_phrase_text(child)}")
        elif child.dep_ == "advcl" and any(g.dep_ == "obl" and _is_channel(g) for g in child.children):
            found.append(_phrase_text(child))
    return found


def _is_channel(noun: Token) -> bool:
    """'in an interview', 'on Telegram', 'during a briefing' name a channel; 'asked for a session' does not."""
    return noun.lower_ in CHANNELS and any(c.dep_ == "case" and c.lower_ in _CHANNEL_CASES for c in noun.children)


def build_claims(article: Article, doc: Doc, cue_model: CueModel | None) -> list[Claim]:
    """The claims of an article whose text was parsed into `doc`."""
    text = article.text
    speakers = Speakers(doc, article.entities)
    claims: list[Claim] = []
    for found in find_attributions(doc, cue_model):
        speaker, entity = speakers.resolve(found, text)
        speakers.remember(found, speaker, entity)
        hedge, hedge_span = grade_claim(text, found.content, found.cue, found.cue_lemma)
        via = _via(doc[found.cue_token]) if found.cue_token is not None and found.cue_lemma != "according to" else []
        if article.outlet:
            via.append(article.outlet)
        claims.append(
            Claim(
                start=found.content[0],
                end=found.content[1],
                text=text[found.content[0] : found.content[1]],
                direct=found.direct,
                cue=text[found.cue[0] : found.cue[1]],
                cue_start=found.cue[0],
                cue_end=found.cue[1],
                speaker=speaker,
                speaker_start=found.source[0] if found.source and speaker else None,
                speaker_end=found.source[1] if found.source and speaker else None,
                speaker_entity=entity.id or entity.name if entity is not None else "",
                via=tuple(via),
                hedge=hedge,
                hedge_cue=text[hedge_span[0] : hedge_span[1]] if hedge_span else "",
                hedge_start=hedge_span[0] if hedge_span else None,
                hedge_end=hedge_span[1] if hedge_span else None,
            )
        )
    return claims
