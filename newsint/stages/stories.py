"""Stage `stories`: each article joins the story it fits (newsint/stories/cluster.py) or opens a new one."""

from __future__ import annotations

from newsint.model import Article
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage
from newsint.stories.cluster import StoryIndex, story_keys


@stage(
    "stories",
    requires=("embedding", "entities", "places", "published", "duplicate_of"),
    assigns=("story", "story_score"),
    corpus=True,
)
class StoryStage(StageBase):
    """Set `story` and `story_score`; the index starts from the stored stories, so assignment is incremental
    across runs. A near-duplicate joins the story of the article it copies.

    Example: StoryStage(settings, StageContext())(article).story
    """

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self.store = context.store
        self.index: StoryIndex | None = None

    def setup(self) -> None:
        if self.index is None:
            self.index = (
                StoryIndex(self.store.story_states(), self.store.article_stories()) if self.store else StoryIndex()
            )

    def __call__(self, article: Article) -> Article:
        self.setup()
        assert self.index is not None
        known = self.index.of_doc.get(article.id)
        if known is not None:
            # The same article again (an exact duplicate): the store keeps the first copy only, so the index must
            # not count it twice, or it would drift from the stored stories.
            article.story = known
            return article
        keys = story_keys(article)
        if keys is not None:
            state, article.story_score = self.index.assign(keys, same_as=article.duplicate_of)
            article.story = state.id
        return article
