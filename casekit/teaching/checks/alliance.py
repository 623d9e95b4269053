"""Checks for the exercises of notebook 07 (the natural alliance of sales and operations)."""

from __future__ import annotations

import casekit.models.account_development as ad
from casekit.models.alignment import MOVES, account_moves
from casekit.teaching.checks import Feedback, close, compare_number

__all__ = ["check_win_win_move", "check_ops_early_gain", "check_silo_profit_change"]




def check_win_win_move(answer, *, company, pnl, customer_id) -> Feedback:
    """Check the name of the move that raises revenue, lowers operations cost per case and raises profit (I8).

    Parameters
    ----------
    answer : str
        The move's name, one of :data:`casekit.models.alignment.MOVES` other than
        "as is" (case and spaces are ignored), or "none" when no move wins.
    company : Company
        The company, e.g. from :func:`casekit.make_company`.
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.
    customer_id : str
        The account whose moves are compared.

    Returns
    -------
    Feedback
        Correct when ``answer`` names a move whose ``helps_sales``,
        ``helps_operations`` and ``helps_company`` are all True in
        :func:`casekit.models.alignment.account_moves`; otherwise the message says
        which function would fight the move.  ``expected`` is the first
        win-win move (or "none").

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> moves = account_moves(co, pnl, customer_id="C0005")
    >>> wins = moves["helps_sales"] & moves["helps_operations"] & moves["helps_company"]
    >>> win = moves.loc[wins, "move"].iloc[0]
    >>> bool(check_win_win_move(win, company=co, pnl=pnl, customer_id="C0005"))
    True
    >>> fb = check_win_win_move("price", company=co, pnl=pnl, customer_id="C0005")
    >>> bool(fb), "not a move" in fb.message
    (False, True)
    """
    moves = account_moves(company, pnl, customer_id=customer_id).set_index("move")
    wins = moves.index[moves["helps_sales"] & moves["helps_operations"] & moves["helps_company"]].tolist()
    expected = wins[0] if wins else "none"
    if not isinstance(answer, str):
        return Feedback(False, f"Win-win move: expected a move's name as a string, one of {MOVES[1:]}; got "
                               f"{answer!r}.", expected)
    name = answer.strip().lower().replace(" ", "_")
    if name in wins or (not wins and name == "none"):
        return Feedback(True, f"Win-win move for {customer_id}: {name} is right: revenue "
                              f"{moves.loc[name, 'd_revenue']:+,.0f} $, operations cost per case "
                              f"{moves.loc[name, 'd_operations_cost_per_case']:+.2f} $, net profit "
                              f"{moves.loc[name, 'd_net_profit']:+,.0f} $.", expected)
    if name not in moves.index:
        return Feedback(False, f"Win-win move: {answer!r} is not a move; choose one of {MOVES[1:]}.", expected)
    r = moves.loc[name]
    why = []
    if not r["helps_sales"]:
        why.append(f"it changes revenue by {r['d_revenue']:+,.0f} $, so sales would fight it")
    if not r["helps_operations"]:
        why.append(f"it changes operations cost per case by {r['d_operations_cost_per_case']:+.2f} $, so "
                   "operations would fight it")
    if not r["helps_company"]:
        why.append(f"it changes the account's net profit by {r['d_net_profit']:+,.0f} $")
    if name == "as is":
        why = ["doing nothing changes nobody's number"]
    return Feedback(False, f"Win-win move for {customer_id}: not {name}: " + "; ".join(why) + ". Hint: look for "
                           "the row where helps_sales, helps_operations and helps_company are all True.", expected)


