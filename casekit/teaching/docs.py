"""Render the instructor documents from their Jinja2 templates in ``docs/src/``.

Every number in the instructor guide and the case narrative is a
``{{ name }}`` placeholder filled from
:func:`casekit.teaching.case_numbers.case_numbers`; the slide-figure table is
a loop over :data:`casekit.teaching.slide_figures.FIGURES`.  Rendering is
strict: a placeholder with no value fails instead of printing nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import jinja2.meta

from casekit.teaching.case_numbers import case_numbers
from casekit.teaching.slide_figures import figure_table, figure_width_px

__all__ = ["ROOT", "NUMBERS_FILE", "MARKS", "docs_context", "render_template", "rendered_docs", "write_docs"]

ROOT = Path(__file__).resolve().parents[2]
"""The repository checkout; ``docs/`` lies under it."""

NUMBERS_FILE = "numbers.json"
"""Where :func:`write_docs` records the numbers it wrote into the documents (in ``docs/``)."""

_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False,
                          trim_blocks=True, lstrip_blocks=True)


@jinja2.pass_context
def _fill(context, text: str) -> str:
    """Render ``text`` (a figure caption) with the template's own values: ``{{ f.shows | fill }}``."""
    return context.environment.from_string(text).render(context.get_all())


_ENV.filters["fill"] = _fill


MARKS = ("\x02", "\x03")
"""What :func:`docs_context` puts around each value when asked to mark them (for the number scan)."""


def docs_context(numbers: dict[str, str], *, marked: bool = False) -> dict:
    """Return everything a template may use: the numbers, the figure width and the figure table.

    Parameters
    ----------
    numbers : dict of str to str
        Placeholder name -> text, as :func:`~casekit.teaching.case_numbers.case_numbers` returns.
    marked : bool, default=False
        Put :data:`MARKS` around every value, so that a scan of the rendered
        text can tell the case's numbers from typed ones.

    Returns
    -------
    dict
        ``numbers`` plus ``figure_width_px`` (text) and ``figures`` (a list
        of dicts with ``file``, ``notebook`` and ``shows``, one per slide
        figure; ``shows`` is itself a template: write ``{{ f.shows | fill }}``).

    Examples
    --------
    >>> ctx = docs_context({"loss": "34%", "stability_noise_pct": "30%"})
    >>> ctx["loss"], ctx["figure_width_px"], ctx["figures"][0]["file"]
    ('34%', '1,210', 'figures/whale_curve.png')
    >>> render_template("{% for f in figures %}{% if 'rate' in f.shows %}{{ f.shows | fill }}{% endif %}{% endfor %}",
    ...                 ctx)
    'Profit per account with every rate up to 30% wrong'
    >>> docs_context({"loss": "34%"}, marked=True)["loss"] == MARKS[0] + "34%" + MARKS[1]
    True
    """
    scalars = {**numbers, "figure_width_px": f"{figure_width_px():,}"}
    if marked:
        scalars = {k: f"{MARKS[0]}{v}{MARKS[1]}" if isinstance(v, str) else v for k, v in scalars.items()}
    return {**scalars, "figures": figure_table().to_dict("records")}


def render_template(text: str, context: dict) -> str:
    """Render one Jinja2 template: each ``{{ name }}`` becomes ``context[name]``.

    Parameters
    ----------
    text : str
        The template (Markdown with ``{{ name }}`` placeholders).
    context : dict
        Name -> value.

    Returns
    -------
    str
        The rendered text.

    Raises
    ------
    KeyError
        If the template names a value the context does not hold.

    Examples
    --------
    >>> render_template("{{loss}} of accounts lose money", {"loss": "34%"})
    '34% of accounts lose money'
    >>> try:
    ...     render_template("{{ nope }} and {{ yes }}", {"yes": "1"})
    ... except KeyError as err:
    ...     print(err.args[0][:37])
    render_template: no number named nope
    """
    missing = sorted(jinja2.meta.find_undeclared_variables(_ENV.parse(text)) - set(context))
    if missing:
        raise KeyError(f"render_template: no number named {', '.join(missing)}; add it to "
                       f"casekit.teaching.case_numbers.case_numbers or fix the placeholder.")
    return _ENV.from_string(text).render(context)


def _banner(src: Path) -> str:
    return (f"<!-- Generated from docs/src/{src.name} by `python -m casekit.teaching.slides`; edit that file, "
            f"not this one. Every number comes from casekit. -->\n\n")


def rendered_docs(src_dir=None, *, numbers: dict | None = None) -> dict[str, str]:
    """Render each ``docs/src/*.md`` template; return file name -> text.

    Parameters
    ----------
    src_dir : str or Path, optional
        Folder of the ``*.md`` templates (``docs/src`` by default).
    numbers : dict, optional
        Placeholder name -> text (:func:`~casekit.teaching.case_numbers.case_numbers` by default).

    Returns
    -------
    dict of str to str
        Template file name -> rendered text, headed by a comment saying
        where it was generated from.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> src = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (src / "guide.md").write_text("{{loss}} of accounts lose money.")
    >>> docs = rendered_docs(src, numbers={"loss": "34%"})
    >>> list(docs), docs["guide.md"].endswith("34% of accounts lose money.")
    (['guide.md'], True)
    """
    src_dir = ROOT / "docs" / "src" if src_dir is None else Path(src_dir)
    context = docs_context(case_numbers() if numbers is None else numbers)
    return {p.name: _banner(p) + render_template(p.read_text(encoding="utf-8"), context)
            for p in sorted(src_dir.glob("*.md"))}


def write_docs(out_dir=None, *, src_dir=None, numbers: dict | None = None) -> list[Path]:
    """Write the rendered documents (instructor guide, case narrative) to ``out_dir`` (default ``docs/``).

    The numbers used are recorded in ``numbers.json`` beside them, so a test
    can say which number changed when the case changes.

    Parameters
    ----------
    out_dir : str or Path, optional
        Where to write (``docs/`` by default; created if missing).
    src_dir : str or Path, optional
        Folder of the templates (``docs/src`` by default).
    numbers : dict, optional
        Placeholder name -> text (:func:`~casekit.teaching.case_numbers.case_numbers` by default).

    Returns
    -------
    list of Path
        The documents written, then ``numbers.json``.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> src, out = pathlib.Path(tempfile.mkdtemp()), pathlib.Path(tempfile.mkdtemp())
    >>> _ = (src / "guide.md").write_text("{{loss}} of accounts lose money.")
    >>> [p.name for p in write_docs(out, src_dir=src, numbers={"loss": "34%"})]
    ['guide.md', 'numbers.json']
    >>> json.loads((out / "numbers.json").read_text())
    {'loss': '34%'}
    """
    out_dir = ROOT / "docs" if out_dir is None else Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    numbers = case_numbers() if numbers is None else numbers
    paths = []
    for name, text in rendered_docs(src_dir, numbers=numbers).items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    path = out_dir / NUMBERS_FILE
    path.write_text(json.dumps(numbers, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return [*paths, path]
