"""Predict, then reveal: widgets that record a class's guesses before the answer is shown.

A guess widget records each student's guess (with an optional name), keeps
the answer computed from the case hidden until *Reveal* is pressed, then says
how far each guess was.  :func:`tally` and :func:`export_tally` collect the
recorded guesses of several widgets into a frame or a CSV file.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from casekit.widgets.view import WidgetView

__all__ = ["Guess", "guess_number", "guess_choice", "tally", "export_tally"]


@dataclass
class Guess(WidgetView):
    """Hold a guess widget and its state: ``records`` (list of dicts) and ``revealed``.

    Built by :func:`guess_number` and :func:`guess_choice`, which fill in the
    widgets; :meth:`record` and :meth:`reveal` are the buttons' callbacks.

    Parameters
    ----------
    question : str
        The question shown above the entry.
    truth : object
        The answer computed from the case, hidden until revealed.
    kind : {"number", "choice"}
        Slider guess or dropdown guess.
    unit : str, default=""
        Unit shown after numbers.

    Attributes
    ----------
    widget : ipywidgets.VBox
        Display this.
    student, entry : ipywidgets.Widget
        The name box and the guess (slider or dropdown); set ``.value``.
    record_button, reveal_button : ipywidgets.Button
        Record the current entry; reveal the answer.
    feedback : ipywidgets.HTML
        What was recorded, then the answer and each guess's error.
    records : list of dict
        One ``{"student", "question", "guess"}`` dict per recorded guess.
    revealed : bool
        Whether the answer is shown.

    Examples
    --------
    >>> g = guess_number("What share of customers lose money?", truth=35.0)
    >>> g.entry.value = 40
    >>> g.record()
    >>> g.records[0]["guess"], g.revealed
    (40.0, False)
    >>> g.reveal()
    >>> g.revealed, "Answer" in g.feedback.value
    (True, True)
    """

    question: str
    truth: object
    kind: str
    unit: str = ""
    widget: widgets.VBox = None
    student: widgets.Text = None
    entry: widgets.Widget = None
    record_button: widgets.Button = None
    reveal_button: widgets.Button = None
    feedback: widgets.HTML = None
    records: list = field(default_factory=list)
    revealed: bool = False

    def record(self, *_):
        """Store the current entry as one student's guess."""
        name = self.student.value.strip() or f"student {len(self.records) + 1}"
        self.records.append({"student": name, "question": self.question, "guess": self.entry.value})
        self.feedback.value = (f"Recorded {len(self.records)} guess(es). "
                               f"Last: {html.escape(str(self.entry.value))}{self.unit}")
        if self.revealed:
            self.reveal()

    def error(self, guess) -> float | None:
        """Guess minus truth for numbers; None for choices."""
        return float(guess) - float(self.truth) if self.kind == "number" else None

    def reveal(self, *_):
        """Show the answer and how each recorded guess compares."""
        self.revealed = True
        if self.kind == "number":
            truth = f"{float(self.truth):.1f}{self.unit}"
            rows = [f"{html.escape(r['student'])}: {float(r['guess']):.0f}{self.unit} "
                    f"({self.error(r['guess']):+.1f})" for r in self.records]
        else:
            truth = html.escape(str(self.truth))
            rows = [f"{html.escape(r['student'])}: {html.escape(str(r['guess']))} "
                    f"({'right' if r['guess'] == self.truth else 'not it'})" for r in self.records]
        self.feedback.value = (f"<b>Answer: <span class='truth'>{truth}</span></b>"
                               + ("<br>" + "<br>".join(rows) if rows else " (no guesses recorded)"))


def _build(g: Guess, entry) -> Guess:
    g.student = widgets.Text(placeholder="your name (optional)", description="Name")
    g.entry = entry
    g.record_button = widgets.Button(description="Record guess", button_style="info")
    g.reveal_button = widgets.Button(description="Reveal", button_style="warning")
    g.feedback = widgets.HTML("No guesses yet.")
    g.record_button.on_click(g.record)
    g.reveal_button.on_click(g.reveal)
    g.widget = widgets.VBox([widgets.HTML(f"<b>{html.escape(g.question)}</b>"), g.student, entry,
                             widgets.HBox([g.record_button, g.reveal_button]), g.feedback])
    return g


