import pytest

from casekit.models.innovation import product_scorecard
from casekit.teaching.checks.innovation import check_launch_loss_share, check_prune_saving


@pytest.fixture(scope="module")
def card(precision_case, precision_pnl):
    return product_scorecard(precision_case, precision_pnl)


def _launch_loss_pct(card):
    new = card[card["is_new"]]
    by_launch = new.groupby("launch_id")["company_profit"].sum()
    return 100 * (by_launch < 0).mean()


def test_launch_loss_share_right_in_percent_and_fraction(card):
    pct = _launch_loss_pct(card)
    assert check_launch_loss_share(pct, card).correct
    assert check_launch_loss_share(pct / 100, card).correct
    fb = check_launch_loss_share(pct - 10, card)
    assert not fb.correct and "too low" in fb.message and "launch_id" in fb.message


def test_launch_loss_share_names_the_mistake(card):
    new = card[card["is_new"]]
    by_launch = new.groupby("launch_id")[["net_profit", "company_profit"]].sum()
    sku_share = 100 * (new["company_profit"] < 0).mean()
    net_share = 100 * (by_launch["net_profit"] < 0).mean()
    if abs(sku_share - _launch_loss_pct(card)) > 0.5:
        assert "share of new SKUs" in check_launch_loss_share(sku_share, card).message
    if abs(net_share - _launch_loss_pct(card)) > 0.5:
        assert "complexity" in check_launch_loss_share(net_share, card).message
    assert "expected a number" in check_launch_loss_share("90%", card).message


def test_prune_saving(card):
    from casekit.models.innovation import prune_tail
    out = prune_tail(card, share=0.30)
    pct = 100 * (1 - out.loc[1, "complexity_cost"] / out.loc[0, "complexity_cost"])
    assert check_prune_saving(pct, card).correct
    assert check_prune_saving(pct / 100, card).correct
    dollars = out.loc[0, "complexity_cost"] - out.loc[1, "complexity_cost"]
    fb = check_prune_saving(dollars, card)
    assert not fb.correct and "dollars saved" in fb.message
    fb = check_prune_saving(30, card)
    assert not fb.correct and "share of SKUs cut" in fb.message
    by_margin = prune_tail(card, share=0.30, by="company_profit").loc[1, "complexity_saved_pct"]
    if abs(by_margin - pct) > 0.5:
        assert "ranked the tail by company_profit" in check_prune_saving(by_margin, card).message
