import pandas as pd
import pytest

from casekit.costing.drivers import DRIVERS
from casekit.costing.rates import RateCard


def test_default_card_has_sources_and_known_drivers():
    t = RateCard.default().table
    assert (t["source"].str.len() > 0).all()
    assert t["driver"].isin(DRIVERS.index).all()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip(tmp_path, suffix):
    card = RateCard.default().with_rate("delivery", "deliveries", 150.0)
    path = tmp_path / f"rates{suffix}"
    card.write(path)
    back = RateCard.read(path)
    pd.testing.assert_frame_equal(back.table, card.table)


def test_errors_name_column_and_rows(tmp_path):
    t = RateCard.default().table.astype({"rate": object})
    t.loc[3, "rate"] = "lots"
    with pytest.raises(ValueError, match=r"column 'rate' must be a number >= 0; row\(s\) \[5\]"):
        RateCard(t)
    t = RateCard.default().table.copy()
    t.loc[0, "driver"] = "pallets"
    with pytest.raises(ValueError, match=r"column 'driver' has unknown value\(s\) \['pallets'\] in row\(s\) \[2\]"):
        RateCard(t)
    t = RateCard.default().table.copy()
    t.loc[0, "applies_to"] = "colour"
    with pytest.raises(ValueError, match="applies_to"):
        RateCard(t)
    with pytest.raises(ValueError, match="repeat the same activity"):
        RateCard(pd.concat([RateCard.default().table.head(2)] * 2))
    with pytest.raises(ValueError, match="missing column"):
        RateCard(pd.DataFrame({"activity": ["x"]}))
    with pytest.raises(FileNotFoundError, match="does not exist"):
        RateCard.read(tmp_path / "none.csv")
    with pytest.raises(KeyError, match="no rate"):
        RateCard.default().rate("teleport", "orders")


def test_scaled_only_touches_named_activities():
    card = RateCard.default()
    s = card.scaled(2.0, activities=["delivery"])
    assert s.rate("delivery", "deliveries") == 2 * card.rate("delivery", "deliveries")
    assert s.rate("sales_calls", "sales_calls") == card.rate("sales_calls", "sales_calls")
