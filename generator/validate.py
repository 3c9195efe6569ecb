"""Check every file in ``data/`` and build the corpus, or report every problem at once.

Checks run in three passes, each over every file, so that one run shows an editor
all there is to fix:

1. reading: size, encoding and YAML (see :mod:`generator.load`);
2. schema: the JSON Schema of the file's kind, from ``generator/schemas/``;
3. corpus: file names match ids, references resolve, quotes occur verbatim in the
   archived texts, hashes match, bounds and dates make sense.

A file that fails pass 1 or 2 is left out of pass 3, so one mistake is reported
once, not again as a cascade of unresolved references.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar, cast

import jsonschema

from generator import model
from generator.errors import Problem, ValidationFailed
from generator.load import Document, PathKey, load_yaml, read_text
from generator.quotes import Normalised, closest_passage, locate, normalise

SCHEMA_DIR = Path(__file__).parent / "schemas"
#: Largest archived text read, in bytes.
MAX_TEXT_BYTES = 5 * 1024 * 1024
_T = TypeVar("_T")
#: Ids that would collide with the site's own pages.
RESERVED_IDS = frozenset({"index", "all", "search", "assets", "downloads"})
#: Device names Windows will not create as files, whatever the extension: a page named
#: ``con.html`` would stop the offline edition from unzipping there.
WINDOWS_DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})


@cache
def schema_of(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind: source, actor, figure or claim."""
    return json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))


@cache
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema_of(kind))


@dataclass
class _Run:
    root: Path
    problems: list[Problem] = field(default_factory=list)
    docs: dict[str, dict[str, Document]] = field(default_factory=dict)
    #: Every id on disk, valid or not, so that a broken file does not also break references to it.
    known: dict[str, set[str]] = field(default_factory=dict)
    texts: dict[str, tuple[str, Normalised]] = field(default_factory=dict)
    cache: ReadCache | None = None

    def add(self, doc: Document, at: PathKey, message: str, hint: str | None = None, *, key: bool = False) -> None:
        line, col = doc.position(at, key=key)
        self.problems.append(Problem(doc.path, line, col, message, hint))


class ReadCache:
    """What reading and schema-checking each file found, reused while the file is unchanged.

    The live preview validates the whole corpus on every save; with this cache it parses
    only the files that changed. A file counts as unchanged while its size, inode and
    modification and change times are (editors that save by renaming get a new inode).
    Cached documents are never mutated by validation, so sharing them is safe.
    """

    def __init__(self) -> None:
        self._entries: dict[tuple[Path, str], tuple[tuple[int, ...], Any]] = {}
        self._records: dict[int, tuple[Document, tuple[Any, ...], Any]] = {}

    def record(self, doc: Document, extra: tuple[Any, ...], build: Callable[[], _T]) -> _T:
        """The model record built from ``doc`` (and ``extra`` inputs), rebuilt only when either changed."""
        hit = self._records.get(id(doc))
        if hit is not None and hit[0] is doc and hit[1] == extra:
            return cast(_T, hit[2])
        value = build()
        self._records[id(doc)] = (doc, extra, value)
        return value

    def get(self, path: Path, what: str, compute: Callable[[], _T]) -> _T:
        info = path.stat()
        signature = (info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)
        hit = self._entries.get((path, what))
        if hit is not None and hit[0] == signature:
            return cast(_T, hit[1])
        value = compute()
        self._entries[(path, what)] = (signature, value)
        return value


def validate(root: Path, cache: ReadCache | None = None) -> model.Corpus:
    """Validate ``root/data`` and return the corpus. Raises :class:`ValidationFailed` with every problem.

    ``cache`` (see :class:`ReadCache`) skips re-reading files that have not changed since the last call.
    """
    run = _Run(root)
    run.cache = cache
    for folder, kind in model.KINDS.items():
        run.docs[folder] = {}
        run.known[folder] = set()
        for path in _files(run, folder):
            shown = f"data/{folder}/{path.name}"
            run.known[folder].add(path.stem)
            _read_into(run, folder, kind, path, shown)
    _check_ids(run)
    _check_sources(run)
    _check_actors(run)
    _check_figures(run)
    spans = _check_claims(run)
    _check_no_review(run)
    if run.problems:
        raise ValidationFailed(run.problems)
    return _build(run, spans)


