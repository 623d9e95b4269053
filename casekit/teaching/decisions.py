"""The decision each session asks for, with the option the case supports computed from the case.

One function per notebook 01-08 returns a :class:`casekit.teaching.judgement.Decision`;
:func:`casekit.teaching.judgement.check_decision` marks a student's choice
against it.  Each function computes its answer with the same casekit calls
as the notebook's exhibit, so when the case is recalibrated the answer
follows; the misconceptions and hints never name the answer.
"""

from __future__ import annotations

from casekit.teaching.judgement import Decision

__all__ = ["RANK_AGREEMENT_USEFUL", "DRAINS_KEPT_ENOUGH", "rank_by_decision", "grain_decision",
           "rate_refinement_decision", "fix_or_drop_decision", "prune_rank_decision", "objective_cap_decision",
           "SELLING_TIME_WORTH", "selling_time_decision",
           "path_decision", "plan_decision"]

RANK_AGREEMENT_USEFUL = 0.8
"""Rank agreement (Spearman) above which a revenue ranking is a fair stand-in for a profit ranking."""

SELLING_TIME_WORTH = 0.10
"""Relative rise in the cases the plan delivers above which doubling the reps' selling time is worth funding."""

DRAINS_KEPT_ENOUGH = 0.8
"""Share of today's Profit Drains that must stay Drains under wrong rates for the list to be acted on now."""


def rank_by_decision(pnl) -> Decision:
    """Session 01: rank accounts by revenue or by profit after cost to serve, to plan the reps' time?

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L of the era being decided for.

    Returns
    -------
    Decision
        Options ``"revenue"`` and ``"profit"``; the answer is ``"revenue"``
        only when revenue rank agrees with profit rank at least
        :data:`RANK_AGREEMENT_USEFUL` (:func:`casekit.models.eras.rank_agreement`).

    Examples
    --------
    >>> from casekit.models.eras import era_case
    >>> d = rank_by_decision(era_case("mass")[1])
    >>> d.options, d.answer
    (('revenue', 'profit'), 'revenue')
    """
    from casekit.models.eras import rank_agreement

    rho = rank_agreement(pnl)
    return Decision(
        "Beacon's reps have time for a third of their accounts. Do you rank accounts for them by revenue or by "
        "profit after cost to serve?", ("revenue", "profit"),
        "revenue" if rho >= RANK_AGREEMENT_USEFUL else "profit",
        {"revenue": ("Big customers were the profitable ones in the mass era; that is what the dial tests.",
                     "Look at the rank agreement at this end of the dial: how well does revenue order "
                     "the accounts by profit?"),
         "profit": ("Profit after cost to serve is the better measure in principle, but a ranking is for "
                    "acting on; when two rankings agree, the simpler one will do.",
                    "Look at the rank agreement at this end of the dial.")},
        evidence=f"rank agreement {rho:.2f} against {RANK_AGREEMENT_USEFUL}")


def grain_decision(pnl) -> Decision:
    """Session 02: which grain of the profit map would you act on?

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L.

    Returns
    -------
    Decision
        Options ``"customer"``, ``"product"``, ``"customer x product"``; the
        answer is the grain at which the losses add up to the most (each
        coarser grain nets losing pieces against profitable ones).

    Examples
    --------
    >>> import casekit as ck
    >>> d = grain_decision(ck.cost_to_serve(ck.load_case("precision")))
    >>> d.answer
    'customer x product'
    """
    from casekit.analysis.profitability import profit_by

    grains = {"customer": ["customer_id"], "product": ["product_id"],
              "customer x product": ["customer_id", "product_id"]}
    losses = {g: float(-profit_by(pnl, cols)["net_profit"].clip(upper=0).sum()) for g, cols in grains.items()}
    hidden = "A coarser grain adds each piece's profit and loss together, so losing pieces hide inside it."
    hint = "At which grain do the losses add up to the most? Compare the red ink, not the count of rows."
    return Decision(
        "You may fix or reprice only what you can see. At which grain would you act: customer, product or "
        "customer x product?", tuple(grains), max(losses, key=losses.get),
        {g: (hidden, hint) for g in grains},
        evidence=", ".join(f"{g}: ${v:,.0f} of losses" for g, v in losses.items()))


