// mbed::FileHandle: the interface of files and devices (BufferedSerial, UnbufferedSerial,
// a program's own), and mbed_override_console to choose what stdin/stdout/stderr use.
#pragma once
#include <errno.h>
#include <cstdio>
#include <stdio.h>
#include <sys/types.h>

#include "platform/Callback.h"

#ifndef POLLIN
#define POLLIN 0x0001
#define POLLOUT 0x0010
#define POLLERR 0x1000
#define POLLHUP 0x2000
#define POLLNVAL 0x4000
#endif

namespace mbed {

class FileHandle {
 public:
  FileHandle() = default;
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
  virtual ~FileHandle() = default;

  virtual ssize_t read(void* buffer, size_t size) = 0;
  virtual ssize_t write(const void* buffer, size_t size) = 0;
  virtual off_t seek(off_t offset, int whence = SEEK_SET) = 0;
  virtual int close() = 0;
  virtual int sync() { return 0; }
  virtual int isatty() { return false; }
  virtual off_t tell() { return seek(0, SEEK_CUR); }
  virtual void rewind() { seek(0, SEEK_SET); }
  virtual off_t size() {
    const off_t here = seek(0, SEEK_CUR);
    if (here < 0) return here;
    const off_t end = seek(0, SEEK_END);
    seek(here, SEEK_SET);
    return end;
  }
  virtual int truncate(off_t length) {
    (void)length;
    return -EINVAL;
  }
  virtual int set_blocking(bool blocking) { return blocking ? 0 : -ENOTTY; }
  virtual bool is_blocking() const { return true; }
  virtual int enable_input(bool enabled) {
    (void)enabled;
    return -EINVAL;
  }
  virtual int enable_output(bool enabled) {
    (void)enabled;
    return -EINVAL;
  }
  virtual short poll(short events) const { return events & (POLLIN | POLLOUT); }
  bool writable() const { return poll(POLLOUT) & POLLOUT; }
  bool readable() const { return poll(POLLIN) & POLLIN; }
  /** Called (in interrupt context) when the handle may have become readable or writable. */
  virtual void sigio(Callback<void()> func) { (void)func; }
};

/** Define this in the program to choose the console (stdin, stdout, stderr) FileHandle:
 *  @code
 *  FileHandle* mbed::mbed_override_console(int) {
 *      static BufferedSerial console(USBTX, USBRX, 115200);
 *      return &console;
 *  }
 *  @endcode
 *  The simulator's default is the board's USB serial port. */
FileHandle* mbed_override_console(int fd);
FileHandle* mbed_target_override_console(int fd);

/** A C stdio stream on a FileHandle. */
std::FILE* fdopen(FileHandle* fh, const char* mode);

}  // namespace mbed