def _read(path: Path, shown: str, kind: str) -> tuple[Document | None, list[Problem], list[Problem]]:
    """Passes 1 and 2 for one file: what reading and the schema found, to keep in a ReadCache."""
    doc, problems = load_yaml(path, shown)
    if doc is None:
        return None, problems, []
    # Check the schema even when reading found problems, so a typo elsewhere in the
    # file is reported in the same run; a value already reported is not reported twice.
    reported = {(p.line, p.col) for p in problems}
    return doc, problems, [p for p in schema_problems(doc, kind) if (p.line, p.col) not in reported]


def _read_into(run: _Run, folder: str, kind: str, path: Path, shown: str) -> None:
    """Read one file (from the cache when unchanged); keep the document for pass 3 only when clean."""
    read = partial(_read, path, shown, kind)
    doc, problems, from_schema = run.cache.get(path, "yaml", read) if run.cache else read()
    run.problems.extend(problems)
    if doc is None:
        return
    run.problems.extend(from_schema)
    if not problems and not from_schema:
        run.docs[folder][path.stem] = doc


def _files(run: _Run, folder: str) -> Iterator[Path]:
    base = run.root / "data" / folder
    if _linked(run, base.parent) or _linked(run, base):
        # Names only, so that references into the linked folder are not reported again; no file is read.
        run.known[folder].update(p.stem for p in base.glob("*.yml"))
        return
    if not base.is_dir():
        return
    pages: dict[str, Path] = {}
    # scandir knows each entry's type without a stat. Lowercase names sort first, so that of
    # two names differing in case, the other one is reported.
    with os.scandir(base) as found:
        entries = sorted(found, key=lambda e: (e.name.casefold(), e.name != e.name.lower(), e.name))
    for entry in entries:
        path = Path(entry.path)
        shown = f"data/{folder}/{path.name}"
        if path.name.startswith("."):
            continue
        if _linked(run, path):
            if path.suffix == ".yml":
                run.known[folder].add(path.stem)  # reported once, not again by every reference to it
            continue
        if _same_page(run, pages, path):
            continue
        if path.suffix == ".yml" and entry.is_file():
            yield path
        elif path.suffix == ".yaml":
            run.problems.append(Problem(shown, 1, 1, "data files end in .yml, so this file would be ignored.", f"rename it to {path.stem}.yml."))
        elif not (folder == "sources" and path.suffix == ".txt"):
            run.problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    f"unexpected file in data/{folder}/.",
                    f"data/{folder}/ holds only <id>.yml files" + (" and their <id>.txt texts." if folder == "sources" else "."),
                )
            )


def _linked(run: _Run, path: Path) -> bool:
    """Report a symbolic link in data/. Links are never followed, wherever they point.

    A link to a file outside the repository would publish whatever it names (a key,
    /etc/passwd) under the look of reviewed data, and a link inside it would make one
    record two. Git stores links as links, so a pull request can carry one.
    """
    if not path.is_symlink():
        return False
    target = Path(os.readlink(path))
    resolved = (path.parent / target).resolve()
    if resolved.is_relative_to(run.root.resolve()):
        where = f"to {resolved.relative_to(run.root.resolve()).as_posix()}"
    else:
        where = f"outside the repository, to {target.as_posix()}"
    shown = path.relative_to(run.root).as_posix()
    problem = Problem(
        shown, 1, 1, f"symbolic links are not allowed in data/; this one points {where}.", "replace the link with a regular file; links are never followed."
    )
    if problem not in run.problems:  # data/ itself is checked once per kind
        run.problems.append(problem)
    return True


