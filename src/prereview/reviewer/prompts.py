"""Prompt templates (``prompts/*.j2``, package ``prereview_prompts``) and their
version.

The document is data: it goes between marker lines carrying a nonce derived from
the request's own content (the prompt version, the excerpt and the outline). A
document cannot contain its own hash, so no text in it can close the data block
early, and the same request always renders the same way (cacheable, testable).
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from typing import Any

import yaml
from jinja2 import Environment, StrictUndefined

from prereview.reviewer.models import LLMRequest

TEMPLATES = ("system.j2", "user.j2")
MAX_FINDINGS = 20
"""Findings asked for per request: enough for a chunk, bounded output tokens."""

@cache
def _sources() -> dict[str, str]:
    root = resources.files("prereview_prompts")
    return {name: root.joinpath(name).read_text(encoding="utf-8")
            for name in (*TEMPLATES, "versions.yaml")}


@cache
def _environment() -> Environment:
    # Not HTML: autoescape off on purpose; the document is fenced by the nonce.
    env = Environment(undefined=StrictUndefined, autoescape=False,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    return env


@cache
def prompt_version() -> str:
    """``system.j2@1+user.j2@1#<hash>``: the declared versions plus a hash of the
    templates' text, so an edit without a bump still invalidates cached replies."""
    sources = _sources()
    versions = yaml.safe_load(sources["versions.yaml"]) or {}
    declared = "+".join(f"{name}@{versions.get(name, 0)}" for name in TEMPLATES)
    digest = hashlib.sha256("\x00".join(sources[n] for n in TEMPLATES).encode()).hexdigest()
    return f"{declared}#{digest[:8]}"


def nonce_for(request: LLMRequest) -> str:
    """The data delimiter's nonce: a hash of what it encloses."""
    basis = "\x00".join([request.prompt_version, request.document_title,
                         "\n".join(request.outline), request.chunk.text])
    salt = 0
    while True:
        nonce = hashlib.sha256(f"{salt}\x00{basis}".encode()).hexdigest()[:24]
        if nonce not in basis:
            return nonce
        salt += 1  # pragma: no cover - a 96-bit collision with the text itself


def _context(request: LLMRequest) -> dict[str, Any]:
    decide = [c for c in request.criteria if c.mode == "decide"]
    annotate = [c for c in request.criteria if c.mode == "annotate"]
    return {
        "nonce": nonce_for(request),
        "doc_type_label": request.document_label or "a business document",
        "decide": decide,
        "annotate": annotate,
        "decide_ids": [c.id for c in decide],
        "annotate_ids": [c.id for c in annotate],
        "max_findings": MAX_FINDINGS,
        "chunk": request.chunk,
        "title": request.document_title or "(untitled)",
        "outline": "\n".join(request.outline) or "(no headings)",
        "sections": "; ".join(s.rsplit(" > ", 1)[-1][:80] for s in request.chunk.sections[:30])
                    or "(none)",
    }


def render_messages(request: LLMRequest) -> list[dict[str, str]]:
    """The chat messages for one request."""
    env = _environment()
    sources = _sources()
    context = _context(request)
    system = env.from_string(sources["system.j2"]).render(context).strip()
    user = env.from_string(sources["user.j2"]).render(context).strip()
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]
