/* bintrees.c: allocate, walk and free many binary trees (malloc/free heavy).
 * Usage: bintrees [MAX_DEPTH]   (default 17)
 * Prints node counts per depth and a checksum.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct node {
    struct node *left, *right;
    int32_t value;
} node;

static node *build(int depth, int32_t value) {
    node *n = malloc(sizeof *n);
    if (n == NULL) {
        fputs("out of memory\n", stderr);
        exit(1);
    }
    n->value = value;
    if (depth > 0) {
        n->left = build(depth - 1, 2 * value - 1);
        n->right = build(depth - 1, 2 * value);
    } else {
        n->left = n->right = NULL;
    }
    return n;
}

/* Returns the node count; adds the node values into *sum. */
static long check(const node *n, int64_t *sum) {
    long count = 1;
    *sum += n->value;
    if (n->left != NULL) {
        count += check(n->left, sum);
        count += check(n->right, sum);
    }
    return count;
}

static void release(node *n) {
    if (n->left != NULL) {
        release(n->left);
        release(n->right);
    }
    free(n);
}

int main(int argc, char **argv) {
    int max_depth = argc > 1 ? atoi(argv[1]) : 17;
    const int min_depth = 4;
    if (max_depth < min_depth + 2)
        max_depth = min_depth + 2;

    uint64_t checksum = 0;
    int64_t sum = 0;

    node *stretch = build(max_depth + 1, 0);
    long count = check(stretch, &sum);
    release(stretch);
    printf("stretch tree of depth %d\t check: %ld\n", max_depth + 1, count);
    checksum = checksum * 31 + (uint64_t)count;

    node *long_lived = build(max_depth, 0);

    for (int depth = min_depth; depth <= max_depth; depth += 2) {
        long iterations = 1L << (max_depth - depth + min_depth);
        long total = 0;
        sum = 0;
        for (long i = 1; i <= iterations; i++) {
            node *a = build(depth, (int32_t)i);
            total += check(a, &sum);
            release(a);
            node *b = build(depth, (int32_t)-i);
            total += check(b, &sum);
            release(b);
        }
        printf("%ld\t trees of depth %d\t check: %ld\t sum: %lld\n", iterations * 2, depth, total,
               (long long)sum);
        checksum = checksum * 31 + (uint64_t)total + (uint64_t)sum;
    }

    sum = 0;
    count = check(long_lived, &sum);
    release(long_lived);
    printf("long lived tree of depth %d\t check: %ld\n", max_depth, count);
    checksum = checksum * 31 + (uint64_t)count;
    printf("checksum: %llu\n", (unsigned long long)checksum);
    return 0;
}
