"""casekit: customer and product profitability, from cost to serve to islands of profit.

The public API a notebook needs is re-exported here; everything else is
reachable in its layer: ``casekit.case`` (the company and its data),
``casekit.costing`` (rates and the engine), ``casekit.analysis`` (profit by
grain, segments, profit map), ``casekit.models`` (teaching models),
``casekit.plots``, ``casekit.widgets``, ``casekit.teaching`` and
``casekit.client``.  Plots and widgets load on first use, so ``import
casekit`` stays light for scripts and the engine.

Examples
--------
>>> import casekit as ck
>>> co = ck.load_case("precision")
>>> pnl = ck.cost_to_serve(co)
>>> bool(pnl["net_profit"].sum() > 0)
True
"""

import importlib

from casekit._version import __version__
from casekit.analysis.losses import loss_shares
from casekit.analysis.pocket_price import pocket_price_band, price_waterfall
from casekit.analysis.profit_map import profit_map, profit_map_summary
from casekit.analysis.profitability import (
    SEGMENT_PRESCRIPTIONS,
    profit_by,
    segment_customers,
    segment_summary,
    whale_curve,
)
from casekit.analysis.summary import headline, headline_table
from casekit.case.company import Company, make_company
from casekit.case.datasets import load_case
from casekit.case.dictionary import DATA_DICTIONARY
from casekit.costing.engine import cost_to_serve, driver_totals
from casekit.costing.overheads import charge_overheads
from casekit.costing.rates import RateCard
from casekit.costing.time_driven import TimeDrivenCard

__all__ = [
    "__version__", "Company", "make_company", "load_case", "DATA_DICTIONARY", "cost_to_serve", "driver_totals",
    "charge_overheads", "loss_shares",
    "RateCard", "TimeDrivenCard", "profit_by", "whale_curve", "segment_customers", "segment_summary",
    "profit_map", "profit_map_summary", "SEGMENT_PRESCRIPTIONS", "price_waterfall", "pocket_price_band", "headline",
    "headline_table", "plots",
]

# matplotlib and seaborn cost about a second to import; a script that only
# costs lines should not pay it.
_LAZY = {"plots", "widgets", "models", "teaching", "client"}


def __getattr__(name):
    if name in _LAZY:
        return importlib.import_module(f"casekit.{name}")
    raise AttributeError(f"module 'casekit' has no attribute {name!r}")
