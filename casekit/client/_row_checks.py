"""The row checks on invoice lines, in DuckDB: typed values, one SQL predicate per rule, the offending rows.

Private plumbing of :func:`casekit.client.build_tables`.  Every file becomes
a typed SELECT (numbers, dates and flags parsed, a ``_bad_<field>`` column
where a value does not parse); each rule is a predicate on those rows with
the message and the fix a consultant reads.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from casekit.client._sql import channel_sql, date_sql, flag_sql, number_sql, quote_ident
from casekit.client.fields import REQUIRED, field_type, fields
from casekit.client.validation import Problem

__all__ = ["typed_select", "row_rules", "rule_problems", "rejected_frame", "short_id_warnings", "ID_FIELDS"]

ID_FIELDS = ("customer_id", "product_id", "order_id", "delivery_id", "ship_to")
"""Fields holding keys, which Excel may have turned into numbers."""


def typed_select(i: int, src, cols: dict, fmt: dict, view: str) -> str:
    """SELECT one file's rows as typed casekit fields, with ``_bad_<field>`` flags and a row hash ``_h``."""
    sel = [f"{i} AS _fi", "_row"]
    raw_cols = []
    for f in fields("lines"):
        t = field_type("lines", f)
        c = cols.get(f)
        q = quote_ident(c) if c else None
        typed = bool(c) and src.kind == "parquet" and "string" not in str(src.types.get(c, "string"))
        if c:
            raw_cols.append(f"CAST({q} AS VARCHAR)")
        empty = f"(NULLIF(trim(CAST({q} AS VARCHAR)), '') IS NULL)" if c else "true"
        if t in ("id", "text"):
            sel.append(f"NULLIF(trim(CAST({q} AS VARCHAR)), '') AS {f}" if c else f"CAST(NULL AS VARCHAR) AS {f}")
        elif t == "number":
            expr = number_sql(q, fmt.get("decimal", "."), typed=typed) if c else "CAST(NULL AS DECIMAL(18,4))"
            sel.append(f"{expr} AS {f}")
            sel.append(f"(NOT {empty} AND {expr} IS NULL) AS _bad_{f}" if c else f"false AS _bad_{f}")
        elif t == "date":
            ddtyped = (bool(c) and src.kind == "parquet"
                       and any(k in str(src.types.get(c)) for k in ("date", "timestamp")))
            expr = date_sql(q, fmt.get("date_format", "%Y-%m-%d"), typed=ddtyped, serials=src.kind == "excel")
            sel.append(f"{expr} AS {f}")
            sel.append(f"(NOT {empty} AND {expr} IS NULL) AS _bad_{f}")
        elif t == "flag":
            if c:
                value, bad = flag_sql(q, f)
                sel.append(f"{value} AS {f}")
                sel.append(f"{bad} AS _bad_{f}")
            else:
                sel.append(f"false AS {f}")
                sel.append(f"false AS _bad_{f}")
    sel.append(f"hash({', '.join(raw_cols)}) AS _h")
    return f"SELECT {', '.join(sel)} FROM {view}"



