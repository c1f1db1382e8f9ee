"""Break the misses of toponym resolution (gold toponyms, no outlet prior) down by cause, and print the ceilings.

A miss (gold point more than 161 km away) is one of: the resolver chose the wrong entry although one of its
candidates lies within 161 km ("wrong choice"); no candidate lies that near, by the kind of the entry chosen
("no near entry": mostly countries, areas and regions whose point differs from the corpus's); the name has no
entry and was placed at the document's main place ("placed at main place"); or it was left unresolved.

The misses the gazetteer causes (no near entry, no entry at all, unresolved without a candidate) are then
sorted by what the name is: a street, building or facility; a physical feature (river, lake, sea, mountain,
island...); a country, region or other area whose own entry lies too far from the gold point (with how far:
a point-convention difference rather than a missing name); a demonym or adjective ('Canadian'); or other.

Two ceilings are printed: the share of toponyms with a candidate within 161 km (what a perfect choice among
the gazetteer's entries reaches), and that share plus the names without entry that the main-place fallback
puts within 161 km (the most this gazetteer allows, whatever the disambiguation).

Usage (from the repo root): python -m train.geo_errors ../shared/datasets/geoparsing-geowebnews [--json]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from newsint.evaluation.geo import read_geo_corpus
from newsint.geo.gazetteer import shared_gazetteer
from newsint.geo.resolve import Toponym, _Mention, distance_km, resolve_toponyms

NEAR_KM = 161.0

_FACILITY = re.compile(
    r"\b(street|st|avenue|ave|road|rd|boulevard|blvd|lane|drive|highway|hwy|interstate|route|way|square|plaza|"
    r"bridge|tunnel|center|centre|building|tower|towers|hall|house|palace|castle|hotel|hospital|clinic|school|"
    r"college|university|academy|institute|museum|library|church|cathedral|mosque|temple|synagogue|stadium|"
    r"arena|park|garden|gardens|airport|airfield|station|terminal|port|harbour|harbor|base|prison|jail|mall|"
    r"market|estate|court|courthouse|theatre|theater|club|camp|zoo|cemetery|field|fields|farm|mill|mine|"
    r"plant|factory|office|headquarters|embassy|parliament|capitol|pentagon|kremlin|commission|council)\b",
    re.IGNORECASE,
)
_PHYSICAL = re.compile(
    r"\b(river|lake|lakes|sea|ocean|gulf|bay|strait|straits|channel|canal|creek|brook|falls|reservoir|lagoon|"
    r"mount|mt|mountain|mountains|hill|hills|range|peak|volcano|valley|canyon|desert|plain|plains|plateau|"
    r"island|islands|isle|isles|peninsula|cape|coast|beach|forest|delta|basin|glacier|reef|atoll|"
    r"pacific|atlantic|arctic|antarctic|mediterranean|caribbean|himalaya|himalayas|alps|andes|rockies|"
    r"sahara|amazon|nile|danube|rhine|thames|mississippi|ganges|yangtze|cauvery|tigris|euphrates)\b",
    re.IGNORECASE,
)
_ADJECTIVE = re.compile(r"(an|ans|ian|ians|ese|ish|i|is|ic|ch)$")
_AREA_KINDS = ("country", "region", "area", "continent", "district")
_BANDS = ((300.0, "161-300 km"), (600.0, "300-600 km"), (1200.0, "600-1,200 km"), (float("inf"), "1,200+ km"))


def coverage_cause(text: str, probe: _Mention, point: tuple[float, float]) -> str:
    """Why no entry lies within 161 km of `point` for the name `text`, whose candidates `probe` holds. The
    words are read by patterns (a heuristic: 'Pacific' is a physical feature, 'Royal Street' a street)."""
    candidates, by_demonym = probe.candidates, probe.by_demonym
    own = [c for c in candidates if c.kind in _AREA_KINDS and c not in by_demonym and not probe.weak]
    if by_demonym:
        return "demonym/adjective"
    if own:
        far = min(distance_km(point, (c.lat, c.lon)) for c in own)
        band = next(label for limit, label in _BANDS if far <= limit)
        return f"country/region point differs ({band})"
    if _PHYSICAL.search(text):
        return "physical feature"
    if _FACILITY.search(text):
        return "street/building/facility"
    if text[:1].isupper() and " " not in text and _ADJECTIVE.search(text):
        return "demonym/adjective"
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--json", action="store_true", help="print one JSON object of counts")
    args = parser.parse_args()
    gazetteer = shared_gazetteer()
    causes: Counter[str] = Counter()
    coverage: Counter[str] = Counter()
    examples: dict[str, Counter[str]] = {}
    near_candidate = 0
    for document in read_geo_corpus(args.corpus):
        toponyms = [Toponym(t.start, t.end, document.text[t.start : t.end]) for t in document.toponyms]
        resolved = resolve_toponyms(document.text, toponyms, gazetteer)
        for gold, toponym, mention in zip(document.toponyms, toponyms, resolved, strict=True):
            if gold.lat is None or gold.lon is None:
                continue
            point = (gold.lat, gold.lon)
            # The resolver's own candidate set: names, demonyms, division stems, spelling slips, inner names.
            probe = _Mention(toponym, document.text, gazetteer, None)
            candidates = probe.candidates
            near = any(distance_km(point, (c.lat, c.lon)) <= NEAR_KM for c in candidates)
            near_candidate += near
            if mention.place is not None and distance_km(point, (mention.place.lat, mention.place.lon)) <= NEAR_KM:
                causes["hit"] += 1
                continue
            if mention.place is None:
                cause = "unresolved"
            elif not candidates:
                cause = "placed at main place"
            elif near:
                cause = "wrong choice"
            else:
                cause = f"no near entry ({mention.place.kind})"
            causes[cause] += 1
            examples.setdefault(cause, Counter())[toponym.text] += 1
            if not near:
                why = coverage_cause(toponym.text, probe, point)
                coverage[why] += 1
                examples.setdefault("coverage: " + why, Counter())[toponym.text] += 1
    total = sum(causes.values())
    ceiling = causes["hit"] + causes["wrong choice"] + causes["placed at main place"]
    if args.json:
        figures = {
            "toponyms": total,
            "acc161": causes["hit"] / total,
            "candidate_within_161": near_candidate / total,
            "ceiling_with_main_place": ceiling / total,
            "causes": dict(causes),
            "coverage": dict(coverage),
        }
        print(json.dumps(figures, indent=1))
        return
    print("misses by cause (rules, gold toponyms, no outlet prior)")
    for cause, count in causes.most_common():
        common = ", ".join(f"{name} {n}" for name, n in examples.get(cause, Counter()).most_common(5))
        print(f"  {cause:<28} {count:5d} {count / total:6.3f}  {common}")
    print("misses with no candidate within 161 km, by what the name is")
    for cause, count in sorted(coverage.items(), key=lambda item: -item[1]):
        common = ", ".join(f"{name} {n}" for name, n in examples["coverage: " + cause].most_common(6))
        print(f"  {cause:<44} {count:5d} {count / total:6.3f}  {common}")
    print(
        f"acc@161 {causes['hit'] / total:.3f}; a candidate within 161 km {near_candidate / total:.3f}; "
        f"ceiling with the main place {ceiling / total:.3f} ({total} toponyms)"
    )


if __name__ == "__main__":
    main()