def rate_refinement_decision(company, *, noise_pct: int = 30, n_draws: int = 50, seed: int = 2010) -> Decision:
    """Session 03: act on today's Profit Drains, or spend a quarter refining the rate card first?

    Parameters
    ----------
    company : Company
    noise_pct, n_draws, seed
        Notebook 03's rate-error run (:data:`casekit.teaching.case_numbers.STABILITY_RUN`).

    Returns
    -------
    Decision
        Options ``"act now"`` and ``"refine first"``; ``"act now"`` when the
        median draw keeps at least :data:`DRAINS_KEPT_ENOUGH` of the Drains.

    Examples
    --------
    >>> import casekit as ck
    >>> rate_refinement_decision(ck.load_case("precision")).answer
    'act now'
    """
    from casekit.analysis import sensitivity as se

    s = se.summarize(se.sensitivity_model(company).run(noise_pct, n_draws=n_draws, seed=seed))
    kept = float(s["drains_kept_median"]) / max(int(s["base_drains"]), 1)
    return Decision(
        f"Finance says the cost rates may be {noise_pct} % wrong and asks for a quarter to measure them properly "
        f"before anyone acts on the Profit Drains. Do you act now or refine first?", ("act now", "refine first"),
        "act now" if kept >= DRAINS_KEPT_ENOUGH else "refine first",
        {"act now": ("A ranking built on rates this wrong can be noise: act only on what survives the error.",
                     "How many of today's Drains stay Drains when every rate is wrong?"),
         "refine first": ("Precision is not the goal; a decision that does not change with better rates does "
                          "not need them (Byrnes: about 70 % accuracy, refine where a decision would change).",
                          "How many of today's Drains stay Drains when every rate is wrong?")},
        evidence=f"{kept:.0%} of Drains kept at ±{noise_pct} %")


def fix_or_drop_decision(candidates, *, customer_id=None) -> Decision:
    """Session 04: fix a Profit Drain with the service package, or drop it?

    Parameters
    ----------
    candidates : pandas.DataFrame
        :func:`casekit.models.dropping.lever_candidates`.
    customer_id : str, optional
        The account; by default the largest Drain other than the one the
        notebook works through (``fix_or_drop(candidates).attrs["chosen"]``).

    Returns
    -------
    Decision
        Options ``"fix"`` and ``"drop"``; the answer is the account's verdict
        in :func:`casekit.models.dropping.fix_or_drop`.

    Examples
    --------
    >>> from casekit.teaching.case_numbers import case_results
    >>> d = fix_or_drop_decision(case_results()["candidates"])
    >>> d.options, d.answer in d.options
    (('fix', 'drop'), True)
    """
    from casekit.models.dropping import fix_or_drop

    table = fix_or_drop(candidates)
    if customer_id is None:
        others = table[table["customer_id"].astype(str) != str(table.attrs.get("chosen"))]
        customer_id = str(others["customer_id"].iloc[0])
    row = table[table["customer_id"].astype(str) == str(customer_id)]
    if row.empty:
        raise ValueError(f"fix_or_drop_decision: {customer_id!r} is not a Profit Drain in candidates.")
    row = row.iloc[0]
    return Decision(
        f"Account {customer_id} loses money once cost to serve is charged. Do you fix how it is served (the "
        f"service package) or drop it?", ("fix", "drop"), str(row["verdict"]),
        {"drop": ("Dropping saves only the avoidable cost, and gives up the account's gross margin: allocated "
                  "cost is not saved cost.",
                  "Compare the profit change if dropped with the gain from the service package for this account."),
         "fix": ("A service package only pays if the account accepts it and it closes the gap; some accounts "
                 "cost more to keep than they bring.",
                 "Compare the profit change if dropped with the gain from the service package for this account.")},
        evidence=f"gain from levers {row['gain_from_levers']:,.0f}, if dropped {row['profit_change_if_dropped']:,.0f}")


def prune_rank_decision(card, *, share: float = 0.30) -> Decision:
    """Session 05: rank the tail you prune by revenue, gross margin or company profit?

    Parameters
    ----------
    card : pandas.DataFrame
        :func:`casekit.models.innovation.product_scorecard`.
    share : float, default=0.30
        The share of SKUs pruned.

    Returns
    -------
    Decision
        Options ``"revenue"``, ``"gross margin"``, ``"company profit"``; the
        answer is the ranking whose pruned tail leaves the most company profit
        (:func:`casekit.models.innovation.prune_tail`).

    Examples
    --------
    >>> from casekit.teaching.case_numbers import case_results
    >>> prune_rank_decision(case_results()["card"]).answer
    'company profit'
    """
    from casekit.models.innovation import prune_tail

    by = {"revenue": "revenue", "gross margin": "gross_margin", "company profit": "company_profit"}
    after = {o: float(prune_tail(card, share=share, by=col).loc[1, "company_profit"]) for o, col in by.items()}
    hint = ("Set the widget's 'tail ranked by' to each choice and compare what each leaves the company after "
            "every cost.")
    return Decision(
        f"You may cut {share:.0%} of Beacon's SKUs. Which ranking picks the ones to cut: revenue, gross margin or "
        f"company profit?", tuple(by), max(after, key=after.get),
        {"revenue": ("Small sellers are not the same as money-losers: a small SKU can earn its keep, a big one "
                     "can carry heavy complexity.", hint),
         "gross margin": ("Gross margin is the product managers' lens: it leaves out the cost to serve and the "
                          "complexity each SKU causes.", hint),
         "company profit": ("The lens that charges every cost is not always the best cut: the volume that moves "
                            "to the remaining SKUs changes the sums.", hint)},
        evidence=", ".join(f"{o}: ${v:,.0f}" for o, v in after.items()))


