"""The page's own ES modules, bundled by esbuild so the page loads them in one request.

``static/js/`` stays the source: native ES modules, one per job, that a browser can load as
they are. Loading them as they are costs about 25 requests on the six connections a browser
opens to one server, and those requests were most of the page's start-up (docs/browser.md,
"Start-up"). So ``setup.sh`` (and ``sim serve``, when the sources changed since) bundles them
with esbuild into ``static/vendor/page-<hash>/``:

* ``main.js``: every module the page needs at start-up, in one file;
* one chunk for the editor (``static/js/editor.js``), which the page imports later;
* ``manifest.json``: which output is the entry and which files to preload.

``<hash>`` is the hash of the sources, so a bundle is never older than the code it was made
from: when the sources change and no new bundle can be made (no esbuild), the page gets the
source modules instead, and works the same, only slower to start. CodeMirror and the Socket.IO
client stay in their own vendor bundles (``static/lib/*.entry.js``), named in the page's import
map.

Run ``python -m simulator.server.page_bundle`` to (re)build it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from simulator import REPO_ROOT, STATIC_DIR

log = logging.getLogger("sim.server")

ENTRY = STATIC_DIR / "js" / "main.js"
#: What the bundle is made from: the page's modules and the runner protocol they import.
SOURCE_DIRS = (STATIC_DIR / "js",)
SOURCE_FILES = (STATIC_DIR / "runner" / "protocol.js",)
VENDOR_DIR = STATIC_DIR / "vendor"
#: Modules that stay outside the bundle (vendor bundles, resolved by the page's import map).
EXTERNAL = ("codemirror-bundle", "socket.io-client")
#: Preloaded by the page in either form: the editor's library, evaluated once the first program runs.
VENDOR_PRELOAD = ("/static/vendor/codemirror.js",)


def esbuild_path() -> Path:
    return REPO_ROOT / "node_modules" / ".bin" / "esbuild"


def source_files() -> list[Path]:
    files = [p for d in SOURCE_DIRS for p in d.rglob("*.js")]
    return sorted(files + [p for p in SOURCE_FILES if p.is_file()])


def source_hash() -> str:
    h = hashlib.sha256()
    for path in source_files():
        h.update(path.relative_to(STATIC_DIR).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def bundle_dir(digest: str) -> Path:
    return VENDOR_DIR / f"page-{digest}"


@dataclass(frozen=True)
class PageScripts:
    """What index.html loads: the entry module, and what it preloads (URLs)."""

    entry: str
    preload: list[str] = field(default_factory=list)
    bundled: bool = False


def _url(path: Path) -> str:
    return "/static/" + path.relative_to(STATIC_DIR).as_posix()


def unbundled() -> PageScripts:
    modules = [_url(p) for p in source_files() if p != ENTRY]
    return PageScripts(entry=_url(ENTRY), preload=[*VENDOR_PRELOAD, _url(ENTRY), *modules])


def read_bundle(digest: str) -> PageScripts | None:
    folder = bundle_dir(digest)
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
        entry = folder / manifest["entry"]
        chunks = [folder / name for name in manifest["preload"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not entry.is_file() or not all(c.is_file() for c in chunks):
        return None
    return PageScripts(entry=_url(entry), preload=[*VENDOR_PRELOAD, _url(entry), *map(_url, chunks)], bundled=True)


_cache: dict[tuple, str] = {}  # the sources' sizes and times -> their hash


def page_scripts() -> PageScripts:
    """The bundle made from the current sources, or the source modules if there is none.

    Checked on each page load (the sources' sizes and times, then a few small files), so an
    edited module is never hidden behind an older bundle, and a bundle made meanwhile (by
    ``setup.sh`` or ``sim serve``) is used at once."""
    stamp = tuple((str(p), st.st_mtime_ns, st.st_size) for p in source_files() for st in [p.stat()])
    if stamp not in _cache:
        _cache.clear()
        _cache[stamp] = source_hash()
    return read_bundle(_cache[stamp]) or unbundled()


def build(quiet: bool = False) -> Path:
    """Bundle the current sources into ``static/vendor/page-<hash>/`` (kept if it exists)."""
    esbuild = esbuild_path()
    if not esbuild.is_file():
        raise FileNotFoundError(f"{esbuild} is missing: run ./setup.sh (it installs the page's npm packages)")
    digest = source_hash()
    folder = bundle_dir(digest)
    if read_bundle(digest):
        return folder
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".page-", dir=VENDOR_DIR))
    tmp.chmod(0o755)  # served as static files, like the rest of static/
    try:
        cmd = [str(esbuild), str(ENTRY), "--bundle", "--splitting", "--format=esm", "--platform=browser", "--minify",
               "--target=es2020", "--legal-comments=none", "--log-level=warning",
               "--entry-names=[name]", "--chunk-names=[name]-[hash]", f"--outdir={tmp}",
               f"--metafile={tmp / 'meta.json'}", *[f"--external:{name}" for name in EXTERNAL]]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if proc.returncode != 0:
            raise RuntimeError(f"esbuild could not bundle the page's modules:\n{proc.stderr.strip()}")
        meta = json.loads((tmp / "meta.json").read_text())
        outputs = {Path(name).name: info for name, info in meta["outputs"].items() if name.endswith(".js")}
        entry = next((name for name, info in outputs.items() if info.get("entryPoint", "").endswith("js/main.js")), None)
        if entry is None:
            raise RuntimeError("esbuild wrote no entry for static/js/main.js")
        preload = sorted(n for n in outputs if n != entry)
        (tmp / "meta.json").unlink()
        (tmp / "manifest.json").write_text(json.dumps({"entry": entry, "preload": preload, "sources": digest}) + "\n")
        try:
            os.rename(tmp, folder)
        except OSError:  # made meanwhile by another process: that one is the same
            shutil.rmtree(tmp, ignore_errors=True)
        for old in VENDOR_DIR.glob("page-*"):
            if old != folder:
                shutil.rmtree(old, ignore_errors=True)
        if not quiet:
            size = sum(f.stat().st_size for f in folder.iterdir())
            print(f"bundled the page's modules into static/vendor/{folder.name} ({size:,} bytes)", flush=True)
        return folder
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def ensure() -> PageScripts:
    """Make the bundle if the sources changed since the last one and esbuild is here (``sim serve``)."""
    if read_bundle(source_hash()) is None:
        if esbuild_path().is_file():
            try:
                build()
            except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
                log.warning("serving the page's modules unbundled: %s", exc)
        else:
            log.warning("serving the page's modules unbundled (slower start): esbuild is missing; run ./setup.sh")
    return page_scripts()


def main() -> int:
    try:
        build()
    except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
