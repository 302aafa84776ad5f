"""Prometheus metrics, written out by hand: request counts and latencies, extraction counts.

Counts are per process: under gunicorn with several workers each worker answers with its
own, which Prometheus sums per instance when scraped through a service discovery that
sees every worker, or which a single-worker deployment reports whole.
"""

from __future__ import annotations

import threading
from collections import defaultdict

#: Latency buckets in seconds (upper bounds), from 1 ms to 10 s.
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

HELP = {
    "quotesvc_http_requests_total": ("counter", "HTTP requests answered, by method, route and status."),
    "quotesvc_http_request_duration_seconds": ("histogram", "Time to answer an HTTP request, by route."),
    "quotesvc_articles_ingested_total": ("counter", "Articles posted, by result (created, existing, error)."),
    "quotesvc_quotes_extracted_total": ("counter", "Quotes the extractor found in posted articles and texts."),
    "quotesvc_ingest_errors_total": ("counter", "Articles that could not be ingested."),
}


def _labels(labels: tuple[tuple[str, str], ...]) -> str:
    if not labels:
        return ""
    inner = ",".join(f'{k}="{_escape(v)}"' for k, v in labels)
    return "{" + inner + "}"


def _escape(value: str) -> str:
    return str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


class Metrics:
    """A small thread-safe registry of counters and one latency histogram."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counters: dict[str, dict[tuple, float]] = defaultdict(lambda: defaultdict(float))
        self._hist: dict[tuple, list[float]] = {}

    def inc(self, name: str, value: float = 1, **labels: str) -> None:
        """Add ``value`` to the counter ``name`` with ``labels``."""
        with self._lock:
            self._counters[name][tuple(sorted(labels.items()))] += value

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one answered request and record how long it took."""
        self.inc("quotesvc_http_requests_total", method=method, route=route, status=str(status))
        key = (("route", route),)
        with self._lock:
            # Per-bucket counts (not cumulative), then the sum and the total count.
            hist = self._hist.setdefault(key, [0.0] * (len(BUCKETS) + 2))
            for i, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    hist[i] += 1
                    break
            hist[-2] += seconds
            hist[-1] += 1

    def render(self) -> str:
        """Return every metric in the Prometheus text exposition format (version 0.0.4)."""
        lines: list[str] = []
        with self._lock:
            for name, (kind, text) in HELP.items():
                lines += [f"# HELP {name} {text}", f"# TYPE {name} {kind}"]
                if kind == "histogram":
                    lines += self._render_histogram(name)
                    continue
                series = self._counters.get(name) or {(): 0.0}
                lines += [f"{name}{_labels(labels)} {value:g}" for labels, value in sorted(series.items())]
        return "\n".join(lines) + "\n"

    def _render_histogram(self, name: str) -> list[str]:
        lines = []
        for labels, hist in sorted(self._hist.items()):
            running = 0.0
            for bound, count in zip(BUCKETS, hist, strict=False):
                running += count
                lines.append(f"{name}_bucket{_labels(labels + (('le', f'{bound:g}'),))} {running:g}")
            lines.append(f"{name}_bucket{_labels(labels + (('le', '+Inf'),))} {hist[-1]:g}")
            lines.append(f"{name}_sum{_labels(labels)} {hist[-2]:.6f}")
            lines.append(f"{name}_count{_labels(labels)} {hist[-1]:g}")
        return lines
