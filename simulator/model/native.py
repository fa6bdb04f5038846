"""Build generated model C++ natively (g++) with a small driver, and run it over many inputs."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from simulator import FIRMWARE_DIR, REPO_ROOT
from simulator.errors import UserError
from simulator.model.codegen import Generated

DRIVER = r'''
// Reads N inputs from argv[1], runs the model on each, writes the outputs to argv[2], and
// prints {"inferences": N, "ns_per_inference": T, "arena_touched": B} (B: bytes of the arena
// the runs wrote, measured by painting it first).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>
#include "@NAME@.hpp"
int main(int argc, char** argv) {
  if (argc < 3) { std::fprintf(stderr, "usage: driver IN OUT [REPEAT]\n"); return 2; }
  const int repeat = argc > 3 ? std::atoi(argv[3]) : 1;
  std::FILE* f = std::fopen(argv[1], "rb");
  if (!f) { std::perror(argv[1]); return 1; }
  std::vector<@NAME@_input_t> in;
  @NAME@_input_t buf[4096];
  size_t got;
  while ((got = std::fread(buf, sizeof buf[0], 4096, f)) > 0) in.insert(in.end(), buf, buf + got);
  std::fclose(f);
  const size_t n = in.size() / @NAME@_input_size;
  std::vector<@NAME@_output_t> out(n * @NAME@_output_size);
  uint8_t* arena = @NAME@_arena();
  size_t touched = 0;
  for (int pattern : {0x00, 0xA5, 0xFF}) {
    for (size_t i = 0; i < @NAME@_arena_size; ++i) arena[i] = static_cast<uint8_t>(pattern);
    if (n) @NAME@_run(in.data(), out.data());
    size_t t = @NAME@_arena_size;
    while (t > 0 && arena[t - 1] == static_cast<uint8_t>(pattern)) --t;
    if (t > touched) touched = t;
  }
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < repeat; ++r)
    for (size_t i = 0; i < n; ++i) @NAME@_run(in.data() + i * @NAME@_input_size, out.data() + i * @NAME@_output_size);
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
  std::FILE* o = std::fopen(argv[2], "wb");
  if (!o) { std::perror(argv[2]); return 1; }
  std::fwrite(out.data(), sizeof out[0], out.size(), o);
  std::fclose(o);
  std::printf("{\"inferences\": %zu, \"ns_per_inference\": %.1f, \"arena_touched\": %zu, \"peak_ram\": %zu}\n",
              n * repeat, n ? static_cast<double>(ns) / (n * repeat) : 0.0, touched, @NAME@_peak_ram());
  return 0;
}
'''

RUNTIME_SOURCES = sorted((FIRMWARE_DIR / "utensor" / "src").glob("*.cpp"))


def cache_dir() -> Path:
    root = Path(os.environ.get("SIM_CACHE_DIR", REPO_ROOT / "emsdk_build" / "cache"))
    path = root / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


def build(gen: Generated, single_rounding: bool = False, opt: str = "-O3", extra: tuple[str, ...] = (),
          native_arch: bool = True) -> Path:
    """Compile the generated model, the runtime and the driver; cached by content."""
    driver = DRIVER.replace("@NAME@", gen.name)
    key = hashlib.sha256()
    arch = ["-march=native"] if native_arch else []
    for part in (gen.header, gen.source, driver, opt, str(single_rounding), f"arch={arch}", *extra):
        key.update(part.encode())
    for src in RUNTIME_SOURCES + sorted((FIRMWARE_DIR / "utensor").rglob("*.hpp")):
        key.update(src.read_bytes())
    out = cache_dir() / f"{gen.name}-{key.hexdigest()[:16]}"
    exe = out / "driver"
    if exe.exists():
        return exe
    tmp = Path(tempfile.mkdtemp(prefix=f"{gen.name}-", dir=cache_dir()))
    (tmp / f"{gen.name}.hpp").write_text(gen.header)
    (tmp / f"{gen.name}.cpp").write_text(gen.source)
    (tmp / "driver.cpp").write_text(driver)
    cmd = ["g++", "-std=c++17", opt, *arch, f"-DUTENSOR_SINGLE_ROUNDING={int(single_rounding)}",
           f"-I{FIRMWARE_DIR}", f"-I{tmp}", str(tmp / "driver.cpp"), str(tmp / f"{gen.name}.cpp"),
           *map(str, RUNTIME_SOURCES), *extra, "-o", str(tmp / "driver")]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise UserError(f"the generated C++ for {gen.name} did not compile:\n{result.stderr[-4000:]}")
    try:
        tmp.rename(out)
    except OSError:  # another process built the same thing first
        pass
    return exe


def run(exe: Path, gen: Generated, inputs: np.ndarray, repeat: int = 1) -> tuple[np.ndarray, dict]:
    in_dtype = np.dtype({"INT8": np.int8, "FLOAT32": np.float32}[gen.report["input"]["type"]])
    out_dtype = np.dtype({"INT8": np.int8, "FLOAT32": np.float32, "INT32": np.int32, "INT64": np.int64}[
        gen.report["output"]["type"]])
    size = int(np.prod(gen.report["input"]["shape"]))
    x = np.ascontiguousarray(inputs, dtype=in_dtype).reshape(-1, size)
    with tempfile.TemporaryDirectory() as tmp:
        fin, fout = Path(tmp) / "in.bin", Path(tmp) / "out.bin"
        fin.write_bytes(x.tobytes())
        result = subprocess.run([str(exe), str(fin), str(fout), str(repeat)], capture_output=True, text=True)
        if result.returncode != 0:
            raise UserError(f"{exe} failed ({result.returncode}): {result.stderr[-2000:]}")
        out = np.frombuffer(fout.read_bytes(), dtype=out_dtype)
    stats = json.loads(result.stdout.strip().splitlines()[-1])
    return out.reshape(len(x), *gen.report["output"]["shape"][1:]) if len(gen.report["output"]["shape"]) > 1 else out, stats
