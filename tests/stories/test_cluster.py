"""Story assignment joins articles that share a happening, not a genre: sign-offs, template words, names."""

from __future__ import annotations

from collections import Counter

import numpy as np

from newsint.model import Entity, Mention, StoryKeys
from newsint.stories.cluster import BOILERPLATE_MIN, StoryIndex, story_keys
from tests.conftest import make_article
from tests.stories.test_stories import _unit


def _at_cosine(base: np.ndarray, cosine: float, seed: int) -> np.ndarray:
    """A unit vector with exactly `cosine` to the unit vector `base`."""
    other = _unit(seed)
    other = other - float(other @ base) * base
    other /= np.linalg.norm(other)
    return cosine * base + float(np.sqrt(1 - cosine**2)) * other


def _keys(doc: str, vector: np.ndarray, names: dict[str, int], display: dict[str, str] | None = None) -> StoryKeys:
    return StoryKeys(doc, vector, names, None, display or {})


def _entity(text: str, name: str, type_: str = "ORG") -> Entity:
    starts = [i for i in range(len(text)) if text.startswith(name, i)]
    return Entity(name, type_, [Mention(s, s + len(name), name) for s in starts], id=name.casefold())


def _article_keys(text: str, *names: str) -> StoryKeys:
    article = make_article(id="d", text=text, embedding=_unit(1).astype("<f4").tobytes())
    article.entities = [_entity(text, name) for name in names]
    keys = story_keys(article)
    assert keys is not None
    return keys


def test_a_sign_off_line_is_no_name() -> None:
    keys = _article_keys("Shares of Harley-Davidson Inc rose.\n\nReuter", "Harley-Davidson Inc", "Reuter")
    assert set(keys.names) == {"e:harley-davidson inc"}
    quoted = _article_keys("Reuter reported the deal on Monday.\n\nReuter", "Reuter")
    assert set(quoted.names) == {"e:reuter"}  # named in the body too: a name of the story


def test_a_word_that_heads_the_lines_of_a_template_is_no_name() -> None:
    text = "Oper shr loss two cts vs profit seven cts\n\nOper net 442,000 vs 2,986,000\n\nOPEC output rose"
    keys = _article_keys(text, "Oper", "OPEC")
    assert set(keys.names) == {"e:opec"}
    assert set(_article_keys("Talks with Oper went on.", "Oper").names) == {"e:oper"}  # inside a sentence


def test_articles_of_one_genre_with_no_shared_name_stay_apart() -> None:
    """Two companies' quarterly results embed close together; without a shared name they are two stories."""
    index = StoryIndex()
    report = _unit(10)
    first, _ = index.assign(_keys("gti", report, {"e:gti corp": 2}))
    second, _ = index.assign(_keys("harley", _at_cosine(report, 0.85, 11), {"e:harley-davidson": 2}))
    assert second.id != first.id
    same, score = index.assign(_keys("gti2", _at_cosine(report, 0.85, 12), {"e:gti corp": 1, "e:nyse": 1}))
    assert same.id == first.id and score is not None
    copy, _ = index.assign(_keys("rewrite", _at_cosine(report, 0.95, 13), {"e:gti inc": 1}))
    assert copy.id == first.id  # a near-copy of the report joins on wording alone


def test_a_name_most_articles_carry_weighs_nothing() -> None:
    index = StoryIndex()
    for n in range(BOILERPLATE_MIN):
        index.assign(_keys(f"a{n}", _unit(100 + n), {"e:wire": 1, f"e:company{n}": 1}))
    assert index._rarity("e:wire") == 0.0 and index._rarity("e:company1") > 1.0
    probe = _at_cosine(index.states[0].centroid, 0.85, 999)
    assert index.score(_keys("x", probe, {"e:wire": 1, "e:other": 1}), index.states[0], 0.85) == -np.inf


def test_a_surname_the_linker_missed_is_a_shared_name() -> None:
    index = StoryIndex()
    death = _unit(20)
    story, _ = index.assign(_keys("a", death, {"e:esther": 2}, {"e:esther": "Esther Williams"}))
    joined, _ = index.assign(
        _keys("b", _at_cosine(death, 0.85, 21), {"e:pinup": 1}, {"e:pinup": "Pinup girl Williams"})
    )
    assert joined.id == story.id and joined.names == Counter({"e:esther": 1, "e:pinup": 1})
    company = _unit(30)
    gti, _ = index.assign(_keys("c", company, {"e:gti": 1}, {"e:gti": "GTI Corp"}))
    other, _ = index.assign(_keys("d", _at_cosine(company, 0.85, 31), {"e:hd": 1}, {"e:hd": "Harley Corp"}))
    assert other.id != gti.id  # "Corp" ends the names of organisations of every kind


def test_an_index_that_weighs_no_names_requires_none() -> None:
    """The embedding-only ablation of `newsint eval stories` joins on the cosine alone."""
    index = StoryIndex(threshold=0.6, name_weight=0.0)
    report = _unit(40)
    first, _ = index.assign(_keys("a", report, {}))
    second, _ = index.assign(_keys("b", _at_cosine(report, 0.8, 41), {}))
    assert second.id == first.id
