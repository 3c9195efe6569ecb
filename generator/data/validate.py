"""Check every file in ``data/`` and build the corpus, or report every problem at once.

Checks run in three passes, each over every file, so that one run shows an editor
all there is to fix:

1. reading: size, encoding and YAML (see :mod:`generator.data.load`);
2. schema: the JSON Schema of the file's kind, from ``generator/schemas/``;
3. corpus: file names match ids, references resolve, quotes occur verbatim in the
   archived texts, hashes match, bounds and dates make sense.

A file that fails pass 1 or 2 is left out of pass 3, so one mistake is reported
once, not again as a cascade of unresolved references.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from generator import model
from generator.data import facets, languages, rules
from generator.data.layout import link_problem as _link_problem
from generator.data.layout import list_folder as _list
from generator.data.load import MAX_YAML_BYTES, Document, PathKey, Read, load_yaml, read_text
from generator.data.originals import original_digest, original_problems, stray_originals
from generator.data.quotes import Normalised, closest_hint, invisible_or_composed, locate, normalise, occurrences, quote_size
from generator.data.readcache import Listing, ReadCache, kind_of
from generator.data.schema import schema_problems
from generator.data.translations import check_translation
from generator.data.validated import StoredDocument, Validated
from generator.errors import Problem, ValidationFailed
from generator.project import Project

#: Largest archived text read, in bytes.
MAX_TEXT_BYTES = 5 * 1024 * 1024
_T = TypeVar("_T")
#: Ids that would collide with the site's own pages.
RESERVED_IDS = frozenset({"index", "all", "search", "assets", "downloads"})
#: Device names Windows will not create as files, whatever the extension: a page named
#: ``con.html`` would stop the offline edition from unzipping there.
WINDOWS_DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})


@dataclass
class Run:
    """One validation run: what has been read so far, and the problems found."""

    root: Path
    problems: list[Problem] = field(default_factory=list)
    docs: dict[str, dict[str, Document]] = field(default_factory=dict)
    #: Every id on disk, valid or not, so that a broken file does not also break references to it.
    known: dict[str, set[str]] = field(default_factory=dict)
    #: Each archived text, and the same normalised for locating quotes (None until asked for: :func:`_normalised`).
    texts: dict[str, tuple[str, Normalised | None]] = field(default_factory=dict)
    cache: ReadCache | None = None
    #: The folder listings this run used, by folder (a claim's checks depend on every id known).
    listings: dict[str, Listing] = field(default_factory=dict)
    #: The cache of validated files on disk (``validate(keep=True)``), and the digest of each file it read, by shown path.
    store: Validated | None = None
    digests: dict[str, bytes | None] = field(default_factory=dict)

    def add(self, doc: Document, at: PathKey, message: str, hint: str | None = None, *, key: bool = False) -> None:
        line, col = doc.position(at, key=key)
        self.problems.append(Problem(doc.path, line, col, message, hint))


def validate(
    root: Path, cache: ReadCache | None = None, *, keep: bool = False, reuse: bool = True, stats: dict[str, os.stat_result] | None = None
) -> model.Corpus:
    """Validate ``root/data`` and return the corpus. Raises :class:`ValidationFailed` with every problem.

    ``cache`` (see :class:`ReadCache`) skips re-reading files that have not changed since the last call.
    ``keep`` reads and refreshes the cache on disk (:mod:`generator.data.validated`): files whose
    digest is unchanged since the last run are not parsed, and their claims not checked, again;
    with ``reuse=False`` every file is, and the cache is refreshed. ``stats`` holds the stat of
    files already asked for, by path (see :func:`generator.data.rerun.snapshot`).
    """
    run = Run(root)
    run.cache = cache
    if keep and cache is None:
        run.store = Validated(Project(root).cache, reuse=reuse, stats=stats)
    _check_layout(run)
    for folder, kind in model.KINDS.items():
        run.docs[folder] = {}
        run.known[folder] = set()
        for path, stem in _files(run, folder):
            read_into(run, folder, kind, path, f"data/{folder}/{stem}.yml", stem)
    spans = check_corpus(run)
    _check_no_review(run)
    if run.store is not None:
        run.store.save()
        run.store = None  # its copy of each file's data goes with it
    if run.problems:
        raise ValidationFailed(run.problems)
    warnings = figure_warnings(run)
    corpus = _build(run, spans)
    corpus.warnings.extend(warnings)
    return corpus


def check_corpus(run: Run) -> dict[str, list[tuple[int, int]]]:
    """Pass 3 over what ``run`` has read: ids, references, quotes, hashes, bounds and dates.

    The rules of the curated data, run by :func:`validate` and, over curated files plus one
    drafts folder, by :mod:`generator.data.drafts`. Returns each claim's quote spans.
    """
    _check_ids(run)
    _check_sources(run)
    _check_actors(run)
    _check_figures(run)
    return _check_claims(run)


#: What data/ holds: a folder per kind, and the drafts.
DATA_FOLDERS = (*model.KINDS, "drafts")
#: Files data/ may hold beside them: the reasons for withdrawn claims (read by :mod:`generator.story.withdrawn`).
DATA_FILES = ("withdrawn.yml",)


def _check_layout(run: Run) -> None:
    """Report what sits in data/ outside the folders the validator reads: it would be ignored silently."""
    base = Project(run.root).data
    if not base.is_dir() or base.is_symlink():
        return
    expected = ", ".join(f"{name}/" for name in DATA_FOLDERS)
    for entry in sorted(base.iterdir()):
        if entry.name.startswith(".") or (entry.name in DATA_FOLDERS and (entry.is_dir() or entry.is_symlink())) or entry.name in DATA_FILES:
            continue  # links are reported where each folder is read
        shown = entry.relative_to(run.root).as_posix()
        if entry.is_dir() and not entry.is_symlink():
            guess = difflib.get_close_matches(entry.name, DATA_FOLDERS, n=1, cutoff=0.6)
            hint = f'did you mean "{guess[0]}/"? ' if guess else ""
            run.problems.append(Problem(shown, 1, 1, "unexpected folder in data/; nothing in it is read.", f"{hint}data/ holds only the folders {expected}."))
        else:
            where = "move it into the folder of its kind, such as data/claims/" if entry.suffix in (".yml", ".yaml") else "move or remove it"
            run.problems.append(Problem(shown, 1, 1, "unexpected file in data/; it is not read.", f"{where}; data/ holds only the folders {expected}."))


def _read(path: Path, shown: str, kind: str, read: Read | None = None) -> tuple[Document | None, list[Problem], list[Problem]]:
    """Passes 1 and 2 for one file: what reading and the schema found, to keep in a ReadCache; ``read`` as for :func:`read_text`."""
    doc, problems = load_yaml(path, shown, read)
    if doc is None:
        return None, problems, []
    # Check the schema even when reading found problems, so a typo elsewhere in the
    # file is reported in the same run; a value already reported is not reported twice.
    reported = {(p.line, p.col) for p in problems}
    return doc, problems, [p for p in schema_problems(doc, kind) if (p.line, p.col) not in reported]


def read_into(run: Run, folder: str, kind: str, path: Path, shown: str, stem: str | None = None) -> None:
    """Read one file (from the cache when unchanged); keep the document for pass 3 only when clean."""
    read = partial(_read, path, shown, kind)
    if run.store is not None:
        doc, problems, from_schema = _read_stored(run, path, shown, read)
    else:
        doc, problems, from_schema = run.cache.get(path, "yaml", read) if run.cache else read()
    run.problems.extend(problems)
    if doc is None:
        return
    run.problems.extend(from_schema)
    if not problems and not from_schema:
        run.docs[folder][path.stem if stem is None else stem] = doc


def _read_stored(
    run: Run, path: Path, shown: str, read: Callable[[Read | None], tuple[Document | None, list[Problem], list[Problem]]]
) -> tuple[Document | None, list[Problem], list[Problem]]:
    """Passes 1 and 2 for one file through the cache on disk: a file whose digest is unchanged is not parsed."""
    assert run.store is not None
    fresh: list[Document | None] = []

    def compute(raw: Read | None) -> tuple[Any, list[Problem], list[Problem]]:
        doc, problems, from_schema = read(raw)
        fresh.append(doc)
        return (doc.data if doc is not None else None), problems, from_schema

    digest, (data, problems, from_schema), kept = run.store.file(path, shown, MAX_YAML_BYTES, compute)
    run.digests[shown] = digest
    if not kept:
        return fresh[0], problems, from_schema
    return (StoredDocument(shown, data, path, MAX_YAML_BYTES) if data is not None else None), problems, from_schema


def data_files(run: Run, folder: str) -> Iterator[Path]:
    """The .yml files of one data folder to read, in order; what is out of place there goes into ``run``."""
    return (path for path, _ in _files(run, folder))


def _files(run: Run, folder: str) -> Iterator[tuple[Path, str]]:
    base = Project(run.root).records(folder)
    if _linked(run, base.parent) or _linked(run, base):
        # Names only, so that references into the linked folder are not reported again; no file is read.
        run.known[folder].update(p.stem for p in base.glob("*.yml"))
        return
    if not base.is_dir():
        return
    make = partial(_list, run.root, base, folder)
    listing = run.cache.listing(base, make) if run.cache else make()
    run.listings[folder] = listing
    run.known[folder].update(listing.known)
    for problem in listing.problems:
        if problem not in run.problems:  # a link to data/ itself is reported once, not once per kind
            run.problems.append(problem)
    yield from zip(listing.paths, listing.stems, strict=True)


def _linked(run: Run, path: Path) -> bool:
    """Report a symbolic link in data/. Links are never followed, wherever they point.

    A link to a file outside the repository would publish whatever it names (a key,
    /etc/passwd) under the look of reviewed data, and a link inside it would make one
    record two. Git stores links as links, so a pull request can carry one.
    """
    if not path.is_symlink():
        return False
    problem = _link_problem(run.root, path)
    if problem not in run.problems:  # data/ itself is checked once per kind
        run.problems.append(problem)
    return True


# --- pass 2: schema -----------------------------------------------------------------------------


# --- pass 3: the corpus --------------------------------------------------------------------------


def _check_ids(run: Run) -> None:
    for docs in run.docs.values():
        for stem, doc in docs.items():
            ident = doc.data["id"]
            if ident != stem:
                run.add(doc, ("id",), f'id "{ident}" does not match the file name {stem}.yml.', f"rename the file to {ident}.yml, or set id: {stem}.")
            elif ident in RESERVED_IDS:
                run.add(doc, ("id",), f'id "{ident}" is reserved for the site\'s own pages.', "choose a more specific id.")
            elif ident in WINDOWS_DEVICE_NAMES:
                run.add(doc, ("id",), f'id "{ident}" is a device name on Windows, which cannot hold a page of that name.', "choose a more specific id.")


def _reference(run: Run, doc: Document, at: PathKey, folder: str, ident: str) -> bool:
    if ident in run.known[folder]:
        return True
    singular = model.KINDS[folder]
    guess = difflib.get_close_matches(ident, sorted(run.known[folder]), n=1, cutoff=0.6)
    hint = f'did you mean "{guess[0]}"?' if guess else f"add data/{folder}/{ident}.yml, or use the id of an existing {singular}."
    run.add(doc, at, f'unknown {singular} "{ident}".', hint)
    return False


def _check_date(run: Run, doc: Document, at: PathKey, value: dict[str, Any] | None) -> bool:
    if value is None:
        return True
    text = value["date"]
    if not model.real_date(text):
        run.add(doc, at + ("date",), f'"{text}" is not a real calendar date.', "check the month and day.")
        return False
    return True


def _check_sources(run: Run) -> None:
    base = Project(run.root).records("sources")
    listing = run.listings.get("sources")
    originals: set[str] = set()
    for stem, doc in run.docs["sources"].items():
        data = doc.data
        if isinstance(data.get("original"), dict):
            originals.add(data["original"]["file"])
            for at, message, hint in original_problems(base, stem, data["original"], partial(_cached_digest, run)):
                run.add(doc, at, message, hint)
        text_path = base / f"{stem}.txt"
        # The folder's listing knows what each entry is; a linked folder has none, so ask the file system.
        kind = listing.kinds.get(text_path.name) if listing else kind_of(text_path)
        if kind == "link":
            pass  # reported by _linked, and never read
        elif kind != "file":
            run.add(
                doc,
                ("id",),
                f"archived text data/sources/{stem}.txt is missing.",
                "every source keeps its verbatim text beside its metadata; add it with briefing ingest.",
            )
        else:
            shown = text_path.relative_to(run.root).as_posix()
            read = partial(_read_archive, text_path, shown)
            if run.store is not None:
                digest, text, problems, normalised = _read_archive_stored(run, text_path, shown, read)
            else:
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
            if text is not None:
                run.texts[stem] = (text, normalised)
        _check_date(run, doc, ("published",), data["published"])
        wrong_tag = languages.tag_problem(data["language"])
        if wrong_tag:
            run.add(doc, ("language",), *wrong_tag)
        if data["outlet"] is not None:
            _reference(run, doc, ("outlet",), "actors", data["outlet"])
        for i, relay in enumerate(data.get("relays", ())):
            _reference(run, doc, ("relays", i), "actors", relay)
    texts = sorted(base / name for name, kind in listing.kinds.items() if name.endswith(".txt") and kind != "link") if listing else sorted(base.glob("*.txt"))
    for path in texts if base.is_dir() else ():
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
    run.problems.extend(stray_originals(run.root, base, originals, set(run.docs["sources"]), run.known["sources"]))


def _cached_digest(run: Run, path: Path) -> str | None:
    return run.cache.get(path, "original", partial(original_digest, path)) if run.cache else original_digest(path)


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _read_archive_stored(
    run: Run, path: Path, shown: str, read: Callable[[Read | None], tuple[str | None, str | None, list[Problem], Normalised | None]]
) -> tuple[str | None, str | None, list[Problem], Normalised | None]:
    """An archived text through the cache on disk: unchanged, it is read but not hashed, and normalised only if a claim's check needs it."""
    assert run.store is not None
    fresh: list[tuple[str | None, str | None, list[Problem], Normalised | None]] = []

    def compute(raw: Read | None) -> tuple[str | None, list[Problem], bool]:
        fresh.append(read(raw))
        digest, text, problems, _ = fresh[0]
        return digest, problems, text is not None

    file_digest, (digest, problems, readable), kept = run.store.file(path, shown, MAX_TEXT_BYTES, compute)
    run.digests[shown] = file_digest
    if not kept:
        return fresh[0]
    text = read_text(path, shown, MAX_TEXT_BYTES)[0] if readable else None
    return digest, text, problems, None


