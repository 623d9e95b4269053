"""The row checks on invoice lines, in DuckDB: typed values, one SQL predicate per rule, the offending rows.

Private plumbing of :func:`casekit.client.build_tables`.  Every file becomes
a typed SELECT (numbers, dates and flags parsed, a ``_bad_<field>`` column
where a value does not parse); each rule is a predicate on those rows with
the message and the fix a consultant reads.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from casekit.client._sql import channel_sql, date_sql, flag_sql, literal, number_sql, quote_ident
from casekit.client.fields import REQUIRED, field_type, fields
from casekit.client.validation import Problem

__all__ = ["typed_select", "typed_view", "parses_text", "stored_forms", "row_rules", "flag_rows", "rule_hits",
           "raw_values", "rule_problems", "rejected_frame", "short_id_warnings", "scientific_ids", "ID_FIELDS",
           "HASHED_FIELDS", "SET_RULES"]

ID_FIELDS = ("customer_id", "product_id", "order_id", "delivery_id", "ship_to")
"""Fields holding keys, which Excel may have turned into numbers."""

_SCIENTIFIC = r"-?\d+([.,]\d+)?[eE][+-]\d+"
"""An id as Excel writes a long number (1.23457E+11): the digits after the sixth are gone for good."""

HASHED_FIELDS = ("customer_id", "product_id", "date", "order_id", "quantity", "net_amount", "invoice_price")
"""The fields whose parsed values make a row's hash ``_h``, whatever the file's format.

