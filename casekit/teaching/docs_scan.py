"""Scan rendered documents for numbers, ids and files that the case did not produce.

The instructor guide must quote only what the executed case shows.
:func:`unsourced_numbers` renders a template, extracts every number,
percentage, dollar amount and account, product, rep or objective id from the
text and returns those that are not the rendered value of some placeholder.  A short
list of structural numbers is exempt, each for a stated reason
(:data:`STRUCTURAL`).  :func:`missing_files` returns the notebooks, executive
views and modules a document names that do not exist.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["STRUCTURAL", "number_tokens", "id_tokens", "reference_years", "unsourced_numbers", "missing_files"]

_NUMBER = re.compile(r"(?<![\w.$])-?\$?\d+(?:,\d{3})*(?:\.\d+)?(?:[KM](?!\w))?(?!\w)")
_ID = re.compile(r"(?<!\w)(?:C\d{4}|P\d{4}|R\d{2}|O\d{2})(?!\w)")
_IDEA = re.compile(r"(?<!\w)I(\d+)(?!\w)")

STRUCTURAL = {
    "session numbers": ("sessions are named 00-09, always with two digits (## 05 · ..., sessions 05-08)",
                        r"(?<![\w.$])0\d(?!\w)"),
    "session headings": ("a session's heading names its notebook's two-digit number (## 10 · ...)",
                         r"(?m)(?<=^## )\d\d(?= ·)"),
    "idea ids": ("the ideas of the course are I1-I15 (checked separately: I16 fails)", r"(?<!\w)I\d+(?!\w)"),
    "publication years": ("years of the works in the References section (any other year fails)", None),
    "references": ("the References section is bibliography: titles, years, volume(issue)",
                   r"(?ms)^## References\b.*\Z"),
    "minute marks": ("the first column of the session plans (| 10–15 | or - 10–15:) is time in class",
                     r"(?m)^(?:\| *|- )\d+–\d+(?= *\||:)"),
    "75-minute": ("the length of a session, in the heading of every plan", r"75-minute"),
    "part labels": ("Act, Exhibit and Exercise numbers name parts of the story and the notebooks",
                    r"\b(?:Acts?|Exhibits?|Exercises?) +\d+(?:(?: *,| and| *–) *\d+)*"),
    "list markers": ("numbered Markdown lists (1. 2.)", r"(?m)^ *\d+\. "),
    "the whole": ("100 % is the whole, a definition, not a result", r"(?<![\w.$])100 ?%"),
    "code": ("numbers in `code` and code blocks are arguments an instructor types to change the case, not "
             "results; ids in code are still checked", r"(?s)```.*?```|`[^`]+`"),
}
"""Numbers the scan allows without a source: name -> (why, the pattern that removes them before the scan)."""


def number_tokens(text: str) -> list[str]:
    """Return every number in ``text`` as written: ``'34'``, ``'-$2.5M'``, ``'$6.37'``, ``'1,210'``.

    A percent sign is not part of the token (templates write ``{{ x }} %``
    after a bare number); a dollar sign and a K or M suffix are.

    Examples
    --------
    >>> number_tokens("83 of 250 accounts (34%) lose -$2.5M; a case costs $6.37, 1,210 px; I7 C0132 x2")
    ['83', '250', '34', '-$2.5M', '$6.37', '1,210']
    """
    return _NUMBER.findall(text)


def id_tokens(text: str) -> list[str]:
    """Return every account (C0001), product (P0001), rep (R01) and objective (O01) id in ``text``.

    Examples
    --------
    >>> id_tokens("follow C0132 (rep R01) and P0001, not XC0001 or I7")
    ['C0132', 'R01', 'P0001']
    """
    return _ID.findall(text)


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _blank(text: str, pattern: str) -> str:
    """Replace each match by spaces (newlines kept), so positions and line numbers do not move."""
    return re.sub(pattern, lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def reference_years(text: str) -> set[str]:
    """Return the publication years of the works in ``text``'s References section.

    Examples
    --------
    >>> sorted(reference_years("see (2010)\\n## References\\n- Byrnes (2010).\\n- Kaplan (1998). HBR, 82(11)."))
    ['1998', '2010']
    """
    refs = re.search(STRUCTURAL["references"][1], text)
    return set(re.findall(r"\((\d{4})\)", refs.group(0))) if refs else set()


def unsourced_numbers(template: str, numbers: dict, *, years=()) -> list[tuple[int, str]]:
    """Render ``template`` and return the numbers and ids in it that no placeholder put there.

    The template is rendered with every value of the context marked
    (:func:`casekit.teaching.docs.docs_context` with ``marked=True``); a
    number or id outside the marked values was typed into the template (or
    into a figure caption) by hand, unless :data:`STRUCTURAL` exempts it.

    Parameters
    ----------
    template : str
        A ``docs/src/*.md`` template.
    numbers : dict of str to str
        Placeholder name -> value, as :func:`~casekit.teaching.case_numbers.case_numbers` returns.
    years : iterable of str, optional
        Publication years allowed besides those of the template's own
        References section (a document that cites without a reference list
        passes the years of the guide's).

    Returns
    -------
    list of (int, str)
        ``(line, token)`` for each number or id the case did not produce, in
        the order they appear (lines of the rendered text, without the
        generated banner); empty when every number has a source.

    Examples
    --------
    >>> numbers = {"loss": "34%", "drain": "C0070"}
    >>> unsourced_numbers("## 02 · Islands\\n{{ loss }} lose money; drop {{ drain }} or C0184? "
    ...                   "Exercise 2 says 87 %.", numbers)
    [(2, 'C0184'), (2, '87')]
    >>> unsourced_numbers("ideas I7, I16 (Kaplan, 1998), 75-minute plan\\n"
    ...                   "## References\\n- Kaplan (1998). *Cost*, 82(11).", numbers)
    [(1, 'I16')]
    """
    from casekit.teaching.docs import MARKS, docs_context, render_template

    text = render_template(template, docs_context(numbers, marked=True))
    scanned = _blank(text, f"{MARKS[0]}[^{MARKS[1]}]*{MARKS[1]}")
    years = set(years) | reference_years(scanned)

    found = [(m.start(), m.group(0)) for m in _ID.finditer(scanned)]
    found += [(m.start(), m.group(0)) for m in _IDEA.finditer(text) if not 1 <= int(m.group(1)) <= 15]
    for _why, pattern in STRUCTURAL.values():
        if pattern is not None:
            scanned = _blank(scanned, pattern)
    found += [(m.start(), m.group(0)) for m in _NUMBER.finditer(scanned) if m.group(0) not in years]
    return [(_line_of(text, pos), token) for pos, token in sorted(found)]


_PATHS = re.compile(r"(?<![\w/.-])((?:notebooks|exec|casekit)/[\w/.-]*\w\.(?:ipynb|md|py))")
_BARE_NOTEBOOK = re.compile(r"`([\w-]+\.ipynb)`")


def missing_files(text: str, root) -> list[str]:
    """Return the notebooks, executive views and modules ``text`` names that do not exist under ``root``.

    A path such as ``notebooks/07_natural_alliance.ipynb`` or
    ``casekit/teaching/checks/levers.py`` must exist as written; a bare
    ```era_dial.ipynb``` must exist in ``exec/`` or ``notebooks/``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> (root / "exec").mkdir(); _ = (root / "exec" / "levers.ipynb").write_text("{}")
    >>> missing_files("open `exec/levers.ipynb`, `levers.ipynb` and exec/rep_game.ipynb", root)
    ['exec/rep_game.ipynb']
    """
    root = Path(root)
    named = set(_PATHS.findall(text))
    missing = {p for p in named if not (root / p).is_file()}
    for name in set(_BARE_NOTEBOOK.findall(text)):
        if not any((root / folder / name).is_file() for folder in ("exec", "notebooks")):
            missing.add(name)
    return sorted(missing)
