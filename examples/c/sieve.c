/* sieve.c: sieve of Eratosthenes over a byte array, repeated.
 * Usage: sieve [ITERATIONS] [LIMIT]   (defaults 500 and 1000000)
 * Prints the number of primes below LIMIT and a checksum over all iterations.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned count_primes(uint8_t *composite, unsigned limit, uint64_t *sum) {
    memset(composite, 0, limit);
    unsigned count = 0;
    for (unsigned i = 2; i < limit; i++) {
        if (composite[i])
            continue;
        count++;
        *sum += i;
        if (i > limit / i)
            continue; /* i * i >= limit (and would overflow): nothing to cross out */
        for (size_t j = (size_t)i * i; j < limit; j += i)
            composite[j] = 1;
    }
    return count;
}

int main(int argc, char **argv) {
    long iterations = argc > 1 ? strtol(argv[1], NULL, 10) : 500;
    long limit = argc > 2 ? strtol(argv[2], NULL, 10) : 1000000;
    if (limit < 2)
        limit = 2;
    uint8_t *composite = malloc((size_t)limit);
    if (composite == NULL) {
        fputs("out of memory\n", stderr);
        return 1;
    }
    uint64_t checksum = 0;
    unsigned count = 0;
    for (long it = 0; it < iterations; it++) {
        uint64_t sum = 0;
        count = count_primes(composite, (unsigned)limit, &sum);
        checksum = checksum * 31 + sum + (uint64_t)it;
    }
    free(composite);
    printf("primes below %ld: %u\n", limit, count);
    printf("checksum: %llu\n", (unsigned long long)checksum);
    return 0;
}
