#ifndef C_ALLOCATION_COUNTER_H
#define C_ALLOCATION_COUNTER_H

#include <stdbool.h>
#include <stdint.h>

/// Starts or stops counting the process's heap allocations (malloc, calloc, realloc, aligned allocations).
void allocation_counter_set_enabled(bool enabled);

/// Zeroes the allocation and byte counts.
void allocation_counter_reset(void);

/// Allocations counted since the last reset while counting was enabled.
uint64_t allocation_counter_allocations(void);

/// Bytes requested by the counted allocations.
uint64_t allocation_counter_bytes(void);

/// Bytes of heap in use now, from glibc's mallinfo2: small-chunk arenas plus mmapped blocks, chunk overhead included.
uint64_t heap_bytes_in_use(void);

#endif
