#pragma once
#include <cstdarg>

namespace mbed {

/** A character stream with printf, as Mbed OS's mbed::Stream: a class that implements
 * _putc() and _getc() gets putc(), puts(), getc() and printf() (the C12832 LCD does).
 *
 * @code
 * class Upper : public mbed::Stream {
 * protected:
 *     int _putc(int c) override { return std::putchar(std::toupper(c)); }
 *     int _getc() override { return -1; }
 * };
 * @endcode
 */
class Stream {
 public:
  explicit Stream(const char* name = nullptr) { (void)name; }
  virtual ~Stream() = default;
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  /** Write one character. */
  int putc(int c) { return _putc(c); }
  /** Write a string (no newline is added). */
  int puts(const char* s);
  /** Read one character (-1 if none). */
  int getc() { return _getc(); }
  /** Formatted output, one _putc() per character. */
  int printf(const char* format, ...) __attribute__((format(printf, 2, 3)));
  int vprintf(const char* format, std::va_list args) __attribute__((format(printf, 2, 0)));

 protected:
  virtual int _putc(int c) = 0;
  virtual int _getc() = 0;
};

}  // namespace mbed
