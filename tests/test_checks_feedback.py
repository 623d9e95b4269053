"""Wrong-answer feedback names the slip and hints; it never hands over the expected value."""

import pytest

from casekit.teaching.checks import _fmt, compare_number


@pytest.mark.parametrize(("answer", "slip"), [
    (65.0, "complement"),           # 100 - 35
    (3500.0, "factor of 100"),
    (-35.0, "sign is flipped"),
    (90.0, "far off in size"),
    (30.0, "right size"),
])
def test_wrong_answer_names_the_slip_without_the_value(answer, slip):
    fb = compare_number(answer, 35.0, what="Share losing money", unit="%", percent=True, hint="count the rows.")
    assert not fb.correct and fb.expected == 35.0
    assert slip in fb.message and "Hint: count the rows." in fb.message
    assert "35" not in fb.message.replace(_fmt(answer, "%"), "")  # only the student's own number
    assert "off by " not in fb.message.replace("off by a factor", "")


def test_dollar_gap_is_not_shown():
    fb = compare_number(91_000, 91_678, what="Delivery cost", unit="$", tol=0.001)
    assert not fb.correct and "$91,678" not in fb.message and "$678" not in fb.message
    assert compare_number(91_500, 91_678, what="Delivery cost", unit="$", tol=0.01).correct
