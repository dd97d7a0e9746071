"""Reviewer settings from arguments, the environment and a TOML config file.

Precedence: explicit arguments > environment > ``./prereview.toml`` >
``$PREREVIEW_HOME/config.toml`` > defaults. Each field is reachable by its
environment name (``PREREVIEW_MODEL``) and by its field name (``model``); in a
config file either works, at the top level or under an ``[llm]`` table. The API
key is a ``SecretStr``: it never shows in a repr, a log line, a cache key or a
report.
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import Field, SecretStr
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from prereview.home import prereview_home, shared_dir
from prereview.redact import Redactor

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_BASE_URL = "https://api.openai.com/v1"


def config_files() -> list[Path]:
    """Config files in increasing precedence."""
    return [prereview_home() / "config.toml", Path.cwd() / "prereview.toml"]




class _TomlFiles(PydanticBaseSettingsSource):
    """Both config files, the later overriding the earlier; keys at the top level
    or under ``[llm]``."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # unused: __call__ does the work

    def __call__(self) -> dict[str, Any]:
        names = _accepted_keys()
        merged: dict[str, Any] = {}
        for path in config_files():
            if not path.is_file():
                continue
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ValueError(f"{path}: invalid config file: {exc}") from None
            table = data.get("llm")
            for source in (data, table if isinstance(table, dict) else {}):
                for key, value in source.items():
                    field = names.get(key.lower())
                    if field is not None:
                        merged[field] = value
        return merged


class _Environment(PydanticBaseSettingsSource):
    """Only the documented variable names (``PREREVIEW_MODEL``), never a bare field
    name: an unrelated ``MODEL`` or ``TIMEOUT`` in the environment is ignored."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # unused: __call__ does the work

    def __call__(self) -> dict[str, Any]:
        env = {k.upper(): v for k, v in os.environ.items()}
        out: dict[str, Any] = {}
        for name, field in ReviewerSettings.model_fields.items():
            alias = field.validation_alias
            if isinstance(alias, str) and alias.upper() in env and env[alias.upper()] != "":
                out[name] = env[alias.upper()]
        return out


def _accepted_keys() -> dict[str, str]:
    """Every accepted spelling (lower case) -> field name."""
    out: dict[str, str] = {}
    for name, field in ReviewerSettings.model_fields.items():
        out[name] = name
        if isinstance(field.validation_alias, str):
            out[field.validation_alias.lower()] = name
    return out


class ReviewerSettings(BaseSettings):
    model_config = SettingsConfigDict(
        populate_by_name=True, extra="ignore", case_sensitive=False, frozen=True
    )

    api_key: SecretStr | None = Field(
        default=None, validation_alias="OPENAI_API_KEY", repr=False
    )
    base_url: str | None = Field(
        default=None, validation_alias="OPENAI_BASE_URL"
    )
    """Any OpenAI-compatible server; None means the OpenAI API."""
    model: str = Field(default=DEFAULT_MODEL, validation_alias="PREREVIEW_MODEL")
    response_format: Literal["json_schema", "json_object"] = Field(
        default="json_schema",
        validation_alias="PREREVIEW_LLM_RESPONSE_FORMAT",
    )
    """``json_schema``: strict structured output through ``chat.completions.parse``;
    ``json_object`` for servers that only accept that (validated here instead)."""
    timeout: float = Field(
        default=60.0, gt=0, validation_alias="PREREVIEW_LLM_TIMEOUT"
    )
    """Seconds per HTTP request."""
    max_concurrency: int = Field(
        default=4, ge=1,
        validation_alias="PREREVIEW_LLM_MAX_CONCURRENCY",
    )
    max_retries: int = Field(
        default=4, ge=0, validation_alias="PREREVIEW_LLM_MAX_RETRIES"
    )
    """Retries of a retryable failure (429, 5xx, timeout) per request."""
    backoff_base: float = Field(
        default=1.0, ge=0, validation_alias="PREREVIEW_LLM_BACKOFF"
    )
    """First retry delay when the server gives no Retry-After; doubles each retry."""
    backoff_max: float = Field(
        default=30.0, ge=0, validation_alias="PREREVIEW_LLM_BACKOFF_MAX"
    )
    max_retry_after: float = Field(
        default=120.0, ge=0,
        validation_alias="PREREVIEW_LLM_MAX_RETRY_AFTER",
    )
    """A server asking to wait longer than this is not waited for."""
    chunk_tokens: int = Field(
        default=8000, ge=200,
        validation_alias="PREREVIEW_LLM_CHUNK_TOKENS",
    )
    """Estimated tokens of document text per request (about 4 characters a token)."""
    max_output_tokens: int = Field(
        default=4000, ge=100,
        validation_alias="PREREVIEW_LLM_MAX_OUTPUT_TOKENS",
    )
    temperature: float | None = Field(
        default=None, ge=0, le=2, validation_alias="PREREVIEW_LLM_TEMPERATURE",
    )
    """Not sent unless set: reasoning models reject any value but their default."""
    global_limit: bool = Field(default=True, validation_alias="PREREVIEW_LLM_GLOBAL_LIMIT")
    """With a Prefect server, also hold a slot of its global concurrency limit
    ``prereview-llm`` per request (shared by every process); costs a few API
    calls per request."""
    max_reply_bytes: int = Field(
        default=2_000_000, ge=10_000, validation_alias="PREREVIEW_LLM_MAX_REPLY_BYTES"
    )
    """A reply body larger than this is refused while it is read (not retried)."""
    max_findings: int = Field(
        default=50, ge=1, validation_alias="PREREVIEW_LLM_MAX_FINDINGS"
    )
    """Findings (and verdicts) of one reply that are verified; the rest are cut
    and counted with the unverified ones."""
    cache_dir: Path | None = Field(
        default=None, validation_alias="PREREVIEW_LLM_CACHE_DIR"
    )
    """Where cached replies live; default ``$PREREVIEW_SHARED_DIR/llm-cache``
    (``$PREREVIEW_HOME`` unless a team shares a folder)."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, _Environment(settings_cls), _TomlFiles(settings_cls)

    @property
    def cache_path(self) -> Path:
        return self.cache_dir or shared_dir() / "llm-cache"

    @property
    def endpoint(self) -> str:
        """The server for messages: the base URL without credentials or query."""
        return redact_url(self.base_url or DEFAULT_BASE_URL)

    def secret(self) -> str | None:
        return self.api_key.get_secret_value() if self.api_key is not None else None

    def redactor(self) -> Redactor:
        """Masks the API key in its encodings too (see ``prereview.redact``)."""
        return _redactor(self.secret())

    def redact(self, text: str) -> str:
        """``text`` with the API key (and anything that looks like a key) masked:
        error bodies from some servers echo the key back."""
        return self.redactor().text(text)


@lru_cache(maxsize=8)
def _redactor(secret: str | None) -> Redactor:
    return Redactor([secret])


def redact_secrets(text: str) -> str:
    """Mask key-shaped tokens and bearer credentials (no particular key known)."""
    return Redactor().text(text)


def redact_url(url: str) -> str:
    """``url`` without user:password@ and without a query string."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<invalid url>"
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def load_settings(**overrides: Any) -> ReviewerSettings:
    """Settings from every source, ``overrides`` (field names) winning; None
    values in ``overrides`` are ignored so CLI options can be passed through."""
    return ReviewerSettings(**{k: v for k, v in overrides.items() if v is not None})
