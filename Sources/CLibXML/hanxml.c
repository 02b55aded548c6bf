// HanMine's libxml2 shim: HTML and WordprocessingML trees turned into events (see hanxml.h).
#include "hanxml.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/// Deeper element nesting is read as flat text: a hostile page cannot exhaust the stack.
#define HX_MAX_DEPTH 400

typedef struct {
    hx_event_fn fn;
    void *context;
} hx_sink;

static void hx_copy_error(char *error, size_t capacity, const char *message) {
    if (error == NULL || capacity == 0) return;
    snprintf(error, capacity, "%s", message);
}

static void hx_copy_libxml_error(char *error, size_t capacity, const char *fallback) {
    const xmlError *last = xmlGetLastError();
    if (last != NULL && last->message != NULL) {
        char buffer[512];
        snprintf(buffer, sizeof buffer, "%s (line %d)", last->message, last->line);
        // libxml2's messages end in a newline.
        char *newline = strchr(buffer, '\n');
        if (newline != NULL) memmove(newline, newline + 1, strlen(newline));
        hx_copy_error(error, capacity, buffer);
    } else {
        hx_copy_error(error, capacity, fallback);
    }
}

static int hx_name_is(const xmlNode *node, const char *name) {
    return node->name != NULL && strcasecmp((const char *)node->name, name) == 0;
}

static int hx_name_in(const xmlNode *node, const char *const *names) {
    for (; *names != NULL; names++) {
        if (hx_name_is(node, *names)) return 1;
    }
    return 0;
}

// MARK: - HTML

static const char *const hx_blocks[] = {
    "address", "article", "blockquote", "center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol",
    "p", "pre", "section", "summary", "ul", "caption", "body", "html", "legend", "menu", "tbody", "thead", "tfoot",
    NULL,
};

/// The text of an attribute without copying it (NULL when absent or not plain text).
static const xmlChar *hx_attribute(xmlNode *node, const char *name) {
    for (xmlAttr *attribute = node->properties; attribute != NULL; attribute = attribute->next) {
        if (attribute->name == NULL || strcasecmp((const char *)attribute->name, name) != 0) continue;
        xmlNode *value = attribute->children;
        if (value != NULL && value->next == NULL && (value->type == XML_TEXT_NODE) && value->content != NULL) return value->content;
        return (const xmlChar *)"";
    }
    return NULL;
}