def _same_page(run: _Run, pages: dict[str, Path], path: Path) -> bool:
    """Report a file whose name differs from an earlier one only in case or Unicode form.

    Both would become one page on case-insensitive file systems (macOS, Windows, most
    zip tools), where one silently replaces the other.
    """
    key = unicodedata.normalize("NFKC", path.stem).casefold() + path.suffix.casefold()
    first = pages.setdefault(key, path)
    if first == path:
        return False
    shown = path.relative_to(run.root).as_posix()
    run.problems.append(
        Problem(
            shown,
            1,
            1,
            f"{path.name} and {first.name} would become the same page on case-insensitive systems.",
            f"ids are lowercase: keep the record in {first.name}, and remove {path.name} or give it another id.",
        )
    )
    return True


# --- pass 2: schema -----------------------------------------------------------------------------

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping of fields",
    "array": "a list",
    "null": "null",
}


def _describe_value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{value}"' if len(value) < 60 else f'the text "{value[:57]}…"'
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _field_name(at: Iterable[str | int]) -> str:
    name = ""
    for part in at:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "the file"


def schema_problems(doc: Document, kind: str) -> Iterator[Problem]:
    for error in _validator(kind).iter_errors(doc.data):
        yield from _explain(doc, error, kind)


def _explain(doc: Document, error: jsonschema.ValidationError, kind: str) -> Iterator[Problem]:
    at: PathKey = tuple(error.absolute_path)
    name = _field_name(at)
    line, col = doc.position(at)
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    description = schema.get("description")
    rule: Any = error.validator_value
    match error.validator:
        case "additionalProperties":
            allowed = sorted(schema.get("properties", {}))
            for extra in sorted(set(cast(dict[str, Any], error.instance)) - set(allowed)):
                kline, kcol = doc.position(at + (extra,), key=True)
                guess = difflib.get_close_matches(extra, allowed, n=1)
                hint = f'did you mean "{guess[0]}"? ' if guess else ""
                where = f"a {kind}" if not at else f"{name}"
                yield Problem(doc.path, kline, kcol, f'unknown field "{extra}" in {where}.', f"{hint}Allowed fields: {', '.join(allowed)}.")
        case "required":
            missing = error.message.split("'")[1]
            # Inside an if/then the failing subschema has no properties: describe from the kind's schema.
            props = schema.get("properties") or (schema_of(kind)["properties"] if not at else {})
            what = props.get(missing, {}).get("description")
            where = f"a {kind}" if not at else name
            yield Problem(doc.path, line, col, f'missing required field "{missing}" in {where}.', what or _inferred_hint(missing))
        case "type":
            expected = rule if isinstance(rule, list) else [rule]
            wanted = " or ".join(_TYPE_NAMES[t] for t in expected)
            yield Problem(doc.path, line, col, f"{name}: expected {wanted} but received {_describe_value(error.instance)}.", description)
        case "enum" | "const":
            options = rule if error.validator == "enum" else [rule]
            guess = difflib.get_close_matches(str(error.instance), [str(o) for o in options], n=1)
            hint = f'did you mean "{guess[0]}"? ' if guess else ""
            yield Problem(
                doc.path,
                line,
                col,
                f"{name}: {_describe_value(error.instance)} is not one of: {', '.join(map(str, options))}.",
                f"{hint}{description or ''}".strip() or None,
            )
        case "pattern":
            yield Problem(doc.path, line, col, f"{name}: {_describe_value(error.instance)} is not {_pattern_name(rule)}.", description)
        case "minLength":
            yield Problem(doc.path, line, col, f"{name}: must not be empty.", description)
        case "maxLength":
            yield Problem(doc.path, line, col, f"{name}: is longer than {rule} characters.", description)
        case "minItems":
            yield Problem(doc.path, line, col, f"{name}: needs at least {rule} entry.", description)
        case "uniqueItems":
            yield Problem(doc.path, line, col, f"{name}: lists the same entry twice.", "remove the repeated entry.")
        case "anyOf" | "oneOf":
            if error.context and all(sub.validator == "required" for sub in error.context):
                options = [sub.message.split("'")[1] for sub in error.context]
                yield Problem(doc.path, line, col, f"{name}: needs at least one of: {', '.join(options)}.", description)
            else:
                best = jsonschema.exceptions.best_match(error.context or [])
                if best is not None and best.validator != "type":
                    yield from _explain(doc, best, kind)
                else:
                    yield Problem(doc.path, line, col, f"{name}: {_describe_value(error.instance)} is not allowed here.", description)
        case _:
            yield Problem(doc.path, line, col, f"{name}: {error.message}.", description)


