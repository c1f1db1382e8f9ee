"""Break the misses of toponym resolution (gold toponyms, no outlet prior) down by cause, and print the ceiling.

A miss (gold point more than 161 km away) is one of: the resolver chose the wrong entry although one of its
candidates lies within 161 km ("wrong choice"); no candidate lies that near, by the kind of the entry chosen
("no near entry": mostly countries, areas and regions whose point differs from the corpus's); the name has no
entry and was placed at the document's main place ("placed at main place"); or it was left unresolved. The
ceiling counts every wrong choice and every name placed at a main place as a hit: the most this gazetteer
allows, whatever the disambiguation.

Usage (from the repo root): python -m train.geo_errors ../shared/datasets/geoparsing-geowebnews
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from newsint.evaluation.geo import read_geo_corpus
from newsint.geo.gazetteer import shared_gazetteer
from newsint.geo.resolve import Toponym, _Mention, distance_km, resolve_toponyms

NEAR_KM = 161.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args()
    gazetteer = shared_gazetteer()
    causes: Counter[str] = Counter()
    examples: dict[str, Counter[str]] = {}
    for document in read_geo_corpus(args.corpus):
        toponyms = [Toponym(t.start, t.end, document.text[t.start : t.end]) for t in document.toponyms]
        resolved = resolve_toponyms(document.text, toponyms, gazetteer)
        for gold, toponym, mention in zip(document.toponyms, toponyms, resolved, strict=True):
            if gold.lat is None or gold.lon is None:
                continue
            point = (gold.lat, gold.lon)
            if mention.place is not None and distance_km(point, (mention.place.lat, mention.place.lon)) <= NEAR_KM:
                causes["hit"] += 1
                continue
            # The resolver's own candidate set: names, demonyms, division stems, spelling slips, inner names.
            candidates = _Mention(toponym, document.text, gazetteer, None).candidates
            if mention.place is None:
                cause = "unresolved"
            elif not candidates:
                cause = "placed at main place"
            elif any(distance_km(point, (c.lat, c.lon)) <= NEAR_KM for c in candidates):
                cause = "wrong choice"
            else:
                cause = f"no near entry ({mention.place.kind})"
            causes[cause] += 1
            examples.setdefault(cause, Counter())[toponym.text] += 1
    total = sum(causes.values())
    for cause, count in causes.most_common():
        common = ", ".join(f"{name} {n}" for name, n in examples.get(cause, Counter()).most_common(5))
        print(f"{cause:<28} {count:5d} {count / total:6.3f}  {common}")
    ceiling = causes["hit"] + causes["wrong choice"] + causes["placed at main place"]
    print(f"acc@161 {causes['hit'] / total:.3f}; ceiling with this gazetteer {ceiling / total:.3f} ({total} toponyms)")


if __name__ == "__main__":
    main()
