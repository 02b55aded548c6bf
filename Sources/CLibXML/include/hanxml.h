// HanMine's shim over libxml2: the only code that includes libxml2 headers. Nothing of
// libxml2 crosses this header: HTML comes back as a stream of events, DOCX's XML parts as
// events of the WordprocessingML elements HanMine reads.
#ifndef HANXML_H
#define HANXML_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What a `hx_event_fn` call reports.
enum {
    /// Character data of the document (UTF-8, `bytes`/`length`), whitespace as printed.
    HX_TEXT = 1,
    /// A block element starts or ends (a line break in the canonical text).
    HX_BLOCK = 2,
    /// A <br> (or DOCX <w:br/>, <w:cr/>).
    HX_BREAK = 3,
    /// A data table starts / ends (layout tables, those holding another table, are not reported
    /// as tables: their cells are blocks).
    HX_TABLE_START = 4,
    HX_TABLE_END = 5,
    HX_ROW_START = 6,
    HX_ROW_END = 7,
    /// A cell starts: `a` is its rowspan, `b` its colspan (both ≥ 1). DOCX: `a` is the vMerge
    /// state (0 none, 1 restart, 2 continue), `b` the gridSpan.
    HX_CELL_START = 8,
    HX_CELL_END = 9,
    /// The page's title (`a` 1: meta ArticleTitle, 0: <title>) or its own address (`a` 2: link
    /// rel=canonical, og:url, meta Url), sent before the body.
    HX_TITLE = 10,
    /// A DOCX tab (<w:tab/>).
    HX_TAB = 11,
};

/// Receives one event. `bytes` is only valid during the call.
typedef void (*hx_event_fn)(void *context, int kind, const unsigned char *bytes, size_t length, int a, int b);

/// Parses an HTML document given as UTF-8 (no BOM) with libxml2's forgiving HTML parser and
/// reports its main content as events: scripts, styles, forms, navigation, hidden elements and
/// the page chrome around the main content left out. Returns 0, or -1 when libxml2 could not
/// build a tree at all (the message in `error`).
int hx_html_events(const char *utf8, size_t length, hx_event_fn fn, void *context, char *error, size_t error_capacity);

/// Parses a WordprocessingML part (word/document.xml) and reports paragraphs (HX_BLOCK), runs'
/// text (HX_TEXT), tabs, breaks and tables (w:tbl/w:tr/w:tc with vMerge and gridSpan).
/// External entities and the network are off. Returns 0, or -1 with a message in `error`.
int hx_docx_events(const char *xml, size_t length, hx_event_fn fn, void *context, char *error, size_t error_capacity);

/// Inflates raw deflate data (a ZIP entry's) into `output`. Returns 0 when the stream ends
/// within the input, -1 when it is corrupt or cut short, -2 when it holds more than
/// `output_capacity` bytes. Never reads outside `input` or writes outside `output`.
int hx_inflate_raw(const unsigned char *input, size_t input_length, unsigned char *output, size_t output_capacity,
                   size_t *output_length);

#ifdef __cplusplus
}
#endif

#endif
