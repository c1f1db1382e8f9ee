"""Incremental story clustering: each new article joins the story it fits best, or opens a new one.

An article is compared with a story by three things (`StoryIndex.score`):

- the cosine between its embedding and the story's centroid (what it is about);
- the share of its key names (linked entities and resolved places) that the story's articles name too, each
  name weighted by its rarity across all stories, so "Russia" or a president counts for little and a town
  or a person at the centre of the story counts for much;
- a penalty when its date lies outside the story's span by more than `STORY_GAP_DAYS`.

An article that shares no name with a story does not join it, however close the wording, unless it is a near
copy: the quarterly results of fifty companies embed close together, but a story is one happening. A sign-off
line ("Reuter"), the heading words of a templated report ("Qtly div") and a name most articles carry (a site's
own name) are no names (docs/stories.md, "Stories are happenings, not genres").

Two stories of the same kind (two earthquakes, two rehab stays) are close in embedding and told apart by
names and dates; an article sharing only a country or a leader with a story gains little from the names,
because they are common. Nothing is ever re-clustered: a story's state is sums and counts that grow as
articles join, stored as they are (`StoryState`).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date

import numpy as np
from unidecode import unidecode

from newsint.model import Article, Entity, StoryKeys, StoryState
from newsint.nlp.encoder import DIMENSIONS

KEY_NAMES = 12  # an article's most mentioned names that count as its keys
NAME_WEIGHT = 0.4  # how much the shared names add to the cosine
GAP_PENALTY = 0.15  # taken off when the article is far outside the story's dates
STORY_GAP_DAYS = 30
JOIN_THRESHOLD = 0.72  # tuned on the ECB+ train topics (docs/stories.md)
CANDIDATES = 50  # stories scored in full, the nearest by cosine
NEAR_COPY = 0.9  # a cosine this high joins on wording alone (a rewrite of the same report)
BOILERPLATE_SHARE = 0.2  # a name more than this share of all articles carry is the site's, not a story's ...
BOILERPLATE_MIN = 100  # ... once there are this many articles to tell
# Words that end names of organisations of every kind: two names ending in one of them are not one name.
_DESIGNATORS = frozenset(
    "inc corp corporation co company ltd plc llc group holdings industries international bank fund trust "
    "association organization organisation council ministry department agency university party".split()
)
SIGN_OFF_WORDS = 3  # a last line this short naming only an entity signs the article off ("Reuter")
TEMPLATE_WORD_LETTERS = 4  # "Qtly", "Oper", "Mths": the abbreviations that head the lines of a templated report


def rarity(having: int, total: int) -> float:
    """The weight of a name (or word) that `having` of `total` articles (or stories) carry: a smoothed idf."""
    return math.log((1 + total) / (1 + having)) + 1.0


def _folded(name: str) -> str:
    return unidecode(name).casefold()


def story_label(state: StoryState, name_counts: Counter[str], articles: int, size: int = 3) -> str:
    """The names most shared by the story's articles, weighted by rarity across all stories (`name_counts`:
    articles naming each key, of `articles` in all); places first on ties."""

    def weight(name: str) -> float:
        return state.names[name] * rarity(name_counts[name], articles)

    ranked = sorted(state.display, key=lambda name: (-weight(name), not name.startswith("p:"), name))
    shown: list[str] = []
    for name in ranked:
        text = state.display[name]
        if _folded(text) not in {_folded(s) for s in shown}:  # "Doğanyol" and "Doganyol" are one name
            shown.append(text)
        if len(shown) == size:
            break
    return ", ".join(shown)


def _sign_off_start(text: str) -> int | None:
    """Where the article's sign-off line starts (a last line of a few capitalised words, "Reuter", "AP"); None
    without one."""
    body = text.rstrip()
    start = body.rfind("\n") + 1
    words = body[start:].split()
    if start == 0 or len(words) > SIGN_OFF_WORDS or not all(word[:1].isupper() for word in words):
        return None
    return start


def _last_words(names: Iterable[str]) -> set[str]:
    """The last words of names of two words or more, less the designators of organisations ("Inc", "Bank"):
    a surname ("Pinup girl Williams" and "Esther Williams") when the linker could not join the two names."""
    words = set()
    for name in names:
        parts = _folded(name).replace(".", " ").split()
        if len(parts) >= 2 and parts[-1].isalpha() and len(parts[-1]) >= 3 and parts[-1] not in _DESIGNATORS:
            words.add(parts[-1])
    return words


def _template_word(entity: Entity, text: str) -> bool:
    """A single word taken for a name only where it opens a line ("Qtly div 25 cts", "Oper shr loss"): the
    heading word of a templated report, where a capital letter says nothing. Acronyms ("OPEC") stay names."""
    word = entity.name.strip()
    if len(word) > TEMPLATE_WORD_LETTERS or not word.isalpha() or word.isupper() or not entity.mentions:
        return False
    return all(not text[text.rfind("\n", 0, m.start) + 1 : m.start].strip() for m in entity.mentions)


def story_keys(article: Article) -> StoryKeys | None:
    """The article's embedding, key names and date; None without an embedding. A name found only in the
    article's sign-off line (the agency's "Reuter" under every report) is no key: it tells no happening."""
    if article.embedding is None:
        return None
    vector = np.frombuffer(article.embedding, dtype="<f4").astype(np.float32)
    counts: Counter[str] = Counter()
    display: dict[str, str] = {}
    sign_off = _sign_off_start(article.text)
    for entity in article.entities:
        if sign_off is not None and entity.mentions and all(m.start >= sign_off for m in entity.mentions):
            continue
        if _template_word(entity, article.text):
            continue
        key = f"e:{entity.id or entity.type + ':' + entity.name.casefold()}"
        counts[key] += len(entity.mentions)
        if entity.type != "MISC":  # "Russian", "Ukrainians": keys, but no name for a story
            display.setdefault(key, entity.name)
    for mention in article.places:
        if mention.place is not None and mention.place.kind != "country":
            key = f"p:{mention.place.geonames_id or mention.place.name.casefold()}"
            counts[key] += 1
            display.setdefault(key, mention.place.name)
    names = dict(counts.most_common(KEY_NAMES))
    return StoryKeys(article.id, vector, names, article.published, {k: display[k] for k in names if k in display})


def story_id(first_doc: str) -> str:
    """A story is named after the article that opened it, so ids are stable across runs of the same input."""
    return "s" + hashlib.sha256(first_doc.encode("utf-8")).hexdigest()[:11]


class StoryIndex:
    """Stories in memory, with a matrix of their centroids for a fast nearest search."""

    def __init__(
        self,
        states: Iterable[StoryState] = (),
        of_doc: Iterable[tuple[str, str]] = (),
        threshold: float = JOIN_THRESHOLD,
        name_weight: float = NAME_WEIGHT,
    ) -> None:
        self.threshold = threshold
        self.name_weight = name_weight
        self.states: list[StoryState] = []
        self.position: dict[str, int] = {}
        self.of_doc: dict[str, str] = {}
        self.name_counts: Counter[str] = Counter()
        self.articles = 0
        self._centroids = np.zeros((0, DIMENSIONS), dtype=np.float32)
        for state in states:
            self._append(state)
        self.of_doc.update(of_doc)

    def _append(self, state: StoryState) -> None:
        self.position[state.id] = len(self.states)
        self.states.append(state)
        self.name_counts.update(state.names)
        self.articles += state.size
        if len(self.states) > len(self._centroids):
            grown = np.zeros((max(64, 2 * len(self._centroids)), DIMENSIONS), dtype=np.float32)
            grown[: len(self.states) - 1] = self._centroids[: len(self.states) - 1]
            self._centroids = grown
        self._centroids[len(self.states) - 1] = state.centroid

    def __len__(self) -> int:
        return len(self.states)

    def _rarity(self, name: str) -> float:
        """A name's weight; nothing for a name most articles carry (a sign-off, the site's own name)."""
        having = self.name_counts[name]
        if self.articles >= BOILERPLATE_MIN and having > BOILERPLATE_SHARE * self.articles:
            return 0.0
        return rarity(having, self.articles)

    def shared_names(self, keys: StoryKeys, state: StoryState) -> float:
        """The share of the article's key names that the story's articles name too, weighted by rarity."""
        total = shared = 0.0
        for name in keys.names:
            weight = self._rarity(name)
            total += weight
            shared += weight * state.names[name] / state.size
        return shared / total if total else 0.0

    def score(self, keys: StoryKeys, state: StoryState, cosine: float) -> float:
        """How well the article fits the story: cosine, plus shared rare names, less a date gap. An article
        that shares no name with the story (nor a surname) joins it only as a near-copy: texts of one genre (the
        quarterly results of different companies, daily updates from different places) embed close together,
        but a story is one happening, told by its names."""
        names = self.shared_names(keys, state)
        # An index that weighs no names (the embedding-only ablation of `newsint eval stories`) requires none.
        if names == 0.0 and self.name_weight and cosine < NEAR_COPY and not self._same_surname(keys, state):
            return -math.inf
        return cosine + self.name_weight * names - GAP_PENALTY * self._gap(keys.day, state)

    @staticmethod
    def _same_surname(keys: StoryKeys, state: StoryState) -> bool:
        words = _last_words(keys.display.values())
        return bool(words) and bool(words & _last_words(state.display.values()))

    @staticmethod
    def _gap(day: date | None, state: StoryState) -> float:
        """1 when the article is more than STORY_GAP_DAYS outside the story's span, 0 inside it or undated."""
        if day is None or state.start is None or state.end is None:
            return 0.0
        outside = max((state.start - day).days, (day - state.end).days, 0)
        return 1.0 if outside > STORY_GAP_DAYS else 0.0

    def best(self, keys: StoryKeys) -> tuple[StoryState | None, float]:
        """The best-fitting story and its score, among the CANDIDATES nearest by cosine."""
        if not self.states:
            return None, 0.0
        cosines = self._centroids[: len(self.states)] @ keys.vector
        nearest: Iterable[int] = range(len(cosines))
        if len(cosines) > CANDIDATES:
            nearest = np.argpartition(-cosines, CANDIDATES)[:CANDIDATES].tolist()
        best, best_score = None, -math.inf
        for row in nearest:
            state = self.states[int(row)]
            score = self.score(keys, state, float(cosines[row]))
            if score > best_score:
                best, best_score = state, score
        return best, best_score

    def assign(self, keys: StoryKeys, same_as: str | None = None) -> tuple[StoryState, float | None]:
        """Add the article to the best story above the threshold (or to the story of `same_as`, a duplicate it
        copies), else to a new story; returns the story and the fit score (None for a new story or a copy)."""
        state: StoryState | None = None
        score: float | None = None
        if same_as is not None and same_as in self.of_doc:
            state = self.states[self.position[self.of_doc[same_as]]]
        else:
            best, best_score = self.best(keys)
            if best is not None and best_score >= self.threshold:
                state, score = best, best_score
        if state is None:
            state = StoryState(story_id(keys.doc), np.zeros(DIMENSIONS, dtype=np.float32))
            state.add(keys)
            self._append(state)
        else:
            self.name_counts.update(keys.names.keys())
            self.articles += 1
            state.add(keys)
            self._centroids[self.position[state.id]] = state.centroid
        self.of_doc[keys.doc] = state.id
        return state, None if score is None else round(score, 4)


def joined_states(articles: list[Article], stored: Callable[[str], StoryState | None]) -> list[StoryState]:
    """The state of each story that `articles` join, read with `stored` and grown as `StoryIndex.assign` grew it.

    `articles` are a batch's new articles and the stored ones that had no story yet, in batch order (the order the
    stories stage added them in); the store calls this inside the batch's transaction, so two ingests never lose
    each other's articles. An article without an embedding has no keys and leaves its story's state as it is.
    """
    changed: dict[str, StoryState] = {}
    for article in articles:
        if article.story is None:
            continue
        keys = story_keys(article)
        if keys is None:
            continue
        state = changed.get(article.story) or stored(article.story)
        if state is None:
            state = StoryState(article.story, np.zeros(DIMENSIONS, dtype=np.float32))
        state.add(keys)
        changed[article.story] = state
    return list(changed.values())
