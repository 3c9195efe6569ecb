"""Read what editors save from a browser: HTML pages, single-file HTML and web archives (WARC).

:func:`read_page` turns the bytes of a saved file into a :class:`Page`: the article's
text, the metadata the page states (each value with the element it came from), and
the original itself, to be kept beside the text. Nothing here writes a file.

- **Format** is sniffed from the content: gzip (``1f 8b``) is unpacked first, then
  ``WARC/1.x`` is an archive, markup that opens with ``<!doctype html``, ``<html``,
  ``<head`` or ``<body`` is a page, and anything else is plain text. PDF, MHTML and
  zip files are refused with what to do instead.
- **Size** of the original (unpacked) is capped at :data:`MAX_ORIGINAL_BYTES`, checked
  while reading: never more than the cap and one byte is read or unpacked.
- **Text** is the main content found by trafilatura, one paragraph per block with a
  blank line between, then normalised like any archived text (LF, NFC).
- **Dates** are read in the time zone the page states: ``2024-10-18T23:40:00-04:00``
  is 18 October, although it is 19 October in UTC. The calendar date the publisher
  printed is the one a reader saw; a date with no time zone is taken as written.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import io
import json
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from generator.errors import Problem, ValidationFailed

#: The largest original (HTML page or web archive, unpacked) that ingest reads, in bytes.
#: A saved news page with its images inlined is a few megabytes; a WARC of one article
#: with its resources, some more. Larger files are refused before they are read whole.
MAX_ORIGINAL_BYTES = 25 * 1024 * 1024
#: Originals larger than this are stored gzip-compressed (``<id>.orig.html.gz``).
COMPRESS_OVER = 64 * 1024
#: Main text shorter than this, in characters, is refused as not the article: a news
#: article is rarely shorter, and a script-loaded body or a paywall stub leaves less.
MIN_ARTICLE_CHARS = 500

#: schema.org types whose objects describe an article.
ARTICLE_TYPES = (
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "Article",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
)
HTML_TYPES = ("text/html", "application/xhtml+xml")
MEDIA_EXTENSIONS = {"text/html": "html", "application/warc": "warc"}


@dataclass(frozen=True)
class Stated:
    """A value the page states, and where: ``JSON-LD NewsArticle.headline``."""

    value: str
    where: str
    note: str = ""


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


# --- metadata -----------------------------------------------------------------------------------------


def _squash(value: str) -> str:
    return " ".join(value.split())


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type")
    names = kind if isinstance(kind, list) else [kind]
    return [n.rsplit("/", 1)[-1] for n in names if isinstance(n, str)]


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    """Every object in the page's JSON-LD blocks, @graph and lists flattened."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            found.append(node)
            if "@graph" in node:
                walk(node["@graph"])

    for script in tree.xpath('//script[translate(@type, "LDJSON", "ldjson")="application/ld+json"]'):
        try:
            walk(json.loads(script.text or ""))
        except ValueError:
            continue
    return found


def _meta(tree: Any, attribute: str, name: str) -> str | None:
    lowered = f'translate(@{attribute}, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")'
    for element in tree.xpath(f'//meta[{lowered}="{name}"]'):
        content = _squash(element.get("content") or "")
        if content:
            return content
    return None


def _text_of(value: Any, ids: dict[str, dict[str, Any]], key: str = "name") -> str | None:
    """A JSON-LD value as text: a string, an object's ``key``, or the object an ``@id`` names."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        if key not in value and isinstance(value.get("@id"), str):
            value = ids.get(value["@id"], value)
        value = value.get(key)
    return _squash(value) if isinstance(value, str) and value.strip() else None


@dataclass
class _Candidates:
    """Each field's values in order of preference: (value, where)."""

    title: list[tuple[str, str]] = field(default_factory=list)
    published: list[tuple[str, str]] = field(default_factory=list)
    modified: list[tuple[str, str]] = field(default_factory=list)
    outlet: list[tuple[str, str]] = field(default_factory=list)
    url: list[tuple[str, str]] = field(default_factory=list)
    language: list[tuple[str, str]] = field(default_factory=list)
    title_element: str | None = None
    paywalled: Stated | None = None


