"""One document of a batch, start to finish, never raising: the unit a process
pool worker, a Prefect task or a Dask worker runs.

A file that cannot be read, parsed or reviewed becomes an ``error`` row with its
one-line reason; everything else becomes a row from its Review, reused from the
result cache when the bytes, rubric and prereview version are unchanged.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from prereview.batch import cache, history
from prereview.batch.board import Row, RowStatus, criterion_titles, row_from_review
from prereview.batch.discover import Item
from prereview.batch.versions import rubric_versions
from prereview.document import Document
from prereview.errors import InputError, PrereviewError
from prereview.history.tracking import Tracking
from prereview.ingest import DOCX_EXTENSIONS, check_path
from prereview.review import Review
from prereview.submission import recorded_as

if TYPE_CHECKING:
    from prereview.reviewer import ReviewerSettings

ENV_PREFIX = "PREREVIEW_"
DOCUMENT_FORMATS = ("md", "json")
"""What each document's folder under ``--out`` holds by default."""
_NEEDS_DOCUMENT = frozenset({"html", "sarif", "docx"})

NOT_DOCUMENT_STEMS = frozenset({
    "readme", "changelog", "changes", "history", "news", "contributing", "code_of_conduct",
    "code-of-conduct", "security", "license", "licence", "authors", "notice", "support",
    "governance", "maintainers", "codeowners", "todo", "release-notes", "release_notes",
})
"""Repository files that are never Working-Backwards documents (``--only-wb``)."""


@dataclass(frozen=True)
class Options:
    """Everything a worker needs, picklable (no open handles, no Prefect)."""

    rubric: str | None = None
    out_dir: str | None = None
    formats: tuple[str, ...] = DOCUMENT_FORMATS
    """Each document's report files under ``out_dir``."""
    use_cache: bool = True
    force: bool = False
    """Replace existing files under ``out_dir`` that are not earlier prereview
    outputs (``--force``); a symbolic link or an input is refused even so."""
    record_history: bool = True
    """Record each review in the history store (``--no-history`` or
    ``PREREVIEW_HISTORY=0`` turn it off), as a single review does."""
    only_wb: bool = False
    concise: bool = False
    """Carry each finding as a ``path:line:col: ...`` line back with the row."""
    llm: ReviewerSettings | None = None
    versions: tuple[str, ...] = ()
    doc_ids: tuple[tuple[str, str], ...] = ()
    """(file path, doc_id) for documents whose path says nothing lasting (the
    bytes a team member submitted, written to a worker's temp folder)."""
    """``rubric_versions(rubric)``, computed once per batch by ``prepared``."""
    environ: tuple[tuple[str, str], ...] = field(default_factory=lambda: prereview_environ())
    """The caller's ``PREREVIEW_*`` variables (home, rubric path...), applied in the
    worker: a forkserver or Dask worker started earlier has its own environment."""


def prepared(options: Options) -> Options:
    """The options with the rubric versions filled in (once per batch, in the
    caller: loading a rubric costs milliseconds, a batch has hundreds of files)."""
    if options.versions:
        return options
    return replace(options, versions=tuple(rubric_versions(options.rubric)))


def prereview_environ() -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(ENV_PREFIX)))


def apply_environ(environ: tuple[tuple[str, str], ...]) -> None:
    """Make this process's ``PREREVIEW_*`` variables exactly the caller's."""
    wanted = dict(environ)
    for key in [k for k in os.environ if k.startswith(ENV_PREFIX) and k not in wanted]:
        del os.environ[key]
    os.environ.update(wanted)


def _not_a_document_name(path: str) -> bool:
    stem = PurePosixPath(path).name.lower().split(".")[0]
    return stem in NOT_DOCUMENT_STEMS


def looks_like_wb(review: Review) -> bool:
    """Whether detection found the headings of a known document type (with no
    heading matched, the type is only the fallback: a README, notes, a changelog)."""
    detection = review.document.detection
    return not (detection.startswith("detected as ") and ": no heading matched" in detection)


def _error_row(item: Item, reason: str, started: float) -> Row:
    return Row(path=item.rel, file=item.path, status="error", error=reason,
               seconds=time.perf_counter() - started)


def _reason(exc: PrereviewError, item: Item) -> str:
    if isinstance(exc, InputError):
        return exc.reason
    text = str(exc)
    return text.removeprefix(f"{item.path}: ")


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


MARKER = ".prereview-key"
"""In each document's folder: the cache key, path and formats its files were
written for, so a re-run over an unchanged document leaves them as they are."""


def _formats(item: Item, options: Options) -> list[str]:
    """The document's report formats: those asked for, and its annotated
    ``<stem>.reviewed.docx`` when the author gave us a .docx (as a single review
    with ``--out`` writes it)."""
    from prereview.reports import formats_for

    return formats_for(options.formats, "docx" if _is_docx(item.path) else "md")


