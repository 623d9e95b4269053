import pytest

from casekit.models.dropping import AVOIDABLE_SHARE, drop_account
from casekit.models.revenue_fit import revenue_fit, same_revenue_comparison
from casekit.teaching.checks.levers import LEAN_CAPACITY, SMALLER_TARGET, check_drop_profit_change, check_ops_cost_gap


@pytest.fixture(scope="module")
def chosen(precision_case, precision_pnl):
    from casekit.models import dropping

    return dropping.fix_or_drop(dropping.lever_candidates(precision_case, precision_pnl)).attrs["chosen"]


@pytest.fixture(scope="module")
def drop(precision_pnl, chosen):
    return drop_account(precision_pnl, chosen, avoidable={**AVOIDABLE_SHARE, **LEAN_CAPACITY}).attrs


def test_drop_right_answer_is_not_on_screen(precision_pnl, chosen, drop):
    fb = check_drop_profit_change(drop["profit_change_if_dropped"], pnl=precision_pnl, customer_id=chosen)
    assert fb.correct
    shown = drop_account(precision_pnl, chosen).attrs["profit_change_if_dropped"]
    assert abs(drop["profit_change_if_dropped"] - shown) > 0.02 * abs(shown), "the what-if must move the answer"
    fb = check_drop_profit_change(shown, pnl=precision_pnl, customer_id=chosen)
    assert not fb.correct and "model's own avoidable shares" in fb.message


@pytest.mark.parametrize("wrong, phrase", [
    (lambda d: -d["net_profit"], "allocated view"),
    (lambda d: -d["gross_margin"], "no cost saved"),
    (lambda d: d["avoidable_cost"], "avoidable cost alone"),
    (lambda d: d["allocated_cost"] - d["revenue"], "subtracted revenue"),
])
def test_drop_wrong_answers_get_specific_hints(precision_pnl, chosen, drop, wrong, phrase):
    fb = check_drop_profit_change(wrong(drop), pnl=precision_pnl, customer_id=chosen)
    assert not fb.correct
    assert phrase in fb.message and "Hint:" in fb.message
    assert f"{abs(drop['profit_change_if_dropped']):,.0f}" not in fb.message


def test_drop_not_a_number(precision_pnl, chosen):
    fb = check_drop_profit_change("-5000", pnl=precision_pnl, customer_id=chosen)
    assert not fb.correct and "expected a number" in fb.message


@pytest.fixture(scope="module")
def fit(precision_case, precision_pnl):
    return revenue_fit(precision_pnl, precision_case)


def _books(fit, share):
    target = same_revenue_comparison(fit)["revenue"].iloc[0] * share
    return same_revenue_comparison(fit, target_revenue=target).set_index("book")


def test_gap_right_answer_percent_or_fraction(fit):
    c = _books(fit, SMALLER_TARGET)["ops_cost_per_case"]
    pct = (c["poorly-fitting"] / c["well-fitting"] - 1) * 100
    assert check_ops_cost_gap(pct, fit=fit).correct
    assert check_ops_cost_gap(pct / 100, fit=fit).correct
    shown = _books(fit, 1.0)["ops_cost_per_case"]
    on_screen = (shown["poorly-fitting"] / shown["well-fitting"] - 1) * 100
    assert pct > 1.05 * on_screen, "the what-if must move the answer off the screen; the guide says the gap widens"
    for answer in (on_screen, on_screen / 100):
        fb = check_ops_cost_gap(answer, fit=fit)
        assert not fb.correct and "the one on screen" in fb.message and f"{pct:.1f}" not in fb.message


def test_gap_wrong_answers(fit):
    c = _books(fit, SMALLER_TARGET)
    per_case = c["ops_cost_per_case"]
    fb = check_ops_cost_gap(per_case["poorly-fitting"] / per_case["well-fitting"], fit=fit)
    assert not fb.correct and "ratio" in fb.message
    fb = check_ops_cost_gap((1 - per_case["well-fitting"] / per_case["poorly-fitting"]) * 100, fit=fit)
    assert not fb.correct and "base" in fb.message
    fb = check_ops_cost_gap(per_case["poorly-fitting"] - per_case["well-fitting"], fit=fit)
    assert not fb.correct and "$ per case" in fb.message and "Hint:" in fb.message


# ---- checks for notebook 03 (casekit.teaching.checks.glass_box) ----

from casekit.costing.rates import RateCard  # noqa: E402
from casekit.teaching.checks.glass_box import check_line_delivery_cost, check_order_cost_to_serve_pct  # noqa: E402


@pytest.fixture(scope="module")
def multi_line(precision_pnl):
    counts = precision_pnl.groupby("delivery_id", observed=True)["cases"].agg(["size", "std"])
    delivery = counts[(counts["size"] >= 3) & (counts["std"] > 0)].index[0]
    lines = precision_pnl[precision_pnl["delivery_id"] == delivery]
    return lines, lines.loc[lines["cases"].idxmax()]


def test_delivery_right(precision_case, precision_pnl, multi_line):
    _, row = multi_line
    assert check_line_delivery_cost(row["cost_delivery"], company=precision_case, pnl=precision_pnl,
                                    line_id=row["line_id"]).correct


def test_delivery_allocated_by_lines_is_named(precision_case, precision_pnl, multi_line):
    lines, row = multi_line
    r = RateCard.default()
    km = float(precision_case.customers.set_index("customer_id").loc[row["customer_id"], "distance_km"])
    per_drop = r.rate("delivery", "deliveries") + r.rate("delivery", "delivery_km") * km
    wrong = per_drop / len(lines) + r.rate("delivery", "cases") * row["cases"]
    fb = check_line_delivery_cost(wrong, company=precision_case, pnl=precision_pnl, line_id=row["line_id"])
    assert not fb.correct and "by lines" in fb.message and "by cases" in fb.message
    no_case = per_drop * row["cases"] / lines["cases"].sum()
    fb = check_line_delivery_cost(no_case, company=precision_case, pnl=precision_pnl, line_id=row["line_id"])
    assert not fb.correct and "per-case" in fb.message


def test_delivery_unknown_line(precision_case, precision_pnl):
    with pytest.raises(ValueError, match="not in pnl"):
        check_line_delivery_cost(1.0, company=precision_case, pnl=precision_pnl, line_id=-1)


def test_cts_pct_right_and_fraction(precision_pnl):
    oid = str(precision_pnl["order_id"].iloc[0])
    sel = precision_pnl[precision_pnl["order_id"].astype(str) == oid]
    pct = sel["cost_to_serve"].sum() / sel["revenue"].sum() * 100
    assert check_order_cost_to_serve_pct(pct, pnl=precision_pnl, order_id=oid).correct
    assert check_order_cost_to_serve_pct(pct / 100, pnl=precision_pnl, order_id=oid).correct
    fb = check_order_cost_to_serve_pct(sel["cost_to_serve"].sum() / sel["gross_margin"].sum() * 100,
                                       pnl=precision_pnl, order_id=oid)
    assert not fb.correct and "gross margin" in fb.message
