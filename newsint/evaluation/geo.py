"""Score geoparsing the way Gritta et al. (2019, "A Pragmatic Guide to Geoparsing Evaluation") do.

Readers take the XML corpora of that collection in place: LGL-style files (`<toponym><start><end><phrase>
<gaztag><lat><lon>`, also TR-News), GeoWebNews (`<toponym><extractedName><type><start><end><latitude>
<longitude>`) and GeoVirus (`<location><name><start><end><lat><lon>`). Two tasks, as in the paper:
- recognition: toponym spans the pipeline finds against gold spans, exact match, P/R/F1;
- resolution with gold toponyms: every gold toponym of a document is resolved together, and the distance
  from its gold coordinates gives accuracy within 161 km, mean and median error, and the AUC of the
  sorted log errors (0 is perfect). A toponym left unresolved counts as the largest error on Earth.
  Beside the strict accuracy, `acc161_in_area` counts a country or first-level division as a hit also when
  the gold point lies inside the box around its places: the gold of the corpora puts countries and regions at
  GeoNames' points, which differ from ours (docs/places.md, "Point convention"), so both are reported.
For GeoWebNews, toponyms are the literal and associative types of the paper's taxonomy (see
GWN_TOPONYM_TYPES), not Non_Toponym nor the *_Expression spans that wrap a toponym in more words.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsint.errors import InputError
from newsint.geo.gazetteer import Gazetteer, shared_gazetteer
from newsint.geo.home import Home, Homes, ground_of
from newsint.geo.ranker import RANKER_DIR, Ranker
from newsint.geo.resolve import Rerank, Toponym, distance_km, keep_rules, resolve_toponyms
from newsint.model import Place, PlaceMention

# The toponyms of Gritta et al.'s Pragmatic Taxonomy (their Table 1): five literal types and six associative
# ones, demonyms, languages and homonyms among the latter. Not toponyms: Non_Toponym (other names) and the
# *_Expression spans (the noun phrase a toponym sits in). Only the first eight carry coordinates, so only they
# are scored for resolution; the other three are resolved with them, as context.
GWN_TOPONYM_TYPES = frozenset(
    {
        "Literal",
        "Literal_Modifier",
        "Mixed",
        "Coercion",
        "Embedded_Literal",
        "Metonymic",
        "Non_Literal_Modifier",
        "Embedded_Non_Lit",
        "Demonym",
        "Language",
        "Homonym",
    }
)
MAX_ERROR_KM = 20039.0  # half the Earth's circumference
RESOLUTION_KEYS = ("acc161", "mean_km", "median_km", "auc")


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class GeoDocument:
    name: str
    text: str
    toponyms: list[GoldToponym]
    outlet: str = ""


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text and text.strip() else None
    except ValueError:
        return None


def _lgl_toponym(node: ET.Element) -> GoldToponym | None:
    gaztag = node.find("gaztag")
    lat = _float(gaztag.findtext("lat")) if gaztag is not None else None
    lon = _float(gaztag.findtext("lon")) if gaztag is not None else None
    return GoldToponym(
        int(node.findtext("start") or 0), int(node.findtext("end") or 0), node.findtext("phrase") or "", lat, lon
    )


def _gwn_toponym(node: ET.Element) -> GoldToponym | None:
    if (node.findtext("type") or "").strip() not in GWN_TOPONYM_TYPES:
        return None
    return GoldToponym(
        int(node.findtext("start") or 0),
        int(node.findtext("end") or 0),
        node.findtext("extractedName") or "",
        _float(node.findtext("latitude")),
        _float(node.findtext("longitude")),
    )


def _geovirus_toponym(node: ET.Element) -> GoldToponym | None:
    return GoldToponym(
        int(node.findtext("start") or 0),
        int(node.findtext("end") or 0),
        node.findtext("name") or "",
        _float(node.findtext("lat")),
        _float(node.findtext("lon")),
    )


def _toponym_reader(article: ET.Element) -> tuple[list[ET.Element], Callable[[ET.Element], GoldToponym | None]]:
    if article.find("toponyms/toponym/extractedName") is not None:
        return article.findall("toponyms/toponym"), _gwn_toponym
    if article.find("locations/location") is not None:
        return article.findall("locations/location"), _geovirus_toponym
    return article.findall("toponyms/toponym"), _lgl_toponym


def _outlet(article: ET.Element) -> str:
    """The site that published the article: LGL's `domain`, the host of GeoWebNews' `link`."""
    domain = (article.findtext("domain") or "").strip()
    if domain:
        return domain.removeprefix("www.")
    return urlsplit((article.findtext("link") or "").strip()).netloc.removeprefix("www.")


def read_geo_corpus(path: Path) -> list[GeoDocument]:
    """Every article of one corpus file, or of every .xml file under a directory."""
    files = sorted(path.rglob("*.xml")) if path.is_dir() else [path]
    documents: list[GeoDocument] = []
    for file in files:
        try:
            root = ET.parse(file).getroot()
        except ET.ParseError as exc:
            raise InputError(str(file), f"not well-formed XML: {exc}") from exc
        for number, article in enumerate(root.iter("article")):
            text = article.findtext("text") or ""
            nodes, read = _toponym_reader(article)
            toponyms = [t for t in map(read, nodes) if t is not None and 0 <= t.start < t.end <= len(text)]
            name = article.get("docid") or article.get("file") or str(number)
            documents.append(GeoDocument(f"{file.name}:{name}", text, toponyms, _outlet(article)))
    return documents


def resolution_figures(errors: list[float]) -> dict[str, float]:
    """Accuracy within 161 km, mean and median error (km) and AUC of the sorted log errors."""
    if not errors:
        return dict.fromkeys(RESOLUTION_KEYS, 0.0)
    logs = sorted(math.log1p(e) for e in errors)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False)) if len(logs) > 1 else logs[0]
    auc = area / (math.log(MAX_ERROR_KM) * max(1, len(logs) - 1))
    return {
        "acc161": sum(e <= 161.0 for e in errors) / len(errors),
        "mean_km": statistics.fmean(errors),
        "median_km": statistics.median(errors),
        "auc": auc,
    }


def gold_toponyms(document: GeoDocument) -> list[Toponym]:
    return [Toponym(t.start, t.end, document.text[t.start : t.end]) for t in document.toponyms]


Inside = Callable[[Place, float, float], bool]


def _errors(document: GeoDocument, resolved: list[PlaceMention], inside: Inside | None = None) -> list[float]:
    """The error (km) of each gold toponym with coordinates; 0 where `inside` says the chosen country or region
    holds the gold point."""
    errors: list[float] = []
    for gold, mention in zip(document.toponyms, resolved, strict=True):
        if gold.lat is None or gold.lon is None:
            continue
        if mention.place is None:
            errors.append(MAX_ERROR_KM)
        elif inside is not None and inside(mention.place, gold.lat, gold.lon):
            errors.append(0.0)
        else:
            errors.append(distance_km((gold.lat, gold.lon), (mention.place.lat, mention.place.lon)))
    return errors


Resolve = Callable[[str, list[Toponym], Home | None], list[PlaceMention]]


def resolver(gazetteer: Gazetteer, rerank: Rerank) -> Resolve:
    """Resolution of one document's toponyms scored by the rules and chosen by `rerank` (`keep_rules`, a ranker)."""
    return lambda text, toponyms, home: resolve_toponyms(text, toponyms, gazetteer, home, rerank)


