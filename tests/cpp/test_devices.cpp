// Unit tests of the bus-level device models against their datasheets (ST7565R, MMA7660FC,
// SHT3x-DIS): command sets, register maps, addressing, timing rules, CRCs.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "sim/devices/mma7660.h"
#include "sim/devices/sht31.h"
#include "sim/devices/st7565r.h"

using simdev::Mma7660;
using simdev::Sht31;
using simdev::St7565r;

namespace {

void cmd(St7565r& lcd, std::initializer_list<uint8_t> bytes) {
  lcd.set_cs(false);
  lcd.set_a0(false);
  for (uint8_t b : bytes) lcd.write(b);
  lcd.set_cs(true);
}

void data(St7565r& lcd, std::initializer_list<uint8_t> bytes) {
  lcd.set_cs(false);
  lcd.set_a0(true);
  for (uint8_t b : bytes) lcd.write(b);
  lcd.set_cs(true);
}

// The C12832 start-up sequence: display off, bias 1/9, ADC normal, COM reverse, resistor
// ratio, power on, start line 0, display on, contrast 0x17, normal display.
void init_c12832(St7565r& lcd) {
  lcd.set_reset(false);
  lcd.set_reset(true);
  cmd(lcd, {0xAE, 0xA2, 0xA0, 0xC8, 0x22, 0x2F, 0x40, 0xAF, 0x81, 0x17, 0xA6});
}

std::vector<uint8_t> panel(const St7565r& lcd) {
  std::vector<uint8_t> px(St7565r::kPanelWidth * St7565r::kPanelHeight);
  lcd.render(px.data());
  return px;
}

int at(const std::vector<uint8_t>& px, int x, int y) { return px[y * St7565r::kPanelWidth + x]; }

}  // namespace

TEST_CASE("ST7565R: reset state is display off, ADC normal, COM normal, page 0, column 0") {
  St7565r lcd;
  lcd.set_reset(false);
  CHECK(lcd.in_reset());
  lcd.set_reset(true);
  CHECK_FALSE(lcd.display_on());
  CHECK_FALSE(lcd.adc_reverse());
  CHECK_FALSE(lcd.com_reverse());
  CHECK(lcd.page() == 0);
  CHECK(lcd.column() == 0);
  CHECK(lcd.start_line() == 0);
  CHECK(lcd.contrast() == 0x20);
}

TEST_CASE("ST7565R: the C12832 start-up sequence sets its registers") {
  St7565r lcd;
  init_c12832(lcd);
  CHECK(lcd.display_on());
  CHECK(lcd.com_reverse());
  CHECK_FALSE(lcd.adc_reverse());
  CHECK(lcd.power_control() == 7);
  CHECK(lcd.resistor_ratio() == 2);
  CHECK(lcd.contrast() == 0x17);
  CHECK_FALSE(lcd.bias_1_7());
}

TEST_CASE("ST7565R: display data goes to (page, column) and the column advances, stopping at 131") {
  St7565r lcd;
  init_c12832(lcd);
  cmd(lcd, {0xB2, 0x17, 0x05});  // page 2, column 0x75 = 117
  CHECK(lcd.page() == 2);
  CHECK(lcd.column() == 117);
  data(lcd, {0x11, 0x22});
  CHECK(lcd.ram(2, 117) == 0x11);
  CHECK(lcd.ram(2, 118) == 0x22);
  CHECK(lcd.column() == 119);
  cmd(lcd, {0x18, 0x02});  // column 130
  data(lcd, {1, 2, 3, 4});
  CHECK(lcd.ram(2, 130) == 1);
  CHECK(lcd.ram(2, 131) == 4);  // the column stays at 131: later bytes overwrite it
  CHECK(lcd.column() == 131);
}

TEST_CASE("ST7565R: bytes are ignored while /CS1 is high or /RES is low") {
  St7565r lcd;
  init_c12832(lcd);
  lcd.set_cs(true);
  lcd.set_a0(true);
  lcd.write(0xFF);
  CHECK(lcd.ram(0, 0) == 0);
  lcd.set_cs(false);
  lcd.set_reset(false);
  lcd.write(0xFF);
  CHECK(lcd.ram(0, 0) == 0);
}

