"""Quote counts over time: monthly buckets with the gaps, yearly over long spans."""

from __future__ import annotations

from datetime import datetime

from quotesvc.web.chart import BASELINE, MAX_BAR, timeline


def test_months_with_gaps_and_undated_quotes():
    chart = timeline([datetime(2024, 1, 5), None, datetime(2024, 3, 1), datetime(2024, 3, 30)])
    assert [(b.label, b.count) for b in chart.bars] == [("2024-01", 1), ("2024-02", 0), ("2024-03", 2)]
    assert chart.peak == 2 and chart.undated == 1
    assert chart.bars[1].height == 0 and chart.bars[2].y + chart.bars[2].height == BASELINE
    assert chart.summary == "3 dated quotes from 2024-01 to 2024-03, at most 2 in one month; 1 undated."


def test_long_spans_count_years_and_one_bucket_stays_a_slim_bar():
    chart = timeline([datetime(2001, 6, 1), datetime(2009, 1, 1), datetime(2009, 2, 1)])
    assert [(b.label, b.count) for b in chart.bars][::8] == [("2001", 1), ("2009", 2)] and len(chart.bars) == 9
    assert timeline([datetime(2020, 1, 1)]).bars[0].width == MAX_BAR


def test_no_dates_no_bars():
    assert timeline([None, None]).bars == () and timeline([]).summary == "No dated quotes (0 undated)."
