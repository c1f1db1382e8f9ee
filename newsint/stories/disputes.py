"""Disputes between the parties of a story: who did it, who holds a place, whether it happened, how many.

Each statement of a story (a claim with its speaker, or a sentence in an outlet's own voice) is read for what it
asserts on four questions, and the party that asserts it (`stories/parties.py`):

- **responsibility**: a statement that assigns an attack ("blamed", "accused", "fired from", "caused by",
  "staged", "its own air defence") names the party it holds responsible; a party that points away from itself
  ("munitions stored in the town", "a provocation") holds itself not responsible.
- **control**: a statement that a place was taken ("captured", "liberated", "raised the flag over") against
  one that it is still held ("remains under our control", "repelled", "has not fallen").
- **occurrence**: an attack reported against a statement that calls it fabricated or says it never happened.

Two statements disagree only about the same thing: they name a common place (other than a party's own name;
a statement of an attack that names no place is about the place the story's attacks are told at most), and they
come from different parties (a party's own statements never dispute each other). A third party's
statements on that place (monitors' findings, "could not be independently verified") go with the dispute.
- **count**: numbers of one outcome (killed, displaced, fired, …) at one place that cannot both be true
  (`_counts`).

Each statement's party is set once, by `with_parties`; the disputes read it back from `Statement.party`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.lang.en.stop_words import STOP_WORDS

from newsint.entities.names import fold
from newsint.events.taxonomy import CLASSES
from newsint.lexicon import WEAPONS
from newsint.model import Article, Claim, Conflict, Entity, Event, Span, Statement
from newsint.stories.parties import (
    STATE,
    THIRD_PARTY,
    Party,
    StoryParties,
    any_of,
    local_official,
    names_third_party,
    whole_word,
)
from newsint.stories.statements import sentence_at
from newsint.temporal.normalize import value_period
from newsint.text.dateline import dateline, first_dateline

_BLAME = re.compile(
    r"\b(?:blam\w*|accus\w*|responsib\w*|fired (?:by|from)|launched (?:by|from)|carried out by|caused by|"
    r"came from|coming from|originat\w*|staged|provocation|false[- ]flag|fired first|opened fire first|"
    r"opened fire|returned fire|shelled by|attacked by|struck by|hit by|culprits?|perpetrat\w*|behind the|"
    r"hallmarks?|carried out|involvement|involved|to blame|guilty|fault|fired on|fired at|violat\w*|breach\w*|"
    r"broke the (?:truce|ceasefire)|(?:broken|violated|breached) by|destroyed|bl[eo]wn? up|blew up|"
    r"(?:is|was|were) the work of|bears? the signature)\b",
    re.IGNORECASE,
)
# A deed not done, after its doer: "did not carry out any strikes", "carried out no strikes", "never fired".
_NOT_DONE = re.compile(
    r"\b(?:(?:did|does|do|has|have|had) not|didn't|never|denied|denies)\s+(?:carr\w*|strik\w*|struck|fir\w*|attack\w*|"
    r"launch\w*|shell\w*|target\w*|hit|bomb\w*|conduct\w*|us\w*)|\bcarried out no\b",
    re.I,
)
# A rejection of what others say, up to what they say: "rejected Gaudrian claims that".
_REJECTED_THAT = re.compile(r"\b(?:denied|denies|rejected|rejects|dismissed|dismisses)\b[^.;]*?\bthat\b", re.I)
# Words that hold someone responsible outright, whatever else the statement says of the reports.
_NAMES_CULPRIT = re.compile(
    r"\b(?:blam\w*|accus\w*|responsib\w*|to blame|behind the|carried out by|(?:broken|violated|breached) by)\b", re.I
)
_REJECTED_BEFORE = re.compile(r"\b(?:rejected|rejects|denied|denies|dismissed|dismisses|refuted)(?: the| all)? $")
# Blame words that are deeds, whose doer is named before them ("Gaudrian artillery had destroyed").
_DONE_BY = re.compile(
    r"\b(?:destroyed|bl[eo]wn? up|blew up|fired on|fired at|opened fire|carried out|shelled|struck|hit|bombed|"
    r"targeted|(?:fired|launched) (?:an? |the )?(?:\w+ )?(?:rockets?|missiles?|shells?|drones?))\b",
    re.I,
)
# Words with which a party rejects the blame it is given: "called that accusation a shameless lie".
_REJECTS_BLAME = re.compile(
    r"\b(?:called|calls|dismissed|dismisses|rejected|rejects|denied|denies)\s+(?:the\s+|that\s+|this\s+|these\s+|"
    r"those\s+|such\s+)?(?:accusations?|allegations?|charges?)\b",
    re.I,
)
# Words with which a party points away from itself: the damage was its enemy's doing, or nobody's.
_EXCULPATES = re.compile(
    r"\b(?:own (?:air[- ]defen[cs]es?|missiles?|weapons?|munitions?|shells?|rockets?|fire)|air[- ]defen[cs]e "
    r"(?:missile|interceptor)s?|interceptors?|munitions? (?:stored|depot|dump)|stored (?:munitions|ammunition|"
    r"weapons)|secondary explosions?|staged|provocation|false[- ]flag|fell short|stray|misfired|accident\w*)\b",
    re.IGNORECASE,
)
_CAPTURED = re.compile(
    r"\b(?:captur\w*|recaptur\w*|retak\w*|retook|took (?:full )?control|taken (?:full )?control|tak\w* control|"
    r"liberat\w*|seiz\w*|"
    r"entered|overr[au]n|(?:raised|hoisted|planted) (?:the|its|their|a) \w*\s?flags?|fell to|fallen to|"
    r"now controls?|(?:is|are) (?:now )?free|consolidated (?:\w+ )?positions in|established (?:full )?control|"
    r"flag (?:of \w+ )?(?:was|were|has been|had been) (?:raised|hoisted|planted)|"
    r"(?:took|taken|take|taking) (?:the )?(?:village|town|city|settlement|district))\b",
    re.IGNORECASE,
)
_HELD = re.compile(
    r"\b(?:still (?:under|in|holds?|held|controls?|controlled|manned)|remain(?:s|ed)? (?:under|in|on|at)|repel\w*|"
    r"pushed back|at (?:its|their|our) (?:posts?|positions?)|under (?:its|our|their) command|"
    r"beat(?:en|s)? back|fought off|held off|driven back|repuls\w*|(?:remains?|is|stays?) (?:\w+ )?under|"
    r"under (?:the )?(?:\w+ )?control of|in the hands of|(?:has|have|had) not fallen|hasn't fallen|not fallen|"
    r"in (?:our|its|their) hands|continues? to hold|keeps? (?:full )?control|retains? control|firmly (?:held|under)|"
    r"no (?:enemy|hostile) (?:forces|troops)|(?:capture|fall|loss) \w* ?(?:is|was) (?:false|untrue|a lie)|"
    r"denied (?:losing|that \w+ had (?:fallen|been captured|been taken))|(?:have|has|had) not (?:set foot|entered)|"
    r"never (?:entered|set foot)|did not enter|failed to (?:enter|take|capture|reach)|"
    r"(?:were|was) (?:stopped|halted)|(?:is|are|remains?) (?:still )?ours|(?:is|are|was|were) (?:still )?holding)\b",
    re.IGNORECASE,
)
_FABRICATED = re.compile(
    r"\b(?:fabricat\w*|fake|fakes|hoax|disinformation|propaganda|no such (?:strike|attack|shelling|"
    r"bombing|incident|massacre|killings?)|never (?:happened|took place|occurred)|did not (?:happen|take place|"
    r"occur)|didn't (?:happen|take place)|(?:reports?|claims?) (?:were|was|are|is) (?:false|untrue|lies|a lie)|"
    r"false reports?|nothing (?:happened|was hit)|"
    r"no (?:\w+ ){0,2}(?:strikes?|attacks?|shelling|bombing|operations?|raids?) "
    r"(?:\w+ )?(?:took place|happened|was carried out|were carried out|was conducted)|"
    r"carried out no (?:\w+ )?(?:strikes?|attacks?|operations?|raids?)|invent\w*|made[- ]up|"
    r"no (?:\w+ ){0,2}(?:drones?|missiles?|rockets?|shells?|aircraft|planes?|jets?|helicopters?) (?:\w+ )?(?:flew|"
    r"was fired|were fired|was launched|were launched|hit|struck|landed|(?:had |has |have )?(?:been )?lost|"
    r"was lost|were lost|c[oa]me down)\b|"
    r"all (?:of )?(?:our|its|their) (?:\w+ )?(?:aircraft|planes|jets|helicopters|pilots)\b[^.;]{0,60}?\breturned|"
    r"(?:old|recycled|doctored) (?:footage|video)|(?:footage|video)[^.;]{0,40}?\b(?:recycled|filmed elsewhere)|"
    r"there (?:was|were|has been|had been) no (?:such )?(?:air |drone |missile |rocket )?(?:strikes?|attacks?|raids?|"
    r"shelling|bombing|operations?|killings?|massacre)|"
    r"(?:reports?|accounts?|allegations?) (?:that|of)\b[^.;]{0,120}?(?:was|were|has been|have been) "
    r"(?:also |likewise |flatly )?(?:dismissed|rejected|denied)|"
    r"nothing of the (?:kind|sort)|(?:denied|denies|rejected|rejects|dismissed|dismisses|dismissive of) "
    r"(?:the |a |as )?"
    r"(?:[\w'’-]+ ){0,4}(?:claims?|reports?|accounts?|allegations?))\b",
    re.IGNORECASE,
)
_ATTACK = re.compile(
    r"\b(?:attack\w*|strike|strikes|struck|airstrikes?|shell\w*|bomb\w*|missiles?|rockets?|drones?|"
    r"artillery|explosions?|blasts?|massacre\w*|killed|killings?|fire|fired|shot|shooting|executed|executions?|"
    r"atrocit\w*|destroyed|blown up|blew up|downed|shootdown|brought down|hit|"
    r"(?:aircraft|jets?|planes?|helicopters?|bombers?)(?: \w+){0,3} (?:lost|c[oa]me down))\b",
    re.IGNORECASE,
)
_VERIFICATION = re.compile(
    r"\b(?:independently|verif\w*|confirm\w*|corroborat\w*|investigat\w*|findings?|found|examined|inspected|"
    r"could not (?:establish|say|determine)|evidence)\b",
    re.IGNORECASE,
)
_UNVERIFIED = re.compile(
    r"\b(?:could not|unable to|cannot|can't) (?:\w+ )?(?:verify|confirm|check)|not (?:be |been )?(?:independently )?"
    r"(?:verified|confirmed|checked)",
    re.IGNORECASE,
)
_FIGHTING = re.compile(r"\b(?:fight\w*|clash\w*|battl\w*|front ?lines?|contested|outskirts)\b", re.IGNORECASE)
# What a third party's statement on a dispute's place speaks of, by the dispute's kind.
_ON_KIND = {
    "control": (_CAPTURED, _HELD, _FIGHTING, _VERIFICATION),
    "responsibility": (_BLAME, _EXCULPATES, _VERIFICATION),
    "occurrence": (_ATTACK, _VERIFICATION),
}


@dataclass(slots=True)
class _Said:
    """A statement with its party and the places it names (folded names, the parties' own names left out)."""

    statement: Statement
    party: Party | None
    plain: str  # its text with the parties' names blanked (`_without_parties`), where places are read
    places: dict[str, str]
    attacked: str = ""  # the place of the attack it speaks of (a key of `places`), "" when none
    where: str = ""  # that place as written, kept though a later reading narrows `places` (`_near_cue`)
    placed: bool = False  # whether it names a place itself (not only the story's focus, given it for an attack)
    events: tuple[Event, ...] = ()  # the events its sentence reports

    def denies(self) -> bool:
        """Whether it says an attack did not happen: in so many words ("fabricated", "never happened"), or by
        reporting it negated ("No army helicopter has been shot down")."""
        return bool(_FABRICATED.search(self.statement.text)) or any(e.negated for e in self.events)


def with_parties(
    articles: Sequence[Article], statements: list[Statement], by_id: dict[str, Article], parties: StoryParties
) -> list[Statement]:
    """The statements with their `party`: the side each speaker speaks for, as the story names it."""
    found = []
    for statement, party in zip(statements, _statement_parties(articles, statements, by_id, parties), strict=True):
        found.append(replace(statement, party=party.name) if party else statement)
    return found


def _statement_parties(
    articles: Sequence[Article], statements: list[Statement], by_id: dict[str, Article], parties: StoryParties
) -> list[Party | None]:
    """The party of each statement's speakers (`_speaker_parties`); a speaker whose words name none speaks for the
    body the sentence before names ("Ruvenia's General Staff rejected it. '…,' spokesman Straka said."), and a
    speaker named by a pronoun ("according to him") the party of the speaker quoted before."""
    homes = {a.id: _article_home(a, parties) for a in articles}
    released = {a.id: quote for a in articles if (quote := _released_statement(a, parties)) is not None}
    found: list[Party | None] = []
    last_speaker: dict[str, Party | None] = {}  # by article: the party of the last claim's speaker
    spoken_for: dict[tuple[str, str], Party] = {}  # (article, speaker entity) -> the party its words named before
    for statement in statements:
        article = by_id[statement.doc]
        claim = article.claims[statement.claim] if statement.claim is not None else None
        introduced = _before_cue(article, claim.cue_start).strip() if claim is not None else ""
        if _JOINT.match(introduced):
            found.append(None)  # "Both the army and the rebels said …": what both sides say is no side's
            continue
        speakers = _speaker_parties(statement, article, parties, homes.get(article.id, ""))
        party = next(iter(speakers)) if len(speakers) == 1 else None
        if claim is not None and (_ITS_ROLE.match(claim.speaker.strip()) or _ITS_ROLE.match(introduced)):
            # "Its spokesman, Ksaver Ketrin, said …": the body the sentence before opens with, whatever else he is
            before = next((s for s in reversed(article.sentences) if s.end <= statement.start), None)
            party = _opening_party(article, before, parties) or party
        issuer, reproduced = released.get(article.id, (None, []))
        if party is None and any(statement.start < end and start < statement.end for start, end in reproduced):
            party = issuer  # a statement the article reproduces: "The following statement was issued by …"
        if party is None and not speakers and statement.claim is not None and statement.start > 0:
            party = _opening_party(article, sentence_at(article, statement.start - 1), parties)
        if party is None and statement.claim is not None and _PRONOUN.fullmatch(statement.speaker.strip()):
            party = last_speaker.get(statement.doc)  # "According to him, …", "the spokesman said": quoted before
        if party is None and statement.claim is not None and _SAME_SIDE.search(statement.text):
            party = last_speaker.get(statement.doc)  # "The air force command said separately that …"
        if party is None and statement.claim is None and _PASSIVE_REJECTION.search(statement.text):
            party = last_speaker.get(statement.doc)  # "Koristan's report … was also dismissed": by who spoke last
        entity = article.claims[statement.claim].speaker_entity if statement.claim is not None else ""
        if party is None and entity:
            party = spoken_for.get((article.id, entity))  # "The colonel also rejected …": as when quoted before
        elif party is not None and entity:
            spoken_for.setdefault((article.id, entity), party)
        if statement.claim is not None:
            last_speaker[statement.doc] = party
        found.append(party)
    # A quote's sentences speak for whoever the sentence that closes the quote names ('"Huvald is secure. The
    # post is intact. Their claims are propaganda," the General Command said').
    for index, here in enumerate(statements):
        if not _OPENS_QUOTE.match(here.text) or _CLOSES_QUOTE.search(here.text):
            continue
        ahead = statements[index + 1 : index + _QUOTE_SENTENCES]
        closing = next((k for k, s in enumerate(ahead) if s.doc != here.doc or _CLOSES_QUOTE.search(s.text)), None)
        if closing is None or ahead[closing].doc != here.doc:
            continue
        for k in range(index, index + 1 + closing):
            if found[k] is None:
                found[k] = found[index + 1 + closing]
    # The sentences of one quotation are one speaker's: a sentence that names no party takes the one its others name.
    by_claim: dict[tuple[str, int], set[Party]] = defaultdict(set)
    for statement, party in zip(statements, found, strict=True):
        if statement.claim is not None and party is not None:
            by_claim[(statement.doc, statement.claim)].add(party)
    for index, statement in enumerate(statements):
        quoted = by_claim.get((statement.doc, statement.claim), set()) if statement.claim is not None else set()
        if found[index] is None and len(quoted) == 1:
            found[index] = next(iter(quoted))
    return found


def disputes(
    articles: Sequence[Article],
    statements: list[Statement],
    by_id: dict[str, Article],
    parties: StoryParties,
    places: dict[str, str],
) -> list[Conflict]:
    """The disputes between the parties of a story, over statements that carry their party (`with_parties`), about
    the places the story names (`place_names`)."""
    said = [
        _Said(
            s,
            parties.named(s.party),
            plain,
            {key: name for key, name in places.items() if names(plain, name)},
            events=tuple(e for e in by_id[s.doc].events if s.start <= e.trigger_start < s.end),
        )
        for s in statements
        if s.doc in by_id
        for plain in [_without_parties(s.text, parties)]
    ]
    told = "\n".join(a.text for a in articles)
    attacked = {key for a in articles for e in a.events if violent(e.subtype) for key in [_event_place(a, e, places)]}
    rivers = _rivers(places, told)
    attacked -= {""} | rivers  # fired "from across the Semla river"
    focus = _focus(said)
    areas = _areas(places, told) | _streets(places)
    last_attacked: dict[str, str] = {}  # by article: the attacked place its last statement naming one named
    before: list[_Said] = []  # the statements before, nearest last
    for s in said:
        s.placed = bool(s.places)
        s.attacked = next((key for key in s.places if key in attacked and not _origin(s.plain, s.places[key])), "")
        if s.attacked in areas and focus and fold(focus) not in areas:
            # "killed civilians in a village in the Farran district", "houses on Gleb Street": the story's attack,
            # in the town of its focus
            s.attacked = fold(focus)
            s.places.setdefault(s.attacked, focus)
        elif not s.attacked and focus and (_speaks_of_attack(s, parties) or _denies_the_last(s, before[-2:], parties)):
            # "the explosions were caused by …", "fired from Kestrian positions on the ridge", "responsibility lies
            # with the regime": the attack its article spoke of last ("… a wedding in Ezzet. The ministry said no
            # strike took place"), else the story's
            s.attacked = last_attacked.get(s.statement.doc, fold(focus))
            s.places.setdefault(s.attacked, places.get(s.attacked, focus))
        elif s.attacked:
            last_attacked[s.statement.doc] = s.attacked
        s.where = s.places.get(s.attacked, "")
        before.append(s)
    found: dict[tuple[str, str], Conflict] = {}
    _responsibility(said, parties, found)
    _control(said, parties, found)
    _occurrence(said, parties, found)
    _one_answer_one_dispute(found)
    for conflict in found.values():
        conflict.third = _third_parties(said, conflict)
    return list(found.values()) + _counts(articles, said, places, attacked - areas, focus, parties, areas, rivers)


def _clause_before(text: str, at: int) -> str:
    """The words of the clause that leads up to `at` ("Gaudrian artillery had" before "destroyed"), back to a
    quote, a "that" or a "said" (`_CLAUSE_BREAK`), at most `_INTRODUCER_REACH` characters."""
    return _CLAUSE_BREAK.split(text[max(0, at - _INTRODUCER_REACH) : at])[-1]


def _introducer_before(text: str, at: int) -> str:
    """The words that introduce what stands at `at` ("ministry spokesman" before a name, "Vendrava's defence"
    before "ministry"), back to a sentence's end or a quote (`_INTRODUCER_BREAK`), at most `_INTRODUCER_REACH`
    characters."""
    return _INTRODUCER_BREAK.split(text[max(0, at - _INTRODUCER_REACH) : at])[-1]


def _own_deed(said: _Said, side: Party | None, parties: StoryParties) -> bool:
    """Whether a statement credits its own party (else `side`) with a deed ("our units hit", "Vannetian artillery
    had hit …", told by Vannetia)."""
    text = said.statement.text
    done = _DONE_BY.search(text)
    if done is None:
        return False
    clause = _clause_before(text, done.start())
    party = said.party or side
    own = party.name if party is not None else ""
    return bool(_OWN_SIDE.search(clause)) or (bool(own) and own in parties.mentioned(clause))


def _speaks_of_attack(said: _Said, parties: StoryParties) -> bool:
    """Whether a statement speaks of an attack: in words of one, or, in a story of armed parties (forces or armed
    groups), of who is to blame when it names no place of its own ("responsibility lies with the regime's security
    services"; not "accused the army of taking revenge for Caddow", of what happened at Caddow, nor a minister
    facing "accusations of delaying the budget" in a story with no forces or armed groups)."""
    text = said.statement.text
    armed = bool(parties.fighting or parties.groups)
    blames = _BLAME.search(text) or _EXCULPATES.search(text)
    return bool(_ATTACK.search(text) or (armed and not said.placed and blames))


def _denies_the_last(said: _Said, before: list[_Said], parties: StoryParties) -> bool:
    """Whether a denial in no words of attack denies the attack at a place that the statement just before it
    names, or the one before that when told by another party or as a denial ("… dismissive of the claim that a
    helicopter had been brought down near Ulvetsk. 'No helicopter was lost. This is an invention of enemy
    propaganda,' he said"); the speaker's side reporting its own strikes near Mahrab, then decrying
    "fabrications", speaks of something else. Not a denial of a capture ("claims that they have captured it are
    propaganda"), a figure, people fleeing or who did it ("dismissed the claim that an interceptor had fallen")."""
    text = said.statement.text
    told = [
        s
        for distance, s in enumerate(reversed(before))
        if s.statement.doc == said.statement.doc
        and s.attacked
        and s.placed
        and (
            s.denies()
            or (s.party is not None and s.party != said.party)
            or (distance == 0 and not _own_deed(s, said.party, parties))
        )
    ]
    excluded = (_CAPTURED, _HELD, _OF_A_FIGURE, _BLAME, _EXCULPATES, _FLEEING)
    return said.denies() and bool(told) and not any(cue.search(text) for cue in excluded)


def _origin(text: str, name: str) -> bool:
    """Whether `text` names a place only as where fire came from ("artillery firing from the heights above
    Kelbitsa"), not as where it fell."""
    return _only_after(_FROM, text, name)


def _destination(text: str, name: str) -> bool:
    """Whether `text` names a place only as where people were taken ("brought to Hvitsand", "taken to the port
    of Hvitsand"), not where it happened to them."""
    return _only_after(_TO, text, name)


def _only_after(words: re.Pattern[str], text: str, name: str) -> bool:
    """Whether every mention of `name` in `text` follows `words` (a pattern anchored at its end)."""
    return all(words.search(text, max(0, m.start() - _FROM_REACH), m.start()) for m in whole_word(name).finditer(text))


def _event_place(article: Article, event: Event, places: dict[str, str]) -> str:
    """The folded place of an event: the one it was placed at, else the story's place named nearest its trigger
    in its sentence (a name the gazetteer does not know: "drones destroyed a fuel depot at Hesket")."""
    if event.place_text:
        return fold(event.place_text)
    sentence = event.evidence[0]
    text = article.text[sentence.start : sentence.end]
    at = event.trigger_start - sentence.start
    named = [(_distance(text, name, at), key) for key, name in places.items() if names(text, name)]
    return min(named)[1] if named else ""


def _last_group(text: str, parties: StoryParties) -> str:
    """The armed group `text` names last: the one "the group" means in a story of several."""
    folded = fold(text)
    last = {name: max((m.start() for m in whole_word(key).finditer(folded)), default=-1)
            for key, name in parties.groups.items()}  # fmt: skip
    named = [name for name, at in last.items() if at >= 0]
    return max(named, key=last.__getitem__) if named else ""


def _opening_party(article: Article, before: Span | None, parties: StoryParties) -> Party | None:
    """The party of the body that opens the sentence `before` a statement, when a body that speaks opens it
    ("Ruvenia's General Staff rejected it"), not a state that acts ("Valmora attacked Kestrania"); no third party."""
    opening = " ".join(article.text[before.start : before.end].split()[:_OPENING_WORDS]) if before else ""
    inherited = parties.party(opening) if opening and parties.speaks(opening) else None
    return inherited if inherited is not None and inherited.kind != THIRD_PARTY else None


def _released_statement(article: Article, parties: StoryParties) -> tuple[Party, list[tuple[int, int]]] | None:
    """The party whose statements the article reproduces ("The following statement was issued on Tuesday by the
    political bureau of the Front", "The military command of the Front published a series of posts …"), with the
    spans of the quotations that follow, or None."""
    found = _RELEASED.search(article.text, 0, _RELEASED_REACH)
    issuer = parties.party(found.group("by") or found.group("who")) if found is not None else None
    if found is None or issuer is None:
        return None
    spans = []
    position = found.end()
    while (opening := _QUOTE_MARK.search(article.text, position)) is not None:
        closing = _CLOSES_QUOTE.search(article.text, opening.end())
        if closing is None:
            break
        spans.append((opening.start(), closing.end()))
        position = closing.end()
    return issuer, spans


def _speaker_parties(statement: Statement, article: Article, parties: StoryParties, home: str) -> set[Party]:
    """The parties of a statement's speakers (their names and the roles the article gives them): none in an
    outlet's own voice, two in a sentence that gives the word to both sides ("the group said it had captured
    the town and the army said the assault had been repelled")."""
    if statement.claim is None:
        speaker = _unclaimed_speaker(statement, article, parties, home)
        return {speaker} if speaker is not None else set()
    claims = [article.claims[statement.claim]]
    claims += [c for c in article.claims if statement.start <= c.cue_start < statement.end]
    # A weapon is no speaker: "caused by an Orlenzan missile that malfunctioned, and accused Brisca of …" is the
    # ministry's accusation, whatever the parse hung it on.
    claims = [claim for claim in claims if not _THING.search(claim.speaker)] or claims[:1]
    if any(claim.speaker for claim in claims):  # "…, the ministry said, adding that …": one speaker, named once
        claims = [claim for claim in claims if claim.speaker]
    found = {_claim_party(claim, article, parties, home) for claim in claims}
    named = parties.mentioned(statement.text)
    if len(_SPEECH.findall(statement.text)) >= 2 and len(named) >= 2:
        found |= {parties.named(name) for name in named}  # each side's word in one sentence, whatever the model found
    return {party for party in found if party is not None}


def _unclaimed_speaker(statement: Statement, article: Article, parties: StoryParties, home: str) -> Party | None:
    """The party of a speaker the claim model missed, named before a verb of saying that opens the sentence
    ("Tovey said the fighting began when …")."""
    opening = _SAYS_OPENING.match(statement.text)
    return parties.party(_described(opening.group(1), article), home) if opening else None


def _described(words: str, article: Article) -> str:
    """The words with how the article introduces a person they name by surname ("Tovey" → "militia commander
    Bran Tovey")."""
    for entity in article.entities:
        surnames = {alias.split()[-1] for alias in entity.aliases if alias.split()}  # "Tovey" of "Bran Tovey"
        if entity.type == "PERSON" and any(names(words, name) for name in surnames):
            return " ".join([words, *entity.roles, _introduction(article, entity)])
    return words


def _claim_party(claim: Claim, article: Article, parties: StoryParties, home: str) -> Party | None:
    entity = next((e for e in article.entities if claim.speaker_entity and e.id == claim.speaker_entity), None)
    speaker = _speaker_words(claim)
    own = parties.party(speaker) if entity is not None else None
    if own is not None:
        return own  # "the Ministry of Defence of Ostravia", whatever other side the words before it name
    introduction = _introduction(article, entity) if entity else ""
    described = [speaker, *entity.roles, introduction] if entity else [speaker]
    if not claim.speaker:  # the claim model found a cue but no source: the words just before the cue
        described.append(_described(_before_cue(article, claim.cue_start), article))
    # "the ministry said", "ministry spokesman Emeric Feldrian said", and later "Feldrian said": the ministry the
    # article named last before the speaker
    # (also "Major General Leopold Brantel, the ministry's spokesman", named before the cue or found there)
    body = _DEFINITE_BODY.fullmatch(speaker.strip()) or _BODY_ROLE.search(" ".join(described))
    until = claim.start
    introduced = _BODY_ROLE.search(introduction) if body is None and entity is not None else None
    if introduced is not None and entity is not None:
        body = introduced
        until = min((m.start for m in entity.mentions if m.how != "role"), default=claim.start)
    if body is not None and parties.party(" ".join(described)) is None:
        home = _last_named_body(article.text[:until], body.group(1), parties) or home
    party = parties.party(" ".join(described), home)
    if party is None and len(set(parties.groups.values())) > 1 and _GROUP_WORD.search(" ".join(described)):
        party = parties.named(_last_group(article.text[: claim.start], parties))  # "the group's spokesman"
    return party


def _last_named_body(text: str, body: str, parties: StoryParties) -> str:
    """The state whose `body` ("ministry", "general staff") `text` names last with its name: the one "the ministry"
    means after "Vendrava's defence ministry rejected the accusation" in a story of two states; "" when none. The
    name is the body's own, in its words ("the Ministry of Defence in Fennholt"), not one of the clause before ("…
    cleared the town of Marrovian forces, the ministry said")."""
    for mention in reversed(list(re.finditer(rf"\b{body}\b", text, re.I))):
        before = _introducer_before(text, mention.start())
        before = " ".join(re.split(r"[,;]", before)[-1].split()[-_BODY_WORDS:]) + " "
        after = _BODY_NAME_AFTER.match(text, mention.end())
        party = parties.party(before + mention.group() + (after.group() if after else ""))
        if party is not None:
            return party.name if party.kind == STATE else ""
    return ""


def _speaker_words(claim: Claim) -> str:
    """The words of a claim's source, without the claim's own words the source ran into: after the quote it closes,
    up to the comma after "according to" ("According to Fastrow, 140 Marrovian servicemen laid down their arms"),
    else up to a number after a comma (an age: "Vera Domnick, 63"); and without a clause that tells what the
    source did, whose party is the one it names ("the regional governor, who blamed Kaldoran forces for the
    attack", "mediators overseeing the truce between the army and the Front")."""
    # not the quotation the source closes: 'the signature of the Front," the interior minister'
    speaker = _CLOSES_QUOTE.split(claim.speaker)[-1]
    if claim.cue.lower().startswith("according to"):
        speaker = speaker.split(",", 1)[0]  # "According to the statement, troops arrived …"
    else:
        speaker = _NUMBER_AFTER_COMMA.split(speaker, maxsplit=1)[0]
    speaker = _WHO_DID.split(speaker, maxsplit=1)[0]  # "the regional governor, who blamed Kaldoran forces"
    return _DOING.split(speaker, maxsplit=1)[0]  # "Corandian mediators overseeing the truce between A and B"


def _introduction(article: Article, entity: Entity) -> str:
    """The words that introduce a speaker where the article first names it: the title before the name
    ("ministry spokesman Brigadier Anneliese Varga") and an apposition after it ("Varga, a ministry
    spokeswoman,"); later sentences name the speaker by surname alone."""
    first = min((m for m in entity.mentions if m.how != "role"), key=lambda m: m.start, default=None)
    if first is None:
        return ""
    before = _introducer_before(article.text, first.start)
    after = _APPOSITION.match(article.text, first.end)
    return f"{before} {after.group(1) if after else ''}"


def _before_cue(article: Article, cue_start: int) -> str:
    """The words before a reporting verb, back to a quotation mark or a sentence's start: its likely source
    ('…," spokesman Anneliese Varga told the Dispatch', "AMBRENNE — The Vessar Liberation Army said")."""
    sentence = sentence_at(article, cue_start)
    start = max(sentence.start if sentence else 0, cue_start - _INTRODUCER_REACH)
    return _INTRODUCER_BREAK.split(article.text[start:cue_start])[-1]


def _article_home(article: Article, parties: StoryParties) -> str:
    """The state an article's outlet is named after (state media: "Kestrania National Radio", "the Veskarian
    Broadcasting Corporation", whose "Ministry of Defence" is its own state's, however often it quotes the
    enemy), else the state it quotes most by name ("the Drevanian Ministry of Defence said"), when one does, else
    the state of the town it was filed from ("SENNICK —", a town the story places in Drevania): the likely
    state of the officials it quotes without their country ("the ministry")."""
    outlet = parties.party(article.outlet or "")
    if outlet is not None and outlet.kind == STATE:
        return outlet.name
    if names_third_party(article.outlet or ""):
        return ""  # a monitor's bulletin ("Ridgeline Conflict Monitor") quotes each side by name, for neither
    # not a town's own officials: a wire quoting "the Ostvale regional administration" is not that state's
    named = [
        parties.party(words)
        for claim in article.claims
        if claim.speaker and not local_official(words := _speaker_words(claim))
    ]
    counts: dict[str, int] = {}
    for party in named:
        if party is not None and party.kind == STATE:
            counts[party.name] = counts.get(party.name, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if ranked and (len(ranked) == 1 or ranked[0] > ranked[1]):
        return max(counts, key=lambda name: counts[name])
    town = dateline(article.text)
    if town and not ranked and fold(town.town) in parties.located:
        return parties.located[fold(town.town)]
    return "" if ranked else _credited_state(article, parties)


def _credited_state(article: Article, parties: StoryParties) -> str:
    """The one state whose forces the article's sources credit with taking or holding ground ("Gaudrian troops have
    captured the town, the ministry announced", "The Defence Forces of Sulmaria repelled an assault, the General
    Staff said"): a side announces its own gains and defences, so its unnamed officials are that state's."""
    credited = set()
    for claim in article.claims:
        words = claim.text
        for cue in (*_CAPTURED.finditer(words), *_HELD.finditer(words)):
            clause = _clause_before(words, cue.start())
            actor = parties.party(clause)
            if actor is not None and actor.kind == STATE and not _DISMISSED.search(words):
                credited.add(actor.name)
    return credited.pop() if len(credited) == 1 else ""


def place_names(articles: Sequence[Article], parties: StoryParties) -> dict[str, str]:
    """The places a story names, as written, by folded name: its place mentions and place entities, less the
    parties' own names and datelines ("ORSKA, March 6 -": where a report was filed, not where it happened).
    A name the model types as a place once is a place wherever the story writes it."""
    names: dict[str, str] = {}
    written = [m.text for a in articles for m in a.places if m.caption is None and m.how == "entity"]
    written += [e.name for a in articles for e in a.entities if e.type == "LOC"]
    # a name with the kind of site it is, whatever the model typed it: "Hesket air base", "the Greyfold outpost",
    # "the hamlet of Kostrel"
    sites = [m.group(1) for a in articles for pattern in _SITE_NAMES for m in pattern.finditer(a.text)]
    written += [name for name in sites if name.lower() not in STOP_WORDS]  # not "Two port workers"
    outlets = {fold(a.outlet) for a in articles if a.outlet}
    # and the agency of a dateline: the "Northline" of "(Northline)", who reports, not where
    outlets |= {fold(filed.agency) for a in articles if (filed := first_dateline(a.text)) and filed.agency}
    for name in written:
        key = fold(name)
        if name.isupper() or len(name) < 3 or key in parties.states or key in parties.groups or key in parties.third:
            continue
        if key in outlets:
            continue  # "Kingsreach Wire": an outlet the entity model took for a place
        if key in _NOT_PLACES:
            continue  # a sentence's first word the model took for a name ("In", "Then")
        if key.split()[0] in parties.states:
            continue  # a state's weapon or unit the model took for a place ("Gaudrian Vardan cruise missile")
        names.setdefault(key, name)
    # "Vasker Islet" is "Vasker" where the story writes both: one place, one dispute
    for key, name in list(names.items()):
        feature = _FEATURE.fullmatch(name)
        if feature is not None and fold(feature.group(1)) in names:
            del names[key]
    return names


# A name with the kind of natural feature it is: "Vasker Islet", "Corrach Shoal".
_FEATURE_KINDS = r"(?:Islet|Island|Isle|Shoal|Reef|Heights|Ridge|Peninsula|Bay|Point)"
_FEATURE = re.compile(rf"([A-Z][\w'’-]+) {_FEATURE_KINDS}")


def feature_name(text: str, name: str) -> str:
    """A place's name as the text writes it in full, with its kind of feature ("Vasker Islet" for "Vasker")."""
    written = re.search(rf"\b{re.escape(name)} {_FEATURE_KINDS}\b", text)
    return written.group() if written else name


_SITE_NAMES = (
    re.compile(
        r"\b([A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?) (?:air ?base|airfield|airport|naval base|military base|port|depot|"
        r"rail depot|terminal|refinery|power (?:station|plant)|dam|barracks|outpost|checkpoint|border crossing)s?\b"
    ),
    re.compile(r"\b(?:village|town|city|hamlet|settlement|suburb) of ([A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?)\b"),
)


def _without_parties(text: str, parties: StoryParties) -> str:
    """The text with the names of its groups and third parties blanked: the "Red Ridge" of "the Red Ridge
    Militia" and the "Hollin" of "the Free Hollin Front" name no place; nor does the region of a dateline
    ("YARRICK, Brenholt, March 10 (Wire) -"), which says where the town is, not where anything happened."""
    filed = dateline(text)
    if filed and filed.region:
        text = text[: filed.region_start] + "_" * len(filed.region) + text[filed.region_start + len(filed.region) :]
    named = tuple(sorted({n for n in (*parties.groups.values(), *parties.third.values()) if " " in n}))
    return any_of(named).sub(lambda m: "_" * len(m.group()), text) if named else text


def names(text: str, name: str) -> bool:
    """Whether `text` names `name` as a whole word."""
    return whole_word(name).search(text) is not None


# What a figure counts, by the words around it.
_OUTCOMES = (
    ("shot down", re.compile(r"\b(?:shot down|intercept\w*|downed|destroyed in (?:the )?air)\b", re.I)),
    ("wounded", re.compile(r"\b(?:wound\w*|injur\w*|hurt)\b", re.I)),
    (
        "killed",
        re.compile(r"\b(?:kill\w*|dead|died|deaths?|death toll|tolls?|lives|bodies|fatalit\w*|martyr\w*)\b", re.I),
    ),
    (
        "displaced",
        re.compile(
            r"\b(?:displac\w*|fled|flee\w*|evacuat\w*|homeless|uprooted|forced from|"
            r"left (?:their homes|temporarily|for good|the (?:district|town|city|region|area|village))|"
            r"left (?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)(?-i:[A-Z][a-z]+))\b",
            re.I,
        ),
    ),
    (
        "detained",
        re.compile(
            r"\b(?:detain\w*|arrest\w*|taken prisoner|rounded up|in (?:\w+ )?custody|abduct\w*|"
            r"taken (?:away|from their homes|off)|"
            # soldiers who gave up: "120 soldiers had surrendered", "126 servicemen laid down their arms"
            r"surrender\w*|laid down (?:their )?arms|gave themselves up|captured|taken captive)\b",
            re.I,
        ),
    ),
    ("fired", re.compile(r"\b(?:fired|launched)\b", re.I)),
    ("destroyed", re.compile(r"\b(?:destroy\w*|wrecked)\b", re.I)),
)
# Words right after a number that make it a part of another count: "three of them children", "two of the dead".
_SUBSET = re.compile(
    r"^\W*(?:of (?:them|whom|those|the (?:dead|killed|wounded|injured|victims|casualties|bodies|detainees|"
    r"missing|displaced))|among them|(?:\w+\s+){0,2}(?:were|are|was|is) among (?:the|those)\b)\b",
    re.I,
)  # also "his two sons were among the dead"
# An age limit, not a count: "At least 30 of those detained are under 18".
_AGE_LIMIT = re.compile(r"\b(?:are|were|is|was|aged?)\s+(?:under|over|below|above)\s*$", re.I)
_AGE = re.compile(r"[A-Z][\w'’-]+,\s*$")  # "Benjamin David Banky, 40, …"
_AGE_AFTER = re.compile(r"^\s*[,)]")
_YEARS_OLD = re.compile(r"^\s*(?:-|\s)?years?[- ]old\b|^-year-old\b", re.I)
# Verbs of saying; "claims" only before what is claimed and not as a noun ("Kestria claims that", not "the claims
# that", "dismissing Gaudrian claims", "rejected claims that": they give no one the word).
_SPEECH = re.compile(
    r"\b(?:said|says|claimed|(?<!the )(?<!an |ng |ed )(?<![a-z]n )claims (?=that\b)|announced|insisted|denied|denies|"
    r"reported|stated)\b"
)
# A sentence that opens with who holds a position: "Tovey said …", "Officials in Miravel have kept to a toll of
# eight", "The ministry put the toll at 14".
_SAYS_OPENING = re.compile(
    r"^(?:According to )?([^,;:\"“”]{2,60}?)\s(?:(?:have|has|had) )?(?:said|says|told|added|claimed|insisted|"
    r"accused|denied|blamed|rejected|dismissed|condemned|held(?= (?:\S+ ){1,8}responsible)|kept to|stuck to|"
    r"stood by|maintain(?:s|ed)?|put the (?:death )?toll)\b"
)
_INTRODUCER_REACH = 60  # characters before a name or a cue read for who the speaker is
# Where a sentence or a quotation breaks, but not the full stop of a title ("the head of the hospital, Dr. Ungvald").
_INTRODUCER_BREAK = re.compile(
    r"[\"“”;:!?()]|\n|(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bProf)(?<!\bGen)(?<!\bCol)\."
)
_APPOSITION = re.compile(r",\s+((?:an?|the)\s[^,.;\"“”]{3,60})[,.]")  # "Varga, a ministry spokeswoman,"
_NUMBER_AFTER_COMMA = re.compile(r",\s*\d")
_DOING = re.compile(r"\s[a-z]{3,}ing\s+(?=(?:the|a|an)\s)")
_GROUP_WORD = re.compile(r"\b(?:group|front|movement|militia|rebels?)['’]?s?\b", re.I)
_OPENS_QUOTE = re.compile(r"\s*[\"“]")
_CLOSES_QUOTE = re.compile(r"\S[\"”]")
_RELEASED = re.compile(
    r"\b(?:following|this) (?:statement|communiqu[eé]|message|post|declaration) (?:was )?(?:issued|released|"
    r"published|posted|sent)\b[^.\n]*?\bby (?:the )?(?P<by>[^.\n]+)"
    r"|^(?P<who>[A-Z][^.\n]{0,80}?) (?:issued|released|published|posted) (?:a |the |an? series of )?"
    r"(?:statements?|communiqu[eé]s?|messages?|posts?)\b",
    re.IGNORECASE | re.MULTILINE,
)
_RELEASED_REACH = 400  # characters from an article's start where it says whose statement it reproduces
_QUOTE_MARK = re.compile(r"[\"“]")
_ITS_ROLE = re.compile(r"(?i:its|their) (?:\w+ )?(?:spokes(?:man|woman|person)|commander|leader|representative)\b")
_JOINT = re.compile(r"(?i:both|each of)\b")
_SAME_SIDE = re.compile(r"\b(?:said|added|stated|announced) (?:separately|also|likewise)\b|\balso (?:said|denied)\b")
_PRONOUN = re.compile(
    r"(?i:he|him|she|her|they|them|it|the statement|the communiqu[eé]|"
    r"the (?:spokes(?:man|woman|person)|colonel|general|brigadier|commander|minister|official))"
)
# A rejection told without who rejects: "Koristan's report that a helicopter was downed was also dismissed".
_PASSIVE_REJECTION = re.compile(
    r"\b(?:reports?|claims?|allegations?|accusations?|accounts?)\b[^.;]{0,120}?\b(?:was|were|has been|have been)\s+"
    r"(?:also\s+|likewise\s+|flatly\s+)?(?:dismissed|rejected|denied)\b(?!\s+by\b)",
    re.I,
)
_WHO_DID = re.compile(
    r",\s+who\s+(?:had\s+|has\s+)?(?:blamed|accused|denied|rejected|condemned|called|said|told|added|"
    r"insisted|claimed|dismissed)\b"
)
# A state body named without its state ("the ministry", "the defence ministry", "the General Staff").
_DEFINITE_BODY = re.compile(
    r"(?:(?i:the|its)\s+)?(?:[A-Za-z]+\s+){0,2}"
    r"((?i:ministry|general staff|army|military|command|government|armed forces))"
)  # "the ministry", "General Staff", "the air force command": a body whose state the words do not name
# A body's spokesperson named without the body's state: "ministry spokesman Emeric Feldrian", "the army's spokesman".
_QUOTE_SENTENCES = 6  # the most sentences one quotation runs over before the one that names its speaker
_THING = re.compile(rf"\b(?:{'|'.join(sorted(WEAPONS | {'interceptor', 'interceptors'}))})$", re.I)
_BODY_ROLE = re.compile(
    r"(?:(?i:the|its|an?)\s+)?(?:[a-z]+\s+)?(ministry|general staff|army|military|command)(?:['’]s)?\s+"
    r"(?:spokes(?:man|woman|person)|representative|press (?:officer|secretary|service))\b"
)
# "Ministry of Defence of X", "the ministry in Fennholt"
_BODY_NAME_AFTER = re.compile(r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?(?:\s+in\s+[A-Z][\w'’-]*)?")
_BODY_WORDS = 3  # words before a body that can name its state: "Vendrava's defence", "the Vendravan"
_OPENING_WORDS = 6  # the words of a sentence that name who acts in it ("Ruvenia's General Staff rejected")
_NOT_PLACES = frozenset("in on at the then there here this that after before when while".split())
_PEOPLE = frozenset(
    """people persons civilians soldiers troops servicemen fighters militants rebels children women men residents
    workers protesters demonstrators prisoners detainees migrants refugees families villagers students
    passengers bodies dead wounded injured victims patients police officers policemen journalists staff
    others suspects captives hostages boys girls worshippers shoppers farmers fishermen crew sailors pilots
    citizens""".split()
)
# People counted only as taken: "detained 42 suspected members and supporters of the group".
_TAKEN_PEOPLE = frozenset("members supporters activists".split())
# Words after a number that say whether it counts civilians or combatants.
_WHO = {
    "civilian": re.compile(
        r"\b(?:civilians?|citizens?|residents?|villagers?|children|passengers?|shoppers?|families)\b", re.I
    ),
    "combatant": re.compile(
        r"\b(?:soldiers?|servicem[ae]n|troops|fighters?|militants?|rebels?|insurgents?|combatants?)\b", re.I
    ),
}
_OUTCOME_WORDS = frozenset("dead wounded injured".split())  # people named by what befell them
_KINDS_OF_PEOPLE = frozenset("woman man child girl boy soldier civilian policeman officer".split())
# A family's own, not a count: "a mother of 12", "fled with her three children".
_KIN = re.compile(r"\b(?:(?:mother|father|parent|grandmother|grandfather)s? of|her|his|my)\s*$", re.I)
_SMALL = r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_SUMMED_AFTER = re.compile(rf"^\s+(\w+)\s+and\s+(?:{_SMALL}|an?)\b", re.I)
_SUMMED_BEFORE = re.compile(rf"\b{_SMALL}\s+(\w+)\s+and\s+$", re.I)
_OF_A_CAPTURE = re.compile(r"\b(?:fall|loss|capture|seizure) of\b", re.I)
_THE_PLACE = re.compile(r"\bthe (?:village|town|city|hamlet|settlement)\b(?! of)", re.I)
_IN_THE_TOWN = re.compile(r"\b(?:in|from|around) the (?:town|city|village|district)\b(?! of)", re.I)
_CLAUSE_END = re.compile(r"[,;:.]|\s(?:and|but|while|whereas)\s")
_ALONE = re.compile(r"\balone\b[^,.;]*$", re.I)  # "their ward alone had received eleven bodies": a part of the toll
_PART_OF_THE = re.compile(r"\b(?:of the|out of the)\s+\d[\d,]*\s+[^,.;]*,\s*$", re.I)  # "Of the 23 arrested, 12"
_COMPARED = re.compile(r"\b(?:from|than|compared (?:with|to)|against|versus|vs\.?)\s*$", re.I)
_UNREAL = re.compile(
    r"\b(?:might|may|could|would|intend(?:s|ed)?|plann?(?:ed|ing|s)?|threaten(?:s|ed)?|tried|attempt(?:s|ed)?)\b"
)
_SPLIT_NUMBER = re.compile(r"\d[,.]\s+$")
_SPLIT_AFTER = re.compile(r"^[,.]\s+\d{3}\b")
_PART_OF = re.compile(r"^\s*(?:of|out of)\s+(?:the\s+)?\d", re.I)
_WHOLE_OF = re.compile(r"\d\s+(?:of|out of)\s+(?:the\s+)?$", re.I)
_MORE_AFTER = re.compile(r"^\s+more\b", re.I)
_ANOTHER = re.compile(r"\banother\s*$", re.I)
_SUBSET_BEFORE = re.compile(r"\b(?:including|among them|of whom|of them|among the \w+,?)\s*$", re.I)
# A count that is as far as its giver has got: "had so far verified the deaths of 19", "documented 12 to date"
# (a verified count alone is a count: "the UN verified 7 deaths" against a ministry's 19 is what analysts compare).
_SO_FAR = re.compile(r"\b(?:so far|thus far|to date)\b", re.I)
# A count given as the most there can be ("no more than four died"): a later, higher count contradicts it.
# A count of everything since a month, a year or the start of one: a running total, not a toll of the story's day
# ("since the fighting began" may be the story's own fighting).
_RUNNING_TOTAL = re.compile(
    r"\s*\bsince (?:the (?:beginning|start) of\b|"
    r"(?:early |late |mid-)?(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b|\d{4}\b)",
    re.I,
)
# A tally the day's dead add to: "Monday's dead bring to 63 the number of people killed there this year".
_TALLY = re.compile(
    r"\b(?:bring|brings|brought|bringing|raise[sd]?|raising)\s+(?:the (?:\w+ )?(?:toll|total|number|tally)\s+)?to\s*$"
    r"|\b(?:this|last) year\b",
    re.I,
)
_CAPPED = ("no more than", "fewer than", "less than", "at most", "not more than")
_OPEN_ABOVE = ("at least", "more than", "over", "upwards of", "no fewer than")
_ABOUT = 0.15  # "about 40" holds 34 to 46
_COUNT_WINDOW = 50  # characters after a number read for what it counts
# People, not ground, after a capture cue: "captured 23 pirates", "seized two fishermen".
_PEOPLE_TAKEN = re.compile(
    r"^\s+(?:(?:[\w,-]+\s+){0,3}(?:pirates|people|soldiers|troops|fighters|militants|rebels|prisoners|civilians|"
    r"men|women|suspects|fishermen|crew|sailors|hostages|raiders)\b|(?:\d[\d,]*|two|three|four|five|six|seven|"
    r"eight|nine|ten|dozens|hundreds)\s+(?!villages|towns|settlements|positions|hills|districts|square|km|kilomet))",
    re.I,
)
_VAGUE = re.compile(r"\b(?:dozens|several|few|hundreds|thousands|millions|scores|many|tens)\b", re.I)
# Who holds a place, named after the words that say so: "in the hands of the VLA", "fell to Drevanian troops".
_HOLDER_AFTER = re.compile(
    r"\b(?:in the hands of|under the (?:\w+ )?control of|f[ae]ll(?:en|s)? to)\s+([^,.;]{3,50})", re.IGNORECASE
)
_HOLDER_BEFORE = re.compile(r"\bunder (?:the )?(?:full |firm )?([\w'’]+) control\b", re.I)  # "under government control"
_OWN_SIDE = re.compile(r"\b(?:our|we)\b", re.I)  # a deed the speaker's side claims: "our missile units hit"
_OWN = re.compile(r"\b(?:our|we|its|their)\b", re.I)  # "our troops entered", "its fighters had taken"
_CLAUSE_BREAK = re.compile(r"[\"“”;:]|\bthat\b|\bsaid\b")
_DISMISSED = re.compile(
    r"\b(?:fantas\w*|false|untrue|lies?|lying|denied|denies|deny|propaganda|fabricat\w*|fake|nonsense|baseless)\b",
    re.I,
)
_STREET = re.compile(r"\b(?:Street|Road|Avenue|Square|Lane|Boulevard|Prospekt)$")
# The other side's words of who did it, in a denial of them: "dismissed the claim that an interceptor had fallen".
_DEFLECTED = re.compile(
    r"\b(?:interceptors?|air[- ]defen[cs]e|fell short|stray|misfired|"
    r"own (?:missiles?|weapons?|shells?|rockets?|fire))\b",
    re.I,
)
_FLEEING = re.compile(r"\b(?:exodus|displac\w*|fled|flee\w*|refugees)\b", re.I)
# Before a place fire came from: "from", "from the heights above".
_FROM = re.compile(r"\bfrom\s+(?:(?!(?:to|into|at|on|in)\s)[\w'’-]+\s+){0,4}$", re.I)
_FROM_REACH = 40
_TO = re.compile(
    r"\b(?:taken|brought|moved|transferred|flown|driven|towed) (?:\w+ )?to (?:the )?"
    r"(?:(?:port|town|city|village|capital|prison|jail|base) (?:of )?)?$"
)  # "taken to the port of Hvitsand"
_AREA_WORDS = r"(?:district|region|province|county|oblast|governorate|valley|area)\b"
_AREA_AFTER = re.compile(rf"\s+{_AREA_WORDS}")
_NAMED_ALONE = re.compile(r"\b(?!\s+[A-Z])")  # a name's end, not followed by more of a longer name
_CRAFT = re.compile(r"\b(?:aircraft|jets?|planes?|helicopters?|fighter|bombers?)\b", re.I)
_MARK = re.compile(r"\b[A-Za-z]+-?\d+[A-Za-z]?\b")  # "Sv-34", "Su-25", "HIMARS"-less model names
_AIRBORNE = re.compile(r"\b(?:drones?|missiles?|rockets?|shaheds?|UAVs?)\b", re.I)
_TOTAL = re.compile(r"\b(?:in total|in all|altogether|combined|a total of|overall|all told)\b", re.I)
# A count whose people are those of the count before: "and four wounded".
_ELLIPTIC = re.compile(r"\s+(?:were |was )?(?:wounded|injured|killed|dead|missing|captured)\b", re.I)
_WHOSE_REACH = 30  # characters after a number read for whose people it counts
_OF_A_FIGURE = re.compile(r"\b(?:figures?|numbers?|tolls?|count|tally|tallies)\b", re.I)  # "called the figure invented"
_CUE_REACH = 40  # characters between a control cue and the place it is about
# Who enters a town without taking it: "the convoy entered Kiroth", "aid trucks that have entered the town".
_NOT_FORCES = re.compile(
    r"\b(?:convoys?|trucks?|lorries|aid|ambulances?|buses|vehicles|delegations?|inspectors|monitors|journalists|"
    r"reporters|civilians|residents|refugees)\b[^,;.]*$",
    re.I,
)
_NEAR = 30  # the outcome word no further than this many characters from the number ("mother of 12 … killed")
_COUNT_DAYS = 7  # counts published this many days apart are counts of one period


@dataclass(frozen=True, slots=True)
class _Count:
    outcome: str
    place: str
    low: float
    high: float
    said: _Said
    whose: str = ""  # the party the counted people belong to, where the words after the number name one
    who: str = ""  # "civilian" or "combatant", where the words after the number say which
    total: bool = False  # a total of several counts ("291 bodies in total"), which lower counts do not contradict
    capped: bool = False  # given as the most there can be ("no more than four"): a later, higher count contradicts
    airborne: str = ""  # what flew, for counts fired or shot down: "drone", "missile", "rocket"


def _counts(
    articles: Sequence[Article],
    said: list[_Said],
    places: dict[str, str],
    attacked: set[str],
    focus: str,
    parties: StoryParties,
    areas: set[str],
    rivers: set[str],
) -> list[Conflict]:
    """Counts of one outcome (killed, wounded, displaced, detained, fired, shot down, destroyed) at one place
    that cannot both be true: they do not overlap, come from different sources and parties, and were given
    the same day or the later one is lower (a toll that rises over the days is no dispute)."""
    by_sentence = {(s.statement.doc, s.statement.start): s for s in said}
    counts: list[_Count] = []
    for article in articles:
        last_place: dict[str, str] = {}  # by outcome: the place of the article's last count that named one
        filed = dateline(article.text)
        for figure in article.figures:
            low, high = _bounds(figure.value, figure.low, figure.high, figure.qualifier)
            sentence = sentence_at(article, figure.start)
            if low is None or high is None or sentence is None or figure.unit or figure.per is not None:
                continue
            before = article.text[max(sentence.start, figure.start - _COUNT_WINDOW // 2) : figure.start]
            after = article.text[figure.end : min(figure.end + _COUNT_WINDOW, sentence.end)]
            clause = _CLAUSE_END.split(after, maxsplit=1)[0]  # the count's own clause
            if _SO_FAR.search(before) or _SO_FAR.search(clause):
                high = float("inf")  # the least there is: "verified the deaths of 19 civilians so far"
            outcome = _outcome(figure.what, before, after)
            flew = _AIRBORNE.search(figure.what)
            if outcome == "destroyed" and flew:
                outcome = "shot down"  # "air defence destroyed 71 drones"
            leading = article.text[sentence.start : figure.start]
            if (
                _RUNNING_TOTAL.match(leading)
                or _RUNNING_TOTAL.search(clause)
                or _TALLY.search(leading[-40:])
                or _TALLY.search(clause)
            ):
                continue  # "Since the beginning of the year, 64 civilians have been killed": no toll of one day
            if _not_a_count(figure.text, leading, after) or background(article, sentence):
                continue
            speaker = by_sentence.get((article.id, sentence.start))
            if not outcome or speaker is None or not _counts_what(outcome, figure.kind, figure.what):
                continue
            # not the "Ilmar" of "Ilmar Rights Collective", nor a river
            named = [key for key in places if key not in rivers and names(speaker.plain, places[key])]
            # nor the town a dateline says the report was filed from ("Port Averly - A bomb exploded in Lusanje"),
            # unless the sentence names it again ("MERADON - … the strike on Meradon's hospital")
            if filed and sentence.start <= filed.end and len(named) > 1:
                told = article.text[filed.end : sentence.end]
                named = [key for key in named if key != fold(filed.town) or names(told, places[key])]
            # "detained in the town since the blast, many of them from the Kambe quarter": the article's town
            in_the_town = _IN_THE_TOWN.search(clause)
            if outcome == "displaced":
                # People flee from the place named nearest ("fled Brannoch district as shelling hit Ilvar").
                # The clause of the count says where they fled from, not the subject before it ("teams in Ushara
                # province estimate that 16,000 people have fled their homes in Ombara district").
                position = figure.start - speaker.statement.start
                own = [k for k in named if names(clause, places[k])]
                place = min(own or named, key=lambda k: _distance(speaker.plain, places[k], position), default="")
            else:  # the dead are where the attack was, not at the river beside it, and in a town, not its province
                # nor where they were taken ("detained and taken to the port of Hvitsand")
                named = [key for key in named if not _destination(speaker.plain, places[key])]
                towns = [key for key in named if key not in areas] or named
                place = next((key for key in towns if key in attacked), towns[0] if towns else "")
                if in_the_town and not any(names(clause, places[k]) for k in towns):
                    place = ""
                # "The police figure of 42 detainees": of the place the article's last such count named
                place = place or last_place.get(outcome, fold(focus))
            if named:
                last_place[outcome] = place
            counted = _CLAUSE_END.split(after[:_WHOSE_REACH], maxsplit=1)[0]
            whose = next(iter(parties.mentioned(counted)), "")  # "41 Gaudrian soldiers"
            if _OWN_SIDE.search(counted) and speaker.party is not None:
                whose = speaker.party.name  # "two of our soldiers", said by Brisqova
            previous = counts[-1] if counts and counts[-1].said is speaker else None
            if not whose and previous is not None and _ELLIPTIC.match(after):
                whose = previous.whose  # "one Zolterran serviceman was killed and four wounded"
            who = next((kind for kind, words in _WHO.items() if words.search(counted)), "")
            total = bool(_TOTAL.search(speaker.statement.text))
            capped = figure.qualifier in _CAPPED
            airborne = _singular_weapon(flew.group()) if flew and outcome in ("fired", "shot down") else ""
            counts.append(_Count(outcome, place, low, high, speaker, whose, who, total, capped, airborne))
    counts = _known_who(_placed(counts))
    found: dict[tuple[str, str], Conflict] = {}
    answers: dict[tuple[str, str], tuple[_Count, _Count]] = {}
    _more_downed_than_fired([c for c in counts if c.airborne], found, answers)  # drones fly over a whole country
    counts = [c for c in counts if c.place or c.airborne]
    for i, a in enumerate(counts):
        for b in counts[i + 1 :]:
            if not a.place or (a.outcome, a.place) != (b.outcome, b.place) or not _contradict(a, b):
                continue
            fewer, more = (a, b) if a.high < b.low else (b, a)
            name = places.get(a.place, focus)
            what = f"how many were {a.outcome} in {name}" if a.outcome != "fired" else f"how many were fired at {name}"
            found.setdefault((a.outcome, a.place), Conflict(what, [], [], _amount(fewer), _amount(more), "count"))
            answers.setdefault((a.outcome, a.place), (fewer, more))
    # Each side holds every statement that gives its number, whenever given ("police said eight" on Monday as
    # well as "officials have kept to a toll of eight" on Wednesday, against the hospital's thirteen).
    for key, conflict in found.items():
        fewer, more = answers[key]
        for count in counts:
            if count.said.statement in conflict.a + conflict.b or not _of_key(count, key, fewer, more):
                continue
            if _same_answer(count, fewer) and not _same_answer(count, more):
                conflict.a.append(count.said.statement)
            elif _same_answer(count, more) and not _same_answer(count, fewer):
                conflict.b.append(count.said.statement)
    return list(found.values())


def _of_key(count: _Count, key: tuple[str, str], fewer: _Count, more: _Count) -> bool:
    """Whether a count is of the dispute `key` counts: the same outcome at the same place, or for a dispute of
    drones fired and shot down, either of the two outcomes of that weapon."""
    if key[0] == "fired and shot down":
        return count.airborne == key[1] and count.outcome in (fewer.outcome, more.outcome)
    return (count.outcome, count.place) == key


def _more_downed_than_fired(
    counts: list[_Count], found: dict[tuple[str, str], Conflict], answers: dict[tuple[str, str], tuple[_Count, _Count]]
) -> None:
    """One side's drones (or missiles) shot down that outnumber all the other side says it fired the same night:
    "air defences destroyed 58 drones" against "a total of 35 drones were launched" cannot both be true."""
    for downed in counts:
        for fired in counts:
            if (
                downed.outcome != "shot down"
                or fired.outcome != "fired"
                or not downed.airborne
                or downed.airborne != fired.airborne
                or not _opposed(downed.said, fired.said)
                or downed.low <= fired.high
                or not fired.total  # all it fired ("a total of 35"), not the missiles aimed at one town
            ):
                continue
            day_a, day_b = downed.said.statement.published, fired.said.statement.published
            if day_a is None or day_b is None or abs((day_a - day_b).days) > 1:
                continue
            key = ("fired and shot down", downed.airborne)
            what = f"how many {downed.airborne}s were fired and shot down"
            found.setdefault(key, Conflict(what, [], [], _amount(fired), _amount(downed), "count"))
            answers.setdefault(key, (fired, downed))


def _singular_weapon(word: str) -> str:
    """ "drones" → "drone", "UAVs" → "uav": what flew, one word for both numbers."""
    word = word.lower()
    return word[:-1] if word.endswith("s") else word


def _same_answer(count: _Count, answer: _Count) -> bool:
    """Whether a count gives an answer's number, of the same people."""
    whose = not (count.whose and answer.whose and count.whose != answer.whose)
    return whose and count.total == answer.total and count.low <= answer.high and answer.low <= count.high


def _distance(text: str, name: str, position: int) -> int:
    """Characters between a position in `text` and the nearest place `name` is written."""
    return min((abs(m.start() - position) for m in re.finditer(re.escape(name), text)), default=len(text))


def _known_who(counts: list[_Count]) -> list[_Count]:
    """Counts that do not say whom they count take who they are from a count of the same number of the same outcome
    at the same place that does: "the two dead reported in Grennock" are the hospital's "two civilians"."""
    known = {(c.outcome, c.place, c.low, c.high): c.who for c in counts if c.who}
    return [c if c.who else replace(c, who=known.get((c.outcome, c.place, c.low, c.high), "")) for c in counts]


def _placed(counts: list[_Count]) -> list[_Count]:
    """Counts of people displaced from no named place ("61,000 left the district"): from the place the story's
    other displacement counts name most."""
    named = Counter(c.place for c in counts if c.outcome == "displaced" and c.place)
    if not named:
        return counts
    usual = named.most_common(1)[0][0]
    return [replace(c, place=usual) if c.outcome == "displaced" and not c.place else c for c in counts]


def background(article: Article, sentence: Span) -> bool:
    """Whether a sentence tells of another time than the news: a date in it ends more than _COUNT_DAYS before
    the article's publication ("a quake in Orvel killed 40 people in 2005")."""
    if article.published is None:
        return False
    for expr in article.times:
        if sentence.start <= expr.start < sentence.end and expr.type == "DATE":
            period = value_period(expr.value)
            if period is not None and (article.published - period[1]).days > _COUNT_DAYS:
                return True
    return False


def _counts_what(outcome: str, kind: str, what: str) -> bool:
    """Whether a figure counts what its outcome is about: weapons for "fired" and "shot down" (not "three fire
    engines"), people for the rest (not "13 shots", "four cats", "three times")."""
    if outcome in ("fired", "shot down", "destroyed"):
        return kind == "weapons" or (outcome == "destroyed" and kind == "damage")
    words = set(re.findall(r"[a-z]+", what.lower()))
    people = _PEOPLE | _TAKEN_PEOPLE if outcome == "detained" else _PEOPLE
    return kind in ("casualties", "affected") or not words or bool(words & people)


def _not_a_count(number: str, leading: str, after: str) -> bool:
    """Whether a number is no count of an outcome of its own: an age ("Katie Jenkin, 20, and"), a part of
    another count ("three of them", "30 of the 80 wounded", "Of the 23 arrested, 12 are"), a comparison ("up
    from 80"), an increase ("six more bodies"), something that may not have happened ("might have killed two"),
    or a piece of a number the text split ("170, 000")."""
    if _AGE.search(leading) and _AGE_AFTER.match(after) or _YEARS_OLD.match(after) or _KIN.search(leading):
        return True  # an age, or "a mother of 12", "her three children"
    qualifier = number.split()[0] if len(number.split()) > 1 else ""
    if _AGE_LIMIT.search(leading) or (qualifier and _AGE_LIMIT.search(f"{leading}{qualifier}")):
        return True  # "are under 18" (the figure's text may hold its "under")
    summed = _SUMMED_AFTER.match(after) or _SUMMED_BEFORE.search(leading)
    if summed and summed.group(1).lower() in (_PEOPLE | _KINDS_OF_PEOPLE) - _OUTCOME_WORDS:
        # "two women and one man died": the count is their sum (not "71 drones and four missiles", nor "17 dead and
        # 52 wounded", two outcomes)
        return True
    if _SUBSET.match(after) or _SUBSET_BEFORE.search(leading) or _PART_OF_THE.search(leading) or _ALONE.search(leading):
        return True
    if _COMPARED.search(leading) or _UNREAL.search(leading[-_COUNT_WINDOW:]):
        return True
    if _MORE_AFTER.match(after) or _ANOTHER.search(leading):
        return True  # an increase of a count, not the count: "pulled six more bodies", "another 12 died"
    return number.startswith("0") or _SPLIT_NUMBER.search(leading) is not None or bool(_SPLIT_AFTER.match(after))


def _outcome(what: str, before: str, after: str) -> str:
    """What a number counts: the outcome word nearest to it, after it ("nine people killed") or before it ("a
    toll of nine", "fired nine missiles"); a part of another number ("shot down 22 of 24 fired") is read before."""
    found: list[tuple[int, str]] = []
    clause = _CLAUSE_END.split(after, maxsplit=1)[0]
    if not _PART_OF.match(after):  # its own clause first: "nine had died and 31 were treated for injuries"
        told = [(m.start(), name) for name, pattern in _OUTCOMES for m in pattern.finditer(f"{what} {clause}")]
        if told:
            return min(told)[1]
    whole = _WHOLE_OF.search(before) is not None  # "22 of 24 missiles fired": the 24 is read after it
    for name, pattern in _OUTCOMES:
        if not _PART_OF.match(after):
            found += [(match.start(), name) for match in pattern.finditer(f"{what} {after}")]
        if not whole:
            found += [(len(before) - match.end(), name) for match in pattern.finditer(before)]
    nearest = min(found) if found else None
    return nearest[1] if nearest is not None and nearest[0] <= _NEAR else ""


def _bounds(
    value: float | None, low: float | None, high: float | None, qualifier: str
) -> tuple[float | None, float | None]:
    """The least and most a figure allows: "at least 11" is 11 and up, "about 40" 34 to 46, "up to 15" 7.5 to 15,
    "fewer than 15" 0 to 15."""
    if _VAGUE.search(qualifier):
        return None, None  # "several dead", "tens of thousands" dispute no number
    if low is not None and high is not None:
        return low, high
    if value is None:
        return None, None
    if qualifier in _OPEN_ABOVE:
        return value, float("inf")
    if qualifier in ("up to", "as many as"):
        return value / 2, value  # "killed up to 15": a claim of many, not of any number up to it
    if qualifier in ("fewer than", "less than", "under", "no more than"):
        return 0.0, value
    if qualifier:
        return value * (1 - _ABOUT), value * (1 + _ABOUT)
    return value, value


def _voice(said: _Said) -> str:
    """Who gives a count: its speaker's party, else its speaker, else its outlet."""
    return said.party.name if said.party else said.statement.speaker.casefold() or said.statement.source


def _contradict(a: _Count, b: _Count) -> bool:
    if _voice(a.said) == _voice(b.said) or not (a.high < b.low or b.high < a.low):
        return False
    if a.whose and b.whose and a.whose != b.whose:
        return False  # each side's dead: "250 Marrovian servicemen" and "41 Gaudrian soldiers" are two counts
    if a.who and b.who and a.who != b.who and not _opposed(a.said, b.said):
        return False  # "two civilians killed" and "four of its soldiers were killed" count different people
    if (a.total and a.low > b.high) or (b.total and b.low > a.high):
        return False  # "291 bodies in total" holds the 250 of one side and the 41 of the other
    if _gives(a.said.statement.text, b) or _gives(b.said.statement.text, a):
        return False  # a sentence that gives both numbers counts two things ("250 bodies and Gaudria 41")
    if a.said.statement.text == b.said.statement.text:
        return False  # two copies of one report
    if a.said.statement.doc == b.said.statement.doc and a.said.party is None and b.said.party is None:
        return False  # one article's own counts are of different things unless it gives them to sources
    day_a, day_b = a.said.statement.published, b.said.statement.published
    if day_a is None or day_b is None:
        return False  # counts of no known period dispute nothing
    if day_a == day_b:
        return True
    if abs((day_a - day_b).days) > _COUNT_DAYS:
        return False
    later, earlier = (a, b) if day_a > day_b else (b, a)
    # A later, lower count contradicts; a later, higher one is a rising toll, unless the earlier was a cap.
    return later.high < earlier.low or (earlier.capped and later.low > earlier.high)


def _opposed(a: _Said, b: _Said) -> bool:
    """Whether two statements are of belligerents on opposite sides: "19 civilians" against the attacker's "about
    40 soldiers" is a dispute over whom a strike killed, not two counts."""
    return _belligerent(a) and _belligerent(b) and a.party != b.party


def _gives(text: str, count: _Count) -> bool:
    """Whether a text writes the number of a count in figures ("41", "1,870")."""
    if count.low != count.high or count.low != int(count.low):
        return False
    value = int(count.low)
    return any(whole_word(written).search(text) for written in {str(value), f"{value:,}"})


def _amount(count: _Count) -> str:
    if count.high == float("inf"):
        return f"at least {count.low:g} {count.outcome}"
    if count.low == count.high:
        return f"{count.low:g} {count.outcome}"
    return f"{count.low:g}-{count.high:g} {count.outcome}"


def _focus(said: list[_Said]) -> str:
    """The place the story's talk of attacks names in the most articles: where an attack told without a place
    ("the explosions") happened."""
    articles: dict[str, set[str]] = {}
    written: dict[str, str] = {}
    for s in said:
        if _ATTACK.search(s.statement.text):
            for key, name in s.places.items():
                articles.setdefault(key, set()).add(s.statement.doc)
                written.setdefault(key, name)
    if not articles:
        return ""
    told = "\n".join(s.statement.text for s in said)
    areas, streets, rivers = _areas(written, told), _streets(written), _rivers(written, told)
    # a town before the district or region it lies in ("Eskey, a village in Farran district"), and before its
    # streets ("Gleb Street") and the river it stands on
    return written[
        max(articles, key=lambda k: (k not in rivers, k not in streets, k not in areas, len(articles[k]), k))
    ]


def _areas(places: dict[str, str], told: str) -> set[str]:
    """The places `told` writes before a word for an area ("Farran district", "the Vostrel region") at least
    half the times it names them: a town may share its name with its district ("in Yarrick", "the Yarrick
    district hospital")."""
    found = set()
    for key, name in places.items():
        ends = [m.end() for m in re.finditer(rf"\b{re.escape(name)}", told)]  # one pass for both counts
        named = sum(1 for end in ends if _NAMED_ALONE.match(told, end))  # not in "Ashkel Liberation Front"
        as_area = sum(1 for end in ends if _AREA_AFTER.match(told, end))
        if as_area and 2 * as_area >= named:
            found.add(key)
    return found


def _rivers(places: dict[str, str], told: str) -> set[str]:
    """The places `told` writes as rivers ("the Semla river", "the River Semla"): where shells come from or
    cross, never where the dead are counted."""
    return {
        key
        for key, name in places.items()
        if re.search(rf"\b{re.escape(name)}\s+[Rr]iver\b|\b[Rr]iver\s+{re.escape(name)}\b", told)
    }


def _streets(places: dict[str, str]) -> set[str]:
    """The places that are streets or squares ("Gleb Street")."""
    return {key for key, name in places.items() if _STREET.search(name)}


def _asserted_culprit(said: _Said, parties: StoryParties) -> str:
    """The party a responsibility statement holds responsible: another party it names, the first after its word
    of blame where there is one ("the cell behind the attack was directed by the People's Army"), else "not
    <itself>" when it points away from itself, else "". A deed it credits its own side with blames no one, nor does
    calling the report invented, unless it also says who did it."""
    text = said.statement.text
    done = _DONE_BY.search(text)
    if done is not None:
        clause = _clause_before(text, done.start())
        agent = parties.mentioned(clause)
        if _OWN_SIDE.search(clause) or (agent and said.party is not None and agent[-1] == said.party.name):
            return ""  # "Gaudrian artillery destroyed a pontoon bridge", told by Gaudria; "our missile units hit"
        if agent and not _FABRICATED.search(text):
            return agent[-1]  # "a Marrovian drone struck the grain terminal", told by Gaudria
    if _FABRICATED.search(text) and not (_EXCULPATES.search(text) or _names_culprit(text)):
        return ""  # "the ALF was inventing atrocities to cover its own violations": whether it happened
    own = said.party.name if said.party is not None else ""
    # A deed whose doer goes unnamed blames no one by it: "air defence units destroyed 14 Brisqovan drones" names
    # what was destroyed; only another word of blame can name a culprit.
    cue = next((m for m in _BLAME.finditer(text) if done is None or not _DONE_BY.fullmatch(m.group())), None)
    if done is not None and cue is None and not _EXCULPATES.search(text):
        return ""
    after = [p for p in parties.mentioned(text[cue.end() :]) if p != own] if cue else []
    named = after or [p for p in parties.mentioned(text) if p != own]
    if named:
        return named[0]
    if said.party is not None and (_EXCULPATES.search(text) or _REJECTS_BLAME.search(text)):
        return f"not {said.party.name}"
    return ""


def _names_culprit(text: str) -> bool:
    """Whether a text names someone to blame; "rejected accusations that its drones hit the hospital, calling the
    reports fabricated" only turns the accusation away."""
    found = _NAMES_CULPRIT.finditer(text)
    return any(not _REJECTED_BEFORE.search(text, max(0, m.start() - 25), m.start()) for m in found)


def _belligerent(said: _Said) -> bool:
    return said.party is not None and said.party.kind != THIRD_PARTY


def _shared_place(a: _Said, b: _Said) -> str:
    common = [key for key in a.places if key in b.places]
    return a.places[common[0]] if common else ""


def _same_attack(a: _Said, b: _Said) -> str:
    return a.where if a.attacked and a.attacked == b.attacked else ""


def _unplaced_match(a: _Said, b: _Said) -> str:
    """For who did it: one side's statement names no place ("accused the militia of an unprovoked assault")
    and so speaks of the story's attack, wherever the other places it ("gunmen fired first near the Dorna
    bridge")."""
    if a.attacked and b.attacked and not (a.placed and b.placed):
        return (a if a.placed else b).where
    return ""


def violent(subtype: str) -> bool:
    """Whether an event class is fighting, remote violence or violence against civilians."""
    kind = CLASSES.get(subtype)
    return kind is not None and kind.acled_type in (
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
    )


def _assigns_blame(said: _Said) -> bool:
    """Whether a statement can say who did an attack: in words of blame or of pointing away, or by naming the doer
    of a deed at a place it names itself ("a Marrovian drone struck the terminal in Saltmere"); an unplaced deed
    may be another attack than the story's (each side reports the other's strikes)."""
    text = said.statement.text
    return bool(_BLAME.search(text) or _EXCULPATES.search(text) or (_DONE_BY.search(text) and said.placed))


def _responsibility(said: list[_Said], parties: StoryParties, found: dict[tuple[str, str], Conflict]) -> None:
    assigning = [
        (s, _own_unit(culprit, s, said, parties))
        for s in said
        if _belligerent(s) and _assigns_blame(s) and _at_war(s, parties)
        for culprit in [_asserted_culprit(s, parties)]
        if culprit
    ]
    for i, (a, culprit_a) in enumerate(assigning):
        for b, culprit_b in assigning[i + 1 :]:
            assert a.party is not None and b.party is not None
            place = _same_attack(a, b) or _unplaced_match(a, b)
            if a.party == b.party or culprit_a == culprit_b or not place:
                continue
            if not (
                _answers(culprit_a, culprit_b, a.party.name, b.party.name, parties)
                or _answers(culprit_b, culprit_a, b.party.name, a.party.name, parties)
            ):
                continue
            what = f"who was responsible for the attack on {place}"
            says = (f"{a.party.name}: {_said_of(culprit_a)}", f"{b.party.name}: {_said_of(culprit_b)}")
            key = _responsibility_key(found, place, a.party.name, b.party.name)
            conflict = found.get(key)
            if conflict is not None and _side_of(conflict, b.party.name) == "a":
                a, b, says = b, a, (says[1], says[0])  # each party keeps its side
            _add(found, Conflict(what, [], [], *says, "responsibility"), key[1], a, b)
            conflict = found[key]
            # A side that names who did it says more than one that only says it was not to blame.
            if not conflict.a_says.endswith(" did it") and says[0].endswith(" did it"):
                conflict.a_says = says[0]
            if not conflict.b_says.endswith(" did it") and says[1].endswith(" did it"):
                conflict.b_says = says[1]


def _one_answer_one_dispute(found: dict[tuple[str, str], Conflict]) -> None:
    """One accusation and its answer, said with no place, pair with the placed words at every place the story
    names: a dispute of who did it between the same parties whose statements another one holds is that one."""
    ranked = sorted((key for key in found if key[0] == "responsibility"), key=lambda k: -len(found[k].a + found[k].b))
    for index, key in enumerate(ranked):
        held = found[key]
        for larger in ranked[:index]:
            other = found.get(larger)
            if (
                other is not None
                and _sayers(held) == _sayers(other)
                and {(s.doc, s.start) for s in held.a + held.b} <= {(s.doc, s.start) for s in other.a + other.b}
            ):
                del found[key]
                break


def _sayers(conflict: Conflict) -> set[str]:
    """The parties of a responsibility dispute's sides ("Vaskaria" of "Vaskaria: Popular Guard did it")."""
    return {says.split(":", 1)[0] for says in (conflict.a_says, conflict.b_says)}


def _own_unit(culprit: str, claimant: _Said, said: list[_Said], parties: StoryParties) -> str:
    """The claimant's own party for a group only its own statements name: "the Martyr Ilyas Battalion hit a
    helicopter", posted by the Front, is the Front's unit claiming the Front's deed, not another group's."""
    if claimant.party is None or culprit not in parties.groups.values():
        return culprit
    naming = [s for s in said if whole_word(culprit).search(s.statement.text)]
    return claimant.party.name if all(s.party == claimant.party for s in naming) else culprit


def _at_war(said: _Said, parties: StoryParties) -> bool:
    """Whether a statement's party may take a side in the story: a state the story names with its mediators or
    monitors ("Corandian mediators said Zemaran troops fired first") and never with forces of its own judges who
    did it as a third party does."""
    if said.party is None or said.party.kind != STATE:
        return True
    return said.party.name not in parties.mediating or said.party.name in parties.fighting


def _answers(blamed: str, answer: str, accuser: str, accused: str, parties: StoryParties) -> bool:
    """Whether two culprits are the sides of one dispute: the accuser blames the accused, who blames the accuser,
    an armed group ("the Sabre Front was behind it": not a state, whose naming on general news is no answer) or
    says it was not to blame; or the accuser points away from itself and the other blames it."""
    if blamed == accused:
        return answer in (accuser, f"not {accused}") or answer in parties.groups.values()
    return blamed == f"not {accuser}" and answer == accuser


def _responsibility_key(found: dict[tuple[str, str], Conflict], place: str, a: str, b: str) -> tuple[str, str]:
    """The key of the dispute of who did the attack on `place` between parties `a` and `b`: one place can hold
    two ("the government blames the People's Army, which blames the Sabre Front")."""
    for key, conflict in found.items():
        if (
            key[0] == "responsibility"
            and _place_of(key) == place
            and {_side_of(conflict, a), _side_of(conflict, b)} == {"a", "b"}
        ):
            return key
    return (
        ("responsibility", place) if ("responsibility", place) not in found else ("responsibility", f"{place}|{a}|{b}")
    )


def _place_of(key: tuple[str, str]) -> str:
    return key[1].split("|", 1)[0]


def _blamed(found: dict[tuple[str, str], Conflict], place: str, party: str) -> Conflict | None:
    """The dispute of who did the attack on `place` in which `party` takes a side, else the first at `place`."""
    at = [c for key, c in found.items() if key[0] == "responsibility" and _place_of(key) == place]
    return next((c for c in at if _side_of(c, party)), at[0] if at else None)


def _said_of(culprit: str) -> str:
    return f"{culprit.removeprefix('not ')} was not responsible" if culprit.startswith("not ") else f"{culprit} did it"


def _control(said: list[_Said], parties: StoryParties, found: dict[tuple[str, str], Conflict]) -> None:
    """Statements of different parties that name different holders of one place (`_holder`)."""
    claims = []
    last: dict[str, tuple[str, str]] = {}  # by article: the place its last claim of taking or holding named
    for s in said:
        if s.party is None:
            continue
        if not s.places and s.statement.doc in last and _near_the_place(s.statement.text):
            key, name = last[s.statement.doc]
            s.places = {key: name}  # "Its troops were still holding positions in the village": the one just named
        elif not s.places or not (_near_cue(s, _CAPTURED) or _near_cue(s, _HELD)):
            continue
        holder = _holder(s, parties)
        if holder:
            claims.append((s, holder))
            last[s.statement.doc] = next(iter(s.places.items()))
    for i, (a, holder_a) in enumerate(claims):
        for b, holder_b in claims[i + 1 :]:
            place = _shared_place(a, b)
            if not place or a.party == b.party or holder_a == holder_b or not (_belligerent(a) or _belligerent(b)):
                continue
            conflict = found.setdefault(
                ("control", place),
                Conflict(f"who controls {place}", [], [], f"{holder_a} holds it", f"{holder_b} holds it", "control"),
            )
            for statement, holder in ((a.statement, holder_a), (b.statement, holder_b)):
                sides = {conflict.a_says: conflict.a, conflict.b_says: conflict.b}
                side = sides.get(f"{holder} holds it")
                if side is not None and statement not in conflict.a + conflict.b:
                    side.append(statement)


def _near_the_place(text: str) -> bool:
    """Whether a cue of taking or holding stands near "the village" (or town, city, settlement) unnamed."""
    return any(
        min(abs(place.start() - cue.end()), abs(cue.start() - place.end())) <= _CUE_REACH
        for place in _THE_PLACE.finditer(text)
        for pattern in (_CAPTURED, _HELD)
        for cue in pattern.finditer(text)
    )


def _holder(said: _Said, parties: StoryParties) -> str:
    """The party a statement says holds the place it speaks of: the one named after a cue of holding ("in the
    hands of the VLA", "under the full control of the army"), or before it ("Lannemark's forces repelled",
    "Drevanian troops captured"), else the speaker's own ("the attack was repelled", "our fighters entered");
    a capture the speaker dismisses ("called the group's claims to have seized it a fantasy") leaves the place
    with the speaker."""
    assert said.party is not None
    text = said.statement.text
    home = said.party.name if said.party.kind == STATE else ""
    after, owner = _HOLDER_AFTER.search(text), _HOLDER_BEFORE.search(text)
    if owner and owner.group(1).lower() in ("our", "my", "its", "their", "full", "firm"):
        owner = None
    for holding in (after, owner):
        named = parties.party(holding.group(1), home) if holding else None
        if named is not None and named.kind != THIRD_PARTY:
            return named.name
    cue = _CAPTURED.search(text) or _HELD.search(text)
    assert cue is not None
    clause = _clause_before(text, cue.start())
    actor = None if _OWN.search(clause) else parties.party(clause)
    if actor is None or actor.kind == THIRD_PARTY:
        return said.party.name
    if actor != said.party and _DISMISSED.search(text):
        return said.party.name
    return actor.name


def _near_cue(said: _Said, cue: re.Pattern[str]) -> bool:
    """Whether a place the statement names stands near its cue ("captured the village of Lesk", "Lesk remains
    under our control"), so that "captured 23 pirates in the Gulf of Aden" takes no place; keeps only those places."""
    text = said.statement.text
    spans = [
        m.span()
        for m in cue.finditer(text)
        if not _PEOPLE_TAKEN.match(text[m.end() :]) and not _NOT_FORCES.search(text[max(0, m.start() - 50) : m.start()])
    ]
    near = {}
    for start, end in spans:  # the place nearest each cue: "control over the village of Velny in the Darsk region"
        distances = [
            (min(abs(found.start() - end), abs(start - found.end())), key)
            for key, name in said.places.items()
            for found in whole_word(name).finditer(text)
        ]
        close = [(distance, key) for distance, key in distances if distance <= _CUE_REACH]
        if close:
            key = min(close)[1]
            near[key] = said.places[key]
    said.places = near if near else said.places
    return bool(near)


def _occurrence(said: list[_Said], parties: StoryParties, found: dict[tuple[str, str], Conflict]) -> None:
    """An attack one side reports and another denies: calls fabricated ("the reports are fake") or reports
    negated, of the same kind ("No army helicopter has been shot down" against "shot down a helicopter")."""
    # a denial of a figure ("described the figure of 16 missiles as invented") is a dispute of how many
    # nor is "rejected claims that the village had been captured" or "claims about the fall of the garrison are
    # propaganda" (who holds it), nor "dismissed the claim that an
    # interceptor fell on the market" (who did it)
    denials = [
        s
        for s in said
        if _belligerent(s)
        and s.denies()
        and not _OF_A_FIGURE.search(s.statement.text)
        and not _CAPTURED.search(s.statement.text)
        and not _OF_A_CAPTURE.search(s.statement.text)
        and not _DEFLECTED.search(s.statement.text)
    ]
    reports = [
        s
        for s in said
        if _ATTACK.search(s.statement.text) and not s.denies() and not _UNVERIFIED.search(s.statement.text)
    ]
    denied: set[str] = set()
    for b in denials:
        for a in reports:
            place = _same_attack(a, b)
            if not place and not b.placed and a.attacked and _same_marks(a.statement.text, b.statement.text):
                place = a.where  # "That shootdown of an Sv-34 never happened": the report's place
            if not place or (a.party is not None and a.party == b.party) or not _same_kind(a, b):
                continue
            blamed = _blamed(found, place, b.party.name if b.party is not None else "")
            side = _side_of(blamed, b.party.name) if blamed is not None and b.party is not None else ""
            if _denies_own_part(b, parties):
                if (
                    blamed is not None
                    and side
                    and _blames_another(blamed, side)
                    and b.statement not in blamed.a + blamed.b
                ):
                    (blamed.a if side == "a" else blamed.b).append(b.statement)
                continue  # "our forces did not strike the town" denies a part in it, not that it happened
            if any(kind == "responsibility" and b.statement in c.a + c.b for (kind, _), c in found.items()):
                continue
            if blamed is not None and side and not _blames_another(blamed, side):
                denied.add(place)  # "not responsible" and "did not happen": one dispute, whether it happened
            what = f"whether the attack on {place} happened"
            _add(found, Conflict(what, [], [], "it happened", "it did not happen", "occurrence"), place, a, b)
    for key in [key for key in found if key[0] == "responsibility" and _place_of(key) in denied]:
        del found[key]


def _same_marks(a: str, b: str) -> bool:
    """Whether two texts share a mark that names one thing: a model or number name ("Sv-34", "Harrow-9")."""
    return bool(set(_MARK.findall(a)) & set(_MARK.findall(b)))


def _denies_own_part(denial: _Said, parties: StoryParties) -> bool:
    """Whether a denial names the denier's own side as the doer of a deed it did not do ("Kaldoran armed forces
    did not carry out any strikes", "our forces carried out no strikes", "rejected claims that Marrovian drones had
    targeted the terminal"): its part denied, not that anything happened ("No army helicopter has been shot
    down" is of the other kind)."""
    text = denial.statement.text
    deed = _NOT_DONE.search(text)
    doer = text[: deed.start()] if deed is not None else ""
    rejected = _REJECTED_THAT.search(text)
    if deed is None and rejected is not None:  # "rejected claims that Marrovian drones had targeted the terminal"
        deed = _DONE_BY.search(text, rejected.end())
        doer = text[rejected.end() : deed.start()] if deed is not None else ""
    own = denial.party.name if denial.party is not None else ""
    return bool(doer) and (bool(_OWN_SIDE.search(doer)) or own in parties.mentioned(doer))


def _side_of(conflict: Conflict, party: str) -> str:
    """Which side of a responsibility dispute a party takes ("a", "b"), "" when neither."""
    return next(
        (side for side, says in (("a", conflict.a_says), ("b", conflict.b_says)) if says.startswith(f"{party}:")), ""
    )


def _blames_another(conflict: Conflict, side: str) -> bool:
    """Whether a side of a responsibility dispute holds another party responsible ("Our forces carried out no
    strikes on Harnesk" beside "an air defence missile of theirs fell on the town"), not only that it was not
    to blame."""
    return (conflict.a_says if side == "a" else conflict.b_says).endswith(" did it")


def _same_kind(report: _Said, denial: _Said) -> bool:
    """Whether a denial can be of what a report tells: any report when it calls reports fabricated, else one
    with an event of the class or the trigger of an event the denial negates."""
    if _CRAFT.search(denial.statement.text) and not _CRAFT.search(report.statement.text):
        return False  # "no aircraft of ours was lost" denies a shootdown, not the shelling of the day
    if _FABRICATED.search(denial.statement.text):
        return True
    negated = [e for e in denial.events if e.negated]
    return any(
        e.subtype == n.subtype or e.trigger.casefold()[:4] == n.trigger.casefold()[:4]
        for e in report.events
        for n in negated
    )


def _add(found: dict[tuple[str, str], Conflict], new: Conflict, place: str, a: _Said, b: _Said) -> None:
    """Put `a` on the first side and `b` on the second of the dispute of `new`'s kind over `place` (`new` the
    first time; `place` may carry the parties of one of several disputes there, "Qarnet|A|B")."""
    conflict = found.setdefault((new.kind, place), new)
    for side, statement in ((conflict.a, a.statement), (conflict.b, b.statement)):
        if statement not in conflict.a and statement not in conflict.b:
            side.append(statement)


def _third_parties(said: list[_Said], conflict: Conflict) -> list[Statement]:
    """What third parties say on the dispute's place: their findings, or that it could not be verified."""
    sides = {(s.doc, s.start) for s in conflict.a + conflict.b}
    places = {key for s in said if (s.statement.doc, s.statement.start) in sides for key in s.places}
    return [
        s.statement
        for s in said
        if s.party is not None and s.party.kind == THIRD_PARTY
        and (s.statement.doc, s.statement.start) not in sides
        and (set(s.places) & places and any(cue.search(s.statement.text) for cue in _ON_KIND[conflict.kind])
             or _VERIFICATION.search(s.statement.text) and _ATTACK.search(s.statement.text))
    ]  # fmt: skip