def guess_number(question: str, *, truth: float, unit: str = "%", low: float = 0, high: float = 100,
                 step: float = 1, start: float | None = None) -> Guess:
    """Build a slider guess for a number whose answer is ``truth`` (computed from the case).

    Parameters
    ----------
    question : str
        The question shown above the slider.
    truth : float
        The answer, hidden until *Reveal* is pressed; must lie in
        [``low``, ``high``].
    unit : str, default="%"
        Unit shown after numbers.
    low, high : float, default=0, 100
        The slider's range.
    step : float, default=1
        The slider's step.
    start : float, optional
        Initial slider position; the middle of the range when omitted.

    Returns
    -------
    Guess
        With a ``FloatSlider`` as ``entry``.

    Raises
    ------
    ValueError
        If ``low >= high`` or ``truth`` lies outside the range.

    Examples
    --------
    >>> g = guess_number("What share of customers lose money?", truth=35.0, unit="%")
    >>> g.entry.value, g.revealed
    (50.0, False)
    >>> g.student.value = "Ana"
    >>> g.entry.value = 30
    >>> g.record_button.click()
    >>> g.records
    [{'student': 'Ana', 'question': 'What share of customers lose money?', 'guess': 30.0}]
    >>> g.error(30)
    -5.0
    """
    if not low < high:
        raise ValueError(f"guess_number: low={low} must be below high={high}.")
    if not low <= float(truth) <= high:
        raise ValueError(f"guess_number: truth={truth} lies outside [{low}, {high}]; widen the range "
                         f"so the answer can be guessed.")
    entry = widgets.FloatSlider(value=(low + high) / 2 if start is None else start, min=low, max=high,
                                step=step, description="Guess", readout_format=".0f")
    return _build(Guess(question=question, truth=float(truth), kind="number", unit=unit), entry)


def guess_choice(question: str, *, options, truth) -> Guess:
    """Build a dropdown guess among ``options``; ``truth`` must be one of them.

    Parameters
    ----------
    question : str
        The question shown above the dropdown.
    options : sequence
        The choices offered.
    truth : object
        The right choice, hidden until *Reveal* is pressed.

    Returns
    -------
    Guess
        With a ``Dropdown`` as ``entry``, starting on the first option.

    Raises
    ------
    ValueError
        If ``truth`` is not among ``options``.

    Examples
    --------
    >>> g = guess_choice("Which customer earns the most?", options=["Acme", "Bolt", "Cora"], truth="Bolt")
    >>> g.entry.value
    'Acme'
    >>> g.entry.value = "Bolt"
    >>> g.record_button.click()
    >>> g.reveal_button.click()
    >>> g.revealed, "right" in g.feedback.value
    (True, True)
    """
    options = list(options)
    if truth not in options:
        raise ValueError(f"guess_choice: the answer {truth!r} is not among the options; include it.")
    entry = widgets.Dropdown(options=options, value=options[0], description="Guess")
    return _build(Guess(question=question, truth=truth, kind="choice"), entry)


def tally(*guesses: Guess) -> pd.DataFrame:
    """Collect recorded guesses into one frame.

    Parameters
    ----------
    *guesses : Guess
        Widgets from :func:`guess_number` or :func:`guess_choice`.

    Returns
    -------
    pandas.DataFrame
        One row per recorded guess: ``student``, ``question``, ``guess``,
        ``truth``, ``error`` (guess - truth for numbers, NaN for choices) and
        ``correct`` (choices: equal; numbers: within 5 units).

    Raises
    ------
    TypeError
        If an argument is not a :class:`Guess`.

    Examples
    --------
    >>> g = guess_number("What share of customers lose money?", truth=35.0)
    >>> g.entry.value = 40
    >>> g.record()
    >>> t = tally(g)
    >>> t.columns.tolist()
    ['student', 'question', 'guess', 'truth', 'error', 'correct']
    >>> float(t.loc[0, "error"]), bool(t.loc[0, "correct"])
    (5.0, True)
    """
    rows = []
    for g in guesses:
        if not isinstance(g, Guess):
            raise TypeError(f"tally takes Guess objects from guess_number/guess_choice; got {type(g).__name__}.")
        for r in g.records:
            err = g.error(r["guess"])
            rows.append({**r, "truth": g.truth, "error": err,
                         "correct": (abs(err) <= 5) if err is not None else r["guess"] == g.truth})
    return pd.DataFrame(rows, columns=["student", "question", "guess", "truth", "error", "correct"])


def export_tally(path, *guesses: Guess) -> Path:
    """Write :func:`tally` of the guesses to a CSV file and return its path.

    Parameters
    ----------
    path : str or pathlib.Path
        Where to write; must end in ``.csv``.
    *guesses : Guess
        Widgets from :func:`guess_number` or :func:`guess_choice`.

    Returns
    -------
    pathlib.Path
        The file written, with the columns of :func:`tally`.

    Raises
    ------
    ValueError
        If ``path`` does not end in ``.csv``.

    Examples
    --------
    >>> import tempfile
    >>> g = guess_choice("Which customer earns the most?", options=["Acme", "Bolt"], truth="Bolt")
    >>> g.record()
    >>> out = export_tally(Path(tempfile.mkdtemp()) / "guesses.csv", g)
    >>> out.suffix, pd.read_csv(out)["student"].tolist()
    ('.csv', ['student 1'])
    """
    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise ValueError(f"export_tally: {path.name!r} should end in .csv.")
    tally(*guesses).to_csv(path, index=False)
    return path
