"""Build generated model C++ natively (g++) with a small driver, and run it over many inputs.

The runtime is compiled once per set of flags into a cached static library and every
generated model into a cached object, so `sim eval` and the conformance suite (which links
hundreds of models into one executable with ``build_many``) recompile only what changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

import numpy as np

from simulator import FIRMWARE_DIR, REPO_ROOT
from simulator.errors import UserError
from simulator.model.codegen import Generated

DRIVER = r'''
// Reads N inputs from argv[1], runs the model on each, writes the outputs to argv[2], and
// prints {"inferences": N, "ns_per_inference": T, "arena_touched": B} (B: bytes of the arena
// the runs wrote, measured by painting it first). argv[3]: repeat count; argv[4] = 1: the
// inputs are one stream (a stateful model keeps its state from input to input), else every
// input starts from the reset state.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>
#include "@NAME@.hpp"
int main(int argc, char** argv) {
  if (argc < 3) { std::fprintf(stderr, "usage: driver IN OUT [REPEAT]\n"); return 2; }
  const int repeat = argc > 3 ? std::atoi(argv[3]) : 1;
  const bool stream = argc > 4 && std::atoi(argv[4]) != 0;
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
    @NAME@_reset();
    if (n) @NAME@_run(in.data(), out.data());
    size_t t = @NAME@_arena_size;
    while (t > 0 && arena[t - 1] == static_cast<uint8_t>(pattern)) --t;
    if (t > touched) touched = t;
  }
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < repeat; ++r) {
    @NAME@_reset();
    for (size_t i = 0; i < n; ++i) {
      if (@NAME@_stateful && !stream && i) @NAME@_reset();
      @NAME@_run(in.data() + i * @NAME@_input_size, out.data() + i * @NAME@_output_size);
    }
  }
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

BATCH_DRIVER = r'''
// Runs several generated models in one process: argv[1] is a manifest of lines
// "MODEL_INDEX INPUT_FILE OUTPUT_FILE STREAM"; each input file holds whole inputs of that
// model, each starting from the reset state unless STREAM is 1.
#include <cstdio>
#include <cstring>
#include <vector>
@INCLUDES@
namespace {
struct Model {
  const char* name;
  int (*run)(const void*, void*);
  void (*reset)();
  size_t input_bytes, output_bytes;
};
const Model kModels[] = {
@TABLE@
};
}  // namespace
int main(int argc, char** argv) {
  if (argc < 2) { std::fprintf(stderr, "usage: driver MANIFEST\n"); return 2; }
  std::FILE* manifest = std::fopen(argv[1], "r");
  if (!manifest) { std::perror(argv[1]); return 1; }
  unsigned index, stream;
  char in_path[4096], out_path[4096];
  while (std::fscanf(manifest, "%u %4095s %4095s %u", &index, in_path, out_path, &stream) == 4) {
    if (index >= sizeof kModels / sizeof kModels[0]) { std::fprintf(stderr, "no model %u\n", index); return 1; }
    const Model& m = kModels[index];
    std::FILE* f = std::fopen(in_path, "rb");
    if (!f) { std::perror(in_path); return 1; }
    std::vector<unsigned char> in;
    unsigned char buf[4096];
    size_t got;
    while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) in.insert(in.end(), buf, buf + got);
    std::fclose(f);
    const size_t n = in.size() / m.input_bytes;
    std::vector<unsigned char> out(n * m.output_bytes);
    for (size_t i = 0; i < n; ++i) {
      if (!stream || i == 0) m.reset();
      if (m.run(in.data() + i * m.input_bytes, out.data() + i * m.output_bytes) != 0) {
        std::fprintf(stderr, "%s failed on input %zu\n", m.name, i);
        return 1;
      }
    }
    std::FILE* o = std::fopen(out_path, "wb");
    if (!o) { std::perror(out_path); return 1; }
    std::fwrite(out.data(), 1, out.size(), o);
    std::fclose(o);
  }
  std::fclose(manifest);
  return 0;
}
'''

RUNTIME_SOURCES = sorted((FIRMWARE_DIR / "utensor" / "src").glob("*.cpp"))
# Float kernels round like TFLite's reference kernels only without fused multiply-adds.
BASE_FLAGS = ("-std=c++17", "-ffp-contract=off")


def cache_dir() -> Path:
    root = Path(os.environ.get("SIM_CACHE_DIR", REPO_ROOT / "emsdk_build" / "cache"))
    path = root / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _flags(single_rounding: bool, opt: str, extra: tuple[str, ...], native_arch: bool) -> list[str]:
    return [*BASE_FLAGS, opt, *(["-march=native"] if native_arch else []),
            f"-DUTENSOR_SINGLE_ROUNDING={int(single_rounding)}", f"-I{FIRMWARE_DIR}", *extra]


def _runtime_digest() -> str:
    key = hashlib.sha256()
    for src in RUNTIME_SOURCES + sorted((FIRMWARE_DIR / "utensor").rglob("*.hpp")):
        key.update(src.name.encode())
        key.update(src.read_bytes())
    return key.hexdigest()


def _compile(cmd: list[str], what: str) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise UserError(f"{what} did not compile:\n{result.stderr[-4000:]}")


def _cached(key: str, name: str, make: Callable[[Path], None]) -> Path:
    """cache_dir()/KEY/NAME, made by make(tmp_dir) on a miss and published by an atomic rename."""
    final = cache_dir() / key
    if (final / name).exists():
        return final / name
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{name}-", dir=cache_dir()))
    try:
        make(tmp)
        try:
            tmp.rename(final)
        except OSError:  # another process built the same thing first
            pass
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return final / name


def runtime_library(flags: list[str]) -> Path:
    """The runtime compiled once per set of flags (static library, cached by content)."""
    key = hashlib.sha256((_runtime_digest() + " ".join(flags)).encode()).hexdigest()[:20]

    def make(tmp: Path) -> None:
        objects = []
        for src in RUNTIME_SOURCES:
            obj = tmp / f"{src.stem}.o"
            _compile(["g++", *flags, "-c", str(src), "-o", str(obj)], f"the runtime ({src.name})")
            objects.append(str(obj))
        subprocess.run(["ar", "rcs", str(tmp / "libutensor.a"), *objects], check=True)

    return _cached(f"runtime-{key}", "libutensor.a", make)


def model_object(gen: Generated, flags: list[str]) -> Path:
    """The generated model compiled to an object file (cached by its text and the flags)."""
    key = hashlib.sha256("\0".join((gen.header, gen.source, _runtime_digest(), *flags)).encode()).hexdigest()[:20]

    def make(tmp: Path) -> None:
        (tmp / f"{gen.name}.hpp").write_text(gen.header)
        (tmp / f"{gen.name}.cpp").write_text(gen.source)
        _compile(["g++", *flags, f"-I{tmp}", "-c", str(tmp / f"{gen.name}.cpp"), "-o", str(tmp / f"{gen.name}.o")],
                 f"the generated C++ for {gen.name}")

    return _cached(f"{gen.name}-{key}", f"{gen.name}.o", make)


def _link(name: str, driver: str, objects: list[Path], flags: list[str]) -> Path:
    key = hashlib.sha256("\0".join((driver, *map(str, objects), *flags)).encode()).hexdigest()[:20]

    def make(tmp: Path) -> None:
        (tmp / "driver.cpp").write_text(driver)
        includes = sorted({f"-I{o.parent}" for o in objects})
        _compile(["g++", *flags, *includes, str(tmp / "driver.cpp"), *map(str, objects),
                  str(runtime_library(flags)), "-o", str(tmp / "driver")], f"the driver for {name}")

    return _cached(f"{name}-exe-{key}", "driver", make)


def build(gen: Generated, single_rounding: bool = False, opt: str = "-O3", extra: tuple[str, ...] = (),
          native_arch: bool = True) -> Path:
    """Compile the generated model and a driver, link the runtime; everything cached by content."""
    flags = _flags(single_rounding, opt, extra, native_arch)
    return _link(gen.name, DRIVER.replace("@NAME@", gen.name), [model_object(gen, flags)], flags)


def build_many(gens: list[Generated], single_rounding: bool = False, opt: str = "-O3",
               extra: tuple[str, ...] = (), native_arch: bool = True, jobs: int = 2) -> Path:
    """One executable running any of several generated models (names must differ): the models
    compile in parallel and each object is cached, so a batch shares the runtime library."""
    flags = _flags(single_rounding, opt, extra, native_arch)
    if len({g.name for g in gens}) != len(gens):
        raise ValueError("build_many needs distinct model names")
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        objects = list(pool.map(lambda g: model_object(g, flags), gens))
    includes = "\n".join(f'#include "{g.name}.hpp"' for g in gens)
    table = ",\n".join(
        f'  {{"{g.name}", [](const void* i, void* o) {{ return {g.name}_run(static_cast<const {g.name}_input_t*>(i), '
        f'static_cast<{g.name}_output_t*>(o)); }}, {g.name}_reset, sizeof({g.name}_input_t) * {g.name}_input_size, '
        f'sizeof({g.name}_output_t) * {g.name}_output_size}}' for g in gens)
    driver = BATCH_DRIVER.replace("@INCLUDES@", includes).replace("@TABLE@", table)
    return _link("batch", driver, objects, flags)


def _per_input_shape(info: dict) -> tuple[int, ...]:
    """The shape of one output, without a leading batch of 1."""
    shape = tuple(info["shape"])
    return shape[1:] if shape and shape[0] == 1 else shape


def _dtype(info: dict) -> np.dtype:
    return np.dtype({"INT8": np.int8, "INT16": np.int16, "FLOAT32": np.float32, "INT32": np.int32, "INT64": np.int64}[info["type"]])


def run_many(exe: Path, jobs: list[tuple[int, Generated, np.ndarray]], stream: bool = False) -> list[np.ndarray]:
    """Run (model index in build_many's list, model, inputs) jobs in one process; with `stream`
    a stateful model keeps its state from input to input (else each input starts reset)."""
    with tempfile.TemporaryDirectory() as tmp:
        lines, arr_shapes = [], []
        for k, (index, gen, x) in enumerate(jobs):
            size = int(np.prod(gen.report["input"]["shape"]))
            arr = np.ascontiguousarray(x, dtype=_dtype(gen.report["input"])).reshape(-1, size)
            Path(tmp, f"in{k}").write_bytes(arr.tobytes())
            arr_shapes.append(arr.shape)
            lines.append(f"{index} {tmp}/in{k} {tmp}/out{k} {int(stream)}\n")
        Path(tmp, "manifest").write_text("".join(lines))
        result = subprocess.run([str(exe), f"{tmp}/manifest"], capture_output=True, text=True)
        if result.returncode != 0:
            raise UserError(f"{exe} failed ({result.returncode}): {result.stderr[-2000:]}")
        outs = []
        for k, (_, gen, x) in enumerate(jobs):
            out = np.frombuffer(Path(tmp, f"out{k}").read_bytes(), dtype=_dtype(gen.report["output"]))
            outs.append(out.reshape(arr_shapes[k][0], *_per_input_shape(gen.report["output"])))
        return outs


def run(exe: Path, gen: Generated, inputs: np.ndarray, repeat: int = 1, stream: bool = False) -> tuple[np.ndarray, dict]:
    """Run the inputs through a build of `gen`; with `stream` a stateful model (an LSTM) keeps
    its state from one input to the next, else each input starts from the reset state."""
    in_dtype, out_dtype = _dtype(gen.report["input"]), _dtype(gen.report["output"])
    size = int(np.prod(gen.report["input"]["shape"]))
    x = np.ascontiguousarray(inputs, dtype=in_dtype).reshape(-1, size)
    with tempfile.TemporaryDirectory() as tmp:
        fin, fout = Path(tmp) / "in.bin", Path(tmp) / "out.bin"
        fin.write_bytes(x.tobytes())
        result = subprocess.run([str(exe), str(fin), str(fout), str(repeat), str(int(stream))], capture_output=True,
                                text=True)
        if result.returncode != 0:
            raise UserError(f"{exe} failed ({result.returncode}): {result.stderr[-2000:]}")
        out = np.frombuffer(fout.read_bytes(), dtype=out_dtype)
    stats = json.loads(result.stdout.strip().splitlines()[-1])
    return out.reshape(len(x), *_per_input_shape(gen.report["output"])), stats