TEST_CASE("ST7565R: the panel shows pages 0-3, bit 0 on top, with ADC normal and COM reverse") {
  St7565r lcd;
  init_c12832(lcd);
  cmd(lcd, {0xB0, 0x10, 0x00});
  data(lcd, {0x01, 0x80});  // (0,0) and (1,7)
  cmd(lcd, {0xB3, 0x17, 0x0F});
  data(lcd, {0x80});  // column 127, page 3, bit 7: the bottom right pixel
  auto px = panel(lcd);
  CHECK(at(px, 0, 0) == 1);
  CHECK(at(px, 1, 7) == 1);
  CHECK(at(px, 127, 31) == 1);
  int count = 0;
  for (uint8_t p : px) count += p;
  CHECK(count == 3);
}

TEST_CASE("ST7565R: ADC reverse with COM normal turns the picture by 180 degrees (columns 4..131)") {
  St7565r lcd;
  init_c12832(lcd);
  cmd(lcd, {0xA1, 0xC0, 0xB0, 0x10, 0x04});  // ADC reverse, COM normal, page 0, column 4
  data(lcd, {0x01});                          // RAM (0, 4), line 0
  auto px = panel(lcd);
  CHECK(at(px, 127, 31) == 1);
}

TEST_CASE("ST7565R: reverse display, all points on, display off, start line") {
  St7565r lcd;
  init_c12832(lcd);
  cmd(lcd, {0xB0, 0x10, 0x00});
  data(lcd, {0x01});
  cmd(lcd, {0xA7});
  auto px = panel(lcd);
  CHECK(at(px, 0, 0) == 0);
  CHECK(at(px, 5, 5) == 1);
  cmd(lcd, {0xA6, 0xA5});
  px = panel(lcd);
  CHECK(at(px, 5, 5) == 1);
  cmd(lcd, {0xA4, 0xAE});
  px = panel(lcd);
  CHECK(at(px, 0, 0) == 0);
  cmd(lcd, {0xAF, 0x41});  // start line 1: line 1 is shown on the top row, line 0 leaves the panel
  data(lcd, {});
  cmd(lcd, {0xB0, 0x10, 0x00});
  data(lcd, {0x02});
  px = panel(lcd);
  CHECK(at(px, 0, 0) == 1);
}

TEST_CASE("ST7565R: double-byte commands take their second byte; E2 resets registers, not RAM") {
  St7565r lcd;
  init_c12832(lcd);
  cmd(lcd, {0x81, 0x3F});
  CHECK(lcd.contrast() == 0x3F);
  cmd(lcd, {0x81, 0xFF});
  CHECK(lcd.contrast() == 0x3F);  // 6 bits
  cmd(lcd, {0xB1, 0x10, 0x00});
  data(lcd, {0xAA});
  cmd(lcd, {0xE2});
  CHECK_FALSE(lcd.display_on());
  CHECK(lcd.page() == 0);
  CHECK(lcd.ram(1, 0) == 0xAA);
}

TEST_CASE("ST7565R: read-modify-write returns the column to where it started") {
  St7565r lcd;
  init_c12832(lcd);
  cmd(lcd, {0xB0, 0x10, 0x08, 0xE0});
  data(lcd, {1, 2, 3});
  CHECK(lcd.column() == 11);
  cmd(lcd, {0xEE});
  CHECK(lcd.column() == 8);
}

TEST_CASE("MMA7660: standby at power on; active mode converts g to 6-bit counts") {
  Mma7660 acc;
  uint8_t out[3];
  const uint8_t ptr0[] = {0x00};
  acc.write(ptr0, 1);
  acc.read(out, 3);
  CHECK(out[0] == 0);
  CHECK(out[2] == 0);
  const uint8_t activate[] = {0x07, 0x01};
  CHECK(acc.write(activate, 2) == 2);
  CHECK(acc.active());
  acc.set_acceleration(0.5f, -1.0f, 1.5f);
  acc.write(ptr0, 1);
  acc.read(out, 3);
  CHECK(out[0] == 11);          // round(0.5 * 21.33)
  CHECK(out[1] == (64 - 21));   // -21 in 6-bit two's complement
  CHECK(out[2] == 31);          // +1.5 g clips at +31
}

