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

from casekit._version import __version__ as __version__

# Every name loads on first use (PEP 562), so ``import casekit`` costs next
# to nothing and a script pays only for what it touches: the engine pulls in
# pandas and DuckDB, a plot matplotlib and seaborn, a widget ipywidgets.
_API = {
    "pocket_price_band": "casekit.analysis.pocket_price", "price_waterfall": "casekit.analysis.pocket_price",
    "profit_map": "casekit.analysis.profit_map", "profit_map_summary": "casekit.analysis.profit_map",
    "SEGMENT_PRESCRIPTIONS": "casekit.analysis.profitability", "profit_by": "casekit.analysis.profitability",
    "segment_customers": "casekit.analysis.profitability", "segment_summary": "casekit.analysis.profitability",
    "whale_curve": "casekit.analysis.profitability",
    "headline": "casekit.analysis.summary", "headline_table": "casekit.analysis.summary",
    "Company": "casekit.case.company", "make_company": "casekit.case.company",
    "load_case": "casekit.case.datasets", "DATA_DICTIONARY": "casekit.case.dictionary",
    "cost_to_serve": "casekit.costing.engine", "driver_totals": "casekit.costing.engine",
    "charge_overheads": "casekit.costing.overheads", "loss_shares": "casekit.analysis.losses",
    "RateCard": "casekit.costing.rates", "TimeDrivenCard": "casekit.costing.time_driven",
}
_SUBPACKAGES = {"case", "costing", "analysis", "models", "plots", "widgets", "teaching", "client", "cli",
                "validation", "game"}

__all__ = [
    "__version__", "Company", "make_company", "load_case", "DATA_DICTIONARY", "cost_to_serve", "driver_totals",
    "charge_overheads", "loss_shares",
    "RateCard", "TimeDrivenCard", "profit_by", "whale_curve", "segment_customers", "segment_summary",
    "profit_map", "profit_map_summary", "SEGMENT_PRESCRIPTIONS", "price_waterfall", "pocket_price_band", "headline",
    "headline_table", "plots",
]


def __getattr__(name):
    if name in _API:
        value = getattr(importlib.import_module(_API[name]), name)
        globals()[name] = value  # later look-ups skip this function
        return value
    if name in _SUBPACKAGES:
        return importlib.import_module(f"casekit.{name}")
    raise AttributeError(f"module 'casekit' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_API) | _SUBPACKAGES)
