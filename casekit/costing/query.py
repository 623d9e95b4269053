"""The costing query, written from the driver table in DuckDB's or Spark's SQL.

:func:`casekit.cost_to_serve` runs these statements on DuckDB
(``engine="duckdb"``) or on Apache Spark (``engine="spark"``): both get the
same text, made here from :data:`casekit.costing.drivers.DRIVERS` and the rate
card, with the few words the two dialects spell differently filled in.  So
there is one copy of the rules, whatever runs them.

The work is done in two steps.  :func:`context_statements` makes, in one pass
over the lines, a table with one row per order holding everything a line
needs from its order, delivery and customer (totals for the splits, the
customer's terms and distance), so the line pass joins one table instead of
six.  :func:`line_query` costs every line; :func:`rollup_query` rolls the lines
up inside the engine without costing them: cost is linear in its driver, so
each rule is split into factors fixed within a group (applied once per group,
after the group-by), factors fixed within an order (folded into one weight
per order, :func:`rollup_statements`) and line measures, and the one pass
over the lines sums a few measure-times-weight columns.  A roll-up's cost per
group grows with the number of sums, not with the number of rules.
"""

from __future__ import annotations

import re

from casekit.costing.drivers import CONDITION_COLUMNS, DRIVERS, MEASURE_LEVELS, SPLIT_TERMS, cost_column, driver_sql

__all__ = ["DIALECTS", "GROUPABLE", "context_statements", "customer_fixed", "line_query", "rollup_query",
           "rollup_statements", "unallocated_query"]

DIALECTS = {
    "duckdb": {"string": "VARCHAR", "month": "strftime(order_date, '%Y-%m')", "intdiv": "//"},
    "spark": {"string": "STRING", "month": "date_format(order_date, 'yyyy-MM')", "intdiv": "div"},
}
"""The words the two engines spell differently."""

GROUPABLE = ["customer_id", "product_id", "order_id", "delivery_id", "rep_id", "channel_of_trade",
             "region", "order_channel", "pick_type", "brand", "category", "month"]
"""The grains a roll-up inside the engine may use."""

# Integer surrogate keys (made by the engine as tables cx and px): grouping on
# them is much cheaper than hashing strings, and they come back as the codes
# of categorical columns.
SURROGATES = {"customer_id": "_ck", "product_id": "_pk"}

_LEVEL_OF_TABLE = {"orders": "order", "products": "product", "customers": "customer"}


