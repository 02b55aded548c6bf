/*
 * The baseline of Benchmarks/tokenize/run.sh: a plain ICU word-break loop, as a C programmer
 * would write it with no tokenizer around it.
 *
 *   icu_loop FILE             count: prints "<words> <segments>", where words are segments whose
 *                             rule status is >= 100 (UBRK_WORD_NUMBER and up: numbers, letters,
 *                             kana, ideographs) and segments are all segments that are not
 *                             white space. Nothing else is written: this is the speed baseline.
 *   icu_loop --segments FILE  prints every line's non-white-space segments separated by one space
 *                             (the SIGHAN format, like `hanmine tokenize --format text`), for F1.
 *
 * The file is read in blocks; each block up to its last line break (or the whole block when it
 * has none, like hanmine's hard cap) is converted to UTF-16 with u_strFromUTF8 and broken with
 * ubrk_open(UBRK_WORD, "zh"), whose success is a warning (-127), so failure is U_FAILURE (> 0).
 * Build: gcc -O2 icu_loop.c -licui18n -licuuc -licudata
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

enum { BLOCK = 1 << 20 };

static void die(const char *what, UErrorCode status) {
    fprintf(stderr, "icu_loop: %s: %s\n", what, u_errorName(status));
    exit(1);
}

static UChar *utf16 = NULL;
static int32_t utf16_capacity = 0;
static char *utf8_out = NULL;
static int32_t utf8_out_capacity = 0;

static int32_t to_utf16(const char *text, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t needed = 0;
    u_strFromUTF8(NULL, 0, &needed, text, length, &status);
    if (needed + 1 > utf16_capacity) {
        utf16_capacity = needed + 1;
        utf16 = realloc(utf16, sizeof(UChar) * (size_t)utf16_capacity);
        if (!utf16) { perror("icu_loop"); exit(1); }
    }
    status = U_ZERO_ERROR;
    u_strFromUTF8(utf16, utf16_capacity, &needed, text, length, &status);
    if (U_FAILURE(status)) die("u_strFromUTF8", status);
    return needed;
}

static int is_white_space(const UChar *s, int32_t start, int32_t end) {
    for (int32_t i = start; i < end;) {
        UChar32 c;
        U16_NEXT(s, i, end, c);
        if (!u_isUWhiteSpace(c)) return 0;
    }
    return 1;
}

/* Writes s[start, end) as UTF-8. */
static void put_utf16(const UChar *s, int32_t start, int32_t end) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t needed = 0;
    int32_t capacity = 4 * (end - start) + 1;
    if (capacity > utf8_out_capacity) {
        utf8_out_capacity = capacity;
        utf8_out = realloc(utf8_out, (size_t)utf8_out_capacity);
        if (!utf8_out) { perror("icu_loop"); exit(1); }
    }
    u_strToUTF8(utf8_out, utf8_out_capacity, &needed, s + start, end - start, &status);
    if (U_FAILURE(status)) die("u_strToUTF8", status);
    fwrite(utf8_out, 1, (size_t)needed, stdout);
}

/* Breaks text[0, length); counts, or prints the segments line by line. */
static void process(UBreakIterator *breaker, const char *text, int32_t length, int print,
                    long long *words, long long *segments, int *at_line_start) {
    int32_t units = to_utf16(text, length);
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(breaker, utf16, units, &status);
    if (U_FAILURE(status)) die("ubrk_setText", status);
    int32_t start = ubrk_first(breaker);
    for (int32_t end = ubrk_next(breaker); end != UBRK_DONE; start = end, end = ubrk_next(breaker)) {
        if (ubrk_getRuleStatus(breaker) >= UBRK_WORD_NUMBER) {
            ++*words;
        }
        if (is_white_space(utf16, start, end)) {
            if (!print) continue;
            for (int32_t i = start; i < end; ++i) {
                if (utf16[i] == '\n') { fputc('\n', stdout); *at_line_start = 1; }
            }
            continue;
        }
        ++*segments;
        if (print) {
            if (!*at_line_start) fputc(' ', stdout);
            put_utf16(utf16, start, end);
            *at_line_start = 0;
        }
    }
}

int main(int argc, char **argv) {
    int print = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--segments") == 0) print = 1;
        else path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: icu_loop [--segments] FILE\n");
        return 2;
    }
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); return 1; }

    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *breaker = ubrk_open(UBRK_WORD, "zh", NULL, 0, &status);
    if (U_FAILURE(status)) die("ubrk_open", status);

    char *buffer = malloc(2 * BLOCK);
    if (!buffer) { perror("icu_loop"); return 1; }
    size_t held = 0;
    long long words = 0, segments = 0;
    int at_line_start = 1;
    for (;;) {
        size_t got = fread(buffer + held, 1, 2 * BLOCK - held, file);
        held += got;
        int final = got == 0;
        if (held == 0) break;
        size_t cut = held;
        if (!final) {
            while (cut > 0 && buffer[cut - 1] != '\n') --cut;
            if (cut == 0) {
                /* No line break in the block: cut before a UTF-8 lead byte. */
                cut = held;
                while (cut > 0 && ((unsigned char)buffer[cut - 1] & 0xC0) == 0x80) --cut;
                if (cut > 0) --cut;
                if (cut == 0) cut = held;
            }
        }
        process(breaker, buffer, (int32_t)cut, print, &words, &segments, &at_line_start);
        memmove(buffer, buffer + cut, held - cut);
        held -= cut;
        if (final && held == 0) break;
    }
    if (ferror(file)) { perror(path); return 1; }
    fclose(file);
    if (print) {
        if (!at_line_start) fputc('\n', stdout);
    } else {
        printf("%lld %lld\n", words, segments);
    }
    ubrk_close(breaker);
    free(buffer);
    free(utf16);
    free(utf8_out);
    return 0;
}
