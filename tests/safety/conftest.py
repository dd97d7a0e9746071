"""Helpers for the safety tests: the installed console script in a clean
environment, a port known to be closed, and files searched for a secret in every
form it could take (zip members unpacked, so a .docx is searched too)."""

from __future__ import annotations

import base64
import binascii
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import quote

import pytest

SCRIPT = Path(sys.executable).with_name("prereview")
REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "prfaq-strong.md"


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without the user's Prefect and prereview settings."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PREFECT_", "PREREVIEW_", "OPENAI_"))}
    env.update(extra)
    return env


def run_cli(*args: str | os.PathLike[str], env: dict[str, str], cwd: Path | None = None,
            restricted: bool = False, timeout: float = 180) -> subprocess.CompletedProcess[bytes]:
    """``prereview ARGS`` as a user would run it. ``restricted``: without the
    capabilities that let root read any file, so ``chmod 000`` means what it says
    (skipped where that cannot be arranged)."""
    if not SCRIPT.exists():
        pytest.skip(f"console script not installed at {SCRIPT}")
    argv: list[str | os.PathLike[str]] = [str(SCRIPT), *args]
    if restricted and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: chmod 000 cannot be tested")
        argv = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *argv]
    return subprocess.run(argv, capture_output=True, env=env, cwd=cwd, timeout=timeout,
                          check=False)


def secret_forms(secret: str) -> list[bytes]:
    """The secret as a leak would carry it: as is, base64 (alone and with
    "Bearer "), hex and percent-encoded."""
    raw = secret.encode()
    return [raw, base64.b64encode(raw), base64.b64encode(b"Bearer " + raw),
            binascii.hexlify(raw), quote(secret, safe="").encode()]


def file_blobs(root: Path) -> Iterator[tuple[str, bytes]]:
    """Every file under ``root`` (and every member of every zip) as bytes."""
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        data = path.read_bytes()
        yield str(path), data
        if data[:4] == b"PK\x03\x04":
            with zipfile.ZipFile(path) as zf:
                for name in zf.namelist():
                    yield f"{path}!{name}", zf.read(name)


def leaks(root: Path, secret: str, also: Sequence[tuple[str, bytes]] = ()) -> list[str]:
    """Where any form of ``secret`` occurs under ``root`` (or in ``also``)."""
    forms = secret_forms(secret)
    return [where for where, data in [*file_blobs(root), *also]
            if any(form in data for form in forms)]


@pytest.fixture
def closed_url(closed_port: int) -> str:
    return f"http://127.0.0.1:{closed_port}/v1"


MODULE = "prereview_test_safety"
sys.modules.setdefault(MODULE, sys.modules[__name__])
"""Test modules reach these helpers as ``sys.modules[MODULE]`` (tests are not a
package, and pytest runs with --import-mode=importlib)."""
