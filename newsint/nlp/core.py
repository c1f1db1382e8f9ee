"""Load the shipped core spaCy pipeline (tokens, sentences, tags, parse) with tokenizer rules for news copy.

Two profiles of one artifact, `models/nlp-core-v1` (trained by `python -m train.nlp_core`):
- `default`: tokenizer, tagger (PTB `tag_`), morphologizer (UPOS `pos_` and `morph`), parser (`dep_`, `head`,
  sentences);
- `fast`: tokenizer and the senter only, for sentence boundaries at a fraction of the cost.
In both, `newsint_sentence_hints` first fixes the boundaries news copy makes certain (see its docstring).

Example: `[sent.text for sent in load_core("fast")(text).sents]`
"""

import re
from functools import cache
from pathlib import Path
from typing import cast

import numpy
import spacy
from spacy.attrs import NORM, ORTH, SENT_START
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex
from thinc.types import Ints2d

from newsint.errors import ConfigError
from newsint.resources import MODELS_DIR

MODEL_NAME = "nlp-core-v1"
# Characters the models read at once (`analyse`): one huge input must not exhaust memory.
PIECE_CHARS = 20_000
# Components each profile leaves out of the artifact's pipeline.
PROFILE_EXCLUDES = {
    "default": ("senter",),
    "fast": ("tok2vec", "tagger", "morphologizer", "parser"),
}

# Abbreviations common in news copy that spaCy's English exceptions lack, with their norms.
NEWS_ABBREVIATIONS = {
    # military and police ranks
    "Lt.": "lieutenant", "Col.": "colonel", "Maj.": "major", "Capt.": "captain",
    "Sgt.": "sergeant", "Cpl.": "corporal", "Pvt.": "private", "Pfc.": "private first class", "Spc.": "specialist",
    "Cmdr.": "commander", "Cdr.": "commander", "Brig.": "brigadier", "Gens.": "generals", "Adm.": "admiral",
    "Supt.": "superintendent", "Insp.": "inspector", "Det.": "detective",
    # titles and offices
    "Sens.": "senators", "Reps.": "representatives", "Govs.": "governors", "Atty.": "attorney", "Amb.": "ambassador",
    "Pres.": "president", "Secy.": "secretary", "Hon.": "honourable", "Sr.": "senior",
    # numbers, places, addresses
    "No.": "number", "Nos.": "numbers", "Ft.": "fort", "Ave.": "avenue", "Blvd.": "boulevard",
    "Rd.": "road", "Hwy.": "highway", "Dept.": "department", "Univ.": "university", "Assn.": "association",
    "Intl.": "international", "Natl.": "national", "approx.": "approximately",
    # states and provinces missing from spaCy's list (which has the months)
    "Tex.": "texas", "Vt.": "vermont", "Wyo.": "wyoming", "W.Va.": "west virginia", "R.I.": "rhode island",
    "S.D.": "south dakota",
    "Alta.": "alberta", "Ont.": "ontario", "Que.": "quebec",
}  # fmt: skip

# Titles before a name: a sentence never ends on one.
_TITLES = frozenset(
    [
        abbreviation
        for abbreviation, norm in NEWS_ABBREVIATIONS.items()
        if norm
        in {
            "lieutenant",
            "colonel",
            "major",
            "captain",
            "sergeant",
            "corporal",
            "private",
            "private first class",
            "specialist",
            "commander",
            "brigadier",
            "admiral",
            "superintendent",
            "inspector",
            "detective",
            "senators",
            "representatives",
            "governors",
            "attorney",
            "ambassador",
            "president",
            "secretary",
            "honourable",
        }
    ]
    + "Mr. Mrs. Ms. Dr. Prof. Gen. Gov. Sen. Rep. Rev. St. Messrs. Sgt. Lt. Capt. Col. Maj.".split()
)
# A leading hyphen glued to a word ("LONDON (Reuters) -The"), but not a minus sign ("-5").
_DASH_PREFIX = r"-+(?=[^\W\d_])"
# Dashes inside a token, and the quote marks and brackets that touch them ("replied—“never”", "(CNN)--Stocks").
_DASH_INFIXES = (r"[—–]", r"-{2,}", r"(?<=[—–-])[“‘\"']", r"[”’\"')\]](?=[—–]|--)")
# Hashtags and handles stay whole; "#" before anything else is still split off.
_HASHTAG_OR_HANDLE = re.compile(r"^[#@][^\W_][\w]*$")


