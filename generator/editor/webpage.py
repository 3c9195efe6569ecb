"""Read what editors save from a browser: HTML pages, single-file HTML and web archives (WARC).

:func:`read_page` turns the bytes of a saved file into a :class:`Page`: the article's
text, the metadata the page states (each value with the element it came from), and
the original itself, to be kept beside the text. Nothing here writes a file.

- **Format** is sniffed from the content: gzip (``1f 8b``) is unpacked first, then
  ``WARC/1.x`` is an archive, markup that opens with ``<!doctype html``, ``<html``,
  ``<head`` or ``<body`` is a page, and anything else is plain text. PDF, MHTML and
  zip files are refused with what to do instead.
- **Size** of the original (unpacked) is capped at
  :data:`generator.data.originals.MAX_ORIGINAL_BYTES`, checked while reading: never more
  than the cap and one byte is read or unpacked.
- **Text** is the main content found by trafilatura, one paragraph per block with a
  blank line between, then normalised like any archived text (LF, NFC).
- **Metadata** comes from :mod:`generator.editor.pagemeta`.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import re
import unicodedata
import zlib
from dataclasses import dataclass
from typing import Any

from generator.data.originals import MAX_ORIGINAL_BYTES
from generator.editor import pagemeta
from generator.editor.pagemeta import Stated
from generator.errors import Problem, ValidationFailed, visible

#: Originals larger than this are stored gzip-compressed (``<id>.orig.html.gz``).
COMPRESS_OVER = 64 * 1024
#: Main text shorter than this, in characters, is refused as not the article: a news
#: article is rarely shorter, and a script-loaded body or a paywall stub leaves less.
MIN_ARTICLE_CHARS = 500

HTML_TYPES = ("text/html", "application/xhtml+xml")
MEDIA_EXTENSIONS = {"text/html": "html", "application/warc": "warc"}


@dataclass(frozen=True)
class Original:
    """The file as the editor gave it: unpacked ``content`` and what to store on disk."""

    content: bytes
    media_type: str
    stored: bytes
    compressed: bool

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def suffix(self) -> str:
        return f".orig.{MEDIA_EXTENSIONS[self.media_type]}" + (".gz" if self.compressed else "")


@dataclass(frozen=True)
class Page:
    """A saved page: its main text, stated metadata and the original to keep."""

    text: str
    title: Stated | None
    published: Stated | None
    outlet: Stated | None
    url: Stated | None
    language: Stated | None
    host: str | None
    original: Original
    record: str | None = None
    messages: tuple[str, ...] = ()
    paywalled: Stated | None = None
    extractor: str = ""


@dataclass
class _Html:
    text: str
    charset: str


# --- reading and sniffing -------------------------------------------------------------------------


def _fail(shown: str, message: str, hint: str, line: int = 1, col: int = 1) -> ValidationFailed:
    return ValidationFailed([Problem(shown, line, col, message, hint)])


def too_big(shown: str, size: int | None, what: str = "file") -> ValidationFailed:
    size_text = f"more than {MAX_ORIGINAL_BYTES:,}" if size is None or size > MAX_ORIGINAL_BYTES else f"{size:,}"
    return _fail(
        shown,
        f"{what} is {size_text} bytes, over the limit of {MAX_ORIGINAL_BYTES:,} bytes (25 MB) for an original.",
        "save the page without its media (HTML only, or a WARC of the article page), or give the article's text as plain text.",
    )


def sniff(raw: bytes) -> str:
    """``gzip``, ``warc``, ``html``, ``pdf``, ``mhtml``, ``zip`` or ``text``, from the first bytes."""
    if raw[:2] == b"\x1f\x8b":
        return "gzip"
    head = raw[:4096].removeprefix(b"\xef\xbb\xbf")
    for bom in (b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[2:].replace(b"\0", b"")
    stripped = head.lstrip()
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped.startswith(b"%PDF-"):
        return "pdf"
    if stripped.startswith(b"PK\x03\x04"):
        return "zip"
    if re.match(rb"(?i)(from: <saved by |mime-version:)", stripped):
        return "mhtml"
    if stripped.startswith(b"<") and re.search(rb"(?i)<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", head):
        return "html"
    return "text"


def gunzip(raw: bytes, shown: str) -> bytes:
    """Unpack gzip (all members), reading at most the cap and one byte; refuse a corrupt file."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as unpacking:
            content = unpacking.read(MAX_ORIGINAL_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        reason = str(exc) or type(exc).__name__
        raise _fail(
            shown, f"file starts like gzip but cannot be unpacked: {reason}.", "the download was probably cut short; save or export the file again."
        ) from None
    if len(content) > MAX_ORIGINAL_BYTES:
        raise too_big(shown, None, "unpacked file")
    return content


def refuse_format(kind: str, shown: str) -> ValidationFailed:
    hints = {
        "pdf": (
            "file is a PDF, which ingest does not read.",
            "copy the article's text into a UTF-8 text file and ingest that, with --url, --title and --published.",
        ),
        "zip": (
            "file is a zip archive (a WACZ?), which ingest does not read.",
            "unzip it and ingest the WARC inside (archive/*.warc.gz), choosing the page with --record URI.",
        ),
        "mhtml": (
            "file is MHTML (a browser's 'Save as single file'), which ingest does not read.",
            "save the page as 'Webpage, HTML only' or with the SingleFile extension, or archive it as a WARC.",
        ),
    }
    message, hint = hints[kind]
    return _fail(shown, message, hint)


# --- web archives -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Response:
    """An HTML response in a web archive."""

    uri: str
    date: str
    payload: bytes
    charset: str | None


def html_responses(content: bytes, shown: str) -> list[Response]:
    """Every HTML response (or resource) record in a WARC, in archive order."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found: list[Response] = []
    unpacked = 0
    try:
        for record in ArchiveIterator(io.BytesIO(content)):
            if record.rec_type not in ("response", "resource"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            if record.rec_type == "response":
                if record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode() or ""
                content_type = record.http_headers.get_header("Content-Type") or ""
                if not status.startswith("2"):
                    continue
            else:
                content_type = record.rec_headers.get_header("Content-Type") or ""
            media = content_type.split(";")[0].strip().lower()
            if media not in HTML_TYPES:
                continue
            charset = re.search(r"(?i)charset=[\"']?([\w.:-]+)", content_type)
            # content_stream() undoes the body's Content-Encoding (gzip, deflate, br): read through the same cap as a file.
            body = record.content_stream().read(MAX_ORIGINAL_BYTES - unpacked + 1)
            unpacked += len(body)
            if unpacked > MAX_ORIGINAL_BYTES:
                raise too_big(shown, None, "the web archive's HTML, unpacked,")
            found.append(Response(uri, record.rec_headers.get_header("WARC-Date") or "", body, charset.group(1) if charset else None))
    except ValidationFailed:
        raise
    except ArchiveLoadFailed as exc:
        raise _fail(shown, f"web archive cannot be read: {exc}.", "check that the file is a complete WARC; export it again from the archiving tool.") from None
    except Exception as exc:  # noqa: BLE001 - warcio fails on malformed records with whatever exception it meets
        raise _fail(
            shown,
            f"web archive cannot be read: a record is malformed ({type(exc).__name__}).",
            "check that the file is a complete WARC; export it again from the archiving tool.",
        ) from None
    return found


def choose_response(responses: list[Response], record: str | None, shown: str) -> tuple[Response, str]:
    """The record to ingest, and a line saying which and why."""
    listing = "; ".join(r.uri for r in responses)
    if not responses:
        raise _fail(
            shown,
            "web archive holds no HTML response.",
            "archive the article's page itself (a 200 response with Content-Type text/html), not only its resources.",
        )
    if record is not None:
        for i, response in enumerate(responses, 1):
            if response.uri == record:
                return response, f"Reading {response.uri} (--record; HTML response {i} of {len(responses)}, archived {response.date})."
        raise _fail(shown, f'web archive has no HTML response for --record "{record}".', f"its HTML responses are: {listing}.")
    if len(responses) > 1:
        raise _fail(shown, f"web archive holds {len(responses)} HTML responses; which one is the article?", f"name it with --record URI, one of: {listing}.")
    only = responses[0]
    return only, f"Reading {only.uri} (the archive's only HTML response, archived {only.date})."


# --- decoding ---------------------------------------------------------------------------------------


def _labels(codec: str, *labels: str) -> dict[str, str]:
    return dict.fromkeys(labels, codec)


#: The encodings the WHATWG Encoding Standard lets a web page use, by label, each with the Python
#: codec that decodes it as browsers do. Anything else (UTF-7, which turns "+ADE-" into "1"; EBCDIC;
#: Python's own text transforms) is refused by name: no browser would show the page that way.
WHATWG_CODECS: dict[str, str] = {
    **_labels("utf-8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"),
    **_labels("cp866", "866", "cp866", "csibm866", "ibm866"),
    **_labels("iso8859_2", "csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2", "iso_8859-2:1987", "l2", "latin2"),
    **_labels("iso8859_3", "csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3", "iso_8859-3:1988", "l3", "latin3"),
    **_labels("iso8859_4", "csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4", "iso_8859-4:1988", "l4", "latin4"),
    **_labels("iso8859_5", "csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595", "iso_8859-5", "iso_8859-5:1988"),
    **_labels(
        "iso8859_6",
        "arabic",
        "asmo-708",
        "csiso88596e",
        "csiso88596i",
        "csisolatinarabic",
        "ecma-114",
        "iso-8859-6",
        "iso-8859-6-e",
        "iso-8859-6-i",
        "iso-ir-127",
        "iso8859-6",
        "iso88596",
        "iso_8859-6",
        "iso_8859-6:1987",
    ),
    **_labels(
        "iso8859_7",
        "csisolatingreek",
        "ecma-118",
        "elot_928",
        "greek",
        "greek8",
        "iso-8859-7",
        "iso-ir-126",
        "iso8859-7",
        "iso88597",
        "iso_8859-7",
        "iso_8859-7:1987",
        "sun_eu_greek",
    ),
    **_labels(
        "iso8859_8",
        "csiso88598e",
        "csisolatinhebrew",
        "hebrew",
        "iso-8859-8",
        "iso-8859-8-e",
        "iso-ir-138",
        "iso8859-8",
        "iso88598",
        "iso_8859-8",
        "iso_8859-8:1988",
        "visual",
        "csiso88598i",
        "iso-8859-8-i",
        "logical",
    ),
    **_labels("iso8859_10", "csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6"),
    **_labels("iso8859_13", "iso-8859-13", "iso8859-13", "iso885913"),
    **_labels("iso8859_14", "iso-8859-14", "iso8859-14", "iso885914"),
    **_labels("iso8859_15", "csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"),
    **_labels("iso8859_16", "iso-8859-16"),
    **_labels("koi8_r", "cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"),
    **_labels("koi8_u", "koi8-ru", "koi8-u"),
    **_labels("mac_roman", "csmacintosh", "mac", "macintosh", "x-mac-roman"),
    **_labels("cp874", "dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"),
    **_labels("cp1250", "cp1250", "windows-1250", "x-cp1250"),
    **_labels("cp1251", "cp1251", "windows-1251", "x-cp1251"),
    **_labels(
        "cp1252",
        "ansi_x3.4-1968",
        "ascii",
        "cp1252",
        "cp819",
        "csisolatin1",
        "ibm819",
        "iso-8859-1",
        "iso-ir-100",
        "iso8859-1",
        "iso88591",
        "iso_8859-1",
        "iso_8859-1:1987",
        "l1",
        "latin1",
        "us-ascii",
        "windows-1252",
        "x-cp1252",
    ),
    **_labels("cp1253", "cp1253", "windows-1253", "x-cp1253"),
    **_labels(
        "cp1254",
        "cp1254",
        "csisolatin5",
        "iso-8859-9",
        "iso-ir-148",
        "iso8859-9",
        "iso88599",
        "iso_8859-9",
        "iso_8859-9:1989",
        "l5",
        "latin5",
        "windows-1254",
        "x-cp1254",
    ),
    **_labels("cp1255", "cp1255", "windows-1255", "x-cp1255"),
    **_labels("cp1256", "cp1256", "windows-1256", "x-cp1256"),
    **_labels("cp1257", "cp1257", "windows-1257", "x-cp1257"),
    **_labels("cp1258", "cp1258", "windows-1258", "x-cp1258"),
    **_labels("mac_cyrillic", "x-mac-cyrillic", "x-mac-ukrainian"),
    **_labels("gb18030", "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk", "iso-ir-58", "x-gbk", "gb18030"),
    **_labels("big5hkscs", "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"),
    **_labels("euc_jp", "cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"),
    **_labels("iso2022_jp", "csiso2022jp", "iso-2022-jp"),
    **_labels("cp932", "csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"),
    **_labels("cp949", "cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"),
    **_labels("utf-16-be", "unicodefffe", "utf-16be"),
    **_labels("utf-16-le", "csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"),
}


def _declared_charset(raw: bytes) -> str | None:
    head = raw[:4096]
    found = re.search(rb"""(?i)<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", head) or re.search(rb"""(?i)<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", head)
    return found.group(1).decode("ascii").lower() if found else None


def decode_html(raw: bytes, shown: str, header_charset: str | None = None) -> _Html:
    """Decode a page by its byte-order mark, its HTTP charset, its ``<meta charset>``, or UTF-8."""
    if raw.startswith(b"\xef\xbb\xbf"):
        charset, where, body = "utf-8", "its byte-order mark", raw[3:]
    elif raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        charset, where, body = ("utf-16-le" if raw[:2] == b"\xff\xfe" else "utf-16-be"), "its byte-order mark", raw[2:]
    elif header_charset:
        charset, where, body = header_charset.lower(), "the archived HTTP Content-Type", raw
    elif (declared := _declared_charset(raw)) is not None:
        charset, where, body = declared, "its <meta charset>", raw
    else:
        charset, where, body = "utf-8", "no declaration (UTF-8 assumed)", raw
    # Browsers read ISO-8859-1 and ASCII as windows-1252 (WHATWG Encoding), and so do we.
    codec = WHATWG_CODECS.get(charset.strip().lower())
    if codec is None:
        raise _fail(
            shown,
            f'page declares the encoding "{visible(charset)}" in {where}, which is not one of the encodings browsers use for web pages.',
            "save the page again as UTF-8.",
        )
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(raw) - len(body))
        line = raw.count(b"\n", 0, offset) + 1
        col = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
        raise _fail(
            shown,
            f"page cannot be decoded as {charset} ({where}): byte 0x{raw[offset]:02x} is not valid.",
            "save the page again as UTF-8, or declare its real encoding in <meta charset>.",
            line,
            col,
        ) from None
    return _Html(text, charset)