def _inferred_hint(missing: str) -> str:
    if missing == "note":
        return "an inferred date needs a note saying how it was worked out."
    return f'add the field "{missing}".'


def _pattern_name(pattern: str) -> str:
    return {
        "^[a-z0-9]+(-[a-z0-9]+)*$": "a valid id (lowercase letters, digits and single hyphens, such as olaf-scholz)",
        "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$": "a date in the form YYYY-MM-DD or YYYY-MM",
        "^https?://[^\\s]+$": "an http or https address",
        "^[0-9a-f]{64}$": "a SHA-256 hash (64 lowercase hexadecimal digits)",
        "^[A-Z]{2}$": "a two-letter country code such as DE",
    }.get(pattern, f"in the expected form ({pattern})")


# --- pass 3: the corpus --------------------------------------------------------------------------


def _check_ids(run: _Run) -> None:
    for docs in run.docs.values():
        for stem, doc in docs.items():
            ident = doc.data["id"]
            if ident != stem:
                run.add(doc, ("id",), f'id "{ident}" does not match the file name {stem}.yml.', f"rename the file to {ident}.yml, or set id: {stem}.")
            elif ident in RESERVED_IDS:
                run.add(doc, ("id",), f'id "{ident}" is reserved for the site\'s own pages.', "choose a more specific id.")
            elif ident in WINDOWS_DEVICE_NAMES:
                run.add(doc, ("id",), f'id "{ident}" is a device name on Windows, which cannot hold a page of that name.', "choose a more specific id.")


def _reference(run: _Run, doc: Document, at: PathKey, folder: str, ident: str) -> bool:
    if ident in run.known[folder]:
        return True
    singular = model.KINDS[folder]
    guess = difflib.get_close_matches(ident, sorted(run.known[folder]), n=1, cutoff=0.6)
    hint = f'did you mean "{guess[0]}"?' if guess else f"add data/{folder}/{ident}.yml, or use the id of an existing {singular}."
    run.add(doc, at, f'unknown {singular} "{ident}".', hint)
    return False


def _check_date(run: _Run, doc: Document, at: PathKey, value: dict[str, Any] | None) -> bool:
    if value is None:
        return True
    text = value["date"]
    try:
        if len(text) == 10:
            dt.date.fromisoformat(text)
        else:
            dt.date.fromisoformat(text + "-01")
    except ValueError:
        run.add(doc, at + ("date",), f'"{text}" is not a real calendar date.', "check the month and day.")
        return False
    return True


