"""Stage `entities`: group the parse's mentions into entities (newsint/entities/mentions.py) and link each
across articles (newsint/entities/linking.py, the index loaded from the store), so a name has one id in every
article."""

from __future__ import annotations

from newsint.entities.linking import EntityIndex
from newsint.entities.mentions import add_role_mentions, group_mentions, merge_linked
from newsint.model import Article
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage


@stage("entities", requires=("analysis",), assigns=("entities",), corpus=True)
class EntityStage(StageBase):
    """Group an article's entity mentions and link each entity across articles.

    Example: EntityStage(settings, StageContext(store))(article).entities
    """

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self.store = context.store
        self.index = EntityIndex()

    def setup(self) -> None:
        if self.store is not None:
            self.index.load(self.store.entity_aliases(), self.store.entity_roles())

    def __call__(self, article: Article) -> Article:
        if article.analysis is None:
            article.entities = []
            return article
        entities = group_mentions(article.analysis)
        for entity in entities:
            entity.id = self.index.link(entity)
        entities = merge_linked(entities)
        known = {e.id: [r for r in self.index.entities[e.id].roles if len(r.split()) >= 2] for e in entities}
        add_role_mentions(article.text, entities, known)
        article.entities = entities
        return article