def _literal(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _ident(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise ValueError(f"{name!r} is not a usable column name.")
    return name


def _number(value: float) -> str:
    # A DOUBLE literal in both dialects (Spark reads 0.5 as a DECIMAL).
    text = repr(float(value))
    return text if "e" in text or "inf" in text or "nan" in text else text + "E0"


def surrogate_statements() -> list[tuple[str, str]]:
    """Customers and products numbered in id order (tables ``cx`` and ``px``)."""
    # INTEGER, not the BIGINT row_number() gives: half the memory in every key column of a result.
    return [("cx", "SELECT c.*, CAST(row_number() OVER (ORDER BY c.customer_id) AS INTEGER) AS _ck FROM customers c"),
            ("px", "SELECT p.*, CAST(row_number() OVER (ORDER BY p.product_id) AS INTEGER) AS _pk FROM products p")]


ORDER_COLUMNS = ["delivery_id", "customer_id", "order_channel", "rush", "order_date"]
"""The order's own columns that ``order_base`` carries beside its totals."""


def context_statements(months: float) -> list[tuple[str, str]]:
    """The per-order and per-customer tables the line pass joins, as (name, SELECT) in the order to make them.

    ``order_sums`` is the one pass over the lines (each order's lines, cases
    and revenue), ``order_base`` adds the order's attributes; ``cust_ctx``
    adds each customer's totals and attributes to
    ``cx``; ``order_ctx`` holds, per order, everything the drivers need from
    the order and its delivery, and the customer's number in ``cust_ctx``.
    Once ``order_ctx`` is made, ``order_base`` is no longer needed.

    Examples
    --------
    >>> [name for name, _ in context_statements(12)]
    ['order_sums', 'order_base', 'cust_ctx', 'order_ctx']
    """
    return [
        # Two statements, so that the group-by and the join do not hold the memory cap at once.
        ("order_sums", """
            SELECT order_id, CAST(count(*) AS DOUBLE) AS order_lines,
                   sum(CAST(cases AS DOUBLE)) AS order_cases,
                   sum(CAST(cases AS DOUBLE) * invoice_price) AS order_revenue
            FROM lines GROUP BY order_id"""),
        ("order_base", f"""
            SELECT t.*, {', '.join(f'o.{c}' for c in ORDER_COLUMNS)}
            FROM order_sums t
            JOIN orders o ON o.order_id = t.order_id"""),
        ("cust_ctx", f"""
            SELECT x._ck, x.customer_id, x.rep_id, x.channel_of_trade, x.region,
                   CAST(x.distance_km AS DOUBLE) AS distance_km,
                   CAST(x.payment_terms_days AS DOUBLE) AS payment_terms_days,
                   CAST(x.sales_calls_per_year AS DOUBLE) * {_number(months)} / 12.0 AS calls_in_period,
                   t.customer_revenue, t.customer_cases, t.customer_lines
            FROM cx x
            JOIN (SELECT customer_id, sum(order_revenue) AS customer_revenue, sum(order_cases) AS customer_cases,
                         sum(order_lines) AS customer_lines
                  FROM order_base GROUP BY customer_id) t ON t.customer_id = x.customer_id"""),
        ("order_ctx", """
            SELECT o.order_id, o.order_lines, o.delivery_id, o.order_channel, CAST(o.rush AS BOOLEAN) AS rush,
                   CAST(o.order_date AS DATE) AS order_date, d.delivery_cases, d.delivery_lines, c._ck
            FROM order_base o
            JOIN (SELECT delivery_id, sum(order_cases) AS delivery_cases, sum(order_lines) AS delivery_lines
                  FROM order_base GROUP BY delivery_id) d ON d.delivery_id = o.delivery_id
            JOIN cust_ctx c ON c.customer_id = o.customer_id"""),
    ]


# Each line's measures, as both the line query and a roll-up's pass over the lines read them.
_LINE_MEASURES = """\
               CAST(l.cases AS DOUBLE) AS cases,
               CAST(l.returned_cases AS DOUBLE) AS returned_cases,
               CAST(l.invoice_price AS DOUBLE) AS invoice_price,
               CAST(l.cases AS DOUBLE) * l.list_price AS gross_sales,
               CAST(l.cases AS DOUBLE) * l.on_invoice_discount AS on_invoice_discounts,
               CAST(l.cases AS DOUBLE) * l.invoice_price AS revenue,
               CAST(l.cases AS DOUBLE) * l.off_invoice_allowance AS allowances,
               CAST(l.cases AS DOUBLE) * p.cogs_per_case AS cogs,
"""


def _lines_cte(where: str = "") -> str:
    # Each line joined with its order's context and its product.
    return f"""
    WITH j AS (
        SELECT l.line_id, l.product_id,
{_LINE_MEASURES}               p.pick_type, p.brand, p.category, p.days_of_supply, p._pk,
               o.order_id, o.order_lines, o.delivery_id, o.order_channel, o.rush, o.order_date,
               o.delivery_cases, o.delivery_lines, c.*
        FROM lines l
        JOIN order_ctx o ON o.order_id = l.order_id
        JOIN px p ON p.product_id = l.product_id
        JOIN cust_ctx c ON c._ck = o._ck{where}
    )"""


def _condition(row, table: str, dialect: str) -> str:
    return f"CAST({table}.{_ident(row.applies_to)} AS {DIALECTS[dialect]['string']}) = {_literal(row.applies_value)}"


def _line_cost(rows, dialect: str) -> str:
    # The cost of some rate-card rows on one line, as the sum of their terms.
    terms = []
    for row in rows:
        term = f"{_number(row.rate)} * {driver_sql(row.driver)}"
        terms.append(f"(CASE WHEN {_condition(row, 'j', dialect)} THEN {term} ELSE 0.0 END)"
                     if row.applies_to else f"({term})")
    return " + ".join(terms) if terms else "0.0"


def _cost_columns(rates) -> list[tuple[str, list]]:
    out, seen = [], set()
    t = rates.table
    for activity in rates.activities:
        col = cost_column(activity)
        if col in seen:
            raise ValueError(f"activities {activity!r} and another map to the same column {col!r}.")
        seen.add(col)
        out.append((col, list(t[t["activity"] == activity].itertuples())))
    return out


def line_query(rates, *, dialect: str = "duckdb") -> str:
    """The query that costs every line (one row per line, unsorted).

    Examples
    --------
    >>> from casekit import RateCard
    >>> "cost_order_handling" in line_query(RateCard.default())
    True
    """
    cols = _cost_columns(rates)
    costs = ",\n           ".join(f"{_line_cost(rows, dialect)} AS {col}" for col, rows in cols)
    names = [col for col, _ in cols]
    total = " + ".join(names) if names else "0.0"
    return _lines_cte() + f""",
    costed AS (SELECT j.*, {costs} FROM j)
    SELECT line_id, order_id, customer_id, product_id, delivery_id, rep_id, order_date,
           cases, returned_cases, gross_sales, on_invoice_discounts, revenue, cogs,
           revenue - cogs AS gross_margin,
           {", ".join(names + [""])}
           {total} AS cost_to_serve,
           revenue - cogs - ({total}) AS net_profit
    FROM costed
    """


def _determined(keys: list[str]) -> set[str]:
    # The levels (and columns) fixed within a group of these keys.
    levels = set(keys)
    if "customer_id" in keys or "order_id" in keys:
        levels.add("customer")
    if "product_id" in keys:
        levels.add("product")
    if "order_id" in keys:
        levels.add("order")
    return levels


def _place(level: str, levels: set[str]) -> str:
    """Where a factor fixed at ``level`` is applied in a roll-up to ``levels``: after the group-by
    ("post"), into each order's weight ("order": an order fixes its customer), or line by line."""
    if level in levels:
        return "post"
    return "order" if level in ("order", "customer") else "line"


def _alias(level: str, place: str) -> dict:
    # The table a level's columns are read from, in each place (the line pass's j carries the product's).
    return {"o": "o.", "c": "c.", "p": "j." if place == "line" else "p."}


def _rule_terms(row, levels: set[str], dialect: str) -> list[dict]:
    """One rate-card row's cost as terms ``rate x post x (line measures x order weight)``, each factor
    in the place where it is fixed (see :func:`_place`); their sum over a group is the row's cost."""
    spec = DRIVERS.loc[row.driver]
    base = {"post": [], "order": [], "line": []}
    conds = {"post": [], "order": [], "line": []}
    if row.applies_to:
        if row.applies_to in levels:
            conds["post"].append(_condition(row, "a", dialect))
        else:
            level = _LEVEL_OF_TABLE[CONDITION_COLUMNS[row.applies_to]]
            place = _place(level, levels)
            alias = {"order": "o", "customer": "c", "product": "p"}[level]
            table = _alias(level, place)[alias].rstrip(".")
            conds[place].append(_condition(row, table, dialect))
    for measure in spec["quantity"].split():
        level = MEASURE_LEVELS[measure]
        if level == "line":
            base["line"].append(f"j.{measure}")
        else:
            place = _place(level, levels)
            base[place].append(_alias(level, place)["c" if level == "customer" else "p"] + _ident(measure))
    if spec["flag"]:
        place = _place("order", levels)
        conds[place].append(f"o.{_ident(spec['flag'])}")
    terms = []
    level = {"delivery": "order"}.get(spec["split"], spec["split"])
    place = _place(level, levels) if level != "line" else "line"
    names = _alias(level, place)
    for line, factor, cond in SPLIT_TERMS[spec["split"]]:
        term = {k: list(v) for k, v in base.items()}
        term_conds = {k: list(v) for k, v in conds.items()}
        if line:
            term["line"].append(line)
        if factor:
            term[place].append(factor.format(o=names["o"], c=names["c"]))
        if cond:
            term_conds[place].append(cond.format(o=names["o"], c=names["c"]))
        terms.append({"rate": float(row.rate),
                      **{k: _guarded(" * ".join(term[k]) or "1.0", term_conds[k]) for k in term}})
    return terms


def _guarded(sql: str, conds: list[str]) -> str:
    return f"(CASE WHEN {' AND '.join(conds)} THEN {sql} ELSE 0.0 END)" if conds else sql


def _product(*factors: str) -> str:
    kept = [f for f in factors if f != "1.0"]
    return " * ".join(kept) or "1.0"


# A combined integer key for roll-ups to customer x product: one BIGINT hashes and compares faster
# than two keys.  Surrogates are row numbers, far below 2**31.
_PAIR = 4294967296
_PRODUCT_KEYS = ("product_id", "pick_type", "brand", "category")
_PRODUCT_COLUMNS = ("days_of_supply", "pick_type")


def rollup_query(rates, by, *, dialect: str = "duckdb", part: tuple[int, int] | None = None) -> tuple[str, list[str]]:
    """The query that rolls costed lines up to ``by`` inside the engine, and its group columns.

    Cost is linear in its driver, so the lines are not costed one by one:
    each rate-card rule is split into factors fixed within a group (applied
    once per group, after the group-by), factors fixed within an order
    (folded into a weight per order in table ``order_w``, made by
    :func:`rollup_statements`) and line measures (cases, revenue, ...); the
    one pass over the lines sums each distinct line measure times order
    weight.  Keys ``customer_id`` and ``product_id`` come back as the
    surrogates ``_ck`` and ``_pk`` (numbered in id order); the rest as
    themselves.  ``part=(first, last)`` keeps only the customers numbered
    ``first`` to ``last``; when :func:`customer_fixed` holds for ``by``,
    parts that cover the customers partition the groups, so their results
    together are the whole roll-up.  Gross margin, cost to serve and net
    profit are left to the caller (:func:`casekit.costing.engine.cost_to_serve`
    adds them from the columns returned): three columns fewer to stream
    and sort.

    Examples
    --------
    >>> from casekit import RateCard
    >>> sql, names = rollup_query(RateCard.default(), ["customer_id", "month"])
    >>> names
    ['_ck', 'month']
    """
    keys, levels, weights, sums, costs, factors, _ = _rollup_plan(rates, by, dialect)
    gnames = [SURROGATES.get(k, k) for k in keys]
    gsel = [("p." if k in _PRODUCT_KEYS else "o.") + g for k, g in zip(keys, gnames)]
    if gnames == ["_ck", "_pk"]:
        gsel, gkeys = [f"CAST(o._ck AS BIGINT) * {_PAIR} + p._pk AS _key"], ["_key"]
        unpack = [f"CAST(g._key {DIALECTS[dialect]['intdiv']} {_PAIR} AS INTEGER) AS _ck",
                  f"CAST(g._key % {_PAIR} AS INTEGER) AS _pk"]
    else:
        gsel = [f"{s} AS {g}" for s, g in zip(gsel, gnames)]
        gkeys, unpack = gnames, [f"g.{g}" for g in gnames]
    aggs = ",\n                       ".join(
        ("count(*)" if sql == "1.0" else f"sum({sql})") + f" AS {name}" for sql, name in sums.items())
    # The group-level joins: the factor tables, and the tables themselves only where a
    # coefficient reads both a product's and a customer's columns (or the order's).
    inline = " ".join(sql for _, sql in costs)
    joins = ""
    if "order" in levels:
        joins += " JOIN order_ctx o ON o.order_id = a.order_id"
    ck = "o._ck" if "order" in levels else "a._ck"
    if "customer" in levels and re.search(r"\bc\.", inline):
        joins += f" JOIN cust_ctx c ON c._ck = {ck}"
    if factors["c"]:
        joins += f" JOIN cf ON cf._ck = {ck}"
    if "product" in levels and re.search(r"\bp\.", inline):
        joins += " JOIN px p ON p._pk = a._pk"
    if factors["p"]:
        joins += " JOIN pf ON pf._pk = a._pk"
    names = [c for c, _ in costs]
    where = "" if part is None else f"\n        WHERE o._ck BETWEEN {int(part[0])} AND {int(part[1])}"
    product_columns = "".join(f"p.{c}, " for c in _PRODUCT_COLUMNS if c not in keys)
    cogs, cogs_join = "", ""
    if "j.cogs" not in sums:
        pk = unpack[keys.index("product_id")].rsplit(" AS ", 1)[0]
        cogs, cogs_join = ", g.cases * x.cogs_per_case AS cogs", f" JOIN pf x ON x._pk = {pk}"
    sql = f"""
    WITH j AS ({_line_pass(product_columns + ", ".join(gsel), weights, where)}),
    a AS (
        SELECT {", ".join(unpack)}, {", ".join("g." + n for n in sums.values())}{cogs}
        FROM (SELECT {", ".join(gkeys)},
                       {aggs}
              FROM j
              GROUP BY {", ".join(gkeys)}) g{cogs_join}
    ),
    s AS (
        SELECT {", ".join("a." + g for g in gnames)}, a.lines, a.cases, a.returned_cases, a.gross_sales,
               a.on_invoice_discounts, a.revenue, a.cogs,
               {", ".join(f"{sql} AS {col}" for col, sql in costs)}
        FROM a{joins}
    )
    SELECT {", ".join(gnames)}, lines, cases, returned_cases, gross_sales, on_invoice_discounts, revenue, cogs{
        "".join(", " + n for n in names)}
    FROM s
    """
    return sql, gnames


def _line_pass(keys: str, weights: dict, where: str = "") -> str:
    # A roll-up's one pass over the lines: each line's measures, its group keys and its order's weights.
    return f"""
        SELECT
{_LINE_MEASURES}               {keys}{"".join(f", o.{w}" for w in weights.values())}
        FROM lines l
        JOIN order_w o ON o.order_id = l.order_id
        JOIN px p ON p.product_id = l.product_id{where}
    """


def _rollup_plan(rates, by, dialect: str):
    """The pieces of a roll-up: keys, fixed levels, order weights (SQL -> column), line sums (SQL -> column),
    each cost column's SQL over the sums, the factor tables' columns, and the cost columns as data
    (see :func:`_coefficients`)."""
    keys = [by] if isinstance(by, str) else list(by)
    bad = [k for k in keys if k not in GROUPABLE]
    if bad:
        raise ValueError(f"by={bad} is not a grain the engine knows; use some of {GROUPABLE}.")
    levels = _determined(keys)
    # The group's sums: the money columns first, then each distinct line measure times order weight.
    sums = {"1.0": "lines", "j.cases": "cases", "j.returned_cases": "returned_cases",
            "j.gross_sales": "gross_sales", "j.on_invoice_discounts": "on_invoice_discounts",
            "j.revenue": "revenue", "j.cogs": "cogs"}
    if "product" in levels:
        # Cost of goods is cases times the product's cost per case: one sum fewer.
        del sums["j.cogs"]
    named = len(sums)
    weights: dict[str, str] = {}

    def agg(line: str, weight: str) -> str:
        if line == "j.cogs" and weight == "1.0" and "product" in levels:
            return "a.cogs"
        if weight != "1.0":
            weight = "j." + weights.setdefault(weight, f"_w{len(weights)}")
        sql = _product(line, weight)
        if sql not in sums:
            sums[sql] = f"_q{len(sums) - named}"
        return "a." + sums[sql]

    costs = []
    formulas: dict[str, list[dict]] = {}
    factors = {"p": {}, "c": {}}
    for col, rows in _cost_columns(rates):
        # Terms with the same group factor and line measure share one sum: their order weights add.
        buckets: dict[tuple[str, str], list[dict]] = {}
        for row in rows:
            for term in _rule_terms(row, levels, dialect):
                buckets.setdefault((term["post"], term["line"]), []).append(term)
        parts = []  # (rate, group factor, sum)
        for (post, line), terms in buckets.items():
            plain = [t for t in terms if t["order"] == "1.0"]
            weighted = [t for t in terms if t["order"] != "1.0"]
            if plain:
                parts.append((sum(t["rate"] for t in plain), post, agg(line, "1.0")))
            if len(weighted) == 1:
                # Alone, a weight stays free of its rate, so other rules with the same split share its sum.
                parts.append((weighted[0]["rate"], post, agg(line, weighted[0]["order"])))
            elif weighted:
                weight = "(" + " + ".join(f"{_number(t['rate'])} * {t['order']}" for t in weighted) + ")"
                parts.append((1.0, post, agg(line, weight)))
        costs.append((col, _coefficients(parts, factors, formulas.setdefault(col, []))))
    return keys, levels, weights, sums, costs, factors, formulas


def _coefficients(parts: list[tuple[float, str, str]], factors: dict, formula: list | None = None) -> str:
    """A cost column's SQL over the group sums, as one coefficient per sum.

    A group factor that reads only the product (``p.``) or only the customer
    (``c.``) is fixed per product or per customer, so it is computed once per
    product or customer into a factor table (``pf`` or ``cf``, see
    :func:`rollup_statements`; ``factors`` collects their columns) instead of
    once per group: at customer x product grain that turns millions of
    string comparisons into one join on an integer key.  ``formula``, when
    given, receives the same coefficients as data, one dict per sum:
    ``{"const": rate, "p": [pf columns], "c": [cf columns], "inline": [SQL],
    "sum": "a.<sum>"}``, for :func:`dense_rollup_query`'s caller to apply.
    """
    by_sum: dict[str, dict] = {}
    for rate, post, total in parts:
        coef = by_sum.setdefault(total, {"const": 0.0, "p": [], "c": [], "inline": []})
        aliases = set(re.findall(r"\b([acop])\.", post))
        if post == "1.0":
            coef["const"] += rate
        else:
            where = aliases.pop() if aliases in ({"p"}, {"c"}) else "inline"
            coef[where].append(_product(_number(rate), post))
    out = []
    for total, coef in by_sum.items():
        terms = [_number(coef["const"])] if coef["const"] or not any(coef[k] for k in ("p", "c", "inline")) else []
        for alias in ("p", "c"):
            if coef[alias]:
                sql = " + ".join(coef[alias])
                name = factors[alias].setdefault(sql, f"_k{alias}{len(factors[alias])}")
                terms.append(f"{alias}f.{name}")
        terms += coef["inline"]
        out.append(f"({' + '.join(terms)}) * {total}")
        if formula is not None:
            formula.append({"const": coef["const"], "p": terms_of(coef["p"], factors["p"]),
                            "c": terms_of(coef["c"], factors["c"]), "inline": list(coef["inline"]), "sum": total})
    return " + ".join(out) if out else "0.0"


def terms_of(sqls: list[str], names: dict) -> list[str]:
    # The factor-table column that holds these terms' sum (as _coefficients names it).
    return [names[" + ".join(sqls)]] if sqls else []


def rollup_statements(rates, by, *, dialect: str = "duckdb") -> list[tuple[str, str]]:
    """The tables a roll-up joins, as (name, SELECT) in the order to make them.

    ``order_w``, joined by the line pass, has one row per order with its
    customer's number, the order-level group keys and each order weight of
    :func:`rollup_query`.  ``pf`` (one row per product: its cost per case and
    each product factor) and ``cf`` (one row per customer: each customer
    factor) hold the coefficients a group's sums are multiplied by, where the
    grain fixes the product or the customer.

    Examples
    --------
    >>> from casekit import RateCard
    >>> [name for name, _ in rollup_statements(RateCard.default(), "customer_id")]
    ['order_w', 'cf']
    >>> [name for name, _ in rollup_statements(RateCard.default(), ["customer_id", "product_id"])]
    ['order_w', 'pf', 'cf']
    """
    keys, levels, weights, _, _, factors, _ = _rollup_plan(rates, by, dialect)
    cols = ["o.order_id", "o._ck"]
    for k in keys:
        if k == "month":
            cols.append(DIALECTS[dialect]["month"].replace("order_date", "o.order_date") + " AS month")
        elif k in ("delivery_id", "order_channel"):
            cols.append(f"o.{k}")
        elif k in ("rep_id", "channel_of_trade", "region"):
            cols.append(f"c.{k}")
    cols += [f"{sql} AS {name}" for sql, name in weights.items()]
    out = [("order_w", f"SELECT {', '.join(cols)} FROM order_ctx o JOIN cust_ctx c ON c._ck = o._ck")]
    if "product" in levels:
        pcols = "".join(f", {sql} AS {name}" for sql, name in factors["p"].items())
        out.append(("pf", f"SELECT p._pk, p.cogs_per_case{pcols} FROM px p"))
    if factors["c"]:
        ccols = ", ".join(f"{sql} AS {name}" for sql, name in factors["c"].items())
        out.append(("cf", f"SELECT c._ck, {ccols} FROM cust_ctx c"))
    return out


def customer_fixed(by) -> bool:
    """Whether every group of ``by`` belongs to one customer (so a roll-up can run customer by customer).

    Examples
    --------
    >>> customer_fixed(["customer_id", "product_id"]), customer_fixed("product_id")
    (True, False)
    """
    return "customer" in _determined([by] if isinstance(by, str) else list(by))


def unallocated_query() -> str:
    """Customers without a single costed line: their sales calls have nowhere to go."""
    return """
        SELECT c.customer_id, CAST(c.sales_calls_per_year AS DOUBLE) AS calls_per_year,
               c.channel_of_trade, c.region
        FROM customers c
        WHERE NOT EXISTS (SELECT 1 FROM cust_ctx t WHERE t.customer_id = c.customer_id)
    """
