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
from generator.errors import Problem, ValidationFailed

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
            found.append(Response(uri, record.rec_headers.get_header("WARC-Date") or "", record.content_stream().read(), charset.group(1) if charset else None))
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


def _declared_charset(raw: bytes) -> str | None:
    head = raw[:4096]
    found = re.search(rb"""(?i)<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", head) or re.search(rb"""(?i)<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", head)
    return found.group(1).decode("ascii").lower() if found else None


def decode_html(raw: bytes, shown: str, header_charset: str | None = None) -> _Html:
    """Decode a page by its byte-order mark, its HTTP charset, its ``<meta charset>``, or UTF-8."""
    import codecs

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
    if charset in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        charset = "windows-1252"
    try:
        codecs.lookup(charset)
    except LookupError:
        raise _fail(shown, f'page declares the encoding "{charset}" in {where}, which is not a known encoding.', "save the page again as UTF-8.") from None
    try:
        text = body.decode(charset)
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
