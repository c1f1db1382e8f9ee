"""Entity grouping inside an article, name matching, and linking across articles.

Docs are built by hand (words and entity spans, as spaCy's own tests do), so these tests need no
model and pin the grouping and linking rules themselves.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newsint.entities.linking import EntityIndex
from newsint.entities.mentions import add_role_mentions, group_mentions
from newsint.entities.names import canonical_name, is_acronym_of, name_key, same_name
from newsint.model import Entity, Mention

_BLANK = spacy.blank("en")


def make_doc(text: str, ents: list[tuple[str, str]], heads: dict[str, tuple[str, str]] | None = None) -> Doc:
    """A Doc of `text` with each (surface, label) marked at its next occurrence, left to right.

    `heads` optionally gives a dependency parse by word: word -> (head word, relation), a word meaning
    its first occurrence; other words attach to themselves as roots, which the role rules ignore.
    """
    doc = _BLANK(text)
    spans, position = [], 0
    for surface, label in ents:
        start = text.index(surface, position)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
        position = start + len(surface)
    doc.ents = spans
    if heads is not None:
        index: dict[str, int] = {}
        for token in doc:
            index.setdefault(token.text, token.i)
        words = [t.text for t in doc]
        relations = [heads.get(w, (w, "dep")) for w in words]
        doc = Doc(
            _BLANK.vocab,
            words=words,
            spaces=[bool(t.whitespace_) for t in doc],
            heads=[index[h] for h, _ in relations],
            deps=[d if heads.get(w) else "ROOT" for w, (_, d) in zip(words, relations, strict=True)],
            pos=["PROPN" if w[0].isupper() else "NOUN" for w in words],
            ents=_iob(doc),
        )
    return doc


def _iob(doc: Doc) -> list[str]:
    return [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in doc]


def by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def test_surname_and_variants_join_the_full_name() -> None:
    text = (
        "Volodymyr Zelenskiy spoke in Kyiv. Later Zelenskyy said more. "
        "Zelensky thanked Joe Biden. Biden and Hunter Biden were not there."
    )
    doc = make_doc(
        text,
        [
            ("Volodymyr Zelenskiy", "PER"),
            ("Kyiv", "LOC"),
            ("Zelenskyy", "PER"),
            ("Zelensky", "PER"),
            ("Joe Biden", "PER"),
            ("Biden", "PER"),
            ("Hunter Biden", "PER"),
        ],
    )
    entities = by_name(group_mentions(doc))
    assert entities["Volodymyr Zelenskiy"].aliases == ["Volodymyr Zelenskiy", "Zelensky", "Zelenskyy"]
    # "Biden" right after "Joe Biden" joins Joe, and Hunter stays a different person.
    assert {m.text for m in entities["Joe Biden"].mentions} == {"Joe Biden", "Biden"}
    assert [m.text for m in entities["Hunter Biden"].mentions] == ["Hunter Biden"]
    for entity in entities.values():
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_acronym_joins_its_expansion_and_types_are_voted() -> None:
    text = "The Institute for the Study of War (ISW) said Bakhmut held. ISW added that Bakhmut and bakhmut mattered."
    doc = make_doc(
        text,
        [
            ("Institute for the Study of War", "ORG"),
            ("ISW", "ORG"),
            ("Bakhmut", "LOC"),
            ("ISW", "ORG"),
            ("Bakhmut", "ORG"),
        ],
    )
    entities = by_name(group_mentions(doc))
    assert len(entities["Institute for the Study of War"].mentions) == 3
    # "Bakhmut" tagged LOC once and ORG once: one entity, one type.
    bakhmut = [e for e in entities.values() if e.name == "Bakhmut"]
    assert len(bakhmut) == 1 and len(bakhmut[0].mentions) == 2


def test_a_surname_typed_as_a_place_joins_the_person_named_in_full() -> None:
    text = "Bashar al-Assad fled to Moscow. Since the fall of Assad, Syria has changed."
    doc = make_doc(text, [("Bashar al-Assad", "PER"), ("Moscow", "LOC"), ("Assad", "LOC"), ("Syria", "LOC")])
    entities = by_name(group_mentions(doc))
    assert [m.text for m in entities["Bashar al-Assad"].mentions] == ["Bashar al-Assad", "Assad"]
    assert entities["Moscow"].type == "LOC" and entities["Syria"].type == "LOC"


@pytest.mark.parametrize(
    ("text", "name", "heads"),
    [
        ("Shelling in Kharkiv went on.", "Kharkiv", None),  # after a locative preposition
        ("Russian forces shelled Kherson on Monday.", "Kherson", {"Kherson": ("shelled", "obj")}),
        ("Ukraine recaptured Lyman.", "Lyman", {"Lyman": ("recaptured", "obj")}),
        ("Israeli jets struck Younis.", "Younis", {"Younis": ("struck", "obj"), "jets": ("struck", "nsubj")}),
    ],
)
def test_a_name_typed_as_a_person_where_only_a_place_stands_is_a_place(
    text: str, name: str, heads: dict[str, tuple[str, str]] | None
) -> None:
    entities = by_name(group_mentions(make_doc(text, [(name, "PER")], heads if heads is not None else {})))
    assert entities[name].type == "LOC"


@pytest.mark.parametrize(
    ("text", "heads"),
    [
        ("The scandal struck Johnson hard.", {"Johnson": ("struck", "obj"), "scandal": ("struck", "nsubj")}),
        ("Voters met Johnson.", {"Johnson": ("met", "obj")}),
        ("General Johnson in uniform.", None),
    ],
)
def test_a_person_stays_a_person_outside_those_places(text: str, heads: dict[str, tuple[str, str]] | None) -> None:
    entities = by_name(group_mentions(make_doc(text, [("Johnson", "PER")], heads if heads is not None else {})))
    assert entities["Johnson"].type == "PERSON"


def test_roles_from_the_parse_become_mentions() -> None:
    text = "Wagner chief Yevgeny Prigozhin spoke . Later the Wagner chief left ."
    heads = {"Wagner": ("chief", "compound"), "chief": ("Prigozhin", "compound"), "Yevgeny": ("Prigozhin", "compound")}
    doc = make_doc(text, [("Yevgeny Prigozhin", "PER")], heads=heads)
    entities = group_mentions(doc)
    (prigozhin,) = [e for e in entities if e.type == "PERSON"]
    assert prigozhin.roles == ["Wagner chief"]
    add_role_mentions(text, entities)
    role = [m for m in prigozhin.mentions if m.how == "role"]
    assert [m.text for m in role] == ["the Wagner chief"]
    assert text[role[0].start : role[0].end] == "the Wagner chief"


def test_roles_from_other_articles_apply_only_when_unambiguous() -> None:
    text = "Volodymyr Zelensky met Joe Biden. The Ukrainian president thanked him; the president smiled."
    zelensky = Entity("Volodymyr Zelensky", "PERSON", [Mention(0, 18, "Volodymyr Zelensky")], id="z")
    biden = Entity("Joe Biden", "PERSON", [Mention(23, 32, "Joe Biden")], id="b")
    add_role_mentions(text, [zelensky, biden], {"z": ["Ukrainian President", "President"], "b": ["President"]})
    assert [m.text for m in zelensky.mentions if m.how == "role"] == ["The Ukrainian president"]
    assert all(m.how != "role" for m in biden.mentions)


@pytest.mark.parametrize(
    ("a", "b", "kind", "same"),
    [
        ("Zelensky", "Zelenskiy", "PERSON", True),
        ("Volodomyr Zelenskyy", "Volodymyr Zelenskiy", "PERSON", True),
        ("Valery Zaluzhny", "Zaluznhy", "PERSON", True),
        ("Joe Biden", "Hunter Biden", "PERSON", False),
        ("Mark Milley", "Mike Milley", "PERSON", False),
        ("Kiev", "Kyiv", "LOC", True),
        ("Kharkov", "Kharkiv", "LOC", True),
        ("Austria", "Australia", "LOC", False),
        ("Iran", "Iraq", "LOC", False),
        ("ISW", "Institute for the Study of War", "ORG", True),
        ("UK MOD", "the UK Ministry of Defence", "ORG", True),
        ("Britain's ministry of defense", "UK Ministry of Defence", "ORG", True),
        ("Wagner Group", "Wagner", "ORG", True),
        ("NATO", "North Atlantic Treaty Organization", "ORG", True),
        ("UN", "European Union", "ORG", False),
    ],
)
def test_same_name(a: str, b: str, kind: str, same: bool) -> None:
    assert same_name(a, b, kind) is same
    assert same_name(b, a, kind) is same


def test_name_key_folds_transliterations_possessives_and_honorifics() -> None:
    assert name_key("President Zelenskyy's") == name_key("Zelenskiy") == name_key("ZELENSKY")
    assert name_key("Yevgeny Prigozhin") == name_key("Evgeny Prigozhin")
    assert not is_acronym_of("Isw", "Institute for the Study of War")  # a word, not written as initials


def test_canonical_name_prefers_complete_then_frequent() -> None:
    assert canonical_name({"Zelensky": 9, "Volodymyr Zelenskiy": 3, "Volodymyr Zelenskyy": 1}) == "Volodymyr Zelenskiy"
    assert canonical_name({"ISW": 5, "Institute for the Study of War": 1}) == "Institute for the Study of War"


def _entity(kind: str, *names: str) -> Entity:
    return Entity(names[0], kind, [Mention(0, len(n), n) for n in names])


def test_linking_across_articles_keeps_namesakes_apart() -> None:
    index = EntityIndex()
    zelensky = index.link(_entity("PERSON", "Volodymyr Zelenskiy", "Zelenskiy"))
    assert index.link(_entity("PERSON", "Zelensky")) == zelensky
    assert index.link(_entity("PERSON", "Volodomyr Zelenskyy")) == zelensky
    joe = index.link(_entity("PERSON", "Joe Biden"))
    hunter = index.link(_entity("PERSON", "Hunter Biden"))
    assert joe != hunter
    # A bare surname two known people share is not guessed.
    assert index.link(_entity("PERSON", "Biden")) not in {joe, hunter}
    isw = index.link(_entity("ORG", "Institute for the Study of War"))
    assert index.link(_entity("ORG", "ISW")) == isw
    assert index.link(_entity("LOC", "Kiev")) == index.link(_entity("LOC", "Kyiv"))
    assert index.link(_entity("LOC", "Austria")) != index.link(_entity("LOC", "Australia"))
    assert index.entities[zelensky].name == "Volodymyr Zelenskiy"


def test_linking_resumes_from_stored_aliases() -> None:
    first = EntityIndex()
    entity_id = first.link(_entity("PERSON", "Yevgeny Prigozhin"))
    rows = [(k.id, k.type, alias, n) for k in first.entities.values() for alias, n in k.aliases.items()]
    second = EntityIndex()
    second.load(rows)
    assert second.link(_entity("PERSON", "Prigozhin")) == entity_id


def test_mentions_never_leave_the_text() -> None:
    text = "Mr. O'Neill met Ó Briain in Zürich; O'Neill’s aide left."
    doc = make_doc(text, [("O'Neill", "PER"), ("Ó Briain", "PER"), ("Zürich", "LOC"), ("O'Neill", "PER")])
    for entity in group_mentions(doc):
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_nlp_stage_splits_a_long_article_and_keeps_offsets() -> None:
    from newsint.settings import load_settings
    from newsint.stage import StageContext
    from newsint.stages.nlp import NlpStage
    from tests.conftest import make_article

    paragraph = "Yevgeny Prigozhin said on Monday that Wagner forces in Bakhmut lacked shells. " * 12
    text = "\n\n".join(paragraph.strip() for _ in range(40))  # about 37,000 characters: analysed in pieces
    stage = NlpStage(load_settings(None, nlp_profile="fast"), StageContext())
    [article] = stage.pipe([make_article(text, text=text, language="en")])
    assert article.analysis.text == text
    assert article.sentences and article.sentences[-1].end <= len(text)
    assert all(text[s.start : s.end].strip() for s in article.sentences)
    assert any(ent.text == "Yevgeny Prigozhin" for ent in article.analysis.ents)
    [german] = stage.pipe([make_article("x", text="Die Lage bleibt angespannt.", language="de")])
    assert german.analysis is None and german.sentences == []
