"""The ``casekit`` command line."""

from __future__ import annotations

import argparse
import sys


def _datasets(args) -> int:
    from casekit.case.datasets import datasets_dir, rebuild_datasets, verify_datasets

    if args.rebuild:
        manifest = rebuild_datasets(args.dir)
        for name, entry in manifest["cases"].items():
            print(f"{name}: {len(entry['files'])} files written (seed {entry['parameters']['seed']})")
        return 0
    bad = verify_datasets(args.dir)
    where = args.dir or datasets_dir()
    if bad:
        print(f"{where}: {len(bad)} file(s) differ from manifest.json: {bad}", file=sys.stderr)
        return 1
    print(f"{where}: every file matches manifest.json")
    return 0


def _student(args) -> int:
    from casekit.teaching.student import write_student_copies

    written = write_student_copies(args.src, args.out)
    for path in written:
        print(f"wrote {path}")
    print(f"{len(written)} student cop{'y' if len(written) == 1 else 'ies'} in {args.out}")
    return 0


def _template(args) -> int:
    from casekit.client import template, time_driven_template

    if args.time_driven:
        path = time_driven_template(args.path)
        print(f"wrote {path}: fill in sheets 'resources' and 'times', then run casekit analyze ... "
              f"--time-driven {path}")
        return 0
    path = template(args.path)
    print(f"wrote {path}: fill in the 'rate' column (sheet 'rates'), then run casekit analyze ... --rates {path}")
    return 0


def _mapping(args) -> int:
    from pathlib import Path

    from casekit.client.mapping import draft_mapping

    try:
        text = draft_mapping(args.lines, customers=args.customers, products=args.products)
    except (FileNotFoundError, ValueError) as exc:
        print(f"casekit mapping: {exc}", file=sys.stderr)
        return 1
    if args.output is None:
        print(text, end="")
        return 0
    out = Path(args.output)
    if out.exists() and not args.force:
        print(f"casekit mapping: {out} exists; pass --force to overwrite it.", file=sys.stderr)
        return 2
    out.write_text(text, encoding="utf-8")
    blanks = sum(1 for line in text.splitlines() if "# REQUIRED" in line)
    print(f"wrote {out}: fill in the commented fields the client has"
          + (f" ({blanks} required)" if blanks else "") + f", then run casekit analyze ... --mapping {out}")
    return 0


def _analyze(args) -> int:
    from casekit.client import analyze, load_key

    if args.anonymize and not args.key_file:
        print("casekit analyze: --anonymize needs --key-file PATH (the key stays with you; it is created if "
              "missing).", file=sys.stderr)
        return 2
    date_range = None
    if args.date_from or args.date_to:
        date_range = (args.date_from or "2000-01-01", args.date_to or "today")
        if date_range[1] == "today":
            import datetime as dt

            date_range = (date_range[0], dt.date.today())
    try:
        key = load_key(args.key_file) if args.anonymize else None
        result = analyze(args.lines, customers=args.customers, products=args.products, mapping=args.mapping,
                         rates=args.rates, time_driven=args.time_driven, out=args.out, anonymize_key=key,
                         pseudonyms_file=args.pseudonyms,
                         bad_rows="report" if args.skip_bad_rows else "raise", date_range=date_range,
                         title=args.title, currency=args.currency, progress=not args.quiet,
                         engine="spark" if args.spark_master else args.engine, spark=args.spark_master,
                         workdir=args.workdir)
    except (FileNotFoundError, ValueError) as exc:  # ClientDataError is a ValueError
        print(f"casekit analyze: {exc}", file=sys.stderr)
        return 1
    for path in (result.workbook, result.html, result.reconciliation_csv, result.rejected_csv):
        print(f"wrote {path}")
    print(f"wrote {len(result.figures)} figures in {result.out / 'figures'}")
    return 0 if result.reconciled else 3


def _game(args) -> int:
    if args.game_command == "serve":
        from casekit.game.server import serve

        serve(args.folder, host=args.host, port=args.port, key=args.key)
        return 0
    from casekit.game.room import play_bot_game

    room = play_bot_game(args.folder, seed=args.seed, n_teams=args.teams, buyer=not args.no_buyer)
    print(room.store.path)
    return 0


