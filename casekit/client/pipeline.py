"""The consultant's whole path in one call: client files in, workbook, HTML report and figures out.

:func:`analyze` (the CLI's ``casekit analyze``) reads and checks the files,
builds the tables, runs the engine with the customer x product roll-up
inside DuckDB, reconciles, and writes everything to one folder.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import datetime as dt
import functools
import shutil
import time
from pathlib import Path

import pandas as pd

from casekit.client.exhibits import build_exhibits, draw_figures
from casekit.client.lines import read_lines
from casekit.client.masters import read_customers, read_products
from casekit.client.presentation import headline_table, honest_shares, relabel
from casekit.client.read_first import rates_are_default, read_first
from casekit.client.reconciliation import reconcile
from casekit.client.report import (
    MAX_SHEET_ROWS,
    OUTPUTS,
    write_csv,
    write_html,
    write_workbook,
)
from casekit.client.tables import BUILD_STEPS, build_tables
from casekit.costing.memory import small_pages

__all__ = ["ClientAnalysis", "analyze"]


@dataclasses.dataclass(frozen=True)
class ClientAnalysis:
    """What one :func:`analyze` run wrote and found.

    Parameters
    ----------
    out : Path
        The output folder.
    workbook, html, reconciliation_csv, rejected_csv : Path
        ``profit_map.xlsx``, ``report.html``, ``reconciliation.csv`` and
        ``rejected_rows.csv`` in ``out``.
    figures : dict of str to Path
        ``whale_curve``, ``profit_map``, ``segments``, ``price_waterfall`` PNGs.
    reconciliation : pandas.DataFrame
        :func:`casekit.client.reconcile`: ``measure``, ``read``, ``rejected``,
        ``accepted``, ``engine``, ``difference``, ``status``.
    capacity : pandas.DataFrame or None
        Unused capacity per department (time-driven runs only).
    timings : dict of str to float
        Seconds per stage.
    pairs : Path
        ``customer_x_product.parquet``: every customer x product pair; the
        property ``pnl`` reads it.

    Examples
    --------
    See :func:`analyze`.
    """

    out: Path
    workbook: Path
    html: Path
    reconciliation_csv: Path
    rejected_csv: Path
    figures: dict
    reconciliation: pd.DataFrame
    capacity: pd.DataFrame | None
    timings: dict
    pairs: Path | None = None

    @functools.cached_property
    def pnl(self) -> pd.DataFrame:
        """The costed customer x product P&L, read from ``customer_x_product.parquet`` when first asked for.

        A client's millions of pairs are not held in memory after the run;
        the keys come back categorical, as the engine returns them.
        """
        import pyarrow.parquet as pq

        table = pq.read_table(self.pairs)
        frame = table.drop_columns(["customer_name", "product_name"]).to_pandas()
        frame.attrs = {"activities": [c for c in frame.columns if c.startswith("cost_") and c != "cost_to_serve"]}
        return frame

    @property
    def reconciled(self) -> bool:
        """Whether every total agrees, read = rejected + accepted = engine."""
        return bool((self.reconciliation["status"] == "ok").all())


class _Stages:
    """One tqdm bar per stage of a run, ticking through the stage's steps; each stage's seconds go to ``timings``.

    A bar appears only when its stage lasts more than a second; an error
    closes it without leaving it on screen, so the message starts on its own
    line.
    """

    def __init__(self, timings: dict, progress: bool):
        self.timings, self.progress = timings, progress

    @contextlib.contextmanager
    def __call__(self, name: str, steps: list):
        from tqdm.auto import tqdm

        bar = tqdm(total=len(steps), desc=name, unit="step", delay=1.0, disable=not self.progress, leave=True)
        done = [0]

        def step(label=None):
            if done[0] < len(steps):
                bar.update(1)
                done[0] += 1
            if done[0] < len(steps):
                bar.set_postfix_str(label or steps[done[0]], refresh=False)

        bar.set_postfix_str(steps[0], refresh=False)
        t0 = time.perf_counter()
        try:
            # Every stage fills arrays of millions of rows once (see casekit.costing.memory).
            with small_pages():
                yield step
        except BaseException:
            bar.leave = False
            bar.close()
            raise
        bar.update(len(steps) - done[0])
        bar.close()
        self.timings[name] = time.perf_counter() - t0


def _scratch(workdir):
    """A fresh folder inside ``workdir`` for one run's tables (``None``: build_tables makes a temporary one)."""
    if workdir is None:
        return None
    import tempfile

    Path(workdir).mkdir(parents=True, exist_ok=True)
    return tempfile.mkdtemp(prefix="casekit_tables_", dir=workdir)