def row_rules(has: set, masters: dict, lo: dt.date, hi: dt.date, channels: list) -> list:
    """Row checks: (name, field, SQL predicate on t, message, fix)."""
    r = []
    r.append(("empty_line", "customer_id", "t.customer_id IS NULL AND t.product_id IS NULL",
              "rows with neither customer nor product (a totals or note line?)",
              "remove totals, subtotals and notes from the export."))
    for f in REQUIRED:
        cond = f"t.{f} IS NULL AND NOT t._bad_{f}" if f in ("date", "quantity") else f"t.{f} IS NULL"
        r.append((f"empty_{f}", f, f"{cond} AND NOT (t.customer_id IS NULL AND t.product_id IS NULL)",
                  "rows with no value", f"fill in {f}, or remove the row if it is a total or a note."))
    r.append(("empty_amount", "net_amount" if "net_amount" in has else "invoice_price",
              "t.net_amount IS NULL AND t.invoice_price IS NULL AND NOT t._bad_net_amount AND NOT t._bad_invoice_price",
              "rows with no amount", "fill in the net amount (or price) of the line."))
    for f in ("quantity", "net_amount", "invoice_price", "gross_amount", "list_price", "allowance_amount",
              "cost_amount"):
        if f in has:
            r.append((f"text_{f}", f, f"t._bad_{f}", "rows with text, not a number (in this file's number format)",
                      "write a plain number such as 1234,56 (or 1234.56 in a decimal-point file)."))
    r.append(("bad_date", "date", "t._bad_date", "rows with a value that is not a date (in this file's date format)",
              "write the date like the other rows of the file."))
    for f in ("rush", "is_return"):
        if f in has:
            r.append((f"flag_{f}", f, f"t._bad_{f}", "rows with a value that is neither yes nor no",
                      "use Y/N, 1/0, true/false"
                      + (" (or return/credit vs sale/invoice)." if f == "is_return" else ".")))
    r.append(("date_range", "date", f"t.date < DATE '{lo}' OR t.date > DATE '{hi}'",
              f"rows dated outside {lo} to {hi}", "correct the date, or widen the period (--from/--to)."))
    r.append(("zero_quantity", "quantity", "t.quantity = 0", "rows with a quantity of zero",
              "remove the line or correct the quantity."))
    r.append(("negative_quantity", "quantity", "t.quantity < 0 AND NOT t.is_return",
              "rows with a negative quantity, not flagged as returns",
              "correct the quantity, or map a return flag column (is_return) that marks them as returns."))
    price = "coalesce(t.net_amount, t.invoice_price)"
    r.append(("zero_price", "net_amount" if "net_amount" in has else "invoice_price", f"{price} = 0",
              "rows with a price of zero", "correct the price; free goods belong in allowances, not at price 0."))
    r.append(("negative_price", "net_amount" if "net_amount" in has else "invoice_price",
              f"((t.quantity > 0 AND {price} < 0) "
              f"OR (t.quantity < 0 AND t.is_return AND coalesce(t.net_amount, 0) > 0) "
              f"OR coalesce(t.invoice_price, 0) < 0)",
              "rows whose amount has the wrong sign for the quantity",
              "a sale has a positive amount, a return a negative one."))
    if "currency" in has:
        r.append(("mixed_currency", "currency",
                  "t.currency IS NOT NULL AND t.currency <> (SELECT cur FROM _main_currency)",
                  "rows in another currency than the rest of the data ({main})",
                  "convert them to one currency, or run each currency separately."))
    if "order_channel" in has:
        lst = ", ".join("'" + c.replace("'", "''") + "'" for c in channels)
        r.append(("unknown_channel", "order_channel",
                  f"t.order_channel IS NOT NULL AND {channel_sql('t.order_channel')} NOT IN ({lst})",
                  f"rows with an order channel the rate card does not know ({', '.join(channels)})",
                  "use one of those words, or add rows for the channel to the rate card."))
    if "customers" in masters:
        r.append(("unknown_customer", "customer_id",
                  "t.customer_id IS NOT NULL AND t.customer_id NOT IN (SELECT customer_id FROM _cmaster)",
                  "rows with a customer that is not in the customer master",
                  "add the customer to the master, or correct the customer number."))
    if "products" in masters:
        r.append(("unknown_product", "product_id",
                  "t.product_id IS NOT NULL AND t.product_id NOT IN (SELECT product_id FROM _pmaster)",
                  "rows with a product that is not in the product master",
                  "add the product to the master, or correct the product number."))
    if "order_id" in has:
        r.append(("order_customers", "order_id", "t._order_conflict",
                  "rows giving an order number a second customer (the order's other rows name another)",
                  "order numbers must belong to one customer: correct the customer or the order number."))
    for f in ID_FIELDS:
        if f in has:
            # Excel writes a long number as 1.23457E+11: the digits after the sixth are gone for good
            r.append((f"scientific_{f}", f, f"regexp_full_match(t.{f}, '-?\\d+([.,]\\d+)?[eE][+-]\\d+')",
                      "rows with an id Excel turned into scientific notation (its digits are lost)",
                      "export the column again as text (in Excel: format the column as Text before saving, or "
                      "open the CSV with Data > From Text and set the column to Text)."))
    r.append(("duplicate", "", "t._dup_row IS NOT NULL",
              "rows repeating an earlier line exactly (same values in every mapped column)",
              "remove the repeated rows (overlapping exports?); if they are genuine, map a line-number column."))
    return r


