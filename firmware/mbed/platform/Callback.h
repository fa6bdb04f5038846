// mbed::Callback: a copyable function object without heap allocation, as in Mbed OS 6.
//
// A Callback<R(Args...)> holds one of
//   - a plain function            Callback<void()>(blink)
//   - a function and a bound first argument (a pointer), the C-style "context" idiom
//                                  callback(flash, &led)            // void flash(DigitalOut *led)
//   - an object and a member function
//                                  callback(this, &Sonar::echo_in)
//   - a lambda or other function object (stored inline; no heap)
//                                  callback([&] { led = !led; })
// and calls it with call() or operator(). Empty callbacks compare equal to nullptr.
//
// @code
// #include "mbed.h"
// void blink(DigitalOut *led) { *led = !*led; }
// DigitalOut led1(LED1);
// Ticker ticker;
// int main() { ticker.attach(callback(blink, &led1), 500ms); }
// @endcode
#pragma once
#include <cstddef>
#include <cstring>
#include <functional>
#include <new>
#include <type_traits>
#include <utility>

namespace mbed {

template <typename Signature>
class Callback;

namespace detail {
// The call signature of a function object's operator() (for callback(lambda)).
template <typename M>
struct member_signature;
template <typename C, typename R, typename... A>
struct member_signature<R (C::*)(A...)> { using type = R(A...); };
template <typename C, typename R, typename... A>
struct member_signature<R (C::*)(A...) const> { using type = R(A...); };
template <typename C, typename R, typename... A>
struct member_signature<R (C::*)(A...) volatile> { using type = R(A...); };
template <typename C, typename R, typename... A>
struct member_signature<R (C::*)(A...) const volatile> { using type = R(A...); };
template <typename F>
using functor_signature_t = typename member_signature<decltype(&std::remove_reference_t<F>::operator())>::type;
}  // namespace detail

template <typename R, typename... Args>
class Callback<R(Args...)> {
 public:
  /** An empty callback (calling it is an error; test with `if (cb)`). */
  Callback() noexcept = default;
  Callback(std::nullptr_t) noexcept {}

  /** A plain function. A null function pointer gives an empty callback. */
  Callback(R (*func)(Args...)) {
    if (func) store(func);
  }

  /** A function with a bound first argument: calls func(arg, args...). */
  template <typename T, typename U, typename = std::enable_if_t<std::is_convertible<U*, T*>::value>>
  Callback(R (*func)(T*, Args...), U* arg) {
    store(BoundArg<T*>{func, arg});
  }
  template <typename T, typename U, typename = std::enable_if_t<std::is_convertible<const U*, const T*>::value>>
  Callback(R (*func)(const T*, Args...), const U* arg) {
    store(BoundArg<const T*>{func, arg});
  }
  template <typename T, typename U, typename = std::enable_if_t<std::is_convertible<volatile U*, volatile T*>::value>>
  Callback(R (*func)(volatile T*, Args...), volatile U* arg) {
    store(BoundArg<volatile T*>{func, arg});
  }
  template <typename T, typename U,
            typename = std::enable_if_t<std::is_convertible<const volatile U*, const volatile T*>::value>>
  Callback(R (*func)(const volatile T*, Args...), const volatile U* arg) {
    store(BoundArg<const volatile T*>{func, arg});
  }

  /** An object and one of its member functions: calls (obj->*method)(args...). */
  template <typename T, typename U>
  Callback(U* obj, R (T::*method)(Args...)) {
    store(BoundMethod<U, R (T::*)(Args...)>{obj, method});
  }
  template <typename T, typename U>
  Callback(const U* obj, R (T::*method)(Args...) const) {
    store(BoundMethod<const U, R (T::*)(Args...) const>{obj, method});
  }
  template <typename T, typename U>
  Callback(volatile U* obj, R (T::*method)(Args...) volatile) {
    store(BoundMethod<volatile U, R (T::*)(Args...) volatile>{obj, method});
  }
  template <typename T, typename U>
  Callback(const volatile U* obj, R (T::*method)(Args...) const volatile) {
    store(BoundMethod<const volatile U, R (T::*)(Args...) const volatile>{obj, method});
  }

  /** A function object (lambda, functor), stored inline. */
  template <typename F, typename = std::enable_if_t<!std::is_same<std::decay_t<F>, Callback>::value &&
                                                    !std::is_pointer<std::decay_t<F>>::value &&
                                                    !std::is_same<std::decay_t<F>, std::nullptr_t>::value &&
                                                    std::is_invocable_r<R, std::decay_t<F>&, Args...>::value>>
  Callback(F&& f) {
    store(std::decay_t<F>(std::forward<F>(f)));
  }

  Callback(const Callback& other) { copy_from(other); }
  Callback(Callback&& other) { copy_from(other); }
  Callback& operator=(const Callback& other) {
    if (this != &other) {
      reset();
      copy_from(other);
    }
    return *this;
  }
  Callback& operator=(Callback&& other) { return *this = static_cast<const Callback&>(other); }
  Callback& operator=(std::nullptr_t) {
    reset();
    return *this;
  }
  template <typename F, typename = std::enable_if_t<!std::is_same<std::decay_t<F>, Callback>::value>>
  Callback& operator=(F&& f) {
    return *this = Callback(std::forward<F>(f));
  }
  ~Callback() { reset(); }

