/* strfmt.c: string formatting and parsing (snprintf, strtod, strtol).
 * Usage: strfmt [N]   (default 100000)
 * N rounds; each formats a record of integers, hex, fixed, exponent and
 * shortest-round-trip floating-point fields with snprintf, parses the numbers
 * back with strtol/strtoul/strtod, checks they round-trip, and folds the
 * text into an FNV-1a hash. Prints the hash, the sum of the parsed values and
 * a few sample records, so the output is the same on every correct libc
 * (both glibc and wasi-libc print and parse correctly rounded decimals).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t next(void) {
    /* xorshift64* */
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545F4914F6CDD1Dull;
}

/* A double with a wide spread of magnitudes and a short or long mantissa. */
static double value(void) {
    uint64_t r = next();
    double mant = (double)(r >> 11) / 9007199254740992.0; /* [0, 1) */
    int exp = (int)(r % 41) - 20;
    double v = mant;
    for (int i = 0; i < exp; i++) v *= 10.0;
    for (int i = 0; i > exp; i--) v /= 10.0;
    if (r & 0x400) v = -v;
    if ((r & 0x3000) == 0 && v < 1e12 && v > -1e12) v = (double)(int64_t)(v * 1000.0) / 8.0; /* exactly representable */
    return v;
}

static const char *const names[] = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"};

static uint64_t fnv(uint64_t h, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001B3ull;
    }
    return h;
}

/* Shortest %.*g that reads back to the same double (like a JSON serializer). */
static int shortest(char *buf, size_t size, double v) {
    int n = 0;
    for (int prec = 1; prec <= 17; prec++) {
        n = snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v) break;
    }
    return n;
}

int main(int argc, char **argv) {
    long rounds = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
    char line[512], num[64];
    uint64_t hash = 0xCBF29CE484222325ull;
    double sum = 0;
    long long isum = 0;
    long mismatches = 0;

    for (long i = 0; i < rounds; i++) {
        int id = (int)(next() % 2000001) - 1000000;
        unsigned flags = (unsigned)next();
        double x = value(), y = value();
        shortest(num, sizeof num, x);
        int n = snprintf(line, sizeof line, "{id:%d,flags:0x%08x,name:\"%-8s\",x:%s,y:%.6e,z:%.3f,pct:%5.1f%%}",
                         id, flags, names[flags & 7], num, y, x * 0.5, (double)(flags % 1000) / 10.0);
        hash = fnv(hash, line, (size_t)n);

        /* Parse the fields back. */
        char *p = strstr(line, "id:") + 3;
        long pid = strtol(p, &p, 10);
        p = strstr(p, "flags:") + 6;
        unsigned long pflags = strtoul(p, &p, 16);
        p = strstr(p, "x:") + 2;
        double px = strtod(p, &p);
        p = strstr(p, "y:") + 2;
        double py = strtod(p, &p);
        p = strstr(p, "z:") + 2;
        double pz = strtod(p, &p);
        if (pid != id || pflags != flags || px != x) mismatches++;
        isum += pid + (long long)(pflags & 0xffff);
        sum += py + pz;

        if (i % (rounds / 4 + 1) == 0) printf("%s\n", line);
    }
    printf("rounds %ld hash %016llx isum %lld sum %.10e mismatches %ld\n", rounds, (unsigned long long)hash, isum, sum,
           mismatches);
    return mismatches != 0;
}
