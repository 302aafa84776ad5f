"""The speaker page's quote count over time: buckets and bar geometry for a small inline SVG."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

WIDTH, HEIGHT, BASELINE = 600, 140, 120
MAX_BAR = 40
#: Months while they fit; years beyond three of them.
MAX_MONTHS = 36


@dataclass(frozen=True, slots=True)
class Bar:
    """One bucket: its label, count and rectangle."""

    label: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Chart:
    """The bars, the largest count, and how many quotes had no date."""

    bars: tuple[Bar, ...]
    peak: int
    undated: int
    width: int = WIDTH
    height: int = HEIGHT
    baseline: int = BASELINE

    @property
    def summary(self) -> str:
        """Return the chart in words, for screen readers."""
        dated = sum(b.count for b in self.bars)
        if not self.bars:
            return f"No dated quotes ({self.undated} undated)."
        return (f"{dated} dated quotes from {self.bars[0].label} to {self.bars[-1].label}, "
                f"at most {self.peak} in one {'month' if len(self.bars[0].label) > 4 else 'year'}"
                + (f"; {self.undated} undated." if self.undated else "."))


def _months(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    out, (y, m) = [], first
    while (y, m) <= last:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline(dates: Iterable[datetime | None]) -> Chart:
    """Count quotes per month (or per year over long spans), empty buckets included."""
    dates = list(dates)
    dated = [d for d in dates if d is not None]
    undated = len(dates) - len(dated)
    if not dated:
        return Chart((), 0, undated)
    months = _months(min((d.year, d.month) for d in dated), max((d.year, d.month) for d in dated))
    if len(months) <= MAX_MONTHS:
        counts = Counter((d.year, d.month) for d in dated)
        buckets = [(f"{y}-{m:02d}", counts[(y, m)]) for y, m in months]
    else:
        counts = Counter(d.year for d in dated)
        years = range(min(counts), max(counts) + 1)
        buckets = [(str(y), counts[y]) for y in years]
    peak = max(n for _, n in buckets)
    step = WIDTH / len(buckets)
    width = max(1.0, min(MAX_BAR, step * 0.8))
    bars = tuple(
        Bar(label, n, round(i * step + (step - width) / 2, 1), round(BASELINE - BASELINE * 0.9 * n / peak, 1),
            round(width, 1), round(BASELINE * 0.9 * n / peak, 1))
        for i, (label, n) in enumerate(buckets)
    )
    return Chart(bars, peak, undated)
