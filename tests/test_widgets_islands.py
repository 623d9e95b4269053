import pytest

import casekit as ck
from casekit.widgets import islands


@pytest.fixture(scope="module")
def case():
    co = ck.load_case("precision")
    return co, ck.cost_to_serve(co)


def test_predictions_answers_come_from_case(case):
    co, pnl = case
    share, best = islands.predictions(co, pnl)
    cust = ck.profit_by(pnl)
    assert share.truth == pytest.approx((cust["net_profit"] < 0).mean() * 100)
    top = cust.iloc[0]["customer_id"]
    assert best.truth == co.customers.set_index("customer_id").loc[top, "customer_name"]
    assert best.truth in best.entry.options


def test_segment_sliders_move_counts(case):
    _, pnl = case
    s = islands.segment_sliders(pnl)
    before = s.segments["segment"].value_counts().to_dict()
    old_table = s.table.value
    s.revenue_cut.value = s.revenue_cut.options[-1][1]
    after = s.segments["segment"].value_counts().to_dict()
    assert after["Profit Desert"] > before["Profit Desert"]
    assert s.table.value != old_table
    expected = ck.segment_customers(pnl, revenue_cut=s.revenue_cut.value)
    assert (s.segments["segment"].astype(str).values == expected["segment"].astype(str).values).all()


def test_explorer_filters_and_account(case):
    co, pnl = case
    e = islands.profit_map_explorer(pnl, co)
    assert len(e.selected) == len(co.customers)
    e.filters["segment"].value = "Profit Drain"
    assert (e.selected["segment"] == "Profit Drain").all()
    assert f">{len(e.selected)}<" in e.summary.value
    cid = e.customer.value
    expected = float(pnl.loc[pnl["customer_id"] == cid, "net_profit"].sum())
    total, products = islands.account_pnl(e.cells, cid)
    assert float(total["net_profit"]) == pytest.approx(expected)
    assert expected < 0 and "c0392b" in e.account.value
    with pytest.raises(ValueError, match="has no lines"):
        islands.account_pnl(e.cells, "NOPE")


def test_account_pnl_has_money_rows_only(precision_pnl):
    from casekit.analysis.profitability import profit_by
    from casekit.widgets.islands import account_pnl

    cells = profit_by(precision_pnl, by=["customer_id", "product_id"])
    total, _ = account_pnl(cells, cells["customer_id"].iloc[0])
    assert not any(name.endswith("_pct") for name in total.index)