Rows repeating each other share them all: exact duplicates are rows with
one hash, then confirmed on every parsed value.  Hashing these few rather
than every column costs a third as much (10 M lines of 13 columns: 0.7 s
against 2.0 s) and keeps the candidates few.
"""


def typed_select(i, src, cols: dict, fmt: dict, view: str, present=None, forms=None) -> str:
    """SELECT one file's rows as typed casekit fields, with ``_bad_<field>`` flags (:func:`typed_view` adds the hash).

    ``i`` is the file's index (``_fi``), or the name of the view's column
    holding it when ``view`` reads several files alike (``"_fi"``).
    ``forms`` (from :func:`stored_forms`) lets a read skip the trimming
    of ids stored clean and parse a flag column by its few stored words.

    Only the fields in ``present`` (those some file maps; every field when
    omitted) become columns, so the table holding every row stays narrow;
    :func:`typed_view` adds the others as constants.  A Parquet column that
    already holds numbers or dates is cast, not parsed from text.
    """
    present = set(fields("lines")) if present is None else set(present)
    forms = forms or {}
    # Two levels, so that each value is parsed once: the inner SELECT parses,
    # the outer one flags what did not parse (a flag written with the parse
    # inside it would parse every number and date a second time).
    sel = [f"{i} AS _fi", "_row"]
    out = ["_fi", "_row"]
    for f in fields("lines"):
        if f not in present:
            continue
        t = field_type("lines", f)
        c = cols.get(f)
        q = quote_ident(c) if c else None
        typed = bool(c) and src.kind == "parquet" and "string" not in str(src.types.get(c, "string"))
        empty = (f"({q} IS NULL)" if typed else f"(NULLIF(trim(CAST({q} AS VARCHAR)), '') IS NULL)") if c else "true"
        out.append(f)
        if t in ("id", "text"):
            sel.append(f"CAST({q} AS VARCHAR) AS {f}" if c and forms.get(f) == "clean" else
                       f"NULLIF(trim(CAST({q} AS VARCHAR)), '') AS {f}" if c else f"CAST(NULL AS VARCHAR) AS {f}")
            continue
        if t == "number":
            expr = number_sql(q, fmt.get("decimal", "."), typed=typed) if c else "CAST(NULL AS DECIMAL(18,4))"
        elif t == "date":
            ddtyped = (bool(c) and src.kind == "parquet"
                       and any(k in str(src.types.get(c)) for k in ("date", "timestamp")))
            expr = date_sql(q, fmt.get("date_format", "%Y-%m-%d"), typed=ddtyped, serials=src.kind == "excel")
            empty = f"({q} IS NULL)" if ddtyped else empty
        elif t == "flag":
            value, bad = (_flag_case(q, forms[f]) if c and isinstance(forms.get(f), dict) else
                          flag_sql(q, f) if c else ("false", "false"))
            sel += [f"{value} AS {f}", f"{bad} AS _bad_{f}"]
            out.append(f"_bad_{f}")
            continue
        sel += [f"{expr} AS {f}", f"{empty} AS _empty_{f}"]
        out.append(f"(NOT _empty_{f} AND {f} IS NULL) AS _bad_{f}")
    return f"SELECT {', '.join(out)} FROM (SELECT {', '.join(sel)} FROM {view})"


def stored_forms(con, view: str, cols: dict, present) -> dict:
    """How the files of ``view`` store their ids, texts and flags, found in one read, for :func:`typed_select`.

    A view over the client's Parquet files is typed again on every read
    (a dozen per run), so what costs per row is worth learning once: an
    id or text column none of whose values has surrounding spaces or is
    empty needs no trimming (10 M lines, three ids: 0.19 s a read against
    0.44 s), and a yes/no column holding a few distinct words is parsed
    as an exact match on them (0.03 s against 0.14 s).

    Returns
    -------
    dict
        ``{field: "clean"}`` for such id and text fields, ``{field: {stored
        word: (flag, not understood)}}`` for flags of at most 1,000 words.

    Examples
    --------
    >>> import duckdb
    >>> con = duckdb.connect()
    >>> _ = con.execute("CREATE TEMP VIEW v AS SELECT * FROM (VALUES ('C1', ' P1', 'CRN'), ('C2', 'P2', 'INV')) "
    ...                 "t(cust, prod, doc)")
    >>> stored_forms(con, "v", {"customer_id": "cust", "product_id": "prod", "is_return": "doc"},
    ...              ["customer_id", "product_id", "is_return"])
    {'customer_id': 'clean', 'is_return': {'CRN': (True, False), 'INV': (False, False)}}
    """
    out = {}
    texts = [f for f in fields("lines") if f in present and f in cols and field_type("lines", f) in ("id", "text")]
    if texts:
        stored = [f"CAST({quote_ident(cols[f])} AS VARCHAR)" for f in texts]
        dirty = con.execute("SELECT " + ", ".join(f"count_if({v} <> trim({v}) OR {v} = '')" for v in stored)
                            + f" FROM {view}").fetchone()
        out.update({f: "clean" for f, n in zip(texts, dirty) if n == 0})
    for f in fields("lines"):
        if f not in present or f not in cols or field_type("lines", f) != "flag":
            continue
        q = quote_ident(cols[f])
        value, bad = flag_sql("v", f)
        words = con.execute(f"SELECT v, {value}, {bad} FROM (SELECT DISTINCT CAST({q} AS VARCHAR) AS v FROM {view} "
                            f"WHERE {q} IS NOT NULL LIMIT 1001) ORDER BY v").fetchall()
        if len(words) <= 1000:
            out[f] = {w: (bool(v), bool(b)) for w, v, b in words}
    return out


def _flag_case(q: str, words: dict) -> tuple[str, str]:
    """The flag and its "not understood" column as exact matches on the stored words (see stored_forms).

    An empty cell (NULL) is no and understood, as :func:`flag_sql` reads it.
    """
    value = " ".join(f"WHEN {literal(w)} THEN {str(v).lower()}" for w, (v, _) in words.items())
    bad = " ".join(f"WHEN {literal(w)} THEN {str(b).lower()}" for w, (_, b) in words.items())
    cast = f"CAST({q} AS VARCHAR)"
    return ((f"(CASE {cast} {value} ELSE false END)" if value else "false"),
            (f"(CASE {cast} {bad} ELSE false END)" if bad else "false"))


def parses_text(src, cols: dict) -> bool:
    """Whether a file's numbers or dates are parsed from text: CSV and Excel always, Parquet when stored as text.

    A file whose numbers and dates are stored as such is cheap to type again
    on every read; :func:`casekit.client.build_tables` then reads its typed
    rows through a view instead of holding them in a table.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> typed = SimpleNamespace(kind="parquet", types={"Qty": "int64", "Day": "date32[day]", "Cust": "string"})
    >>> parses_text(typed, {"quantity": "Qty", "date": "Day", "customer_id": "Cust"})
    False
    >>> parses_text(SimpleNamespace(kind="parquet", types={"Qty": "string"}), {"quantity": "Qty"})
    True
    """
    if src.kind != "parquet":
        return True
    for f, c in cols.items():
        kind = str(src.types.get(c, "string"))
        if field_type("lines", f) == "number" and "string" in kind:
            return True
        if field_type("lines", f) == "date" and not any(k in kind for k in ("date", "timestamp")):
            return True
    return False


def typed_view(table: str, present) -> str:
    """SELECT every casekit field from ``table`` (typed rows of the fields in ``present``), constants for the rest.

    The row hash ``_h`` (of :data:`HASHED_FIELDS`) is made here, on every
    read, not stored: rows parsed from text are written to a file, where 8
    incompressible bytes a row cost more to write (10 M lines: 1.35 s) than
    the two reads that hash them (the duplicate check: 0.3 s each).

    Examples
    --------
    >>> sql = typed_view("_typed", ["customer_id", "product_id", "date", "quantity", "net_amount"])
    >>> print(sql[:55])
    SELECT *, CAST(NULL AS DECIMAL(18,4)) AS invoice_price,
    >>> print(sql[sql.index("hash("):])
    hash(customer_id, product_id, date, quantity, net_amount) AS _h FROM _typed
    """
    extra = []
    for f in fields("lines"):
        if f in present:
            continue
        t = field_type("lines", f)
        if t in ("id", "text"):
            extra.append(f"CAST(NULL AS VARCHAR) AS {f}")
        elif t == "number":
            extra += [f"CAST(NULL AS DECIMAL(18,4)) AS {f}", f"false AS _bad_{f}"]
        elif t == "date":
            extra += [f"CAST(NULL AS DATE) AS {f}", f"false AS _bad_{f}"]
        elif t == "flag":
            extra += [f"false AS {f}", f"false AS _bad_{f}"]
    # Parsed values, and the same fields for every file: a line repeated in another file is found
    # whatever that file's format (a CSV file's "12,50" and a Parquet file's 12.5) or mapping.
    hashed = [f for f in HASHED_FIELDS if f in present]
    extra.append(f"hash({', '.join(hashed)}) AS _h")
    return f"SELECT *{''.join(', ' + e for e in extra)} FROM {table}"


SET_RULES = ("order_customers", "duplicate")
"""Rules that compare rows with each other; their rows come from the tables ``_conflicts`` and ``_dups``."""


def row_rules(has: set, masters: dict, lo: dt.date, hi: dt.date, channels: list, main_currency=None,
              unknown_channels=None, scientific=None) -> list:
    """Row checks: (name, field, SQL predicate on t, message, fix).

    The rules named in :data:`SET_RULES` are listed with a predicate for the
    record; :func:`flag_rows` takes their rows from tables instead.
    ``unknown_channels``, the file's words for an order channel that map to
    none of ``channels`` (found once among the distinct values), spares
    mapping the channel of every row.  ``scientific``, the id fields
    holding a value in scientific notation (from :func:`scientific_ids`),
    does the same for those ids: a field not in it checks no row.
    """
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
                  f"t.currency IS NOT NULL AND t.currency <> {literal(str(main_currency))}",
                  "rows in another currency than the rest of the data ({main})",
                  "convert them to one currency, or run each currency separately."))
    if "order_channel" in has:
        lst = ", ".join("'" + c.replace("'", "''") + "'" for c in channels)
        pred = f"t.order_channel IS NOT NULL AND {channel_sql('t.order_channel')} NOT IN ({lst})"
        if unknown_channels is not None:
            pred = (f"t.order_channel IN ({', '.join(literal(v) for v in unknown_channels)})"
                    if unknown_channels else "false")
        r.append(("unknown_channel", "order_channel", pred,
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
            pred = f"regexp_full_match(t.{f}, {literal(_SCIENTIFIC)})"
            if scientific is not None:
                pred = f"t.{f} IN (SELECT v FROM _scientific WHERE f = '{f}')" if f in scientific else "false"
            r.append((f"scientific_{f}", f, pred,
                      "rows with an id Excel turned into scientific notation (its digits are lost)",
                      "export the column again as text (in Excel: format the column as Text before saving, or "
                      "open the CSV with Data > From Text and set the column to Text)."))
    r.append(("duplicate", "", "t._dup_row IS NOT NULL",
              "rows repeating an earlier line exactly (same values in every mapped column)",
              "remove the repeated rows (overlapping exports?); if they are genuine, map a line-number column."))
    return r


def scientific_ids(con, has: set, *, orders: str | None = None) -> set:
    """Make the temp table ``_scientific`` (``f``, ``v``): the distinct ids of ``typed`` in scientific notation.

    Each id field's distinct values are tested once instead of every row's
    (10 M lines, three ids: 0.1 s against 0.6 s).  ``orders``, a table of
    the orders with the given order numbers as ``order_id`` and ``_given``
    true, spares grouping the lines by order number once more.

    Returns
    -------
    set
        The fields with at least one such id (for :func:`row_rules`).

    Examples
    --------
    >>> import duckdb
    >>> con = duckdb.connect()
    >>> _ = con.execute("CREATE TEMP VIEW typed AS SELECT * FROM (VALUES ('1.23457E+11', 'A-7'), "
    ...                 "('1001', '2E+05')) v(customer_id, product_id)")
    >>> sorted(scientific_ids(con, {"customer_id", "product_id"}))
    ['customer_id', 'product_id']
    >>> con.execute("SELECT f, v FROM _scientific ORDER BY f").fetchall()
    [('customer_id', '1.23457E+11'), ('product_id', '2E+05')]
    """
    ids = [f for f in ID_FIELDS if f in has and not (f == "order_id" and orders)]
    parts = []
    if ids:
        name = "CASE " + " ".join(f"WHEN GROUPING({f}) = 0 THEN '{f}'" for f in ids) + " END"
        parts.append(f"SELECT {name} AS f, coalesce({', '.join(ids)}) AS v FROM typed "
                     f"GROUP BY GROUPING SETS ({', '.join(f'({f})' for f in ids)})")
    if "order_id" in has and orders:
        parts.append(f"SELECT 'order_id' AS f, order_id AS v FROM {orders} WHERE _given")
    select = " UNION ALL ".join(parts) if parts else "SELECT '' AS f, '' AS v WHERE false"
    con.execute(f"CREATE OR REPLACE TEMP TABLE _scientific AS SELECT f, v FROM ({select}) "
                f"WHERE regexp_full_match(v, {literal(_SCIENTIFIC)})")
    return {f for (f,) in con.execute("SELECT DISTINCT f FROM _scientific").fetchall()}


def flag_rows(con, rules: list) -> None:
    """Check every row once: the temp table ``_flags`` holds each offending row with one boolean per rule.

    The row-by-row rules are evaluated in one pass over ``typed`` that keeps
    only the rows breaking at least one; the rows of :data:`SET_RULES` come
    from ``_conflicts`` and ``_dups`` (small tables made beforehand), never
    from a join of every row.  Column ``r<k>`` is rule ``k`` of ``rules``;
    ``_dup_fi`` and ``_dup_row`` name the earlier copy of a duplicate.
    """
    local = [(k, pred) for k, (name, _, pred, _, _) in enumerate(rules) if name not in SET_RULES]
    cols = ", ".join(f"coalesce(({pred}), false) AS r{k}" for k, pred in local)
    where = " OR ".join(f"({pred})" for _, pred in local)
    parts = [f"SELECT _fi, _row, {cols}, CAST(NULL AS INTEGER) AS _dup_fi, CAST(NULL AS BIGINT) AS _dup_row "
             f"FROM typed t WHERE {where}"]
    for k, (name, *_) in enumerate(rules):
        if name == "duplicate":
            parts.append(f"SELECT _fi, _row, true AS r{k}, first_fi AS _dup_fi, first_row AS _dup_row FROM _dups")
        elif name == "order_customers":
            parts.append(f"SELECT _fi, _row, true AS r{k} FROM _conflicts")
    agg = ", ".join(f"coalesce(bool_or(r{k}), false) AS r{k}" for k in range(len(rules)))
    con.execute(f"CREATE TEMP TABLE _flags AS SELECT _fi, _row, {agg}, max(_dup_fi) AS _dup_fi, "
                f"max(_dup_row) AS _dup_row FROM ({' UNION ALL BY NAME '.join(parts)}) GROUP BY _fi, _row")


def rule_hits(con, k: int) -> list:
    """The first five rows breaking rule ``k``, per file: (file index, row, duplicate's file, its row, count)."""
    return con.execute(f"""
        SELECT _fi, _row, _dup_fi, _dup_row, n FROM (
            SELECT _fi, _row, _dup_fi, _dup_row, count(*) OVER (PARTITION BY _fi) AS n,
                   row_number() OVER (PARTITION BY _fi ORDER BY _row) AS k
            FROM _flags WHERE r{k}) WHERE k <= 5 ORDER BY _fi, _row""").fetchall()


def raw_values(con, lines, rows) -> dict:
    """The values of some rows as their files show them: ``{file index: frame of text by field, indexed by row}``.

    ``rows`` is a table name or a list of (file index, row).  Each file is
    read once more, only if some of its rows are asked for.
    """
    if not isinstance(rows, str):
        frame = pd.DataFrame(rows, columns=["_fi", "_row"]).drop_duplicates()
        con.register("_wanted_df", frame)
        rows = "_wanted_df"
    files = [fi for (fi,) in con.execute(f"SELECT DISTINCT _fi FROM {rows} ORDER BY _fi").fetchall()]
    out = {}
    for fi in files:
        sel = ", ".join(f"CAST(s.{quote_ident(c)} AS VARCHAR) AS {f}" for f, c in lines.columns[fi].items())
        out[fi] = con.execute(f"SELECT s._row, {sel} FROM _src{fi} s SEMI JOIN (SELECT _row FROM {rows} "
                              f"WHERE _fi = {fi}) w ON s._row = w._row").df().set_index("_row")
    return out


def rule_problems(lines, hits: list, name, field, message, fix, raw: dict) -> list:
    """One rule's offending rows (from :func:`rule_hits`), per file, as Problems naming the client's column."""
    out = []
    by_file: dict = {}
    for fi, row, dfi, drow, n in hits:
        by_file.setdefault(fi, (n, []))[1].append((row, dfi, drow))
    for fi, (n, rows) in by_file.items():
        src, cols = lines.sources[fi], lines.columns[fi]
        column = cols.get(field, "")
        values = raw.get(fi)
        examples = []
        for row, dfi, drow in rows:
            if name == "duplicate":
                same = "" if dfi == fi else f"{lines.sources[dfi].path.name} "
                examples.append((str(src.path), row, f"same as {same}row {drow}"))
            else:
                value = values.at[row, field] if column and values is not None and row in values.index else None
                examples.append((str(src.path), row, None if pd.isna(value) else value))
        out.append(Problem(file=str(src.path), column=column, field=field, check=name,
                           message=f"{n} {message}" if n != 1 else f"1 {message.replace('rows ', 'row ', 1)}",
                           count=n, examples=examples, fix=fix))
    return out


def rejected_frame(con, lines, reasons: str, raw: dict) -> pd.DataFrame:
    """Every row set aside: its file, row number, reasons (the SQL ``reasons`` over ``_flags``) and its values."""
    frame = con.execute(f"SELECT _fi, _row, {reasons} AS reasons FROM _flags ORDER BY _fi, _row").df()
    if frame.empty:
        return pd.DataFrame(columns=["file", "file_row", "reasons"])
    parts = []
    for fi, grp in frame.groupby("_fi", sort=True):
        merged = grp.merge(raw[fi], left_on="_row", right_index=True, how="left")
        merged.insert(0, "file", str(lines.sources[fi].path))
        parts.append(merged)
    return pd.concat(parts, ignore_index=True).rename(columns={"_row": "file_row"}).drop(columns="_fi")


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
