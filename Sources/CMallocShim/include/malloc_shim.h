#ifndef MALLOC_SHIM_H
#define MALLOC_SHIM_H

#include <stddef.h>

/// Serves every allocation of at least `bytes` from its own mapping, returned to the system when
/// it is freed (glibc mallopt M_MMAP_THRESHOLD; setting it also stops glibc from raising the
/// threshold by itself). Returns 1 on success, 0 when glibc refused.
int wl_malloc_map_large(size_t bytes);

/// Lets at most `count` malloc arenas exist (glibc mallopt M_ARENA_MAX): threads share them
/// rather than each keeping freed space of its own. Returns 1 on success, 0 when glibc refused.
int wl_malloc_max_arenas(int count);

/// Gives the free memory of every malloc arena back to the system (glibc malloc_trim(0)).
/// Returns 1 when some memory was released, 0 when none was.
int wl_malloc_trim(void);

#endif