def objective_cap_decision(company, pnl, *, cap: int = 3, seed: int = 0) -> Decision:
    """Session 06: keep an objective for every launch, or cap the plan at a few objectives?

    Parameters
    ----------
    company : Company
    pnl : pandas.DataFrame
    cap : int, default=3
        The proposed most launch objectives in the plan.
    seed : int, default=0
        The reps' misperceptions (:func:`casekit.models.incentives.evaluate_plan`).

    Returns
    -------
    Decision
        Options ``"keep every objective"`` and ``"cap"``; the answer is the
        plan (today's weights, with or without the cap) that leaves the more
        profit.

    Examples
    --------
    >>> from casekit.teaching.case_numbers import case_results
    >>> r = case_results()
    >>> objective_cap_decision(r["company"], r["pnl"]).options
    ('keep every objective', 'cap')
    """
    from casekit.models import incentives as inc

    today = inc.TODAYS_PLAN
    capped = inc.BonusPlan(dict(today.weights), max_objectives=cap, name="capped")
    profit = {name: float(inc.evaluate_plan(plan, company, pnl, seed=seed).loc[0, "profit"])
              for name, plan in (("keep every objective", today), ("cap", capped))}
    hint = "The reps work only a few objectives whatever the plan says; what do the others cost operations?"
    return Decision(
        f"Product management wants an objective in the bonus plan for every launch; the sales VP proposes at most "
        f"{cap}. Which plan do you sign?", tuple(profit), max(profit, key=profit.get),
        {"keep every objective": ("An objective nobody works still brings its launch into the catalogue, with "
                                  "its complexity cost.", hint),
         "cap": ("Fewer objectives do not help when each one left out was a launch worth having.", hint)},
        evidence=", ".join(f"{o}: ${v:,.0f}" for o, v in profit.items()))


def selling_time_decision(plan, company, pnl, *, factor: float = 2.0, seed=None, assumptions=None) -> Decision:
    """Session 06: fund more selling time for new items, or not?

    Parameters
    ----------
    plan : pandas.DataFrame
        The bonus plan (:func:`casekit.models.bonus_plan.classroom_plan`).
    company : Company
    pnl : pandas.DataFrame
    factor : float, default=2.0
        The reps' selling time for new items (``pitches_per_rep``) is
        multiplied by this.
    seed : int, optional
        The reps' misjudgements and the buyers' answers; notebook 06's
        ``SIM_SEED`` by default.
    assumptions : pandas.DataFrame, optional
        The objectives model's assumptions (``OBJECTIVE_ASSUMPTIONS`` by
        default); the what-if multiplies their ``pitches_per_rep``.

    Returns
    -------
    Decision
        Options ``"fund it"`` and ``"don't fund it"``; ``"fund it"`` when the
        cases the plan delivers rise by at least :data:`SELLING_TIME_WORTH`
        (:func:`casekit.models.rep_choices.simulate_reps`, the reps choosing
        again).

    Examples
    --------
    >>> from casekit.teaching.case_numbers import case_results
    >>> from casekit.models.bonus_plan import classroom_plan
    >>> r = case_results()
    >>> selling_time_decision(classroom_plan(r["company"]), r["company"], r["pnl"]).options
    ('fund it', "don't fund it")
    """
    from casekit.models.assumptions import with_values
    from casekit.models.bonus_plan import SIM_SEED
    from casekit.models.objectives import OBJECTIVE_ASSUMPTIONS
    from casekit.models.rep_choices import simulate_reps

    seed = SIM_SEED if seed is None else seed
    base = OBJECTIVE_ASSUMPTIONS if assumptions is None else assumptions
    pitches = float(base.loc["pitches_per_rep", "value"])
    delivered = {}
    for label, table in (("today", base), ("more time", with_values(base, pitches_per_rep=factor * pitches))):
        sim = simulate_reps(plan, company, pnl, seed=seed, assumptions=table)
        delivered[label] = float(sim.objectives["delivered_cases"].sum())
    rise = delivered["more time"] / delivered["today"] - 1 if delivered["today"] else 0.0
    hint = (f"Rerun the reps with pitches_per_rep multiplied by {factor:g} (with_values(OBJECTIVE_ASSUMPTIONS, "
            "...)) and compare the cases delivered and how many objectives each rep works. What runs out first?")
    return Decision(
        f"Operations offers to take the paperwork off the reps, which would give them {factor:g} times today's "
        f"selling time for new items. The sales VP says the plan's launches would finally get sold. Do you fund "
        f"it?", ("fund it", "don't fund it"), "fund it" if rise >= SELLING_TIME_WORTH else "don't fund it",
        {"fund it": ("More selling time helps only where the reps' time is what runs out; a rep cannot sell "
                     "an item to a buyer who will not list it.", hint),
         "don't fund it": ("The buyers are not always the limit: where reps cannot reach their accounts, time is "
                           "what they lack.", hint)},
        evidence=f"cases delivered {rise:+.1%} with {factor:g}x the selling time (worth it from "
                 f"{SELLING_TIME_WORTH:.0%})")


