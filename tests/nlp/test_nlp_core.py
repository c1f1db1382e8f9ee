"""The shipped core pipeline: news tokenisation, sentences, tags and parse, and its EWT dev floors."""

import json
from pathlib import Path

import pytest

from newsint.errors import ConfigError
from newsint.evaluation.parse import evaluate_parse
from newsint.nlp.core import analyse, load_core

EWT_DEV = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "ud-english-ewt" / "en_ewt-ud-dev.conllu"
FLOORS = json.loads((Path(__file__).parents[1] / "golden" / "parse-floors.json").read_text(encoding="utf-8"))


def tokens(text: str) -> list[str]:
    return [token.text for token in load_core("fast").tokenizer(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Lt. Col. Ann Reyes", ["Lt.", "Col.", "Ann", "Reyes"]),
        ("Sgt. Maj. Lee and Gen. Milley", ["Sgt.", "Maj.", "Lee", "and", "Gen.", "Milley"]),
        ("Capt. Cmdr. Brig. Cpl. Pvt. Adm.", ["Capt.", "Cmdr.", "Brig.", "Cpl.", "Pvt.", "Adm."]),
        ("on Sept. 5 and Jan. 12", ["on", "Sept.", "5", "and", "Jan.", "12"]),
        ("the No. 2 official", ["the", "No.", "2", "official"]),
        ("Dallas, Tex., and Charleston, W.Va.", ["Dallas", ",", "Tex.", ",", "and", "Charleston", ",", "W.Va."]),
        ("Rep. Smith, R-Fla., said", ["Rep.", "Smith", ",", "R", "-", "Fla.", ",", "said"]),
    ],
)
def test_news_abbreviations_stay_whole(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("KYIV, Ukraine (AP) — Russian", ["KYIV", ",", "Ukraine", "(", "AP", ")", "—", "Russian"]),
        ("KYIV, Ukraine (AP) —Russian", ["KYIV", ",", "Ukraine", "(", "AP", ")", "—", "Russian"]),
        ("LONDON (Reuters) -The pound", ["LONDON", "(", "Reuters", ")", "-", "The", "pound"]),
        ("NEW YORK (CNN)--Stocks rose", ["NEW", "YORK", "(", "CNN", ")", "--", "Stocks", "rose"]),
        ("MOSCOW (AP)—Officials", ["MOSCOW", "(", "AP", ")", "—", "Officials"]),
    ],
)
def test_datelines_do_not_glue_to_the_first_word(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bakhmut—the city", ["Bakhmut", "—", "the", "city"]),
        ("“We will,” she said", ["“", "We", "will", ",", "”", "she", "said"]),
        ("replied—“never.”—and", ["replied", "—", "“", "never", ".", "”", "—", "and"]),
        ("‘No way’ – he said", ["‘", "No", "way", "’", "–", "he", "said"]),
        ("fell -5 points", ["fell", "-5", "points"]),
    ],
)
def test_dashes_and_curly_quotes_split_from_words(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


def test_urls_handles_and_hashtags_stay_whole() -> None:
    assert tokens("See https://www.reuters.com/world/a-b-1/ or @AP_Politics on #Ukraine2023.") == [
        "See", "https://www.reuters.com/world/a-b-1/", "or", "@AP_Politics", "on", "#Ukraine2023", ".",
    ]  # fmt: skip


NEWS_PARAGRAPH = (
    "WASHINGTON (AP) — Lt. Col. Ann Reyes told reporters on Sept. 5 that the unit had left Fort Bragg, N.C., "
    "for Germany. “We are ready,” she said. Gen. Mark Milley, the No. 2 official at the Pentagon, did not comment."
)
NEWS_SENTENCES = [
    "WASHINGTON (AP) — Lt. Col. Ann Reyes told reporters on Sept. 5 that the unit had left Fort Bragg, N.C., for Germany.",
    "“We are ready,” she said.",
    "Gen. Mark Milley, the No. 2 official at the Pentagon, did not comment.",
]


@pytest.mark.parametrize("profile", ["default", "fast"])
def test_news_paragraph_splits_into_its_sentences(profile: str) -> None:
    assert [sent.text for sent in load_core(profile)(NEWS_PARAGRAPH).sents] == NEWS_SENTENCES


@pytest.mark.parametrize("profile", ["default", "fast"])
def test_blank_line_always_ends_a_sentence(profile: str) -> None:
    doc = load_core(profile)("The talks ended without a deal\n\nOfficials said they would meet again.")
    assert [sent.text.strip() for sent in doc.sents] == [
        "The talks ended without a deal",
        "Officials said they would meet again.",
    ]


def test_whitespace_tokens_are_tagged_space_and_close_their_sentence() -> None:
    doc = load_core()("Talks ended.\n\nOfficials met.")
    space = next(token for token in doc if token.is_space)
    assert (space.pos_, space.tag_, space.is_sent_start) == ("SPACE", "_SP", False)
    assert doc[space.i + 1].is_sent_start


def test_default_profile_sets_tags_and_parse() -> None:
    doc = load_core()("The army said on Tuesday that its soldiers killed 12 fighters.")
    said = doc[2]
    assert said.dep_ == "ROOT" and said.pos_ == "VERB" and said.tag_ == "VBD"
    assert doc[1].text == "army" and doc[1].dep_ == "nsubj" and doc[1].head == said
    killed = doc[8]
    assert killed.pos_ == "VERB" and killed.head == said and killed.dep_ == "ccomp"
    assert doc[10].text == "fighters" and doc[10].dep_ == "obj" and doc[10].head == killed
    assert doc[10].morph.get("Number") == ["Plur"]


def test_fast_profile_gives_sentences_without_a_parser() -> None:
    nlp = load_core("fast")
    assert "parser" not in nlp.pipe_names and "tok2vec" not in nlp.pipe_names and "senter" in nlp.pipe_names
    doc = nlp("Prices rose. Markets fell.")
    assert doc.has_annotation("SENT_START") and not doc.has_annotation("DEP")
    assert [sent.text for sent in doc.sents] == ["Prices rose.", "Markets fell."]


@pytest.mark.parametrize("profile", ["default", "fast"])
@pytest.mark.parametrize("text", ["", " ", "\n\n"])
def test_empty_text(profile: str, text: str) -> None:
    doc = load_core(profile)(text)
    assert [token for token in doc if not token.is_space] == []


def test_unknown_profile_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="profile"):
        load_core("fastest")


def test_profiles_are_loaded_once() -> None:
    assert load_core("fast") is load_core("fast")


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["default", "fast"])
def test_ewt_dev_scores_stay_above_their_floors(profile: str) -> None:
    floors = FLOORS[profile]
    scores = evaluate_parse(EWT_DEV, load_core(profile), limit=FLOORS["documents"])
    assert scores["words"] == FLOORS["words"]
    for metric, floor in floors.items():
        assert scores[metric] >= floor, f"{metric} {scores[metric]:.4f} fell below {floor}"


def test_a_long_text_is_analysed_in_pieces_whose_offsets_point_into_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newsint.nlp.core.PIECE_CHARS", 60)
    text = "\n\n".join(f"Paragraph {i} says the council met on Monday." for i in range(6))
    doc = analyse(load_core("fast"), text)
    assert doc.text == text
    assert [text[s.start_char : s.end_char].strip() for s in doc.sents] == text.split("\n\n")
