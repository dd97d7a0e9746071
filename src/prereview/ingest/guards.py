"""Input guards: decide whether a file is safe to hand to a parser at all.

A .docx is a zip of XML parts, so a hostile one can be a zip bomb (a member that
inflates to gigabytes, whatever its header claims), an XML entity bomb, or not a
docx at all (a legacy .doc or a password-protected .docx is an OLE compound file).
These checks run on the raw bytes before python-docx sees them, so a bad file is
refused with one line saying why instead of exhausting memory or raising deep
inside a library. Caps are module constants so tests (and careful users) can
monkeypatch them.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import PurePosixPath

from prereview.errors import InputError
from prereview.limits import MAX_FILE_BYTES

__all__ = ["MAX_FILE_BYTES"]
MAX_ZIP_MEMBERS = 5_000
"""Most members a .docx may have (real documents have tens, a few hundred with images)."""
MAX_MEMBER_BYTES = 64 * 1024 * 1024
"""Largest inflated size of one .docx member, counted while inflating."""
MAX_TOTAL_BYTES = 160 * 1024 * 1024
"""Largest inflated size of all .docx members together."""
MAX_MAIN_PART_BYTES = 32 * 1024 * 1024
"""Largest inflated size of the main part (``word/document.xml``): python-docx
holds its whole XML tree, about 13 times the part's size (a 60 MiB part of
bookmarks and few words peaked at 806 MB), so past this a document is refused
before it is parsed, whatever its word count. A 100,000-word document with every
word in its own formatted run is about 11 MiB."""
BOMB_RATIO = 100
BOMB_MIN_BYTES = 10 * 1024 * 1024
"""A member that inflates past ``BOMB_MIN_BYTES`` to more than ``BOMB_RATIO`` times
its compressed size is a zip bomb: real XML compresses 5-20:1, so a 120 KiB member
inflating to 40 MiB (340:1) is refused while inflating, before it is parsed."""

CHUNK = 64 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAIN_PART = "word/document.xml"

_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_XML_DECLS = (
    b"<!DOCTYPE",
    b"<!ENTITY",
    "<!DOCTYPE".encode("utf-16-le"),
    "<!ENTITY".encode("utf-16-le"),
    "<!DOCTYPE".encode("utf-16-be"),
    "<!ENTITY".encode("utf-16-be"),
)
_OVERLAP = max(len(d) for d in _XML_DECLS)
_UTF32_STARTS = frozenset({b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\x00<",
                           b"<\x00\x00\x00"})
"""First four bytes of an XML part in UTF-32 (with or without a BOM): the
DOCTYPE scan above does not read it, and Word never writes it."""
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_CT_DEFAULT = re.compile(rb"<(?:\w+:)?Default\b[^>]*>")
_CT_OVERRIDE = re.compile(rb"<(?:\w+:)?Override\b[^>]*>")
_ATTRIBUTE = re.compile(rb"(\w+)\s*=\s*[\"']([^\"']*)[\"']")
CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


class _Member:
    """Streams one member's inflated bytes, counting them against the caps and
    scanning XML parts for DOCTYPE/ENTITY declarations across chunk borders."""

    def __init__(self, path: str, name: str, budget: int, is_xml: bool,
                 keep: bool = False, compressed: int = 0) -> None:
        self.path = path
        self.bomb_at = max(BOMB_MIN_BYTES, BOMB_RATIO * compressed)
        self.name = name
        self.budget = budget
        self.is_xml = is_xml
        self.size = 0
        self.tail = b""
        self.kept: list[bytes] | None = [] if keep else None

    def feed(self, data: bytes) -> None:
        if not data:
            return
        self.size += len(data)
        if self.size > MAX_MEMBER_BYTES:
            raise InputError(
                self.path,
                f"zip member '{self.name}' inflates past {_mb(MAX_MEMBER_BYTES)} "
                "(zip bomb?)",
            )
        if self.size > self.bomb_at:
            raise InputError(
                self.path,
                f"zip member '{self.name}' inflates more than {BOMB_RATIO}:1 past "
                f"{_mb(BOMB_MIN_BYTES)} (zip bomb?)",
            )
        if self.size > self.budget:
            raise InputError(
                self.path, f"zip members inflate past {_mb(MAX_TOTAL_BYTES)} in total (zip bomb?)"
            )
        if self.is_xml and self.size == len(data) and data[:4] in _UTF32_STARTS:
            raise InputError(self.path, f"UTF-32 encoded XML in '{self.name}' (Word writes "
                                        "UTF-8 or UTF-16): refusing it")
        if self.is_xml:
            window = self.tail + data
            if any(decl in window for decl in _XML_DECLS):
                raise InputError(
                    self.path,
                    f"XML with DOCTYPE/ENTITY declarations in '{self.name}'",
                )
            self.tail = window[-_OVERLAP:]
        if self.kept is not None:
            self.kept.append(data)

    @property
    def data(self) -> bytes:
        return b"".join(self.kept or [])


def _inflate_deflated(
    raw: io.BytesIO, info: zipfile.ZipInfo, member: _Member
) -> None:
    """Inflate a deflated member from its raw bytes, chunk by chunk.

    zipfile's own reader truncates output at the header's ``file_size``, so a
    lying header would hide how much the data really inflates to; here the count
    comes from the decompressor alone and stops as soon as a cap is passed.
    """
    raw.seek(info.header_offset)
    header = raw.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size or header[:4] != _LOCAL_SIGNATURE:
        raise InputError(member.path, f"corrupt .docx: bad local header for '{info.filename}'")
    fields = _LOCAL_HEADER.unpack(header)
    name_len, extra_len = fields[-2], fields[-1]
    raw.seek(info.header_offset + _LOCAL_HEADER.size + name_len + extra_len)
    left = info.compress_size
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        while not inflater.eof:
            if inflater.unconsumed_tail:
                data = inflater.decompress(inflater.unconsumed_tail, CHUNK)
            elif left > 0:
                chunk = raw.read(min(CHUNK, left))
                if not chunk:
                    break
                left -= len(chunk)
                data = inflater.decompress(chunk, CHUNK)
            else:
                data = inflater.decompress(b"", CHUNK)
                if not data:
                    break
            member.feed(data)
    except zlib.error as exc:
        raise InputError(
            member.path, f"corrupt .docx: cannot inflate '{info.filename}' ({exc})"
        ) from None
    if not inflater.eof:
        raise InputError(member.path, f"corrupt .docx: '{info.filename}' is truncated")
    if member.size != info.file_size:
        raise InputError(
            member.path,
            f"corrupt .docx: '{info.filename}' inflates to {member.size} bytes, "
            f"its header says {info.file_size}",
        )


def _stream_other(zf: zipfile.ZipFile, info: zipfile.ZipInfo, member: _Member) -> None:
    """Stored (or exotic) members: read through zipfile in chunks, counting."""
    if info.file_size > MAX_MEMBER_BYTES:
        raise InputError(
            member.path,
            f"zip member '{info.filename}' inflates past {_mb(MAX_MEMBER_BYTES)} (zip bomb?)",
        )
    with zf.open(info) as stream:
        while True:
            data = stream.read(CHUNK)
            if not data:
                break
            member.feed(data)


STRICT_MESSAGE = "Strict Open XML .docx is not supported: save it as a Word Document (.docx)"


def _main_part_name(path: str, rels: bytes | None) -> str:
    """The part the package's officeDocument relationship points at, else the
    conventional ``word/document.xml``."""
    if rels is None:
        return MAIN_PART
    if b"purl.oclc.org/ooxml/officeDocument/relationships" in rels:
        raise InputError(path, STRICT_MESSAGE)
    for tag in _RELATIONSHIP.findall(rels):
        attrs = _attributes(tag)
        if attrs.get(b"type", b"").endswith(b"/officeDocument") and b"target" in attrs:
            part = attrs[b"target"].decode("utf-8", "replace").lstrip("/")
            return str(PurePosixPath(part))
    return MAIN_PART


def _attributes(tag: bytes) -> dict[bytes, bytes]:
    return {k.lower(): v for k, v in _ATTRIBUTE.findall(tag)}


class _ContentTypes:
    """Which members python-docx parses as XML, from ``[Content_Types].xml``.

    Images are never parsed, and SVG images often carry a harmless DOCTYPE, so
    only XML parts are scanned for declarations.
    """

    def __init__(self, data: bytes | None) -> None:
        self.defaults: dict[str, str] = {}
        self.overrides: dict[str, str] = {}
        for tag in _CT_DEFAULT.findall(data or b""):
            attrs = _attributes(tag)
            ext, ctype = attrs.get(b"extension"), attrs.get(b"contenttype")
            if ext is not None and ctype is not None:
                self.defaults[ext.decode("utf-8", "replace").lower()] = ctype.decode(
                    "utf-8", "replace").lower()
        for tag in _CT_OVERRIDE.findall(data or b""):
            attrs = _attributes(tag)
            part, ctype = attrs.get(b"partname"), attrs.get(b"contenttype")
            if part is not None and ctype is not None:
                name = part.decode("utf-8", "replace").lstrip("/").lower()
                self.overrides[name] = ctype.decode("utf-8", "replace").lower()

    def is_xml(self, name: str) -> bool:
        lower = name.lower()
        ctype = self.overrides.get(lower)
        if ctype is None:
            ext = lower.rsplit(".", 1)[-1] if "." in PurePosixPath(lower).name else ""
            ctype = self.defaults.get(ext)
        if ctype is not None and ctype.startswith("image/"):
            return False
        return lower.endswith((".xml", ".rels")) or (ctype is not None and "xml" in ctype)


def _read_member(
    path: str, zf: zipfile.ZipFile, raw: io.BytesIO, info: zipfile.ZipInfo, member: _Member
) -> None:
    if info.flag_bits & 0x1:
        raise InputError(path, f"corrupt .docx: encrypted zip member '{info.filename}'")
    try:
        if info.compress_type == zipfile.ZIP_DEFLATED:
            _inflate_deflated(raw, info, member)
        else:
            _stream_other(zf, info, member)
    except InputError:
        raise
    except Exception as exc:  # a damaged archive fails in many ways
        raise InputError(path, f"corrupt .docx: cannot read '{info.filename}' ({exc})") from None


def check_docx_bytes(path: str, data: bytes) -> str:
    """Refuse anything that is not a plausible, bounded .docx package.

    Raises InputError naming ``path`` and the reason; returns the name of the main
    part when the data may be given to python-docx.
    """
    if data.startswith(OLE_MAGIC):
        raise InputError(
            path,
            "legacy .doc or password-protected .docx (OLE file): "
            "save it as .docx without a password",
        )
    raw = io.BytesIO(data)
    try:
        zf = zipfile.ZipFile(raw)
    except Exception:  # zipfile raises several types on data that is not a zip
        raise InputError(path, "not a .docx (not a zip archive)") from None
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > MAX_ZIP_MEMBERS:
            raise InputError(
                path, f"too many zip members ({len(infos)}; the limit is {MAX_ZIP_MEMBERS})"
            )
        # [Content_Types].xml first: it says which other members are XML.
        infos.sort(key=lambda i: i.filename != CONTENT_TYPES)
        types = _ContentTypes(None)
        rels: bytes | None = None
        total = 0
        sizes: dict[str, int] = {}
        for info in infos:
            is_types = info.filename == CONTENT_TYPES
            is_rels = info.filename == PACKAGE_RELS
            member = _Member(path, info.filename, MAX_TOTAL_BYTES - total,
                             is_xml=is_types or types.is_xml(info.filename),
                             keep=is_types or is_rels, compressed=info.compress_size)
            _read_member(path, zf, raw, info, member)
            total += member.size
            sizes[info.filename] = member.size
            if is_types:
                types = _ContentTypes(member.data)
            elif is_rels:
                rels = member.data
        main = _main_part_name(path, rels)
        if main not in {i.filename for i in infos}:
            raise InputError(path, f"not a Word document (missing {main})")
        if sizes.get(main, 0) > MAX_MAIN_PART_BYTES:
            raise InputError(path, f"too large to review ({main} inflates to "
                                   f"{_mb(sizes[main])}; the limit is {_mb(MAX_MAIN_PART_BYTES)})")
    return main
