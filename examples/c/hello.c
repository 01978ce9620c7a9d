/* hello.c: the smallest useful WASI guest.
 * Prints a greeting, echoes its arguments and the DJINN_GREETING environment
 * variable (if set), then copies stdin to stdout when stdin is not a terminal
 * and not empty.  Exit code 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    puts("Hello from a Djinn guest!");
    for (int i = 0; i < argc; i++)
        printf("argv[%d] = %s\n", i, argv[i]);

    const char *greeting = getenv("DJINN_GREETING");
    if (greeting != NULL)
        printf("DJINN_GREETING = %s\n", greeting);

    if (!isatty(STDIN_FILENO)) {
        char buf[4096];
        size_t total = 0, n;
        while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
            if (total == 0)
                fputs("stdin: ", stdout);
            fwrite(buf, 1, n, stdout);
            total += n;
        }
        if (total > 0)
            printf("\n(%zu bytes read from stdin)\n", total);
    }
    return 0;
}