/// Whether an element is hidden by its attributes (`hidden`, `display:none`, `visibility:hidden`).
static int hx_hidden(xmlNode *node) {
    if (node->properties == NULL) return 0;
    if (hx_attribute(node, "hidden") != NULL) return 1;
    const xmlChar *style = hx_attribute(node, "style");
    if (style == NULL) return 0;
    // Compare with the spaces removed and lowercased.
    char compact[256];
    size_t n = 0;
    for (const xmlChar *c = style; *c != 0 && n + 1 < sizeof compact; c++) {
        if (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r') continue;
        compact[n++] = (char)((*c >= 'A' && *c <= 'Z') ? *c + 32 : *c);
    }
    compact[n] = 0;
    return strstr(compact, "display:none") != NULL || strstr(compact, "visibility:hidden") != NULL;
}

/// Elements whose content is never text: libxml2's HTML parser gives lowercase names.
static int hx_skipped_name(const xmlNode *node) {
    const char *name = (const char *)node->name;
    if (name == NULL) return 0;
    switch (name[0]) {
    case 's': return strcmp(name, "script") == 0 || strcmp(name, "style") == 0 || strcmp(name, "svg") == 0 || strcmp(name, "select") == 0;
    case 'n': return strcmp(name, "noscript") == 0 || strcmp(name, "nav") == 0;
    case 't': return strcmp(name, "template") == 0 || strcmp(name, "textarea") == 0;
    case 'i': return strcmp(name, "iframe") == 0 || strcmp(name, "input") == 0;
    case 'o': return strcmp(name, "object") == 0 || strcmp(name, "option") == 0;
    case 'e': return strcmp(name, "embed") == 0;
    case 'm': return strcmp(name, "math") == 0 || strcmp(name, "map") == 0;
    case 'b': return strcmp(name, "button") == 0;
    case 'a': return strcmp(name, "aside") == 0 || strcmp(name, "audio") == 0;
    case 'f': return strcmp(name, "footer") == 0;
    case 'h': return strcmp(name, "head") == 0;
    case 'v': return strcmp(name, "video") == 0;
    case 'c': return strcmp(name, "canvas") == 0;
    default: return 0;
    }
}

/// Pass 1 marks skipped elements in `_private` (all bits set), so pass 2 need not look again.
#define HX_SKIPPED ((void *)UINTPTR_MAX)

static int hx_skipped_element(xmlNode *node) {
    if (node->_private == HX_SKIPPED) return 1;
    return hx_skipped_name(node) || hx_hidden(node);
}

static size_t hx_visible_bytes(const xmlChar *text) {
    size_t count = 0;
    for (const xmlChar *c = text; *c != 0; c++) {
        if (*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r') count++;
    }
    return count;
}

/// Pass 1: the visible text bytes outside links under each element, kept in `_private`.
static size_t hx_measure(xmlNode *node, int in_link, int depth) {
    size_t total = 0;
    for (xmlNode *child = node->children; child != NULL; child = child->next) {
        if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
            if (!in_link && child->content != NULL) total += hx_visible_bytes(child->content);
        } else if (child->type == XML_ELEMENT_NODE) {
            if (hx_skipped_element(child)) {
                child->_private = HX_SKIPPED;
                continue;
            }
            size_t inner = 0;
            if (depth < HX_MAX_DEPTH) inner = hx_measure(child, in_link || hx_name_is(child, "a"), depth + 1);
            child->_private = (void *)(uintptr_t)inner;
            total += inner;
        }
    }
    return total;
}

static size_t hx_measured(const xmlNode *node) {
    return node->_private == HX_SKIPPED ? 0 : (size_t)(uintptr_t)node->_private;
}

/// The main content: from <body> down while one child holds at least 60% of the text outside
/// links (the article, not the menus, link lists and footers around it). Never into a table.
static xmlNode *hx_content_root(xmlNode *body) {
    xmlNode *node = body;
    for (;;) {
        size_t own = hx_measured(node);
        if (own == 0) return node;
        xmlNode *best = NULL;
        for (xmlNode *child = node->children; child != NULL; child = child->next) {
            if (child->type != XML_ELEMENT_NODE) continue;
            if (best == NULL || hx_measured(child) > hx_measured(best)) best = child;
        }
        if (best == NULL || hx_measured(best) * 10 < own * 6) return node;
        if (hx_name_is(best, "table") || hx_name_is(best, "tbody") || hx_name_is(best, "tr") || hx_name_is(best, "td")
            || hx_name_is(best, "th") || hx_name_is(best, "thead") || hx_name_is(best, "p")) {
            return node;
        }
        node = best;
    }
}

static int hx_has_table_inside(xmlNode *node, int depth) {
    if (depth > HX_MAX_DEPTH) return 0;
    for (xmlNode *child = node->children; child != NULL; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (hx_name_is(child, "table") || hx_has_table_inside(child, depth + 1)) return 1;
    }
    return 0;
}

static int hx_int_attribute(xmlNode *node, const char *name) {
    const xmlChar *value = hx_attribute(node, name);
    if (value == NULL) return 1;
    long parsed = 0;
    int digits = 0;
    for (const xmlChar *c = value; *c != 0; c++) {
        if (*c >= '0' && *c <= '9') {
            if (parsed < 100000) parsed = parsed * 10 + (*c - '0');
            digits++;
        } else if (digits > 0) {
            break;
        }
    }
    if (parsed < 1) return 1;
    return parsed > 1000 ? 1000 : (int)parsed;
}

/// Table context of the walk: inside a data table (rows and cells are events) or not.
enum { HX_OUTSIDE = 0, HX_IN_TABLE = 1 };

static void hx_walk_html(hx_sink *sink, xmlNode *node, int context, int depth);

static void hx_walk_children(hx_sink *sink, xmlNode *node, int context, int depth) {
    for (xmlNode *child = node->children; child != NULL; child = child->next) hx_walk_html(sink, child, context, depth + 1);
}

static void hx_emit_text_flat(hx_sink *sink, xmlNode *node) {
    // Past the depth limit: the text of the subtree, iteratively, no structure.
    xmlNode *current = node;
    while (current != NULL) {
        if ((current->type == XML_TEXT_NODE || current->type == XML_CDATA_SECTION_NODE) && current->content != NULL) {
            sink->fn(sink->context, HX_TEXT, current->content, strlen((const char *)current->content), 0, 0);
        }
        if (current->type == XML_ELEMENT_NODE && current->children != NULL && !hx_skipped_element(current)) {
            current = current->children;
            continue;
        }
        while (current != NULL && current != node && current->next == NULL) current = current->parent;
        if (current == NULL || current == node) break;
        current = current->next;
    }
}

static void hx_walk_html(hx_sink *sink, xmlNode *node, int context, int depth) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        if (node->content != NULL) sink->fn(sink->context, HX_TEXT, node->content, strlen((const char *)node->content), 0, 0);
        return;
    }
    if (node->type != XML_ELEMENT_NODE) return;
    if (hx_skipped_element(node)) return;
    if (depth > HX_MAX_DEPTH) {
        hx_emit_text_flat(sink, node);
        return;
    }
    if (hx_name_is(node, "br")) {
        sink->fn(sink->context, HX_BREAK, NULL, 0, 0, 0);
        return;
    }
    if (hx_name_is(node, "table")) {
        if (context == HX_OUTSIDE && !hx_has_table_inside(node, depth)) {
            sink->fn(sink->context, HX_TABLE_START, NULL, 0, 0, 0);
            hx_walk_children(sink, node, HX_IN_TABLE, depth);
            sink->fn(sink->context, HX_TABLE_END, NULL, 0, 0, 0);
        } else {
            // A layout table: its rows and cells are blocks.
            sink->fn(sink->context, HX_BLOCK, NULL, 0, 0, 0);
            hx_walk_children(sink, node, HX_OUTSIDE, depth);
            sink->fn(sink->context, HX_BLOCK, NULL, 0, 0, 0);
        }
        return;
    }
    if (context == HX_IN_TABLE && hx_name_is(node, "tr")) {
        sink->fn(sink->context, HX_ROW_START, NULL, 0, 0, 0);
        hx_walk_children(sink, node, HX_IN_TABLE, depth);
        sink->fn(sink->context, HX_ROW_END, NULL, 0, 0, 0);
        return;
    }
    if (context == HX_IN_TABLE && (hx_name_is(node, "td") || hx_name_is(node, "th"))) {
        sink->fn(sink->context, HX_CELL_START, NULL, 0, hx_int_attribute(node, "rowspan"), hx_int_attribute(node, "colspan"));
        hx_walk_children(sink, node, HX_IN_TABLE, depth);
        sink->fn(sink->context, HX_CELL_END, NULL, 0, 0, 0);
        return;
    }
    int block = hx_name_in(node, hx_blocks) || hx_name_is(node, "tr") || hx_name_is(node, "td") || hx_name_is(node, "th");
    if (block) sink->fn(sink->context, HX_BLOCK, NULL, 0, 0, 0);
    hx_walk_children(sink, node, context, depth);
    if (block) sink->fn(sink->context, HX_BLOCK, NULL, 0, 0, 0);
}

