"""Build the runtime's C ABI (firmware/utensor/capi) as a shared library and call it with ctypes.

Two builds: ``single`` (UTENSOR_SINGLE_ROUNDING=1, TFLite 2.x semantics) and ``double``
(the default, TFLite Micro semantics).
"""

from __future__ import annotations

import ctypes
import hashlib
import subprocess
from pathlib import Path

import numpy as np

from simulator import FIRMWARE_DIR

SOURCES = sorted((FIRMWARE_DIR / "utensor" / "src").glob("*.cpp")) + [FIRMWARE_DIR / "utensor" / "capi" / "utensor_capi.cpp"]
HEADERS = sorted((FIRMWARE_DIR / "utensor").rglob("*.hpp"))

I8 = np.ctypeslib.ndpointer(np.int8, flags="C_CONTIGUOUS")
I32 = np.ctypeslib.ndpointer(np.int32, flags="C_CONTIGUOUS")
I64 = np.ctypeslib.ndpointer(np.int64, flags="C_CONTIGUOUS")
F32 = np.ctypeslib.ndpointer(np.float32, flags="C_CONTIGUOUS")
U16 = np.ctypeslib.ndpointer(np.uint16, flags="C_CONTIGUOUS")
c_i32, c_f32, c_f64 = ctypes.c_int32, ctypes.c_float, ctypes.c_double


def build(out_dir: Path, single_rounding: bool) -> Path:
    digest = hashlib.sha256()
    for p in SOURCES + HEADERS:
        digest.update(p.read_bytes())
    lib = out_dir / f"libutensor_{'single' if single_rounding else 'double'}_{digest.hexdigest()[:12]}.so"
    if not lib.exists():
        cmd = ["g++", "-std=c++17", "-O2", "-fPIC", "-shared", "-Wall", "-Wextra", "-Werror",
               f"-DUTENSOR_SINGLE_ROUNDING={int(single_rounding)}", f"-I{FIRMWARE_DIR}",
               *map(str, SOURCES), "-o", str(lib)]
        subprocess.run(cmd, check=True)
    return lib


