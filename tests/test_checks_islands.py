import pytest

import casekit as ck
from casekit.teaching.checks.islands import check_loss_share, check_peak_profit_share


@pytest.fixture(scope="module")
def pnl():
    return ck.cost_to_serve(ck.load_case("precision"))


def test_loss_share_percent_and_fraction(pnl):
    cust = ck.profit_by(pnl)
    frac = float((cust["net_profit"] < 0).mean())
    assert check_loss_share(frac * 100, pnl).correct
    assert check_loss_share(frac, pnl).correct
    fb = check_loss_share(100 - frac * 100, pnl)
    assert not fb.correct and "complement" in fb.message


def test_peak_share(pnl):
    seg = ck.segment_customers(pnl)
    peaks = seg[seg["segment"] == "Profit Peak"]
    right = peaks["net_profit"].sum() / seg["net_profit"].sum() * 100
    assert check_peak_profit_share(right, pnl).correct
    share_customers = len(peaks) / len(seg) * 100
    fb = check_peak_profit_share(share_customers, pnl)
    assert not fb.correct and "share of customers" in fb.message
