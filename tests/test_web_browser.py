"""The dashboard in a real headless Chromium (Debian's, never a downloaded one) against a live server.

The database is the bundled sample corpus, ingested as `eventwire demo` does; only when the corpus is
absent (a checkout without eventwire/data/sample) does it fall back to synthetic events. Screenshots
of each step go to test-artifacts/.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
import uvicorn

from eventwire.api import create_app
from eventwire.demo import sample_sources
from eventwire.store import Store
from eventwire.store.synthetic import fill_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Debian's package puts it here; EVENTWIRE_CHROMIUM names another build of the system's own.
CHROMIUM = os.environ.get("EVENTWIRE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def _fill(store: Store) -> str:
    sources = sample_sources()
    if not sources:
        fill_store(store, 400, seed=3)
        return "synthetic events (no sample corpus in this checkout)"
    from eventwire.pipeline import Pipeline
    from eventwire.runner import ReadOptions, run_ingest

    stats = run_ingest(sources, store, Pipeline(), ReadOptions(), command_name="test")
    assert stats.stored > 0, stats.summary()
    return f"the sample corpus ({stats.summary()})"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = Store.from_url(str(tmp_path_factory.mktemp("web") / "dashboard.db"))
    print(f"dashboard database: {_fill(store)}")
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the dashboard server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = CHROMIUM if Path(CHROMIUM).is_file() else None
    if executable is None and "EVENTWIRE_CHROMIUM" not in os.environ:
        executable = shutil.which("chromium")
    if executable is None:
        message = f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def _chosen_type(base: str) -> tuple[str, int]:
    """A type with events that is not every event: filtering by it must change every panel."""
    buckets = httpx.get(f"{base}/api/stats/timeline", params={"interval": "month"}).json()["buckets"]
    by_type = Counter()
    for bucket in buckets:
        by_type[bucket["type"]] += bucket["n"]
    assert len(by_type) > 1, "the database needs events of at least two types"
    chosen = by_type.most_common(1)[0][0]
    # The table counts undated events too, which the timeline cannot place.
    return chosen, httpx.get(f"{base}/api/events", params={"type": chosen, "limit": 1}).json()["total"]


def _markers(page) -> list[str]:
    return page.eval_on_selector_all("path.event-marker", "nodes => nodes.map(n => n.getAttribute('fill'))")


def _timeline_types(page) -> set[str]:
    return set(page.eval_on_selector_all("#timeline g[data-type]", "nodes => nodes.map(n => n.dataset.type)"))


def _table_types(page) -> list[str]:
    return page.eval_on_selector_all("#events tbody tr.event-row .chip", "nodes => nodes.map(n => n.textContent)")


def test_map_filter_and_evidence(browser, server: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    chosen, n_chosen = _chosen_type(server)
    outside: list[str] = []
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.on("request", lambda r: None if r.url.startswith(server) else outside.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(server + "/")
    page.wait_for_selector("path.event-marker")
    page.wait_for_selector("#events tbody tr.event-row")
    page.wait_for_selector("#timeline svg rect")
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 50")  # outlines
    before = {"markers": _markers(page), "timeline": _timeline_types(page), "table": _table_types(page)}
    assert before["markers"], "the map shows no markers"
    assert len(before["timeline"]) > 1
    page.screenshot(path=ARTIFACTS / "01-dashboard.png")

    page.click(f".type-chip[data-type={chosen}]")
    page.wait_for_function(
        """type => {
            const chips = [...document.querySelectorAll('#events tbody tr.event-row .chip')];
            const groups = [...document.querySelectorAll('#timeline g[data-type]')];
            return chips.length > 0 && chips.every(c => c.textContent === type)
                && groups.length === 1 && groups[0].dataset.type === type;
        }""",
        arg=chosen,
    )
    page.wait_for_function(
        "before => { const f = [...document.querySelectorAll('path.event-marker')].map(n => n.getAttribute('fill'));"
        " return f.length > 0 && new Set(f).size === 1 && f.join() !== before.join(); }",
        arg=before["markers"],
    )
    assert set(_table_types(page)) == {chosen}
    assert _timeline_types(page) == {chosen}
    assert f"{n_chosen:,} events" in page.inner_text("#table-status")
    assert parse_qs(urlparse(page.url).query)["type"] == [chosen]  # the view is in the URL
    page.screenshot(path=ARTIFACTS / "02-type-filter.png")

    page.click("#events tbody tr.event-row")
    page.wait_for_selector("#evidence:not([hidden]) .sentence mark.hl")
    marks = page.eval_on_selector_all(".sentence mark.hl", "nodes => nodes.map(n => n.className)")
    assert any("hl-trigger" in m for m in marks), marks
    assert page.eval_on_selector_all(".legend .hl", "nodes => nodes.length") >= 7
    assert page.get_attribute(".source-head a", "href")
    assert "event=" in page.url
    page.screenshot(path=ARTIFACTS / "03-evidence.png")

    # A shared link opens the same view: filter and evidence included.
    shared = page.url
    again = browser.new_page(viewport={"width": 1400, "height": 900})
    again.goto(shared)
    again.wait_for_selector("#evidence:not([hidden]) .sentence mark.hl")
    assert again.get_attribute(f".type-chip[data-type={chosen}]", "aria-pressed") == "true"
    again.close()
    page.close()
    assert not outside, f"the dashboard fetched from outside: {outside[:5]}"
    assert not errors, errors
