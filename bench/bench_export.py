"""Export every demo app for the K64F and the LPC1768 and build each with mbed-tools against
real Mbed OS 6.17.0; print flash and static RAM per app and board, read from the ELF's sections.

Needs a local Mbed OS 6.17.0 tree (the bench links it into each exported project as
``mbed-os``), mbed-tools (``pip install -e ".[board]"``), cmake, ninja and arm-none-eabi-gcc:

    MBED_OS_DIR=/path/to/mbed-os-6.17.0 \\
    GREENTEA_CLIENT_SOURCE_DIR=/path/to/greentea-client \\
    .venv/bin/python bench/bench_export.py [--apps lcd,mnist] [--boards k64f] [--work DIR] [--json FILE]

``GREENTEA_CLIENT_SOURCE_DIR`` (optional) lets Mbed OS configure without network access.
Without ``MBED_OS_DIR`` the bench says so and exits.

Sizes: flash = every allocated, loaded section (code, read-only data, .data's initial
values); static RAM = .data + .bss and the other zero-initialised sections, without the
heap and stack regions the linker script reserves. The ELF is read directly because memap
undercounts the LPC1768's flash (its read-only data after ``.init``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator import FIRMWARE_DIR  # noqa: E402
from simulator.export import BOARDS, MBED_OS_VERSION, export  # noqa: E402

APPS_DIR = FIRMWARE_DIR / "apps"


def elf_sizes(elf: Path) -> dict[str, int]:
    """flash and static RAM from the section headers (readelf -S -W)."""
    out = subprocess.run(["arm-none-eabi-readelf", "-S", "-W", str(elf)], capture_output=True, text=True,
                         check=True).stdout
    flash = ram = 0
    sections = {}
    for line in out.splitlines():
        m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+\S+\s+(\S*)", line)
        if not m:
            continue
        name, kind, _addr, _off, size_hex, flags = m.groups()
        size = int(size_hex, 16)
        if "A" not in flags or size == 0:
            continue
        if re.search(r"heap|stack", name, re.IGNORECASE):
            continue  # regions the linker script reserves, not what the program uses
        sections[name] = size
        if kind == "NOBITS":
            ram += size
        elif "W" in flags:
            flash += size  # initial values live in flash, copied to RAM at start-up
            ram += size
        else:
            flash += size
    return {"flash": flash, "static_ram": ram, "sections": sections}


def build_one(app: str, board: str, work: Path, mbed_os: Path, mbed_tools: str) -> dict:
    project = work / f"{app}-{board}"
    if project.exists():
        shutil.rmtree(project)
    result = export(APPS_DIR / app / "main.cpp", board, project)
    (project / "mbed-os").symlink_to(mbed_os.resolve(), target_is_directory=True)
    target = BOARDS[board].mbed_target
    start = time.monotonic()
    # ccache (used by Mbed OS's CMake when installed) then shares the Mbed OS objects between
    # the projects: paths relative to the work folder, the build folder left out of the hash.
    env = {"CCACHE_BASEDIR": str(work.resolve()), "CCACHE_NOHASHDIR": "1", **os.environ}
    run = subprocess.run([mbed_tools, "compile", "-m", target, "-t", "GCC_ARM"], cwd=project,
                         capture_output=True, text=True, env=env)
    seconds = time.monotonic() - start
    row = {"app": app, "board": board, "target": target, "files": len(result.files), "seconds": round(seconds, 1)}
    elf = project / "cmake_build" / target / "develop" / "GCC_ARM" / f"{project_name(project)}.elf"
    if run.returncode != 0 or not elf.exists():
        errors = [ln for ln in (run.stdout + run.stderr).splitlines() if "error" in ln.lower()]
        row.update(ok=False, error=(errors or ["mbed-tools failed"])[0][:300])
        (work / f"{app}-{board}.log").write_text(run.stdout + run.stderr)
        return row
    sizes = elf_sizes(elf)
    row.update(ok=True, flash=sizes["flash"], static_ram=sizes["static_ram"])
    return row


def project_name(project: Path) -> str:
    text = (project / "CMakeLists.txt").read_text()
    return re.search(r"set\(APP_TARGET (\S+)\)", text).group(1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--apps", default=",".join(sorted(p.name for p in APPS_DIR.iterdir() if p.is_dir())))
    parser.add_argument("--boards", default="k64f,lpc1768")
    parser.add_argument("--work", type=Path, help="keep the exported projects here (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON")
    args = parser.parse_args()

    mbed_os = os.environ.get("MBED_OS_DIR")
    if not mbed_os or not (Path(mbed_os) / "tools" / "cmake" / "app.cmake").is_file():
        print("bench_export: set MBED_OS_DIR to a Mbed OS 6.17.0 source tree (see docs/real-board.md); skipped")
        return 0
    mbed_tools = shutil.which("mbed-tools") or str(Path(sys.executable).parent / "mbed-tools")
    if not Path(mbed_tools).exists():
        print('bench_export: mbed-tools is not installed (pip install -e ".[board]")')
        return 1
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-export-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"Mbed OS {MBED_OS_VERSION} from {mbed_os}; projects in {work}")
    print(f"{'app':<12} {'board':<8} {'result':<8} {'flash B':>9} {'RAM B':>8} {'build s':>8}")
    rows = []
    for app in args.apps.split(","):
        for board in args.boards.split(","):
            row = build_one(app, board, work, Path(mbed_os), mbed_tools)
            rows.append(row)
            if row["ok"]:
                print(f"{app:<12} {board:<8} {'ok':<8} {row['flash']:>9} {row['static_ram']:>8} {row['seconds']:>8}")
            else:
                print(f"{app:<12} {board:<8} {'FAILED':<8} {'':>9} {'':>8} {row['seconds']:>8}  {row['error']}")
            sys.stdout.flush()
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