def _is_docx(path: str) -> bool:
    return PurePosixPath(path).suffix.lower() in DOCX_EXTENSIONS


def _write(review: Review, document: Document | None, item: Item, options: Options,
           key: str) -> Row:
    """Reports into the document's own folder (unless that folder already holds
    exactly these reports); returns a row with only the paths."""
    from prereview.outputs import write_file
    from prereview.reports import report_name, write_reports

    assert options.out_dir is not None
    folder = Path(options.out_dir) / item.out_name
    formats = _formats(item, options)
    stamp = "\n".join([key, item.path, *formats])
    marker = folder / MARKER
    expected = [folder / report_name(fmt, item.path) for fmt in formats]
    try:
        fresh = marker.read_text(encoding="utf-8") == stamp and all(p.is_file() for p in expected)
    except OSError:
        fresh = False
    if fresh:
        written = expected
    else:
        written = write_reports(review, folder, formats, document, force=options.force)
        with contextlib.suppress(PrereviewError):  # only costs the next run a rewrite
            write_file(marker, stamp.encode("utf-8"))
    row = Row(path=item.rel, file=item.path, status="reviewed")
    row.reports = [str(p) for p in written]
    for fmt, path in zip(formats, written, strict=True):
        if fmt == "json":
            row.review_json = str(path)
        elif fmt == "html":
            row.review_html = str(path)
    return row


def _key(item: Item, options: Options) -> str:
    model = options.llm.model if options.llm is not None else None
    versions = list(options.versions) or rubric_versions(options.rubric)
    return cache.cache_key(_sha256(item.path), versions, model)


def is_cached(item: Item, options: Options) -> bool:
    """Whether a cached review of these exact bytes exists (a cheap look: the
    worker still checks it in full)."""
    if not options.use_cache:
        return False
    try:
        return cache.cache_path(_key(item, options)).is_file()
    except (OSError, PrereviewError):
        return False


def review_one(item: Item, options: Options) -> Row:
    """Review one document (or reuse its cached review); never raises."""
    started = time.perf_counter()
    try:
        apply_environ(options.environ)
        return _review(item, options, started)
    except PrereviewError as exc:
        return _error_row(item, _reason(exc, item), started)
    except Exception as exc:  # one broken document must not stop the others
        first = (str(exc).splitlines() or [""])[0][:300]
        return _error_row(item, f"internal error: {type(exc).__name__}: {first}", started)


def _review(item: Item, options: Options, started: float) -> Row:
    if options.only_wb and _not_a_document_name(item.path):
        return Row(path=item.rel, file=item.path, status="skipped",
                   error="not a Working-Backwards document (file name)")
    check_path(item.path)
    try:
        key = _key(item, options)
    except OSError as exc:
        raise InputError(item.path, f"cannot read ({(exc.strerror or str(exc)).lower()})"
                         ) from None
    need_document = options.out_dir is not None and bool(
        _NEEDS_DOCUMENT & set(_formats(item, options)))
    cached = cache.load_cached(key, need_document) if options.use_cache else None
    status: RowStatus
    if cached is not None:
        review, document, status = cached.review, cached.document, "reused"
        review.document.path = item.path  # the same bytes may sit at a new path
        if document is not None:
            document.path = item.path
    else:
        from prereview import engine  # imported in the forkserver, not in the batch's process

        doc_id = dict(options.doc_ids).get(item.path)
        tracking = Tracking.from_env(record=options.record_history, doc_id=doc_id)
        steps = engine.Steps(history=recorded_as(item.rel)) if doc_id else None
        run = engine.run(item.path, options.rubric, options.llm, steps=steps, tracking=tracking)
        review, document, status = run.review, run.document, "reviewed"
        if options.use_cache and not review.llm.error:
            cache.store(key, review, document if need_document else None)
    if options.only_wb and options.rubric is None and not looks_like_wb(review):
        return Row(path=item.rel, file=item.path, status="skipped",
                   error="not a Working-Backwards document (no known headings)")
    paths = _write(review, document, item, options, key) if options.out_dir is not None else None
    row = row_from_review(review, item.rel, item.path, status,
                          previous_score=history.previous_score(
                              review, document, just_recorded=status == "reviewed"))
    if paths is not None:
        row.reports, row.review_json, row.review_html = (
            paths.reports, paths.review_json, paths.review_html)
    row.titles = criterion_titles(review)
    if options.concise:
        from prereview.reports.concise import concise_lines

        row.lines = concise_lines(review)
    row.seconds = time.perf_counter() - started
    return row
