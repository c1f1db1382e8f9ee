"""The trained spaCy pipelines newsint ships, loaded offline from `models/` by profile.

Both profiles run the tokenizer, tagger and parser of models/nlp-core-v1: claims, events and figures read the
parse, and parsing once costs less than sentences first and a parse later. `default` adds the transformer entity
model (models/ner-v1, run with onnxruntime), `fast` the CNN entity model (models/ner-fast-v1). Both give PER,
ORG, LOC and MISC entities.
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
    from newsint.nlp.core import MODEL_NAME, load_core
    from newsint.nlp.core import load_pipeline as load_core_copy
    from newsint.nlp.ner import add_ner
    from newsint.resources import MODELS_DIR

    # the entity model is added to the core it is given: the fast profile's gets a copy of its own
    core = load_core("default") if profile == "default" else load_core_copy(MODELS_DIR / MODEL_NAME, "default")
    return add_ner(core, profile)
