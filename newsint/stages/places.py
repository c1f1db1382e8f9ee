"""Places of an article: its place entities and demonyms resolved to gazetteer entries with coordinates.

Toponyms are the mentions of the article's LOC entities, and the mentions of MISC entities that are
demonyms ("Ukrainian" → Ukraine). Photo captions are read too (with the NLP pipeline of the run), since
a caption is often the only place a village is named. All toponyms of an article are resolved together
(`geo/resolve.py`), so the other places decide between namesakes, and so do the places that earlier articles
of the same outlet named with confidence (`geo/home.py`: a local paper's 'Dublin' is its neighbour); a name no
entry fits is placed at the article's main place, or kept unplaced, with its reason.
"""

from __future__ import annotations

from dataclasses import replace

from newsint.geo.gazetteer import Gazetteer, shared_gazetteer
from newsint.geo.home import MIN_SCORE, Homes, ground_of
from newsint.geo.keys import place_key
from newsint.geo.resolve import Toponym, resolve_toponyms
from newsint.model import Article, Entity, PlaceMention
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage

# Captions are joined after the text with this between them, so one resolution sees everything.
_GLUE = "\n\n"


def toponyms_of(entities: list[Entity], gazetteer: Gazetteer, shift: int = 0) -> list[Toponym]:
    """The mentions among `entities` that name places, in text order, their offsets moved by `shift`."""
    toponyms: list[Toponym] = []
    for entity in entities:
        for mention in entity.mentions:
            if mention.how == "role":
                continue
            start, end = mention.start + shift, mention.end + shift
            if entity.type == "LOC":
                toponyms.append(Toponym(start, end, mention.text, "entity", entity.id))
            elif entity.type == "MISC" and gazetteer.lookup(place_key(mention.text), True):
                toponyms.append(Toponym(start, end, mention.text, "demonym", entity.id))
    return sorted(toponyms, key=lambda t: t.start)


@stage("places", requires=("entities",), assigns=("places",))
class PlaceStage(StageBase):
    """Resolve each place mention to a gazetteer entry (or keep it unresolved with a reason).

    Example: PlaceStage(settings, StageContext())(article).places
    """

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self.profile = settings.nlp_profile
        self.store = context.store
        self.gazetteer: Gazetteer | None = None
        self.homes: Homes | None = None

    def setup(self) -> None:
        self.gazetteer = shared_gazetteer()
        if self.homes is None:
            self.homes = Homes()
            if self.store is not None:
                for outlet, ground in self.store.outlet_grounds(MIN_SCORE).items():
                    self.homes.add(outlet, ground)

    def __call__(self, article: Article) -> Article:
        gazetteer = self.gazetteer or shared_gazetteer()
        combined = article.text
        toponyms = toponyms_of(article.entities, gazetteer)
        starts: list[int] = []
        if article.captions and article.analysis is not None:
            from newsint.entities.mentions import group_mentions
            from newsint.nlp import load_pipeline

            nlp = load_pipeline(self.profile)
            for caption in article.captions:
                combined += _GLUE
                starts.append(len(combined))
                toponyms += toponyms_of(group_mentions(nlp(caption)), gazetteer, shift=len(combined))
                combined += caption
        if self.homes is None:
            self.setup()
        assert self.homes is not None
        resolved = resolve_toponyms(combined, toponyms, gazetteer, self.homes.of(article.outlet))
        self.homes.add(article.outlet, ground_of(resolved))
        article.places = [_in_caption(m, starts) for m in resolved]
        return article


def _in_caption(mention: PlaceMention, starts: list[int]) -> PlaceMention:
    """Offsets past the text point into a caption: give them relative to that caption."""
    for index in range(len(starts) - 1, -1, -1):
        if mention.start >= starts[index]:
            shift = starts[index]
            return replace(mention, start=mention.start - shift, end=mention.end - shift, caption=index)
    return mention
