"""Stage `places`: an article's place entities and demonyms resolved to gazetteer entries with coordinates.

Toponyms are the mentions of the article's LOC entities, and the mentions of MISC entities that are
demonyms ("Ukrainian" → Ukraine). Photo captions are read too (with the NLP pipeline of the run), since
a caption is often the only place a village is named. All toponyms of an article are resolved together
(`geo/toponyms.py`, `geo/resolve.py`), so the other places decide between namesakes, and so do the places that
earlier articles of the same outlet named with confidence (`geo/home.py`: a local paper's 'Dublin' is its
neighbour); a name no entry fits is placed at the article's main place when the text names that place by
its own name, or else kept unplaced, with its reason.
"""

from __future__ import annotations

from newsint.entities.mentions import group_mentions
from newsint.geo.gazetteer import Gazetteer, shared_gazetteer
from newsint.geo.home import MIN_SCORE, Homes, ground_of
from newsint.geo.resolve import Rerank, keep_rules, resolve_toponyms
from newsint.geo.toponyms import in_caption, joined_with_captions
from newsint.model import Article, Entity
from newsint.nlp import load_pipeline
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage


@stage("places", requires=("entities",), assigns=("places",), corpus=True)
class PlaceStage(StageBase):
    """Resolve each place mention to a gazetteer entry (or keep it unresolved with a reason).

    Example: PlaceStage(settings, StageContext())(article).places
    """

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self.profile = settings.nlp_profile
        self.resolver = settings.place_resolver
        self.store = context.store
        self.gazetteer: Gazetteer | None = None
        self.homes: Homes | None = None
        self.rerank: Rerank = keep_rules

    def setup(self) -> None:
        self.gazetteer = shared_gazetteer()
        if self.resolver == "ranker":
            from newsint.geo.ranker import shipped_ranker  # loads LightGBM: only when asked for

            self.rerank = shipped_ranker()
        if self.homes is None:
            self.homes = Homes()
            if self.store is not None:
                for outlet, ground in self.store.outlet_grounds(MIN_SCORE).items():
                    self.homes.add(outlet, ground)

    def __call__(self, article: Article) -> Article:
        gazetteer = self.gazetteer or shared_gazetteer()
        captions: list[tuple[str, list[Entity]]] = []
        if article.captions and article.analysis is not None:
            nlp = load_pipeline(self.profile)
            captions = [(caption, group_mentions(nlp(caption))) for caption in article.captions]
        combined, toponyms, starts = joined_with_captions(article.text, article.entities, captions, gazetteer)
        if self.homes is None:
            self.setup()
        assert self.homes is not None
        resolved = resolve_toponyms(combined, toponyms, gazetteer, self.homes.of(article.outlet), self.rerank)
        self.homes.add(article.outlet, ground_of(resolved))
        article.places = [in_caption(m, starts) for m in resolved]
        return article
