"""`briefing ingest` holds its bounds at every layer: bodies a web archive compresses, the page's encoding, its JSON-LD."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import Any

import pytest
from conftest import Project
from test_webpage import HARBOUR, HARBOUR_HTML, HARBOUR_URL

from generator.data.originals import MAX_ORIGINAL_BYTES


def _warc_with_encoded_body(body: bytes, encoding: str) -> bytes:
    """A WARC whose one HTML response is sent with ``Content-Encoding: <encoding>`` (its payload stays compressed in the archive)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)

    def write(record: Any) -> None:
        writer.write_record(record)
        record.raw_stream.close()

    headers = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", encoding), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
    )
    write(
        writer.create_warc_record(
            HARBOUR_URL, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": "2024-11-20T08:12:09Z"}
        )
    )
    return out.getvalue()


def _ingest(project: Project, name: str, content: bytes) -> Any:
    path = project.path(name)
    path.write_bytes(content)
    before = project.files()
    result = project.run("ingest", str(path), "--create-outlet")
    if result.exit_code != 0:
        assert project.files() == before  # nothing written
    assert "Traceback" not in result.output
    return result


def test_a_content_encoded_body_in_a_web_archive_goes_through_the_cap(project: Project) -> None:
    bomb = gzip.compress(b"<html><body><p>" + b"a" * (MAX_ORIGINAL_BYTES + 1024) + b"</p></body></html>", compresslevel=9)
    archive = _warc_with_encoded_body(bomb, "gzip")
    assert len(archive) < 200_000
    result = _ingest(project, "bomb.warc.gz", archive)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == str(project.path("bomb.warc.gz")) + (
        f":1:1: the web archive's HTML, unpacked, is more than {MAX_ORIGINAL_BYTES:,} bytes, over the limit of {MAX_ORIGINAL_BYTES:,} bytes (25 MB) "
        "for an original. Hint: save the page without its media (HTML only, or a WARC of the article page), or give the article's text as plain text."
    )


def test_a_content_encoded_body_within_the_cap_is_read(project: Project) -> None:
    result = _ingest(project, "page.warc.gz", _warc_with_encoded_body(gzip.compress(HARBOUR_HTML), "gzip"))
    assert result.exit_code == 0, result.output
    assert project.path(f"data/sources/{HARBOUR}.yml").is_file()


@pytest.mark.parametrize("label", ["utf-7", "base64", "rot13", "cp037", "x-user-defined", "hz-gb-2312", "zlib"])
def test_an_encoding_no_browser_uses_for_a_page_is_refused_by_name(project: Project, label: str) -> None:
    page = HARBOUR_HTML.replace(b'<meta charset="utf-8">', f'<meta charset="{label}">'.encode())
    assert page != HARBOUR_HTML
    result = _ingest(project, "page.html", page)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == str(project.path("page.html")) + (
        f':1:1: page declares the encoding "{label}" in its <meta charset>, which is not one of the encodings browsers use for web pages. '
        "Hint: save the page again as UTF-8."
    )


def test_utf_7_cannot_turn_escaped_digits_into_numbers(project: Project) -> None:
    page = (
        b'<html><head><meta charset="utf-7"><title>Count</title></head><body><p>' + b"Officials said +ADE-+ADU-+ADA-+ADA- troops. " * 30 + b"</p></body></html>"
    )
    result = _ingest(project, "count.html", page)
    assert result.exit_code == 1 and 'declares the encoding "utf-7"' in result.output
    assert not list(project.path("data/sources").glob("*count*"))


@pytest.mark.parametrize("label", ["latin1", "Shift_JIS", "windows-1251", "iso-8859-15", "gbk", "koi8-u"])
def test_the_encodings_browsers_use_are_read(project: Project, label: str) -> None:
    page = HARBOUR_HTML.replace(b'<meta charset="utf-8">', f'<meta charset="{label}">'.encode())
    ascii_only = page.decode("utf-8").encode("ascii", "xmlcharrefreplace")  # the same page, readable in every one of them
    result = _ingest(project, "page.html", ascii_only)
    assert result.exit_code == 0, result.output


def test_deeply_nested_json_ld_is_passed_over_not_a_crash(project: Project) -> None:
    deep = b'<script type="application/ld+json">' + b"[" * 200_000 + b"]" * 200_000 + b"</script>"
    page = HARBOUR_HTML.replace(b"</head>", deep + b"</head>", 1)
    result = _ingest(project, "deep.html", page)
    assert result.exit_code == 0, result.output
    assert "Seoul says 1,500 North Korean soldiers" in project.path(f"data/sources/{HARBOUR}.yml").read_text(encoding="utf-8")


def test_a_lone_surrogate_in_json_ld_is_shown_as_a_replacement_character(project: Project) -> None:
    page = HARBOUR_HTML.replace(b'"headline": "', b'"headline": "\\ud800', 1)
    assert page != HARBOUR_HTML
    result = _ingest(project, "lone.html", page)
    assert result.exit_code == 0, result.output
    written = [p.read_text(encoding="utf-8") for p in Path(project.path("data/sources")).glob("*.yml")]
    (title,) = [line for text in written for line in text.splitlines() if line.startswith("title:") and "North Korean soldiers" in line]
    assert title == 'title: "\ufffdSeoul says 1,500 North Korean soldiers are already in Russia"', title