def _check_sources(run: _Run) -> None:
    base = run.root / "data" / "sources"
    for stem, doc in run.docs["sources"].items():
        data = doc.data
        text_path = base / f"{stem}.txt"
        if text_path.is_symlink():
            pass  # reported by _linked, and never read
        elif not text_path.is_file():
            run.add(
                doc,
                ("id",),
                f"archived text data/sources/{stem}.txt is missing.",
                "every source keeps its verbatim text beside its metadata; add it with briefing ingest.",
            )
        else:
            read = partial(_read_archive, text_path, text_path.relative_to(run.root).as_posix())
            digest, text, problems, normalised = run.cache.get(text_path, "text", read) if run.cache else read()
            if digest is not None and digest != data["sha256"]:
                run.add(
                    doc,
                    ("sha256",),
                    f"sha256 does not match data/sources/{stem}.txt, which hashes to {digest}.",
                    "archived texts must not change. If this is a deliberate re-archive of the article, "
                    f'set sha256: "{digest}" in the same pull request and say in it why the text changed.',
                )
            run.problems.extend(problems)
            if text is not None and normalised is not None:
                run.texts[stem] = (text, normalised)
        _check_date(run, doc, ("published",), data["published"])
        if data["outlet"] is not None:
            _reference(run, doc, ("outlet",), "actors", data["outlet"])
        for i, relay in enumerate(data.get("relays", ())):
            _reference(run, doc, ("relays", i), "actors", relay)
    for path in sorted(base.glob("*.txt")) if base.is_dir() else ():
        if path.stem not in run.known["sources"] and not path.is_symlink():
            run.problems.append(
                Problem(
                    path.relative_to(run.root).as_posix(),
                    1,
                    1,
                    "archived text has no metadata file.",
                    f"add data/sources/{path.stem}.yml, or remove the text if it was added by mistake.",
                )
            )


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _read_archive(path: Path, shown: str) -> tuple[str | None, str | None, list[Problem], Normalised | None]:
    """Hash and read an archived text. An oversized one is reported by read_text, never read whole."""
    digest = _sha256(path) if path.stat().st_size <= MAX_TEXT_BYTES else None
    text, problems = read_text(path, shown, MAX_TEXT_BYTES)
    return digest, text, problems, Normalised.of(text) if text is not None else None


def _check_actors(run: _Run) -> None:
    owner: dict[str, str] = {}
    for stem, doc in run.docs["actors"].items():
        for name in [doc.data["name"], *doc.data.get("aliases", ())]:
            owner.setdefault(name.casefold(), stem)
    for stem, doc in run.docs["actors"].items():
        part_of = doc.data.get("part_of")
        if part_of is not None:
            if part_of == stem:
                run.add(doc, ("part_of",), "an actor cannot be part of itself.", "name the body this actor belongs to, or remove part_of.")
            else:
                _reference(run, doc, ("part_of",), "actors", part_of)
        for i, alias in enumerate(doc.data.get("aliases", ())):
            other = owner.get(alias.casefold())
            if other is not None and other != stem:
                run.add(
                    doc,
                    ("aliases", i),
                    f'alias "{alias}" is already a name or alias of actor "{other}".',
                    "an alias must point to one actor, or search cannot tell them apart.",
                )


def _check_figures(run: _Run) -> None:
    for stem, doc in run.docs["figures"].items():
        for i, other in enumerate(doc.data.get("related", ())):
            if other == stem:
                run.add(doc, ("related", i), "a figure cannot be related to itself.", "remove it from related.")
            else:
                _reference(run, doc, ("related", i), "figures", other)