def _candidates(tree: Any, saved_from: tuple[str, str] | None) -> _Candidates:
    found = _Candidates()
    objects = _json_ld(tree)
    ids = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    article = next((o for t in ARTICLE_TYPES for o in objects if t in _types(o)), None)
    if article is not None:
        kind = next(t for t in ARTICLE_TYPES if t in _types(article))
        ld = f"JSON-LD {kind}"
        for key, into in (("headline", found.title), ("datePublished", found.published), ("dateModified", found.modified), ("inLanguage", found.language)):
            value = _text_of(article.get(key), ids)
            if value:
                into.append((value, f"{ld}.{key}"))
        publisher = _text_of(article.get("publisher"), ids)
        if publisher:
            found.outlet.append((publisher, f"{ld}.publisher.name"))
        for key in ("mainEntityOfPage", "url"):
            value = _text_of(article.get(key), ids, "@id")
            if value:
                found.url.append((value, f"{ld}.{key}"))
        if article.get("isAccessibleForFree") in (False, "False", "false"):
            found.paywalled = Stated("false", f"{ld}.isAccessibleForFree")
    for canonical in tree.xpath('//link[contains(concat(" ", translate(@rel, "CANONICAL", "canonical"), " "), " canonical ")]/@href'):
        if canonical.strip():
            found.url.insert(0, (canonical.strip(), '<link rel="canonical">'))
            break
    for attribute, name, into in (
        ("property", "og:title", found.title),
        ("name", "twitter:title", found.title),
        ("property", "article:published_time", found.published),
        ("itemprop", "datepublished", found.published),
        ("name", "parsely-pub-date", found.published),
        ("name", "dc.date.issued", found.published),
        ("name", "pubdate", found.published),
        ("property", "article:modified_time", found.modified),
        ("property", "og:site_name", found.outlet),
        ("name", "application-name", found.outlet),
        ("property", "og:url", found.url),
        ("property", "og:locale", found.language),
    ):
        value = _meta(tree, attribute, name)
        if value:
            into.append((value, f'<meta {attribute}="{_case(name)}">'))
    for element in tree.xpath("//*[@itemprop='datePublished'][@datetime]"):
        found.published.append((element.get("datetime"), f"<{element.tag} itemprop=datePublished datetime>"))
        break
    headings = [_squash(h.text_content()) for h in tree.xpath("//h1")]
    if len([h for h in headings if h]) == 1:
        found.title.append((next(h for h in headings if h), "<h1>"))
    titles = tree.xpath("//title")
    if titles and _squash(titles[0].text_content()):
        found.title_element = _squash(titles[0].text_content())
    lang = tree.xpath("/html/@lang")
    if lang and lang[0].strip():
        found.language.insert(0, (lang[0].strip(), "<html lang>"))
    if saved_from:
        found.url.append(saved_from)
    return found


def _case(name: str) -> str:
    return {"datepublished": "datePublished"}.get(name, name)


def _single_file_url(html: str) -> str | None:
    """The address SingleFile writes into the comment at the top of a page it saves."""
    found = re.search(r"<!--\s*Page saved with SingleFile\s*\n?\s*url:\s*(\S+)", html[:8192])
    return found.group(1) if found else None


def _differing(chosen: tuple[str, str], others: list[tuple[str, str]], same: Any = None) -> list[str]:
    notes = []
    seen = set()
    for value, where in others:
        if where == chosen[1] or value == chosen[0] or (same and same(value, chosen[0])) or value in seen:
            continue
        seen.add(value)
        notes.append(f'{where} reads "{value}"')
    return notes


# Dates: 2024-10-18, 2024-10, 2024-10-18T23:40:00-04:00, 2024-10-18 23:40:00Z, and RFC 2822.
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2})(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?)?)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Day:
    date: str
    zone: str | None


