/* minilang.c: the "larger program" kernel. A small scripting language:
 * a lexer, a recursive-descent parser building an AST, a resolver giving
 * every variable a frame slot, and a compiler to a stack bytecode run by a
 * switch-dispatched virtual machine with calls, integer and array values.
 * It runs one built-in script (below) that sorts, searches for primes,
 * recurses, hashes strings of digits and simulates a small cellular automaton.
 * Usage: minilang [N]   (default 120; the script's work grows with N)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *script =
    "fn fib(n) { if (n < 2) { return n; } return fib(n - 1) + fib(n - 2); }\n"
    "fn gcd(a, b) { while (b != 0) { var t = a % b; a = b; b = t; } return a; }\n"
    "fn fill(a, seed) { var i = 0; while (i < len(a)) { seed = (seed * 1103515245 + 12345) % 2147483648;\n"
    "  a[i] = seed % 100000; i = i + 1; } return seed; }\n"
    "fn qsort(a, lo, hi) { if (lo >= hi) { return 0; } var p = a[(lo + hi) / 2]; var i = lo; var j = hi;\n"
    "  while (i <= j) { while (a[i] < p) { i = i + 1; } while (a[j] > p) { j = j - 1; }\n"
    "    if (i <= j) { var t = a[i]; a[i] = a[j]; a[j] = t; i = i + 1; j = j - 1; } }\n"
    "  qsort(a, lo, j); qsort(a, i, hi); return 0; }\n"
    "fn sorted(a) { var i = 1; while (i < len(a)) { if (a[i - 1] > a[i]) { return 0; } i = i + 1; } return 1; }\n"
    "fn primes(n) { var s = array(n + 1); var c = 0; var i = 2;\n"
    "  while (i <= n) { if (s[i] == 0) { c = c + 1; var j = i * i; while (j <= n) { s[j] = 1; j = j + i; } }\n"
    "    i = i + 1; } return c; }\n"
    "fn digits(x) { var h = 7; if (x == 0) { return 48; } while (x > 0) { h = (h * 31 + 48 + x % 10) % 1000000007;\n"
    "  x = x / 10; } return h; }\n"
    "fn life(w, steps) { var g = array(w * w); var n = array(w * w); var i = 0;\n"
    "  while (i < w * w) { if ((i * 40503 / 64) % 7 < 3) { g[i] = 1; } i = i + 1; }\n"
    "  var s = 0; while (s < steps) { var y = 0; while (y < w) { var x = 0; while (x < w) {\n"
    "    var c = 0; var dy = 0 - 1; while (dy <= 1) { var dx = 0 - 1; while (dx <= 1) {\n"
    "      if (dx != 0 || dy != 0) { c = c + g[((y + dy + w) % w) * w + (x + dx + w) % w]; } dx = dx + 1; } dy = dy + 1; }\n"
    "    var k = y * w + x; if (c == 3 || (c == 2 && g[k] == 1)) { n[k] = 1; } else { n[k] = 0; } x = x + 1; } y = y + 1; }\n"
    "    var t = g; g = n; n = t; s = s + 1; }\n"
    "  var alive = 0; i = 0; while (i < w * w) { alive = alive + g[i]; i = i + 1; } return alive; }\n"
    "fn main(n) {\n"
    "  var a = array(n * 500); var seed = fill(a, 42); qsort(a, 0, len(a) - 1);\n"
    "  print(1, sorted(a), a[0], a[len(a) / 2], a[len(a) - 1]);\n"
    "  print(2, primes(n * 5000));\n"
    "  print(3, fib(18 + n / 10));\n"
    "  var g = 0; var i = 1; while (i < n * 300) { g = g + gcd(i * 7919, 1000000 - i); i = i + 1; } print(4, g);\n"
    "  var h = 0; i = 0; while (i < n * 2000) { h = (h * 17 + digits(i * 12345)) % 1000000007; i = i + 1; } print(5, h);\n"
    "  print(6, life(32, n));\n"
    "  return 0; }\n";

/* ---- values and errors ---- */

typedef struct Array { int64_t len; int64_t *data; } Array;
typedef struct { int is_array; int64_t i; Array *a; } Value;

static void die(const char *what, int line) {
    printf("error: %s (line %d)\n", what, line);
    exit(1);
}

/* ---- lexer ---- */