class Runtime:
    """ctypes bindings with numpy-friendly wrappers."""

    def __init__(self, path: Path) -> None:
        self.lib = lib = ctypes.CDLL(str(path))
        lib.ut_fully_connected.argtypes = [I8, c_i32, c_i32, c_f32, c_i32, I8, F32, c_i32, c_i32, ctypes.c_void_p,
                                           c_i32, c_f32, c_i32, c_i32, I8]
        lib.ut_fully_connected_sparse.argtypes = [I8, c_i32, c_i32, c_f32, c_i32, I8, F32, c_i32, ctypes.c_void_p,
                                                  c_i32, c_f32, c_i32, c_i32, I8, I32, U16, I8, c_i32]
        lib.ut_conv.argtypes = [c_i32, I8, I32, c_f32, c_i32, I8, I32, F32, c_i32, ctypes.c_void_p, c_i32, c_i32,
                                c_i32, c_i32, c_i32, c_i32, c_i32, c_f32, c_i32, I8, I32]
        lib.ut_pool.argtypes = [c_i32, I8, I32, c_i32, c_i32, c_i32, c_i32, c_i32, c_i32, c_f32, c_i32, I8, I32]
        lib.ut_binary.argtypes = [c_i32, I8, c_i32, I32, c_f32, c_i32, I8, c_i32, I32, c_f32, c_i32, I8, c_i32, I32,
                                  c_f32, c_i32, c_i32]
        lib.ut_relu.argtypes = [I8, c_i32, c_f32, c_i32, c_f32, c_i32, c_i32, I8]
        lib.ut_softmax.argtypes = [I8, c_i32, c_i32, c_f32, c_f32, I8]
        lib.ut_arg.argtypes = [c_i32, c_i32, ctypes.c_void_p, c_i32, I32, c_i32, I64]
        lib.ut_quantize.argtypes = [F32, c_i32, c_f32, c_i32, I8]
        lib.ut_requantize.argtypes = [I8, c_i32, c_f32, c_i32, c_f32, c_i32, I8]
        lib.ut_dequantize.argtypes = [I8, c_i32, c_f32, c_i32, F32]
        lib.ut_quantize_multiplier.argtypes = [c_f64, ctypes.POINTER(c_i32), ctypes.POINTER(c_i32)]
        lib.ut_fully_connected_f32.argtypes = [F32, c_i32, c_i32, F32, ctypes.c_void_p, c_i32, c_i32, F32]
        lib.ut_softmax_f32.argtypes = [F32, c_i32, c_i32, c_f32, F32]
        self.single_rounding = bool(lib.ut_single_rounding())

    def quantize_multiplier(self, real: float) -> tuple[int, int]:
        m, s = c_i32(), c_i32()
        self.lib.ut_quantize_multiplier(real, ctypes.byref(m), ctypes.byref(s))
        return m.value, s.value

    @staticmethod
    def _ptr(a: np.ndarray | None) -> int | None:
        return None if a is None else a.ctypes.data

    def fully_connected(self, x, in_q, w, w_scales, w_zp, bias, out_q, act=0, sparse=False):
        x = np.ascontiguousarray(x, np.int8)
        w = np.ascontiguousarray(w, np.int8)
        out_depth, in_depth = w.shape
        batches = x.size // in_depth
        out = np.zeros((batches, out_depth), np.int8)
        scales = np.ascontiguousarray(w_scales, np.float32)
        bias = None if bias is None else np.ascontiguousarray(bias, np.int32)
        if sparse:
            cap = int(np.count_nonzero(w))
            rc = self.lib.ut_fully_connected_sparse(
                x, batches, in_depth, in_q[0], in_q[1], w, scales, scales.size, self._ptr(bias), out_depth,
                out_q[0], out_q[1], act, out, np.zeros(out_depth + 1, np.int32), np.zeros(max(cap, 1), np.uint16),
                np.zeros(max(cap, 1), np.int8), cap)
        else:
            rc = self.lib.ut_fully_connected(x, batches, in_depth, in_q[0], in_q[1], w, scales, scales.size, w_zp,
                                             self._ptr(bias), out_depth, out_q[0], out_q[1], act, out)
        assert rc == 0, rc
        return out

    def conv(self, kind, x, in_q, f, w_scales, bias, strides, dilations, padding, depth_multiplier, act, out_q, out_shape):
        x = np.ascontiguousarray(x, np.int8)
        f = np.ascontiguousarray(f, np.int8)
        out = np.zeros(out_shape, np.int8)
        scales = np.ascontiguousarray(w_scales, np.float32)
        bias = None if bias is None else np.ascontiguousarray(bias, np.int32)
        rc = self.lib.ut_conv(kind, x, np.array(x.shape, np.int32), in_q[0], in_q[1], f, np.array(f.shape, np.int32),
                              scales, scales.size, self._ptr(bias), strides[0], strides[1], dilations[0],
                              dilations[1], padding, depth_multiplier, act, out_q[0], out_q[1], out,
                              np.array(out_shape, np.int32))
        assert rc == 0, rc
        return out

    def pool(self, kind, x, filt, strides, padding, act, out_q, out_shape):
        x = np.ascontiguousarray(x, np.int8)
        out = np.zeros(out_shape, np.int8)
        self.lib.ut_pool(kind, x, np.array(x.shape, np.int32), filt[0], filt[1], strides[0], strides[1], padding,
                         act, out_q[0], out_q[1], out, np.array(out_shape, np.int32))
        return out

    def binary(self, kind, a, qa, b, qb, out_shape, qo, act=0):
        a = np.ascontiguousarray(a, np.int8)
        b = np.ascontiguousarray(b, np.int8)
        out = np.zeros(out_shape, np.int8)
        rc = self.lib.ut_binary(kind, a, a.ndim, np.array(a.shape, np.int32), qa[0], qa[1], b, b.ndim,
                                np.array(b.shape, np.int32), qb[0], qb[1], out, out.ndim,
                                np.array(out.shape, np.int32), qo[0], qo[1], act)
        assert rc == 0, rc
        return out

    def relu(self, x, qi, qo, act):
        x = np.ascontiguousarray(x, np.int8)
        out = np.zeros_like(x)
        self.lib.ut_relu(x, x.size, qi[0], qi[1], qo[0], qo[1], act, out)
        return out

    def softmax(self, x, beta, in_scale):
        x = np.ascontiguousarray(x, np.int8)
        out = np.zeros_like(x)
        self.lib.ut_softmax(x, x.size // x.shape[-1], x.shape[-1], beta, in_scale, out)
        return out

    def arg(self, kind, x, axis):
        x = np.ascontiguousarray(x)
        dtype = 3 if x.dtype == np.float32 else 0
        out = np.zeros(np.delete(x.shape, axis), np.int64)
        self.lib.ut_arg(kind, dtype, x.ctypes.data, x.ndim, np.array(x.shape, np.int32), axis, out)
        return out

    def quantize(self, x, q):
        x = np.ascontiguousarray(x, np.float32)
        out = np.zeros(x.shape, np.int8)
        self.lib.ut_quantize(x, x.size, q[0], q[1], out)
        return out

    def requantize(self, x, qi, qo):
        x = np.ascontiguousarray(x, np.int8)
        out = np.zeros_like(x)
        self.lib.ut_requantize(x, x.size, qi[0], qi[1], qo[0], qo[1], out)
        return out

    def dequantize(self, x, q):
        x = np.ascontiguousarray(x, np.int8)
        out = np.zeros(x.shape, np.float32)
        self.lib.ut_dequantize(x, x.size, q[0], q[1], out)
        return out

    def fully_connected_f32(self, x, w, bias, act=0):
        x = np.ascontiguousarray(x, np.float32)
        w = np.ascontiguousarray(w, np.float32)
        out = np.zeros((x.size // w.shape[1], w.shape[0]), np.float32)
        b = None if bias is None else np.ascontiguousarray(bias, np.float32)
        self.lib.ut_fully_connected_f32(x, out.shape[0], w.shape[1], w, self._ptr(b), w.shape[0], act, out)
        return out
