import numpy as np
import pandas as pd
import pytest

import casekit as ck
from casekit.costing.engine import driver_totals
from casekit.costing.time_driven import TimeDrivenCard


@pytest.fixture(scope="module")
def card():
    return TimeDrivenCard.default()


@pytest.fixture(scope="module")
def timed_pnl(precision_case, card):
    return ck.cost_to_serve(precision_case, card.rate_card())


def test_rates_are_minutes_times_dollars_per_minute(card):
    per_minute = card.capacity_cost_rates().set_index("resource")["dollars_per_minute"]
    rates = card.rate_card()
    for row in card.times.itertuples():
        expected = row.minutes * per_minute[row.resource]
        assert rates.rate(row.activity, row.driver, row.applies_value) == pytest.approx(expected, rel=1e-12)
    # Midwest Office Products: $35 per practical hour in customer service.
    assert per_minute["customer_service"] * 60 == pytest.approx(35.0)


def test_activities_without_time_equations_keep_the_base_rates(card):
    base = ck.RateCard.default()
    rates = card.rate_card(base.scaled(2.0, activities=["sales_calls"]))
    assert rates.rate("sales_calls", "sales_calls") == pytest.approx(2 * base.rate("sales_calls", "sales_calls"))
    timed = set(card.times["activity"])
    # A timed activity is replaced whole: no base row of it survives.
    kept = rates.table[rates.table["activity"].isin(timed)]
    assert len(kept) == len(card.times)
    assert set(rates.activities) == set(base.activities)


def test_used_minutes_match_driver_totals(precision_case, card, timed_pnl):
    # Independent path: driver totals measured in pandas x minutes per unit.
    totals = driver_totals(precision_case, card.rate_card())
    minutes = card.times.merge(totals, on=["activity", "driver", "applies_to", "applies_value"], how="left",
                               validate="one_to_one")
    assert minutes["driver_total"].notna().all()
    expected = (minutes["driver_total"] * minutes["minutes"]).groupby(minutes["resource"]).sum()
    report = card.unused_capacity(timed_pnl).set_index("resource")
    for resource, used in expected.items():
        assert report.loc[resource, "used_minutes"] == pytest.approx(used, rel=1e-9)


def test_capacity_is_conserved_and_shown_not_spread(card, timed_pnl):
    report = card.unused_capacity(timed_pnl)
    np.testing.assert_allclose(report["cost_used"] + report["cost_unused"], report["cost_supplied"], rtol=1e-12)
    np.testing.assert_allclose(report["used_minutes"] + report["unused_minutes"], report["capacity_minutes"],
                               rtol=1e-12)
    # Unused capacity is not on the lines: the lines carry exactly the used cost.
    timed = card.times.groupby("activity")["resource"].first()
    on_lines = sum(timed_pnl["cost_" + a].sum() for a in timed.index)
    assert on_lines == pytest.approx(report["cost_used"].sum(), rel=1e-12)
    # The classroom departments are busy but not overloaded.
    assert report["utilisation"].between(0.7, 0.95).all()


def test_any_grain_gives_the_same_report(precision_case, card, timed_pnl):
    by_customer = ck.cost_to_serve(precision_case, card.rate_card(), by="customer_id")
    pd.testing.assert_frame_equal(card.unused_capacity(by_customer), card.unused_capacity(timed_pnl), rtol=1e-9)


def test_capacity_scales_with_the_period(card):
    half = ck.make_company(seed=4, n_customers=40, n_products=50, months=6)
    report = card.unused_capacity(ck.cost_to_serve(half, card.rate_card()))
    yearly = card.capacity_cost_rates()
    np.testing.assert_allclose(report["capacity_minutes"], yearly["practical_minutes_per_year"] / 2)
    np.testing.assert_allclose(report["cost_supplied"], yearly["cost_per_year"] / 2)


def test_round_trips_through_excel_and_csv(tmp_path, card):
    card.write(tmp_path / "td.xlsx")
    card.write(tmp_path / "td")
    for path in (tmp_path / "td.xlsx", tmp_path / "td"):
        back = TimeDrivenCard.read(path)
        pd.testing.assert_frame_equal(back.times, card.times)
        pd.testing.assert_frame_equal(back.resources, card.resources)


