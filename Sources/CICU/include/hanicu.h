/*
 * hanicu.h: the only door to ICU in HanMine.
 *
 * ICU's C API is versioned by macros (ubrk_open is ubrk_open_72) that Swift cannot import, and a
 * Swift module that imports Foundation cannot also see the system ICU headers (Foundation bundles
 * its own ICU). So this header names no ICU type: every handle is opaque, every text is UTF-8 or
 * UTF-16 as plain integers, and every offset handed back to Swift is a UTF-8 byte offset unless the
 * function says otherwise.
 *
 * Error convention: functions return a negative value on failure and fill `*error` (when not NULL)
 * with ICU's UErrorCode (> 0 is an error; ICU warnings, < 0, count as success).
 */
#ifndef HANMINE_HANICU_H
#define HANMINE_HANICU_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Process ------------------------------------------------------------------------------ */

/**
 * Fixes glibc's mmap threshold at `bytes` (mallopt M_MMAP_THRESHOLD; Swift's Glibc module does not
 * export mallopt). Large buffers then stay mapped and go back to the system when freed, instead
 * of fragmenting the heap. Does nothing on other C libraries.
 */
void hm_set_mmap_threshold(int32_t bytes);

/* ---- Version ----------------------------------------------------------------------------- */

/** Writes ICU's version ("72.1") into `out` (NUL-terminated, truncated to `capacity`). */
void hm_icu_version(char *out, int32_t capacity);

/* ---- Word break -------------------------------------------------------------------------- */

typedef struct hm_word_breaker hm_word_breaker;

/** Opens ICU's dictionary word break iterator for `locale` ("zh"). NULL on failure. */
hm_word_breaker *hm_word_breaker_open(const char *locale, int32_t *error);
void hm_word_breaker_close(hm_word_breaker *breaker);

/**
 * Segments `length` bytes of valid UTF-8 text.
 *
 * Writes, for each segment, its end as a UTF-8 byte offset relative to `text` into `ends`, and
 * ICU's rule status for it into `statuses` (>= 100 is a word segment, 200–299 an ideographic word
 * found by the dictionary). The first segment starts at 0; the last ends at `length`. `capacity`
 * must be at least the number of code points in the text (`length` is always enough).
 * Returns the number of segments, or -1 on failure.
 */
int32_t hm_word_break_utf8(hm_word_breaker *breaker, const uint8_t *text, int32_t length,
                           int32_t *ends, int32_t *statuses, int32_t capacity, int32_t *error);

/* ---- ICU's CJK dictionary, driven directly ------------------------------------------- */

typedef struct hm_cjk_scratch hm_cjk_scratch;

/** 1 when ICU's cjdict dictionary could be loaded (the fast path is available). */
int hm_cjk_available(void);

/** Working memory for `hm_cjk_segment_utf8`: one per thread. */
hm_cjk_scratch *hm_cjk_scratch_create(void);
void hm_cjk_scratch_destroy(hm_cjk_scratch *scratch);

/**
 * Segments a run of dictionary characters exactly as ICU's CjkBreakEngine would (same
 * dictionary, same costs, same dynamic programme), writing each word's end as a UTF-8 offset.
 * Returns the number of words, or -1 when the run is not one the fast path reproduces exactly
 * (a character outside ICU's dictionary set, a supplementary or not NFKC-inert character): the
 * caller then uses `hm_word_break_utf8`.
 */
int32_t hm_cjk_segment_utf8(hm_cjk_scratch *scratch, const uint8_t *text, int32_t length, int32_t *ends,
                            int32_t capacity);

/* ---- Charset detection and conversion ---------------------------------------------------- */

/**
 * Guesses the charset of `length` bytes with ICU's detector. Writes the canonical name ("GB18030",
 * "Big5", "UTF-8", …) into `name` and returns the confidence 0–100, or -1 when nothing matched.
 */
int32_t hm_detect_charset(const uint8_t *bytes, int32_t length, char *name, int32_t capacity,
                          int32_t *error);

typedef struct hm_decoder hm_decoder;

/**
 * Opens a streaming decoder from `charset` (any name ICU knows) to UTF-8. With `lossy` != 0,
 * illegal input becomes U+FFFD instead of stopping the conversion. NULL on failure.
 */
hm_decoder *hm_decoder_open(const char *charset, int lossy, int32_t *error);
void hm_decoder_close(hm_decoder *decoder);

