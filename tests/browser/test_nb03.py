import pytest

pytestmark = pytest.mark.browser


def test_noise_slider_changes_stability(voila_page, save_screenshot):
    from playwright.sync_api import expect

    page = voila_page("03_cost_to_serve.ipynb")
    rho = page.locator(".ck-spearman").first
    expect(rho).to_be_visible(timeout=120_000)
    before = rho.inner_text()
    heading = page.get_by_text("With every rate up to ±30% off").first
    expect(heading).to_be_visible()
    handle = page.locator(".widget-hslider .noUi-handle").first
    handle.focus()
    handle.press("ArrowRight")  # 30 % -> 35 %
    expect(page.get_by_text("With every rate up to ±35% off").first).to_be_visible(timeout=30_000)
    expect(rho).not_to_have_text(before, timeout=30_000)
    rho.scroll_into_view_if_needed()
    save_screenshot(page, "nb03_sensitivity")