def parse_date(value: str) -> _Day | None:
    """The calendar date a stated timestamp names, in the time zone it states; None if unreadable."""
    found = _ISO.fullmatch(value.strip())
    if found:
        y, m, d = int(found["y"]), int(found["m"]), int(found["d"]) if found["d"] else 1
        try:
            date(y, m, d)
        except ValueError:
            return None
        text = f"{y:04d}-{m:02d}" + (f"-{d:02d}" if found["d"] else "")
        zone = found["tz"]
        if zone and zone.upper() == "Z":
            zone = "UTC"
        elif zone:
            zone = "UTC" + (zone if ":" in zone or len(zone) == 3 else f"{zone[:3]}:{zone[3:]}")
        return _Day(text, zone) if 1900 <= y <= 2200 else None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    offset = moment.utcoffset()
    zone = None
    if offset is not None:
        minutes = int(offset.total_seconds() // 60)
        zone = "UTC" if minutes == 0 else f"UTC{'+' if minutes > 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return _Day(moment.date().isoformat(), zone)


def _published(found: _Candidates, html: str) -> Stated | None:
    readable = [(value, where, day) for value, where in found.published if (day := parse_date(value)) is not None]
    if not readable:
        from htmldate import find_date

        guessed = find_date(html, extensive_search=False, original_date=True)
        if guessed is None:
            return None
        return Stated(
            guessed,
            "htmldate",
            "The page states no publication date in a structured field; htmldate found this date in its markup or address. Check it against the page.",
        )
    value, where, day = readable[0]
    zone_rule = f", the calendar date in the time zone it states ({day.zone})" if day.zone else ""
    notes = [f'{where} states "{value}"{zone_rule}.']
    for other, other_where, other_day in readable[1:]:
        if other_day.date != day.date and other_where != where:
            zone = f" in {other_day.zone}" if other_day.zone else ""
            notes.append(f'{other_where} states "{other}" ({other_day.date}{zone}); {where} is the more specific field and is preferred.')
    later = [(v, w) for v, w in found.modified if (d := parse_date(v)) is not None and d.date != day.date]
    if later:
        notes.append(f'The page was modified later ({later[0][1]} "{later[0][0]}"); that is not the publication date.')
    return Stated(day.date, where, " ".join(notes))


_SEPARATORS = (" - ", " | ", " – ", " — ", " · ", " :: ")


def _title(found: _Candidates, outlet: Stated | None) -> Stated | None:
    element = found.title_element
    if found.title:
        chosen = found.title[0]
        notes = [f"Stated in {chosen[1]}."]
        if element and element != chosen[0]:
            if element.startswith(chosen[0]):
                notes.append(f'The <title> element adds "{element[len(chosen[0]) :]}", the site\'s name, which is not part of the headline.')
            else:
                notes.append(f'The <title> element reads "{element}".')
        notes += [f"{n}." for n in _differing(chosen, found.title[1:], lambda a, b: _squash(a).casefold() == _squash(b).casefold())]
        return Stated(chosen[0], chosen[1], " ".join(n[0].upper() + n[1:] for n in notes))
    if not element:
        return None
    if outlet is not None:
        for separator in _SEPARATORS:
            for suffix in (f"{separator}{outlet.value}",):
                if element.endswith(suffix) and len(element) > len(suffix):
                    return Stated(element[: -len(suffix)], "<title>", f'Stated in the <title> element, without its suffix "{suffix}", the site\'s name.')
    return Stated(element, "<title>", "Stated in the <title> element; the page has no other headline field.")


def _outlet(found: _Candidates) -> Stated | None:
    if not found.outlet:
        return None
    chosen = found.outlet[0]
    notes = [f'The page names its outlet "{chosen[0]}" in {chosen[1]}.']
    for note in _differing(chosen, found.outlet[1:], lambda a, b: a.casefold() == b.casefold()):
        notes.append(f"{note[0].upper()}{note[1:]}, which is not the publisher's name; {chosen[1]} is the more specific field and is preferred.")
    return Stated(chosen[0], chosen[1], " ".join(notes))


def _clean_url(value: str, base: str | None) -> str | None:
    value = urljoin(base, value) if base else value
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or re.search(r"\s", value):
        return None
    return urlunsplit(parts._replace(fragment=""))


def _url(found: _Candidates, base: str | None) -> Stated | None:
    absolute = next((v for v, _ in found.url if _clean_url(v, None)), base)
    usable = [(url, where) for value, where in found.url if (url := _clean_url(value, absolute)) is not None]
    if not usable:
        return None
    chosen = usable[0]
    notes = [f"Stated in {chosen[1]}."]
    notes += [f"{n}; {chosen[1]} is preferred." for n in _differing(chosen, usable[1:])]
    return Stated(chosen[0], chosen[1], " ".join(n[0].upper() + n[1:] for n in notes))


def _language(found: _Candidates) -> Stated | None:
    for value, where in found.language:
        tag = value.replace("_", "-").strip()
        primary, _, rest = tag.partition("-")
        tag = primary.lower() + (f"-{rest}" if rest else "")
        if re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", tag):
            return Stated(tag, where)
    return None


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


# --- the whole page ----------------------------------------------------------------------------------


def read_html(html: str, base_url: str | None) -> tuple[str, Stated | None, Stated | None, Stated | None, Stated | None, Stated | None, Stated | None]:
    """Main text, title, published, outlet, url, language and paywall marker of a page."""
    import lxml.html

    tree = lxml.html.fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    single_file = _single_file_url(html)
    saved_from = (base_url, "the web archive's WARC-Target-URI") if base_url else (single_file, "SingleFile's saved-from comment") if single_file else None
    found = _candidates(tree, saved_from)
    outlet = _outlet(found)
    return extract_text(html), _title(found, outlet), _published(found, html), outlet, _url(found, base_url), _language(found), found.paywalled


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
    text, title, published, outlet, url, language, paywalled = read_html(html, base_url)
    if raw is not content:
        stored, compressed = raw, True
    elif len(content) > COMPRESS_OVER:
        stored, compressed = gzip.compress(content, compresslevel=9, mtime=0), True
    else:
        stored, compressed = content, False
    original = Original(content, media_type, stored, compressed)
    host = host_of(url.value if url else base_url)
    return Page(
        text, title, published, outlet, url, language, host, original, base_url if kind == "warc" else None, tuple(messages), paywalled, extractor_version()
    )


def short_text_reason(page: Page) -> str:
    """Why a short extraction looks wrong, for the refusal message."""
    if page.paywalled is not None:
        return f"the page marks itself as not free to read ({page.paywalled.where}: false), so the body is probably behind a paywall"
    return "the article's body is probably loaded by script or behind a paywall, and the saved page holds only its frame"


def read_original(stored: bytes, compressed: bool, limit: int = MAX_ORIGINAL_BYTES) -> bytes | None:
    """The original's content from its stored bytes, or ``None`` when it is corrupt or over ``limit``."""
    if not compressed:
        return stored if len(stored) <= limit else None
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(stored)) as unpacking:
            content = unpacking.read(limit + 1)
    except (OSError, EOFError, zlib.error):
        return None
    return content if len(content) <= limit else None
