"""C code that runs a model's layers with ARM's CMSIS-NN kernels, for bench_m4.py.

For every op of a model this writes one C function that calls the CMSIS-NN kernel TFLite
Micro's CMSIS-NN port would call for it (the `*_wrapper_s8` entry points, which pick the
specialised kernel by shape), with the parameters TFLite Micro computes: the same Q31
multipliers and shifts (double rounding), offsets, padding and activation ranges as the
utensor runtime's default (TFLite Micro) mode. Tensors live in a second arena at the same
offsets as the utensor plan, so the benchmark can run both runtimes layer by layer and
compare every layer's output byte for byte.

CMSIS-NN (Apache-2.0) is only the peer in the benchmark: its sources come from the shared
folder next to the repository and are never part of the product.
"""

from __future__ import annotations

import numpy as np

from simulator.model import params
from simulator.model.params import activation_range
from simulator.model.planner import Plan
from simulator.model.tflite_reader import ModelInfo, OpInfo

#: Ops with a CMSIS-NN kernel here; RESHAPE is a copy (or nothing) in both runtimes.
KERNEL_OPS = ("FULLY_CONNECTED", "CONV_2D", "DEPTHWISE_CONV_2D", "AVERAGE_POOL_2D", "MAX_POOL_2D", "ADD", "SOFTMAX")


def _c_array(ctype: str, name: str, values: np.ndarray) -> str:
    flat = [str(int(v)) for v in np.asarray(values).reshape(-1)] or ["0"]
    rows = [", ".join(flat[i:i + 32]) for i in range(0, len(flat), 32)]
    return f"static const {ctype} {name}[{len(flat)}] __attribute__((aligned(4))) = {{\n  " + ",\n  ".join(rows) + "\n};\n"


def _padding(padding: int, size: int, filt: int, stride: int, dilation: int, out: int) -> int:
    return params.padding(padding == 0, size, filt, stride, dilation, out)


