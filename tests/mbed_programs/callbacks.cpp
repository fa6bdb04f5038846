// mbed::Callback in all its Mbed OS 6 forms: plain functions, a bound first argument (pointer,
// const pointer), member functions (const and not), lambdas, deduction guides, comparisons.
#include "mbed.h"

struct Counter {
  int n = 0;
  void add(int k) { n += k; }
  int get() const { return n; }
};

static int twice(int x) { return 2 * x; }
static void bump(Counter* c, int k) { c->add(k); }
static int peek(const Counter* c) { return c->get(); }
static void hello(const void* name) { printf("hello %s\n", static_cast<const char*>(name)); }

int main() {
  Counter c;
  Callback<int(int)> f = twice;
  printf("plain: %d\n", f(21));
  Callback<void(int)> b = callback(bump, &c);
  b(5);
  b(7);
  printf("bound: %d\n", c.n);
  printf("bound const: %d\n", callback(peek, static_cast<const Counter*>(&c))());
  Callback<void(int)> m = callback(&c, &Counter::add);
  m(30);
  Callback<int()> g = callback(&c, &Counter::get);
  printf("member: %d\n", g());
  int captured = 100;
  auto lambda = callback([&captured](int k) { return captured + k; });
  printf("lambda: %d\n", lambda(1));
  Callback cb(twice);  // C++17 deduction guide
  printf("deduced: %d\n", cb(4));
  callback(hello, static_cast<const void*>("Th 2"))();
  Callback<void()> empty;
  printf("empty: %d %d\n", empty == nullptr, static_cast<bool>(callback(hello, "x")));
  Callback<int(int)> copy = f;
  f = nullptr;
  printf("copy: %d, cleared: %d\n", copy(8), f == nullptr);
  printf("thunk: %d\n", Callback<int(int)>::thunk(&copy, 9));
  return 0;
}
