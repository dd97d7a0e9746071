"""``--since REF``: which blocks changed since a git revision of the file (or the
previous recorded revision), so a pull-request check shows the findings in the
changed text in full and only counts the rest."""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
from pathlib import Path

from prereview.document import Document
from prereview.errors import PrereviewError
from prereview.review import Review, SinceInfo, normalise_quote

GIT_TIMEOUT = 30


def block_hashes(document: Document) -> list[str]:
    """One short hash of each block's normalised text: what a revision keeps so a
    later one can tell changed blocks from moved or untouched ones."""
    return [hashlib.sha256(normalise_quote(b.text).encode("utf-8")).hexdigest()[:16]
            for b in document.blocks]


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True,
                              timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PrereviewError(f"--since: git failed: {exc}") from None


def git_block_hashes(document: Document, ref: str) -> list[str]:
    """The block hashes of the file as it was at git ``ref`` (empty when the file
    did not exist there: everything is new)."""
    from prereview.ingest import load_document

    path = Path(document.path).resolve()
    top = _git(["rev-parse", "--show-toplevel"], path.parent)
    if top.returncode != 0:
        raise PrereviewError(f"{document.path}: --since {ref}: not in a git work tree")
    root = Path(top.stdout.decode().strip())
    if _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root).returncode != 0:
        raise PrereviewError(f"{document.path}: --since {ref}: no such git revision")
    rel = path.relative_to(root).as_posix()
    shown = _git(["show", f"{ref}:{rel}"], root)
    if shown.returncode != 0:
        return []
    with tempfile.TemporaryDirectory(prefix="prereview-since-") as tmp:
        old = Path(tmp) / path.name
        old.write_bytes(shown.stdout)
        return block_hashes(load_document(old))


def filter_since(review: Review, document: Document, ref: str, old: list[str]) -> Review:
    """Keep the findings in blocks whose text is not in ``old`` (and those with no
    block: document-level findings are always shown); count the others."""
    before = set(old)
    current = block_hashes(document)
    changed = {i for i, h in enumerate(current) if h not in before}
    criteria = []
    shown = hidden = 0
    for result in review.criteria:
        kept = []
        for finding in result.findings:
            block = finding.location.block if finding.location is not None else None
            if block is None or block in changed:
                kept.append(finding)
            else:
                hidden += 1
        shown += len(kept)
        criteria.append(result.model_copy(update={"findings": kept}))
    return review.model_copy(update={
        "criteria": criteria,
        "since": SinceInfo(ref=ref, changed_blocks=len(changed), shown=shown,
                           unchanged_findings=hidden),
    })
