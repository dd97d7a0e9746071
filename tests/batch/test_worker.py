"""Each document's files under ``batch --out``: a .docx input also gets its
annotated ``<stem>.reviewed.docx`` in its own folder, with the same Word comments
a single ``prereview review --out`` writes, from a fresh review and from the
result cache alike."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import docx

from .test_cli import invoke

PARAGRAPHS = [
    ("Title", "Tidewater Announces Ledger Sync for Small Shops"),
    ("Heading 1", "Press Release"),
    ("Normal", "Tidewater will launch Ledger Sync, which keeps a shop's books current."),
    ("Normal", "SEATTLE, WA - May 3, 2027 - Tidewater plans to launch Ledger Sync soon."),
    ("Normal", "Shop owners spend hours each week copying sales into their books."),
    ("Normal", "Ledger Sync is significantly faster and very easy, and it is really new."),
    ("Heading 1", "Frequently Asked Questions"),
    ("Heading 2", "Customer FAQ"),
    ("Heading 3", "How much will it cost?"),
    ("Normal", "TBD."),
]


def build_docx(path: Path) -> None:
    """A real Word document, written by python-docx."""
    document = docx.Document()
    for style, text in PARAGRAPHS:
        document.add_paragraph(text, style=style)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def comments(path: Path) -> list[tuple[str, str]]:
    """The (author, text) of every comment, read back with python-docx."""
    return [(c.author, c.text) for c in docx.Document(str(path)).comments]


def test_batch_out_writes_the_annotated_docx_like_a_single_review(tmp_path: Path) -> None:
    folder = tmp_path / "meeting"
    source = folder / "shop" / "ledger.docx"
    build_docx(source)
    (folder / "notes.md").write_text("# Notes\n\nLatency dropped last week.\n", encoding="utf-8")
    before = hashlib.sha256(source.read_bytes()).hexdigest()

    single = tmp_path / "single"
    code, _, stderr = invoke("review", str(source), "--fast", "-o", str(single), "--no-history")
    assert code == 0, stderr
    expected = comments(single / "ledger.reviewed.docx")
    assert expected and {a for a, _ in expected} == {"prereview"}

    out = tmp_path / "out"
    code, stdout, stderr = invoke("batch", str(folder), "--fast", "-f", "json", "-o", str(out),
                                  "-j", "1", "--no-history")
    assert code == 0, stderr
    rows = {r["path"]: r for r in json.loads(stdout)["rows"]}
    doc_folder = out / "shop" / "ledger.docx"
    reviewed = doc_folder / "ledger.reviewed.docx"
    assert rows["shop/ledger.docx"]["reports"] == [
        str(doc_folder / "report.md"), str(doc_folder / "review.json"), str(reviewed)]
    assert comments(reviewed) == expected
    review = json.loads((doc_folder / "review.json").read_text(encoding="utf-8"))
    assert expected[0][1].startswith(f"prereview: score {review['score']:.1f}/100, verdict "
                                     f"{review['verdict']} (rubric prfaq")
    # one comment per finding after the summary, each naming its criterion
    assert len(expected) == 1 + len(review["findings"])
    named = {t.split("(", 1)[1].split(")", 1)[0] for _, t in expected[1:]}
    assert named == {f["criterion"] for f in review["findings"]}
    assert "style.placeholders" in named and "pr.launch-voice" in named
    # a Markdown input gets no .docx; the author's file is untouched
    assert sorted(p.name for p in (out / "notes.md").iterdir() if not p.name.startswith(".")) \
        == ["report.md", "review.json"]
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before

    # the next batch reuses the cached review (and its Document): same comments
    again = tmp_path / "again"
    code, stdout, stderr = invoke("batch", str(folder), "--fast", "-f", "json", "-o", str(again),
                                  "-j", "1", "--no-history")
    assert code == 0, stderr
    rows = {r["path"]: r for r in json.loads(stdout)["rows"]}
    assert rows["shop/ledger.docx"]["status"] == "reused"
    assert comments(again / "shop" / "ledger.docx" / "ledger.reviewed.docx") == expected
