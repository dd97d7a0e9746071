"""The vocabulary of the audience is not an unexplained acronym (issue 8, blind
reading 11: a SIG Cloud Provider KEP failed ``style.acronyms`` on "CCMs", "KAS"
and "GCE", which every reader of a Kubernetes proposal knows). The control
plane's parts and the API's own terms are allowed as the cloud terms already are;
a made-up acronym still counts.

Layout document: the KEP of tests/quality/test_lead_empty_parts.py with a
paragraph of that vocabulary in its proposal."""

from __future__ import annotations

from .support import by_id, edited_layout, review_layout

KEP = "proposal-kep-empty-drawbacks.md"
ANCHOR = "## Proposal\n\n"
VOCABULARY = ("## Proposal\n\nCloud providers' CCMs and the KCM keep their IPAM as today; "
              "the KAS validates the budget with CEL, and the GCE and NUMA-aware node "
              "pools of the e2e jobs run it with a PDB and a VPA on every test pod, "
              "under each QoS class. The CCM sees no change.\n\n")


def _acronyms(text: str, name: str) -> list[str]:
    return [f.quote for f in by_id(review_layout(name, text))["style.acronyms"].findings]


def test_the_audiences_vocabulary_is_not_flagged() -> None:
    quotes = _acronyms(edited_layout(KEP, ANCHOR, VOCABULARY), "kep-vocabulary.md")
    assert not {"CCMs", "CCM", "KCM", "IPAM", "KAS", "CEL", "GCE", "NUMA", "PDB",
                "VPA", "QoS"} & set(quotes)


def test_acronyms_of_its_own_still_count() -> None:
    text = edited_layout(KEP, ANCHOR, VOCABULARY.replace(
        "The CCM sees no change.", "The RBQ, the ZXW and the QLF see no change; the RBQ "
        "reads the ZXW, and the QLF reads both."))
    result = by_id(review_layout("kep-own-acronyms.md", text))["style.acronyms"]
    assert {"RBQ", "ZXW", "QLF"} <= {f.quote for f in result.findings}
    assert not {"CCMs", "KAS", "GCE"} & {f.quote for f in result.findings}


def test_a_developer_tools_vocabulary_is_not_flagged() -> None:
    """A log tool's PR/FAQ for developers (a fresh reading: "ELK, TUI and OTLP are
    everyday vocabulary for the audience")."""
    text = edited_layout(KEP, ANCHOR, "## Proposal\n\nThe TUI tails the logs the ELK "
                         "stack indexes, takes OTLP from the collector, and serves an MCP "
                         "endpoint to the editor's LSP client and a REPL.\n\n")
    quotes = _acronyms(text, "kep-dev-tools.md")
    assert not {"TUI", "ELK", "OTLP", "MCP", "LSP", "REPL"} & set(quotes)


def test_filings_vocabulary_and_numbered_form_names_are_not_flagged() -> None:
    """Investors reading SEC filings know "SEC" and "EDGAR"; "DEF 14A" names a form
    (a token in capitals before a number), as "ISO 8601" names a standard."""
    text = edited_layout(KEP, ANCHOR, "## Proposal\n\nThe tool reads the SEC's EDGAR "
                         "index for each 10-K and DEF 14A filing, and writes ISO 8601 "
                         "dates. The RBQ, the ZXW and the QLF see no change; the RBQ "
                         "reads the ZXW, and the QLF reads both.\n\n")
    quotes = _acronyms(text, "kep-filings.md")
    assert not {"SEC", "EDGAR", "DEF", "ISO"} & set(quotes)
    assert {"RBQ", "ZXW", "QLF"} <= set(quotes)