def _normalised(run: Run, source_id: str) -> Normalised:
    """A source's text, normalised for locating quotes; with the cache on disk, only once a claim's check asks for it."""
    text, normalised = run.texts[source_id]
    if normalised is None:
        normalised = Normalised.of(text)
        run.texts[source_id] = (text, normalised)
    return normalised


def _read_archive(path: Path, shown: str, read: Read | None = None) -> tuple[str | None, str | None, list[Problem], Normalised | None]:
    """Hash and read an archived text. An oversized one is reported by read_text, never read whole; ``read`` as for :func:`read_text`."""
    if read is None:
        digest = _sha256(path) if path.stat().st_size <= MAX_TEXT_BYTES else None
    else:
        digest = hashlib.sha256(read[1]).hexdigest() if read[0] <= MAX_TEXT_BYTES and len(read[1]) <= MAX_TEXT_BYTES else None
    text, problems = read_text(path, shown, MAX_TEXT_BYTES, read)
    return digest, text, problems, Normalised.of(text) if text is not None else None


def _check_actors(run: Run) -> None:
    owners = rules.name_owners((stem, doc.data) for stem, doc in sorted(run.docs["actors"].items()))
    for stem, doc in run.docs["actors"].items():
        part_of = doc.data.get("part_of")
        if part_of is not None:
            if part_of == stem:
                run.add(doc, ("part_of",), "an actor cannot be part of itself.", "name the body this actor belongs to, or remove part_of.")
            else:
                _reference(run, doc, ("part_of",), "actors", part_of)
        for finding in rules.name_clashes(stem, doc.data, owners):
            run.add(doc, finding.at, finding.message, finding.hint)


