"""`briefing ingest` on what editors save: HTML pages, single-file pages and web archives.

The pages in tests/data/webpages/ are written like real saved news pages, with their
furniture: navigation, cookie banners, JSON-LD and Open Graph metadata, share buttons,
related links, newsletters, inline scripts and styles. One (opinion-script-loaded.html)
holds only the frame of an article whose body a script would load behind a paywall.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from conftest import Project

from generator.editor import webpage

PAGES = Path(__file__).parent / "data" / "webpages"
HARBOUR = "2024-10-18-seoul-says-1500-north-korean-soldiers-are-already"
HARBOUR_URL = "https://www.harbourledger.example/world/asia/2024/10/18/seoul-north-korean-soldiers-russia"
NORTHERN = "2024-11-17-kremlin-dismisses-reports-of-north-korean-troops"
KESTREL = "2024-11-18-north-korea-could-send-up-to-100000-troops"

#: Strings that only the page's furniture, scripts and styles hold.
FURNITURE = (
    "cookies",
    "Accept all",
    "Subscribe",
    "Share on",
    "Facebook",
    "WhatsApp",
    "Copy link",
    "More from",
    "Related stories",
    "Most read",
    "Read more",
    "Kim inspects artillery",
    "Shipping rates",
    "Storm warnings",
    "Rouble slides",
    "newsletter",
    "Privacy",
    "All rights reserved",
    "Registered in England",
    "Photograph",
    "data:image",
    "SCRIPT_ONLY_STRING",
    "STYLE_ONLY_STRING",
    "ANALYTICS_ONLY_STRING",
    "AD_CONFIG_STRING",
    "HL-TRACKING",
    "dataLayer",
    "{",
)


def ingest_page(project: Project, name: str, *args: str) -> str:
    result = project.run("ingest", str(PAGES / name), *args)
    assert result.exit_code == 0, result.output
    return result.output


def source_yaml(project: Project, ident: str) -> str:
    return project.path(f"data/sources/{ident}.yml").read_text(encoding="utf-8")


def archived(project: Project, ident: str) -> str:
    return project.path(f"data/sources/{ident}.txt").read_text(encoding="utf-8")


def paragraphs(text: str) -> list[str]:
    return text.rstrip("\n").split("\n\n")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def warc(*records: tuple[str, str, bytes, int], date: str = "2024-11-20T08:12:09Z") -> bytes:
    """A gzip-compressed WARC holding a request and a response per (uri, content type, body, status)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)

    def write(record: Any) -> None:
        writer.write_record(record)
        record.raw_stream.close()  # warcio spools each record into a temporary file

    write(writer.create_warcinfo_record("crawl.warc.gz", {"software": "Webrecorder ArchiveWeb.page 0.12", "format": "WARC File Format 1.1"}))
    for uri, content_type, body, status in records:
        request = StatusAndHeaders(f"GET /{uri.split('/', 3)[-1]} HTTP/1.1", [("Host", uri.split("/")[2]), ("User-Agent", "Mozilla/5.0")], is_http_request=True)
        write(writer.create_warc_record(uri, "request", http_headers=request, warc_headers_dict={"WARC-Date": date}))
        reason = {200: "OK", 301: "Moved Permanently"}[status]
        headers = StatusAndHeaders(f"{status} {reason}", [("Content-Type", content_type), ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
        write(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": date}))
    return out.getvalue()


HARBOUR_HTML = (PAGES / "harbour-ledger.html").read_bytes()
LOGO = b"\x89PNG\r\n\x1a\n" + bytes(64)


def harbour_warc() -> bytes:
    return warc(
        ("https://www.harbourledger.example/world/asia/seoul-briefing", "text/html", b"", 301),
        (HARBOUR_URL, "text/html; charset=utf-8", HARBOUR_HTML, 200),
        ("https://cdn.harbourledger.example/logo.png", "image/png", LOGO, 200),
    )


# --- saved pages ----------------------------------------------------------------------------------


def test_a_saved_news_page_becomes_a_source_with_its_stated_metadata_and_outlet(project: Project) -> None:
    output = ingest_page(project, "harbour-ledger.html", "--create-outlet")
    assert output == (
        f"Archived data/sources/{HARBOUR}.txt (1,313 characters).\n"
        f"Kept the original as data/sources/{HARBOUR}.orig.html (6,984 bytes).\n"
        "Wrote data/actors/the-harbour-ledger.yml (the outlet).\n"
        f"Wrote data/sources/{HARBOUR}.yml.\n"
        f'Next: briefing suggest {HARBOUR} --write (drafts to review), or briefing new claim --source {HARBOUR} --quote "…"\n'
    )
    text = archived(project, HARBOUR)
    assert paragraphs(text)[0] == "Seoul says 1,500 North Korean soldiers are already in Russia"
    assert paragraphs(text)[1].startswith(
        "South Korea's intelligence agency said on Friday that North Korea had already sent about 1,500 special forces soldiers to Russia's Far East,"
    )
    assert paragraphs(text)[-1] == "The White House said it could not yet confirm the agency's findings but was consulting closely with Seoul."
    assert len(paragraphs(text)) == 8
    assert '"This is no longer a matter of ammunition alone," said one lawmaker' in text
    for furniture in FURNITURE:
        assert furniture not in text, furniture
    assert project.path(f"data/sources/{HARBOUR}.orig.html").read_bytes() == HARBOUR_HTML
    assert source_yaml(project, HARBOUR) == (
        "# yaml-language-server: $schema=../../generator/schemas/source.schema.json\n"
        f'id: "{HARBOUR}"\n'
        'title: "Seoul says 1,500 North Korean soldiers are already in Russia"\n'
        'title_basis: "stated"\n'
        'title_note: "Stated in JSON-LD NewsArticle.headline. The <title> element adds \\" - The Harbour Ledger\\", the site\'s name, which is not part of the headline."\n'
        'outlet: "the-harbour-ledger"\n'
        'outlet_note: "The page names its outlet \\"The Harbour Ledger\\" in JSON-LD NewsArticle.publisher.name. '
        '<meta property=\\"og:site_name\\"> reads \\"U.S.\\", which is not the publisher\'s name; JSON-LD NewsArticle.publisher.name is the more specific field '
        'and is preferred. Actor \\"the-harbour-ledger\\" was created for it, with the host name harbourledger.example as an alias."\n'
        f'url: "{HARBOUR_URL}"\n'
        'url_basis: "stated"\n'
        f'url_note: "Stated in <link rel=\\"canonical\\">. <meta property=\\"og:url\\"> reads \\"{HARBOUR_URL}?utm_source=og\\"; <link rel=\\"canonical\\"> is preferred."\n'
        "published:\n"
        '  date: "2024-10-18"\n'
        '  basis: "stated"\n'
        '  note: "JSON-LD NewsArticle.datePublished states \\"2024-10-18T23:40:00-04:00\\", the calendar date in the time zone it states (UTC-04:00). '
        '<meta property=\\"article:published_time\\"> states \\"2024-10-19T03:40:00Z\\" (2024-10-19 in UTC); JSON-LD NewsArticle.datePublished is the more '
        'specific field and is preferred. The page was modified later (JSON-LD NewsArticle.dateModified \\"2024-10-20T08:00:00-04:00\\"); that is not the publication date."\n'
        'language: "en-US"\n'
        f'sha256: "{sha256(text.encode())}"\n'
        "original:\n"
        f'  file: "{HARBOUR}.orig.html"\n'
        '  media_type: "text/html"\n'
        "  size: 6984\n"
        f'  sha256: "{sha256(HARBOUR_HTML)}"\n'
        f'  extracted_with: "{webpage.extractor_version()}"\n'
        "relays: []\n"
    )
    assert project.path("data/actors/the-harbour-ledger.yml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../generator/schemas/actor.schema.json\n"
        'id: "the-harbour-ledger"\n'
        'name: "The Harbour Ledger"\n'
        'kind: "outlet"\n'
        'aliases: ["harbourledger.example"]\n'
        f'notes: "Created by briefing ingest from source {HARBOUR}, whose page names it in JSON-LD NewsArticle.publisher.name; the alias is the site\'s host name."\n'
    )
    result = project.run("validate")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 claims, 6 actors, 1 figure, 2 sources: OK")


def test_an_outlet_no_actor_names_is_proposed_and_nothing_is_written_without_consent(project: Project) -> None:
    before = project.files()
    result = project.run("ingest", str(PAGES / "harbour-ledger.html"))
    assert result.exit_code == 1
    assert result.output == (
        f'{PAGES / "harbour-ledger.html"}:1:1: the page names its outlet "The Harbour Ledger" (JSON-LD NewsArticle.publisher.name), and no actor has that name or alias. '
        "Hint: add --create-outlet to create data/actors/the-harbour-ledger.yml (alias harbourledger.example), or give --outlet ACTOR_ID.\n"
        "Found 1 error in 1 file. Nothing was written.\n"
    )
    assert project.files() == before


@pytest.mark.parametrize("answer", ["y", "n"])
def test_at_a_terminal_ingest_asks_whether_to_create_the_outlet(project: Project, monkeypatch: pytest.MonkeyPatch, answer: str) -> None:
    from generator import cli

    monkeypatch.setattr(cli, "interactive", lambda no_input, shown: not no_input)
    result = project.run("ingest", str(PAGES / "harbour-ledger.html"), input=f"{answer}\n")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        'The page names its outlet "The Harbour Ledger" (JSON-LD NewsArticle.publisher.name); no actor has that name. '
        f'Create actor "the-harbour-ledger", alias harbourledger.example? [Y/n]: {answer}\n'
    )
    data = source_yaml(project, HARBOUR)
    if answer == "y":
        assert project.path("data/actors/the-harbour-ledger.yml").is_file()
        assert 'outlet: "the-harbour-ledger"\n' in data
    else:
        assert not project.path("data/actors/the-harbour-ledger.yml").exists()
        assert "outlet: null\n" in data
        assert "No actor was created for it, so the outlet is left unknown." in data
        assert "Left unknown (null): outlet.\n" in result.output
    assert project.run("validate").exit_code == 0


def test_a_windows_1252_page_matches_its_outlet_by_alias_and_reads_open_graph(project: Project) -> None:
    project.write(
        "data/actors/northern-wire.yml",
        "# yaml-language-server: $schema=../../generator/schemas/actor.schema.json\nid: northern-wire\nname: Northern Wire Ltd\nkind: outlet\naliases: [Northern Wire]\n",
    )
    ingest_page(project, "northern-wire.html")
    text = archived(project, NORTHERN)
    assert paragraphs(text)[0] == (
        "The Kremlin on Saturday dismissed western reports that thousands of North Korean soldiers were fighting alongside Russian forces, "
        "calling them \u201cone more fake\u201d meant to justify new weapons deliveries to Kyiv."
    )
    assert paragraphs(text)[-1] == (
        "Analysts said that the deployment, if confirmed at that scale, would be the largest foreign combat contingent on Russian soil since the second world war."
    )
    assert "international law \u2014 but he stopped short" in text
    for furniture in FURNITURE:
        assert furniture not in text, furniture
    data = source_yaml(project, NORTHERN)
    assert 'title: "Kremlin dismisses reports of North Korean troops as \u2018fake\u2019"\n' in data
    assert 'title_note: "Stated in <meta property=\\"og:title\\">. The <title> element adds \\" | Northern Wire\\", the site\'s name' in data
    assert 'outlet: "northern-wire"\n' in data
    assert 'Matched to actor \\"northern-wire\\" by its alias \\"Northern Wire\\"."' in data
    assert 'url: "https://northernwire.example/news/2024/11/17/kremlin-dismisses-reports"\nurl_basis: "stated"\n' in data
    assert (
        '  date: "2024-11-17"\n  basis: "stated"\n'
        '  note: "<meta property=\\"article:published_time\\"> states \\"2024-11-17T02:15:00Z\\", the calendar date in the time zone it states (UTC)."\n'
    ) in data
    assert 'language: "en-GB"\n' in data
    assert project.run("validate").exit_code == 0


def test_a_single_file_page_with_inlined_images_reads_its_json_ld_graph(project: Project) -> None:
    output = ingest_page(project, "kestrel-singlefile.html", "--create-outlet", "--language", "en")
    assert "Wrote data/actors/kestrel-daily.yml (the outlet).\n" in output
    text = archived(project, KESTREL)
    assert paragraphs(text)[0] == "North Korea could send up to 100,000 troops, assessment says"
    assert paragraphs(text)[2].startswith("North Korea could deploy as many as 100,000 soldiers to Russia over time,")
    assert paragraphs(text)[-1] == "North Korea and Russia have both denied that Pyongyang has supplied weapons or soldiers for the war in Ukraine."
    for furniture in FURNITURE:
        assert furniture not in text, furniture
    data = source_yaml(project, KESTREL)
    assert 'title_note: "Stated in JSON-LD NewsArticle.headline. The <title> element adds \\" — Kestrel Daily\\"' in data
    assert 'outlet: "kestrel-daily"\n' in data
    assert 'url: "https://kestreldaily.example/defence/north-korea-could-send-100000"\nurl_basis: "stated"\n' in data
    assert '  date: "2024-11-18"\n  basis: "stated"\n  note: "JSON-LD NewsArticle.datePublished states \\"2024-11-18\\"."\n' in data
    assert 'language: "en"\n' in data  # --language overrides the page's en


def test_a_large_original_is_stored_compressed_and_validate_checks_its_hash(project: Project) -> None:
    # A single-file page with a photograph inlined as a data: URI is typically hundreds of kilobytes.
    page = (PAGES / "kestrel-singlefile.html").read_bytes().replace(b"/9j/4AAQ", b"/9j/4AAQ" + b"QUFB" * 50_000, 1)
    project.path("saved.html").write_bytes(page)
    result = project.run("ingest", str(project.path("saved.html")), "--create-outlet")
    assert result.exit_code == 0, result.output
    assert f"Kept the original as data/sources/{KESTREL}.orig.html.gz ({len(page):,} bytes, gzip-compressed).\n" in result.output
    stored = project.path(f"data/sources/{KESTREL}.orig.html.gz")
    assert gzip.decompress(stored.read_bytes()) == page
    assert f'  file: "{KESTREL}.orig.html.gz"\n  media_type: "text/html"\n  size: {len(page)}\n  sha256: "{sha256(page)}"\n' in source_yaml(project, KESTREL)
    assert project.run("validate").exit_code == 0
    stored.write_bytes(gzip.compress(page.replace(b"100,000 soldiers", b"200,000 soldiers")))
    result = project.run("validate")
    assert result.exit_code == 1
    line = source_yaml(project, KESTREL).splitlines().index(f'  sha256: "{sha256(page)}"') + 1
    tampered = sha256(page.replace(b"100,000 soldiers", b"200,000 soldiers"))
    assert (
        f"data/sources/{KESTREL}.yml:{line}:11: sha256 does not match data/sources/{KESTREL}.orig.html.gz, which hashes to {tampered} unpacked. "
        "Hint: originals must not change; restore the file, or attach a new one with briefing ingest --replace-archive."
    ) in result.output
    stored.write_bytes(b"\x1f\x8b\x08\x00broken")
    assert f"data/sources/{KESTREL}.orig.html.gz cannot be unpacked" in project.run("validate").output
    stored.unlink()
    assert f"original data/sources/{KESTREL}.orig.html.gz is missing." in project.run("validate").output


def test_a_stray_original_is_reported(project: Project) -> None:
    project.path("data/sources/2024-10-18-sample.orig.html").write_bytes(HARBOUR_HTML)
    result = project.run("validate")
    assert result.exit_code == 1
    assert result.output.startswith(
        "data/sources/2024-10-18-sample.orig.html:1:1: original is not named by its source's original.file. "
        "Hint: add it to data/sources/2024-10-18-sample.yml with briefing ingest --replace-archive, or remove it.\n"
    )


# --- pages that defeat extraction -----------------------------------------------------------------


def test_a_script_loaded_paywalled_page_is_refused_and_text_can_be_supplied_by_hand(project: Project) -> None:
    before = project.files()
    page = PAGES / "opinion-script-loaded.html"
    result = project.run("ingest", str(page), "--create-outlet")
    assert result.exit_code == 1
    assert result.output == (
        f"{page}:1:1: extraction found only 148 characters of article text in the page, fewer than the 500 an article has: the page marks itself "
        "as not free to read (JSON-LD OpinionNewsArticle.isAccessibleForFree: false), so the body is probably behind a paywall. "
        "Hint: open the page in a browser, copy the article's text into a UTF-8 file and give it with --text FILE; the page is kept as the original.\n"
        "Found 1 error in 1 file. Nothing was written.\n"
    )
    assert project.files() == before
    article = (
        "Sending soldiers to Russia buys Kim Jong Un hard currency and technology, at a price.\r\n\r\n"
        "Pyongyang has sent thousands of troops to fight in Kursk, and more may follow. "
        "The money and the know-how it gets in return are real, but so is the risk.\r\n\r\n"
        "Soldiers who have seen a modern war will come home, and they will talk.\r\n"
    )
    project.write("typed.txt", article)
    result = project.run("ingest", str(page), "--text", str(project.path("typed.txt")), "--create-outlet")
    assert result.exit_code == 0, result.output
    ident = "2024-11-19-why-pyongyang-s-gamble-in-kursk-will-backfire"
    assert archived(project, ident) == article.replace("\r\n", "\n")
    data = source_yaml(project, ident)
    assert 'title: "Why Pyongyang\'s gamble in Kursk will backfire"\n' in data
    assert '  date: "2024-11-19"\n  basis: "stated"\n' in data
    assert "(UTC+09:00)" in data
    assert (
        f'notes: "The text was supplied by hand (--text {project.path("typed.txt")}); extraction from the saved page found 148 characters, too few for the article."\n'
        in data
    )
    assert "extracted_with" not in data
    assert project.run("validate").exit_code == 0


def page_without_article() -> bytes:
    return (
        b"<!DOCTYPE html><html><head><title>Page not found - The Harbour Ledger</title></head><body>"
        b'<nav><a href="/">Home</a> <a href="/world">World</a></nav><h1>Page not found</h1><footer>Privacy</footer></body></html>'
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "missing.html",
            page_without_article(),
            "extraction found only 25 characters of article text in the page, fewer than the 500 an article has: the article's body is probably loaded by script "
            "or behind a paywall, and the saved page holds only its frame.",
        ),
        (
            "images.warc.gz",
            warc(("https://cdn.harbourledger.example/logo.png", "image/png", LOGO, 200)),
            "web archive holds no HTML response. Hint: archive the article's page itself (a 200 response with Content-Type text/html), not only its resources.",
        ),
        (
            "cut.html.gz",
            gzip.compress(HARBOUR_HTML)[:200],
            "file starts like gzip but cannot be unpacked: Compressed file ended before the end-of-stream marker was reached.",
        ),
        ("bad.html.gz", b"\x1f\x8b\x08\x00" + bytes(20), "file starts like gzip but cannot be unpacked:"),
        (
            "latin.html",
            b'<!DOCTYPE html><html><head><meta charset="utf-8"><title>T</title></head>\n<body><p>Caf\xe9</p></body></html>',
            "2:13: page cannot be decoded as utf-8 (its <meta charset>): byte 0xe9 is not valid. Hint: save the page again as UTF-8, or declare its real encoding in <meta charset>.",
        ),
        (
            "odd.html",
            b'<!DOCTYPE html><html><head><meta charset="x-klingon"></head><body></body></html>',
            'page declares the encoding "x-klingon" in its <meta charset>, which is not one of the encodings browsers use for web pages.',
        ),
        ("article.pdf", b"%PDF-1.7\n%\xe2\xe3", "file is a PDF, which ingest does not read."),
        (
            "broken.warc",
            b"WARC/1.0\r\nWARC-Type: response\r\n\r\n garbage",
            "web archive cannot be read: a record is malformed (AttributeError). Hint: check that the file is a complete WARC; export it again from the archiving tool.",
        ),
        ("cut.warc.gz", harbour_warc()[:-300], "file starts like gzip but cannot be unpacked:"),
        ("page.mhtml", b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n", "file is MHTML (a browser's 'Save as single file'), which ingest does not read."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(project: Project, name: str, content: bytes, message: str) -> None:
    project.path(name).write_bytes(content)
    before = project.files()
    result = project.run("ingest", str(project.path(name)), "--create-outlet")
    assert result.exit_code == 1, result.output
    assert f"{project.path(name)}:" in result.output
    assert message in result.output
    assert result.output.endswith("Nothing was written.\n")
    assert project.files() == before


def test_an_original_over_the_cap_is_refused_without_reading_it_whole(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webpage, "MAX_ORIGINAL_BYTES", 4096)
    before = project.files()
    result = project.run("ingest", str(PAGES / "harbour-ledger.html"), "--create-outlet")
    assert result.exit_code == 1
    assert (
        "harbour-ledger.html:1:1: file is more than 4,096 bytes, over the limit of 4,096 bytes (25 MB) for an original. "
        "Hint: save the page without its media (HTML only, or a WARC of the article page), or give the article's text as plain text."
    ) in result.output
    project.path("bomb.html.gz").write_bytes(gzip.compress(b"<html><body>" + b" " * 100_000))
    result = project.run("ingest", str(project.path("bomb.html.gz")))
    assert "bomb.html.gz:1:1: unpacked file is more than 4,096 bytes, over the limit" in result.output
    assert project.files() == before


# --- web archives ---------------------------------------------------------------------------------


def test_a_web_archive_yields_its_only_html_response_and_is_kept_as_the_original(project: Project) -> None:
    archive = harbour_warc()
    project.path("crawl.warc.gz").write_bytes(archive)
    result = project.run("ingest", str(project.path("crawl.warc.gz")), "--create-outlet")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Reading {HARBOUR_URL} (the archive's only HTML response, archived ")
    stored = project.path(f"data/sources/{HARBOUR}.orig.warc.gz")
    assert stored.read_bytes() == archive
    assert f"Kept the original as data/sources/{HARBOUR}.orig.warc.gz ({len(gzip.decompress(archive)):,} bytes, gzip-compressed).\n" in result.output
    data = source_yaml(project, HARBOUR)
    assert (
        f'  file: "{HARBOUR}.orig.warc.gz"\n  media_type: "application/warc"\n  size: {len(gzip.decompress(archive))}\n'
        f'  sha256: "{sha256(gzip.decompress(archive))}"\n  record: "{HARBOUR_URL}"\n'
    ) in data
    assert f'url: "{HARBOUR_URL}"\n' in data
    assert 'title: "Seoul says 1,500 North Korean soldiers are already in Russia"\n' in data
    assert archived(project, HARBOUR).endswith("The White House said it could not yet confirm the agency's findings but was consulting closely with Seoul.\n")
    assert project.run("validate").exit_code == 0


def test_a_web_archive_with_several_pages_needs_record(project: Project) -> None:
    other = (PAGES / "kestrel-singlefile.html").read_bytes()
    kestrel_url = "https://kestreldaily.example/defence/north-korea-could-send-100000"
    project.path("two.warc.gz").write_bytes(warc((HARBOUR_URL, "text/html", HARBOUR_HTML, 200), (kestrel_url, "text/html; charset=UTF-8", other, 200)))
    before = project.files()
    result = project.run("ingest", str(project.path("two.warc.gz")), "--create-outlet")
    assert result.exit_code == 1
    assert (
        f"two.warc.gz:1:1: web archive holds 2 HTML responses; which one is the article? Hint: name it with --record URI, one of: {HARBOUR_URL}; {kestrel_url}.\n"
    ) in result.output
    result = project.run("ingest", str(project.path("two.warc.gz")), "--record", "https://example.org/nope")
    assert 'web archive has no HTML response for --record "https://example.org/nope".' in result.output
    assert project.files() == before
    result = project.run("ingest", str(project.path("two.warc.gz")), "--record", kestrel_url, "--create-outlet")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Reading {kestrel_url} (--record; HTML response 2 of 2, archived ")
    assert f'  record: "{kestrel_url}"\n' in source_yaml(project, KESTREL)


# --- the same article again -----------------------------------------------------------------------


def test_the_same_article_from_another_format_is_refused_then_attached_with_replace_archive(project: Project) -> None:
    ingest_page(project, "harbour-ledger.html", "--create-outlet")
    text_before = archived(project, HARBOUR)
    digest_line = f'sha256: "{sha256(text_before.encode())}"\n'
    archive = harbour_warc()
    project.path("crawl.warc.gz").write_bytes(archive)
    before = project.files()
    result = project.run("ingest", str(project.path("crawl.warc.gz")))
    assert result.exit_code == 1
    assert (
        f'crawl.warc.gz:1:1: this article is already archived as source "{HARBOUR}" (data/sources/{HARBOUR}.txt): its text is the same. '
        f"Hint: cite it in claims with --source {HARBOUR}, or add --replace-archive to keep this file as its original.\n"
    ) in result.output
    assert project.files() == before
    result = project.run("ingest", str(project.path("crawl.warc.gz")), "--replace-archive")
    assert result.exit_code == 0, result.output
    assert f"Attaching application/warc original to source {HARBOUR}; its text and sha256 are unchanged.\n" in result.output
    assert not project.path(f"data/sources/{HARBOUR}.orig.html").exists()
    assert project.path(f"data/sources/{HARBOUR}.orig.warc.gz").read_bytes() == archive
    assert archived(project, HARBOUR) == text_before
    data = source_yaml(project, HARBOUR)
    assert digest_line in data
    assert '  media_type: "application/warc"\n' in data and f'  record: "{HARBOUR_URL}"\n' in data
    assert project.run("validate").exit_code == 0


def test_a_plain_text_article_gets_its_saved_page_attached(project: Project) -> None:
    sample = project.path("data/sources/2024-10-18-sample.txt").read_text(encoding="utf-8")
    body = "".join(f"<p>{line}</p>\n" for line in sample.splitlines())
    page = f"<!DOCTYPE html><html><head><title>Sample headline about troops</title></head><body><article>{body}</article></body></html>"
    project.write("sample.html", page)
    result = project.run("ingest", str(project.path("sample.html")))
    assert result.exit_code == 1
    assert (
        'sample.html:1:1: this article is already archived as source "2024-10-18-sample" (data/sources/2024-10-18-sample.txt): its text is the same.'
        in result.output
    )
    result = project.run("ingest", str(project.path("sample.html")), "--replace-archive")
    assert result.exit_code == 0, result.output
    data = source_yaml(project, "2024-10-18-sample")
    # The hand-written file keeps every line as it was; the original is added at its end.
    before = (Path(__file__).parent / "fixtures/minimal/data/sources/2024-10-18-sample.yml").read_text(encoding="utf-8")
    assert data == before + (
        "original:\n"
        '  file: "2024-10-18-sample.orig.html"\n'
        '  media_type: "text/html"\n'
        f"  size: {len(page.encode())}\n"
        f'  sha256: "{sha256(page.encode())}"\n'
        f'  extracted_with: "{webpage.extractor_version()}"\n'
    )
    assert project.run("validate").exit_code == 0


# --- the source page ------------------------------------------------------------------------------


def test_the_built_source_page_shows_the_page_metadata_and_links_quotes_to_the_original(site_project: Project) -> None:
    ingest_page(site_project, "harbour-ledger.html", "--create-outlet")
    quote = "North Korea had already sent about 1,500 special forces soldiers to Russia's Far East"
    result = site_project.run(
        "new",
        "claim",
        "--source",
        HARBOUR,
        "--quote",
        quote,
        "--actor",
        "russia",
        "--figure",
        "nk-troops-planned",
        "--value",
        "about 1,500",
        "--hedge",
        "about",
        "--low",
        "1500",
        "--high",
        "1500",
        "--stance",
        "asserts",
        "--statement",
        "About 1,500 soldiers were sent.",
        "--no-input",
    )
    assert result.exit_code == 0, result.output
    result = site_project.run("build")
    assert result.exit_code == 0, result.output
    html = site_project.path(f"site/sources/{HARBOUR}.html").read_text(encoding="utf-8")
    # The quote's first and last four words, as the text-fragment spec's start,end form.
    assert re.findall(r'href="([^"]*~:text[^"]*)"', html) == [f"{HARBOUR_URL}#:~:text=North%20Korea%20had%20already,to%20Russia%27s%20Far%20East"]
    assert ">Seoul says 1,500 North Korean soldiers are already in Russia<" in html
    assert f'<a href="{HARBOUR_URL}">{HARBOUR_URL}</a>' in html
    assert "The Harbour Ledger" in html
    assert "18 Oct 2024" in html or "18 October 2024" in html
    assert f"kept in the repository as <code>data/sources/{HARBOUR}.orig.html</code>" in html


# --- the How to edit page -------------------------------------------------------------------------

HOW_TO = Path(__file__).parent.parent / "briefings" / "how-to-edit.md"
VALDORIA_HOME = b"""<!DOCTYPE html><html lang="en"><head><title>The Valdoria Courier</title></head><body>
<nav><a href="/news">News</a> <a href="/politics">Politics</a></nav><h1>Today's news</h1>
<ul><li><a href="/news/2024/11/20/navy-exercises-marren-strait">Valdorian navy begins exercises near the Marren Strait</a></li></ul></body></html>"""


def test_how_to_edit_walks_through_a_saved_page_and_a_web_archive(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command the section shows, run in order, prints exactly what the section says."""
    section = HOW_TO.read_text(encoding="utf-8").split("## Archive a saved web page or a web archive", 1)[1].split("\n## ", 1)[0]
    monkeypatch.chdir(project.root)
    article = (PAGES / "valdoria-courier.html").read_bytes()
    project.path("valdoria-navy.html").write_bytes(article)
    url = "https://courier.example/news/2024/11/20/navy-exercises-marren-strait"
    project.path("valdoria-navy.warc.gz").write_bytes(
        warc(("https://courier.example/", "text/html", VALDORIA_HOME, 200), (url, "text/html; charset=utf-8", article, 200))
    )
    steps = [
        (command, output)
        for block in re.findall(r"```console\n(.*?)```", section, flags=re.S)
        for command, output in re.findall(r"^\$ (.*)\n((?:(?!\$ ).*\n)*)", block, flags=re.M)
    ]
    assert [command.split()[:3] for command, _ in steps] == [["briefing", "ingest", "valdoria-navy.html"]] + [
        ["briefing", "ingest", "valdoria-navy.warc.gz"]
    ] * 2
    for command, output in steps:
        result = project.run(*shlex.split(command)[1:])
        assert result.output == output, command
    result = project.run("validate")
    assert result.exit_code == 0, result.output


def test_ingest_needs_no_network(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction, dates and archives are read offline: any attempt to connect fails the test."""
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    project.path("crawl.warc.gz").write_bytes(harbour_warc())
    ingest_page(project, "northern-wire.html", "--create-outlet")
    result = project.run("ingest", str(project.path("crawl.warc.gz")), "--create-outlet")
    assert result.exit_code == 0, result.output
    # A page without a date field falls back to htmldate, which must not fetch anything either.
    page = (PAGES / "kestrel-singlefile.html").read_bytes().replace(b'"datePublished":"2024-11-18","dateModified":"2024-11-18",', b"")
    page = page.replace(b"</h1>", b'</h1>\n<p class="dateline"><time datetime="2024-11-18T07:00:00Z">18 November 2024</time></p>', 1)
    project.path("undated.html").write_bytes(page)
    result = project.run("ingest", str(project.path("undated.html")), "--create-outlet")
    assert result.exit_code == 0, result.output
    data = source_yaml(project, KESTREL)
    assert '  date: "2024-11-18"\n  basis: "inferred"\n  note: "The page states no publication date in a structured field; htmldate found this date' in data


def test_git_keeps_originals_byte_for_byte() -> None:
    """data/** is normalised to LF for the texts; an original's CRLF or gzip bytes must not be."""
    import subprocess

    repo = Path(__file__).parent.parent
    names = ["data/sources/a.orig.html", "data/sources/a.orig.warc.gz", "data/sources/a.txt"]
    done = subprocess.run(["git", "-C", str(repo), "check-attr", "text", "diff", "--", *names], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [
        "data/sources/a.orig.html: text: unset",
        "data/sources/a.orig.html: diff: unspecified",
        "data/sources/a.orig.warc.gz: text: unset",
        "data/sources/a.orig.warc.gz: diff: unset",
        "data/sources/a.txt: text: set",
        "data/sources/a.txt: diff: unspecified",
    ]


def test_a_single_file_page_without_an_address_field_gives_the_address_it_was_saved_from(project: Project) -> None:
    page = re.sub(rb',"mainEntityOfPage":\{[^}]*\}', b"", (PAGES / "kestrel-singlefile.html").read_bytes())
    project.path("saved.html").write_bytes(page)
    result = project.run("ingest", str(project.path("saved.html")), "--create-outlet")
    assert result.exit_code == 0, result.output
    assert (
        'url: "https://kestreldaily.example/defence/north-korea-could-send-100000"\n'
        'url_basis: "stated"\n'
        'url_note: "Stated in SingleFile\'s saved-from comment."\n'
    ) in source_yaml(project, KESTREL)


def test_options_override_the_page_and_are_recorded_as_given(project: Project) -> None:
    result = project.run(
        "ingest",
        str(PAGES / "harbour-ledger.html"),
        "--title",
        "North Korean soldiers in Russia, Seoul says",
        "--published",
        "2024-10-19",
        "--url",
        "https://archive.example/harbour/seoul",
        "--outlet",
        "sample-outlet",
        "--language",
        "en",
    )
    assert result.exit_code == 0, result.output
    data = source_yaml(project, "2024-10-19-north-korean-soldiers-in-russia-seoul-says")
    assert (
        'title: "North Korean soldiers in Russia, Seoul says"\n'
        'title_basis: "inferred"\n'
        'title_note: "Given with --title. The page states \\"Seoul says 1,500 North Korean soldiers are already in Russia\\" in JSON-LD NewsArticle.headline."\n'
        'outlet: "sample-outlet"\n'
        'outlet_note: "Given with --outlet. The page names \\"The Harbour Ledger\\" in JSON-LD NewsArticle.publisher.name."\n'
        'url: "https://archive.example/harbour/seoul"\n'
        f'url_note: "Given with --url. The page states \\"{HARBOUR_URL}\\" in <link rel=\\"canonical\\">."\n'
        "published:\n"
        '  date: "2024-10-19"\n'
        '  basis: "stated"\n'
        '  note: "Given with --published. The page states 2024-10-18 in JSON-LD NewsArticle.datePublished."\n'
        'language: "en"\n'
    ) in data
    assert not project.path("data/actors/the-harbour-ledger.yml").exists()
    assert project.run("validate").exit_code == 0


def test_a_dry_run_of_a_page_shows_every_file_and_writes_nothing(project: Project) -> None:
    before = project.files()
    result = project.run("ingest", str(PAGES / "harbour-ledger.html"), "--create-outlet", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        f"Would archive data/sources/{HARBOUR}.txt (1,313 characters).\n"
        f"Would keep the original as data/sources/{HARBOUR}.orig.html.\n"
        "Would write data/actors/the-harbour-ledger.yml:\n\n# yaml-language-server: $schema=../../generator/schemas/actor.schema.json\n"
    )
    assert f"Would write data/sources/{HARBOUR}.yml:\n\n# yaml-language-server:" in result.output
    assert result.output.endswith("Dry run: nothing was written.\n")
    assert project.files() == before
