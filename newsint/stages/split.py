"""The split stage: one input holding several glued articles becomes several Articles (`text.split`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from newsint.model import Article, Provenance
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage
from newsint.text.clean import paragraph_spans
from newsint.text.split import split_parts


@stage("split", requires=("text", "paragraphs"), assigns=("text", "paragraphs"))
class SplitStage(StageBase):
    """Yield one Article per article found in the input; an input holding one stays whole."""

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self.settings = settings

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            parts = split_parts([article.span_text(span) for span in article.paragraphs])
            if len(parts) == 1:
                yield article
                continue
            for number, part in enumerate(parts, start=1):
                locator = " ".join(filter(None, [article.provenance.locator, f"part {number} of {len(parts)}"]))
                yield replace(
                    article,
                    text="\n\n".join(part),
                    paragraphs=paragraph_spans(part),
                    title=article.title if number == 1 else None,
                    removed=list(article.removed) if number == 1 else [],
                    captions=[],
                    provenance=Provenance(article.provenance.input_path, article.provenance.sha256, locator),
                    meta=dict(article.meta),
                    authors=list(article.authors),
                )