def normalise(text: str) -> str:
    """LF line endings and composed Unicode, as every archived text."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


# --- main text ----------------------------------------------------------------------------------------


def extract_text(html: str) -> str:
    """The article's main content: each block one paragraph, with a blank line between."""
    from trafilatura import bare_extraction
    from trafilatura.xml import xmltotxt

    document: Any = bare_extraction(html, include_comments=False, include_tables=True, include_images=False, with_metadata=False, deduplicate=False)
    if document is None or getattr(document, "body", None) is None:
        return ""
    blocks = []
    for element in document.body:
        block = "\n".join(line.strip() for line in xmltotxt(element, False).splitlines() if line.strip())
        if block:
            blocks.append(block)
    text = normalise("\n\n".join(blocks))
    return text + "\n" if text else ""


def extractor_version() -> str:
    from importlib.metadata import version

    return f"trafilatura {version('trafilatura')}"


# --- the whole page ----------------------------------------------------------------------------------


def read_html(html: str, base_url: str | None) -> tuple[str, pagemeta.Metadata]:
    """The main text and the stated metadata of a page."""
    return extract_text(html), pagemeta.read_metadata(html, base_url)


def read_page(raw: bytes, shown: str, record: str | None = None) -> Page | None:
    """A saved page or web archive as a :class:`Page`; ``None`` when ``raw`` is plain text.

    ``raw`` holds at most the cap and one byte (the caller reads no more).
    """
    if len(raw) > MAX_ORIGINAL_BYTES:
        raise too_big(shown, None)
    kind = sniff(raw)
    content = raw
    if kind == "gzip":
        content = gunzip(raw, shown)
        kind = sniff(content)
        if kind == "gzip":
            raise _fail(shown, "file is gzip inside gzip.", "unpack it once (gunzip) and ingest the result.")
    if kind in ("pdf", "zip", "mhtml"):
        raise refuse_format(kind, shown)
    if kind == "text":
        if raw is not content:
            raise _fail(shown, "gzip file holds neither an HTML page nor a web archive.", "unpack it (gunzip) and ingest the text inside.")
        if record is not None:
            raise _fail(shown, "--record names a record in a web archive, and this file is plain text.", "leave --record out.")
        return None
    messages: list[str] = []
    header_charset = None
    base_url = None
    if kind == "warc":
        response, message = choose_response(html_responses(content, shown), record, shown)
        messages.append(message)
        payload, header_charset, base_url = response.payload, response.charset, response.uri
        media_type = "application/warc"
    else:
        if record is not None:
            raise _fail(shown, "--record names a record in a web archive, and this file is an HTML page.", "leave --record out.")
        payload, media_type = content, "text/html"
    html = decode_html(payload, shown, header_charset).text
    text, meta = read_html(html, base_url)
    if raw is not content:
        stored, compressed = raw, True
    elif len(content) > COMPRESS_OVER:
        stored, compressed = gzip.compress(content, compresslevel=9, mtime=0), True
    else:
        stored, compressed = content, False
    original = Original(content, media_type, stored, compressed)
    host = pagemeta.host_of(meta.url.value if meta.url else base_url)
    record_uri = base_url if kind == "warc" else None
    return Page(
        text, meta.title, meta.published, meta.outlet, meta.url, meta.language, host, original, record_uri, tuple(messages), meta.paywalled, extractor_version()
    )


def short_text_reason(page: Page) -> str:
    """Why a short extraction looks wrong, for the refusal message."""
    if page.paywalled is not None:
        return f"the page marks itself as not free to read ({page.paywalled.where}: false), so the body is probably behind a paywall"
    return "the article's body is probably loaded by script or behind a paywall, and the saved page holds only its frame"
