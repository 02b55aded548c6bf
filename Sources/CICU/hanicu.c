/*
 * hanicu.c: ICU behind an ICU-free header (see include/hanicu.h for the contract).
 *
 * All offsets that cross this boundary are UTF-8 byte offsets; the conversion from ICU's UTF-16
 * indices happens here, once, by walking the code units in order.
 */
#include "hanicu.h"

#include <stdlib.h>
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

static void set_error(int32_t *error, UErrorCode status) {
    if (error) *error = (int32_t)status;
}

/* Grows a UChar buffer to hold at least `needed` units; returns 0 on success. */
static int reserve_uchars(UChar **buffer, int32_t *capacity, int32_t needed) {
    if (needed <= *capacity) return 0;
    int32_t grown = *capacity ? *capacity : 1024;
    while (grown < needed) grown *= 2;
    UChar *fresh = (UChar *)realloc(*buffer, (size_t)grown * sizeof(UChar));
    if (!fresh) return -1;
    *buffer = fresh;
    *capacity = grown;
    return 0;
}

/* UTF-8 length of the code point that starts with UTF-16 unit `unit` (a high surrogate counts for
 * its pair, a low surrogate for nothing). */
static inline int32_t utf8_width_of_unit(UChar unit) {
    if (unit < 0x80) return 1;
    if (unit < 0x800) return 2;
    if (unit >= 0xD800 && unit <= 0xDBFF) return 4;
    if (unit >= 0xDC00 && unit <= 0xDFFF) return 0;
    return 3;
}

void hm_set_mmap_threshold(int32_t bytes) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, bytes);
#else
    (void)bytes;
#endif
}

void hm_icu_version(char *out, int32_t capacity) {
    UVersionInfo info;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(info);
    u_versionToString(info, text);
    if (capacity <= 0) return;
    strncpy(out, text, (size_t)capacity - 1);
    out[capacity - 1] = 0;
}

/* ---- Word break ------------------------------------------------------------------------- */

struct hm_word_breaker {
    UBreakIterator *iterator;
    UChar *units;
    int32_t unit_capacity;
};

hm_word_breaker *hm_word_breaker_open(const char *locale, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open(UBRK_WORD, locale, NULL, 0, &status);
    set_error(error, status);
    if (U_FAILURE(status) || !iterator) return NULL;
    hm_word_breaker *breaker = (hm_word_breaker *)calloc(1, sizeof(hm_word_breaker));
    if (!breaker) {
        ubrk_close(iterator);
        return NULL;
    }
    breaker->iterator = iterator;
    return breaker;
}

void hm_word_breaker_close(hm_word_breaker *breaker) {
    if (!breaker) return;
    ubrk_close(breaker->iterator);
    free(breaker->units);
    free(breaker);
}

int32_t hm_word_break_utf8(hm_word_breaker *breaker, const uint8_t *text, int32_t length,
                           int32_t *ends, int32_t *statuses, int32_t capacity, int32_t *error) {
    if (length == 0) return 0;
    if (reserve_uchars(&breaker->units, &breaker->unit_capacity, length + 1) != 0) return -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t unit_count = 0;
    u_strFromUTF8WithSub(breaker->units, breaker->unit_capacity, &unit_count, (const char *)text,
                         length, 0xFFFD, NULL, &status);
    if (U_FAILURE(status)) {
        set_error(error, status);
        return -1;
    }
    ubrk_setText(breaker->iterator, breaker->units, unit_count, &status);
    if (U_FAILURE(status)) {
        set_error(error, status);
        return -1;
    }
    int32_t count = 0;
    int32_t unit_position = 0;
    int32_t byte_position = 0;
    const UChar *units = breaker->units;
    for (int32_t boundary = ubrk_next(breaker->iterator); boundary != UBRK_DONE;
         boundary = ubrk_next(breaker->iterator)) {
        while (unit_position < boundary) byte_position += utf8_width_of_unit(units[unit_position++]);
        if (count >= capacity) return -1;
        ends[count] = byte_position;
        statuses[count] = ubrk_getRuleStatus(breaker->iterator);
        count++;
    }
    return count;
}

/* ---- Charset detection and conversion --------------------------------------------------- */