def _spark_session(spark):
    """The Spark session for ``spark``: a session as given, a master URL's, or a local one."""
    if spark is not None and not isinstance(spark, str):
        return spark
    import os
    import re

    from casekit.costing.spark import local_session

    if spark is None:
        return local_session()
    local = re.fullmatch(r"local(?:\[(\d+|\*)\])?", spark.strip())
    if local:  # casekit's local settings, with the cores asked for
        cores = local.group(1)
        return local_session((os.cpu_count() or 2) if cores in (None, "*") else int(cores))
    from pyspark.sql import SparkSession

    return SparkSession.builder.master(spark).appName("casekit").getOrCreate()


def _seconds(func, *args) -> float:
    """Call ``func(*args)`` and return how many seconds it took."""
    t0 = time.perf_counter()
    func(*args)
    return time.perf_counter() - t0


def _load_report_libraries() -> None:
    """Import what the figures and the workbook are made with (matplotlib, seaborn, openpyxl).

    :func:`analyze` runs this on a thread of its own while DuckDB checks the
    rows: the imports (0.6 s) then cost no time of their own, and the stages
    that use them find them loaded.  A library that fails to load here
    fails again, with its message, where it is used.
    """
    with contextlib.suppress(Exception):
        import matplotlib

        matplotlib.use("Agg", force=False)  # as draw_figures does
        import matplotlib.pyplot
        import openpyxl  # noqa: F401

        import casekit.plots  # noqa: F401


@contextlib.contextmanager
def _waiting_for(future):
    """Let an error inside the block go on only once ``future`` is done (whatever its own outcome)."""
    try:
        yield
    except BaseException:
        with contextlib.suppress(BaseException):
            future.result()
        raise


def _card(value, cls, name: str):
    if value is None or isinstance(value, cls):
        return value
    if isinstance(value, (str, Path)):
        return cls.read(value)
    raise TypeError(f"{name} must be a {cls.__name__}, a file path or None; got {type(value).__name__}.")


