"""Values computed in one run of the live preview, reused in the next while their inputs are unchanged.

The live preview (:mod:`generator.live`) regenerates on every save in one long-lived process.
Some values are costly and depend on few inputs: a figure's summary (its estimates compared
pairwise) on its claims, a chart on its Vega-Lite spec. A :class:`Kept` holds them from the
last run and this one; whatever the current run did not ask for is dropped at the next
:meth:`Kept.next_run`, so it holds no more than one run's values.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

_V = TypeVar("_V")


class Kept(Generic[_V]):
    """Values by key, each with the inputs it was made from; reused only while ``same(old, new)`` holds for the inputs."""

    def __init__(self) -> None:
        self._last: dict[Hashable, tuple[object, _V]] = {}
        self._now: dict[Hashable, tuple[object, _V]] = {}
        #: How many values the current run reused and made (for the tests and the log).
        self.reused = 0
        self.made = 0

    def next_run(self) -> None:
        """Start a run: keep what the last one asked for (including what it reused), drop the rest."""
        if self._now:  # a run that failed before asking for anything leaves the last run's values
            self._last, self._now = self._now, {}
        self.reused = self.made = 0

    def get(self, key: Hashable, inputs: object, same: Callable[[object, object], bool], make: Callable[[], _V]) -> _V:
        """The value for ``key``: reused when made from inputs ``same`` as ``inputs`` in this run or the last, else ``make()``."""
        for store in (self._now, self._last):
            hit = store.get(key)
            if hit is not None and same(hit[0], inputs):
                self._now[key] = hit
                self.reused += 1
                return hit[1]
        value = make()
        self._now[key] = (inputs, value)
        self.made += 1
        return value