int32_t hm_detect_charset(const uint8_t *bytes, int32_t length, char *name, int32_t capacity,
                          int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *detector = ucsdet_open(&status);
    if (U_FAILURE(status)) {
        set_error(error, status);
        return -1;
    }
    ucsdet_setText(detector, (const char *)bytes, length, &status);
    const UCharsetMatch *match = ucsdet_detect(detector, &status);
    int32_t confidence = -1;
    if (U_SUCCESS(status) && match) {
        const char *found = ucsdet_getName(match, &status);
        confidence = ucsdet_getConfidence(match, &status);
        if (U_SUCCESS(status) && found && capacity > 0) {
            strncpy(name, found, (size_t)capacity - 1);
            name[capacity - 1] = 0;
        } else {
            confidence = -1;
        }
    }
    set_error(error, status);
    ucsdet_close(detector);
    return confidence;
}

struct hm_decoder {
    UConverter *converter;
    UChar *units;
    int32_t unit_capacity;
};

hm_decoder *hm_decoder_open(const char *charset, int lossy, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status) || !converter) {
        set_error(error, U_FAILURE(status) ? status : U_ILLEGAL_ARGUMENT_ERROR);
        return NULL;
    }
    if (lossy) {
        ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_SUBSTITUTE, NULL, NULL, NULL, &status);
    } else {
        ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    }
    hm_decoder *decoder = (hm_decoder *)calloc(1, sizeof(hm_decoder));
    if (!decoder) {
        ucnv_close(converter);
        return NULL;
    }
    decoder->converter = converter;
    set_error(error, status);
    return decoder;
}

void hm_decoder_close(hm_decoder *decoder) {
    if (!decoder) return;
    ucnv_close(decoder->converter);
    free(decoder->units);
    free(decoder);
}

int32_t hm_decoder_decode(hm_decoder *decoder, const uint8_t *input, int32_t length, int flush,
                          uint8_t *out, int32_t out_capacity, int64_t *bad_offset, int32_t *error) {
    if (reserve_uchars(&decoder->units, &decoder->unit_capacity, 2 * length + 16) != 0) return -1;
    UErrorCode status = U_ZERO_ERROR;
    const char *source = (const char *)input;
    const char *source_limit = source + length;
    UChar *target = decoder->units;
    UChar *target_limit = decoder->units + decoder->unit_capacity;
    ucnv_toUnicode(decoder->converter, &target, target_limit, &source, source_limit, NULL,
                   (UBool)(flush != 0), &status);
    if (status == U_ILLEGAL_CHAR_FOUND || status == U_INVALID_CHAR_FOUND ||
        status == U_TRUNCATED_CHAR_FOUND) {
        char bad[32];
        int8_t bad_length = (int8_t)sizeof(bad);
        UErrorCode ignored = U_ZERO_ERROR;
        ucnv_getInvalidChars(decoder->converter, bad, &bad_length, &ignored);
        if (bad_offset) *bad_offset = (int64_t)(source - (const char *)input) - bad_length;
        set_error(error, status);
        return -2;
    }
    if (U_FAILURE(status)) {
        set_error(error, status);
        return -1;
    }
    int32_t written = 0;
    u_strToUTF8WithSub((char *)out, out_capacity, &written, decoder->units,
                       (int32_t)(target - decoder->units), 0xFFFD, NULL, &status);
    if (U_FAILURE(status)) {
        set_error(error, status);
        return -1;
    }
    return written;
}

/* ---- Transliteration -------------------------------------------------------------------- */

struct hm_transliterator {
    UTransliterator *transliterator;
};

