#include "devices/st7565r.h"

#include <cstring>

namespace simdev {

St7565r::St7565r() {
  std::memset(ram_, 0, sizeof ram_);  // undefined at power on in the datasheet; blank here
  reset_registers();
}

void St7565r::reset_registers() {
  // Datasheet, "Reset": display off, normal display, ADC normal, power control off, start
  // line 0, column 0, page 0, common output normal, bias 1/9 (the default for 1/65 duty),
  // read-modify-write off, static indicator off, booster 4x, electronic volume at its
  // middle value (0x20), V0 resistor ratio 0 (4.0). Display data RAM is left as it is.
  display_on_ = reverse_ = all_on_ = adc_reverse_ = com_reverse_ = false;
  bias_1_7_ = read_modify_write_ = static_indicator_ = false;
  start_line_ = page_ = column_ = rmw_column_ = 0;
  volume_ = 0x20;
  power_ = ratio_ = booster_ = indicator_mode_ = 0;
  pending_ = 0;
  ++generation_;
}

void St7565r::set_reset(bool level) {
  if (!level && reset_level_) reset_registers();  // falling edge of /RES
  reset_level_ = level;
}

void St7565r::set_cs(bool level) {
  cs_level_ = level;  // a partial byte would be dropped here; whole bytes arrive via write()
}

void St7565r::set_a0(bool level) { a0_level_ = level; }

void St7565r::write(uint8_t byte) {
  if (cs_level_ || !reset_level_) return;
  if (!a0_level_) {
    command(byte);
    return;
  }
  // Display data: written at (page, column), then the column address advances (to 131 at
  // most). In read-modify-write mode it advances on writes only, as here.
  ++data_bytes_;
  if (page_ < kPages && column_ < kColumns) {
    if (ram_[page_][column_] != byte) {
      ram_[page_][column_] = byte;
      ++generation_;
    }
  }
  if (column_ < kColumns - 1) ++column_;
}

void St7565r::command(uint8_t byte) {
  ++commands_;
  if (pending_) {  // the second byte of a double-byte command
    const uint8_t first = pending_;
    pending_ = 0;
    if (first == 0x81) {
      volume_ = byte & 0x3F;
      ++generation_;
    } else if (first == 0xAD) {
      indicator_mode_ = byte & 0x03;
    } else if (first == 0xF8) {
      booster_ = byte & 0x03;
    }
    return;
  }
  if (byte == 0xAE || byte == 0xAF) {
    display_on_ = byte & 1;
  } else if ((byte & 0xC0) == 0x40) {
    start_line_ = byte & 0x3F;
  } else if ((byte & 0xF0) == 0xB0) {
    if ((byte & 0x0F) < kPages) page_ = byte & 0x0F;  // B9-BF are not valid pages
  } else if ((byte & 0xF0) == 0x10) {
    column_ = ((byte & 0x0F) << 4) | (column_ & 0x0F);
  } else if ((byte & 0xF0) == 0x00) {
    column_ = (column_ & 0xF0) | (byte & 0x0F);
  } else if (byte == 0xA0 || byte == 0xA1) {
    adc_reverse_ = byte & 1;
  } else if (byte == 0xA6 || byte == 0xA7) {
    reverse_ = byte & 1;
  } else if (byte == 0xA4 || byte == 0xA5) {
    all_on_ = byte & 1;
  } else if (byte == 0xA2 || byte == 0xA3) {
    bias_1_7_ = byte & 1;
  } else if (byte == 0xE0) {
    read_modify_write_ = true;
    rmw_column_ = column_;
  } else if (byte == 0xEE) {
    if (read_modify_write_) column_ = rmw_column_;  // the column returns to where RMW began
    read_modify_write_ = false;
  } else if (byte == 0xE2) {
    reset_registers();
  } else if ((byte & 0xF0) == 0xC0) {
    com_reverse_ = (byte & 0x08) != 0;
  } else if ((byte & 0xF8) == 0x28) {
    power_ = byte & 0x07;
  } else if ((byte & 0xF8) == 0x20) {
    ratio_ = byte & 0x07;
  } else if (byte == 0x81 || byte == 0xAD || byte == 0xF8) {
    pending_ = byte;
    if (byte == 0xAD) static_indicator_ = true;
  } else if (byte == 0xAC) {
    static_indicator_ = false;
  }
  // 0xE3 (NOP) and undefined codes do nothing.
  ++generation_;
}

void St7565r::render(uint8_t* pixels) const {
  for (int y = 0; y < kPanelHeight; ++y) {
    // COM output: in reverse mode (C8) the panel's top row shows display line 0.
    const int com_line = com_reverse_ ? y : kPanelHeight - 1 - y;
    const int ram_line = (com_line + start_line_) % 64;
    for (int x = 0; x < kPanelWidth; ++x) {
      // ADC: normal maps column n to SEG n; reverse maps column 131 - n to SEG n.
      const int col = adc_reverse_ ? kColumns - 1 - x : x;
      bool on = (ram_[ram_line / 8][col] >> (ram_line % 8)) & 1;
      if (reverse_) on = !on;
      if (all_on_) on = true;
      if (!display_on_) on = false;
      pixels[y * kPanelWidth + x] = on ? 1 : 0;
    }
  }
}

}  // namespace simdev
