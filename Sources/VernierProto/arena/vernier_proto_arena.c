#include "vernier_proto_arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

enum { first_block_size = 16 * 1024, largest_block_size = 1024 * 1024 };

typedef struct block {
    struct block *previous;
    size_t capacity;
    size_t used;
    alignas(max_align_t) unsigned char bytes[];
} block;

struct vernier_proto_arena {
    block *current;
    size_t next_capacity;
};

vernier_proto_arena *vernier_proto_arena_create(void) {
    vernier_proto_arena *arena = calloc(1, sizeof *arena);
    if (arena != NULL) {
        arena->next_capacity = first_block_size;
    }
    return arena;
}

static block *add_block(vernier_proto_arena *arena, size_t minimum) {
    size_t capacity = arena->next_capacity > minimum ? arena->next_capacity : minimum;
    block *fresh = malloc(sizeof(block) + capacity);
    if (fresh == NULL) {
        return NULL;
    }
    fresh->previous = arena->current;
    fresh->capacity = capacity;
    fresh->used = 0;
    arena->current = fresh;
    if (arena->next_capacity < largest_block_size) {
        arena->next_capacity *= 2;
    }
    return fresh;
}

void *vernier_proto_arena_alloc(vernier_proto_arena *arena, size_t size) {
    const size_t alignment = alignof(max_align_t);
    size_t rounded = (size + alignment - 1) & ~(alignment - 1);
    if (rounded < size) {
        return NULL;
    }
    block *current = arena->current;
    if (current == NULL || current->capacity - current->used < rounded) {
        current = add_block(arena, rounded);
        if (current == NULL) {
            return NULL;
        }
    }
    void *result = current->bytes + current->used;
    current->used += rounded;
    memset(result, 0, size);
    return result;
}

char *vernier_proto_arena_copy_string(vernier_proto_arena *arena, const char *bytes, size_t length) {
    char *copy = vernier_proto_arena_alloc(arena, length + 1);
    if (copy != NULL) {
        if (length > 0) {
            memcpy(copy, bytes, length);
        }
        copy[length] = '\0';
    }
    return copy;
}

static void free_blocks(vernier_proto_arena *arena) {
    block *current = arena->current;
    while (current != NULL) {
        block *previous = current->previous;
        free(current);
        current = previous;
    }
    arena->current = NULL;
}

void vernier_proto_arena_reset(vernier_proto_arena *arena) {
    block *current = arena->current;
    if (current == NULL) {
        return;
    }
    if (current->previous == NULL) {
        current->used = 0;
        return;
    }
    size_t total = 0;
    for (block *each = current; each != NULL; each = each->previous) {
        total += each->capacity;
    }
    free_blocks(arena);
    add_block(arena, total);
}

void vernier_proto_arena_destroy(vernier_proto_arena *arena) {
    if (arena == NULL) {
        return;
    }
    free_blocks(arena);
    free(arena);
}