def test_bad_cards_say_which_rows(tmp_path, card):
    times = card.times.copy()
    times.loc[3, "resource"] = "call_centre"
    unknown = r"column 'resource' has unknown value\(s\) \['call_centre'\] in row\(s\) \[5\]"
    with pytest.raises(ValueError, match=unknown):
        TimeDrivenCard(times, card.resources)
    times = card.times.copy()
    times.loc[2, "minutes"] = -1
    with pytest.raises(ValueError, match=r"'minutes' must be a number >= 0; row\(s\) \[4\]"):
        TimeDrivenCard(times, card.resources)
    times = card.times.copy()
    times.loc[0, "resource"] = "warehouse"
    with pytest.raises(ValueError, match=r"\['order_handling'\] draws on more than one resource"):
        TimeDrivenCard(times, card.resources)
    resources = card.resources.copy()
    resources.loc[1, "practical_share"] = 1.5
    with pytest.raises(ValueError, match=r"'practical_share' must be a number between 0.01 and 1; row\(s\) \[3\]"):
        TimeDrivenCard(card.times, resources)
    resources = card.resources.copy()
    resources.loc[2, "hours_per_year"] = 0
    with pytest.raises(ValueError, match=r"'hours_per_year' must be a number > 0; row\(s\) \[4\]"):
        TimeDrivenCard(card.times, resources)
    card.write(tmp_path / "broken")
    (tmp_path / "broken" / "resources.csv").unlink()
    with pytest.raises(FileNotFoundError, match="resources.csv"):
        TimeDrivenCard.read(tmp_path / "broken")
    with pytest.raises(ValueError, match="attrs"):
        card.unused_capacity(pd.DataFrame({"cost_picking": [1.0]}))
    with pytest.raises(ValueError, match="cost_delivery"):
        card.unused_capacity(ck.cost_to_serve(ck.make_company(seed=1, n_customers=10, n_products=10),
                                              by="customer_id").drop(columns=["cost_delivery"]))


def test_readme_quotes_the_classroom_utilisation(card, timed_pnl):
    from pathlib import Path

    report = card.unused_capacity(timed_pnl).set_index("resource")
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    quoted = (f"customer service runs at {report.loc['customer_service', 'utilisation']:.0%}, "
              f"the warehouse at {report.loc['warehouse', 'utilisation']:.0%} and the fleet at "
              f"{report.loc['fleet', 'utilisation']:.0%}").replace("%", " %")
    assert quoted in " ".join(readme.split())
    assert f"${report['cost_unused'].sum() / 1e6:.2f} M of unused capacity" in " ".join(readme.split())


def test_compare_costings_sets_the_two_side_by_side(precision_case, card, timed_pnl):
    from casekit.analysis.costing_comparison import compare_costings

    result = compare_costings(precision_case, card)
    comparison, capacity = result.comparison, result.capacity
    flat = ck.cost_to_serve(precision_case)
    shown = ck.headline_table(ck.headline(flat))
    pd.testing.assert_series_equal(comparison.loc[shown.index, "rate card"], shown, check_names=False)
    shown = ck.headline_table(ck.headline(timed_pnl))
    pd.testing.assert_series_equal(comparison.loc[shown.index, "time-driven"], shown, check_names=False)
    unused = capacity["cost_unused"].sum()
    assert comparison.loc["unused capacity, not charged to customers ($K)", "time-driven"] == \
        pytest.approx(unused / 1e3, abs=0.05)
    # The company pays for idle capacity, whoever is charged for it.
    after = comparison.loc["net profit after unused capacity ($M)", "time-driven"]
    assert after == pytest.approx((timed_pnl["net_profit"].sum() - unused) / 1e6, abs=0.05)
    drains = comparison.loc["Profit Drains", "time-driven"]
    assert 0 < comparison.loc["Profit Drains also Drains on the rate card", "time-driven"] <= drains
    assert np.isnan(comparison.loc["unused capacity, not charged to customers ($K)", "rate card"])
