// Calls the application's main() from the simulator's main thread (wasm). In Emscripten the
// symbol `main` always has the (argc, argv) signature (clang adds a thunk for `int main()`),
// so this works whichever form the program uses; the implicit `return 0` of main stays.
#pragma clang diagnostic ignored "-Wmain"
extern "C" int main(int argc, char** argv);

extern "C" int sim_call_main(void) {
  static char name[] = "app";
  static char* argv[] = {name, nullptr};
  return main(1, argv);
}
