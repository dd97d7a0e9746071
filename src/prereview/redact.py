"""The API key never leaves the process through anything the model says.

A server (or a proxy in front of it) can echo the request's ``Authorization``
header into its reply: in a rationale, a quote, a finding, the model name, an
error body. Whatever the reviewer keeps of a reply passes through ``Redactor``
before it is stored (the reply cache, Prefect's results and artifacts) or shown
(every report format, the Word comments, stderr).

The key is masked as written and in its obvious encodings: base64 (standard and
URL-safe, at any alignment, so ``base64("Bearer " + key)`` or ``"user:" + key`` is
caught too), hex (either case), percent-encoding, and JSON/backslash escapes of
its characters; plus anything shaped like a key (``sk-...``) or a bearer token.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, TypeVar
from urllib.parse import quote, quote_plus

from pydantic import BaseModel

MASK = "***"
_MIN_SECRET = 6
"""Shorter "keys" (``not-needed``-like placeholders aside) are not worth masking:
masking three letters would mangle ordinary text."""
_KEYLIKE = re.compile(r"\b(?:sk|rk|pk)-[A-Za-z0-9_\-*]{8,}")
_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/\-=]{6,}")
_BASIC = re.compile(r"(?i)(basic\s+)[A-Za-z0-9+/=]{8,}")

M = TypeVar("M", bound=BaseModel)


def _base64_cores(secret: bytes) -> set[str]:
    """The part of ``base64(prefix + secret + suffix)`` that depends on the secret
    alone, for each of the three alignments of the secret in the encoded bytes."""
    cores: set[str] = set()
    for shift in range(3):
        padded = b"\0" * shift + secret
        usable = (len(padded) // 3) * 3
        encoded = base64.b64encode(padded[:usable]).decode("ascii")
        core = encoded[4 if shift else 0:]
        if len(core) >= 8:
            cores.add(core)
            cores.add(core.replace("+", "-").replace("/", "_"))
    return cores


@lru_cache(maxsize=16)
def _forms(secret: str) -> tuple[str, ...]:
    """Every spelling of ``secret`` to mask, longest first."""
    raw = secret.encode("utf-8")
    forms = {
        secret,
        quote(secret, safe=""),
        quote_plus(secret),
        binascii.hexlify(raw).decode("ascii"),
        binascii.hexlify(raw).decode("ascii").upper(),
        secret.encode("unicode_escape").decode("ascii"),
        "".join(f"\\u{ord(c):04x}" for c in secret),
        *_base64_cores(raw),
    }
    return tuple(sorted((f for f in forms if len(f) >= _MIN_SECRET), key=len, reverse=True))


class Redactor:
    """Masks the secrets it was given (and key-shaped tokens) in text and in every
    string of a pydantic model."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        self.forms = tuple(
            f for s in secrets if s and len(s) >= _MIN_SECRET for f in _forms(s)
        )
        self._pattern = (
            re.compile("|".join(re.escape(f) for f in self.forms), re.IGNORECASE)
            if self.forms else None
        )

    def text(self, value: str) -> str:
        if self._pattern is not None:
            value = self._pattern.sub(MASK, value)
        value = _KEYLIKE.sub(MASK, value)
        value = _BASIC.sub(rf"\g<1>{MASK}", value)
        return _BEARER.sub(rf"\g<1>{MASK}", value)

    def value(self, value: Any) -> Any:
        """Strings, lists, dicts and models, with every string redacted."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, BaseModel):
            return self.model(value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, tuple):
            return tuple(self.value(v) for v in value)
        if isinstance(value, dict):
            return {self.value(k): self.value(v) for k, v in value.items()}
        return value

    def model(self, model: M) -> M:
        """A copy of ``model`` with every string field (nested too) redacted."""
        updates = {name: self.value(getattr(model, name)) for name in type(model).model_fields}
        return model.model_copy(update=updates)
