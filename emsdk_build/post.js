// Appended to the generated module (--post-js): the simulator's entry point and helpers for
// the page. Contract: docs/DESIGN.md, "Page <-> firmware bridge".

// Module.callMain([]) starts the simulator (which runs the app's main as the "main" thread).
Module['callMain'] = function (args) {
  try {
    return Module['_sim_start']();
  } catch (e) {
    return simOnException(e);
  }
};

// A wasm trap in one line, with its cause in words, never minified JavaScript.
function simDescribeCrash(e) {
  var text = String((e && e.message) || e);
  var causes = [
    [/unreachable/, 'the program executed a trap (undefined behaviour, e.g. a missing return, or __builtin_trap)'],
    [/memory access out of bounds/, 'invalid memory access (a bad pointer or an array index out of range)'],
    [/divide by zero|division by zero/, 'integer division by zero'],
    [/integer overflow/, 'integer overflow in a division (INT_MIN / -1)'],
    [/call stack|too much recursion|stack size exceeded/i, 'stack overflow (infinite recursion?)'],
    [/table index|indirect call|signature mismatch/, 'call through an invalid function pointer'],
    [/Aborted\(/, 'abort() was called'],
    [/out of memory|OOM|Cannot enlarge memory/i, 'out of memory'],
  ];
  for (var i = 0; i < causes.length; i++) if (causes[i][0].test(text)) return causes[i][1];
  return text.split('\n')[0].slice(0, 200);
}
Module['simDescribeCrash'] = simDescribeCrash;

function simOnException(e) {
  if (e instanceof ExitStatus || e == 'unwind') return EXITSTATUS;
  if (Module['simExited']) return 1;
  var message = simDescribeCrash(e);
  var reported = false;
  try {
    var n = lengthBytesUTF8(message) + 1;
    var ptr = _malloc(n);
    stringToUTF8(message, ptr, n);
    Module['_sim_report_crash'](ptr);  // final LCD and the end record, then onExit
    reported = true;
  } catch (e2) {
    if (e2 instanceof ExitStatus || e2 == 'unwind') reported = true;
  }
  if (!reported || !Module['simExited']) {
    Module['simExited'] = true;
    if (Module['onExit']) Module['onExit']('crashed', message);
  }
  return 1;
}

// Traps in code resumed after a sleep (Asyncify) arrive here instead of in callMain.
handleException = function (e) {
  return simOnException(e);
};

// Input from the page: text typed into the console, a device input by name ("temp",
// "lm75b.temp") and a press of a board button or joystick pin (PinName number).
Module['simSerialInput'] = function (text) {
  var bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  var ptr = _malloc(bytes.length || 1);
  HEAPU8.set(bytes, ptr);
  Module['_sim_serial_input'](ptr, bytes.length);
  _free(ptr);
};
Module['simSet'] = function (name, value) {
  var n = lengthBytesUTF8(name) + 1;
  var ptr = _malloc(n);
  stringToUTF8(name, ptr, n);
  var r = Module['_sim_set_input'](ptr, value);
  _free(ptr);
  return r === 0;
};
Module['simPress'] = function (pin, pressed) {
  Module['_sim_press'](pin, pressed ? 1 : 0);
};
