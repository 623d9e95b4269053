"""Real-browser fixtures: Voila serves a notebook, Playwright drives Chromium.

Browser tests skip with a loud reason when no Chromium is installed, except
when CASEKIT_REQUIRE_BROWSER=1 (CI), where a missing browser fails the run.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
EXEC = ROOT / "exec"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium_path():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chromium_path():
    path = _chromium_path()
    if path is None:
        msg = "NO CHROMIUM FOUND: browser tests need Debian's chromium (apt-get install chromium)"
        if os.environ.get("CASEKIT_REQUIRE_BROWSER") == "1":
            pytest.fail(msg + " and CASEKIT_REQUIRE_BROWSER=1 requires them.")
        pytest.skip(msg)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def voila_page(browser):
    """Return a function that serves a notebook with Voila and opens it in a page.

    ``open_notebook(name)`` serves ``notebooks/NAME``; pass ``folder=EXEC``
    (or any folder) to serve a notebook from elsewhere, e.g. the executive
    views in ``exec/``.
    """
    procs = []
    pages = []

    def open_notebook(name: str, *, timeout: float = 120.0, folder: Path = NOTEBOOKS):
        port = _free_port()
        ARTIFACTS.mkdir(exist_ok=True)
        prefix = "" if folder == NOTEBOOKS else f"{Path(folder).name}-"
        # Stays open for the server's lifetime: Voila writes to it until the fixture stops it.
        log = open(ARTIFACTS / f"voila-{prefix}{Path(name).stem}.log", "w")  # noqa: SIM115
        proc = subprocess.Popen(
            [sys.executable, "-m", "voila", str(Path(folder) / name), "--no-browser", f"--port={port}",
             "--Voila.ip=127.0.0.1", "--VoilaConfiguration.show_tracebacks=True"],
            stdout=log, stderr=subprocess.STDOUT, cwd=folder,
        )
        procs.append(proc)
        deadline = time.time() + 30
        while time.time() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.3)
        else:
            raise RuntimeError(f"Voila did not start on port {port}; see {log.name}")
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        pages.append(page)
        page.set_default_timeout(timeout * 1000)
        page.goto(f"http://127.0.0.1:{port}/", timeout=timeout * 1000)
        return page

    yield open_notebook
    for page in pages:
        page.close()
    for proc in procs:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def save_screenshot():
    """Return a function saving a full-page PNG to tests/artifacts/NAME.png."""

    def save(page, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
