"""Build samples/prfaq-flawed.docx: a realistic PR/FAQ draft with known flaws.

The flaws are deliberate, so a review has something to find: future tense, weasel
words (one split across two runs with different formatting), hedging, jargon, an
internal code name, an undefined acronym, a "TBD" answer, no customer quote, no
internal FAQ, a hyperlink with text inside it, a problem paragraph with no numbers
and an unquantified claim. samples/README.md lists what a review should report.

Run ``python samples/make_flawed_prfaq.py``; it writes the .docx next to itself.
The output is byte-for-byte reproducible: core properties carry a fixed date and
the zip members a fixed timestamp, so rebuilding changes nothing in git.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

OUT = Path(__file__).resolve().parent / "prfaq-flawed.docx"
FIXED_DATE = datetime(2026, 11, 2, 9, 0, 0, tzinfo=UTC)
ZIP_DATE = (2026, 11, 2, 9, 0, 0)

HEADLINE = (
    "Harborline Announces Project HALIBUT, a Next-Generation AI-Powered Omnichannel "
    "Invoicing and Payments Platform That Helps Small and Medium-Sized Businesses "
    "Everywhere Get Paid Faster and Grow Their Revenue"
)

PRESS_RELEASE = [
    "Harborline will launch a smarter way for small businesses to send invoices "
    "and get paid, starting next spring.",
    "BOSTON, MA — April 12, 2027 — Harborline Inc. plans to launch Harborline Invoice, "
    "the first product to come out of Project HALIBUT. It will let small businesses "
    "create invoices, send reminders and collect payments from one place. The team "
    "plans to leverage its existing payments stack to deliver this to SMB owners.",
    "Small business owners struggle with invoicing. Getting paid takes too long, "
    "chasing late payers is painful, and the tools on the market are confusing and "
    "expensive. Owners spend a lot of their evenings on paperwork instead of growing "
    "their business, and cash flow suffers as a result.",
    "Harborline Invoice will fix this. Owners will be able to send a professional "
    "invoice in seconds, and customers will be able to pay by card or bank transfer. "
    "Reminders will go out automatically. We believe this will make getting paid "
    "faster and easier for every small business, and it should reduce the time "
    "owners spend on admin.",
    '"Invoicing is a huge pain point for our customers, and this launch creates real '
    'synergy between our payments and accounting products," said a Harborline '
    'spokesperson. "We think customers might finally stop using spreadsheets."',
    "Harborline Invoice will be available in the second quarter of 2027. Pricing "
    "has not been finalized yet.",
]

FAQ = [
    (
        "How much will Harborline Invoice cost?",
        "TBD (waiting on the pricing team).",
    ),
    (
        "Which payment methods will be supported?",
        "At launch we plan to support cards and bank transfers. Other methods "
        "might be added later depending on demand from our KYB partners.",
    ),
    (
        "Does it work with my accounting software?",
        "Yes. Invoices will sync to the accounting products that most of our "
        "customers already use, and the sync should be generally reliable.",
    ),
    (
        "Why is Harborline building this?",
        "Customers have asked for it for a long time, and it fits our strategy. "
        "It is a natural extension of our platform and a relatively low-risk bet "
        "for the company.",
    ),
    (
        "When can I start using it?",
        "We will open a beta to some existing customers once the HALIBUT team "
        "finishes the integration work, probably in early 2027. Everyone else will "
        "be able to sign up when the product launches.",
    ),
    (
        "Is my data safe?",
        "Yes. Harborline uses industry-leading, bank-grade security across the "
        "platform, and invoice data will be handled with the same robust controls "
        "we utilize for payments today.",
    ),
]


def add_hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    """A real w:hyperlink element: python-docx's paragraph.text skips its runs,
    which is exactly what the ingester has to get right."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(underline)
    run.append(props)
    text_el = OxmlElement("w:t")
    text_el.text = text
    text_el.set(qn("xml:space"), "preserve")
    run.append(text_el)
    link.append(run)
    paragraph._p.append(link)


def build() -> bytes:
    """The document as .docx bytes with fixed metadata and zip timestamps."""
    doc = Document()
    props = doc.core_properties
    props.title = "Harborline Invoice PR/FAQ (draft)"
    props.author = "Harborline Product"
    props.last_modified_by = "Harborline Product"
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.last_printed = FIXED_DATE
    props.revision = 1

    doc.add_paragraph(HEADLINE, style="Title")
    doc.add_heading("Press Release", level=1)
    for text in PRESS_RELEASE:
        doc.add_paragraph(text)

    # A weasel word split across two runs with different formatting.
    split = doc.add_paragraph("Early testers told us the new flow is ")
    split.add_run("signifi")
    bold = split.add_run("cantly")
    bold.bold = True
    split.add_run(
        " better than what they use today, and several of them want to move "
        "their whole business over on day one."
    )

    # A call to action whose link text sits inside a w:hyperlink element.
    cta = doc.add_paragraph("To join the waitlist, visit ")
    add_hyperlink(cta, "https://www.harborline.example/invoice", "the Harborline Invoice page")
    cta.add_run(" and leave your email address.")

    doc.add_heading("Frequently Asked Questions", level=1)
    doc.add_heading("Customer FAQ", level=2)
    for question, answer in FAQ:
        doc.add_heading(question, level=3)
        doc.add_paragraph(answer)

    raw = io.BytesIO()
    doc.save(raw)
    return _normalise_zip(raw.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite every member with one fixed timestamp so rebuilds are identical."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def main() -> None:
    OUT.write_bytes(build())
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
