/* matmul.c: dense double-precision matrix multiplication (i-k-j order).
 * Usage: matmul [ITERATIONS] [N]   (defaults 80 and 300)
 * Prints a checksum of the result matrix with %.9f.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fill(double *m, int n, unsigned seed) {
    unsigned s = seed;
    for (int i = 0; i < n * n; i++) {
        s = s * 1103515245u + 12345u;
        m[i] = (double)((s >> 16) & 0x7fff) / 32768.0 - 0.5;
    }
}

static void multiply(const double *a, const double *b, double *c, int n) {
    memset(c, 0, sizeof(double) * (size_t)n * (size_t)n);
    for (int i = 0; i < n; i++)
        for (int k = 0; k < n; k++) {
            double aik = a[i * n + k];
            for (int j = 0; j < n; j++)
                c[i * n + j] += aik * b[k * n + j];
        }
}

int main(int argc, char **argv) {
    long iterations = argc > 1 ? strtol(argv[1], NULL, 10) : 80;
    long n = argc > 2 ? strtol(argv[2], NULL, 10) : 300;
    if (n < 1)
        n = 1;
    size_t bytes = sizeof(double) * (size_t)n * (size_t)n;
    double *a = malloc(bytes), *b = malloc(bytes), *c = malloc(bytes);
    if (!a || !b || !c) {
        fputs("out of memory\n", stderr);
        return 1;
    }
    fill(a, (int)n, 1);
    fill(b, (int)n, 2);
    double checksum = 0;
    for (long it = 0; it < iterations; it++) {
        multiply(a, b, c, (int)n);
        /* feed the result back so every iteration depends on the last */
        double trace = 0;
        for (long i = 0; i < n; i++)
            trace += c[i * n + i];
        a[(it % n) * n + (it % n)] += trace * 1e-6;
        checksum += trace;
    }
    double total = 0;
    for (long i = 0; i < n * n; i++)
        total += c[i];
    printf("trace sum: %.9f\n", checksum);
    printf("checksum: %.9f\n", total);
    free(a);
    free(b);
    free(c);
    return 0;
}
