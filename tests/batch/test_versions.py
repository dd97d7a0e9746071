"""The rubric versions a batch keys its result cache on: remembered between runs
(a re-run over unchanged documents loads no rubric), computed again when a rubric
file, the rubric search path or prereview's version changes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import prereview.rubrics
from prereview.batch import versions

TINY = """\
id: tiny
title: Tiny
threshold: 80
criteria:
  - id: tiny.words
    title: Enough words
    severity: major
    weight: 1
    check: {kind: length, scope: body, label: body, warn_above: %d, fail_above: 99999}
    guidance: Write more.
"""


def _no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> object:
        raise AssertionError("a rubric was loaded")

    monkeypatch.setattr(prereview.rubrics, "load_rubric", refuse)
    monkeypatch.setattr(prereview.rubrics, "document_types", refuse)


def test_detection_versions_are_remembered_and_match_loading(
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = versions.rubric_versions(None)
    assert [v.split("@")[0] for v in first] == prereview.rubrics.document_types()
    assert first == [f"{r}@{prereview.rubrics.load_rubric(r).version}"
                     for r in prereview.rubrics.document_types()]
    entry = json.loads(versions._path().read_text())["null"]
    assert {Path(s[0]).name for s in entry["stamps"]} >= {"prfaq.yaml", "proposal.yaml",
                                                          "style.yaml"}
    _no_loading(monkeypatch)
    assert versions.rubric_versions(None) == first


def test_an_edited_rubric_file_is_versioned_again(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY % 5, encoding="utf-8")
    first = versions.rubric_versions(str(path))
    assert versions.rubric_versions(str(path)) == first
    path.write_text(TINY % 50, encoding="utf-8")  # a different size
    os.utime(path, ns=(1, 1))
    second = versions.rubric_versions(str(path))
    assert second != first and second[0].startswith("tiny@")
    assert second == [f"tiny@{prereview.rubrics.load_rubric(str(path)).version}"]


def test_a_new_rubric_on_the_search_path_or_a_new_prereview_recomputes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    versions.rubric_versions(None)
    extra = tmp_path / "rubrics"
    extra.mkdir()
    monkeypatch.setenv("PREREVIEW_RUBRIC_PATH", str(extra))
    assert versions._remembered(None) is None  # another search path
    versions.rubric_versions(None)
    assert versions._remembered(None) is not None
    (extra / "tiny.yaml").write_text(TINY % 5, encoding="utf-8")
    assert versions._remembered(None) is None  # a new file there
    versions.rubric_versions(None)
    monkeypatch.setattr(versions, "__version__", "0.0.0-other")
    assert versions._remembered(None) is None


def test_a_damaged_versions_file_is_ignored_and_rewritten() -> None:
    versions._path().parent.mkdir(parents=True, exist_ok=True)
    versions._path().write_text("{not json", encoding="utf-8")
    first = versions.rubric_versions(None)
    assert versions._remembered(None) == first
