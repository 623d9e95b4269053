"""Analysis of a costed P&L: profit by any grain, whale curve, segments, profit map, price, sensitivity."""

from casekit.analysis.losses import GRAINS, loss_shares
from casekit.analysis.pocket_price import WATERFALL_STEPS, pocket_price_band, price_waterfall
from casekit.analysis.profit_map import profit_map, profit_map_summary
from casekit.analysis.profitability import (
    SEGMENT_PRESCRIPTIONS,
    SEGMENTS,
    profit_by,
    segment_customers,
    segment_summary,
    whale_curve,
)
from casekit.analysis.summary import headline, headline_table

__all__ = ["GRAINS", "loss_shares", "SEGMENT_PRESCRIPTIONS", "SEGMENTS", "WATERFALL_STEPS", "pocket_price_band", "price_waterfall", "profit_by",
           "profit_map", "profit_map_summary", "segment_customers", "segment_summary", "whale_curve", "headline",
           "headline_table"]
