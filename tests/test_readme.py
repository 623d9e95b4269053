"""The README quotes figures that casekit computes or defines; these tests fail when they drift apart."""

from pathlib import Path

README = " ".join((Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8").split())


def test_readme_quotes_the_read_this_first_thresholds():
    from casekit.client.read_first import COST_TO_SERVE_LIMIT, LOSERS_LIMIT

    assert f"more than {LOSERS_LIMIT:.0f} % of accounts losing" in README
    assert f"cost to serve above {COST_TO_SERVE_LIMIT:.0f} % of revenue" in README