TEST_CASE("MMA7660: the register pointer auto-increments and wraps after 0x0A") {
  Mma7660 acc;
  const uint8_t sr[] = {0x08, 0x02, 0x55};  // SR then PDET, written in standby
  acc.write(sr, 3);
  CHECK(acc.reg(0x08) == 0x02);
  CHECK(acc.reg(0x09) == 0x55);
  const uint8_t ptr[] = {0x0A};
  acc.write(ptr, 1);
  uint8_t out[2];
  acc.read(out, 2);  // PD, then XOUT
  CHECK(out[1] == acc.reg(0x00));
}

TEST_CASE("MMA7660: registers other than MODE are read-only in active mode") {
  Mma7660 acc;
  const uint8_t activate[] = {0x07, 0x01};
  acc.write(activate, 2);
  const uint8_t sr[] = {0x08, 0x03};
  acc.write(sr, 2);
  CHECK(acc.reg(0x08) == 0x00);
  const uint8_t xout[] = {0x00, 0x1F};
  acc.write(xout, 2);
  CHECK(acc.reg(0x00) != 0x1F);
}

TEST_CASE("MMA7660: outputs hold in standby; TILT reports front/back and portrait/landscape") {
  Mma7660 acc;
  const uint8_t activate[] = {0x07, 0x01}, standby[] = {0x07, 0x00};
  acc.write(activate, 2);
  CHECK((acc.reg(0x03) & 0x03) == 0x01);  // flat, face up: front
  acc.set_acceleration(0.0f, 0.9f, -0.5f);
  CHECK((acc.reg(0x03) & 0x03) == 0x02);          // back
  CHECK(((acc.reg(0x03) >> 2) & 0x07) == 0x06);   // up
  acc.set_acceleration(-0.9f, 0.1f, 0.0f);
  CHECK(((acc.reg(0x03) >> 2) & 0x07) == 0x01);   // left
  acc.write(standby, 2);
  acc.set_acceleration(0.9f, 0.0f, 0.0f);
  CHECK(((acc.reg(0x03) >> 2) & 0x07) == 0x01);   // held
}

TEST_CASE("SHT31: CRC-8 of the datasheet example (0xBEEF -> 0x92)") {
  const uint8_t beef[] = {0xBE, 0xEF};
  CHECK(Sht31::crc8(beef, 2) == 0x92);
}

TEST_CASE("SHT31: single shot without clock stretching NACKs reads until the measurement is done") {
  Sht31 sensor;
  sensor.set_temperature(31.5f);
  sensor.set_humidity(62.25f);
  const uint8_t measure[] = {0x24, 0x00};
  CHECK(sensor.write(measure, 2, 1000) == 2);
  uint8_t out[6];
  CHECK(sensor.read(out, 6, 1000 + 14000) == -1);
  REQUIRE(sensor.read(out, 6, 1000 + 15000) == 6);
  CHECK(Sht31::crc8(out, 2) == out[2]);
  CHECK(Sht31::crc8(out + 3, 2) == out[5]);
  const double t = -45.0 + 175.0 * ((out[0] << 8) | out[1]) / 65535.0;
  const double rh = 100.0 * ((out[3] << 8) | out[4]) / 65535.0;
  CHECK(t == doctest::Approx(31.5).epsilon(0.0001));
  CHECK(rh == doctest::Approx(62.25).epsilon(0.0001));
  CHECK(sensor.read(out, 6, 100000) == -1);  // read once
}

TEST_CASE("SHT31: clock stretching answers at once; status, heater, reset and unknown commands") {
  Sht31 sensor;
  const uint8_t stretch[] = {0x2C, 0x06};
  sensor.write(stretch, 2, 0);
  uint8_t out[6];
  CHECK(sensor.read(out, 6, 0) == 6);
  const uint8_t status[] = {0xF3, 0x2D}, heater_on[] = {0x30, 0x6D}, clear[] = {0x30, 0x41},
                reset[] = {0x30, 0xA2}, bogus[] = {0x12, 0x34};
  sensor.write(status, 2, 0);
  REQUIRE(sensor.read(out, 3, 0) == 3);
  CHECK(((out[0] << 8) | out[1]) == 0x0010);  // reset detected after power on
  CHECK(Sht31::crc8(out, 2) == out[2]);
  sensor.write(clear, 2, 0);
  sensor.write(heater_on, 2, 0);
  CHECK(sensor.status() == 0x2000);
  sensor.write(bogus, 2, 0);
  CHECK((sensor.status() & 0x0002) != 0);
  sensor.write(reset, 2, 0);
  CHECK(sensor.status() == 0x0010);
}

