"""Exercises whose answer is a decision plus a written reason.

A :class:`Decision` holds the question a notebook asks ("fix or drop this
account?"), the options, the option the case supports (computed by a
function of :mod:`casekit.teaching.decisions`, never typed in) and, for every
other option, the misconception that leads to it and a hint.
:func:`check_decision` marks the decision part; the written reason is marked
by hand against the mark scheme in the notebook, between nbgrader's
``=== BEGIN MARK SCHEME ===`` / ``=== END MARK SCHEME ===`` markers, which
the student copy strips (:mod:`casekit.teaching.student`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casekit.teaching.checks import Feedback

__all__ = ["Decision", "check_decision"]


@dataclass(frozen=True)
class Decision:
    """A decision question, its options and what each wrong option gets wrong.

    Parameters
    ----------
    question : str
        The question, as the notebook asks it.
    options : tuple of str
        The choices a student may make (compared case-insensitively).
    answer : str
        The option the case supports; one of ``options``.
    misconceptions : dict of str to (str, str)
        Each other option -> (the misconception behind choosing it, a hint
        that points at the evidence without naming the answer).
    evidence : str, default=""
        What in the notebook decides it, for the instructor (not shown by
        the checker).

    Examples
    --------
    >>> d = Decision("Fix or drop?", ("fix", "drop"), "fix",
    ...              {"drop": ("Allocated cost is not avoidable cost.", "Which costs leave with the account?")})
    >>> d
    Fix or drop? Choose one of: 'fix', 'drop'.
    >>> Decision("?", ("a", "b"), "c", {})
    Traceback (most recent call last):
    ...
    ValueError: Decision: answer 'c' is not one of the options ('a', 'b').
    """

    question: str
    options: tuple
    answer: str = field(repr=False)
    misconceptions: dict = field(repr=False)
    evidence: str = field(default="", repr=False)

    def __post_init__(self):
        if self.answer not in self.options:
            raise ValueError(f"Decision: answer {self.answer!r} is not one of the options {tuple(self.options)}.")
        missing = set(self.options) - {self.answer} - set(self.misconceptions)
        if missing:
            raise ValueError(f"Decision: no misconception and hint for {sorted(missing)}.")

    def __repr__(self) -> str:
        # The answer stays out of the repr: a notebook cell that shows the decision must not give it away.
        return f"{self.question} Choose one of: {', '.join(repr(o) for o in self.options)}."


def check_decision(choice, decision: Decision) -> Feedback:
    """Mark the decision part of a judgement exercise: name the misconception and hint, never the answer.

    Parameters
    ----------
    choice : str
        The student's decision, one of ``decision.options`` (case and
        surrounding spaces ignored).
    decision : Decision
        The question, from a function of :mod:`casekit.teaching.decisions`.

    Returns
    -------
    Feedback
        Correct when ``choice`` is the option the case supports; the message
        then asks for the written reason.  Otherwise it names the
        misconception behind ``choice`` and gives a hint, without naming the
        right option.

    Examples
    --------
    >>> d = Decision("Fix or drop?", ("fix", "drop"), "fix",
    ...              {"drop": ("Allocated cost is not avoidable cost.", "Which costs leave with the account?")})
    >>> check_decision("Fix ", d)
    ✔ Right. 'fix' is the decision the case supports. Now write your reason: cite the exhibit's figures.
    >>> check_decision("drop", d)
    ✘ Not yet. 'drop': Allocated cost is not avoidable cost. Hint: Which costs leave with the account?
    >>> bool(check_decision("keep", d)), "one of" in check_decision("keep", d).message
    (False, True)
    """
    if not isinstance(decision, Decision):
        raise TypeError(f"check_decision: decision must be a Decision (from casekit.teaching.decisions); "
                        f"got {type(decision).__name__}.")
    options = {str(o).lower(): o for o in decision.options}
    if not isinstance(choice, str) or choice.strip().lower() not in options:
        return Feedback(False, f"Decision: expected one of {', '.join(repr(o) for o in decision.options)} as a "
                               f"string; got {choice!r}.")
    picked = options[choice.strip().lower()]
    if picked == decision.answer:
        return Feedback(True, f"{picked!r} is the decision the case supports. Now write your reason: cite the "
                              f"exhibit's figures.", decision.answer)
    misconception, hint = decision.misconceptions[picked]
    # expected=None: a wrong answer must not carry the right one (a student could read .expected).
    return Feedback(False, f"{picked!r}: {misconception} Hint: {hint}")