enum { T_EOF, T_NUM, T_ID, T_FN, T_VAR, T_IF, T_ELSE, T_WHILE, T_RETURN, T_EQ, T_NE, T_LE, T_GE, T_AND, T_OR, T_CHAR };

typedef struct { int kind; int ch; int64_t num; char name[32]; int line; } Token;

static const char *src;
static int line_no = 1;
static Token tok;

static void next_token(void) {
    while (*src == ' ' || *src == '\n' || *src == '\t') {
        if (*src == '\n') line_no++;
        src++;
    }
    tok.line = line_no;
    char c = *src;
    if (c == 0) { tok.kind = T_EOF; return; }
    if (c >= '0' && c <= '9') {
        tok.kind = T_NUM; tok.num = 0;
        while (*src >= '0' && *src <= '9') tok.num = tok.num * 10 + (*src++ - '0');
        return;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
        int n = 0;
        while ((*src >= 'a' && *src <= 'z') || (*src >= 'A' && *src <= 'Z') || (*src >= '0' && *src <= '9') || *src == '_') {
            if (n < 31) tok.name[n++] = *src;
            src++;
        }
        tok.name[n] = 0;
        static const struct { const char *w; int k; } kw[] = {
            {"fn", T_FN}, {"var", T_VAR}, {"if", T_IF}, {"else", T_ELSE}, {"while", T_WHILE}, {"return", T_RETURN}};
        tok.kind = T_ID;
        for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++)
            if (strcmp(tok.name, kw[i].w) == 0) tok.kind = kw[i].k;
        return;
    }
    static const struct { const char *s; int k; } two[] = {
        {"==", T_EQ}, {"!=", T_NE}, {"<=", T_LE}, {">=", T_GE}, {"&&", T_AND}, {"||", T_OR}};
    for (size_t i = 0; i < sizeof two / sizeof two[0]; i++)
        if (src[0] == two[i].s[0] && src[1] == two[i].s[1]) { tok.kind = two[i].k; src += 2; return; }
    tok.kind = T_CHAR; tok.ch = c; src++;
}

static int is_char(int c) { return tok.kind == T_CHAR && tok.ch == c; }
static void expect_char(int c) {
    if (!is_char(c)) { char m[32]; snprintf(m, sizeof m, "expected '%c'", c); die(m, tok.line); }
    next_token();
}

/* ---- AST ---- */

enum { N_NUM, N_VAR, N_INDEX, N_CALL, N_BIN, N_AND, N_OR, N_ASSIGN, N_SETINDEX, N_DECL, N_IF, N_WHILE, N_RETURN, N_BLOCK, N_EXPR };

typedef struct Node {
    int kind, op, line, slot;
    int64_t num;
    char name[32];
    struct Node *a, *b, *c;   /* children */
    struct Node **list; int count; /* block statements or call arguments */
} Node;

static Node *node(int kind) {
    Node *n = calloc(1, sizeof *n);
    n->kind = kind; n->line = tok.line;
    return n;
}

static void add(Node *n, Node *child) {
    n->list = realloc(n->list, sizeof(Node *) * (size_t)(n->count + 1));
    n->list[n->count++] = child;
}

static Node *expression(void);

static Node *primary(void) {
    Node *n;
    if (tok.kind == T_NUM) { n = node(N_NUM); n->num = tok.num; next_token(); }
    else if (tok.kind == T_ID) {
        n = node(N_VAR); strcpy(n->name, tok.name); next_token();
        if (is_char('(')) {
            n->kind = N_CALL; next_token();
            while (!is_char(')')) { add(n, expression()); if (is_char(',')) next_token(); }
            next_token();
        }
    } else if (is_char('(')) { next_token(); n = expression(); expect_char(')'); }
    else if (is_char('-')) { next_token(); n = node(N_BIN); n->op = '-'; n->a = node(N_NUM); n->b = primary(); }
    else { die("unexpected token", tok.line); return NULL; }
    while (is_char('[')) {
        next_token(); Node *ix = node(N_INDEX); ix->a = n; ix->b = expression(); expect_char(']'); n = ix;
    }
    return n;
}

/* Binary operators by precedence level, lowest first. */
static int binop_level(int *op) {
    switch (tok.kind) {
    case T_OR: *op = 'o'; return 1;
    case T_AND: *op = 'a'; return 2;
    case T_EQ: *op = '='; return 3;
    case T_NE: *op = '!'; return 3;
    case T_LE: *op = 'l'; return 4;
    case T_GE: *op = 'g'; return 4;
    case T_CHAR:
        *op = tok.ch;
        if (tok.ch == '<' || tok.ch == '>') return 4;
        if (tok.ch == '+' || tok.ch == '-') return 5;
        if (tok.ch == '*' || tok.ch == '/' || tok.ch == '%') return 6;
        return 0;
    default: return 0;
    }
}

