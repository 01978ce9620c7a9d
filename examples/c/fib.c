/* fib.c: naive doubly recursive Fibonacci (call-heavy).
 * Usage: fib [N] [REPEAT]   (defaults 38 and 10)
 * Prints fib(N) and a checksum over REPEAT runs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* noinline keeps the compilers from turning the recursion into a loop. */
__attribute__((noinline)) static uint32_t fib(uint32_t n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 38;
    long repeat = argc > 2 ? strtol(argv[2], NULL, 10) : 10;
    uint64_t checksum = 0;
    uint32_t last = 0;
    long last_n = n;
    for (long i = 0; i < repeat; i++) {
        /* vary the argument a little so no run can be hoisted out of the loop */
        last_n = n - (i & 1);
        last = fib((uint32_t)last_n);
        checksum = checksum * 7 + last;
    }
    printf("fib(%ld) = %u\n", last_n, last);
    printf("checksum: %llu\n", (unsigned long long)checksum);
    return 0;
}
