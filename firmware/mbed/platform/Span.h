// mbed::Span<T, Extent>: a non-owning view of a contiguous sequence (pointer + size), as in
// Mbed OS 6 (close to C++20 std::span, with Mbed's names: index_type is ptrdiff_t and the
// dynamic extent is SPAN_DYNAMIC_EXTENT).
//
// @code
// const uint8_t data[] = {1, 2, 3, 4};
// Span<const uint8_t> all(data);             // size 4
// Span<const uint8_t> tail = all.subspan(1); // {2, 3, 4}
// Span<const uint8_t, 2> head = all.first<2>();
// @endcode
#pragma once
#include <array>
#include <cstddef>
#include <iterator>
#include <type_traits>

#include "platform/mbed_assert.h"

namespace mbed {

#define SPAN_DYNAMIC_EXTENT -1

template <typename ElementType, ptrdiff_t Extent = SPAN_DYNAMIC_EXTENT>
struct Span {
  static_assert(Extent >= 0 || Extent == SPAN_DYNAMIC_EXTENT, "invalid extent for a Span");

  typedef ElementType element_type;
  typedef std::remove_cv_t<ElementType> value_type;
  typedef ptrdiff_t index_type;
  typedef element_type* pointer;
  typedef element_type& reference;
  typedef pointer iterator;
  typedef std::reverse_iterator<iterator> reverse_iterator;

  static constexpr index_type extent = Extent;

  /** An empty span (only for Extent 0 or dynamic). */
  Span() : data_(nullptr), size_(0) {
    static_assert(Extent <= 0, "a fixed-size Span cannot be default constructed");
  }
  /** View `count` elements starting at `ptr`. */
  Span(pointer ptr, index_type count) : data_(ptr), size_(count) {
    MBED_ASSERT(Extent == SPAN_DYNAMIC_EXTENT || Extent == count);
  }
  /** View [first, last). */
  Span(pointer first, pointer last) : data_(first), size_(last - first) {
    MBED_ASSERT(first <= last);
    MBED_ASSERT(Extent == SPAN_DYNAMIC_EXTENT || Extent == last - first);
  }
  /** View a whole array (its size is the extent, or any size for a dynamic Span). */
  template <size_t N, typename = std::enable_if_t<Extent == SPAN_DYNAMIC_EXTENT || Extent == ptrdiff_t(N)>>
  Span(element_type (&elements)[N]) : data_(elements), size_(N) {}
  template <typename T, size_t N,
            typename = std::enable_if_t<std::is_convertible<T (*)[], element_type (*)[]>::value &&
                                        (Extent == SPAN_DYNAMIC_EXTENT || Extent == ptrdiff_t(N))>>
  Span(std::array<T, N>& a) : data_(a.data()), size_(N) {}
  template <typename T, size_t N,
            typename = std::enable_if_t<std::is_convertible<const T (*)[], element_type (*)[]>::value &&
                                        (Extent == SPAN_DYNAMIC_EXTENT || Extent == ptrdiff_t(N))>>
  Span(const std::array<T, N>& a) : data_(a.data()), size_(N) {}
  /** Convert from a compatible span (T to const T; fixed to dynamic extent). */
  template <typename OtherElementType, ptrdiff_t OtherExtent,
            typename = std::enable_if_t<std::is_convertible<OtherElementType (*)[], ElementType (*)[]>::value &&
                                        (Extent == SPAN_DYNAMIC_EXTENT || Extent == OtherExtent)>>
  Span(const Span<OtherElementType, OtherExtent>& other) : data_(other.data()), size_(other.size()) {}

  index_type size() const { return size_; }
  index_type size_bytes() const { return size_ * static_cast<index_type>(sizeof(element_type)); }
  bool empty() const { return size_ == 0; }
  pointer data() const { return data_; }

  reference operator[](index_type index) const {
    MBED_ASSERT(index >= 0 && index < size_);
    return data_[index];
  }
  reference front() const { return (*this)[0]; }
  reference back() const { return (*this)[size_ - 1]; }

  iterator begin() const { return data_; }
  iterator end() const { return data_ + size_; }
  reverse_iterator rbegin() const { return reverse_iterator(end()); }
  reverse_iterator rend() const { return reverse_iterator(begin()); }

