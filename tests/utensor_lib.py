"""Build the runtime's C ABI (firmware/utensor/capi: the `prepare_*` parameter helpers) as a
shared library and call it with ctypes.

Two builds: ``single`` (UTENSOR_SINGLE_ROUNDING=1, TFLite 2.x) and ``double`` (the default,
TFLite Micro). Each wrapper returns the struct's fields under the names the code generator
uses (simulator/model/params.py), so a test compares dictionaries.
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

I32 = np.ctypeslib.ndpointer(np.int32, flags="C_CONTIGUOUS")
F32 = np.ctypeslib.ndpointer(np.float32, flags="C_CONTIGUOUS")
c_i32, c_f32, c_f64 = ctypes.c_int32, ctypes.c_float, ctypes.c_double
P_I32 = ctypes.POINTER(c_i32)


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
    """ctypes bindings of the parameter helpers."""

    def __init__(self, path: Path) -> None:
        self.lib = lib = ctypes.CDLL(str(path))
        lib.ut_quantize_multiplier.argtypes = [c_f64, P_I32, P_I32]
        lib.ut_activation_range.argtypes = [c_i32, c_f32, c_i32, P_I32, P_I32]
        lib.ut_conv_padding.argtypes = [c_i32] * 6
        lib.ut_conv_padding.restype = c_i32
        lib.ut_prepare_fully_connected.argtypes = [c_f32, c_i32, F32, c_i32, c_i32, c_f32, c_i32, c_i32, I32, I32, I32]
        lib.ut_prepare_conv.argtypes = [c_f32, c_i32, F32, c_i32, c_i32, c_f32, c_i32, c_i32, I32, I32, I32]
        for name in ("ut_prepare_add", "ut_prepare_mul"):
            getattr(lib, name).argtypes = [c_f32, c_i32, c_f32, c_i32, c_f32, c_i32, c_i32, I32]
        lib.ut_prepare_relu.argtypes = [c_i32, c_f32, c_i32, c_f32, c_i32, I32]
        lib.ut_prepare_softmax.argtypes = [c_f32, c_f32, I32]
        lib.ut_prepare_requantize.argtypes = [c_f32, c_i32, c_f32, c_i32, I32]
        self.single_rounding = bool(lib.ut_single_rounding())

    def quantize_multiplier(self, real: float) -> tuple[int, int]:
        m, s = c_i32(), c_i32()
        self.lib.ut_quantize_multiplier(real, ctypes.byref(m), ctypes.byref(s))
        return m.value, s.value

    def activation_range(self, act: int, scale: float, zero_point: int) -> tuple[int, int]:
        lo, hi = c_i32(), c_i32()
        self.lib.ut_activation_range(act, scale, zero_point, ctypes.byref(lo), ctypes.byref(hi))
        return lo.value, hi.value

    def conv_padding(self, same: bool, size: int, filt: int, stride: int, dilation: int, out: int) -> int:
        return self.lib.ut_conv_padding(0 if same else 1, size, filt, stride, dilation, out)

    def fully_connected(self, s_in, zp_in, w_scales, w_zp, s_out, zp_out, act) -> tuple[dict, list[int], list[int]]:
        scales = np.ascontiguousarray(w_scales, np.float32)
        mult, shift, f = np.zeros(scales.size, np.int32), np.zeros(scales.size, np.int32), np.zeros(6, np.int32)
        assert self.lib.ut_prepare_fully_connected(s_in, zp_in, scales, scales.size, w_zp, s_out, zp_out, act, mult,
                                                   shift, f) == 0
        names = ("input_offset", "weights_offset", "output_offset", "act_min", "act_max", "per_channel")
        fields = dict(zip(names, map(int, f)))
        fields["per_channel"] = bool(fields["per_channel"])
        return fields, mult.tolist(), shift.tolist()

    def conv(self, s_in, zp_in, w_scales, channels, s_out, zp_out, act) -> tuple[dict, list[int], list[int]]:
        scales = np.ascontiguousarray(w_scales, np.float32)
        mult, shift, f = np.zeros(channels, np.int32), np.zeros(channels, np.int32), np.zeros(4, np.int32)
        assert self.lib.ut_prepare_conv(s_in, zp_in, scales, scales.size, channels, s_out, zp_out, act, mult, shift,
                                        f) == 0
        return dict(zip(("input_offset", "output_offset", "act_min", "act_max"), map(int, f))), mult.tolist(), \
            shift.tolist()

    def add(self, s1, z1, s2, z2, so, zo, act) -> dict:
        f = np.zeros(12, np.int32)
        self.lib.ut_prepare_add(s1, z1, s2, z2, so, zo, act, f)
        names = ("input1_offset", "input2_offset", "output_offset", "left_shift", "input1.value", "input1.shift",
                 "input2.value", "input2.shift", "output.value", "output.shift", "act_min", "act_max")
        return dict(zip(names, map(int, f)))

    def mul(self, s1, z1, s2, z2, so, zo, act) -> dict:
        f = np.zeros(7, np.int32)
        self.lib.ut_prepare_mul(s1, z1, s2, z2, so, zo, act, f)
        names = ("input1_offset", "input2_offset", "output_offset", "output.value", "output.shift", "act_min",
                 "act_max")
        return dict(zip(names, map(int, f)))

    def relu(self, act, si, zi, so, zo) -> dict:
        f = np.zeros(7, np.int32)
        self.lib.ut_prepare_relu(act, si, zi, so, zo, f)
        names = ("input_zero_point", "output_zero_point", "multiplier.value", "multiplier.shift", "act_min", "act_max",
                 "clamp_only")
        fields = dict(zip(names, map(int, f)))
        if fields["clamp_only"]:  # TFLM's RELU6: only the clamp is used
            return {k: fields[k] for k in ("input_zero_point", "output_zero_point", "act_min", "act_max")} | \
                {"clamp_only": True}
        del fields["clamp_only"]
        return fields

    def softmax(self, beta, s_in) -> dict:
        f = np.zeros(3, np.int32)
        self.lib.ut_prepare_softmax(beta, s_in, f)
        return dict(zip(("input_multiplier", "input_left_shift", "diff_min"), map(int, f)))

    def requantize(self, si, zi, so, zo) -> dict:
        f = np.zeros(5, np.int32)
        self.lib.ut_prepare_requantize(si, zi, so, zo, f)
        fields = dict(zip(("input_zero_point", "output_zero_point", "multiplier.value", "multiplier.shift",
                           "q8_multiplier"), map(int, f)))
        if not self.single_rounding:
            del fields["q8_multiplier"]
        return fields
