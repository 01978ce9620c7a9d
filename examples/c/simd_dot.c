/*
 * simd_dot: integer dot products, a float AXPY-and-clamp pass and a byte box blur, vectorised with
 * wasm_simd128.h intrinsics when built for WebAssembly and plain scalar C otherwise (the native build).
 * The kernels carry target("simd128"), so the wasm build uses SIMD even without -msimd128.
 * Every result is order-independent (wrapping integer sums, element-wise float ops), so both builds
 * print exactly the same checksums.
 *
 * Usage: simd_dot [ITERATIONS]   (default 200)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __wasm__
#include <wasm_simd128.h>
#define SIMD __attribute__((target("simd128")))
#else
#define SIMD
#endif

#define N 4096       /* elements per vector */
#define W 256        /* image width */
#define H 64         /* image height */

static int16_t va[N], vb[N];
static float fx[N], fy[N];
static uint8_t img[W * H], tmp[W * H];

static uint32_t rng_state = 0x12345678u;

static uint32_t next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* Sum of va[i] * vb[i], wrapping at 32 bits. */
SIMD static uint32_t dot_i16(void)
{
#ifdef __wasm__
    v128_t acc = wasm_i32x4_splat(0);
    for (int i = 0; i < N; i += 8) {
        v128_t a = wasm_v128_load(&va[i]);
        v128_t b = wasm_v128_load(&vb[i]);
        acc = wasm_i32x4_add(acc, wasm_i32x4_dot_i16x8(a, b));
    }
    /* horizontal sum through shuffles */
    acc = wasm_i32x4_add(acc, wasm_i32x4_shuffle(acc, acc, 2, 3, 0, 1));
    acc = wasm_i32x4_add(acc, wasm_i32x4_shuffle(acc, acc, 1, 0, 3, 2));
    return (uint32_t)wasm_i32x4_extract_lane(acc, 0);
#else
    uint32_t acc = 0;
    for (int i = 0; i < N; i++) acc += (uint32_t)((int32_t)va[i] * (int32_t)vb[i]);
    return acc;
#endif
}

/* fy = clamp(k * fx + fy, -lim, lim), element-wise; each operation rounds once in both builds. */
SIMD static void axpy_clamp(float k, float lim)
{
#ifdef __wasm__
    v128_t vk = wasm_f32x4_splat(k), hi = wasm_f32x4_splat(lim), lo = wasm_f32x4_splat(-lim);
    for (int i = 0; i < N; i += 4) {
        v128_t p = wasm_f32x4_mul(vk, wasm_v128_load(&fx[i]));
        v128_t s = wasm_f32x4_add(p, wasm_v128_load(&fy[i]));
        s = wasm_f32x4_pmin(hi, s); /* s < hi ? s : hi */
        s = wasm_f32x4_pmax(lo, s); /* lo < s ? s : lo */
        wasm_v128_store(&fy[i], s);
    }
#else
    for (int i = 0; i < N; i++) {
        float p = k * fx[i];
        float s = p + fy[i];
        s = s < lim ? s : lim;
        s = -lim < s ? s : -lim;
        fy[i] = s;
    }
#endif
}

/* Horizontal then vertical 2-tap rounding average ((a + b + 1) / 2), edges clamped. */
SIMD static void blur(void)
{
    for (int y = 0; y < H; y++) {
        uint8_t *row = &img[y * W], *out = &tmp[y * W];
#ifdef __wasm__
        int x = 0;
        for (; x + 16 < W; x += 16)
            wasm_v128_store(&out[x], wasm_u8x16_avgr(wasm_v128_load(&row[x]), wasm_v128_load(&row[x + 1])));
        for (; x < W; x++) out[x] = (uint8_t)((row[x] + row[x + 1 < W ? x + 1 : x] + 1) >> 1);
#else
        for (int x = 0; x < W; x++) out[x] = (uint8_t)((row[x] + row[x + 1 < W ? x + 1 : x] + 1) >> 1);
#endif
    }
    for (int y = 0; y < H; y++) {
        uint8_t *out = &img[y * W], *a = &tmp[y * W], *b = &tmp[(y + 1 < H ? y + 1 : y) * W];
#ifdef __wasm__
        for (int x = 0; x < W; x += 16)
            wasm_v128_store(&out[x], wasm_u8x16_avgr(wasm_v128_load(&a[x]), wasm_v128_load(&b[x])));
#else
        for (int x = 0; x < W; x++) out[x] = (uint8_t)((a[x] + b[x] + 1) >> 1);
#endif
    }
}

static uint32_t hash_bytes(const void *data, size_t n, uint32_t h)
{
    const uint8_t *p = data;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
    return h;
}

int main(int argc, char **argv)
{
    long iterations = argc > 1 ? strtol(argv[1], NULL, 10) : 200;
    if (iterations < 1) iterations = 1;

    for (int i = 0; i < N; i++) {
        va[i] = (int16_t)next();
        vb[i] = (int16_t)next();
        fx[i] = (float)((int32_t)(next() % 2001u) - 1000) / 64.0f;
        fy[i] = (float)((int32_t)(next() % 2001u) - 1000) / 16.0f;
    }
    for (int i = 0; i < W * H; i++) img[i] = (uint8_t)next();

    uint32_t dots = 0;
    for (long it = 0; it < iterations; it++) {
        dots = dots * 31u + dot_i16();
        va[it % N] = (int16_t)(va[it % N] + 1); /* keep every iteration different */
        axpy_clamp(0.75f + (float)(it % 7) * 0.125f, 4000.0f);
        if (it % 8 == 0) blur();
        img[it % (W * H)] ^= 0x5a;
    }

    printf("iterations: %ld\n", iterations);
    printf("dot checksum: %08x\n", (unsigned)dots);
    printf("axpy checksum: %08x\n", (unsigned)hash_bytes(fy, sizeof fy, 2166136261u));
    printf("blur checksum: %08x\n", (unsigned)hash_bytes(img, sizeof img, 2166136261u));
    return 0;
}
