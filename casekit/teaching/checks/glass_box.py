"""Checks for the exercises of notebook 03 (the glass box: cost to serve, line by line)."""

from __future__ import annotations

from casekit.costing.rates import RateCard
from casekit.teaching.checks import Feedback, close, compare_number

__all__ = ["check_line_delivery_cost", "check_order_cost_to_serve_pct"]




def _line(pnl, line_id):
    hit = pnl[pnl["line_id"] == line_id]
    if hit.empty:
        raise ValueError(f"line_id {line_id!r} is not in pnl; pass the line P&L from ck.cost_to_serve(company).")
    return hit.iloc[0]


def check_line_delivery_cost(answer, *, company, pnl, line_id, rates: RateCard | None = None) -> Feedback:
    """Check a student's delivery cost ($) for one invoice line against the engine.

    Parameters
    ----------
    answer : float
        The student's delivery cost of the line, in $.
    company : Company
        The company (its customers' ``distance_km`` feed the hints).
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.
    line_id : int
        The invoice line to check.
    rates : RateCard, optional
        The rate card; :meth:`RateCard.default` when omitted.

    Returns
    -------
    Feedback
        Correct within 0.5 % of the line's ``cost_delivery``; a wrong answer is
        told when it splits the drop by lines, leaves out the per-case or the
        distance charge, or charges the whole drop.  ``expected`` is the
        engine's cost in $.

    Raises
    ------
    ValueError
        If ``line_id`` is not in ``pnl``.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> right = pnl.loc[pnl["line_id"] == 1, "cost_delivery"].iloc[0]
    >>> bool(check_line_delivery_cost(right, company=co, pnl=pnl, line_id=1))
    True
    >>> bool(check_line_delivery_cost(0.0, company=co, pnl=pnl, line_id=1))
    False
    """
    rates = RateCard.default() if rates is None else rates
    row = _line(pnl, line_id)
    expected = float(row["cost_delivery"])
    fb = compare_number(answer, expected, what=f"Delivery cost of line {line_id}", unit=" $", tol=0.005,
                        abs_tol=0.01, hint="delivery = (per-drop rate + per-km rate x distance) x this line's "
                                           "share of the drop's cases + per-case rate x cases.")
    if fb.correct or not isinstance(answer, (int, float)):
        return fb
    drop = pnl[pnl["delivery_id"] == row["delivery_id"]]
    cust = company.customers.set_index(company.customers["customer_id"].astype(str))
    km = float(cust.loc[str(row["customer_id"]), "distance_km"])
    per_drop = rates.rate("delivery", "deliveries") + rates.rate("delivery", "delivery_km") * km
    per_case = rates.rate("delivery", "cases") * float(row["cases"])
    share = float(row["cases"]) / float(drop["cases"].sum())
    if close(answer, per_drop / len(drop) + per_case, abs_tol=0.005):
        fb.message += (" You allocated the drop cost by lines (equal shares); the rate card allocates it by "
                       "cases: this line's cases / the drop's cases.")
    elif close(answer, per_drop * share, abs_tol=0.005):
        fb.message += " You left out the per-case loading charge (rate x cases)."
    elif close(answer, rates.rate("delivery", "deliveries") * share + per_case, abs_tol=0.005):
        fb.message += " You left out the distance charge (per-km rate x the customer's distance_km)."
    elif close(answer, per_drop + per_case, abs_tol=0.005):
        fb.message += " You charged the whole drop to this line; it shares the drop with the other lines."
    return fb


def check_order_cost_to_serve_pct(answer, *, pnl, order_id) -> Feedback:
    """Check cost to serve as a percent of revenue for one order (0.35 and 35 both read as 35 %).

    Parameters
    ----------
    answer : float
        The student's answer, in percent or as a fraction.
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.
    order_id : str
        The order to check, e.g. "O000001".

    Returns
    -------
    Feedback
        Correct within 0.1 percentage point; a wrong answer is told when it
        divides by gross margin or gross sales, leaves out trade promotion, or
        is a margin.  ``expected`` is the percent.

    Raises
    ------
    ValueError
        If ``order_id`` is not in ``pnl``.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> lines = pnl[pnl["order_id"].astype(str) == "O000001"]
    >>> pct = lines["cost_to_serve"].sum() / lines["revenue"].sum() * 100
    >>> bool(check_order_cost_to_serve_pct(pct, pnl=pnl, order_id="O000001"))
    True
    >>> bool(check_order_cost_to_serve_pct(pct / 100, pnl=pnl, order_id="O000001"))
    True
    """
    sel = pnl[pnl["order_id"].astype(str) == str(order_id)]
    if sel.empty:
        raise ValueError(f"order_id {order_id!r} is not in pnl.")
    cts, rev = float(sel["cost_to_serve"].sum()), float(sel["revenue"].sum())
    expected = cts / rev * 100
    fb = compare_number(answer, expected, what=f"Cost to serve of order {order_id} as % of revenue", unit="%",
                        abs_tol=0.1, percent=True,
                        hint="sum cost_to_serve over the order's lines and divide by the order's revenue "
                             "(invoice price x cases), times 100.")
    if fb.correct or not isinstance(answer, (int, float)):
        return fb
    val = answer * 100 if 0 < abs(answer) <= 1 < abs(expected) else answer
    gm = float(sel["gross_margin"].sum())
    if close(val, cts / gm * 100, abs_tol=0.005):
        fb.message += " You divided by gross margin; the question asks for a share of revenue."
    elif close(val, cts / float(sel["gross_sales"].sum()) * 100, abs_tol=0.005):
        fb.message += " You divided by gross sales at list price; use revenue (after on-invoice discounts)."
    elif close(val, (cts - float(sel["cost_trade_promotion"].sum())) / rev * 100, abs_tol=0.005):
        fb.message += " You left out trade promotion: off-invoice allowances are part of cost to serve here."
    elif (close(val, -float(sel["net_profit"].sum()) / rev * 100, abs_tol=0.005)
          or close(val, gm / rev * 100, abs_tol=0.005)):
        fb.message += " That is a margin, not the cost-to-serve share; use the cost_to_serve column."
    return fb
