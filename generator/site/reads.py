"""Which actors, figures and sources each page reads, noted as it renders: the pages' dependencies on records, as data.

A page's claims are declared by the plan (:class:`~generator.site.pages.Planned`); the records a
page reads besides them are many and indirect (an actor page lists the articles of its outlet,
a figure page names its related figures, a date page the articles published that day). Rather
than declare them by hand, the corpus' mappings of actors, figures and sources are replaced by
:class:`Recording` ones (:func:`install`), which note every record looked up while a page renders
in this thread (:func:`recorded`). Going over a whole mapping (its keys, values, items or length)
notes the kind's wildcard, ``actor:*``: the page depends on every actor.

What a page reads through a value computed for another page and reused (a chart drawn once a
run, a figure's summary or a claim's download record kept between saves) is not noted here; those
values read only the records of the claims they show, which :func:`generator.site.touched.referencing`
adds. Fields that shape the index itself (an article's date or outlet, an actor's kind) render
every page when edited (:func:`generator.site.touched.structure`).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, ItemsView, Iterator, KeysView, ValuesView
from typing import Any, TypeVar

from generator.model import Corpus

_T = TypeVar("_T")
_current = threading.local()
#: The corpus' mappings that record reads, by attribute of :class:`~generator.model.Corpus`, with the kind noted.
KINDS = {"actors": "actor", "figures": "figure", "sources": "source"}


def _note(key: str) -> None:
    reads = getattr(_current, "reads", None)
    if reads is not None:
        reads.add(sys.intern(key))


class Recording(dict[str, Any]):
    """A mapping of records that notes which records the page rendering in this thread looks up."""

    def __init__(self, kind: str, records: dict[str, Any]) -> None:
        super().__init__(records)
        self.kind = kind

    def __getitem__(self, key: str) -> Any:
        _note(f"{self.kind}:{key}")
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        _note(f"{self.kind}:{key}")
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        _note(f"{self.kind}:{key}")
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        _note(f"{self.kind}:*")
        return super().__iter__()

    def __len__(self) -> int:
        _note(f"{self.kind}:*")
        return super().__len__()

    def keys(self) -> KeysView[str]:  # type: ignore[override]
        _note(f"{self.kind}:*")
        return super().keys()

    def values(self) -> ValuesView[Any]:  # type: ignore[override]
        _note(f"{self.kind}:*")
        return super().values()

    def items(self) -> ItemsView[str, Any]:  # type: ignore[override]
        _note(f"{self.kind}:*")
        return super().items()


def install(corpus: Corpus) -> None:
    """Make ``corpus``' actors, figures and sources :class:`Recording` mappings (once; equal to what they were)."""
    for name, kind in KINDS.items():
        records = getattr(corpus, name)
        if not isinstance(records, Recording):
            setattr(corpus, name, Recording(kind, records))


def recorded(render: Callable[[], _T]) -> tuple[_T, frozenset[str]]:
    """``render()``, and the records it read (``kind:id``, or ``kind:*`` for all of a kind)."""
    outer = getattr(_current, "reads", None)
    reads: set[str] = set()
    _current.reads = reads
    try:
        value = render()
    finally:
        _current.reads = outer
        if outer is not None:
            outer |= reads
    return value, frozenset(reads)
