"""The page's start-up (docs/browser.md, "Start-up"): its data rendered into the page, its own
modules bundled by esbuild (and the sources served when no bundle matches them), the runner
document's scripts inline under a CSP hash, the prebuilt demo in a worker of the page and
every built program in a sandboxed frame, and digital outputs sent to the page as levels."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil

import pytest

from conftest_server import Server
from page_helpers import LCD, STATUS, draw, page, run_and_wait, set_editor, wait_running  # noqa: F401
from digit_strokes import drawings
from simulator import STATIC_DIR
from simulator.server import page_bundle
from simulator.server.http import RUNNER_SCRIPTS


def boot_data(page_html: str) -> dict:
    m = re.search(r'<script type="application/json" id="sim-boot">(.*?)</script>', page_html, re.S)
    assert m, "no start-up data in the page"
    return json.loads(m.group(1))


def test_the_page_carries_what_the_apis_would_answer(server):
    """/ holds /api/default, the default board's /api/pins and /api/demos, so the page asks for
    none of them before it can start the demo; and it loads its modules from one bundle."""
    page_html = server.get("/").decode()
    data = boot_data(page_html)
    assert data["default"] == json.loads(server.get("/api/default"))
    assert data["default"]["state"] == "ready"
    assert data["pins"] == {"lpc1768": json.loads(server.get("/api/pins?board=lpc1768"))}
    assert data["demos"] == json.loads(server.get("/api/demos"))

    entry = re.search(r'<script type="module" src="([^"]+)"></script>', page_html).group(1)
    assert re.fullmatch(r"/static/vendor/page-[0-9a-f]{16}/main\.js", entry), entry
    preloads = re.findall(r'<link rel="modulepreload" href="([^"]+)">', page_html)
    assert entry in preloads and "/static/vendor/codemirror.js" in preloads
    assert not any(p.startswith("/static/js/") for p in preloads)
    for url in preloads:  # every file the page names is served
        assert server.get(url)
    import urllib.request

    with urllib.request.urlopen(server.url + entry) as r:  # named by its sources' hash: cached for good
        assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_start_up_data_cannot_close_its_script_element(monkeypatch):
    """Text from files (a demo's source) goes into the page through Jinja's tojson: a
    `</script>` in it stays inside the JSON."""
    from simulator.server import create_app, default_build

    evil = 'int main() { /* </script><script>alert("x")</script> */ }'
    monkeypatch.setattr(default_build, "demos", lambda: {"mnist": evil})
    page_html = create_app().test_client().get("/").get_data(as_text=True)
    assert "</script><script>alert" not in page_html
    assert boot_data(page_html)["demos"] == [{"name": "mnist", "source": evil}]


@pytest.fixture()
def static_copy(tmp_path, monkeypatch):
    """page_bundle pointed at a copy of static/ (its sources and vendor folder)."""
    if not page_bundle.esbuild_path().is_file():
        pytest.fail("node_modules/.bin/esbuild is missing: run ./setup.sh")
    root = tmp_path / "static"
    shutil.copytree(STATIC_DIR / "js", root / "js")
    shutil.copytree(STATIC_DIR / "runner", root / "runner")
    monkeypatch.setattr(page_bundle, "STATIC_DIR", root)
    monkeypatch.setattr(page_bundle, "ENTRY", root / "js" / "main.js")
    monkeypatch.setattr(page_bundle, "SOURCE_DIRS", (root / "js",))
    monkeypatch.setattr(page_bundle, "SOURCE_FILES", (root / "runner" / "protocol.js",))
    monkeypatch.setattr(page_bundle, "VENDOR_DIR", root / "vendor")
    page_bundle._cache.clear()
    yield root
    page_bundle._cache.clear()


def test_a_bundle_is_used_only_for_the_sources_it_was_made_from(static_copy):
    root = static_copy
    assert not page_bundle.page_scripts().bundled  # nothing bundled yet: the sources
    assert page_bundle.page_scripts().entry == "/static/js/main.js"

    first = page_bundle.ensure()
    assert first.bundled and first.entry.startswith("/static/vendor/page-")
    folder = root / first.entry.removeprefix("/static/").rsplit("/", 1)[0]
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["sources"] == page_bundle.source_hash()
    chunks = manifest["preload"]
    assert len(chunks) == 1 and chunks[0].startswith("editor-")  # the editor is its own chunk
    text = (folder / "main.js").read_text()
    assert "codemirror-bundle" not in text  # CodeMirror stays in its vendor bundle
    assert "SimProtocol" in text  # runner/protocol.js is in (runner.js imports it)

    # An edited module: the old bundle no longer matches, so the page gets the sources...
    board = root / "js" / "board.js"
    board.write_text(board.read_text() + "\n// edited\n")
    assert not page_bundle.page_scripts().bundled
    # ...until a new bundle is made (sim serve does this at start); the old one is removed.
    second = page_bundle.ensure()
    assert second.bundled and second.entry != first.entry
    assert not folder.exists()


def test_a_module_esbuild_cannot_bundle_is_a_clear_error_and_the_sources_are_served(static_copy):
    (static_copy / "js" / "canvas.js").write_text("export const broken = ;\n")
    with pytest.raises(RuntimeError, match="esbuild could not bundle the page's modules"):
        page_bundle.build(quiet=True)
    assert page_bundle.ensure().entry == "/static/js/main.js"
    assert not list((static_copy / "vendor").glob("page-*")) and not list((static_copy / "vendor").glob(".page-*"))


def test_the_runner_document_inlines_its_scripts_under_their_hash(server):
    """runner.html: one inline script (runner/protocol.js, worker.js, frame.js), allowed by its
    sha256 in the CSP; no other script may run, and the server's sandbox header stays."""
    import urllib.request

    with urllib.request.urlopen(server.url + "/static/runner.html") as r:
        doc = r.read().decode()
        assert r.headers["Content-Security-Policy"].startswith("sandbox allow-scripts")
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", doc, re.S)
    assert len(scripts) == 1 and scripts[0][0] == ""
    body = scripts[0][1]
    for name in RUNNER_SCRIPTS:
        assert (STATIC_DIR / name).read_text() in body, name
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy"\s+content="([^"]+)"', doc).group(1))
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}' blob: 'wasm-unsafe-eval'" in csp
    assert "default-src 'none'" in csp and "'self'" not in csp and "unsafe-inline" not in csp


def test_the_page_runs_from_its_source_modules(browser):
    """`sim serve --unbundled` serves static/js as it is (for editing it): the same page runs."""
    srv = Server(["--unbundled"])
    try:
        srv.wait_ready()
        pg = browser.new_page(viewport={"width": 1400, "height": 950})
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(srv.url + "/")
        wait_running(pg)
        loaded = pg.evaluate("performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)")
        assert "/static/js/board.js" in loaded and not any("/static/vendor/page-" in u for u in loaded)
        assert not errors, errors
        pg.close()
    finally:
        srv.stop()


TOGGLE = r'''#include "mbed.h"
DigitalOut cs(p21);
DigitalOut led(LED1);
int main() {
  for (int i = 0; i < 200000; ++i) cs = !cs;  // a busy chip-select's edges, as fast as it goes
  led = 1;
  printf("toggled %d\n", cs.read());
  while (true) ThisThread::sleep_for(100ms);
}
'''


def test_fast_pin_edges_reach_the_page_as_levels(page):
    """200,000 edges on one pin in a loop: the page gets the levels it can show (a few messages,
    the last level right), not one message per edge, so the runner's flood limit (5,000
    messages a second) does not stop a program that drives a bus this way."""
    wait_running(page)
    page.evaluate("""() => {
      const runner = window.simPage.runner;
      const onMessage = runner.onMessage;
      window.__gpio = [];
      runner.onMessage = (msg) => { if (msg.type === 'gpio') window.__gpio.push([msg.pin, msg.value]); onMessage(msg); };
    }""")
    set_editor(page, TOGGLE)
    run_and_wait(page)
    page.wait_for_function("document.querySelector('[data-testid=serial]').textContent.includes('toggled 0')",
                           timeout=20000)
    page.wait_for_function("document.querySelector('[data-testid=led1]').dataset.state === 'on'")
    page.wait_for_timeout(300)
    assert page.locator(STATUS).text_content().startswith("Running")
    gpio = page.evaluate("window.__gpio")
    assert 1 <= len(gpio) < 100, len(gpio)
    pins = {pin for pin, _ in gpio}
    assert len(pins) == 2  # p21 and LED1
    last = {pin: value for pin, value in gpio}
    assert sorted(last.values()) == [0, 1]  # p21 ends low (an even number of edges), LED1 high


BLINK = r'''#include "mbed.h"
DigitalOut led(LED1);
int main() {
  printf("built by me\n");
  while (true) { led = !led; ThisThread::sleep_for(200ms); }
}
'''

WHERE = """() => { const r = window.simPage.runner;
  const frames = [...document.querySelectorAll('#runner-host iframe')];
  return { worker: r.worker !== null, current: frames.filter((f) => f.dataset.testid === 'runner').length,
           spare: frames.filter((f) => f.dataset.testid !== 'runner' && f.getAttribute('sandbox') === 'allow-scripts').length }; }"""


def test_the_prebuilt_demo_page_worker_gets_no_code_it_could_evaluate(server):
    """The demo runs unsandboxed in the page's origin, so its JavaScript must not turn data into
    code: the glue of the server's mnist build has no eval, Function or emscripten_run_script."""
    key = json.loads(server.get("/api/default"))["result"]["key"]
    glue = server.get(f"/builds/{key}/app.js").decode()
    assert "createMbedModule" in glue
    # eval( and Function( called as globals (not WebAssembly.Function or entryFunction)
    for pattern in (r"(?<![\w.$])eval\(", r"(?<![\w.$])Function\(", r"emscripten_run_script", r"importScripts\("):
        assert not re.search(pattern, glue), pattern


def test_the_prebuilt_demo_runs_in_a_page_worker_and_built_programs_in_a_sandboxed_frame(page):
    """The server's own mnist build starts in a Worker of the page (no frame's process to wait
    for); a frame for the next program is made once the page has started; a program built from
    the editor replaces the demo's worker and runs in that sandboxed frame."""
    wait_running(page)
    page.wait_for_function("document.querySelectorAll('#runner-host iframe').length === 1")
    assert page.evaluate(WHERE) == {"worker": True, "current": 0, "spare": 1}
    draw(page, drawings()[3][1])  # the demo in the page's worker works as before
    page.click("[data-testid=button1]")
    page.wait_for_function(f"document.querySelector('{LCD}').getAttribute('aria-label') === 'Predicted: 3'",
                           timeout=20000)

    set_editor(page, BLINK)
    run_and_wait(page)
    page.wait_for_function("document.querySelector('[data-testid=serial]').textContent.includes('built by me')",
                           timeout=20000)
    assert page.evaluate(WHERE)["worker"] is False and page.evaluate(WHERE)["current"] == 1
    frame = page.locator("[data-testid=runner]")
    assert frame.get_attribute("sandbox") == "allow-scripts"
    assert frame.evaluate("f => f.contentDocument === null")  # an opaque origin
    page.click("[data-testid=stop]")
    assert page.evaluate(WHERE)["worker"] is False and page.locator("[data-testid=runner]").count() == 0


def fresh_page(browser, server, route=None):
    """A page on `server` whose requests go through `route(route, request)` first, if given."""
    pg = browser.new_page(viewport={"width": 1400, "height": 950})
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    if route:
        pg.route("**/*", route)
    pg.goto(server.url + "/")
    return pg, errors


def test_a_demo_not_built_when_the_page_loaded_runs_in_a_frame(browser, server):
    """The start-up data says the demo is still building: the page starts no worker, asks
    /api/default until it is built, then runs it like any build, in a sandboxed frame."""
    def route(route, request):
        if request.url.rstrip("/") != server.url:
            route.continue_()
            return
        html = route.fetch().text()
        data = boot_data(html)
        data["default"] = {**data["default"], "state": "building", "result": None}
        body = re.sub(r'(<script type="application/json" id="sim-boot">).*?(</script>)',
                      lambda m: m.group(1) + json.dumps(data).replace("</", "<\\/") + m.group(2), html, flags=re.S)
        route.fulfill(body=body, content_type="text/html")

    pg, errors = fresh_page(browser, server, route)
    wait_running(pg)
    assert pg.evaluate(WHERE)["worker"] is False
    assert pg.locator("[data-testid=runner]").get_attribute("sandbox") == "allow-scripts"
    assert not errors, errors
    pg.close()


def test_a_demo_whose_bytes_cannot_be_fetched_says_so(browser, server):
    """The demo's worker fetches app.wasm itself; a failed fetch is a clear error on the page."""
    def route(route, request):
        if request.url.endswith("/app.wasm"):
            route.fulfill(status=404, body="gone")
        else:
            route.continue_()

    pg, errors = fresh_page(browser, server, route)
    pg.wait_for_function(f"document.querySelector('{STATUS}').textContent.startsWith('The program stopped')")
    assert "could not load the program (404)" in pg.locator(STATUS).text_content()
    assert not errors, errors
    pg.close()


AFTER_START_UP = """() => {
  const mark = (name) => performance.getEntriesByName(name)[0].startTime;
  const ready = Math.max(mark('sim:running'), mark('sim:editor'));
  const started = (part) => performance.getEntriesByType('resource')
    .filter((e) => e.name.includes(part)).map((e) => e.startTime);
  return { ready, models: started('/api/models'), boards: started('/api/boards'),
           socket: started('/static/vendor/socket.io.js'), spare: started('/static/runner.html') };
}"""


def test_work_not_needed_to_start_waits_until_the_page_is_ready(page):
    """The network's pictures (/api/models), the server connection (the Socket.IO client), the
    boards this server builds for (/api/boards) and the spare frame (runner.html) are asked for
    only once the demo's "Running" and the editor are painted: on two cores each of them took
    time from the first paint (docs/browser.md, "Start-up")."""
    wait_running(page)
    page.wait_for_function("document.querySelectorAll('#runner-host iframe').length === 1")
    page.wait_for_selector("[data-testid=model-view]:not([hidden])")
    page.wait_for_function("performance.getEntriesByType('resource').some((e) => e.name.includes('/api/boards'))")
    t = page.evaluate(AFTER_START_UP)
    for part in ("models", "boards", "socket", "spare"):
        assert len(t[part]) == 1, (part, t)
        assert t[part][0] >= t["ready"], (part, t)