def check_ops_early_gain(answer, *, paths) -> Feedback:
    """Check how many $ more profit the operations-early path earns you than sales first, over the horizon (I9).

    Parameters
    ----------
    answer : float
        The student's answer in $: total ``your_profit`` of "operations
        early" minus that of "sales first, supply chain last".
    paths : pandas.DataFrame
        The quarterly paths from
        :func:`casekit.models.account_development.account_paths`.

    Returns
    -------
    Feedback
        Correct within 1 %; a wrong answer is told when it is the customer's
        gain, the last quarter only, the gain before the project cost, the
        revenue gain or the operations-early total.  ``expected`` is the
        gain in $ (negative when sales first earns more).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> paths = ad.account_paths(co, pnl, customer_id="C0001")
    >>> totals = ad.path_totals(paths)["your_profit"]
    >>> gain = totals[ad.PATHS[1]] - totals[ad.PATHS[0]]
    >>> bool(check_ops_early_gain(gain, paths=paths))
    True
    >>> fb = check_ops_early_gain("lots", paths=paths)
    >>> bool(fb), "number" in fb.message
    (False, True)
    """
    t = ad.path_totals(paths)
    late, early = t.loc[ad.PATHS[0]], t.loc[ad.PATHS[1]]
    expected = float(early["your_profit"] - late["your_profit"])
    fb = compare_number(answer, expected, what="Extra profit from bringing operations in early", unit=" $",
                        tol=0.01, hint="sum your_profit over the quarters of each path, then subtract "
                                       "sales first from operations early.")
    if fb.correct or not isinstance(answer, (int, float)):
        return fb
    by = paths.sort_values("quarter").groupby("path", observed=True)
    last = by["your_profit"].last()
    gm_cts = by["your_gross_margin"].sum() - by["your_cost_to_serve"].sum()
    if close(answer, early["customer_profit"] - late["customer_profit"], abs_tol=1.0):
        fb.message += " That is the gain in the customer's profit; the question asks about yours (your_profit)."
    elif close(answer, last[ad.PATHS[1]] - last[ad.PATHS[0]], abs_tol=1.0):
        fb.message += " You compared the last quarter only; add up every quarter of the horizon."
    elif close(answer, gm_cts[ad.PATHS[1]] - gm_cts[ad.PATHS[0]], abs_tol=1.0):
        fb.message += (" You left out the operations project cost (set-ups and the team's time); your_profit "
                       "already subtracts it.")
    elif close(answer, early["your_revenue"] - late["your_revenue"], abs_tol=1.0):
        fb.message += " That is the extra revenue; profit also counts margin, cost to serve and the project."
    elif close(answer, early["your_profit"], abs_tol=1.0):
        fb.message += " That is the operations-early total itself; subtract the sales-first total."
    return fb


def check_silo_profit_change(answer, *, board) -> Feedback:
    """Check the change in company profit ($) when each function optimises its own metric, against today (I13).

    Parameters
    ----------
    answer : float
        The student's answer in $ (a fall is negative).
    board : pandas.DataFrame
        The frame from :func:`casekit.models.alignment.compare_alignment`, with the
        scenarios "today", "each function on its own metric" and "shared
        account P&L".

    Returns
    -------
    Feedback
        Correct within 1 %; a wrong answer is told when it compares with the
        shared P&L, uses profit before complexity, revenue, or the silos'
        profit itself.  ``expected`` is the change in $.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> from casekit.models.alignment import compare_alignment
    >>> board = compare_alignment(co, pnl)
    >>> profit = board.set_index("scenario")["profit"]
    >>> change = profit["each function on its own metric"] - profit["today"]
    >>> bool(check_silo_profit_change(change, board=board))
    True
    >>> wrong = profit["each function on its own metric"] - profit["shared account P&L"]
    >>> fb = check_silo_profit_change(wrong, board=board)
    >>> bool(fb), "shared account P&L" in fb.message
    (False, True)
    """
    b = board.set_index("scenario")
    today, silo, shared = (b.loc[s] for s in ("today", "each function on its own metric", "shared account P&L"))
    expected = float(silo["profit"] - today["profit"])
    fb = compare_number(answer, expected, what="Change in profit with each function on its own metric", unit=" $",
                        tol=0.01, hint="profit of 'each function on its own metric' - profit of 'today'; a fall "
                                       "is negative.")
    if fb.correct or not isinstance(answer, (int, float)):
        return fb
    before_cx = (silo["gross_margin"] - silo["cost_to_serve"]) - (today["gross_margin"] - today["cost_to_serve"])
    if close(answer, silo["profit"] - shared["profit"], abs_tol=1.0):
        fb.message += " You compared with the shared account P&L; the question's base is today."
    elif close(answer, shared["profit"] - today["profit"], abs_tol=1.0):
        fb.message += " That is the shared account P&L's change; the question asks about the silos."
    elif close(answer, before_cx, abs_tol=1.0):
        fb.message += (" You used profit before complexity (gross margin - cost to serve); the board's profit "
                       "also pays for the extra launches' complexity.")
    elif close(answer, silo["revenue"] - today["revenue"], abs_tol=1.0):
        fb.message += " That is the change in revenue, sales' own metric; the question asks about profit."
    elif close(answer, silo["profit"], abs_tol=1.0):
        fb.message += " That is the silos' profit itself; subtract today's."
    return fb