static xmlNode *hx_find_element(xmlNode *node, const char *name, int depth) {
    for (xmlNode *child = node; child != NULL; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (hx_name_is(child, name)) return child;
        if (depth < 4) {
            xmlNode *found = hx_find_element(child->children, name, depth + 1);
            if (found != NULL) return found;
        }
    }
    return NULL;
}

/// The page's own address: <link rel="canonical">, <meta property="og:url"> or <meta name="Url">.
static void hx_emit_address(hx_sink *sink, xmlNode *head) {
    for (xmlNode *child = head->children; child != NULL; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        const char *key = NULL, *value = NULL;
        if (hx_name_is(child, "link")) {
            key = "rel";
            value = "href";
        } else if (hx_name_is(child, "meta")) {
            xmlChar *property = xmlGetProp(child, (const xmlChar *)"property");
            key = property != NULL ? "property" : "name";
            if (property != NULL) xmlFree(property);
            value = "content";
        } else {
            continue;
        }
        xmlChar *kind = xmlGetProp(child, (const xmlChar *)key);
        int is_address = kind != NULL
            && (strcasecmp((const char *)kind, "canonical") == 0 || strcasecmp((const char *)kind, "og:url") == 0
                || strcasecmp((const char *)kind, "url") == 0);
        if (kind != NULL) xmlFree(kind);
        if (!is_address) continue;
        xmlChar *address = xmlGetProp(child, (const xmlChar *)value);
        if (address != NULL && (strncasecmp((const char *)address, "http://", 7) == 0 || strncasecmp((const char *)address, "https://", 8) == 0)) {
            sink->fn(sink->context, HX_TITLE, address, strlen((const char *)address), 2, 0);
            xmlFree(address);
            return;
        }
        if (address != NULL) xmlFree(address);
    }
}

