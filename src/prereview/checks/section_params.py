"""The ``section`` kind's parameters: what a rubric can say about where a part is
read and what counts as it (the check itself is ``checks.kinds.sections``)."""

from __future__ import annotations

from pydantic import Field

from prereview.checks.params import BODY, Params, Regex, Requirement, ScopeRef, SectionRef
from prereview.checks.reading.api_defaults import ApiDefaultsParams
from prereview.checks.reading.subject import AskedInParams, SubjectParams
from prereview.review import Severity


class AskedOnlyParams(Params):
    severity: Severity = Severity.MINOR
    """The severity of the failure (never above the criterion's own)."""
    score: float = Field(default=0.25, ge=0, le=1)
    """Share of the weight still earned: the answer owed is a sentence or two."""
    warn: bool = False
    """Pass with that share and the finding shown (a warning), instead of failing:
    with nothing seen at stake, the unanswered question is for the author to
    settle in a sentence, not a reason to hold the review."""


class SectionParams(Params):
    section: SectionRef
    """A section id from the rubric's ``sections:``."""
    label: str | None = None
    """How messages name it (default: the id, e.g. "non goals")."""
    min_words: int = Field(default=1, ge=0)
    """Words of content (prose and tables, not headings), subsections included."""
    count_code: bool = False
    """Count code blocks as content too (an API definition is part of a design)."""
    not_an_answer: list[Regex] = Field(default_factory=list)
    """Regexes: a section whose every paragraph opens with one ("N/A", "N/A - we
    already have a project...") has no content: there are always alternatives,
    doing nothing at least. One heading of a part answered so, beside answered
    ones, is that heading unanswered."""
    prompts_of: str | None = None
    """A criterion whose ``template_prompts`` (``style.unfinished``'s) name the
    template's own text: a paragraph that is wholly its prompts is not the
    author's content (a 2019 KEP's "Consider the following in developing a test
    plan ..." under "Test Plan" is no test plan)."""
    stages_of: str | None = None
    """A criterion whose ``stages`` and ``template_prompts`` (``style.unfinished``'s)
    say which sections a staged template leaves for a later stage: a part read
    there and left empty is not due yet (a KEP's SLO question under a Monitoring
    Requirements "to be completed when targeting beta", in an alpha KEP)."""
    short_answers: bool = False
    """An explicit short answer ("N/A (docs)", "None.", "Not applicable: no code
    changes") is the author's answer under ``min_words``: the part is answered,
    as written (a documentation-only KEP's test plan)."""
    code_suffices: int | None = Field(default=None, ge=0)
    """A section with a code block (an API, a grammar) and at least this many words
    of prose meets ``min_words`` however short it is: a small API addition is
    complete with its signatures and the sentences that explain them."""
    contains: list[Requirement] = Field(default_factory=list)
    """Each must be found in the section's text (e.g. a number for "current state")."""
    items_contain: list[Requirement] = Field(default_factory=list)
    """Each must be found in every item the section lists (each alternative needs
    its reason): an item is a sub-section, or else an item of the section's
    outermost list with its sub-items. An item without is a finding quoting it,
    unless the section's prose around the items has it (a closing "we rejected
    both because ..." may speak for them all). With fewer than two items the
    section's text as a whole must have it."""
    item_enough_words: int | None = Field(default=None, ge=1)
    """An item with this many words besides its title is taken to meet
    ``items_contain`` in words no pattern foresees (an analysis, not a bare name)."""
    after: SectionRef | None = None
    """Another section id that, when it has a heading, must come first."""
    fallback: list[SectionRef] = Field(default_factory=list)
    """Other section ids accepted instead, for a share of the score (an FAQ that is
    not split into external and internal is taken as the external one); never a
    section whose heading names yet another section ("Internal FAQ")."""
    fallback_score: float = Field(default=0.5, ge=0, le=1)
    """Share of the weight earned when only a ``fallback`` section is there."""
    fallback_questions: list[Regex] = Field(default_factory=list)
    """With these, a ``fallback`` section stands in only when at least
    ``fallback_share`` of its FAQ questions match one (an undivided FAQ whose
    questions are the stakeholders' own, "Why are we doing this?", is the
    internal FAQ)."""
    fallback_share: float = Field(default=0.5, ge=0, le=1)
    """Share of the fallback section's questions that must match ``fallback_questions``."""
    fallback_unless_questions: list[Regex] = Field(default_factory=list)
    """A ``fallback`` section does not stand in when at least ``fallback_share`` of
    its FAQ questions match one of these (an undivided FAQ of the team's own
    questions, milestones and resources, is the internal FAQ, not the customers')."""
    fail_markers: list[Regex] = Field(default_factory=list)
    """A template's marker of unfinished text anywhere, code included (a KEP's
    ``<<[UNRESOLVED ...]>>`` block): the criterion fails at the first one."""
    or_patterns: list[Regex] = Field(default_factory=list)
    """When no heading matches: regexes; a prose block matching one (and every
    ``contains``) stands in for the section, for documents with unusual headings."""
    or_scope: ScopeRef = BODY
    """Where ``or_patterns`` are searched: ``document``, ``body`` or a section."""
    or_opening: bool = False
    """The author's prose between the title and the first section heading (a
    template's one-paragraph summary under the title) is the part when it has
    ``min_words``: where no heading is found, or the one found is short
    (``reading.opening``)."""
    or_within: int | None = Field(default=None, ge=1)
    """Only the first N prose blocks of ``or_scope`` are searched (an opening)."""
    or_score: float = Field(default=1.0, ge=0, le=1)
    """Share of the weight earned when only an ``or_patterns`` paragraph is there."""
    or_names: list[str] = Field(default_factory=list)
    """What ``{names}`` in ``or_patterns`` stands for: names (other languages,
    projects), matched whole and case-sensitive."""
    or_about: list[Regex] = Field(default_factory=list)
    """When no heading matches: a section under any heading whose own prose holds
    ``or_about_hits`` matches of these terms, ``or_about_kinds`` different ones
    among them, is about the topic and stands in for the section (see
    ``reading.topics``)."""
    or_about_hits: int = Field(default=4, ge=1)
    """Matches of ``or_about`` a section's own prose needs."""
    or_about_kinds: int = Field(default=2, ge=1)
    """Different ``or_about`` terms among them (a checksum named twice is one)."""
    or_outside: list[SectionRef] = Field(default_factory=list)
    """Section ids whose blocks ``or_patterns``, ``or_about`` and ``or_about_across``
    never read: the question lines of an "Internal FAQ" are not an external FAQ
    written without a heading, a rejected alternative's cons are not the
    proposal's own security."""
    or_about_across: list[SectionRef] = Field(default_factory=list)
    """Section ids of the proposal's own parts (its design, its drawbacks): when no
    single section is about the topic, their prose read together, with
    ``or_about_hits`` of ``or_about_kinds`` terms, covers it (security material
    spread across the design and its drawbacks)."""
    or_steps: list[Regex] = Field(default_factory=list)
    """When nothing else stands in: regexes matched at the start of a step of a
    plan, a list item or a table cell of an ``or_steps_in`` section (a CDK RFC's
    project-plan row "Validate ConstructHub support" is a test step)."""
    or_steps_in: list[SectionRef] = Field(default_factory=list)
    """Section ids whose list items and table cells ``or_steps`` read."""
    or_asked_in: AskedInParams | None = None
    """When nothing else stands in: a sentence about the topic in the section the
    template asks it in (a KEP's Risks and Mitigations: "How will security be
    reviewed?"), see ``reading.subject``."""
    asked_because: dict[str, str] = Field(default_factory=dict)
    """Why the section is asked of a document, by its template family (``kep``,
    ``cdk-rfc``): the suggestion of the finding when it is missing, so the action
    says why this document owes it ("A CDK RFC plans code the CDK team ships: ...")."""
    or_api_defaults: ApiDefaultsParams | None = None
    """When no heading or sentence covers it: a construct library's API whose doc
    comments state its security defaults (``@default - A new security group is
    created``) and grant methods covers it (``reading.api_defaults``)."""
    asked_only: AskedOnlyParams | None = None
    """A part missing from a document that is asked for it only by its template
    (``applies_if.template``: it has no section, surface or marker of its own, see
    ``checks.applicability.asked_by_template_only``) fails milder: a KEP that
    names no security surface owes the template's one-sentence answer ("No
    security implications: ..."), not a security design."""
    or_subject: SubjectParams | None = None
    """When the section is missing or falls short: a document whose subject (title
    or summary) is the topic and whose prose weighs its risks covers it from end to
    end (a KEP enabling seccomp by default), see ``reading.subject``."""
    not_inside: list[SectionRef] = Field(default_factory=list)
    """Section ids of documents drafted inside the proposal (a CDK RFC's README):
    a heading of this section inside one of them is the product's, not this part
    ("Testing Your Custom Templates" in a README tells users how to test theirs:
    no test plan), up to a heading of this section at the draft's own level
    (``reading.embedded``)."""
    at_questions: list[Regex] = Field(default_factory=list)
    """A section of the part that is a questionnaire (every heading under it a
    question, a KEP's "Monitoring Requirements") is read only at the questions
    whose heading matches one of these ("What are the reasonable SLOs...?"): the
    part is written where they are answered (``reading.questionnaire``)."""
    holds: list[SectionRef] = Field(default_factory=list)
    """Section ids of documents drafted inside the proposal (a CDK RFC's README):
    an empty heading of this section followed by one of theirs holds it and the
    sibling headings after it ("## Working Backwards", then "## README", "## Quick
    start"...), up to a heading naming another section (``part_headings``)."""
    required_headings: list[Regex] = Field(default_factory=list)
    """Headings of the part the template asks to be answered in their own right,
    matched on the normalised heading (a KEP's "Drawbacks", why the change should
    not be made, beside its answered "Risks and Mitigations"): one left empty fails
    the part though a sibling heading answers it; a heading the template marks
    optional (``optional_marks``: "Drawbacks [optional]") is not one."""
    optional_marks: list[Regex] = Field(default_factory=list)
    """A heading's own mark that the template lets it be left out ("[optional]",
    "(Optional)"), matched on the heading as written."""
