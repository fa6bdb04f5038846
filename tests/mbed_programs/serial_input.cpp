// Console input: getchar, scanf, BufferedSerial::read, UnbufferedSerial's receive interrupt,
// and the Mbed OS 5 Serial::getc. Input (from the test): "a42\nxyz" at 0 ms, "!!!" at 500 ms,
// "Q" at 800 ms.
#include "mbed.h"

static BufferedSerial buffered(USBTX, USBRX, 115200);
static UnbufferedSerial unbuffered(USBTX, USBRX);
DigitalOut led(LED1);
volatile int irq_count = 0;
char irq_bytes[8];

void on_rx() {
  char c;
  led = !led;
  if (unbuffered.read(&c, 1) == 1 && irq_count < 7) irq_bytes[irq_count++] = c;
}

int main() {
  printf("type something\n");
  const int c = getchar();
  printf("getchar: '%c'\n", c);
  int n = 0;
  const int fields = scanf("%d", &n);
  printf("scanf: %d field(s), n = %d\n", fields, n);
  (void)getchar();  // the newline scanf left
  char buf[4] = {};
  int got = 0;
  while (got < 3) {
    const ssize_t r = buffered.read(buf + got, static_cast<size_t>(3 - got));
    if (r > 0) got += static_cast<int>(r);
  }
  printf("BufferedSerial::read: \"%s\" at %llu ms\n", buf, static_cast<unsigned long long>(Kernel::get_ms_count()));
  buffered.set_blocking(false);
  char none;
  printf("non-blocking read with nothing there: %d (-EAGAIN = %d)\n", static_cast<int>(buffered.read(&none, 1)),
         -EAGAIN);
  unbuffered.attach(&on_rx, SerialBase::RxIrq);
  ThisThread::sleep_for(700ms);
  irq_bytes[irq_count] = 0;
  printf("receive interrupt: %d byte(s) \"%s\"\n", irq_count, irq_bytes);
  unbuffered.attach(nullptr, SerialBase::RxIrq);
  Serial pc(USBTX, USBRX);
  const int q = pc.getc();
  pc.printf("Serial::getc: '%c' at %llu ms\n", q, static_cast<unsigned long long>(Kernel::get_ms_count()));
}