def outlet_homes(documents: list[GeoDocument], alone: list[list[PlaceMention]]) -> list[Home | None]:
    """The home ground of each document's outlet, counted from the outlet's other documents as they were
    resolved alone (leave one out: as if they had been ingested before)."""
    grounds = [ground_of(resolved) for resolved in alone]
    homes = Homes()
    for document, ground in zip(documents, grounds, strict=True):
        homes.add(document.outlet, ground)
    return [homes.of(d.outlet, without=g) for d, g in zip(documents, grounds, strict=True)]


def resolve_gold(
    documents: list[GeoDocument], resolve: Resolve, outlet_prior: bool = True
) -> tuple[list[float], list[float], float]:
    """Errors (km) of resolving each gold toponym that has coordinates, with the home ground of the
    document's outlet (outlet_homes; skipped when `outlet_prior` is off) and without it, and the seconds taken."""
    with_home, without, _, _, seconds = _resolve_gold(documents, resolve, outlet_prior, None)
    return with_home, without, seconds


def _resolve_gold(
    documents: list[GeoDocument], resolve: Resolve, outlet_prior: bool, inside: Inside | None
) -> tuple[list[float], list[float], list[float], list[float], float]:
    """resolve_gold's errors, then the same two lists scored with `inside` (empty when it is None)."""
    started = time.perf_counter()
    alone = [resolve(d.text, gold_toponyms(d), None) for d in documents]
    seconds = time.perf_counter() - started
    homes = outlet_homes(documents, alone) if outlet_prior else [None] * len(documents)
    with_home: list[float] = []
    without: list[float] = []
    area_with_home: list[float] = []
    area_without: list[float] = []
    for document, resolved, home in zip(documents, alone, homes, strict=True):
        started = time.perf_counter()
        at_home = resolve(document.text, gold_toponyms(document), home) if home is not None else resolved
        seconds += time.perf_counter() - started
        with_home += _errors(document, at_home)
        without += _errors(document, resolved)
        if inside is not None:
            area_with_home += _errors(document, at_home, inside)
            area_without += _errors(document, resolved, inside)
    return with_home, without, area_with_home, area_without, seconds


