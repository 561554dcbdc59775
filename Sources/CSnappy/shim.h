/* Snappy block compression through its C API (Debian: libsnappy-dev), as Prometheus remote-write bodies need. */
#include <snappy-c.h>
