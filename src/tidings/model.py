"""The record model: one document record per article, as in the output contract.

Every stage of the pipeline fills one or more layers of a :class:`Document`.
Spans are character offsets into ``Document.text`` (``end`` exclusive) and
``text[start:end] == span.text`` always holds; :func:`span_of` builds them safely.

The JSON Schema generated from these models ships with the package
(``tidings/schema/document.schema.json``, ``tidings schema`` prints it).
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
    "COERCE", "ASSAULT",
)
PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
    "COERCE", "ASSAULT",
]
Modality = Literal["asserted", "intended", "hypothetical", "predicted", "alleged"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Model):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


def span_of(text: str, start: int, end: int) -> Span:
    """A :class:`Span` over ``text[start:end]``, trimmed of surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(text=text[start:end], start=start, end=end)


class Actor(Span):
    """A mention resolved to a coded actor (country + sector, or an IGO/NGO/MNC)."""

    code: Optional[str] = Field(None, description="ISO 3166-1 alpha-3, or IGO/NGO/MNC")
    sector: Optional[str] = Field(None, description="GOV, MIL, REB, OPP, ...")
    cameo: Optional[str] = Field(None, description="full CAMEO actor code, e.g. USAGOV")
    name: Optional[str] = Field(None, description="canonical name")
    role: Optional[str] = Field(None, description="office held at the event's date")
    kb_id: Optional[str] = None
    why: Optional[str] = Field(None, description="how the mention was resolved")


class Entity(Span):
    label: str
    actor: Optional[Actor] = None


class Place(Span):
    name: Optional[str] = None
    geonameid: Optional[int] = None
    country_code: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    feature: Optional[str] = None
    kind: Optional[str] = Field(None, description="literal, metonymic, demonym, dateline")
    #: how it was found or read (an extension of the contract): the source (``ner``, ``gazetteer``,
    #: ``dateline``, ``discourse``) or the context rule that made or narrowed it (``division_cue``,
    #: ``holder_named``, ``town_modifier``, ``qualifies_town``; docs/places_quotes.md)
    rule: Optional[str] = Field(None, description="the source or context rule that found or read the place")


class Time(Span):
    type: TimexType
    value: Optional[str] = None
    anchor: Optional[str] = Field(None, description="what a relative value was resolved against")
    mod: Optional[str] = Field(None, description="TIMEX3 mod: APPROX, LESS_THAN, MORE_THAN, EQUAL_OR_LESS, "
                                                 "EQUAL_OR_MORE, START, MID, END")
    quant: Optional[str] = Field(None, description="TIMEX3 quant of a SET: EVERY, EACH")
    freq: Optional[str] = Field(None, description="TIMEX3 freq of a SET: 2X (twice), 3X ...")
    rule: Optional[str] = Field(None, description="the id of the tagger rule that found it (docs/times_amounts.md)")


class Amount(Span):
    value: float
    unit: Optional[str] = None
    about: Optional[str] = None
    approx: bool = False
    kind: Optional[str] = Field(None, description="money, percent, people, dead, injured, arrested, ...")


class Quote(_Model):
    """A quotation or reported statement.

    ``speaker`` is the span of the attributed source as written (the contract's
    ``oneOf`` makes a span carrying ``code`` ambiguous, so the resolved actor is
    given separately in ``speaker_actor``).

    A quotation split by its attribution (``"A," she said, "B."``) lists its pieces in
    ``fragments`` (an extension of the contract); ``content`` is then the one span that best
    stands for them: the whole stretch when the attribution between the pieces is short, else
    the piece that carries most of the words.
    """

    speaker: Optional[Span] = None
    speaker_actor: Optional[Actor] = None
    cue: Optional[Span] = None
    content: Span
    direct: bool
    fragments: Optional[list[Span]] = None
    #: the id of the quote rule that made it (``tidings.quotes.rules.RULES``; an extension of the contract)
    rule: Optional[str] = None
    #: the learned scorer's confidence that this is an attribution, in [0, 1]
    #: (``tidings.quotes.scorer``; an extension of the contract)
    confidence: Optional[float] = None


class SentenceRef(_Model):
    index: int
    start: int
    end: int


class Event(_Model):
    id: str
    event: PloverType
    mode: Optional[str] = None
    context: list[str] = Field(default_factory=list)
    cameo: str = Field(pattern=r"^[0-9]{3,4}$")
    quad_class: Literal[1, 2, 3, 4]
    goldstein: float = Field(ge=-10, le=10)
    actor: list[Actor] = Field(default_factory=list)
    recipient: list[Actor] = Field(default_factory=list)
    trigger: Span
    sentence: SentenceRef
    date: Optional[str] = None
    date_precision: Optional[Literal["day", "month", "year"]] = None
    event_loc: Optional[Place] = None
    negated: bool = False
    modality: Modality = "asserted"
    confidence: float = Field(ge=0, le=1)
    rule: Optional[str] = None
    dead: Optional[int] = None
    injured: Optional[int] = None
    arrested: Optional[int] = None
    size: Optional[int] = None
    #: extension of the contract: where the first actor / recipient is, as the text ties a place to
    #: its mention ("Tbilisi police", "protesters in Kyiv"); GDELT's Actor1Geo / Actor2Geo
    actor_loc: Optional[Place] = Field(None, description="place tied to the first actor's mention (extension)")
    recipient_loc: Optional[Place] = Field(None, description="place tied to the first recipient's mention "
                                                             "(extension)")


class Tone(_Model):
    """GDELT's V2Tone figures of a document (an extension of the contract; see tidings.grounding.tone).

    Shares are per cent of the document's words."""

    tone: float = Field(description="positive - negative (-100..+100)")
    positive: float = Field(ge=0, le=100, description="share of positive words")
    negative: float = Field(ge=0, le=100, description="share of negative words")
    polarity: float = Field(ge=0, le=200, description="positive + negative")
    activity: float = Field(ge=0, le=100, description="activity reference density: share of verbs")
    self_group: float = Field(ge=0, le=100, description="self/group reference density: share of pronouns")
    words: int = Field(ge=0, description="word count")
    rule: Optional[str] = Field(None, description="how the figures were computed (lexicon)")


class ErrorItem(_Model):
    stage: str
    message: str


class Document(_Model):
    id: str
    title: Optional[str] = None
    date: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    language: Optional[str] = None
    text: str
    dateline: Optional[Place] = None
    errors: list[ErrorItem] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    #: extension of the contract: the document's tone (GDELT V2Tone), from the tone stage
    tone: Optional[Tone] = None

    def add_error(self, stage: str, message: str) -> None:
        self.errors.append(ErrorItem(stage=stage, message=message))

    def to_json(self) -> str:
        return self.model_dump_json(exclude_none=False)


class ArticleInput(_Model):
    """One input article (the contract's input fields)."""

    model_config = ConfigDict(extra="ignore")
    id: str
    text: Optional[str] = None
    html: Optional[str] = None
    title: Optional[str] = None
    date: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    warnings: list[str] = Field(default_factory=list, description="problems met while reading it")


def json_schema() -> dict:
    """The JSON Schema of a document record, generated from the models."""
    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "tidings document record"
    return schema
