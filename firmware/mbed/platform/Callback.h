// mbed::Callback: a copyable function object without heap allocation (small callables are
// stored inline, as in Mbed OS), for free functions, lambdas/functors and (object, method).
#pragma once
#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace mbed {

template <typename Signature>
class Callback;

template <typename R, typename... Args>
class Callback<R(Args...)> {
 public:
  Callback() = default;
  Callback(std::nullptr_t) {}
  Callback(R (*func)(Args...)) {
    if (func) store(func);
  }
  template <typename T, typename U>
  Callback(U* obj, R (T::*method)(Args...)) {
    store(Bound<U, R (T::*)(Args...)>{obj, method});
  }
  template <typename T, typename U>
  Callback(const U* obj, R (T::*method)(Args...) const) {
    store(Bound<const U, R (T::*)(Args...) const>{obj, method});
  }
  template <typename F, typename = std::enable_if_t<!std::is_same<std::decay_t<F>, Callback>::value &&
                                                    std::is_invocable_r<R, F&, Args...>::value &&
                                                    !std::is_pointer<std::decay_t<F>>::value>>
  Callback(F f) {
    store(std::move(f));
  }

  Callback(const Callback& other) { copy_from(other); }
  Callback& operator=(const Callback& other) {
    if (this != &other) {
      reset();
      copy_from(other);
    }
    return *this;
  }
  ~Callback() { reset(); }

  R call(Args... args) const { return ops_->call(storage_, std::forward<Args>(args)...); }
  R operator()(Args... args) const { return call(std::forward<Args>(args)...); }
  explicit operator bool() const { return ops_ != nullptr; }

 private:
  static constexpr size_t kSize = 4 * sizeof(void*);
  struct Ops {
    R (*call)(const void*, Args&&...);
    void (*copy)(void*, const void*);
    void (*destroy)(void*);
  };
  template <typename Obj, typename Method>
  struct Bound {
    Obj* obj;
    Method method;
    R operator()(Args... args) const { return (obj->*method)(std::forward<Args>(args)...); }
  };
  template <typename F>
  static const Ops* ops_for() {
    static const Ops ops = {
        [](const void* s, Args&&... a) -> R { return (*static_cast<const F*>(s))(std::forward<Args>(a)...); },
        [](void* d, const void* s) { new (d) F(*static_cast<const F*>(s)); },
        [](void* s) { static_cast<F*>(s)->~F(); },
    };
    return &ops;
  }
  template <typename F>
  void store(F f) {
    static_assert(sizeof(F) <= kSize, "callable too large for mbed::Callback's inline storage");
    static_assert(alignof(F) <= alignof(std::max_align_t), "callable over-aligned");
    new (storage_) F(std::move(f));
    ops_ = ops_for<F>();
  }
  void copy_from(const Callback& other) {
    if (other.ops_) {
      other.ops_->copy(storage_, other.storage_);
      ops_ = other.ops_;
    }
  }
  void reset() {
    if (ops_) ops_->destroy(storage_);
    ops_ = nullptr;
  }

  alignas(std::max_align_t) unsigned char storage_[kSize] = {};
  const Ops* ops_ = nullptr;
};

template <typename R, typename... Args>
Callback<R(Args...)> callback(R (*func)(Args...)) {
  return Callback<R(Args...)>(func);
}
template <typename T, typename U, typename R, typename... Args>
Callback<R(Args...)> callback(U* obj, R (T::*method)(Args...)) {
  return Callback<R(Args...)>(obj, method);
}
template <typename T, typename U, typename R, typename... Args>
Callback<R(Args...)> callback(const U* obj, R (T::*method)(Args...) const) {
  return Callback<R(Args...)>(obj, method);
}

}  // namespace mbed
