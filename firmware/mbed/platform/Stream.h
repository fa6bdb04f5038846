// mbed::Stream: printf/scanf/putc/getc over a device's _putc/_getc (the base of Mbed OS 5's
// Serial, and of drivers such as LCD libraries that print through printf).
#pragma once
#include <cstdarg>
#include <cstdio>

#include "platform/FileHandle.h"

namespace mbed {

class Stream : public FileHandle {
 public:
  explicit Stream(const char* name = nullptr) { (void)name; }
  ~Stream() override;

  int putc(int c) {
    lock();
    const int r = _putc(c);
    unlock();
    return r;
  }
  int puts(const char* s);
  int getc() {
    lock();
    const int r = _getc();
    unlock();
    return r;
  }
  char* gets(char* s, int size);
  int printf(const char* format, ...) __attribute__((format(printf, 2, 3)));
  int scanf(const char* format, ...) __attribute__((format(scanf, 2, 3)));
  int vprintf(const char* format, std::va_list args);
  int vscanf(const char* format, std::va_list args);
  operator std::FILE*() { return file(); }

 protected:
  int close() override { return 0; }
  ssize_t write(const void* buffer, size_t length) override;
  ssize_t read(void* buffer, size_t length) override;
  off_t seek(off_t, int = SEEK_SET) override { return -ESPIPE; }
  off_t tell() override { return -ESPIPE; }
  void rewind() override {}
  int isatty() override { return 0; }
  int sync() override { return 0; }
  off_t size() override { return 0; }

  virtual int _putc(int c) = 0;
  virtual int _getc() = 0;
  virtual void lock() {}
  virtual void unlock() {}

 private:
  std::FILE* file();
  std::FILE* file_ = nullptr;
};

}  // namespace mbed
