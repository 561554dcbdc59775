/* The protobuf-c runtime (Debian: libprotobuf-c-dev): packing and unpacking of the VernierProto messages. */
#include <protobuf-c/protobuf-c.h>
