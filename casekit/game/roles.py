"""The roles of Beacon Boardroom: role cards, decision fields and their checks.

Each role decides a few things a quarter, is paid on its own KPI and, until
the shared account P&L is unlocked (round 4), sees only its own dashboard.
A decision is a flat dict of field name -> value; :func:`check_decision`
turns what a browser sent (strings) into that dict or raises
:class:`DecisionError` with a message a player can act on.
"""

from __future__ import annotations

import dataclasses

__all__ = [
    "ROLES",
    "ROLE_NAMES",
    "CARDS",
    "UNLOCK_ROUND",
    "N_ROUNDS",
    "OPS_CAPACITY",
    "DecisionError",
    "Context",
    "fields",
    "default_decision",
    "check_decision",
]

ROLES = ["sales", "operations", "product", "buyer"]
"""Seats of a team; ``buyer`` (the key customer's buyer) is optional."""

ROLE_NAMES = {"sales": "VP Sales", "operations": "VP Operations", "product": "VP Product",
              "buyer": "Key customer's buyer"}

N_ROUNDS = 6
"""Rounds (quarters) in a game."""

UNLOCK_ROUND = 4
"""First round in which the instructor may open the shared account P&L and the bonus-plan rewrite."""

OPS_CAPACITY = 3
"""Operations projects a quarter: engaging an account early and each service change away from today."""

SALES_METRICS = ["revenue", "gross_margin", "objectives"]
"""Metrics of the reps' bonus plan the VP Sales may weigh before the rewrite."""

REWRITE_METRICS = ["net_profit", "cost_to_serve_per_case", "fit"]
"""Metrics the team may add to the bonus plan once the instructor unlocks round 4."""

CARDS = {
    "sales": {
        "decides": "How the reps' bonus plan weighs revenue, gross margin and launch objectives; how many "
                   "objectives each rep works; which key account the team develops.",
        "paid_on": "Revenue and objective attainment.",
        "sees": "Revenue, objective attainment and the reps' choices.",
    },
    "operations": {
        "decides": "Service policy at the account sales develops (minimum order, deliveries a week, EDI, "
                   "service tier) and whether to engage that account early, within "
                   f"{OPS_CAPACITY} projects a quarter.",
        "paid_on": "Cost to serve per case and capacity use.",
        "sees": "Cost to serve per case, projects in flight.",
    },
    "product": {
        "decides": "How many launches of the innovation stream go ahead (each becomes a sales objective) "
                   "and how much of the tail of the range to prune.",
        "paid_on": "Launch revenue and gross margin.",
        "sees": "Launch revenue, gross margin %, SKUs on sale.",
    },
    "buyer": {
        "decides": "Whether to open the door to Beacon's operations people and whether to accept new "
                   "ordering terms (minimum order, delivery days).",
        "paid_on": "Your own company's profit on Beacon's products.",
        "sees": "Your gross margin and handling cost on Beacon's products.",
    },
}
"""Role cards: what each role decides, is paid on and sees."""


class DecisionError(ValueError):
    """A decision that cannot be accepted; its message is shown to the player."""


@dataclasses.dataclass(frozen=True)
class Context:
    """What the checks of a decision depend on: the case's launches and accounts, and the unlock.

    Parameters
    ----------
    n_launches : int
        Launches in the stream (the most the VP Product can approve).
    accounts : tuple of str
        Accounts the VP Sales may develop.
    unlocked : bool, default=False
        Whether the bonus-plan rewrite is open.
    """

    n_launches: int
    accounts: tuple
    unlocked: bool = False


@dataclasses.dataclass(frozen=True)
class Field:
    """One input on a role's form: ``choices`` (strings) or an integer range ``low``..``high``."""

    name: str
    label: str
    default: object
    choices: tuple = ()
    low: int = 0
    high: int = 0
    rewrite: bool = False  # only after the unlock