def _check_figures(run: Run) -> None:
    for stem, doc in run.docs["figures"].items():
        for i, other in enumerate(doc.data.get("related", ())):
            if other == stem:
                run.add(doc, ("related", i), "a figure cannot be related to itself.", "remove it from related.")
            else:
                _reference(run, doc, ("related", i), "figures", other)
        whose = (doc.data.get("counts") or {}).get("whose", ())
        for i, ident in enumerate([whose] if isinstance(whose, str) else whose):
            _reference(run, doc, ("counts", "whose") if isinstance(whose, str) else ("counts", "whose", i), "actors", ident)


def figure_warnings(run: Run) -> list[Problem]:
    """Warnings for claims whose quote names another side, state or unit than their figure (see :mod:`generator.data.facets`).

    A claim with ``figure_fits`` (the editor's reason) is not warned about.
    """
    actors = run.docs["actors"]
    named = {i for doc in run.docs["figures"].values() for i in facets.figure_facets(doc.data).whose}
    sides = facets.side_patterns((i, actors[i].data["name"], actors[i].data.get("aliases", ())) for i in sorted(named) if i in actors)
    warnings = []
    for doc in run.docs["claims"].values():
        data = doc.data
        figure = run.docs["figures"].get(data.get("figure", ""))
        value = data.get("value")
        if figure is None or not value or "figure_fits" in data:
            continue
        wanted = facets.figure_facets(figure.data)
        for citation in data["citations"]:
            quote, words = citation["quote"], value["text"]
            at = quote.find(words)
            if at < 0:  # spacing or quote marks differ: compare as quote verification does
                quote, words = normalise(quote), normalise(words)
                at = quote.find(words)
            if at < 0:
                continue
            reading = facets.read(quote, at, at + len(words), sides, unit_only=not (wanted.whose or wanted.state))
            reasons = facets.disagreements(reading, wanted)
            if reasons:
                line, col = doc.position(("figure",))
                warnings.append(
                    Problem.warning(
                        f'the quote does not fit figure "{data["figure"]}": {"; ".join(reasons)}.',
                        "file the number under a figure that counts it, or give the reason it fits in figure_fits.",
                        path=doc.path,
                        line=line,
                        col=col,
                    )
                )
                break
    return warnings