static Node *binary(int min_level) {
    Node *left = primary();
    for (;;) {
        int op, level = binop_level(&op);
        if (level == 0 || level < min_level) return left;
        next_token();
        Node *right = binary(level + 1);
        Node *n = node(op == 'a' ? N_AND : op == 'o' ? N_OR : N_BIN);
        n->op = op; n->a = left; n->b = right;
        left = n;
    }
}

static Node *expression(void) {
    Node *left = binary(1);
    if (is_char('=')) {
        next_token();
        Node *value = expression();
        Node *n;
        if (left->kind == N_VAR) { n = node(N_ASSIGN); strcpy(n->name, left->name); n->a = value; }
        else if (left->kind == N_INDEX) { n = node(N_SETINDEX); n->a = left->a; n->b = left->b; n->c = value; }
        else { die("cannot assign", left->line); return NULL; }
        return n;
    }
    return left;
}

static Node *statement(void);

static Node *block(void) {
    Node *n = node(N_BLOCK);
    expect_char('{');
    while (!is_char('}')) add(n, statement());
    next_token();
    return n;
}

static Node *statement(void) {
    Node *n;
    switch (tok.kind) {
    case T_VAR:
        next_token(); n = node(N_DECL); strcpy(n->name, tok.name); next_token(); expect_char('=');
        n->a = expression(); expect_char(';'); return n;
    case T_IF:
        next_token(); n = node(N_IF); expect_char('('); n->a = expression(); expect_char(')'); n->b = block();
        if (tok.kind == T_ELSE) { next_token(); n->c = tok.kind == T_IF ? statement() : block(); }
        return n;
    case T_WHILE:
        next_token(); n = node(N_WHILE); expect_char('('); n->a = expression(); expect_char(')'); n->b = block(); return n;
    case T_RETURN:
        next_token(); n = node(N_RETURN); n->a = expression(); expect_char(';'); return n;
    default:
        if (is_char('{')) return block();
        n = node(N_EXPR); n->a = expression(); expect_char(';'); return n;
    }
}

typedef struct { char name[32]; int params; Node *body; char pnames[8][32]; int frame; int entry; } Function;
static Function funcs[64];
static int nfuncs;

static void parse_program(const char *text) {
    src = text; next_token();
    while (tok.kind != T_EOF) {
        if (tok.kind != T_FN) die("expected fn", tok.line);
        next_token();
        Function *f = &funcs[nfuncs++];
        strcpy(f->name, tok.name); next_token(); expect_char('(');
        while (!is_char(')')) { strcpy(f->pnames[f->params++], tok.name); next_token(); if (is_char(',')) next_token(); }
        next_token();
        f->body = block();
    }
}

/* ---- resolver: variables to frame slots (function scope, declared before use) ---- */

static char scope[256][32];
static int nscope;

static int lookup(const char *name, int line) {
    for (int i = nscope - 1; i >= 0; i--) if (strcmp(scope[i], name) == 0) return i;
    die("undefined variable", line);
    return -1;
}

static void resolve(Node *n) {
    if (!n) return;
    switch (n->kind) {
    case N_VAR: n->slot = lookup(n->name, n->line); return;
    case N_ASSIGN: resolve(n->a); n->slot = lookup(n->name, n->line); return;
    case N_DECL:
        resolve(n->a);
        n->slot = -1;
        for (int i = 0; i < nscope; i++) if (strcmp(scope[i], n->name) == 0) n->slot = i;
        if (n->slot < 0) { strcpy(scope[nscope], n->name); n->slot = nscope++; }
        return;
    default:
        resolve(n->a); resolve(n->b); resolve(n->c);
        for (int i = 0; i < n->count; i++) resolve(n->list[i]);
    }
}

/* ---- bytecode compiler ---- */

enum { OP_CONST, OP_LOAD, OP_STORE, OP_POP, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_LT, OP_GT, OP_LE, OP_GE, OP_EQ,
       OP_NE, OP_JMP, OP_JZ, OP_JNZ, OP_DUP, OP_INDEX, OP_SETINDEX, OP_CALL, OP_RET, OP_ARRAY, OP_LEN, OP_PRINT };

