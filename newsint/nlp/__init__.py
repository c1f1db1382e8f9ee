"""The trained spaCy pipelines newsint ships, loaded offline from `models/` by profile.

`default`: tokenizer, tagger and parser (models/nlp-core-v1) and the transformer entity model
(models/ner-v1, run with onnxruntime). `fast`: tokenizer and sentence splitter, and a CNN entity
model (models/ner-fast-v1). Both give PER, ORG, LOC and MISC entities.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from newsint.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

PROFILES = ("default", "fast")


@lru_cache(maxsize=2)
def load_pipeline(profile: str = "default") -> Language:
    """The spaCy pipeline of `profile`, loaded once per process."""
    if profile not in PROFILES:
        raise ConfigError(f"unknown NLP profile {profile!r}; choose one of {', '.join(PROFILES)}")
    from newsint.nlp.core import load_core
    from newsint.nlp.ner import add_ner

    return add_ner(load_core(profile), profile)