  /** Call the attached function. */
  R call(Args... args) const { return ops_->call(storage_, std::forward<Args>(args)...); }
  R operator()(Args... args) const { return call(std::forward<Args>(args)...); }
  /** True when something is attached. */
  explicit operator bool() const noexcept { return ops_ != nullptr; }

  void swap(Callback& other) {
    Callback tmp(other);
    other = *this;
    *this = tmp;
  }

  /** For C APIs that take a function and a context pointer: thunk(&cb, args...) calls cb. */
  static R thunk(void* func, Args... args) { return static_cast<Callback*>(func)->call(args...); }

  friend bool operator==(const Callback& f, std::nullptr_t) noexcept { return !f; }
  friend bool operator==(std::nullptr_t, const Callback& f) noexcept { return !f; }
  friend bool operator!=(const Callback& f, std::nullptr_t) noexcept { return bool(f); }
  friend bool operator!=(std::nullptr_t, const Callback& f) noexcept { return bool(f); }

 private:
  // Room for an object pointer and a member-function pointer (two words on the Itanium ABI),
  // or a small lambda.
  static constexpr size_t kSize = 4 * sizeof(void*);
  struct Ops {
    R (*call)(const void*, Args&&...);
    void (*copy)(void*, const void*);
    void (*destroy)(void*);
  };
  template <typename P>
  struct BoundArg {
    R (*func)(P, Args...);
    P arg;
    R operator()(Args... args) const { return func(arg, std::forward<Args>(args)...); }
  };
  template <typename Obj, typename Method>
  struct BoundMethod {
    Obj* obj;
    Method method;
    R operator()(Args... args) const { return (obj->*method)(std::forward<Args>(args)...); }
  };
  template <typename F>
  static const Ops* ops_for() {
    static const Ops ops = {
        [](const void* s, Args&&... a) -> R {
          return (*const_cast<F*>(static_cast<const F*>(s)))(std::forward<Args>(a)...);
        },
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

/** The callback for a C event handler taking an int (used by serial and sockets in Mbed OS). */
using event_callback_t = Callback<void(int)>;

template <typename R, typename... Args>
void swap(Callback<R(Args...)>& lhs, Callback<R(Args...)>& rhs) {
  lhs.swap(rhs);
}

/** Create a callback whose type is inferred from the arguments. */
template <typename R, typename... Args>
Callback<R(Args...)> callback(R (*func)(Args...) = nullptr) {
  return Callback<R(Args...)>(func);
}
template <typename R, typename... Args>
Callback<R(Args...)> callback(const Callback<R(Args...)>& func) {
  return func;
}
template <typename T, typename U, typename R, typename... Args>
Callback<R(Args...)> callback(U* obj, R (T::*method)(Args...)) {
  return Callback<R(Args...)>(obj, method);
}
template <typename T, typename U, typename R, typename... Args>
Callback<R(Args...)> callback(const U* obj, R (T::*method)(Args...) const) {
  return Callback<R(Args...)>(obj, method);
}
template <typename T, typename U, typename R, typename... Args>
Callback<R(Args...)> callback(volatile U* obj, R (T::*method)(Args...) volatile) {
  return Callback<R(Args...)>(obj, method);
}
template <typename T, typename U, typename R, typename... Args>
Callback<R(Args...)> callback(const volatile U* obj, R (T::*method)(Args...) const volatile) {
  return Callback<R(Args...)>(obj, method);
}
/** A function with its first argument bound: callback(fn, &ctx)() calls fn(&ctx). */
template <typename T, typename U, typename R, typename... Args>
Callback<R(Args...)> callback(R (*func)(T*, Args...), U* arg) {
  return Callback<R(Args...)>(func, arg);
}
template <typename T, typename U, typename R, typename... Args>
Callback<R(Args...)> callback(R (*func)(const T*, Args...), const U* arg) {
  return Callback<R(Args...)>(func, arg);
}
template <typename T, typename U, typename R, typename... Args>
Callback<R(Args...)> callback(R (*func)(volatile T*, Args...), volatile U* arg) {
  return Callback<R(Args...)>(func, arg);
}
template <typename T, typename U, typename R, typename... Args>
Callback<R(Args...)> callback(R (*func)(const volatile T*, Args...), const volatile U* arg) {
  return Callback<R(Args...)>(func, arg);
}
/** A lambda or function object: its call signature gives the Callback type. */
template <typename F, typename = std::enable_if_t<!std::is_pointer<std::decay_t<F>>::value>>
Callback<detail::functor_signature_t<F>> callback(F&& f) {
  return Callback<detail::functor_signature_t<F>>(std::forward<F>(f));
}

// Deduction guides (C++17), as in Mbed OS: `Callback cb(blink);`
template <typename R, typename... Args>
Callback(R (*)(Args...)) -> Callback<R(Args...)>;
template <typename T, typename U, typename R, typename... Args>
Callback(U*, R (T::*)(Args...)) -> Callback<R(Args...)>;
template <typename T, typename U, typename R, typename... Args>
Callback(const U*, R (T::*)(Args...) const) -> Callback<R(Args...)>;
template <typename T, typename U, typename R, typename... Args>
Callback(R (*)(T*, Args...), U*) -> Callback<R(Args...)>;

}  // namespace mbed