def _check_claims(run: Run) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    listings = tuple(run.listings.values())
    for stem, doc in run.docs["claims"].items():
        if run.store is not None:
            digests = _stored_claim_deps(run, doc)
            if digests is None:
                spans[stem] = _check_claim(run, doc)
            else:
                problems, spans[stem] = run.store.claim(stem, digests, partial(_claim_problems, run, doc))
                run.problems.extend(problems)
            continue
        if run.cache is None or len(listings) < len(model.KINDS):  # a linked folder's ids are not in a listing
            spans[stem] = _check_claim(run, doc)
            continue
        # What the checks read besides the claim: the ids known (the listings), and each cited source's text and record.
        cited = [citation["source"] for citation in doc.data["citations"]]
        cited += [c["translation"]["source"] for c in doc.data["citations"] if c.get("translation") and c["translation"].get("source")]
        deps = (doc, *listings, *(run.texts.get(i, (None, None))[1] for i in cited), *(run.docs["sources"].get(i) for i in cited))
        problems, spans[stem] = run.cache.claim(stem, deps, partial(_claim_problems, run, doc))
        run.problems.extend(problems)
    return spans


def _stored_claim_deps(run: Run, doc: Document) -> tuple[bytes, ...] | None:
    """What a claim's corpus checks read, as digests: its file, and each cited source's record and text.

    None when an id it names is unknown or a cited source was not read whole (the checks then run,
    and report it): a kept result stands only for a claim whose every reference resolves.
    """
    data = doc.data
    known = run.known
    if data["actor"] not in known["actors"] or ("figure" in data and data["figure"] not in known["figures"]):
        return None
    deps: list[bytes | None] = [run.digests.get(doc.path)]
    for citation in data["citations"]:
        source = citation["source"]
        if source not in run.docs["sources"] or source not in run.texts or any(via not in known["actors"] for via in citation.get("via", ())):
            return None
        deps += [run.digests.get(f"data/sources/{source}.yml"), run.digests.get(f"data/sources/{source}.txt")]
    return None if None in deps else tuple(d for d in deps if d is not None)


