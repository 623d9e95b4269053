import re

import pytest

pytestmark = pytest.mark.browser


def test_lever_slider_moves_the_account(voila_page, save_screenshot):
    from playwright.sync_api import expect

    page = voila_page("04_revenue_that_fits.ipynb")
    cell = page.locator(".ck-after-deliveries").first
    expect(cell).to_be_visible(timeout=120_000)
    before = cell.inner_text()
    profit = page.locator(".ck-after-net_profit").first
    profit_before = profit.inner_text()
    # the third slider is "Max drops/week"; one step right caps drops at 0.25 a week
    handle = page.locator(".widget-hslider .noUi-handle").nth(2)
    handle.focus()
    handle.press("ArrowRight")
    expect(cell).not_to_have_text(before, timeout=30_000)
    expect(profit).not_to_have_text(profit_before, timeout=30_000)
    assert int(re.sub(r"[^0-9]", "", cell.inner_text())) < int(re.sub(r"[^0-9]", "", before))
    save_screenshot(page, "nb04_levers")