def analyze(lines, *, customers=None, products=None, mapping=None, rates=None, time_driven=None,
            out="casekit_out", anonymize_key=None, pseudonyms_file=None, bad_rows="raise", date_range=None,
            title=None, currency=None, progress=True, echo=print, engine="duckdb", spark=None,
            workdir=None) -> ClientAnalysis:
    """Run the consultant's path: client files in, workbook, HTML report and figures out.

    Parameters
    ----------
    lines : str, Path or list
        Invoice-line files or folders (see :func:`casekit.client.read_lines`).
    customers, products : str or Path, optional
        Master files.
    mapping : dict or path, optional
        Column mapping (see :func:`casekit.client.read_mapping`).
    rates : RateCard, str or Path, optional
        The client's rate card (``casekit template rates.xlsx``); defaults otherwise.
    time_driven : TimeDrivenCard, str or Path, optional
        Time equations and department capacities (``casekit template
        --time-driven td.xlsx``).  Their activities are costed at minutes x
        capacity cost rate (the rate card keeps the others), and the workbook
        and report gain an unused-capacity table.
    out : str or Path
        Output folder (created).
    anonymize_key : bytes, optional
        Key for pseudonyms (see :mod:`casekit.client.anonymize`); when given,
        no original customer, product or rep key or name is written to ``out``.
    pseudonyms_file : str or Path, optional
        Where to write the table of originals and pseudonyms (keep it outside ``out``).
    bad_rows : {"raise", "report"}, default="raise"
        Stop on bad rows, or set them aside and list them.
    date_range : (date, date), optional
        Accepted invoice dates.
    title : str, optional
        Title of the report.
    currency : str, optional
        Currency of the amounts (``EUR``); by default the one most lines
        carry in a mapped currency column, else ``$``.  Every amount and
        label of the workbook, report and figures shows it.
    progress : bool, default=True
        Show a tqdm progress bar per stage, ticking through its steps (a bar
        appears once its stage has lasted a second).
    echo : callable, default=print
        Where the reconciliation is printed (``None`` for silence).
    engine : {"duckdb", "spark"}, default="duckdb"
        Who runs the cost-to-serve roll-up (see :func:`casekit.cost_to_serve`);
        reading, checks, exhibits and deliverables stay on this machine.
    spark : pyspark.sql.SparkSession or str, optional
        For ``engine="spark"``: a session, or a master URL
        (``spark://host:7077``, ``yarn``, ``local[4]``); a local session
        (:func:`casekit.costing.spark.local_session`) when omitted.
    workdir : str or Path, optional
        Where the run keeps its working files, in a folder of their own
        removed afterwards (a temporary folder by default): the orders as
        Parquet, a text export's parsed rows, and for Spark the lines as
        Parquet too.  On a cluster it must be a folder every Spark executor
        reads under the same path (a shared mount).

    Returns
    -------
    ClientAnalysis
        The paths written (``workbook``, ``html``, ``reconciliation_csv``,
        ``rejected_csv``, ``figures``), the customer x product ``pnl``, the
        ``reconciliation``, the unused ``capacity`` (``None`` without a
        time-driven card) and the ``timings`` of each step.

    Raises
    ------
    ClientDataError
        A file cannot be read or holds bad rows (with ``bad_rows="raise"``);
        a ``ValueError``, like every bad value.
    TypeError
        ``rates``, ``time_driven`` or ``anonymize_key`` of the wrong type.

    Examples
    --------
    The shipped practice export (``datasets/client_sample``), its bad rows set
    aside, written to a temporary folder:

    >>> import tempfile, pathlib
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import casekit
    >>> sample = pathlib.Path(casekit.__file__).parent / "data" / "client_sample"
    >>> res = analyze(sample / "invoices", customers=sample / "customers.xlsx", products=sample / "products.csv",
    ...               mapping=sample / "mapping.yaml", out=tempfile.mkdtemp(), bad_rows="report",
    ...               progress=False, echo=None)
    >>> res.workbook.name, res.html.name, res.html.exists()
    ('profit_map.xlsx', 'report.html', True)
    >>> res.reconciled, sorted(res.figures)
    (True, ['price_waterfall', 'profit_map', 'segments', 'whale_curve'])
    """
    from casekit.analysis.summary import headline
    from casekit.client.pairs import pair_totals, top_profit_map, write_pairs, write_pairs_parquet
    from casekit.costing.engine import cost_to_serve
    from casekit.costing.rates import RateCard
    from casekit.costing.time_driven import TimeDrivenCard

    if anonymize_key is not None and not isinstance(anonymize_key, bytes):
        raise TypeError(f"anonymize_key must be bytes (casekit.client.load_key reads one); "
                        f"got {type(anonymize_key).__name__}.")
    card = _card(rates, RateCard, "rates") or RateCard.default()
    timed = _card(time_driven, TimeDrivenCard, "time_driven")
    if timed is not None:
        card = timed.rate_card(card)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    import threading

    threading.Thread(target=_load_report_libraries, name="casekit-imports", daemon=True).start()
    timings: dict = {}
    stage = _Stages(timings, progress)
    with stage("read files", ["lines", "masters"]) as step:
        cl = read_lines(lines, mapping=mapping)
        step()
        cm = read_customers(customers, mapping=mapping) if customers is not None else None
        pm = read_products(products, mapping=mapping) if products is not None else None
    if engine not in ("duckdb", "spark"):
        raise ValueError(f"engine must be 'duckdb' or 'spark'; got {engine!r}.")
    scratch = _scratch(workdir)
    try:
        with stage("check rows and build tables", BUILD_STEPS) as step:
            # DuckDB types the client's own Parquet files again where it reads the lines; Spark reads a file.
            data = build_tables(cl, customers=cm, products=pm, bad_rows=bad_rows, date_range=date_range, rates=card,
                                on_step=step, workdir=scratch, lines_as="query" if engine == "duckdb" else "parquet")
    except BaseException:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        raise
    try:
        with stage(f"cost to serve ({engine})", ["customer x product roll-up"]):
            session = _spark_session(spark) if engine == "spark" else None
            pnl = cost_to_serve(data.tables, card, by=["customer_id", "product_id"], engine=engine, spark=session)
            capacity = timed.unused_capacity(pnl) if timed is not None else None
        with stage("reconcile", ["totals"]):
            recon = reconcile(data, pnl)
    finally:
        data.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    customers_t, products_t, rejected = data.customers, data.products, data.rejected
    currency = currency or data.currency
    recon = recon.assign(measure=[relabel(m, currency) for m in recon["measure"]])
    recon.attrs = {"note": recon.attrs.get("note", ""),
                   "row_kinds": ["count" if "(rows)" in m else "number" if "cases" in m else "money"
                                 for m in recon["measure"]]}
    recon.to_csv(out / OUTPUTS["reconciliation"], index=False)
    unalloc = pd.DataFrame(pnl.attrs.get("unallocated", {}))
    if anonymize_key is not None:
        from casekit.client.anonymize import anonymize_frames

        pnl, customers_t, products_t, rejected, table = anonymize_frames(
            anonymize_key, pnl=pnl, customers=customers_t, products=products_t, rejected=rejected)
        if pseudonyms_file is not None:
            Path(pseudonyms_file).parent.mkdir(parents=True, exist_ok=True)
            table.to_csv(pseudonyms_file, index=False)
    rejected.to_csv(out / OUTPUTS["rejected"], index=False)
    warnings = data.warnings
    if anonymize_key is not None:  # a warning's values are the client's keys: rows and file names only
        warnings = [dataclasses.replace(w, file=Path(w.file).name,
                                        examples=[(Path(f).name, r, None) for f, r, _ in w.examples])
                    for w in warnings]
    # Every pair goes to Parquet on a thread of its own while the stages below run: the writer works
    # outside Python's lock, and they hardly need a second core (10 M lines: a 3.9 s write hidden).
    writer = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="casekit-pairs")
    writing = writer.submit(_seconds, write_pairs_parquet, pnl, customers_t, products_t, out)
    writer.shutdown(wait=False)  # the thread ends with its one task
    with _waiting_for(writing):  # on an error, no thread is left writing into out
        with stage("customer x product tables", ["totals", "profit map", "biggest losses"]) as step:
            # Everything below is drawn from the customer and product totals; the
            # pairs leave memory once written.
            totals = pair_totals(pnl)
            step()
            pmap = top_profit_map(pnl, totals)
            step()
            cxp, n_pairs, pair_files = write_pairs(pnl, totals, customers_t, products_t, out, sheet_rows=MAX_SHEET_ROWS,
                                                   parquet=False)
            by_customer = totals.customers
            del pnl, totals
        with stage("exhibits and figures", ["exhibits", "figures"]) as step:
            ex = build_exhibits(by_customer, customers_t, fields=cl.fields, currency=currency, profit_map=pmap)
            step()
            figures = draw_figures(ex, out / "figures", currency=currency)
            head = headline(by_customer)
            first = read_first(head, currency=currency, default_rates=rates_are_default(card) and timed is None,
                               assumptions=data.assumptions, skipped=ex.skipped,
                               rows_read=int(recon.iloc[0]["read"]), rows_set_aside=len(rejected),
                               net_profit=float(by_customer["net_profit"].sum()), warnings=warnings)
            head_t = headline_table(head, currency, whale=ex.whale)
            segments_t = honest_shares(ex.segment_summary)
        with stage("workbook and report", ["customer P&L", "workbook", "report"]) as step:
            write_csv(ex.customers, out / "customer_pnl.csv")
            step()
            beside = "customer_x_product.csv and .parquet" if "csv" in pair_files else "customer_x_product.parquet"
            cxp_note = ""
            if n_pairs > MAX_SHEET_ROWS:
                cxp_note = (f"customer x product: the {MAX_SHEET_ROWS:,} biggest losses of {n_pairs:,} pairs; "
                            f"all pairs are in {beside}; every sheet holds at most {MAX_SHEET_ROWS:,} rows, the "
                            f"full tables are beside the workbook (customer_pnl.csv has every customer)")
            whale = honest_shares(ex.whale)
            mapping_used = cl.describe().T.reset_index()
            mapping_used.columns = ["field"] + [f"file {i + 1}" for i in range(len(mapping_used.columns) - 1)]
            sheets = {
                "read this first": first,
                "read me": pd.DataFrame({"item": ["title", "generated", "currency", "lines read", "rows set aside",
                                                  "rate card", "time-driven card", "anonymised", "note", "sheet sizes"],
                                         "value": [title or "Client profit map", f"{dt.datetime.now():%Y-%m-%d %H:%M}",
                                                   str(currency or "$ (no currency column mapped)"),
                                                   str(int(recon.iloc[0]["read"])), str(len(rejected)),
                                                   str(rates) if rates is not None and not isinstance(rates, RateCard)
                                                   else "casekit defaults",
                                                   "none" if timed is None else (
                                                       "given as data" if isinstance(time_driven, TimeDrivenCard)
                                                       else str(time_driven)),
                                                   "yes" if anonymize_key is not None else "no",
                                                   recon.attrs.get("note", ""), cxp_note or "complete"]}),
                "headline": head_t,
                "customer P&L": ex.customers,
                "customer x product": cxp,
                "segments": segments_t,
                "segment members": ex.segments,
                "whale curve": whale,
                "top drains": ex.drains,
                "reconciliation": recon,
                "rejected rows": rejected,
                "files read": data.files,
                "mapping used": mapping_used,
                "assumptions": data.assumptions,
                "rates": card.table,
                "unallocated cost": unalloc,
            }
            if capacity is not None:
                sheets["unused capacity"] = capacity
                sheets["time equations"] = timed.times
                sheets["departments"] = timed.resources
            workbook = write_workbook(out / OUTPUTS["workbook"], sheets, currency=currency)
            step()
            report = write_html(out / OUTPUTS["html"], title=title or "Client profit map", headline=head_t,
                                figures=figures, segment_summary=segments_t, drains=ex.drains, recon=recon,
                                assumptions=data.assumptions, rejected=rejected,
                                files=data.files, capacity=capacity, currency=currency, read_first=first,
                                skipped=ex.skipped)
    with stage("customer x product Parquet (the rest of its write)", ["customer_x_product.parquet"]):
        timings["customer x product Parquet (beside the stages above)"] = writing.result()
    if echo is not None:
        with pd.option_context("display.width", 160, "display.max_columns", 20):
            echo("Reconciliation (read = rejected + accepted; accepted vs engine to the cent):")
            echo(recon.to_string(index=False))
            if len(rejected):
                echo(f"{len(rejected)} rows set aside: see {out / OUTPUTS['rejected']}")
    return ClientAnalysis(out=out, workbook=workbook, html=report, reconciliation_csv=out / OUTPUTS["reconciliation"],
                          rejected_csv=out / OUTPUTS["rejected"], figures=figures, reconciliation=recon,
                          capacity=capacity, timings=timings, pairs=pair_files["parquet"])
