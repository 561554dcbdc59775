#ifndef VERNIER_PROTO_ARENA_H
#define VERNIER_PROTO_ARENA_H

#include <stddef.h>

/* A bump allocator for building one protobuf-c message tree.
 *
 * An encoder allocates every struct, pointer array, string and byte buffer of a request from one arena,
 * packs the root message, and frees the whole tree with one call, instead of tracking each allocation. */
typedef struct vernier_proto_arena vernier_proto_arena;

/* Creates an empty arena; NULL when out of memory. */
vernier_proto_arena *vernier_proto_arena_create(void);

/* Returns `size` zeroed bytes aligned for any C type, valid until the arena is destroyed; NULL when out of memory. */
void *vernier_proto_arena_alloc(vernier_proto_arena *arena, size_t size);

/* Copies `length` bytes and appends a NUL, for protobuf-c string fields; NULL when out of memory. */
char *vernier_proto_arena_copy_string(vernier_proto_arena *arena, const char *bytes, size_t length);

/* Takes back every allocation but keeps the memory for the next tree: the blocks a tree needed become one block
 * of their combined size, so a steady stream of similar trees allocates nothing after the first. */
void vernier_proto_arena_reset(vernier_proto_arena *arena);

/* Frees every allocation of the arena and the arena itself. */
void vernier_proto_arena_destroy(vernier_proto_arena *arena);

#endif