/**
 * Decodes `length` input bytes into UTF-8. Bytes of a character cut at the end of the input are
 * kept inside the decoder until the next call; `flush` != 0 marks the end of the stream.
 * Illegal or unmappable input stops the conversion: the function returns -2 and sets
 * `*bad_offset` to the offset (relative to this call's input) of the offending bytes.
 * On success returns the number of UTF-8 bytes written to `out`; `out_capacity` must be at least
 * 4 * length + 16.
 */
int32_t hm_decoder_decode(hm_decoder *decoder, const uint8_t *input, int32_t length, int flush,
                          uint8_t *out, int32_t out_capacity, int64_t *bad_offset, int32_t *error);

/* ---- Transliteration (traditional → simplified) ------------------------------------------ */

typedef struct hm_transliterator hm_transliterator;

/** Opens ICU's transliterator `id` ("Traditional-Simplified"). NULL on failure. */
hm_transliterator *hm_transliterator_open(const char *id, int32_t *error);
void hm_transliterator_close(hm_transliterator *t);

/**
 * Transliterates one code point. Writes the UTF-8 result into `out` (capacity >= 32) and returns
 * its length, or -1 on failure. Character-by-character keeps the offset map exact.
 */
int32_t hm_transliterate_scalar(hm_transliterator *t, uint32_t scalar, uint8_t *out,
                                int32_t capacity, int32_t *error);

/* ---- Regular expressions ----------------------------------------------------------------- */

typedef struct hm_regex hm_regex;

enum {
    HM_REGEX_CASE_INSENSITIVE = 2,
    HM_REGEX_COMMENTS = 4,
    HM_REGEX_DOTALL = 32,
    HM_REGEX_MULTILINE = 8,
};

/**
 * Compiles a UTF-8 pattern with ICU regex flags. On a syntax error returns NULL and sets
 * `*error_offset` to the offending UTF-8 offset in the pattern.
 */
hm_regex *hm_regex_open(const uint8_t *pattern, int32_t length, uint32_t flags,
                        int32_t *error_offset, int32_t *error);
void hm_regex_close(hm_regex *regex);

/** A copy that shares the compiled pattern: one per thread (ICU matchers are not thread-safe). */
hm_regex *hm_regex_clone(const hm_regex *regex, int32_t *error);

/** Limits each match to `steps` (ICU's time-limit units, ~ a few ms per thousand); 0 = none. */
void hm_regex_set_time_limit(hm_regex *regex, int32_t steps);

/**
 * Sets the UTF-8 subject text. The text is converted to UTF-16 once; the bytes must stay alive
 * while the regex is used on it. Returns 0, or -1 on failure.
 */
int32_t hm_regex_set_text(hm_regex *regex, const uint8_t *text, int32_t length, int32_t *error);

typedef struct hm_regex_subject hm_regex_subject;

/**
 * Converts a UTF-8 subject to UTF-16 once, for every regex that searches it (the text must stay
 * alive while it is used). NULL on failure.
 */
hm_regex_subject *hm_regex_subject_create(const uint8_t *text, int32_t length, int32_t *error);
void hm_regex_subject_destroy(hm_regex_subject *subject);

/**
 * Points the regex at a shared subject, searching only its UTF-8 range [start, end) as if it
 * were the whole text (anchors at the range's ends, look-arounds do not see past them). Matches
 * report UTF-8 offsets into the whole subject. The subject must outlive this use. 0, or -1.
 */
int32_t hm_regex_use_subject(hm_regex *regex, const hm_regex_subject *subject, int64_t start, int64_t end,
                             int32_t *error);

/**
 * Finds the next match at or after UTF-8 offset `from` (-1 = continue after the previous match).
 * Returns 1 when found, 0 when there is none, -3 when the time limit stopped the search, -1 on
 * other failures. On a match, groups 0…n are written as UTF-8 [start, end) pairs into
 * `groups` (capacity `2 * group_capacity`); a group that did not take part is [-1, -1).
 */
int32_t hm_regex_find(hm_regex *regex, int64_t from, int64_t *groups, int32_t group_capacity,
                      int32_t *error);

/** The number of capture groups of the pattern. */
int32_t hm_regex_group_count(const hm_regex *regex);

#ifdef __cplusplus
}
#endif

#endif
