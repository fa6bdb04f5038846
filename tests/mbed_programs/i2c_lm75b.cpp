// The LM75B on the board's I2C bus (0x48): configure it, read the temperature register,
// read back the Tos register; then an address with no device is not acknowledged.
// The test sets the temperature with `--set temp=...`.
#include "mbed.h"

I2C i2c(I2C_SDA, I2C_SCL);
const int addr8 = 0x48 << 1;

float read_temp() {
  char cmd[2] = {0x00, 0};
  i2c.write(addr8, cmd, 1, true);  // pointer = temperature, repeated start
  i2c.read(addr8, cmd, 2);
  const int16_t raw = static_cast<int16_t>((cmd[0] << 8) | cmd[1]);
  return raw / 256.0f;
}

int main() {
  char conf[2] = {0x01, 0x00};
  printf("configure: %d\n", i2c.write(addr8, conf, 2));
  for (int i = 0; i < 3; ++i) {
    printf("temp %.3f C at %llu ms\n", read_temp(), static_cast<unsigned long long>(Kernel::get_ms_count()));
    ThisThread::sleep_for(500ms);
  }
  char tos[2] = {0x03, 0};
  i2c.write(addr8, tos, 1);
  i2c.read(addr8, tos, 2);
  printf("Tos register: %d C\n", static_cast<int8_t>(tos[0]));
  char x = 0;
  printf("nobody at 0x50: write returns %d\n", i2c.write(0x50 << 1, &x, 1));
  // Byte level: start, address, pointer, repeated start, read.
  i2c.start();
  const int ack = i2c.write(addr8);
  i2c.write(0x00);
  i2c.start();
  i2c.write(addr8 | 1);
  const int msb = i2c.read(1);
  const int lsb = i2c.read(0);
  i2c.stop();
  printf("byte level: ack %d, temp %.3f C\n", ack, static_cast<int16_t>((msb << 8) | lsb) / 256.0f);
}