def recognition_figures(documents: list[GeoDocument], find: Callable[[str], list[tuple[int, int]]]) -> dict[str, float]:
    """Exact-span precision, recall and F1 of the toponyms `find` gives against the gold ones."""
    found = gold = correct = 0
    for document in documents:
        predicted = set(find(document.text))
        expected = {(t.start, t.end) for t in document.toponyms}
        found, gold, correct = found + len(predicted), gold + len(expected), correct + len(predicted & expected)
    precision = correct / found if found else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"recognition_precision": precision, "recognition_recall": recall, "recognition_f1": f1}


def reranks_for(resolver: str, ranker_model: Path | None = None) -> dict[str, Rerank]:
    """The resolvers `newsint eval geo --resolver` names ('both', 'rules', 'ranker'), by name; the ranker is the
    shipped one unless `ranker_model` (a directory train/geo_ranker.py wrote) is given."""
    reranks: dict[str, Rerank] = {"rules": keep_rules} if resolver in ("both", "rules") else {}
    if resolver in ("both", "ranker"):
        reranks["ranker"] = Ranker.load(ranker_model or RANKER_DIR)
    return reranks


def resolution_rows(figures: dict[str, Any]) -> list[tuple[str, dict[str, float]]]:
    """The RESOLUTION_KEYS of each resolver in `figures`, with and without the outlet prior, a row each."""
    rows: list[tuple[str, dict[str, float]]] = []
    for name in ("rules", "ranker"):
        prefix = "" if name == "rules" else f"{name}_"
        for suffix, label in (("", name), ("_no_outlet_prior", f"{name}, no outlet prior")):
            if prefix + RESOLUTION_KEYS[0] + suffix in figures:
                rows.append((label, {key: figures[prefix + key + suffix] for key in RESOLUTION_KEYS}))
    return rows


def evaluate_geo(
    path: Path,
    find: Callable[[str], list[tuple[int, int]]] | None,
    gazetteer: Gazetteer | None = None,
    reranks: dict[str, Rerank] | None = None,
    outlet_prior: bool = True,
    area_hits: bool = True,
) -> dict[str, Any]:
    """All figures for one corpus: recognition when a toponym finder is given, and resolution by each
    resolver of `reranks` (a name, and `keep_rules` or a ranker; the rules alone by default), its
    figures under keys prefixed with the name and '_' (none for 'rules'), without the outlet prior and, unless
    `outlet_prior` is off, with it; on the shared gazetteer unless another is given. With `area_hits`, also
    `acc161_in_area` (and `_no_outlet_prior`): a country or region whose box holds the gold point is a hit."""
    documents = read_geo_corpus(path)
    figures: dict[str, Any] = {}
    if find is not None:
        figures.update(recognition_figures(documents, find))
    for name, rerank in (reranks or {"rules": keep_rules}).items():
        prefix = "" if name == "rules" else f"{name}_"
        places = gazetteer or shared_gazetteer()
        resolve = resolver(places, rerank)
        inside = places.holds if area_hits else None
        errors, without_home, area, area_without, seconds = _resolve_gold(documents, resolve, outlet_prior, inside)
        if outlet_prior:
            figures.update({prefix + k: v for k, v in resolution_figures(errors).items()})
        figures.update({f"{prefix}{k}_no_outlet_prior": v for k, v in resolution_figures(without_home).items()})
        if area_hits:
            if outlet_prior:
                figures[f"{prefix}acc161_in_area"] = resolution_figures(area)["acc161"]
            figures[f"{prefix}acc161_in_area_no_outlet_prior"] = resolution_figures(area_without)["acc161"]
        figures[f"{prefix}ms_per_document"] = 1000 * seconds / max(1, len(documents))
    figures.update(
        documents=len(documents),
        toponyms=sum(len(d.toponyms) for d in documents),
        resolved_toponyms=sum(t.lat is not None and t.lon is not None for d in documents for t in d.toponyms),
    )
    return figures
