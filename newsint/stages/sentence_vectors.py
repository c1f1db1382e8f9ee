"""Stage `sentence_vectors`: the embeddings of the article's sentences, by which a story's statements are
compared (newsint/stories/vectors.py)."""

from __future__ import annotations

from newsint.model import Article
from newsint.nlp.encoder import load_encoder
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage
from newsint.stories.vectors import embed_sentences


@stage("sentence_vectors", requires=("text", "sentences"), assigns=("sentence_vectors",))
class SentenceVectorStage(StageBase):
    """Set `sentence_vectors` to one float16 all-MiniLM-L6-v2 row per sentence (models/encoder-v1).

    Example: SentenceVectorStage(settings, StageContext())(article).sentence_vectors
    """

    def __init__(self, settings: Settings, context: StageContext) -> None:
        pass

    def setup(self) -> None:
        load_encoder()

    def __call__(self, article: Article) -> Article:
        article.sentence_vectors = embed_sentences(article) if article.sentences else None
        return article
