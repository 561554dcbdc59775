#include "CVernierRuntimeShims.h"

// __GLIBC__ comes from the C library's headers, not the compiler's: include one before testing it.
#include <stdlib.h>

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
#include <malloc.h>

bool vernier_read_heap_statistics(vernier_heap_statistics *statistics) {
    struct mallinfo2 info = mallinfo2();
    statistics->in_use = info.uordblks + info.hblkhd;
    statistics->held = info.arena + info.hblkhd;
    return true;
}

bool vernier_trim_heap(void) {
    malloc_trim(0);
    return true;
}

#else

bool vernier_read_heap_statistics(vernier_heap_statistics *statistics) {
    (void)statistics;
    return false;
}

bool vernier_trim_heap(void) {
    return false;
}

#endif