def fields(role: str, ctx: Context) -> list[Field]:
    """Return the inputs of a role's decision form.

    Examples
    --------
    >>> ctx = Context(n_launches=22, accounts=("C1", "C2"))
    >>> [f.name for f in fields("product", ctx)]
    ['launches', 'prune_pct']
    """
    if role == "sales":
        out = [Field(f"w_{m}", f"bonus weight on {m.replace('_', ' ')}", 5 if m != "gross_margin" else 0,
                     low=0, high=10) for m in SALES_METRICS]
        out += [Field(f"w_{m}", f"bonus weight on {m.replace('_', ' ')}", 0, low=0, high=10, rewrite=True)
                for m in REWRITE_METRICS]
        out += [Field("focus", "objectives each rep works", 3, low=1, high=5),
                Field("account", "key account to develop", ctx.accounts[0], choices=tuple(ctx.accounts))]
        return out
    if role == "operations":
        return [Field("min_order", "minimum order (cases)", "0", choices=("0", "10", "20", "40")),
                Field("deliveries", "deliveries a week", "as today", choices=("as today", "3", "2", "1")),
                Field("edi_pct", "manual orders moved to EDI (%)", "0", choices=("0", "50", "100")),
                Field("tier", "service tier", "rush on request",
                      choices=("rush on request", "rush for a fee", "standard only")),
                Field("engage", "engage the account early", "no", choices=("no", "yes"))]
    if role == "product":
        return [Field("launches", "launches that go ahead", ctx.n_launches, low=0, high=ctx.n_launches),
                Field("prune_pct", "tail of the range pruned (%)", "0", choices=("0", "10", "20", "30"))]
    if role == "buyer":
        return [Field("open_door", "let Beacon's operations people in", "yes", choices=("yes", "no")),
                Field("accept_terms", "accept minimum orders and delivery days", "yes", choices=("yes", "no"))]
    raise DecisionError(f"unknown role {role!r}; use one of {ROLES}.")


def default_decision(role: str, ctx: Context) -> dict:
    """Return the decision a role has before it submits anything (today's way of working).

    Examples
    --------
    >>> default_decision("buyer", Context(n_launches=22, accounts=("C1",)))
    {'open_door': 'yes', 'accept_terms': 'yes'}
    """
    return {f.name: f.default for f in fields(role, ctx)}


def ops_projects(decision: dict) -> int:
    """Count the operations projects a decision starts (engagement plus each service change).

    Examples
    --------
    >>> ops_projects({"min_order": "10", "deliveries": "as today", "edi_pct": "50",
    ...               "tier": "rush on request", "engage": "yes"})
    3
    """
    return (int(decision["min_order"] != "0") + int(decision["deliveries"] != "as today")
            + int(decision["edi_pct"] != "0") + int(decision["tier"] != "rush on request")
            + int(decision["engage"] == "yes"))


def check_decision(role: str, sent: dict, ctx: Context) -> dict:
    """Check what a player sent and return the decision, or raise :class:`DecisionError`.

    Parameters
    ----------
    role : str
        One of :data:`ROLES`.
    sent : dict
        Field name -> value as sent (strings from a form, or numbers).
    ctx : Context

    Returns
    -------
    dict
        Every field of the role, integers as ``int`` and choices as ``str``.

    Examples
    --------
    >>> ctx = Context(n_launches=22, accounts=("C1", "C2"))
    >>> check_decision("product", {"launches": "6", "prune_pct": "20"}, ctx)
    {'launches': 6, 'prune_pct': '20'}
    >>> check_decision("product", {"launches": "40", "prune_pct": "20"}, ctx)
    Traceback (most recent call last):
    ...
    casekit.game.roles.DecisionError: launches that go ahead must be a whole number from 0 to 22; got '40'.
    """
    out = {}
    for f in fields(role, ctx):
        if f.name not in sent:
            if f.rewrite and not ctx.unlocked:
                out[f.name] = f.default
                continue
            raise DecisionError(f"{f.label} is missing.")
        value = sent[f.name]
        if f.choices:
            value = str(value)
            if value not in f.choices:
                raise DecisionError(f"{f.label} must be one of {', '.join(f.choices)}; got {value!r}.")
        else:
            text = str(value).strip()
            if not (text.isdigit() and f.low <= int(text) <= f.high):
                raise DecisionError(f"{f.label} must be a whole number from {f.low} to {f.high}; got {value!r}.")
            value = int(text)
            if f.rewrite and not ctx.unlocked and value != f.default:
                raise DecisionError(f"{f.label} opens with the bonus-plan rewrite in round {UNLOCK_ROUND}.")
        out[f.name] = value
    unknown = sorted(set(sent) - set(out))
    if unknown:
        raise DecisionError(f"unexpected field(s) {', '.join(unknown)} for {ROLE_NAMES[role]}.")
    if role == "sales" and sum(out[f"w_{m}"] for m in SALES_METRICS + REWRITE_METRICS) == 0:
        raise DecisionError("the bonus plan needs at least one positive weight.")
    if role == "operations" and ops_projects(out) > OPS_CAPACITY:
        raise DecisionError(f"operations can run {OPS_CAPACITY} projects a quarter; this decision needs "
                            f"{ops_projects(out)} (engaging early and each service change count one each).")
    return out