static int32_t code[1 << 16];
static int ncode;

static int emit(int32_t word) { code[ncode] = word; return ncode++; }

static int find_function(const char *name, int line) {
    for (int i = 0; i < nfuncs; i++) if (strcmp(funcs[i].name, name) == 0) return i;
    die("unknown function", line);
    return -1;
}

static void compile(Node *n) {
    int j1, j2;
    switch (n->kind) {
    case N_NUM: emit(OP_CONST); emit((int32_t)n->num); break;
    case N_VAR: emit(OP_LOAD); emit(n->slot); break;
    case N_INDEX: compile(n->a); compile(n->b); emit(OP_INDEX); break;
    case N_BIN:
        compile(n->a); compile(n->b);
        switch (n->op) {
        case '+': emit(OP_ADD); break; case '-': emit(OP_SUB); break; case '*': emit(OP_MUL); break;
        case '/': emit(OP_DIV); break; case '%': emit(OP_MOD); break; case '<': emit(OP_LT); break;
        case '>': emit(OP_GT); break; case 'l': emit(OP_LE); break; case 'g': emit(OP_GE); break;
        case '=': emit(OP_EQ); break; case '!': emit(OP_NE); break;
        default: die("bad operator", n->line);
        }
        break;
    case N_AND: case N_OR:
        compile(n->a); emit(OP_DUP); emit(n->kind == N_AND ? OP_JZ : OP_JNZ); j1 = emit(0);
        emit(OP_POP); compile(n->b); code[j1] = ncode; break;
    case N_ASSIGN: compile(n->a); emit(OP_DUP); emit(OP_STORE); emit(n->slot); break;
    case N_SETINDEX: compile(n->a); compile(n->b); compile(n->c); emit(OP_SETINDEX); break;
    case N_CALL:
        for (int i = 0; i < n->count; i++) compile(n->list[i]);
        if (strcmp(n->name, "array") == 0) emit(OP_ARRAY);
        else if (strcmp(n->name, "len") == 0) emit(OP_LEN);
        else if (strcmp(n->name, "print") == 0) { emit(OP_PRINT); emit(n->count); }
        else {
            int f = find_function(n->name, n->line);
            if (funcs[f].params != n->count) die("wrong argument count", n->line);
            emit(OP_CALL); emit(f);
        }
        break;
    case N_DECL: compile(n->a); emit(OP_STORE); emit(n->slot); break;
    case N_EXPR: compile(n->a); emit(OP_POP); break;
    case N_BLOCK: for (int i = 0; i < n->count; i++) compile(n->list[i]); break;
    case N_IF:
        compile(n->a); emit(OP_JZ); j1 = emit(0); compile(n->b);
        if (n->c) { emit(OP_JMP); j2 = emit(0); code[j1] = ncode; compile(n->c); code[j2] = ncode; }
        else code[j1] = ncode;
        break;
    case N_WHILE:
        j2 = ncode; compile(n->a); emit(OP_JZ); j1 = emit(0); compile(n->b); emit(OP_JMP); emit(j2); code[j1] = ncode; break;
    case N_RETURN: compile(n->a); emit(OP_RET); break;
    }
}

static void compile_program(void) {
    for (int f = 0; f < nfuncs; f++) {
        nscope = 0;
        for (int p = 0; p < funcs[f].params; p++) strcpy(scope[nscope++], funcs[f].pnames[p]);
        resolve(funcs[f].body);
        funcs[f].frame = nscope;
        funcs[f].entry = ncode;
        compile(funcs[f].body);
        emit(OP_CONST); emit(0); emit(OP_RET);
    }
}

/* ---- virtual machine ---- */

static Value stack[1 << 16];
static struct { int ret_pc, base; } frames[4096];

static int64_t int_of(Value v) { if (v.is_array) die("array used as a number", 0); return v.i; }
static Array *array_of(Value v) { if (!v.is_array) die("number used as an array", 0); return v.a; }