def rule_problems(con, lines, name, field, pred, message, fix) -> list:
    """The first five offending rows of one rule, per file, as Problems naming the client's column."""
    hits = con.execute(f"""
        SELECT _fi, _row, _dup_fi, _dup_row, n FROM (
            SELECT _fi, _row, _dup_fi, _dup_row, count(*) OVER (PARTITION BY _fi) AS n,
                   row_number() OVER (PARTITION BY _fi ORDER BY _row) AS k
            FROM checked t WHERE {pred}) WHERE k <= 5 ORDER BY _fi, _row""").fetchall()
    out = []
    by_file: dict = {}
    for fi, row, dfi, drow, n in hits:
        by_file.setdefault(fi, (n, []))[1].append((row, dfi, drow))
    for fi, (n, rows) in by_file.items():
        src, cols = lines.sources[fi], lines.columns[fi]
        column = cols.get(field, "")
        values = {}
        if column:
            got = con.execute(f"SELECT _row, CAST({quote_ident(column)} AS VARCHAR) FROM _src{fi} "
                              f"WHERE _row IN ({', '.join(str(r) for r, _, _ in rows)})").fetchall()
            values = dict(got)
        examples = []
        for row, dfi, drow in rows:
            if name == "duplicate":
                same = "" if dfi == fi else f"{lines.sources[dfi].path.name} "
                examples.append((str(src.path), row, f"same as {same}row {drow}"))
            else:
                examples.append((str(src.path), row, values.get(row)))
        out.append(Problem(file=str(src.path), column=column, field=field, check=name,
                           message=f"{n} {message}" if n != 1 else f"1 {message.replace('rows ', 'row ', 1)}",
                           count=n, examples=examples, fix=fix))
    return out


def rejected_frame(con, lines) -> pd.DataFrame:
    """Every row set aside: its file, row number, reasons and the values as the file shows them."""
    frame = con.execute("SELECT _fi, _row, reasons FROM _flags ORDER BY _fi, _row").df()
    if frame.empty:
        return pd.DataFrame(columns=["file", "file_row", "reasons"])
    parts = []
    for fi, grp in frame.groupby("_fi", sort=True):
        cols = lines.columns[fi]
        rows = ", ".join(str(int(r)) for r in grp["_row"])
        sel = ", ".join(f"CAST({quote_ident(c)} AS VARCHAR) AS {f}" for f, c in cols.items())
        raw = con.execute(f"SELECT _row, {sel} FROM _src{fi} WHERE _row IN ({rows})").df()
        merged = grp.merge(raw, on="_row", how="left")
        merged.insert(0, "file", str(lines.sources[fi].path))
        parts.append(merged)
    out = pd.concat(parts, ignore_index=True).rename(columns={"_row": "file_row"}).drop(columns="_fi")
    return out


def short_id_warnings(con, lines, has: set) -> list:
    """Ids that lost their leading zeros (Excel reads ``00012345`` as the number 12345), as warnings by row.

    A column qualifies when most of its all-digit ids have one length and
    some of those start with a zero: then an all-digit id shorter than that
    is flagged, with how many match a full-length id once padded (the same
    product under two keys).  The rows are kept: the sale is real and only
    its key may be cut; with a master given, a cut key is set aside anyway
    as unknown.
    """
    out = []
    for f in ID_FIELDS:
        if f not in has:
            continue
        got = con.execute(f"""
            WITH d AS (SELECT {f} AS v FROM typed WHERE regexp_full_match({f}, '\\d+')),
                 m AS (SELECT mode(length(v)) AS n FROM d)
            SELECT m.n, count_if(length(v) = m.n), count(*), count_if(length(v) = m.n AND v LIKE '0%')
            FROM d, m GROUP BY m.n""").fetchone()
        if not got or got[0] is None:
            continue
        width, modal, digits, zeros = got
        if zeros == 0 or modal * 2 < digits:
            continue
        short = f"regexp_full_match({f}, '\\d+') AND length({f}) < {width}"
        n, padded = con.execute(f"""
            SELECT count(*), count_if(lpad({f}, {width}, '0') IN
                                      (SELECT {f} FROM typed WHERE length({f}) = {width}))
            FROM typed WHERE {short}""").fetchone()
        if not n:
            continue
        for fi, k, rows in con.execute(f"""
                SELECT _fi, count(*), list(_row ORDER BY _row)[1:5] FROM typed WHERE {short}
                GROUP BY _fi ORDER BY _fi""").fetchall():
            src, column = lines.sources[fi], lines.columns[fi][f]
            values = dict(con.execute(f"SELECT _row, {f} FROM typed WHERE _fi = {fi} AND _row IN "
                                      f"({', '.join(map(str, rows))})").fetchall())
            out.append(Problem(
                file=str(src.path), column=column, field=f, check="short_id", count=k,
                message=f"{k} rows hold an id shorter than the {width}-digit ids with leading zeros that most rows "
                        f"carry: Excel drops leading zeros ({padded} of {n} such rows in all files match a full-length "
                        f"id once padded, so one key is split in two)",
                examples=[(str(src.path), r, values.get(r)) for r in rows],
                fix=f"export the column again as text, or pad the ids to {width} digits with leading zeros; until "
                    f"then each cut id counts as a key of its own."))
    return out
