/*
 * hanpoppler.h: the only door to poppler in HanMine.
 *
 * poppler's reading API is C++ (poppler-cpp); this header is plain C so Swift imports it without
 * C++ interop, and names no poppler type: a document is an opaque handle, a page comes back as
 * plain arrays owned by the handle. Texts are UTF-8; coordinates are PDF points with the origin
 * at the page's top-left corner and y growing downwards (poppler's text coordinates), so a line
 * further down the page has a larger y.
 *
 * poppler is GPL-2.0-or-later; HanMine links it and is distributed under GPL-3.0-or-later (see
 * LICENSE at the package root).
 *
 * Threads: each handle is used by one thread at a time; different handles may be read in
 * parallel.
 */
#ifndef HANMINE_HANPOPPLER_H
#define HANMINE_HANPOPPLER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Why a document or a page could not be read. */
typedef enum hm_pdf_status {
    HM_PDF_OK = 0,
    /** Not a PDF poppler can parse: damaged cross-reference table, truncated file, not a PDF. */
    HM_PDF_CORRUPT = 1,
    /** Needs a password to open (an empty user password was tried and refused). */
    HM_PDF_ENCRYPTED = 2,
    /** Parsed, but holds no page. */
    HM_PDF_NO_PAGES = 3,
    /** A page index outside 0 ..< page count. */
    HM_PDF_BAD_PAGE = 4,
    /** poppler threw or ran out of memory. */
    HM_PDF_INTERNAL = 5,
} hm_pdf_status;

typedef struct hm_pdf hm_pdf;

/**
 * One word as poppler's text layer groups it: glyphs with no gap between them (a CJK run without
 * spaces usually comes as one word). `text_start`/`text_length` are UTF-8 byte offsets into the
 * page's `text` buffer.
 */
typedef struct hm_pdf_word {
    double x_min, y_min, x_max, y_max;
    /** The font size in points, or 0 when poppler did not report one. */
    double font_size;
    uint32_t text_start;
    uint32_t text_length;
    /** 1 when poppler saw a space after the word on the same line. */
    uint8_t space_after;
    /** 1 for vertical writing mode. */
    uint8_t vertical;
    /** The text's rotation in quarter turns (0 ... 3). */
    uint8_t rotation;
} hm_pdf_word;

/** A page as read by `hm_pdf_read_page`. The arrays stay valid until the next read or close. */
typedef struct hm_pdf_page {
    double width, height;
    const hm_pdf_word *words;
    size_t word_count;
    const char *text;
    size_t text_length;
} hm_pdf_page;

/**
 * Opens a document from `length` bytes (copied: the caller's buffer may go at once). On success
 * `*out` is a handle to close with `hm_pdf_close`; on failure `*out` is NULL.
 */
hm_pdf_status hm_pdf_open(const void *bytes, size_t length, hm_pdf **out);

/** The number of pages (≥ 1 for an opened document). */
int32_t hm_pdf_page_count(const hm_pdf *document);

/** Reads page `index` (0-based) into `*out`. */
hm_pdf_status hm_pdf_read_page(hm_pdf *document, int32_t index, hm_pdf_page *out);

void hm_pdf_close(hm_pdf *document);

/** Writes poppler's version ("22.12.0") into `out` (NUL-terminated, truncated to `capacity`). */
void hm_pdf_poppler_version(char *out, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
