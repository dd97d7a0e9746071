"""Which document a file is across drafts: its ``doc_id``.

Markdown front matter (``doc_id`` / ``doc-id``), a .docx custom property
(``prereview-doc-id`` or ``doc_id``) or core identifier (``dc:identifier``, which
``-f docx`` writes into the annotated copy), else the resolved path; ``--doc-id``
overrides them all.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from prereview.document import Document

FRONT_MATTER_KEYS = ("doc_id", "doc-id", "prereview-doc-id")
CUSTOM_PROPERTY_NAMES = ("prereview-doc-id", "doc_id", "doc-id")
MAX_PART_BYTES = 1 << 20
_NS = {
    "cp": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def _part(archive: zipfile.ZipFile, name: str) -> etree._Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        return etree.fromstring(archive.read(info), parser)
    except etree.XMLSyntaxError:
        return None


def docx_doc_id(path: str | Path) -> tuple[str, str] | None:
    """(doc_id, source) from a .docx's custom properties or core identifier."""
    try:
        with zipfile.ZipFile(path) as archive:
            custom = _part(archive, "docProps/custom.xml")
            core = _part(archive, "docProps/core.xml")
    except (OSError, zipfile.BadZipFile):
        return None
    if custom is not None:
        for prop in custom.findall("cp:property", _NS):
            if (prop.get("name") or "").lower() in CUSTOM_PROPERTY_NAMES:
                value = "".join(prop.itertext()).strip()
                if value:
                    return value, "docx-property"
    if core is not None:
        ident = core.find("dc:identifier", _NS)
        if ident is not None and (ident.text or "").strip():
            return (ident.text or "").strip(), "docx-identifier"
    return None


def doc_identity(document: Document, override: str | None = None) -> tuple[str, str]:
    """(doc_key, where it came from) for a reviewed Document."""
    if override and override.strip():
        return override.strip(), "option"
    if document.format == "markdown":
        for key in FRONT_MATTER_KEYS:
            value = document.metadata.get(key, "").strip()
            if value:
                return value, "front-matter"
    elif document.format == "docx":
        found = docx_doc_id(document.path)
        if found is not None:
            return found
    return str(Path(document.path).resolve()), "path"
