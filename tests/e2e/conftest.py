"""One real `streamlit run` on the sample data for the whole session, and Debian's Chromium to drive it.

pytest-playwright gives the `page` fixture; this file points it at /usr/bin/chromium with the flags a
closed network needs, builds the sample database, starts the server and saves screenshots.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

from .browsing import COUNT_RUNS, NewPage, Shoot, full_height_screenshot

ROOT = Path(__file__).resolve().parents[2]
APP = "dashboard/app.py"
CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium's own connections are refused by the closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
SERVER_START_S = 90.0
SAVED = pytest.StashKey[list[Path]]()
SERVER_LOG = pytest.StashKey[Path]()


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Return Debian's Chromium; skip without it, except in CI (CI=true), where its absence fails."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but Chromium is missing at {CHROMIUM}: install it (apt-get install chromium)")
    pytest.skip(
        f"Chromium is not installed at {CHROMIUM}; the browser tests need it (apt-get install chromium)"
    )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any], chromium: Path) -> dict[str, Any]:
    """Launch Debian's Chromium (Playwright cannot download its own browsers here)."""
    return {**browser_type_launch_args, "executable_path": str(chromium), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """Open pages as our users' browsers do: in Russian, on Moscow time."""
    return {**browser_context_args, "locale": "ru-RU", "timezone_id": "Europe/Moscow"}


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a fresh SQLite store of the bundled sample data, built by the `roadmaps` command."""
    db = tmp_path_factory.mktemp("karta") / "karta.sqlite"
    roadmaps = Path(sys.executable).with_name("roadmaps")
    done = subprocess.run(
        [str(roadmaps), "import", "--sample", "--db", str(db), "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0 or not db.exists():
        pytest.fail(f"`roadmaps import --sample` failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return db


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tail(path: Path, lines: int = 60) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode} before it was healthy:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"streamlit was not healthy after {SERVER_START_S:.0f} s:\n{_tail(log)}")


@pytest.fixture(scope="session")
def karta_server(
    chromium: Path, sample_db: Path, tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> Iterator[str]:
    """Run the dashboard on the sample data for the whole session and return its base URL."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    pytestconfig.stash[SERVER_LOG] = log
    command = [
        str(Path(sys.executable).with_name("streamlit")),
        "run",
        APP,
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        # Colleagues edit the tree while the suite runs; no watcher, no "source changed" reruns.
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]
    env = {**os.environ, "KARTA_DB": str(sample_db), "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.fixture(scope="session")
def base_url(karta_server: str) -> str:
    """Let `page.goto("/sroki?…")` resolve against the running dashboard."""
    return karta_server


@pytest.fixture
def page(page: Page) -> Page:
    """Return pytest-playwright's page, counting the Streamlit runs of every document it loads."""
    page.add_init_script(COUNT_RUNS)
    page.set_default_timeout(30_000)
    return page


@pytest.fixture
def another_browser(new_context: Callable[..., BrowserContext]) -> NewPage:
    """Return a function that opens a page in a fresh browser context: a colleague who got the link."""

    def open_page() -> Page:
        page = new_context().new_page()
        page.add_init_script(COUNT_RUNS)
        page.set_default_timeout(30_000)
        return page

    return open_page


@pytest.fixture
def screenshot(page: Page, pytestconfig: pytest.Config) -> Shoot:
    """Return a function saving the whole page (or another) as test-artifacts/screenshots/<name>.png."""

    def save(name: str, of: Page | None = None) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        full_height_screenshot(of or page, str(path))
        pytestconfig.stash.setdefault(SAVED, []).append(path)
        return path

    return save


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Attach the end of the server's log to a failed browser test."""
    report = yield
    log = item.config.stash.get(SERVER_LOG, None)
    if report.failed and log is not None and item.get_closest_marker("e2e") is not None:
        report.sections.append(("streamlit server log (last lines)", _tail(log)))
    return report


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Print where the screenshots of this run are."""
    saved = config.stash.get(SAVED, [])
    if not saved:
        return
    terminalreporter.section("e2e screenshots")
    for path in dict.fromkeys(saved):
        terminalreporter.write_line(str(path.relative_to(ROOT)))