/// The page's title: <meta name="ArticleTitle">, else <title>; then its own address.
static void hx_emit_title(hx_sink *sink, xmlNode *root) {
    xmlNode *head = hx_find_element(root, "head", 0);
    if (head == NULL) return;
    hx_emit_address(sink, head);
    for (xmlNode *child = head->children; child != NULL; child = child->next) {
        if (child->type != XML_ELEMENT_NODE || !hx_name_is(child, "meta")) continue;
        xmlChar *name = xmlGetProp(child, (const xmlChar *)"name");
        int is_title = name != NULL && strcasecmp((const char *)name, "ArticleTitle") == 0;
        if (name != NULL) xmlFree(name);
        if (!is_title) continue;
        xmlChar *content = xmlGetProp(child, (const xmlChar *)"content");
        if (content != NULL && hx_visible_bytes(content) > 0) {
            sink->fn(sink->context, HX_TITLE, content, strlen((const char *)content), 1, 0);
            xmlFree(content);
            return;
        }
        if (content != NULL) xmlFree(content);
    }
    xmlNode *title = hx_find_element(head->children, "title", 0);
    if (title == NULL) return;
    xmlChar *text = xmlNodeGetContent(title);
    if (text != NULL) {
        sink->fn(sink->context, HX_TITLE, text, strlen((const char *)text), 0, 0);
        xmlFree(text);
    }
}

