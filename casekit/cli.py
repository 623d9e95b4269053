"""The ``casekit`` command line."""

from __future__ import annotations

import argparse
import sys


def _datasets(args) -> int:
    from casekit.datasets import datasets_dir, rebuild_datasets, verify_datasets

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
    from casekit.student import write_student_copies

    written = write_student_copies(args.src, args.out)
    for path in written:
        print(f"wrote {path}")
    print(f"{len(written)} student cop{'y' if len(written) == 1 else 'ies'} in {args.out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
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
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
