import re

import pytest

pytestmark = pytest.mark.browser


def _dollars(text: str) -> int:
    sign = -1 if "-" in text else 1
    return sign * int(re.sub(r"[^0-9]", "", text))


def test_later_operations_costs_profit(voila_page, save_screenshot):
    from playwright.sync_api import expect

    page = voila_page("07_natural_alliance.ipynb")
    profit = page.locator(".ck-ops-your_profit").first
    expect(profit).to_be_visible(timeout=120_000)
    customer = page.locator(".ck-ops-customer_profit").first
    before, customer_before = profit.inner_text(), customer.inner_text()
    # the ops-timing slider is the only slider with this label; move operations from quarter 1 to quarter 6.
    # One quarter's delay can leave the customer a few hundred dollars better off (the promises' volume
    # arrives before the savings would have); a half-year or more costs both sides.
    slider = page.locator(".widget-hslider", has_text="Operations joins in quarter")
    handle = slider.locator(".noUi-handle").first
    handle.focus()
    for _ in range(5):
        handle.press("ArrowRight")
    # the table's header names the quarter of the path it shows: wait for the last press to be drawn
    expect(page.get_by_text("operations joins in quarter 6").first).to_be_visible(timeout=30_000)
    expect(profit).not_to_have_text(before, timeout=30_000)
    expect(customer).not_to_have_text(customer_before, timeout=30_000)
    assert _dollars(profit.inner_text()) < _dollars(before)
    assert _dollars(customer.inner_text()) < _dollars(customer_before)
    page.locator(".ck-ops-your_profit").first.scroll_into_view_if_needed()
    save_screenshot(page, "nb07_ops_timing")
