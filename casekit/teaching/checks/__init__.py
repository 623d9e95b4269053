"""Exercise checkers: compare a student's answer with the one computed from the case.

Every checker returns a :class:`Feedback` that says whether the answer is
right and, when it is not, what is off and a hint.  Correct answers are
computed from the case each time, never typed in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real

__all__ = ["Feedback", "as_percent", "close", "compare_number", "REL_TOL"]

REL_TOL = 0.01
"""Default relative tolerance of every check: an answer within 1 % of the case's value is right."""


@dataclass
class Feedback:
    """Hold the result of a check: ``correct``, the ``message`` and the ``expected`` value.

    Every checker in :mod:`casekit.teaching.checks` returns one.  Its truth value is
    ``correct``, so ``assert check_...(answer, ...)`` works, and its repr
    starts with "✔ Right." or "✘ Not yet." so a notebook cell shows it.

    Parameters
    ----------
    correct : bool
        Whether the answer is right.
    message : str
        What is right or what is off, with a hint when the answer is wrong.
    expected : object, optional
        The answer computed from the case (None when there is none).

    Examples
    --------
    >>> fb = Feedback(True, "Share of customers losing money: 35.0% is right.", 35.0)
    >>> bool(fb), fb.expected
    (True, 35.0)
    >>> fb
    ✔ Right. Share of customers losing money: 35.0% is right.
    >>> bool(Feedback(False, "too high"))
    False
    """

    correct: bool
    message: str
    expected: object = None

    def __repr__(self) -> str:
        # Dingbats rather than emoji: they render with the fonts every
        # classroom machine has (emoji fonts are often missing on Linux).
        return ("✔ Right. " if self.correct else "✘ Not yet. ") + self.message

    def __bool__(self) -> bool:
        return self.correct


def as_percent(answer, expected_pct: float):
    """Read an answer on a 0-100 scale; a fraction such as 0.35 is read as 35 %.

    Parameters
    ----------
    answer : number
        The student's answer, in percent or as a fraction.
    expected_pct : float
        The expected answer in percent.  A fraction in (0, 1] is converted
        only when ``abs(expected_pct) > 1``, so a true answer below 1 % is not
        mistaken for a fraction.

    Returns
    -------
    (float, bool)
        The answer in percent and whether it was converted from a fraction.

    Examples
    --------
    >>> as_percent(0.5, 50.0)
    (50.0, True)
    >>> as_percent(50, 50.0)
    (50.0, False)
    >>> as_percent(0.5, 0.8)
    (0.5, False)
    """
    value = float(answer)
    if 0 < abs(value) <= 1 and abs(expected_pct) > 1:
        return value * 100.0, True
    return value, False


def close(answer, target, *, rel_tol: float = REL_TOL, abs_tol: float = 0.0) -> bool:
    """The one tolerance rule of the checks: is a numeric answer close to a target?

    True when ``answer`` is a real number (not a bool, a string or NaN) and
    within ``rel_tol`` of ``target`` (relative) or ``abs_tol`` of it
    (absolute, in the answer's unit).  :func:`compare_number` judges answers
    with it, and every checker uses it to recognise a common slip.

    Examples
    --------
    >>> close(101, 100), close(102, 100), close(102, 100, abs_tol=5)
    (True, False, True)
    >>> close(True, 1.0), close("100", 100), close(float("nan"), 1.0)
    (False, False, False)
    """
    if isinstance(answer, bool) or not isinstance(answer, Real) or target is None:
        return False
    a, b = float(answer), float(target)
    return math.isfinite(a) and math.isfinite(b) and math.isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)


def _fmt(value: float, unit: str) -> str:
    """Format a number the way a class reads it: $91,678, 35.2%, 1.23 units."""
    if unit.strip() == "$":
        sign = "-" if value < 0 else ""
        return f"{sign}${abs(value):,.0f}" if abs(value) >= 100 else f"{sign}${abs(value):,.2f}"
    if unit.strip() == "%":
        return f"{value:,.1f}%"
    text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.3g}"
    return f"{text} {unit.strip()}".rstrip()


def _number(answer, what: str):
    if isinstance(answer, bool) or not isinstance(answer, Real) or not math.isfinite(float(answer)):
        return None, Feedback(False, f"{what}: expected a number, got {answer!r}. Assign a number "
                                     f"(int or float) to the answer variable, not a string or a frame.")
    return float(answer), None


def compare_number(answer, expected: float, *, what: str, unit: str = "", tol: float = REL_TOL,
                   abs_tol: float = 0.0, percent: bool = False, hint: str = "") -> Feedback:
    """Compare a numeric answer with the expected one and say how far off it is.

    Parameters
    ----------
    answer : number
        The student's answer.
    expected : float
        The answer computed from the case.
    what : str
        What the number is, for the message.
    unit : str, default=""
        Unit shown after numbers ("%", "$", "customers").
    tol : float, default=0.01
        Relative tolerance.
    abs_tol : float, default=0.0
        Absolute tolerance (in the answer's unit, percent points if percent).
    percent : bool, default=False
        Accept a fraction (0.35) for a percentage (35).
    hint : str, default=""
        Shown when the answer is wrong.

    Returns
    -------
    Feedback
        Correct when ``answer`` is within the tolerances of ``expected``.
        Otherwise the message says whether it is too high or too low, by how
        much, and names common slips (the complement of a share, a factor of
        100, a flipped sign).  ``expected`` is ``expected``.

    Examples
    --------
    >>> bool(compare_number(0.35, 35.0, what="Share losing money", unit="%", percent=True))
    True
    >>> compare_number(65, 35.0, what="Share losing money", unit="%", percent=True,
    ...                hint="count customers with net_profit < 0.")  # doctest: +ELLIPSIS
    ✘ Not yet. Share losing money: 65.0% is too high (off by 30.0%). You may have computed the complement ...
    >>> "number" in compare_number("35", 35.0, what="Share losing money").message
    True
    """
    value, bad = _number(answer, what)
    if bad is not None:
        return bad
    note = ""
    if percent:
        value, converted = as_percent(value, expected)
        if converted:
            note = f" (read {answer} as {value:g}%)"
    if close(value, expected, rel_tol=tol, abs_tol=abs_tol):
        return Feedback(True, f"{what}: {_fmt(value, unit)} is right{note}.", expected)
    direction = "too high" if value > expected else "too low"
    ratio = value / expected if expected else math.nan
    extra = ""
    if percent and close(value, 100 - expected, rel_tol=tol, abs_tol=abs_tol):
        extra = " You may have computed the complement (the share that does NOT)."
    elif math.isfinite(ratio) and abs(ratio) > 0 and (abs(ratio - 100) < 1 or abs(ratio - 0.01) < 1e-4):
        extra = " The answer is off by a factor of 100: check percent vs fraction."
    elif math.isfinite(ratio) and expected and close(value, -expected, rel_tol=tol):
        extra = " The sign is flipped."
    return Feedback(False, f"{what}: {_fmt(value, unit)}{note} is {direction} (off by "
                           f"{_fmt(abs(value - expected), unit)}).{extra} Hint: {hint}".rstrip(), expected)