def _twin(args) -> int:
    from casekit.client import ClientDataError
    from casekit.twin import build_twin

    try:
        made = build_twin(args.lines, mapping=args.mapping, customers=args.customers, products=args.products,
                          out=args.out, seed=args.seed, tries=args.tries, title=args.title)
    except (FileNotFoundError, ValueError, ClientDataError) as exc:
        print(f"casekit twin: {exc}", file=sys.stderr)
        return 1
    outcomes = made.report[made.report["section"] == "outcome"]
    print(f"wrote the twin to {made.out}: {made.company}; load it with casekit.load_case({str(made.out)!r})")
    for r in outcomes.itertuples():
        flag = "ok  " if r.met else "MISS"
        print(f"  {flag} {r.measure}: client {r.client:.1f}, twin {r.twin:.1f} (target ±{r.tolerance_pts:g} points)")
    print(f"fidelity report: {made.out / 'fidelity.html'}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Build the ``casekit`` argument parser (subcommands datasets, student, template, mapping, analyze, game).

    Returns
    -------
    argparse.ArgumentParser

    Examples
    --------
    >>> build_parser().parse_args(["datasets", "--rebuild"]).rebuild
    True
    """
    parser = argparse.ArgumentParser(prog="casekit", description="Customer and product profitability toolkit.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("datasets", help="check (default) or --rebuild the shipped classroom case")
    p.add_argument("--rebuild", action="store_true", help="regenerate the CSVs and manifest")
    p.add_argument("--dir", default=None, help="folder (default: the shipped datasets)")
    p.set_defaults(func=_datasets)
    p = sub.add_parser("student", help="write student copies of the master notebooks")
    p.add_argument("src", nargs="?", default="notebooks", help="folder of master notebooks (default: notebooks)")
    p.add_argument("--out", default="build/student", help="destination folder (default: build/student)")
    p.set_defaults(func=_student)
    p = sub.add_parser("template", help="write the Excel rate card to fill in with the client's costs")
    p.add_argument("path", help="the .xlsx file to write, e.g. rates.xlsx")
    p.add_argument("--time-driven", action="store_true",
                   help="write the time-driven card instead: minutes per activity and department capacities")
    p.set_defaults(func=_template)
    p = sub.add_parser("mapping", help="write the suggested column mapping of an export, the blanks as comments")
    p.add_argument("lines", nargs="+", help="invoice-line files or folders (the first file's headers are read)")
    p.add_argument("--customers", help="customer master (optional)")
    p.add_argument("--products", help="product master (optional)")
    p.add_argument("-o", "--output", help="the .yaml file to write (printed when omitted)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=_mapping)
    p = sub.add_parser("analyze", help="client invoice lines in; workbook, HTML report and figures out")
    p.add_argument("lines", nargs="+", help="invoice-line files or folders (CSV, Excel, Parquet)")
    p.add_argument("--customers", help="customer master (optional)")
    p.add_argument("--products", help="product master (optional)")
    p.add_argument("--mapping", help="column mapping (.yaml, .json, .csv or .xlsx); suggested from headers otherwise")
    p.add_argument("--rates", help="rate card from `casekit template` (default: casekit's default rates)")
    p.add_argument("--time-driven", help="time-driven card from `casekit template --time-driven` (.xlsx or a "
                                         "folder with times.csv and resources.csv): minutes x capacity cost rate, "
                                         "unused capacity reported")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--skip-bad-rows", action="store_true",
                   help="set bad rows aside (listed in rejected_rows.csv) instead of stopping")
    p.add_argument("--from", dest="date_from", help="earliest invoice date accepted (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", help="latest invoice date accepted (YYYY-MM-DD)")
    p.add_argument("--anonymize", action="store_true", help="replace customer, product and rep keys and names by "
                                                            "keyed pseudonyms")
    p.add_argument("--key-file", help="the pseudonym key (created if missing); keep it outside --out")
    p.add_argument("--pseudonyms", help="where to write the table of originals and pseudonyms (keep it private)")
    p.add_argument("--title", help="title of the report")
    p.add_argument("--currency", help="currency of the amounts, e.g. EUR (default: the mapped currency column, "
                                      "else $)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb",
                   help="who runs the cost-to-serve roll-up: DuckDB on this machine (default) or Apache Spark")
    p.add_argument("--spark-master", metavar="URL",
                   help="with --engine spark: the cluster's master URL (spark://host:7077, yarn, local[4]); "
                        "default: Spark in local mode on this machine's cores")
    p.add_argument("--workdir", help="where the checked tables are written as Parquet (default: a temporary "
                                     "folder); with a Spark cluster, a folder every executor reads (shared mount)")
    p.set_defaults(func=_analyze)
    p = sub.add_parser("twin", help="a synthetic case with the client's shapes and none of its rows")
    p.add_argument("lines", nargs="+", help="invoice-line files or folders (CSV, Excel, Parquet)")
    p.add_argument("--mapping", help="column mapping (.yaml, .json, .csv or .xlsx); suggested from headers otherwise")
    p.add_argument("--customers", help="customer master (optional)")
    p.add_argument("--products", help="product master (optional)")
    p.add_argument("--out", required=True, help="folder to write the twin case, its README and fidelity.html")
    p.add_argument("--seed", type=int, default=0, help="seed (default: 0)")
    p.add_argument("--tries", type=int, default=5,
                   help="twins drawn; the one closest to the client's lesson outcomes is kept (default: 5)")
    p.add_argument("--title", default="Client twin", help="title of the README and the fidelity report")
    p.set_defaults(func=_twin)
    p = sub.add_parser("game", help="Beacon Boardroom: serve the classroom game, or record a bot-only game")
    game = p.add_subparsers(dest="game_command", required=True)
    g = game.add_parser("serve", help="serve the game (players' pages and the instructor console)")
    g.add_argument("--folder", default="boardroom", help="folder of the games' databases (default: boardroom)")
    g.add_argument("--host", default="127.0.0.1", help="address to listen on; 0.0.0.0 for a classroom network")
    g.add_argument("--port", type=int, default=8870, help="port (default: 8870)")
    g.add_argument("--key", help="instructor's key (default: kept in FOLDER/instructor.key)")
    g = game.add_parser("bots", help="play a six-round game with bots in every seat and print its database")
    g.add_argument("--folder", default="boardroom", help="where the database goes (default: boardroom)")
    g.add_argument("--seed", type=int, default=0, help="seed (default: 0)")
    g.add_argument("--teams", type=int, default=3, help="teams (default: 3)")
    g.add_argument("--no-buyer", action="store_true", help="teams without the buyer's seat")
    p.set_defaults(func=_game)
    return parser


def main(argv=None) -> int:
    """Run the ``casekit`` command line and return its exit code.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (``sys.argv[1:]`` by default).

    Returns
    -------
    int
        0 on success.

    Examples
    --------
    >>> code = main(["datasets"])  # doctest: +ELLIPSIS
    /...: every file matches manifest.json
    >>> code
    0
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
