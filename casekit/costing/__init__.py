"""Costing: the rate card, time-driven costing and the engine that costs every invoice line."""

from casekit.costing.engine import cost_to_serve, driver_totals
from casekit.costing.overheads import OVERHEAD_RATES, charge_overheads
from casekit.costing.rates import RateCard
from casekit.costing.time_driven import TimeDrivenCard

__all__ = ["cost_to_serve", "driver_totals", "charge_overheads", "OVERHEAD_RATES", "RateCard", "TimeDrivenCard"]