TEST_CASE("SHT31: periodic mode delivers a result per period through fetch (0xE000)") {
  Sht31 sensor;
  const uint8_t periodic_1hz[] = {0x21, 0x30}, fetch[] = {0xE0, 0x00}, brk[] = {0x30, 0x93};
  sensor.write(periodic_1hz, 2, 0);
  uint8_t out[6];
  sensor.write(fetch, 2, 500000);
  CHECK(sensor.read(out, 6, 500000) == -1);
  sensor.write(fetch, 2, 1000000);
  CHECK(sensor.read(out, 6, 1000000) == 6);
  sensor.write(fetch, 2, 1500000);
  CHECK(sensor.read(out, 6, 1500000) == -1);
  sensor.write(brk, 2, 1600000);
  const uint8_t single[] = {0x24, 0x00};
  sensor.write(single, 2, 1600000);
  CHECK(sensor.read(out, 6, 1700000) == 6);
}

// ---- LCD text recognition ------------------------------------------------------------
#include "Small_7.h"
#include "sim/devices/lcd_text.h"

namespace {
// Paints text as C12832::character() does: whole 9x9 cells, advancing by each width.
int paint(std::vector<uint8_t>& px, int x, int y, const char* text) {
  for (const char* p = text; *p; ++p) {
    const unsigned char* g = Small_7 + 4 + (*p - 32) * Small_7[0];
    for (int col = 0; col < 9; ++col)
      for (int row = 0; row < 9; ++row) {
        const int bits = g[1 + 2 * col] | (g[2 + 2 * col] << 8);
        if (x + col < 128 && y + row < 32) px[(y + row) * 128 + x + col] = (bits >> row) & 1;
      }
    x += g[0];
  }
  return x;
}
}  // namespace

TEST_CASE("LCD text: lines of the default font are read back, top to bottom, with spaces") {
  std::vector<uint8_t> px(128 * 32, 0);
  paint(px, 0, 2, "L:");
  paint(px, 3, 12, "Predicted: 7");
  paint(px, 0, 22, "mbed application shield!");
  simdev::LcdText text;
  simdev::recognise_text(px.data(), 128, 32, Small_7, &text);
  REQUIRE(text.count == 3);
  CHECK(std::string(text.lines[0]) == "L:");
  CHECK(std::string(text.lines[1]) == "Predicted: 7");  // x = 3: less than a space, no indent
  CHECK(std::string(text.lines[2]) == "mbed application shield!");
  CHECK(text.y[1] == 12);
}

TEST_CASE("LCD text: every printable character is recognised; drawings are not text") {
  std::string all;
  for (int c = 33; c < 127; ++c) all += static_cast<char>(c);
  for (size_t start = 0; start < all.size(); start += 20) {
    std::vector<uint8_t> px(128 * 32, 0);
    const std::string part = "x" + all.substr(start, 20);
    paint(px, 1, 4, part.c_str());  // x = 1: no indent
    simdev::LcdText text;
    simdev::recognise_text(px.data(), 128, 32, Small_7, &text);
    REQUIRE(text.count == 1);
    CHECK(std::string(text.lines[0]) == part);
  }
  std::vector<uint8_t> px(128 * 32, 0);
  for (int x = 10; x < 120; ++x) px[5 * 128 + x] = px[25 * 128 + x] = 1;  // a frame and dots
  for (int y = 5; y < 26; ++y) px[y * 128 + 10] = px[y * 128 + 119] = 1;
  px[15 * 128 + 60] = 1;
  simdev::LcdText text;
  simdev::recognise_text(px.data(), 128, 32, Small_7, &text);
  CHECK(text.count == 0);
}