def _claim_problems(run: Run, doc: Document) -> tuple[list[Problem], list[tuple[int, int]]]:
    """One claim's corpus problems (kept apart from the run's) and quote spans."""
    before = len(run.problems)
    found = _check_claim(run, doc)
    problems = run.problems[before:]
    del run.problems[before:]
    return problems, found


def _check_claim(run: Run, doc: Document) -> list[tuple[int, int]]:
    sources = run.docs["sources"]
    data = doc.data
    _reference(run, doc, ("actor",), "actors", data["actor"])
    if "figure" in data:
        _reference(run, doc, ("figure",), "figures", data["figure"])
    claimed_ok = _check_date(run, doc, ("claimed_on",), data["claimed_on"])
    _check_date(run, doc, ("as_of",), data.get("as_of"))
    found: list[tuple[int, int]] = []
    quotes: list[str] = []
    for i, citation in enumerate(data["citations"]):
        at: PathKey = ("citations", i)
        source_id = citation["source"]
        for j, via in enumerate(citation.get("via", ())):
            _reference(run, doc, at + ("via", j), "actors", via)
        if not _reference(run, doc, at + ("source",), "sources", source_id):
            continue
        quotes.append(citation["quote"])
        if source_id in run.texts:
            text = _normalised(run, source_id)
            span = locate(text, citation["quote"])
            if span is None:
                run.add(
                    doc,
                    at + ("quote",),
                    f"quote not found in data/sources/{source_id}.txt.",
                    invisible_or_composed(text, citation["quote"])
                    or f"copy it exactly: only spacing and curly versus straight quotes may differ{closest_hint(text, citation['quote'])}",
                )
            else:
                found.append(span)
                _check_quote_length(run, doc, at + ("quote",), citation["quote"], text, source_id)
        check_translation(run, doc, at, citation, _reference, _normalised)
        published = sources[source_id].data["published"] if source_id in sources else None
        claimed = data["claimed_on"]
        if claimed_ok and claimed and published and not model.not_after(claimed["date"], published["date"]):
            run.add(
                doc,
                ("claimed_on", "date"),
                f'claimed_on {claimed["date"]} is after source "{source_id}" was published ({published["date"]}).',
                "a source cannot report a claim made after it was published; check both dates.",
            )
    for finding in rules.value_findings(data.get("value"), quotes):
        run.add(doc, finding.at, finding.message, finding.hint)
    return found