def _check_claims(run: _Run) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    sources = run.docs["sources"]
    for stem, doc in run.docs["claims"].items():
        data = doc.data
        _reference(run, doc, ("actor",), "actors", data["actor"])
        if "figure" in data:
            _reference(run, doc, ("figure",), "figures", data["figure"])
        claimed_ok = _check_date(run, doc, ("claimed_on",), data["claimed_on"])
        _check_date(run, doc, ("as_of",), data.get("as_of"))
        value = data.get("value")
        if value and "low" in value and "high" in value and value["low"] > value["high"]:
            run.add(
                doc,
                ("value", "low"),
                f"value.low ({value['low']:g}) is greater than value.high ({value['high']:g}).",
                "low is the smallest value the words allow and high the largest; swap them.",
            )
        found: list[tuple[int, int]] = []
        quotes: list[str] = []
        for i, citation in enumerate(data["citations"]):
            at: PathKey = ("citations", i)
            source_id = citation["source"]
            for j, via in enumerate(citation.get("via", ())):
                _reference(run, doc, at + ("via", j), "actors", via)
            if not _reference(run, doc, at + ("source",), "sources", source_id):
                continue
            quotes.append(normalise(citation["quote"]))
            if source_id in run.texts:
                span = locate(run.texts[source_id][1], citation["quote"])
                if span is None:
                    passage = closest_passage(run.texts[source_id][1], citation["quote"])
                    closest = f'; the closest passage is "{passage}"' if passage else ""
                    run.add(
                        doc,
                        at + ("quote",),
                        f"quote not found in data/sources/{source_id}.txt.",
                        f"copy it exactly: only spacing and curly versus straight quotes may differ{closest}",
                    )
                else:
                    found.append(span)
            published = sources[source_id].data["published"] if source_id in sources else None
            claimed = data["claimed_on"]
            if claimed_ok and claimed and published and not model.not_after(claimed["date"], published["date"]):
                run.add(
                    doc,
                    ("claimed_on", "date"),
                    f'claimed_on {claimed["date"]} is after source "{source_id}" was published ({published["date"]}).',
                    "a source cannot report a claim made after it was published; check both dates.",
                )
        if value and quotes and not any(normalise(value["text"]) in q for q in quotes):
            run.add(
                doc,
                ("value", "text"),
                f'value.text "{value["text"]}" does not appear in any of this claim\'s quotes.',
                'copy the value\'s words from a quote, such as "up to 15,000".',
            )
        spans[stem] = found
    return spans


def _build(run: _Run, spans: dict[str, list[tuple[int, int]]]) -> model.Corpus:
    corpus = model.Corpus()
    docs = run.docs

    def make(doc: Document, build: Callable[..., _T], *extra: Any) -> _T:
        if run.cache is None:
            return build(doc.data, doc.path, *extra)
        return run.cache.record(doc, extra, lambda: build(doc.data, doc.path, *extra))

    for stem in sorted(docs["sources"]):
        corpus.sources[stem] = make(docs["sources"][stem], model.build_source, run.texts[stem][0])
    for stem in sorted(docs["actors"]):
        corpus.actors[stem] = make(docs["actors"][stem], model.build_actor)
    for stem in sorted(docs["figures"]):
        corpus.figures[stem] = make(docs["figures"][stem], model.build_figure)
    for stem in sorted(docs["claims"]):
        corpus.claims[stem] = make(docs["claims"][stem], model.build_claim, spans[stem])
    return corpus


# --- drafts --------------------------------------------------------------------------------------

#: Kinds a drafts folder may hold: sources are archived with briefing ingest, never drafted.
DRAFT_KINDS = ("actors", "figures", "claims")


def _check_no_review(run: _Run) -> None:
    for folder in DRAFT_KINDS:
        for doc in run.docs.get(folder, {}).values():
            if "review" in doc.data:
                run.add(
                    doc,
                    ("review",),
                    "review remarks belong to drafts, not to curated data.",
                    "resolve each remark, then delete the review field.",
                    key=True,
                )


