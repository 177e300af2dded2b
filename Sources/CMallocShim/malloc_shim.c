#include "malloc_shim.h"
#include <malloc.h>

int wl_malloc_map_large(size_t bytes) {
    if (bytes > (size_t)0x7FFFFFFF) return 0;
    return mallopt(M_MMAP_THRESHOLD, (int)bytes);
}

int wl_malloc_max_arenas(int count) { return mallopt(M_ARENA_MAX, count); }

int wl_malloc_trim(void) { return malloc_trim(0); }
