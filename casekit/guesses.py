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

__all__ = ["Guess", "guess_number", "guess_choice", "tally", "export_tally"]


@dataclass
class Guess:
    """A guess widget and its state: ``records`` (list of dicts), ``revealed``."""

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
        self.feedback.value = f"Recorded {len(self.records)} guess(es). Last: {html.escape(str(self.entry.value))}{self.unit}"
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
    """Build a slider guess for a number whose answer is ``truth`` (computed from the case)."""
    if not low < high:
        raise ValueError(f"guess_number: low={low} must be below high={high}.")
    if not low <= float(truth) <= high:
        raise ValueError(f"guess_number: truth={truth} lies outside [{low}, {high}]; widen the range "
                         f"so the answer can be guessed.")
    entry = widgets.FloatSlider(value=(low + high) / 2 if start is None else start, min=low, max=high,
                                step=step, description="Guess", readout_format=".0f")
    return _build(Guess(question=question, truth=float(truth), kind="number", unit=unit), entry)


def guess_choice(question: str, *, options, truth) -> Guess:
    """Build a dropdown guess among ``options``; ``truth`` must be one of them."""
    options = list(options)
    if truth not in options:
        raise ValueError(f"guess_choice: the answer {truth!r} is not among the options; include it.")
    entry = widgets.Dropdown(options=options, value=options[0], description="Guess")
    return _build(Guess(question=question, truth=truth, kind="choice"), entry)


def tally(*guesses: Guess) -> pd.DataFrame:
    """Collect recorded guesses into one frame.

    Returns
    -------
    pandas.DataFrame
        ``student``, ``question``, ``guess``, ``truth``, ``error`` (guess -
        truth for numbers, NaN for choices) and ``correct`` (choices: equal;
        numbers: within 5 units).
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
    """Write :func:`tally` of the guesses to a CSV file and return its path."""
    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise ValueError(f"export_tally: {path.name!r} should end in .csv.")
    tally(*guesses).to_csv(path, index=False)
    return path
