"""A rubric as data: criteria, the checks that decide them (a kind and its
parameters, bound by the loader), named sections, and how its document type is
detected. Nothing here reads a file or knows a check kind."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)

from prereview.review import Severity

HEADING_FLAGS = re.IGNORECASE | re.MULTILINE
"""How heading patterns are compiled (as the checks compile them: validating
them warms ``re``'s cache instead of compiling twice)."""


def _valid_patterns(value: list[str]) -> list[str]:
    """A heading pattern that is no regular expression is an error at load time."""
    for pattern in value:
        try:
            re.compile(pattern, HEADING_FLAGS)
        except re.error as exc:
            raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
    return value


Patterns = Annotated[list[str], AfterValidator(_valid_patterns)]
"""Case-insensitive regular expressions searched in heading text."""


class CheckSpec(BaseModel):
    """``kind`` picks the rule; the other keys are that kind's parameters, validated
    against the kind's own model when the rubric loads."""

    model_config = ConfigDict(extra="allow", use_attribute_docstrings=True)

    kind: str
    """The name of the check kind (``prereview kinds`` lists them)."""

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class Examples(BaseModel):
    """Markdown snippets: the criterion's documentation and its test cases."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, use_attribute_docstrings=True)

    pass_: list[str] = Field(default_factory=list, alias="pass")
    fail: list[str] = Field(default_factory=list)

    @field_validator("pass_", "fail", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class Applicability(BaseModel):
    """When a criterion applies at all: a change proposal is asked about operations
    or cost only when it is about a service. Applies when any of ``sections`` has a
    heading in the document, or the body matches ``patterns`` at least ``min_hits``
    times in all (with neither given, it applies); else the criterion is
    ``not-applicable``. ``unless_patterns`` in the opening overrule both."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    sections: list[str] = Field(default_factory=list)
    """Section ids of the rubric: a heading of any of them makes it apply."""
    patterns: Patterns = Field(default_factory=list)
    """Case-insensitive regular expressions searched in the body's prose."""
    min_hits: int = Field(default=1, ge=1)
    """Matches of ``patterns`` (all together) that make it apply."""
    reason: str = "this kind of document does not call for it"
    """Said in the report when it does not apply."""
    outside: list[str] = Field(default_factory=list)
    """Section ids of embedded product documentation (a Working Backwards README):
    headings and text inside it neither make the criterion apply nor count as
    ``patterns`` hits (its "Metrics" and "alarms" describe the product)."""
    unless_metadata: dict[str, str] = Field(default_factory=dict)
    """Front-matter key pattern to value pattern (``stage``: ``alpha``): when a key
    of the document's metadata matches one and its value the other, the
    criterion does not apply (a KEP asks for SLOs only when targeting beta)."""
    unless_metadata_reason: str = "the document's stage does not call for it yet"
    markers: Patterns = Field(default_factory=list)
    """Regular expressions searched in every block, code included: a template's
    own marker (a KEP's ``<<[UNRESOLVED]>>`` block, often kept in a code fence)
    makes the criterion apply wherever it sits."""
    surfaces: dict[str, Patterns] = Field(default_factory=dict)
    """What the change exposes, by kind (access control, secrets, privilege...):
    case-insensitive regular expressions read in the author's prose, headings and
    code (:mod:`prereview.checks.reading.surfaces`). Hits of ``surface_kinds``
    kinds, ``surface_hits`` in all, make it apply."""
    surface_kinds: int = Field(default=2, ge=1)
    """Different kinds of ``surfaces`` that must be hit."""
    surface_hits: int = Field(default=3, ge=1)
    """Hits of ``surfaces`` (all kinds together) that must be found."""
    strong_surfaces: dict[str, int] = Field(default_factory=dict)
    """Kinds of ``surfaces`` that make it apply alone, with this many hits (code
    fetched and run twice; access control named as what the change is about)."""
    surface_ignore: Patterns = Field(default_factory=list)
    """Spans that are not hits: compound names ("security group", "Security Hub")
    and identifiers (``SecurityAspect``)."""
    unless_patterns: Patterns = Field(default_factory=list)
    """Case-insensitive regular expressions: a match in the opening of the body
    (its first ``unless_within`` paragraphs) makes it not apply even where ``sections`` or
    ``patterns`` would (a sub-spec that defers its motivation to a parent KEP)."""
    unless_within: int = Field(default=6, ge=1)
    """How many paragraphs of the body's opening ``unless_patterns`` read."""
    unless_reason: str = "the document defers this to another document"
    """Said in the report when an ``unless_patterns`` match made it not apply."""
    unless_title: Patterns = Field(default_factory=list)
    """Case-insensitive regular expressions on the document's title (its title
    heading, or ``title`` in its metadata): a match makes it not apply when the
    document has no heading of ``unless_title_keeps`` (a KEP graduating a feature
    to GA weighed the alternatives when the feature was proposed; one that weighs
    them again is read)."""
    unless_title_keeps: list[str] = Field(default_factory=list)
    """Section ids whose heading, present, keeps the criterion applying."""
    unless_title_reason: str = "the document's subject does not call for it"
    """Said in the report when an ``unless_title`` match made it not apply."""
    never: bool = False
    """Never applies to this document type (a style rule its genre's norm
    contradicts): listed with ``reason``, never failed."""
    template: str | None = None
    """A section id: the criterion applies wherever the document's template family
    (the rubric's ``families``) has that section, so every KEP is asked for its
    test plan and no Rust RFC is; in any other family only ``sections``, ``markers``
    or ``patterns`` make it apply. ``{template}`` in ``reason`` names the family."""


class Criterion(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    id: str
    title: str
    severity: Severity
    weight: float = Field(default=1.0, ge=0)
    check: CheckSpec | None = None
    """The rule that decides it; None for judgment-only criteria."""
    judgment: bool = False
    """Also read by the LLM reviewer ("rule + judgment" or "judgment")."""
    locate: CheckSpec | None = None
    """For a judgment-only criterion: a rule that finds where its part is (the
    solution paragraph) without judging it. The report shows where; the criterion
    stays not assessed until the LLM reviewer decides it."""
    guidance: str = ""
    suggestion: str | None = None
    examples: Examples = Field(default_factory=Examples)
    enabled: bool = True
    applies_if: Applicability | None = None
    """When the criterion applies at all (None: always); else it is not applicable:
    listed, never failed, left out of the score."""

    @property
    def kind(self) -> str:
        if self.check is not None:
            return "rule + judgment" if self.judgment else "rule"
        return "judgment"


class SectionSpec(BaseModel):
    """A named part of a document, found by its heading."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    headings: Patterns
    """Case-insensitive regular expressions searched in heading text."""
    weak_headings: Patterns = Field(default_factory=list)
    """Headings that name the section only when its text matches one of
    ``weak_content`` too: a Go design's "Implementation" is its rollout plan when
    it names a release, a CL or who does the work, not when it describes the
    runtime's internals."""
    weak_content: Patterns = Field(default_factory=list)
    before: str | None = None
    """When no heading matches: everything before the first heading of this other
    section (a press release often has no heading of its own)."""
    appendix: bool = False
    """Excluded from the ``body`` scope (length limits ignore appendices)."""
    until: list[str] = Field(default_factory=list)
    """Other section ids that end this one: a heading of one of them nested inside
    it cuts it there ("# Press release" wrapping "## Customer FAQ"), and without a
    heading of its own it also ends at the first of them."""
    parts_inside: list[str] = Field(default_factory=list)
    """Sections of ``until`` that are this one's own parts where they sit inside its
    heading, unless another of ``until`` follows them there: a "## Press Release"
    whose "### Getting Started" comes before its "### Availability" (or closes it)
    goes on through it; a "# Press release" wrapping a "## Usage" and then its
    "## FAQ" ends at the usage."""


class Detect(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    headings_any: Patterns = Field(default_factory=list)
    """Regular expressions; each distinct one matching a heading scores a point."""
    metadata_any: Patterns = Field(default_factory=list)
    """Regular expressions on front-matter keys (``rfc pr``, ``related issue``):
    each distinct one matching a key scores a point, as a heading does; a
    template's metadata names its genre when its headings are few."""
    min_matches: int = 1
    """Fewer matched headings than this do not point to the type."""
    names_itself: Patterns = Field(default_factory=list)
    """Regular expressions read in the title, the headings and the opening
    paragraphs (``names_within``): a document that names its own genre ("This RFC
    proposes", "What is covered under this RFC") is of this type whenever its
    headings reach ``min_matches``, however many headings of another type it uses
    ("Background", "Policy Proposal", "Implementation Plan")."""
    names_within: int = Field(default=3, ge=0)
    """How many of the body's opening paragraphs ``names_itself`` reads."""
    rank: int = 0
    """Ties between document types (as many distinct headings matched) go to the
    lower rank."""
    fallback: bool = False
    """The type of a document that no type's headings point to."""
    label: str = ""
    """How the LLM reviewer's prompt names this type of document (e.g. "a design
    document"); empty: "a business document"."""


class Family(BaseModel):
    """A template a document type comes in (a KEP, a CDK RFC, a Rust RFC): found by
    its own headings and metadata, it says which sections its template has, so a
    criterion is asked of every document of the family alike (``template``)."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    label: str
    """How the report names it ("KEP", "Rust RFC")."""
    headings_any: Patterns = Field(default_factory=list)
    """Regular expressions on normalised headings; each distinct one matching a
    heading scores a point."""
    metadata_any: Patterns = Field(default_factory=list)
    """Regular expressions on front-matter keys; each distinct one matching scores."""
    headings_none: Patterns = Field(default_factory=list)
    """Regular expressions on normalised headings a later template added: a document
    with any of them is not of this (older) family."""
    started_before: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    """An older template's last day (YYYY-MM-DD): a document whose opening
    ``Start Date:`` line is on or after it is not of this family."""
    min_matches: int = Field(default=1, ge=1)
    """Points needed; the first family (in the order written) that has them wins."""
    has: list[str] = Field(default_factory=list)
    """Section ids of the rubric its template has."""
    fallback: bool = False
    """The family of a document no other family's signature fits."""


class Rubric(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    id: str
    title: str = ""
    description: str = ""
    extends: list[str] = Field(default_factory=list)
    threshold: float = Field(default=80.0, ge=0, le=100)
    detect: Detect | None = None
    sections: dict[str, SectionSpec] = Field(default_factory=dict)
    families: dict[str, Family] = Field(default_factory=dict)
    """Template families of the document type, in detection order (see ``Family``)."""
    criteria: list[Criterion] = Field(default_factory=list)
    source: str = ""
    """File the rubric was loaded from (not part of the version)."""
    version: str = ""
    doc_type: str = ""
    """The document type it reviews: itself, or the built-in type it extends (a
    team's rubric extending prfaq reviews PR/FAQs). Set by the loader; not part of
    the version."""
    _bound: dict[str, Any] = PrivateAttr(default_factory=dict)
    """Checks bound to their kinds (:mod:`prereview.checks.binding`), by criterion
    id: opaque to the rubric, kept with it so they are bound once."""

    @property
    def bound_checks(self) -> dict[str, Any]:
        return self._bound

    def keep_bound(self, bound: dict[str, Any]) -> None:
        """Keep the checks bound to this rubric (the binding's result)."""
        self._bound = bound

    @property
    def active(self) -> list[Criterion]:
        return [c for c in self.criteria if c.enabled]

    @model_validator(mode="after")
    def _own_type(self) -> Rubric:
        if not self.doc_type:
            self.doc_type = self.id
        return self

    def criterion(self, criterion_id: str) -> Criterion:
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(criterion_id)