  /** The first Count elements. */
  template <ptrdiff_t Count>
  Span<element_type, Count> first() const {
    static_assert(Count >= 0, "invalid count");
    MBED_ASSERT(Count <= size_);
    return Span<element_type, Count>(data_, Count);
  }
  Span<element_type, SPAN_DYNAMIC_EXTENT> first(index_type count) const {
    MBED_ASSERT(count >= 0 && count <= size_);
    return Span<element_type, SPAN_DYNAMIC_EXTENT>(data_, count);
  }
  /** The last Count elements. */
  template <ptrdiff_t Count>
  Span<element_type, Count> last() const {
    static_assert(Count >= 0, "invalid count");
    MBED_ASSERT(Count <= size_);
    return Span<element_type, Count>(data_ + (size_ - Count), Count);
  }
  Span<element_type, SPAN_DYNAMIC_EXTENT> last(index_type count) const {
    MBED_ASSERT(count >= 0 && count <= size_);
    return Span<element_type, SPAN_DYNAMIC_EXTENT>(data_ + (size_ - count), count);
  }
  /** Count elements from Offset (to the end when Count is SPAN_DYNAMIC_EXTENT). */
  template <ptrdiff_t Offset, ptrdiff_t Count = SPAN_DYNAMIC_EXTENT>
  Span<element_type, Count != SPAN_DYNAMIC_EXTENT ? Count : (Extent != SPAN_DYNAMIC_EXTENT ? Extent - Offset
                                                                                           : SPAN_DYNAMIC_EXTENT)>
  subspan() const {
    MBED_ASSERT(Offset >= 0 && Offset <= size_);
    MBED_ASSERT(Count == SPAN_DYNAMIC_EXTENT || (Count >= 0 && Offset + Count <= size_));
    constexpr ptrdiff_t kExtent =
        Count != SPAN_DYNAMIC_EXTENT ? Count : (Extent != SPAN_DYNAMIC_EXTENT ? Extent - Offset : SPAN_DYNAMIC_EXTENT);
    return Span<element_type, kExtent>(data_ + Offset, Count == SPAN_DYNAMIC_EXTENT ? size_ - Offset : Count);
  }
  Span<element_type, SPAN_DYNAMIC_EXTENT> subspan(index_type offset, index_type count = SPAN_DYNAMIC_EXTENT) const {
    MBED_ASSERT(offset >= 0 && offset <= size_);
    MBED_ASSERT(count == SPAN_DYNAMIC_EXTENT || (count >= 0 && offset + count <= size_));
    return Span<element_type, SPAN_DYNAMIC_EXTENT>(data_ + offset,
                                                   count == SPAN_DYNAMIC_EXTENT ? size_ - offset : count);
  }

 private:
  pointer data_;
  index_type size_;
};

/** Equal when both have the same size and equal elements (or view the same memory). */
template <typename T, ptrdiff_t LE, typename U, ptrdiff_t RE>
bool operator==(const Span<T, LE>& lhs, const Span<U, RE>& rhs) {
  if (lhs.size() != rhs.size()) return false;
  if (lhs.data() == rhs.data()) return true;
  for (ptrdiff_t i = 0; i < lhs.size(); ++i)
    if (!(lhs[i] == rhs[i])) return false;
  return true;
}
template <typename T, ptrdiff_t LE, typename U, ptrdiff_t RE>
bool operator!=(const Span<T, LE>& lhs, const Span<U, RE>& rhs) {
  return !(lhs == rhs);
}
template <typename T, ptrdiff_t LE, size_t N>
bool operator==(const Span<T, LE>& lhs, T (&rhs)[N]) {
  return lhs == Span<T>(rhs);
}
template <typename T, ptrdiff_t LE, size_t N>
bool operator==(T (&lhs)[N], const Span<T, LE>& rhs) {
  return Span<T>(lhs) == rhs;
}

/** Span helpers with the type deduced. */
template <typename T, size_t N>
Span<T, N> make_Span(T (&elements)[N]) {
  return Span<T, N>(elements);
}
template <ptrdiff_t Extent, typename T>
Span<T, Extent> make_Span(T* elements) {
  return Span<T, Extent>(elements, Extent);
}
template <typename T>
Span<T> make_Span(T* array_ptr, ptrdiff_t array_size) {
  return Span<T>(array_ptr, array_size);
}
template <typename T, size_t N>
Span<const T, N> make_const_Span(const T (&elements)[N]) {
  return Span<const T, N>(elements);
}
template <size_t Extent, typename T>
Span<const T, Extent> make_const_Span(const T* elements) {
  return Span<const T, Extent>(elements, Extent);
}
template <typename T>
Span<const T> make_const_Span(T* array_ptr, size_t array_size) {
  return Span<const T>(array_ptr, static_cast<ptrdiff_t>(array_size));
}

}  // namespace mbed
