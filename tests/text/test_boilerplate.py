"""Flat-text boilerplate removal on hand-built pages, plus the held-out benchmark floor."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsint.ingest.flatten import flatten_html
from newsint.text.linefeatures import line_features
from newsint.text.linemodel import (
    BODY_KINDS,
    LineLabel,
    _anchor_on_prose,
    _drop_teaser_blocks,
    classify_lines,
    extract_body,
    refine_body,
)

DATASETS = Path(__file__).parents[2] / ".." / "shared" / "datasets"
FLOORS = Path(__file__).parents[1] / "golden" / "boilerplate-floors.json"

MENU = ["Home", "News", "World", "Politics", "Business", "Sport", "Culture", "Opinion", "Video", "Podcasts"]
PARAGRAPHS = [
    "The city council voted on Tuesday to expand the tram network to the northern suburbs, a plan that had "
    "been debated for more than a decade and was finally approved by a narrow margin.",
    "Supporters said the line would cut commuting times in half for tens of thousands of residents, while "
    "opponents warned that the cost estimates were far too optimistic and would rise.",
    "The mayor, who had campaigned on the project, told reporters that construction would begin next spring "
    "and that the first trams were expected to run before the end of 2027.",
    "Business groups welcomed the decision but asked the council to limit the disruption to shops along the "
    "route, many of which are still recovering from the last round of road works.",
    "A public consultation on the exact position of the stops will open next month, and residents will be "
    "able to comment online or at a series of meetings held in local libraries.",
]
FOOTER = [
    "About us",
    "Contact",
    "Privacy policy",
    "Terms of use",
    "© 2024 Example Media Ltd. All rights reserved.",
]


def page(*middle: str) -> list[str]:
    return [*MENU, "Council approves tram extension", *middle, *FOOTER]


def body_of(lines: list[str]) -> list[str]:
    return [line for line, label in zip(lines, classify_lines(lines), strict=True) if label.kind in BODY_KINDS]


def test_menu_and_footer_removed_and_paragraphs_kept() -> None:
    lines = page(*PARAGRAPHS)
    labels = classify_lines(lines)
    kept = body_of(lines)
    assert kept == PARAGRAPHS
    assert all(label.kind == "boilerplate" for label in labels[: len(MENU)])
    assert labels[-1].kind == "boilerplate"
    assert labels[-1].reason == "footer"


def test_subheading_between_paragraphs_kept() -> None:
    lines = page(*PARAGRAPHS[:2], "What happens next", *PARAGRAPHS[2:])
    labels = classify_lines(lines)
    index = lines.index("What happens next")
    assert labels[index].kind == "subheading"


def test_one_sentence_paragraph_kept() -> None:
    short = "Nobody from the opposition was available for comment."
    lines = page(*PARAGRAPHS[:3], short, *PARAGRAPHS[3:])
    assert short in body_of(lines)


def test_newsletter_prompt_removed_with_reason() -> None:
    prompt = "Subscribe to our newsletter"
    lines = page(*PARAGRAPHS[:3], prompt, *PARAGRAPHS[3:])
    label = classify_lines(lines)[lines.index(prompt)]
    assert label.kind == "boilerplate"
    assert label.reason == "call-to-action"


def test_duplicated_caption_not_in_body() -> None:
    caption = "Photo: A tram on the existing line near the central station"
    lines = page(caption, *PARAGRAPHS[:2], caption, *PARAGRAPHS[2:])
    labels = classify_lines(lines)
    assert caption not in body_of(lines)
    assert {labels[i].kind for i, line in enumerate(lines) if line == caption} == {"caption"}


def test_comment_thread_removed_with_reason() -> None:
    thread = []
    for name, day, text in (
        ("Anna K.", 3, "Great piece, but the cost estimates look optimistic to me and I doubt the timetable."),
        ("Tom", 4, "I live on the northern line and have waited twenty years for this, so I am glad it passed."),
        ("Anna K.", 4, "Glad for you, Tom, but someone will have to pay for the overruns in the end, as always."),
    ):
        thread += [f"{name} on March {day}, 2024 at 10:15 am said:", text, "Reply"]
    lines = page(*PARAGRAPHS[:2], "3 Comments", *thread)
    labels = classify_lines(lines)
    assert body_of(lines) == PARAGRAPHS[:2]
    assert {label.reason for label in labels[lines.index("3 Comments") :]} == {"comments"}


UKRAINIAN = [
    "Міська рада у вівторок проголосувала за продовження трамвайної лінії до північних околиць після років суперечок.",
    "Прихильники кажуть, що нова лінія вдвічі скоротить час дороги на роботу для десятків тисяч мешканців міста.",
    "Мер заявив журналістам, що будівництво почнеться наступної весни, а перші трамваї поїдуть до кінця 2027 року.",
    "Підприємці привітали рішення, але попросили раду обмежити незручності для магазинів уздовж нового маршруту.",
]


def test_hard_rules_and_comment_threads_in_cyrillic() -> None:
    thread = []
    for name, text in (
        ("Олена", "Гарна новина, але кошторис виглядає надто оптимістично, і я сумніваюся щодо термінів."),
        ("Тарас", "Я живу на півночі міста і чекав на цю лінію двадцять років, тож дуже радий рішенню."),
    ):
        thread += [f"{name} 3 березня о 10:15 написала:", text, "Відповісти"]
    lines = [
        "Головна",
        "Новини",
        "Рада схвалила продовження трамвайної лінії",
        *UKRAINIAN[:2],
        "Реклама",
        *UKRAINIAN[2:],
        "Приклад Медіа, 2024. Усі права захищені.",
        "2 коментарі",
        *thread,
    ]
    labels = classify_lines(lines)
    assert labels[lines.index("Реклама")].reason == "advertisement"
    assert labels[lines.index("Приклад Медіа, 2024. Усі права захищені.")].reason == "footer"
    assert {label.reason for label in labels[lines.index("2 коментарі") :]} == {"comments"}
    assert body_of(lines) == UKRAINIAN


def test_one_speech_marker_is_not_a_thread() -> None:
    lines = page(PARAGRAPHS[0], "The mayor's office wrote:", *PARAGRAPHS[1:])
    assert "comments" not in {label.reason for label in classify_lines(lines)}


def test_best_lines_kept_when_none_reaches_the_threshold() -> None:
    from newsint.text.linemodel import load_model

    strict = {**load_model(), "threshold": 0.999}
    lines = page(*PARAGRAPHS)
    labels = classify_lines(lines, model=strict)
    best = max(label.score for label in labels)
    assert best < 0.999
    kept = [label for label in labels if label.kind in BODY_KINDS]
    assert kept and all(label.score >= 0.8 * best for label in kept)


def test_kept_block_without_running_text_dropped() -> None:
    # Scores as the model can give them on a page unlike its training pages: a tag cloud kept, far below the
    # article's paragraphs.
    lines = [*PARAGRAPHS[:2], *FOOTER, "Subscribe", "Privacy", "Imprint", "Careers", *MENU]
    scores = np.array([0.9, 0.9] + [0.1] * (len(FOOTER) + 4) + [0.6] * len(MENU))
    labels = _anchor_on_prose(lines, _labels_at(scores), line_features(lines), scores)
    assert [line for line, label in zip(lines, labels, strict=True) if label.kind in BODY_KINDS] == PARAGRAPHS[:2]
    assert all(label.reason == "outside-article" for label in labels[-len(MENU) :])


def test_running_text_kept_when_only_menus_pass_the_threshold() -> None:
    lines = [*MENU, *MENU, PARAGRAPHS[0], *FOOTER]
    scores = np.array([0.6] * 2 * len(MENU) + [0.45] + [0.05] * len(FOOTER))
    labels = _anchor_on_prose(lines, _labels_at(scores), line_features(lines), scores)
    assert [line for line, label in zip(lines, labels, strict=True) if label.kind in BODY_KINDS] == PARAGRAPHS[:1]


TEASERS = [
    "Rail strike called off after overnight talks with the operators, union leaders said on Monday morning.",
    "Flood defences along the river will be raised by a metre before next winter, the agency has confirmed.",
    "The museum reopens its east wing after three years of repairs, with two new galleries for local artists.",
]


@pytest.mark.parametrize(
    ("cue", "teaser_score", "dropped"),
    [("Read more", 0.6, True), ("Photo gallery", 0.6, False), ("Read more", 0.85, False)],
)
def test_teaser_block_after_related_cue_dropped(cue: str, teaser_score: float, dropped: bool) -> None:
    # Teasers past a related-links cue go when the model keeps them less surely than the article's paragraphs;
    # a block scoring as high as the article, or with no such cue before it, is left alone.
    lines = [*PARAGRAPHS, *FOOTER[:4], cue, *MENU[:5], *TEASERS]
    scores = np.array([0.9] * len(PARAGRAPHS) + [0.1] * 10 + [teaser_score] * len(TEASERS))
    labels = _drop_teaser_blocks(_labels_at(scores), line_features(lines), scores)
    kept = [line for line, label in zip(lines, labels, strict=True) if label.kind in BODY_KINDS]
    assert kept == (PARAGRAPHS if dropped else PARAGRAPHS + TEASERS)
    if dropped:
        assert {label.reason for label in labels[-len(TEASERS) :]} == {"link-list"}


def _labels_at(scores: np.ndarray, threshold: float = 0.5) -> list[LineLabel]:
    return [LineLabel("body", "", s) if s >= threshold else LineLabel("boilerplate", "low-score", s) for s in scores]


def test_extract_body_returns_paragraphs_in_order() -> None:
    assert extract_body("\n".join(page(*PARAGRAPHS))) == "\n".join(PARAGRAPHS)


def test_refine_body_drops_prompt_and_keeps_middle() -> None:
    text = "\n".join([*PARAGRAPHS, "Sign up for our daily newsletter"])
    assert refine_body(text) == "\n".join(PARAGRAPHS)


def test_flatten_keeps_navigation_and_drops_scripts() -> None:
    html = (
        "<html><head><title>T</title></head><body><nav><a>Home</a><a>News</a></nav>"
        "<p>One <b>bold</b><!-- c --> word</p><script>var x;</script><footer>© 2024</footer></body></html>"
    )
    assert flatten_html(html) == "HomeNews\nOne bold word\n© 2024"


def test_empty_input() -> None:
    assert classify_lines([]) == []
    assert extract_body("") == ""


_WORDS = st.sampled_from(
    [
        "the",
        "council",
        "said",
        "a",
        "new",
        "plan",
        "would",
        "cut",
        "costs",
        "and",
        "delays",
        "for",
        "residents",
        "Subscribe",
        "Share",
        "Home",
        "©",
        "news",
        "of",
        "today",
        "2024",
        "photo.",
    ]
)
_LINES = st.lists(st.lists(_WORDS, min_size=1, max_size=40).map(" ".join), min_size=0, max_size=30)


@settings(max_examples=150, deadline=None)
@given(_LINES)
def test_extract_body_is_idempotent(lines: list[str]) -> None:
    once = extract_body("\n".join(lines))
    assert extract_body(once) == once


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(PARAGRAPHS + MENU + FOOTER), max_size=25))
def test_extract_body_idempotent_on_page_like_input(lines: list[str]) -> None:
    once = extract_body("\n".join(lines))
    assert extract_body(once) == once


@pytest.mark.slow
@pytest.mark.skipif(not (DATASETS / "article-extraction-benchmark").exists(), reason="datasets not present")
def test_held_out_benchmark_floor() -> None:
    from train.boilerplate import cached_corpus, held_out

    # One network per fold rather than the shipped five keeps this test to a few minutes.
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))["article-extraction-benchmark-5-fold-f1-one-network"]
    result = held_out(cached_corpus(), members=1, folds_only=True)["5-fold"]
    assert result.f1 >= floor - 0.01


def test_hand_written_gradients_match_finite_differences() -> None:
    """The trainer backpropagates by hand; a wrong gradient would still train, only worse, so check it."""
    import numpy as np

    from train.boilerplate import Page, batches, gradients, init_member, trainable

    rng = np.random.default_rng(0)
    d = 6
    pages = [Page(rng.normal(size=(n, d)), (rng.random(n) > 0.5) * 1.0, rng.random(n)) for n in (9, 2, 14)]
    batch = batches(pages, np.zeros(d), np.ones(d))[0]
    member = init_member(d, rng)
    _, grads = gradients(member, batch, 3.0)
    eps = 1e-6
    for (container, key), (g_container, g_key) in zip(trainable(member), trainable(grads), strict=True):
        flat, analytic = container[key].reshape(-1), np.asarray(g_container[g_key]).reshape(-1)
        for i in rng.choice(flat.size, size=min(flat.size, 8), replace=False):
            old = flat[i]
            flat[i] = old + eps
            up, _ = gradients(member, batch, 3.0)
            flat[i] = old - eps
            down, _ = gradients(member, batch, 3.0)
            flat[i] = old
            numeric = (up - down) / (2 * eps)
            assert abs(numeric - analytic[i]) <= 1e-5 * max(1.0, abs(numeric)), (key, i)