hm_transliterator *hm_transliterator_open(const char *id, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UChar wide[128];
    u_uastrncpy(wide, id, 127);
    wide[127] = 0;
    UTransliterator *t = utrans_openU(wide, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
    set_error(error, status);
    if (U_FAILURE(status) || !t) return NULL;
    hm_transliterator *handle = (hm_transliterator *)calloc(1, sizeof(hm_transliterator));
    if (!handle) {
        utrans_close(t);
        return NULL;
    }
    handle->transliterator = t;
    return handle;
}

void hm_transliterator_close(hm_transliterator *t) {
    if (!t) return;
    utrans_close(t->transliterator);
    free(t);
}

int32_t hm_transliterate_scalar(hm_transliterator *t, uint32_t scalar, uint8_t *out,
                                int32_t capacity, int32_t *error) {
    UChar units[16];
    int32_t length = 0;
    UBool failed = 0;
    U16_APPEND(units, length, 16, (UChar32)scalar, failed);
    if (failed) return -1;
    int32_t limit = length;
    UErrorCode status = U_ZERO_ERROR;
    utrans_transUChars(t->transliterator, units, &length, 16, 0, &limit, &status);
    if (U_FAILURE(status)) {
        set_error(error, status);
        return -1;
    }
    int32_t written = 0;
    u_strToUTF8((char *)out, capacity, &written, units, length, &status);
    if (U_FAILURE(status)) {
        set_error(error, status);
        return -1;
    }
    return written;
}

/* ---- Regular expressions ---------------------------------------------------------------- */

/* A subject converted once and shared by every regex that searches it. */
struct hm_regex_subject {
    UChar *units;
    int32_t unit_count;
    int32_t *utf8_offsets; /* utf8_offsets[i] = UTF-8 offset of UTF-16 index i; size unit_count+1 */
};

struct hm_regex {
    URegularExpression *expression;
    UChar *units;
    int32_t unit_capacity;
    int32_t unit_count;
    int32_t *utf8_offsets; /* utf8_offsets[i] = UTF-8 offset of UTF-16 index i; size unit_count+1 */
    int32_t offsets_capacity;
    int32_t group_count;
    /* When searching a shared subject: its map, and the region (UTF-16) the search keeps to. */
    const int32_t *shared_offsets;
    int32_t region_start;
    int32_t region_end;
};

static inline const int32_t *offsets_of(const hm_regex *regex) {
    return regex->shared_offsets ? regex->shared_offsets : regex->utf8_offsets;
}

static hm_regex *wrap_regex(URegularExpression *expression) {
    hm_regex *regex = (hm_regex *)calloc(1, sizeof(hm_regex));
    if (!regex) {
        uregex_close(expression);
        return NULL;
    }
    UErrorCode status = U_ZERO_ERROR;
    regex->expression = expression;
    regex->group_count = uregex_groupCount(expression, &status);
    return regex;
}

hm_regex *hm_regex_open(const uint8_t *pattern, int32_t length, uint32_t flags,
                        int32_t *error_offset, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    memset(&parse_error, 0, sizeof(parse_error));
    int32_t unit_count = 0;
    u_strFromUTF8(NULL, 0, &unit_count, (const char *)pattern, length, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) status = U_ZERO_ERROR;
    if (U_FAILURE(status)) {
        set_error(error, status);
        return NULL;
    }
    UChar *units = (UChar *)malloc((size_t)(unit_count + 1) * sizeof(UChar));
    if (!units) return NULL;
    u_strFromUTF8(units, unit_count + 1, NULL, (const char *)pattern, length, &status);
    URegularExpression *expression = uregex_open(units, unit_count, flags, &parse_error, &status);
    set_error(error, status);
    if (U_FAILURE(status) || !expression) {
        /* parse_error.offset counts UTF-16 units of the pattern: report it in UTF-8 bytes. */
        if (error_offset) {
            int32_t byte_offset = 0;
            for (int32_t i = 0; i < parse_error.offset && i < unit_count; i++) byte_offset += utf8_width_of_unit(units[i]);
            *error_offset = byte_offset;
        }
        free(units);
        return NULL;
    }
    free(units);
    return wrap_regex(expression);
}

hm_regex *hm_regex_clone(const hm_regex *regex, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    URegularExpression *expression = uregex_clone(regex->expression, &status);
    set_error(error, status);
    if (U_FAILURE(status) || !expression) return NULL;
    return wrap_regex(expression);
}

void hm_regex_close(hm_regex *regex) {
    if (!regex) return;
    uregex_close(regex->expression);
    free(regex->units);
    free(regex->utf8_offsets);
    free(regex);
}

void hm_regex_set_time_limit(hm_regex *regex, int32_t steps) {
    UErrorCode status = U_ZERO_ERROR;
    uregex_setTimeLimit(regex->expression, steps, &status);
}

int32_t hm_regex_group_count(const hm_regex *regex) { return regex->group_count; }

/* UTF-8 → UTF-16 with the map back; returns the unit count or -1. */
static int32_t convert_subject(const uint8_t *text, int32_t length, UChar **units, int32_t *unit_capacity,
                               int32_t **offsets, int32_t *offsets_capacity, int32_t *error) {
    if (reserve_uchars(units, unit_capacity, length + 1) != 0) return -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t unit_count = 0;
    u_strFromUTF8WithSub(*units, *unit_capacity, &unit_count, (const char *)text, length, 0xFFFD, NULL, &status);
    if (U_FAILURE(status)) {
        set_error(error, status);
        return -1;
    }
    if (unit_count + 1 > *offsets_capacity) {
        int32_t *fresh = (int32_t *)realloc(*offsets, (size_t)(unit_count + 1) * sizeof(int32_t));
        if (!fresh) return -1;
        *offsets = fresh;
        *offsets_capacity = unit_count + 1;
    }
    int32_t byte_position = 0;
    for (int32_t i = 0; i < unit_count; i++) {
        (*offsets)[i] = byte_position;
        byte_position += utf8_width_of_unit((*units)[i]);
    }
    (*offsets)[unit_count] = byte_position;
    return unit_count;
}

hm_regex_subject *hm_regex_subject_create(const uint8_t *text, int32_t length, int32_t *error) {
    hm_regex_subject *subject = (hm_regex_subject *)calloc(1, sizeof(hm_regex_subject));
    if (!subject) return NULL;
    int32_t unit_capacity = 0, offsets_capacity = 0;
    int32_t count = convert_subject(text, length, &subject->units, &unit_capacity, &subject->utf8_offsets,
                                    &offsets_capacity, error);
    if (count < 0) {
        hm_regex_subject_destroy(subject);
        return NULL;
    }
    subject->unit_count = count;
    return subject;
}

void hm_regex_subject_destroy(hm_regex_subject *subject) {
    if (!subject) return;
    free(subject->units);
    free(subject->utf8_offsets);
    free(subject);
}

static int32_t unit_index_in(const int32_t *offsets, int32_t unit_count, int64_t utf8_offset) {
    int32_t low = 0, high = unit_count;
    while (low < high) {
        int32_t middle = low + (high - low) / 2;
        if (offsets[middle] < utf8_offset) low = middle + 1; else high = middle;
    }
    return low;
}

int32_t hm_regex_use_subject(hm_regex *regex, const hm_regex_subject *subject, int64_t start, int64_t end,
                             int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    regex->shared_offsets = subject->utf8_offsets;
    regex->unit_count = subject->unit_count;
    regex->region_start = unit_index_in(subject->utf8_offsets, subject->unit_count, start);
    regex->region_end = unit_index_in(subject->utf8_offsets, subject->unit_count, end);
    uregex_setText(regex->expression, subject->units, subject->unit_count, &status);
    uregex_setRegion(regex->expression, regex->region_start, regex->region_end, &status);
    set_error(error, status);
    return U_FAILURE(status) ? -1 : 0;
}

int32_t hm_regex_set_text(hm_regex *regex, const uint8_t *text, int32_t length, int32_t *error) {
    regex->shared_offsets = NULL;
    int32_t count = convert_subject(text, length, &regex->units, &regex->unit_capacity, &regex->utf8_offsets,
                                    &regex->offsets_capacity, error);
    if (count < 0) return -1;
    regex->unit_count = count;
    regex->region_start = 0;
    regex->region_end = count;
    UErrorCode status = U_ZERO_ERROR;
    uregex_setText(regex->expression, regex->units, count, &status);
    set_error(error, status);
    return U_FAILURE(status) ? -1 : 0;
}

static int32_t unit_index_of(const hm_regex *regex, int64_t utf8_offset) {
    return unit_index_in(offsets_of(regex), regex->unit_count, utf8_offset);
}

int32_t hm_regex_find(hm_regex *regex, int64_t from, int64_t *groups, int32_t group_capacity,
                      int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UBool found;
    if (from >= 0 && regex->shared_offsets) {
        /* uregex_find would drop the region: restart the region at `from` instead. */
        int32_t unit = unit_index_of(regex, from);
        if (unit < regex->region_start) unit = regex->region_start;
        if (unit > regex->region_end) unit = regex->region_end;
        uregex_setRegion(regex->expression, unit, regex->region_end, &status);
        found = uregex_findNext(regex->expression, &status);
    } else if (from >= 0) {
        found = uregex_find(regex->expression, unit_index_of(regex, from), &status);
    } else {
        found = uregex_findNext(regex->expression, &status);
    }
    if (status == U_REGEX_TIME_OUT || status == U_REGEX_STACK_OVERFLOW) {
        set_error(error, status);
        return -3;
    }
    if (U_FAILURE(status)) {
        set_error(error, status);
        return -1;
    }
    if (!found) return 0;
    int32_t wanted = regex->group_count + 1 < group_capacity ? regex->group_count + 1 : group_capacity;
    for (int32_t g = 0; g < wanted; g++) {
        int32_t start = uregex_start(regex->expression, g, &status);
        int32_t end = uregex_end(regex->expression, g, &status);
        if (start < 0 || U_FAILURE(status)) {
            groups[2 * g] = -1;
            groups[2 * g + 1] = -1;
            status = U_ZERO_ERROR;
        } else {
            groups[2 * g] = offsets_of(regex)[start];
            groups[2 * g + 1] = offsets_of(regex)[end];
        }
    }
    return 1;
}
