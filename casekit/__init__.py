"""casekit: customer and product profitability, from cost to serve to islands of profit.

The public API a notebook needs is re-exported here; everything else is
reachable in its module.

Examples
--------
>>> import casekit as ck
>>> co = ck.load_case("precision")
>>> pnl = ck.cost_to_serve(co)
>>> bool(pnl["net_profit"].sum() > 0)
True
"""

__version__ = "0.1.0"

from casekit import plots
from casekit.company import Company, make_company
from casekit.datasets import load_case
from casekit.dictionary import DATA_DICTIONARY
from casekit.engine import cost_to_serve, driver_totals
from casekit.profitability import (
    SEGMENT_PRESCRIPTIONS, pocket_price_band, price_waterfall, profit_by, profit_map,
    profit_map_summary, segment_customers, segment_summary, whale_curve,
)
from casekit.rates import RateCard, default_rates
from casekit.summary import headline
from casekit.time_driven import TimeDrivenCard

__all__ = [
    "Company", "make_company", "load_case", "DATA_DICTIONARY", "cost_to_serve", "driver_totals",
    "RateCard", "default_rates", "TimeDrivenCard", "profit_by", "whale_curve", "segment_customers", "segment_summary",
    "profit_map", "profit_map_summary", "SEGMENT_PRESCRIPTIONS", "price_waterfall", "pocket_price_band", "headline", "plots",
]