static void hx_silent(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

int hx_html_events(const char *utf8, size_t length, hx_event_fn fn, void *context, char *error, size_t error_capacity) {
    if (length > INT32_MAX) {
        hx_copy_error(error, error_capacity, "document too large for the HTML parser");
        return -1;
    }
    xmlSetGenericErrorFunc(NULL, hx_silent);
    xmlResetLastError();
    htmlDocPtr document = htmlReadMemory(utf8, (int)length, NULL, "UTF-8",
                                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                                             | HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NOIMPLIED);
    if (document == NULL) {
        hx_copy_libxml_error(error, error_capacity, "the HTML parser could not read the page");
        return -1;
    }
    hx_sink sink = {fn, context};
    xmlNode *root = xmlDocGetRootElement(document);
    if (root != NULL) {
        hx_emit_title(&sink, root);
        xmlNode *body = hx_find_element(root, "body", 0);
        xmlNode *start = body != NULL ? body : root;
        // A fragment without <html>/<body>: the document's top-level nodes are the content.
        if (body == NULL) {
            for (xmlNode *node = document->children; node != NULL; node = node->next) {
                if (node->type == XML_ELEMENT_NODE) node->_private = (void *)(uintptr_t)hx_measure(node, 0, 0);
            }
            for (xmlNode *node = document->children; node != NULL; node = node->next) {
                if (node->type == XML_ELEMENT_NODE && hx_name_is(node, "html")) {
                    hx_walk_children(&sink, node, HX_OUTSIDE, 0);
                } else {
                    hx_walk_html(&sink, node, HX_OUTSIDE, 0);
                }
            }
        } else {
            start->_private = (void *)(uintptr_t)hx_measure(start, 0, 0);
            xmlNode *content = hx_content_root(start);
            hx_walk_children(&sink, content, HX_OUTSIDE, 0);
        }
    }
    xmlFreeDoc(document);
    return 0;
}

// MARK: - WordprocessingML

static xmlChar *hx_w_val(xmlNode *node) {
    for (xmlAttr *attribute = node->properties; attribute != NULL; attribute = attribute->next) {
        if (attribute->name != NULL && strcmp((const char *)attribute->name, "val") == 0) {
            return xmlNodeListGetString(node->doc, attribute->children, 1);
        }
    }
    return NULL;
}

static int hx_w_int(xmlNode *node, int fallback) {
    xmlChar *value = hx_w_val(node);
    if (value == NULL) return fallback;
    long parsed = 0;
    for (const xmlChar *c = value; *c >= '0' && *c <= '9'; c++) {
        if (parsed < 100000) parsed = parsed * 10 + (*c - '0');
    }
    xmlFree(value);
    if (parsed < 1) return fallback;
    return parsed > 1000 ? 1000 : (int)parsed;
}

static void hx_walk_docx(hx_sink *sink, xmlNode *node, int depth);

static void hx_walk_docx_children(hx_sink *sink, xmlNode *node, int depth) {
    for (xmlNode *child = node->children; child != NULL; child = child->next) hx_walk_docx(sink, child, depth + 1);
}

/// A cell's merge state and span from its w:tcPr.
static void hx_docx_cell(hx_sink *sink, xmlNode *cell, int depth) {
    int merge = 0, span = 1;
    for (xmlNode *child = cell->children; child != NULL; child = child->next) {
        if (child->type != XML_ELEMENT_NODE || !hx_name_is(child, "tcPr")) continue;
        for (xmlNode *property = child->children; property != NULL; property = property->next) {
            if (property->type != XML_ELEMENT_NODE) continue;
            if (hx_name_is(property, "gridSpan")) span = hx_w_int(property, 1);
            if (hx_name_is(property, "vMerge")) {
                xmlChar *value = hx_w_val(property);
                merge = (value != NULL && strcmp((const char *)value, "restart") == 0) ? 1 : 2;
                if (value != NULL) xmlFree(value);
            }
        }
    }
    sink->fn(sink->context, HX_CELL_START, NULL, 0, merge, span);
    hx_walk_docx_children(sink, cell, depth);
    sink->fn(sink->context, HX_CELL_END, NULL, 0, 0, 0);
}

/// w:gridBefore / w:gridAfter of a row's w:trPr: grid columns the row leaves empty.
static int hx_docx_row_gap(xmlNode *row, const char *name) {
    for (xmlNode *child = row->children; child != NULL; child = child->next) {
        if (child->type != XML_ELEMENT_NODE || !hx_name_is(child, "trPr")) continue;
        for (xmlNode *property = child->children; property != NULL; property = property->next) {
            if (property->type == XML_ELEMENT_NODE && hx_name_is(property, name)) return hx_w_int(property, 0);
        }
    }
    return 0;
}

static void hx_walk_docx(hx_sink *sink, xmlNode *node, int depth) {
    if (node->type != XML_ELEMENT_NODE) return;
    if (depth > HX_MAX_DEPTH) return;
    static const char *const skipped[] = {"del", "delText", "instrText", "Fallback", "pPr", "rPr", "tblPr", "tblGrid",
                                          "trPr", "tcPr", "sectPr", "footnoteReference", "commentReference", NULL};
    if (hx_name_in(node, skipped)) return;
    if (hx_name_is(node, "t")) {
        xmlChar *text = xmlNodeGetContent(node);
        if (text != NULL) {
            sink->fn(sink->context, HX_TEXT, text, strlen((const char *)text), 0, 0);
            xmlFree(text);
        }
        return;
    }
    if (hx_name_is(node, "tab")) {
        sink->fn(sink->context, HX_TAB, NULL, 0, 0, 0);
        return;
    }
    if (hx_name_is(node, "br") || hx_name_is(node, "cr")) {
        sink->fn(sink->context, HX_BREAK, NULL, 0, 0, 0);
        return;
    }
    if (hx_name_is(node, "p")) {
        sink->fn(sink->context, HX_BLOCK, NULL, 0, 0, 0);
        hx_walk_docx_children(sink, node, depth);
        sink->fn(sink->context, HX_BLOCK, NULL, 0, 0, 0);
        return;
    }
    if (hx_name_is(node, "tbl")) {
        sink->fn(sink->context, HX_TABLE_START, NULL, 0, 0, 0);
        hx_walk_docx_children(sink, node, depth);
        sink->fn(sink->context, HX_TABLE_END, NULL, 0, 0, 0);
        return;
    }
    if (hx_name_is(node, "tr")) {
        sink->fn(sink->context, HX_ROW_START, NULL, 0, 0, 0);
        int before = hx_docx_row_gap(node, "gridBefore");
        if (before > 0) {
            sink->fn(sink->context, HX_CELL_START, NULL, 0, 0, before);
            sink->fn(sink->context, HX_CELL_END, NULL, 0, 0, 0);
        }
        hx_walk_docx_children(sink, node, depth);
        sink->fn(sink->context, HX_ROW_END, NULL, 0, 0, 0);
        return;
    }
    if (hx_name_is(node, "tc")) {
        hx_docx_cell(sink, node, depth);
        return;
    }
    hx_walk_docx_children(sink, node, depth);
}

int hx_docx_events(const char *xml, size_t length, hx_event_fn fn, void *context, char *error, size_t error_capacity) {
    if (length > INT32_MAX) {
        hx_copy_error(error, error_capacity, "document.xml too large");
        return -1;
    }
    xmlSetGenericErrorFunc(NULL, hx_silent);
    xmlResetLastError();
    xmlDocPtr document = xmlReadMemory(xml, (int)length, "document.xml", NULL, XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (document == NULL) {
        hx_copy_libxml_error(error, error_capacity, "word/document.xml is not well-formed XML");
        return -1;
    }
    hx_sink sink = {fn, context};
    xmlNode *root = xmlDocGetRootElement(document);
    if (root != NULL) hx_walk_docx(&sink, root, 0);
    xmlFreeDoc(document);
    return 0;
}

// MARK: - Raw deflate (a ZIP entry's data)

#include <zlib.h>

int hx_inflate_raw(const unsigned char *input, size_t input_length, unsigned char *output, size_t output_capacity,
                   size_t *output_length) {
    *output_length = 0;
    if (input_length > UINT32_MAX || output_capacity > UINT32_MAX) return -1;
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) return -1;
    stream.next_in = (Bytef *)input;
    stream.avail_in = (uInt)input_length;
    stream.next_out = output;
    stream.avail_out = (uInt)output_capacity;
    int result = inflate(&stream, Z_FINISH);
    *output_length = output_capacity - stream.avail_out;
    inflateEnd(&stream);
    if (result == Z_STREAM_END) return 0;
    // Output full before the stream ended: the entry is larger than it says.
    if (stream.avail_out == 0 && result == Z_BUF_ERROR) return -2;
    return -1;
}
