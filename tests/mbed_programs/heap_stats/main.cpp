// Heap statistics with platform.heap-stats-enabled (mbed_app.json): new[] and malloc are counted, freed
// blocks uncounted, on every target.
#include "mbed.h"
char* volatile keep_a;
void* volatile keep_b;
int main() {
  mbed_stats_heap_t h;
  mbed_stats_heap_get(&h);
  const uint32_t base = h.current_size, count = h.alloc_cnt;
  keep_a = new char[1000];
  keep_b = malloc(500);
  mbed_stats_heap_get(&h);
  printf("after: +%u blocks, >=1500 bytes %d, max %d, reserved %d\n", unsigned(h.alloc_cnt - count),
         h.current_size - base >= 1500, h.max_size >= h.current_size, h.reserved_size > 0);
  delete[] keep_a;
  free(keep_b);
  mbed_stats_heap_get(&h);
  printf("freed: %u blocks left, total >= 1500 %d\n", unsigned(h.alloc_cnt - count), h.total_size >= 1500);
}