static int64_t run(int fn, int64_t arg) {
    int sp = 0, fp = 0, pc = funcs[fn].entry, base = 0;
    stack[sp++] = (Value){0, arg, NULL};
    sp = base + funcs[fn].frame;
    for (int i = 1; i < funcs[fn].frame; i++) stack[base + i] = (Value){0, 0, NULL};
    frames[fp].ret_pc = -1; frames[fp].base = 0;
    for (;;) {
        int32_t op = code[pc++];
        Value a, b;
        switch (op) {
        case OP_CONST: stack[sp++] = (Value){0, code[pc++], NULL}; break;
        case OP_LOAD: stack[sp++] = stack[base + code[pc++]]; break;
        case OP_STORE: stack[base + code[pc++]] = stack[--sp]; break;
        case OP_POP: sp--; break;
        case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
#define ARITH(OPC, EXPR) case OPC: b = stack[--sp]; a = stack[sp - 1]; \
            stack[sp - 1] = (Value){0, (EXPR), NULL}; break;
        ARITH(OP_ADD, int_of(a) + int_of(b))
        ARITH(OP_SUB, int_of(a) - int_of(b))
        ARITH(OP_MUL, int_of(a) * int_of(b))
        ARITH(OP_LT, int_of(a) < int_of(b))
        ARITH(OP_GT, int_of(a) > int_of(b))
        ARITH(OP_LE, int_of(a) <= int_of(b))
        ARITH(OP_GE, int_of(a) >= int_of(b))
        ARITH(OP_EQ, a.is_array == b.is_array && a.i == b.i && a.a == b.a)
        ARITH(OP_NE, !(a.is_array == b.is_array && a.i == b.i && a.a == b.a))
        case OP_DIV: case OP_MOD:
            b = stack[--sp]; a = stack[sp - 1];
            if (int_of(b) == 0) die("division by zero", 0);
            stack[sp - 1].i = op == OP_DIV ? int_of(a) / b.i : int_of(a) % b.i;
            break;
        case OP_JMP: pc = code[pc]; break;
        case OP_JZ: if (int_of(stack[--sp]) == 0) pc = code[pc]; else pc++; break;
        case OP_JNZ: if (int_of(stack[--sp]) != 0) pc = code[pc]; else pc++; break;
        case OP_INDEX: {
            int64_t i = int_of(stack[--sp]);
            Array *arr = array_of(stack[sp - 1]);
            if (i < 0 || i >= arr->len) die("index out of range", 0);
            stack[sp - 1] = (Value){0, arr->data[i], NULL};
            break;
        }
        case OP_SETINDEX: {
            int64_t v = int_of(stack[--sp]), i = int_of(stack[--sp]);
            Array *arr = array_of(stack[sp - 1]);
            if (i < 0 || i >= arr->len) die("index out of range", 0);
            arr->data[i] = v;
            stack[sp - 1] = (Value){0, v, NULL};
            break;
        }
        case OP_ARRAY: {
            int64_t n = int_of(stack[sp - 1]);
            Array *arr = malloc(sizeof *arr);
            arr->len = n; arr->data = calloc((size_t)n + 1, sizeof(int64_t));
            stack[sp - 1] = (Value){1, 0, arr};
            break;
        }
        case OP_LEN: stack[sp - 1] = (Value){0, array_of(stack[sp - 1])->len, NULL}; break;
        case OP_PRINT: {
            int n = code[pc++];
            for (int i = 0; i < n; i++) printf(i ? " %lld" : "%lld", (long long)int_of(stack[sp - n + i]));
            printf("\n");
            sp -= n - 1;
            stack[sp - 1] = (Value){0, 0, NULL};
            break;
        }
        case OP_CALL: {
            Function *f = &funcs[code[pc++]];
            if (++fp >= 4096 || sp + f->frame + 64 >= (1 << 16)) die("stack overflow", 0);
            frames[fp].ret_pc = pc; frames[fp].base = base;
            base = sp - f->params;
            for (int i = f->params; i < f->frame; i++) stack[base + i] = (Value){0, 0, NULL};
            sp = base + f->frame;
            pc = f->entry;
            break;
        }
        case OP_RET: {
            Value r = stack[sp - 1];
            if (frames[fp].ret_pc < 0) return int_of(r);
            sp = base;
            stack[sp++] = r;
            pc = frames[fp].ret_pc; base = frames[fp].base; fp--;
            break;
        }
        default: die("bad opcode", 0);
        }
    }
}

int main(int argc, char **argv) {
    int64_t n = argc > 1 ? strtol(argv[1], NULL, 10) : 120;
    parse_program(script);
    compile_program();
    printf("functions %d, bytecode words %d\n", nfuncs, ncode);
    int64_t r = run(find_function("main", 0), n);
    printf("result %lld\n", (long long)r);
    return 0;
}