def validate_drafts(root: Path) -> tuple[list[str], list[Problem]]:
    """Check each ``data/drafts/<source-id>/`` folder as an overlay on the curated data.

    A drafts folder holds ``claims/``, ``actors/`` and ``figures/`` as ``briefing suggest --write``
    writes them. Each folder is validated with the curated files plus its own, by the same rules,
    so a draft may refer to curated or drafted actors and figures and its quotes are checked
    against the archived text. Only problems in the drafts themselves are returned (curated
    files are checked by :func:`validate`), with one summary line per clean folder.
    """
    base = root / "data" / "drafts"
    summaries: list[str] = []
    problems: list[Problem] = []
    if not base.is_dir():
        return summaries, problems
    for folder in sorted(base.iterdir()):
        shown = folder.relative_to(root).as_posix()
        if folder.name.startswith("."):
            continue
        if not folder.is_dir():
            problems.append(
                Problem(shown, 1, 1, "unexpected file in data/drafts/.", "data/drafts/ holds one folder per source id, as briefing suggest --write makes them.")
            )
            continue
        found = _validate_draft_folder(root, folder)
        problems.extend(found)
        if not found:
            counts = {kind: len(list((folder / kind).glob("*.yml"))) for kind in (*DRAFT_KINDS, "citations")}
            parts = [f"{counts[k]} {k[:-1]}{'' if counts[k] == 1 else 's'}" for k in ("claims", "actors", "figures")]
            if counts["citations"]:
                parts.append(f"{counts['citations']} citation{'' if counts['citations'] == 1 else 's'} to add")
            summaries.append(f"Drafts for {folder.name}: {', '.join(parts)}: OK")
    return summaries, problems


def _validate_draft_folder(root: Path, folder: Path) -> list[Problem]:
    run = _Run(root)
    prefix = folder.relative_to(root).as_posix() + "/"
    own: list[Problem] = []
    # citations/<claim-id>.yml is a curated claim with one more citation: it is read in place of the curated file.
    cited = {p.stem: p for p in sorted((folder / "citations").glob("*.yml"))} if (folder / "citations").is_dir() else {}
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or (entry.is_dir() and entry.name in (*DRAFT_KINDS, "citations")):
            continue
        own.append(
            Problem(
                entry.relative_to(root).as_posix(),
                1,
                1,
                f"unexpected {'folder' if entry.is_dir() else 'file'} in a drafts folder.",
                "a drafts folder holds only claims/, actors/, figures/ and citations/.",
            )
        )
    for kind_folder, kind in model.KINDS.items():
        run.docs[kind_folder] = {}
        run.known[kind_folder] = set()
        curated = list(_files(run, kind_folder))
        drafted: list[Path] = []
        draft_dir = folder / kind_folder
        if kind_folder in DRAFT_KINDS and draft_dir.is_dir():
            for path in sorted(draft_dir.iterdir()):
                if path.name.startswith("."):
                    continue
                if path.suffix == ".yml" and path.is_file():
                    drafted.append(path)
                else:
                    own.append(
                        Problem(
                            path.relative_to(root).as_posix(), 1, 1, f"unexpected file in {prefix}{kind_folder}/.", f"it holds only <id>.yml {kind} drafts."
                        )
                    )
        curated_stems = {path.stem for path in curated}
        if kind_folder == "claims":
            curated = [cited.get(path.stem, path) for path in curated]
            for stem in sorted(set(cited) - curated_stems):
                own.append(
                    Problem(
                        cited[stem].relative_to(root).as_posix(),
                        1,
                        1,
                        f'no curated claim "{stem}" to add a citation to.',
                        "a file in citations/ is a curated claim of data/claims/ with one more citation, named after it.",
                    )
                )
        for path in curated + drafted:
            shown = path.relative_to(root).as_posix()
            if path in drafted and path.stem in curated_stems:
                own.append(
                    Problem(
                        shown,
                        1,
                        1,
                        f'id "{path.stem}" is already used by data/{kind_folder}/{path.stem}.yml.',
                        "rename the draft and its id; a draft must never replace curated data.",
                    )
                )
                continue
            run.known[kind_folder].add(path.stem)
            _read_into(run, kind_folder, kind, path, shown)
    if folder.name not in run.known["sources"]:
        own.append(
            Problem(prefix.rstrip("/"), 1, 1, f'drafts for unknown source "{folder.name}".', "a drafts folder is named after the source its drafts come from.")
        )
    _check_ids(run)
    _check_sources(run)
    _check_actors(run)
    _check_figures(run)
    _check_claims(run)
    return own + [p for p in run.problems if p.path.startswith(prefix)]