def path_decision(company, pnl, *, customer_id) -> Decision:
    """Session 07: back the sales-first path or operations early for this account?

    Parameters
    ----------
    company : Company
    pnl : pandas.DataFrame
    customer_id : str
        The account.

    Returns
    -------
    Decision
        Options ``"sales first"`` and ``"operations early"``; the answer is the
        path with the higher profit for Beacon over the horizon
        (:func:`casekit.models.account_development.path_totals`).

    Examples
    --------
    >>> from casekit.teaching.case_numbers import case_results
    >>> r = case_results()
    >>> path_decision(r["company"], r["pnl"], customer_id=r["alliance_account"]).options
    ('sales first', 'operations early')
    """
    from casekit.models import account_development as ad

    totals = ad.path_totals(ad.account_paths(company, pnl, customer_id=customer_id))
    profit = {"sales first": float(totals.loc[ad.PATHS[0], "your_profit"]),
              "operations early": float(totals.loc[ad.PATHS[1], "your_profit"])}
    hint = "Compare Beacon's profit over the whole horizon on the two paths, not the growth in one quarter."
    return Decision(
        f"The regional manager has budget for one operations project this year. For account {customer_id}, do you "
        f"back the sales-first path or operations early?", tuple(profit), max(profit, key=profit.get),
        {"sales first": ("Sales growth is not profit: the account can grow while every case still costs too "
                         "much to serve.", hint),
         "operations early": ("Early is not free: the project costs money and pays back only if the changes "
                              "it finds are large enough for this account.", hint)},
        evidence=", ".join(f"{o}: ${v:,.0f}" for o, v in profit.items()))


def plan_decision(company, pnl, *, seed: int = 0) -> Decision:
    """Session 08: sign today's bonus plan or the aligned plan?

    Parameters
    ----------
    company : Company
    pnl : pandas.DataFrame
    seed : int, default=0
        The reps' misperceptions, as notebook 08's ``compare_plans``.

    Returns
    -------
    Decision
        Options ``"today's plan"`` and ``"aligned plan"``; the answer is the
        plan that leaves the more profit (:func:`casekit.models.incentives.compare_plans`).

    Examples
    --------
    >>> from casekit.teaching.case_numbers import case_results
    >>> r = case_results()
    >>> plan_decision(r["company"], r["pnl"]).options
    ("today's plan", 'aligned plan')
    """
    from casekit.models import incentives as inc

    board = inc.compare_plans([inc.TODAYS_PLAN, inc.ALIGNED_PLAN], company, pnl, seed=seed)
    profit = {"today's plan": float(board["profit"].iloc[1]), "aligned plan": float(board["profit"].iloc[2])}
    hint = "Read the profit line of the scoreboard, after cost to serve and complexity, not the revenue line."
    return Decision(
        "The board must sign next year's sales bonus plan: today's plan or the aligned plan?", tuple(profit),
        max(profit, key=profit.get),
        {"today's plan": ("Revenue bought with allowances and launch sell-in lands in cost to serve and "
                          "complexity.", hint),
         "aligned plan": ("A plan that pays more bonus on profit must earn it back; check that it does.", hint)},
        evidence=", ".join(f"{o}: ${v:,.0f}" for o, v in profit.items()))