def _check_quote_length(run: Run, doc: Document, at: PathKey, quote: str, text: Normalised, source_id: str) -> None:
    """Refuse a quote too short to show where a claim comes from ("the", ",")."""
    size, minimum, unit = quote_size(quote)
    if size >= minimum:
        return
    times = occurrences(text, quote)
    if size and times == 1:
        return
    counted = f"{size} {unit}{'' if size == 1 else 's'}"
    run.add(
        doc,
        at,
        f"quote is too short to show where the claim comes from: {counted}, found {times} times in data/sources/{source_id}.txt.",
        f"quote at least {minimum} {unit}s, or {unit}s found only once in the text; the whole sentence is best.",
    )


def _build(run: Run, spans: dict[str, list[tuple[int, int]]]) -> model.Corpus:
    """The corpus of a run that passed. Each document is let go once its record is built, and each text once its source is."""
    corpus = model.Corpus()
    docs = run.docs

    def make(doc: Document, build: Callable[..., _T], *extra: Any) -> _T:
        if run.cache is None:
            return build(doc.data, doc.path, *extra)
        return run.cache.record(doc, extra, lambda: build(doc.data, doc.path, *extra))

    for stem in sorted(docs["sources"]):
        corpus.sources[stem] = make(docs["sources"].pop(stem), model.build_source, run.texts.pop(stem)[0])
    for stem in sorted(docs["actors"]):
        corpus.actors[stem] = make(docs["actors"].pop(stem), model.build_actor)
    for stem in sorted(docs["figures"]):
        corpus.figures[stem] = make(docs["figures"].pop(stem), model.build_figure)
    for stem in sorted(docs["claims"]):
        corpus.claims[stem] = make(docs["claims"].pop(stem), model.build_claim, spans.pop(stem))
    return corpus


# --- drafts --------------------------------------------------------------------------------------


#: Kinds a drafts folder may hold (see :mod:`generator.data.drafts`).
DRAFT_KINDS = ("actors", "figures", "claims")


def _check_no_review(run: Run) -> None:
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
