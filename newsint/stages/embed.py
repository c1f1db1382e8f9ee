"""Stage `embed`: the article's sentence embedding, by which stories compare articles."""

from __future__ import annotations

from newsint.model import Article
from newsint.nlp.encoder import Encoder, load_encoder
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage

LEAD_WORDS = 200  # more than the encoder's 128 word pieces hold; the rest would be cut anyway


def lead(article: Article) -> str:
    """The title and the first words of the text: what the article is about, as a reader meets it."""
    words = article.text.split()[:LEAD_WORDS]
    return "\n".join(part for part in (article.title or "", " ".join(words)) if part)


@stage("embed", requires=("text",), assigns=("embedding",))
class EmbedStage(StageBase):
    """Set `embedding` to the unit all-MiniLM-L6-v2 vector of the article's title and lead (models/encoder-v1).

    Example: EmbedStage(settings, StageContext())(article).embedding
    """

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self.encoder: Encoder | None = None

    def setup(self) -> None:
        self.encoder = load_encoder()

    def __call__(self, article: Article) -> Article:
        text = lead(article)
        if text:
            encoder = self.encoder or load_encoder()
            article.embedding = encoder.embed([text])[0].astype("<f4").tobytes()
        return article
