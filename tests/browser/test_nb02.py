"""Notebook 02 in a real browser: the segment slider and the explorer's filter change numbers."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_segments_slider_and_explorer_filter(voila_page, save_screenshot):
    page = voila_page("02_islands_of_profit.ipynb", timeout=180)
    deserts = page.locator("td.n-desert").first
    expect(deserts).to_be_visible(timeout=180_000)
    old = deserts.inner_text()
    chart = page.locator(".widget-vbox", has=page.locator("td.n-desert")).last.locator("img").first
    old_src = chart.get_attribute("src")
    handle = page.locator(".widget-hslider .noUi-handle").nth(1)  # 0 is the guess slider
    handle.focus()
    for _ in range(3):
        handle.press("ArrowRight")
    expect(deserts).not_to_have_text(old, timeout=30_000)
    assert int(deserts.inner_text()) > int(old)
    # The chart is redrawn after the table: wait for it before the screenshot.
    expect(chart).not_to_have_attribute("src", old_src, timeout=30_000)

    selected = page.locator("b.n-selected").first
    old_n = selected.inner_text()
    page.locator(".widget-dropdown select").filter(has_text="Profit Drain").first.select_option("Profit Drain")
    expect(selected).not_to_have_text(old_n, timeout=30_000)
    assert int(selected.inner_text()) < int(old_n)
    expect(page.locator(".acct-profit").first).to_contain_text("-$")
    save_screenshot(page, "nb02_islands")
