#ifndef C_VERNIER_RUNTIME_SHIMS_H
#define C_VERNIER_RUNTIME_SHIMS_H

#include <stdbool.h>
#include <stddef.h>

/// What the C allocator reports about its heap, in bytes.
typedef struct {
    /// Bytes handed out to the program and not yet freed, small and large (mmapped) blocks together.
    size_t in_use;
    /// Bytes the allocator holds from the operating system: its arenas plus its mmapped blocks.
    size_t held;
} vernier_heap_statistics;

/// Fills `statistics` from glibc's `mallinfo2()`; returns false, leaving it untouched, where the C library has none.
bool vernier_read_heap_statistics(vernier_heap_statistics *statistics);

/// Returns free heap memory to the operating system with glibc's `malloc_trim(0)`; false where unavailable.
bool vernier_trim_heap(void);

#endif