class _Writer:
    def __init__(self, model: ModelInfo, memory: Plan) -> None:
        self.model = model
        self.plan = memory
        self.data: list[str] = []
        self.funcs: list[str] = []
        self.sizes: list[str] = []  # expressions for scratch sizes

    def t(self, i: int):
        return self.model.tensors[i]

    def at(self, i: int, const: bool = True) -> str:
        c = "const " if const else ""
        return f"({c}int8_t*)(arena + {self.plan.offsets[i]})"

    def q(self, i: int) -> tuple[float, int]:
        t = self.t(i)
        return float(t.scale[0]), int(t.zero_point[0])

    def mults(self, k: int, reals: list[float]) -> None:
        m, s = params.multipliers(reals, single=False)  # TFLite Micro's (double rounding)
        self.data.append(_c_array("int32_t", f"mult{k}", np.array(m)))
        self.data.append(_c_array("int32_t", f"shift{k}", np.array(s)))

    def op(self, op: OpInfo) -> None:
        k = op.index
        name = op.name
        if name not in KERNEL_OPS:
            self.funcs.append(f"static int layer{k}(uint8_t* arena) {{ (void)arena; return 1; }}\n")
            return
        getattr(self, name.lower())(op)

    def _weights(self, op: OpInfo) -> tuple[str, str]:
        k = op.index
        w = self.t(op.inputs[1])
        self.data.append(_c_array("int8_t", f"w{k}", w.data))
        has_bias = len(op.inputs) > 2 and op.inputs[2] >= 0
        if has_bias:
            self.data.append(_c_array("int32_t", f"b{k}", self.t(op.inputs[2]).data))
        return f"w{k}", (f"b{k}" if has_bias else "NULL")

    def fully_connected(self, op: OpInfo) -> None:
        k = op.index
        x, w, out = self.t(op.inputs[0]), self.t(op.inputs[1]), self.t(op.outputs[0])
        s_in, zp_in = self.q(op.inputs[0])
        s_out, zp_out = self.q(op.outputs[0])
        per_channel = w.scale.size > 1
        self.mults(k, params.fc_reals(s_in, w.scale, s_out))
        wname, bname = self._weights(op)
        out_depth, in_depth = w.shape
        batches = int(np.prod(x.shape)) // in_depth
        lo, hi = activation_range(op.options.get("FusedActivationFunction", 0), s_out, zp_out)
        w_off = 0 if per_channel else -int(w.zero_point[0])
        self.funcs.append(f"""static int layer{k}(uint8_t* arena) {{
  const cmsis_nn_fc_params fc = {{{-zp_in}, {w_off}, {zp_out}, {{{lo}, {hi}}}}};
  const cmsis_nn_quant_params q = {{(int32_t*)mult{k}, (int32_t*)shift{k}, {int(per_channel)}}};
  const cmsis_nn_dims in_d = {{{batches}, 1, 1, {in_depth}}}, f_d = {{{in_depth}, 1, 1, {out_depth}}};
  const cmsis_nn_dims b_d = {{1, 1, 1, {out_depth}}}, o_d = {{{batches}, 1, 1, {out_depth}}};
  const cmsis_nn_context ctx = {{g_scratch, arm_fully_connected_s8_get_buffer_size(&f_d)}};
  return arm_fully_connected_wrapper_s8(&ctx, &fc, &q, &in_d, {self.at(op.inputs[0])}, &f_d, {wname}, &b_d, {bname},
                                        &o_d, {self.at(op.outputs[0], False)}) != ARM_CMSIS_NN_SUCCESS ? -1 : 0;
}}
""")
        self.sizes.append(f"arm_fully_connected_s8_get_buffer_size(&(cmsis_nn_dims){{{in_depth}, 1, 1, {out_depth}}})")
        del out

    def _conv(self, op: OpInfo, depthwise: bool) -> None:
        k = op.index
        x, f, out = self.t(op.inputs[0]), self.t(op.inputs[1]), self.t(op.outputs[0])
        o = op.options
        s_in, zp_in = self.q(op.inputs[0])
        s_out, zp_out = self.q(op.outputs[0])
        channels = f.shape[3] if depthwise else f.shape[0]
        self.mults(k, params.conv_reals(s_in, f.scale, channels, s_out))
        wname, bname = self._weights(op)
        lo, hi = activation_range(o.get("FusedActivationFunction", 0), s_out, zp_out)
        sh, sw, dh, dw = o["StrideH"], o["StrideW"], o["DilationHFactor"], o["DilationWFactor"]
        ph = _padding(o["Padding"], x.shape[1], f.shape[1], sh, dh, out.shape[1])
        pw = _padding(o["Padding"], x.shape[2], f.shape[2], sw, dw, out.shape[2])
        in_d = "{%d, %d, %d, %d}" % tuple(x.shape)
        o_d = "{%d, %d, %d, %d}" % tuple(out.shape)
        f_d = "{%d, %d, %d, %d}" % tuple(f.shape)
        b_d = "{1, 1, 1, %d}" % channels
        if depthwise:
            cparams = (f"const cmsis_nn_dw_conv_params cp = {{{-zp_in}, {zp_out}, {f.shape[3] // x.shape[3]}, "
                      f"{{{sw}, {sh}}}, {{{pw}, {ph}}}, {{{dw}, {dh}}}, {{{lo}, {hi}}}}};")
            size = "arm_depthwise_conv_wrapper_s8_get_buffer_size(&cp, &in_d, &f_d, &o_d)"
            call = "arm_depthwise_conv_wrapper_s8"
        else:
            cparams = (f"const cmsis_nn_conv_params cp = {{{-zp_in}, {zp_out}, {{{sw}, {sh}}}, {{{pw}, {ph}}}, "
                      f"{{{dw}, {dh}}}, {{{lo}, {hi}}}}};")
            size = "arm_convolve_wrapper_s8_get_buffer_size(&cp, &in_d, &f_d, &o_d)"
            call = "arm_convolve_wrapper_s8"
        self.funcs.append(f"""static int layer{k}(uint8_t* arena) {{
  {cparams}
  const cmsis_nn_per_channel_quant_params q = {{(int32_t*)mult{k}, (int32_t*)shift{k}}};
  const cmsis_nn_dims in_d = {in_d}, f_d = {f_d}, b_d = {b_d}, o_d = {o_d};
  const cmsis_nn_context ctx = {{g_scratch, {size}}};
  return {call}(&ctx, &cp, &q, &in_d, {self.at(op.inputs[0])}, &f_d, {wname}, &b_d, {bname}, &o_d,
                {self.at(op.outputs[0], False)}) != ARM_CMSIS_NN_SUCCESS ? -1 : 0;
}}
static int32_t scratch{k}(void) {{
  {cparams}
  const cmsis_nn_dims in_d = {in_d}, f_d = {f_d}, o_d = {o_d};
  return {size};
}}
""")
        self.sizes.append(f"scratch{k}()")

    def conv_2d(self, op: OpInfo) -> None:
        self._conv(op, depthwise=False)

    def depthwise_conv_2d(self, op: OpInfo) -> None:
        self._conv(op, depthwise=True)

    def _pool(self, op: OpInfo, average: bool) -> None:
        k = op.index
        x, out = self.t(op.inputs[0]), self.t(op.outputs[0])
        o = op.options
        s_out, zp_out = self.q(op.outputs[0])
        lo, hi = activation_range(o.get("FusedActivationFunction", 0), s_out, zp_out)
        fh, fw, sh, sw = o["FilterHeight"], o["FilterWidth"], o["StrideH"], o["StrideW"]
        ph = _padding(o["Padding"], x.shape[1], fh, sh, 1, out.shape[1])
        pw = _padding(o["Padding"], x.shape[2], fw, sw, 1, out.shape[2])
        fn = "arm_avgpool_s8" if average else "arm_max_pool_s8"
        size = f"arm_avgpool_s8_get_buffer_size({out.shape[2]}, {x.shape[3]})" if average else "0"
        self.funcs.append(f"""static int layer{k}(uint8_t* arena) {{
  const cmsis_nn_pool_params pp = {{{{{sw}, {sh}}}, {{{pw}, {ph}}}, {{{lo}, {hi}}}}};
  const cmsis_nn_dims in_d = {{%d, %d, %d, %d}}, f_d = {{1, {fh}, {fw}, 1}}, o_d = {{%d, %d, %d, %d}};
  const cmsis_nn_context ctx = {{g_scratch, {size}}};
  return {fn}(&ctx, &pp, &in_d, {self.at(op.inputs[0])}, &f_d, &o_d, {self.at(op.outputs[0], False)}) !=
         ARM_CMSIS_NN_SUCCESS ? -1 : 0;
}}
""" % (*x.shape, *out.shape))
        self.sizes.append(size)

    def average_pool_2d(self, op: OpInfo) -> None:
        self._pool(op, average=True)

    def max_pool_2d(self, op: OpInfo) -> None:
        self._pool(op, average=False)

    def add(self, op: OpInfo) -> None:
        k = op.index
        a, b, out = self.t(op.inputs[0]), self.t(op.inputs[1]), self.t(op.outputs[0])
        if tuple(a.shape) != tuple(b.shape):
            self.funcs.append(f"static int layer{k}(uint8_t* arena) {{ (void)arena; return 1; }}\n")
            return
        (s1, z1), (s2, z2), (so, zo) = self.q(op.inputs[0]), self.q(op.inputs[1]), self.q(op.outputs[0])
        f = params.add(s1, z1, s2, z2, so, zo, op.options.get("FusedActivationFunction", 0))
        m1, m2, mo = (f["input1.value"], f["input1.shift"]), (f["input2.value"], f["input2.shift"]), (
            f["output.value"], f["output.shift"])
        lo, hi = f["act_min"], f["act_max"]
        n = int(np.prod(out.shape))
        self.funcs.append(f"""static int layer{k}(uint8_t* arena) {{
  return arm_elementwise_add_s8({self.at(op.inputs[0])}, {self.at(op.inputs[1])}, {-z1}, {m1[0]}, {m1[1]}, {-z2},
                                {m2[0]}, {m2[1]}, 20, {self.at(op.outputs[0], False)}, {zo}, {mo[0]}, {mo[1]}, {lo},
                                {hi}, {n}) != ARM_CMSIS_NN_SUCCESS ? -1 : 0;
}}
""")

    def softmax(self, op: OpInfo) -> None:
        k = op.index
        x = self.t(op.inputs[0])
        depth = x.shape[-1]
        rows = int(np.prod(x.shape)) // depth
        f = params.softmax(float(op.options.get("Beta", 1.0)), self.q(op.inputs[0])[0], single=False)
        m, shift, diff_min = f["input_multiplier"], f["input_left_shift"], f["diff_min"]
        self.funcs.append(f"""static int layer{k}(uint8_t* arena) {{
  arm_softmax_s8({self.at(op.inputs[0])}, {rows}, {depth}, {m}, {shift}, {diff_min}, {self.at(op.outputs[0], False)});
  return 0;
}}
""")


