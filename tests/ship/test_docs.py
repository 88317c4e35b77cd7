"""`make docs`: the dbt docs page opens from disk in Chromium and shows every mart and its lineage.

Chromium is Debian's (`.ci/run` installs it), driven by Playwright through `executable_path`:
Playwright never downloads a browser here. CHROMIUM names another binary (CI uses Chrome).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from pipeline_stack import ROOT, PipelineRun
from playwright.sync_api import BrowserContext, Locator, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

MARTS_DIR = ROOT / "transform" / "models" / "marts"
MARTS = sorted(path.stem for path in MARTS_DIR.glob("*.sql"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The docs app is AngularJS; its `graph` service holds the Cytoscape graph it draws.
CYTOSCAPE = "angular.element(document.body).injector().get('graph').graph_element"
GRAPH = f"""() => {{
    const cy = {CYTOSCAPE};
    const box = {{w: cy.width(), h: cy.height()}};
    const inside = (p) => p.x >= 0 && p.y >= 0 && p.x <= box.w && p.y <= box.h;
    return {{
        nodes: cy.nodes().map((n) => ({{
            id: n.id(),
            shown: n.visible() && inside(n.renderedPosition()),
        }})),
        edges: cy.edges().map((e) => [e.source().id(), e.target().id()]),
        painted: Array.from(document.querySelectorAll('#cy canvas')).some((canvas) => {{
            const context = canvas.getContext('2d');
            const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
            return false;
        }}),
    }};
}}"""


COLUMNS = """() => Array.from(document.querySelectorAll('column-details tr.column-row'))
    .map((row) => [row.cells[0].innerText.trim(), row.cells[1].innerText.trim()])"""


def chromium() -> str:
    """The browser binary: $CHROMIUM, else Debian's chromium, else one on PATH."""
    candidates = [os.environ.get("CHROMIUM"), "/usr/bin/chromium"]
    candidates += [shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.fail("no Chromium: `apt-get install chromium` (.ci/run does it), or set CHROMIUM")


@pytest.fixture(scope="module")
def docs_page(dev_run: PipelineRun, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """orchestrate/build_docs.py on the warehouse of the dev run."""
    assert dev_run.result.returncode == 0, dev_run.result.stderr[-5000:]
    out = tmp_path_factory.mktemp("docs")
    script = ROOT / "orchestrate" / "build_docs.py"
    command = [
        sys.executable,
        str(script),
        "--warehouse",
        str(dev_run.warehouse),
        "--out",
        str(out),
    ]
    result = subprocess.run(
        command, cwd=ROOT, env=dev_run.env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out / "index.html"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=chromium(),
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 900},
        )
        yield context
        context.close()


@dataclass
class DocsTab:
    """The docs page open in a tab, with what it fetched and the script errors it raised."""

    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def tab(browser: BrowserContext, docs_page: Path) -> Iterator[DocsTab]:
    """One tab for the module: the tests move around the site as a reader does."""
    tab = DocsTab(browser.new_page())
    tab.page.on("request", lambda request: tab.requests.append(request.url))
    tab.page.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.page.goto(docs_page.as_uri())
    tab.page.wait_for_selector("text=Projects")
    yield tab
    tab.page.close()


@pytest.fixture
def page(tab: DocsTab) -> Page:
    return tab.page


def button(page: Page, label: str) -> Locator:
    """A visible button by its tooltip (which moves `title` to `data-original-title` once shown)."""
    buttons = page.locator(f"[title='{label}'], [data-original-title='{label}']")
    return buttons.filter(visible=True).first


def open_model(page: Page, name: str) -> None:
    """Go to a model's page, with the lineage panel closed."""
    close = button(page, "Close Graph")
    if close.count():
        close.click()
    page.goto(f"{page.url.split('#')[0]}#!/model/model.igdb.{name}")
    page.wait_for_selector(f"h1:has-text('{name}')")


def graph(page: Page, node: str) -> dict[str, Any]:
    """What the lineage graph drew, once it shows `node`."""
    page.wait_for_function(
        f"(node) => {CYTOSCAPE} && {CYTOSCAPE}.getElementById(node).length > 0", arg=node
    )
    # Cytoscape lays the graph out and paints it on later animation frames: on a busy machine
    # that lags the node's creation. Wait for it; the caller's assertions say what is missing.
    settled = f"() => {{ const g = ({GRAPH})(); return g.painted && g.nodes.every(n => n.shown); }}"
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(settled, timeout=20_000)
    result: dict[str, Any] = page.evaluate(GRAPH)
    return result


def tree_entry(page: Page, name: str) -> Locator:
    """The visible folders of the sidebar's trees called `name`."""
    entries = page.locator("span.filename-normal", has_text=re.compile(f"^{re.escape(name)}$"))
    return entries.filter(visible=True)


def documented_columns(mart: str) -> set[str]:
    """The columns a mart's YAML documents."""
    models = yaml.safe_load((MARTS_DIR / f"{mart}.yml").read_text())["models"]
    model = next(model for model in models if model["name"] == mart)
    return {column["name"] for column in model.get("columns", [])}


def refs(mart: str) -> set[str]:
    """The models a mart selects from, by its SQL."""
    sql = (MARTS_DIR / f"{mart}.sql").read_text()
    return set(re.findall(r"""ref\(\s*['"]([^'"]+)['"]\s*\)""", sql))


def test_docs_are_one_self_contained_file(docs_page: Path) -> None:
    html = docs_page.read_text()
    assert re.search(r"""<(script|link|img)[^>]+(src|href)=["']https?://""", html) is None
    assert all(f"model.igdb.{mart}" in html for mart in MARTS)


def test_the_project_tree_lists_every_mart(page: Page) -> None:
    assert MARTS, "no marts in transform/models/marts"
    page.reload()  # the trees as a new reader sees them: folded
    page.wait_for_selector("text=Projects")
    # Projects > igdb > models > marts (Sources, above, has an `igdb` folder too).
    for folder in ("igdb", "models", "marts"):
        tree_entry(page, folder).last.click()
    for mart in MARTS:
        entry = page.locator(f"a.menu-node[data-nav-unique-id='model.igdb.{mart}']")
        assert entry.filter(visible=True).count() == 1, mart


@pytest.mark.parametrize("mart", MARTS)
def test_a_mart_page_shows_its_columns_and_lineage(page: Page, mart: str) -> None:
    open_model(page, mart)
    page.locator("column-details tr.column-row").first.wait_for()
    shown = dict(page.evaluate(COLUMNS))
    # Every documented column, with its type: types come from the warehouse's catalog.
    assert documented_columns(mart) <= set(shown)
    assert all(shown.values()), shown

    button(page, "View Lineage Graph").click()
    drawn = graph(page, f"model.igdb.{mart}")
    ids = {node["id"] for node in drawn["nodes"]}
    assert f"model.igdb.{mart}" in ids
    parents = {f"model.igdb.{name}" for name in refs(mart)} - {f"model.igdb.{mart}"}
    assert parents <= ids
    assert {(parent, f"model.igdb.{mart}") for parent in parents} <= set(map(tuple, drawn["edges"]))
    assert all(node["shown"] for node in drawn["nodes"]), drawn["nodes"]
    assert drawn["painted"]


def test_the_fullscreen_dag_runs_from_the_lake_to_dim_games(page: Page) -> None:
    open_model(page, "dim_games")
    button(page, "View Lineage Graph").click()
    graph(page, "model.igdb.dim_games")
    button(page, "View Fullscreen").click()
    page.wait_for_function("() => location.hash.includes('g_v=1')")
    inputs = page.evaluate("() => Array.from(document.querySelectorAll('input')).map(i => i.value)")
    assert "+dim_games+" in inputs  # the DAG's --select
    drawn = graph(page, "model.igdb.stg_igdb__games")
    ids = {node["id"] for node in drawn["nodes"]}
    assert "model.igdb.dim_games" in ids
    assert "model.igdb.stg_igdb__games" in ids
    assert any(node.startswith("source.igdb.") for node in ids), ids
    assert all(node["shown"] for node in drawn["nodes"])
    assert drawn["painted"]


def test_the_page_fetched_nothing_and_raised_no_script_error(tab: DocsTab) -> None:
    """Runs last: one file that opens from disk, offline, without a script error."""
    assert [url for url in tab.requests if not url.startswith(("file:", "data:", "blob:"))] == []
    assert tab.errors == []
