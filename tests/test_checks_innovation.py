import pytest

from casekit.models.assumptions import with_values
from casekit.models.innovation import product_scorecard
from casekit.models.launches import LIFE_ASSUMPTIONS, launch_life
from casekit.teaching.checks.innovation import check_life_losers_without_cannibalisation, check_prune_saving


@pytest.fixture(scope="module")
def card(precision_case, precision_pnl):
    return product_scorecard(precision_case, precision_pnl)


def _life_losers(card, **values):
    life = launch_life(card, assumptions=with_values(LIFE_ASSUMPTIONS, **values))
    return int((life["life_value"] < 0).sum())


def test_life_losers_without_cannibalisation(card):
    right = _life_losers(card, cannibalisation=0, major_cannibalisation=0)
    assert check_life_losers_without_cannibalisation(right, card).correct
    # The answer is not on screen: the notebook prints the count at the model's assumptions, which differs.
    on_screen = _life_losers(card)
    assert on_screen != right
    fb = check_life_losers_without_cannibalisation(on_screen, card)
    assert not fb.correct and "model's own assumptions" in fb.message
    minor_only = _life_losers(card, cannibalisation=0)
    if minor_only != right:
        assert "major_cannibalisation" in check_life_losers_without_cannibalisation(minor_only, card).message
    assert "expected a number" in check_life_losers_without_cannibalisation("29", card).message
    for wrong in (on_screen, right + 3, right - 3):
        assert str(right) not in check_life_losers_without_cannibalisation(wrong, card).message.replace(str(wrong), "")


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


def test_prune_profit_if_the_buyers_walk_away(card):
    from casekit.models.complexity import COMPLEXITY_RATES
    from casekit.models.innovation import prune_tail
    from casekit.teaching.checks.innovation import LOST_DEMAND_TRANSFER, check_prune_profit_without_transfer

    def change(**rates):
        table = with_values(COMPLEXITY_RATES, **rates) if rates else None
        out = prune_tail(card, share=0.30, rates=table).set_index("scenario")
        cols = ["company_profit", "complexity_cost", "gross_margin", "revenue"]
        return out.loc["pruned", cols] - out.loc["today", cols], out.loc["pruned", "company_profit"]

    d, pruned_profit = change(demand_transfer=LOST_DEMAND_TRANSFER)
    shown, _ = change()
    right, on_screen = d["company_profit"], shown["company_profit"]
    assert abs(right - on_screen) > 0.05 * abs(on_screen), "the what-if must move the answer off the widget"
    assert 0 < right < on_screen, "the guide says pruning still pays, but less, when the buyers walk away"
    assert check_prune_profit_without_transfer(right, card).correct
    slips = {on_screen: "model's own demand transfer", -d["complexity_cost"]: "complexity cost saved",
             d["gross_margin"]: "product managers' lens", d["revenue"]: "change in revenue",
             pruned_profit: "subtract today's"}
    for wrong, phrase in slips.items():
        fb = check_prune_profit_without_transfer(wrong, card)
        assert not fb.correct and phrase in fb.message and "Hint:" in fb.message
        assert f"{abs(right):,.0f}" not in fb.message
    assert "sign" in check_prune_profit_without_transfer(-right, card).message.lower()
