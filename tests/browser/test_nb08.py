import re

import pytest

pytestmark = pytest.mark.browser


def _dollars(text: str) -> int:
    sign = -1 if "-" in text else 1
    return sign * int(re.sub(r"[^0-9]", "", text))


def test_profit_weight_changes_the_scoreboard(voila_page, save_screenshot):
    from playwright.sync_api import expect

    page = voila_page("08_driving_the_boat.ipynb")
    profit = page.locator(".ck-plan-profit").first
    expect(profit).to_be_visible(timeout=120_000)
    revenue = page.locator(".ck-plan-revenue").first
    before, revenue_before = profit.inner_text(), revenue.inner_text()
    # give net profit after cost to serve a weight (it starts at 0 in today's plan)
    slider = page.locator(".widget-hslider", has_text="Net profit after cost to serve")
    handle = slider.locator(".noUi-handle").first
    handle.focus()
    for _ in range(5):
        handle.press("ArrowRight")
    expect(slider.locator(".widget-readout")).to_have_text("5", timeout=30_000)
    expect(profit).not_to_have_text(before, timeout=30_000)
    expect(revenue).not_to_have_text(revenue_before, timeout=30_000)
    assert _dollars(profit.inner_text()) > _dollars(before)
    # One name per baseline: the scoreboard's columns say "no pushes" and "today's plan", nothing else.
    board = profit.locator("xpath=ancestor::table[1]")
    expect(board).to_contain_text("no pushes")
    expect(board).to_contain_text("today's plan")
    text = page.locator("body").inner_text().lower()
    assert "status quo" not in text and "business as usual" not in text
    slider.scroll_into_view_if_needed()
    save_screenshot(page, "nb08_incentive_designer")
