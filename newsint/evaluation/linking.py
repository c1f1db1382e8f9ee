"""Cross-document name linking scored on ECB+: do the mentions we put in one entity name one thing?

ECB+ marks people, organisations and places in 982 news articles, with the instance each mention
refers to across documents. We take the mentions written as names (not pronouns or descriptions),
group them inside each document and link them across all documents exactly as the `entities` stage
does (`group_mentions`, `EntityIndex`), and score the resulting clusters against the gold instances
with B-cubed and MUC (the coreference metrics of the CoNLL-2012 scorer), beside a baseline that
links only identical strings. No topic is given: every document of the split goes into one index.
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from newsint.entities.linking import EntityIndex

_TYPES = {"HUMAN_PART_PER": "PER", "HUMAN_PART_ORG": "ORG", "HUMAN_PART_GPE": "LOC", "LOC_GEO": "LOC"}
_LEADING = frozenset("the a an".split())
_NAME_WORD = re.compile(r"^([A-Z]|\d|of$|for$|and$|the$|de$|al-|-|'s$|&$)")


@dataclass(frozen=True, slots=True)
class GoldMention:
    doc: str
    start: int  # token offsets in the document
    end: int
    text: str
    type: str
    instance: str


def _annotated_sentences(folder: Path) -> set[tuple[str, str]] | None:
    """(document, sentence number) pairs whose coreference annotation is complete, from the dataset's list."""
    for parent in (folder, *folder.parents[:2]):
        for listing in sorted(parent.glob("ECBplus_coreference_sentences*.csv")):
            rows = listing.read_text(encoding="utf-8").splitlines()[1:]
            return {(f"{t}_{f}.xml", n) for t, f, n in (row.split(",") for row in rows if row.count(",") == 2)}
    return None


def read_ecbplus(folder: Path) -> tuple[dict[str, list[str]], list[GoldMention]]:
    """Tokens of every document under `folder`, and its name mentions with their gold instance.

    Only sentences the dataset lists as completely annotated count, as in the standard evaluation.
    """
    selected = _annotated_sentences(folder)
    documents: dict[str, list[str]] = {}
    candidates: list[GoldMention] = []
    for path in sorted(folder.rglob("*.xml.gz")):
        root = etree.fromstring(gzip.decompress(path.read_bytes()))
        name = root.get("doc_name") or path.name
        tokens = root.findall("token")
        position = {t.get("t_id"): i for i, t in enumerate(tokens)}
        documents[name] = [t.text or "" for t in tokens]
        instance_of = {}
        for relation in root.iter("CROSS_DOC_COREF", "INTRA_DOC_COREF"):
            instance = relation.get("note") or f"{name}:{relation.get('r_id')}"
            for source in relation.findall("source"):
                instance_of[source.get("m_id")] = instance
        markables = root.find("Markables")
        for markable in markables if markables is not None else []:
            kind = _TYPES.get(markable.tag)
            anchors = sorted(
                position[a.get("t_id")] for a in markable.findall("token_anchor") if a.get("t_id") in position
            )
            if kind is None or not anchors or anchors[-1] - anchors[0] + 1 != len(anchors):
                continue
            sentence = tokens[anchors[0]].get("sentence")
            if selected is not None and (name, sentence) not in selected:
                continue
            words = documents[name][anchors[0] : anchors[-1] + 1]
            while words and words[0].lower() in _LEADING:
                words, anchors = words[1:], anchors[1:]
            if not words or not all(_NAME_WORD.match(w) for w in words) or not any(w[:1].isupper() for w in words):
                continue
            m_id = markable.get("m_id")
            instance = instance_of.get(m_id, f"{name}:{m_id}")
            candidates.append(GoldMention(name, anchors[0], anchors[-1] + 1, " ".join(words), kind, instance))
    # A capitalised one-word mention that the corpus also writes in lower case is a headline's common noun
    # ("Police", "Woman"), not a name.
    lower = {word for words in documents.values() for word in words if word.islower()}
    mentions = [m for m in candidates if " " in m.text or m.text.lower() not in lower]
    return documents, mentions


def predict_clusters(documents: dict[str, list[str]], mentions: list[GoldMention]) -> dict[GoldMention, str]:
    """Entity id for every gold mention, from the entity stage's grouping and cross-document linking."""
    import spacy
    from spacy.tokens import Doc, Span

    from newsint.entities.mentions import group_mentions

    vocab = spacy.blank("en").vocab
    index = EntityIndex()
    by_doc: dict[str, list[GoldMention]] = defaultdict(list)
    for mention in mentions:
        by_doc[mention.doc].append(mention)
    predicted: dict[GoldMention, str] = {}
    for name, doc_mentions in by_doc.items():
        doc = Doc(vocab, words=documents[name])
        spans: list[Span] = []
        taken: set[int] = set()
        # Nested gold mentions ("the [Ukrainian] army"): keep the outer one, as an entity model would.
        for m in sorted(doc_mentions, key=lambda m: (m.start, -m.end)):
            if taken.isdisjoint(range(m.start, m.end)):
                spans.append(Span(doc, m.start, m.end, label=m.type))
                taken.update(range(m.start, m.end))
        doc.ents = spans
        by_start: dict[int, str] = {}
        for entity in group_mentions(doc):
            entity.id = index.link(entity)
            by_start.update((found.start, entity.id) for found in entity.mentions)
        for gold in doc_mentions:
            predicted[gold] = by_start.get(doc[gold.start].idx, f"{name}:{gold.start}")
    return predicted


def b_cubed(gold: dict[Any, str], predicted: dict[Any, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 over the mentions (Bagga and Baldwin 1998)."""
    gold_sets, predicted_sets = _clusters(gold), _clusters(predicted)
    precision = sum(
        len(predicted_sets[predicted[m]] & gold_sets[gold[m]]) / len(predicted_sets[predicted[m]]) for m in gold
    )
    recall = sum(len(predicted_sets[predicted[m]] & gold_sets[gold[m]]) / len(gold_sets[gold[m]]) for m in gold)
    return _prf(precision / len(gold), recall / len(gold))


def muc(gold: dict[Any, str], predicted: dict[Any, str]) -> dict[str, float]:
    """MUC link-based precision, recall and F1 (Vilain et al. 1995)."""

    def score(key: dict[Any, str], response: dict[Any, str]) -> float:
        numerator = denominator = 0
        for members in _clusters(key).values():
            parts = {response[m] for m in members}
            numerator += len(members) - len(parts)
            denominator += len(members) - 1
        return numerator / denominator if denominator else 0.0

    return _prf(score(predicted, gold), score(gold, predicted))


def _clusters(assignment: dict[Any, str]) -> dict[str, set[Any]]:
    clusters: dict[str, set[Any]] = defaultdict(set)
    for mention, cluster in assignment.items():
        clusters[cluster].add(mention)
    return clusters


def _prf(precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def evaluate_linking(folder: Path) -> dict[str, Any]:
    """B-cubed and MUC for newsint's linking and for exact-string linking, on the ECB+ files under `folder`."""
    documents, mentions = read_ecbplus(folder)
    gold = {m: m.instance for m in mentions}
    ours = predict_clusters(documents, mentions)
    same_string = {m: f"{m.type}:{m.text}" for m in mentions}
    return {
        "newsint": {"b_cubed": b_cubed(gold, ours), "muc": muc(gold, ours)},
        "exact_string": {"b_cubed": b_cubed(gold, same_string), "muc": muc(gold, same_string)},
        "documents": len(documents),
        "mentions": len(mentions),
        "gold_entities": len(set(gold.values())),
    }