def cmsis_source(model: ModelInfo, memory: Plan, scratch_bytes: int = 16384) -> str:
    """C source defining `int cmsis_layer(int index, uint8_t* arena)` (0: ran, 1: no CMSIS-NN
    kernel for this op, -1: the kernel returned an error) and `int32_t cmsis_scratch_bytes(void)`
    (the largest scratch buffer any layer asks for)."""
    w = _Writer(model, memory)
    for op in model.ops:
        w.op(op)
    cases = "\n".join(f"    case {op.index}: return layer{op.index}(arena);" for op in model.ops)
    sizes = "\n".join(f"  {{ const int32_t s = {e}; if (s > m) m = s; }}" for e in w.sizes)
    return f"""// Generated by bench/m4_cmsis.py: CMSIS-NN kernels for each layer of the model (benchmark only).
#include <stddef.h>
#include <stdint.h>
#include "arm_nnfunctions.h"

#define SCRATCH_BYTES {scratch_bytes}
static int8_t g_scratch[SCRATCH_BYTES] __attribute__((aligned(4)));

{"".join(w.data)}
{"".join(w.funcs)}
int cmsis_layer(int index, uint8_t* arena) {{
  switch (index) {{
{cases}
    default: return 1;
  }}
}}

int32_t cmsis_scratch_bytes(void) {{
  int32_t m = 0;
{sizes}
  return m;
}}

int32_t cmsis_scratch_capacity(void) {{ return SCRATCH_BYTES; }}
"""
