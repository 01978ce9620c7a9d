/* interp.c: a small stack-machine bytecode interpreter with a switch loop.
 * Usage: interp [N]   (default 15000000)
 * The bytecode program runs an inner loop N times computing a hash-like
 * accumulator with arithmetic, comparisons and branches, then prints it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum {
    OP_HALT,
    OP_PUSH,   /* imm: push constant */
    OP_LOAD,   /* imm: push local */
    OP_STORE,  /* imm: pop into local */
    OP_ADD,
    OP_SUB,
    OP_MUL,
    OP_XOR,
    OP_SHR,    /* imm: logical shift right by imm */
    OP_MOD,
    OP_LT,     /* push (a < b) */
    OP_JZ,     /* imm: pop, jump if zero */
    OP_JMP,    /* imm: jump */
    OP_DUP,
    OP_POP,
};

typedef struct {
    uint8_t op;
    int32_t imm;
} insn;

/* locals: 0 = i, 1 = n, 2 = acc, 3 = tmp */
static const insn program[] = {
    /* 0 */ {OP_PUSH, 0}, {OP_STORE, 0},          /* i = 0 */
    /* 2 */ {OP_PUSH, 17}, {OP_STORE, 2},         /* acc = 17 */
    /* 4 loop: */
    {OP_LOAD, 0}, {OP_LOAD, 1}, {OP_LT, 0}, {OP_JZ, 37}, /* if !(i < n) goto end */
    /* 8 */ {OP_LOAD, 2}, {OP_PUSH, 31}, {OP_MUL, 0}, {OP_LOAD, 0}, {OP_ADD, 0}, /* acc*31 + i */
    /* 13 */ {OP_DUP, 0}, {OP_SHR, 7}, {OP_XOR, 0}, {OP_STORE, 2},              /* acc ^= acc >> 7 */
    /* 17 */ {OP_LOAD, 0}, {OP_PUSH, 3}, {OP_MOD, 0}, {OP_JZ, 28},               /* if i % 3 == 0 goto bump */
    /* 21 */ {OP_LOAD, 2}, {OP_PUSH, 12345}, {OP_SUB, 0}, {OP_STORE, 2},         /* acc -= 12345 */
    /* 25 */ {OP_PUSH, 0}, {OP_JZ, 32}, {OP_HALT, 0},                            /* goto next */
    /* 28 bump: */ {OP_LOAD, 2}, {OP_PUSH, 977}, {OP_ADD, 0}, {OP_STORE, 2},     /* acc += 977 */
    /* 32 next: */ {OP_LOAD, 0}, {OP_PUSH, 1}, {OP_ADD, 0}, {OP_STORE, 0},       /* i++ */
    /* 36 */ {OP_JMP, 4},
    /* 37 end: */ {OP_LOAD, 2}, {OP_HALT, 0},
};

static uint32_t run(const insn *code, uint32_t n, uint64_t *steps_out) {
    uint32_t stack[64];
    uint32_t locals[4] = {0, n, 0, 0};
    int sp = 0;
    size_t pc = 0;
    uint64_t steps = 0;
    for (;;) {
        const insn in = code[pc++];
        steps++;
        switch (in.op) {
        case OP_HALT:
            *steps_out = steps;
            return sp > 0 ? stack[sp - 1] : 0;
        case OP_PUSH: stack[sp++] = (uint32_t)in.imm; break;
        case OP_LOAD: stack[sp++] = locals[in.imm]; break;
        case OP_STORE: locals[in.imm] = stack[--sp]; break;
        case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case OP_XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case OP_SHR: stack[sp - 1] >>= (unsigned)in.imm; break;
        case OP_MOD: sp--; stack[sp - 1] %= stack[sp]; break;
        case OP_LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case OP_JZ: if (stack[--sp] == 0) pc = (size_t)in.imm; break;
        case OP_JMP: pc = (size_t)in.imm; break;
        case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case OP_POP: sp--; break;
        default:
            fprintf(stderr, "bad opcode %d at %zu\n", in.op, pc - 1);
            exit(2);
        }
    }
}

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 15000000;
    uint64_t steps = 0;
    uint32_t result = run(program, (uint32_t)n, &steps);
    printf("instructions executed: %llu\n", (unsigned long long)steps);
    printf("checksum: %u\n", result);
    return 0;
}