def load_core(profile: str = "default") -> Language:
    """Return the core pipeline for `profile` ("default" or "fast"), loaded once per process.

    Raises ConfigError for an unknown profile or a missing model directory.
    """
    if profile not in PROFILE_EXCLUDES:
        raise ConfigError(f"unknown core NLP profile {profile!r}; choose one of {', '.join(PROFILE_EXCLUDES)}")
    return _load(profile)


def analyse(nlp: Language, text: str) -> Doc:
    """`text` through `nlp`, a piece of about PIECE_CHARS characters at a time, the Docs joined so that offsets
    still point into `text`. Pieces end at line breaks (sentences never cross a paragraph break), and go through
    one at a time: `nlp.pipe` batches by default, and a batch of pieces costs as much memory as one huge Doc."""
    if len(text) <= PIECE_CHARS:
        return nlp(text)
    pieces, start = [], 0
    while start < len(text):
        end = start + PIECE_CHARS
        if end < len(text):
            newline = text.rfind("\n", start, end)
            end = newline + 1 if newline > start else end
        pieces.append(text[start:end])
        start = end
    return Doc.from_docs(list(nlp.pipe(pieces, batch_size=1)), ensure_whitespace=False)


@cache
def _load(profile: str) -> Language:
    return load_pipeline(MODELS_DIR / MODEL_NAME, profile)


def load_pipeline(path: Path, profile: str = "default") -> Language:
    """Load the core artifact at `path` for `profile`, uncached (training and evaluation use it on candidates)."""
    if not (path / "meta.json").exists():
        raise ConfigError(f"core NLP model not found at {path}; build it with `python -m train.nlp_core`")
    nlp = spacy.load(path, exclude=list(PROFILE_EXCLUDES[profile]))
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    adapt_tokenizer(nlp)
    nlp.add_pipe("newsint_sentence_hints", first=True)
    if "morphologizer" in nlp.pipe_names:
        nlp.add_pipe("newsint_space_tags", last=True)
    return nlp


def adapt_tokenizer(nlp: Language) -> None:
    """Teach `nlp`'s tokenizer news abbreviations, glued dashes and quotes, hashtags and handles."""
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    for abbreviation, norm in NEWS_ABBREVIATIONS.items():
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation, NORM: norm}])
    prefixes = [_DASH_PREFIX, *(p for p in nlp.Defaults.prefixes or () if p != "#"), r"#(?![^\W_])"]
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    infixes = [*(nlp.Defaults.infixes or ()), *_DASH_INFIXES]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    tokenizer.token_match = _HASHTAG_OR_HANDLE.match


@Language.component("newsint_sentence_hints")
def mark_sentence_hints(doc: Doc) -> Doc:
    """Fix boundaries that news copy makes certain, before the parser or senter decides the rest.

    A blank line always ends a sentence (news paragraphs never continue one; EWT has no blank lines to learn it
    from), and whitespace tokens stay at the end of the sentence before them. A sentence never starts after a
    title such as "Lt." or "Mr.", nor after a word that is not sentence-final punctuation (optionally followed by
    closing quotes or brackets), unless a line break intervenes: the statistical models, trained on web text,
    otherwise split names like "Col. Ann | Reyes".
    """
    texts = [token.text for token in doc]
    spaces = [token.is_space for token in doc]
    starts = doc.to_array([SENT_START]).astype(numpy.int64)  # 1 starts a sentence, -1 does not, 0 undecided
    for i in range(1, len(texts)):
        if spaces[i]:
            starts[i] = -1
        elif spaces[i - 1]:
            if texts[i - 1].count("\n") >= 2:
                starts[i] = 1
            continue
        if texts[i - 1] in _TITLES or not _ends_sentence(texts, spaces, i - 1):
            starts[i] = -1
    # one write for the whole Doc: setting `is_sent_start` token by token checks the whole Doc for a parse each time
    return doc.from_array([SENT_START], cast(Ints2d, starts.astype(numpy.uint64)[:, None]))


@Language.component("newsint_space_tags")
def tag_space_tokens(doc: Doc) -> Doc:
    """Tag whitespace tokens SPACE/_SP, as spaCy's own pipelines do; the models never saw one in training."""
    for token in doc:
        if token.is_space:
            token.pos_, token.tag_ = "SPACE", "_SP"
    return doc


def _ends_sentence(texts: list[str], spaces: list[bool], i: int) -> bool:
    while i > 0 and texts[i] in _CLOSERS:
        i -= 1
    return bool(_FINAL.search(texts[i])) or spaces[i]


_FINAL = re.compile(r"[.!?…]$")
_CLOSERS = frozenset("”’\"')]")
