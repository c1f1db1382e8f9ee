"""The events stage: what happened in each article, who did it to whom, where and when (issue 7).

The domain code is `newsint/events/` (`build.py` builds and merges the events of a parsed article).
"""

from __future__ import annotations

from newsint.events.build import build_events
from newsint.events.classifier import EventClassifier, load_classifier
from newsint.model import Article
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage


@stage("events", requires=("analysis", "entities", "places", "times", "claims", "figures"), assigns=("events",))
class EventStage(StageBase):
    """Set `events` from the parse (made here when the `fast` profile gave none), entities, places, times, claims
    and figures; none for an article without analysis (not English).

    Example: EventStage(settings, StageContext())(article).events
    """

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self.classifier: EventClassifier | None = None

    def setup(self) -> None:
        self.classifier = load_classifier()

    def __call__(self, article: Article) -> Article:
        doc = article.analysis
        article.events = build_events(article, doc, self.classifier or load_classifier()) if doc is not None else []
        return article
