// The poppler-cpp side of hanpoppler.h. Nothing else in HanMine includes a poppler header.
#include "hanpoppler.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <poppler/cpp/poppler-version.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <vector>

struct hm_pdf {
    // poppler reads from this buffer for the document's whole life (load_from_raw_data does not
    // copy), so the handle owns it.
    std::vector<char> bytes;
    std::unique_ptr<poppler::document> document;
    std::vector<hm_pdf_word> words;
    std::string text;
};

namespace {

// poppler reports syntax errors of damaged files on stderr by default; a batch over thousands of
// archived PDFs would drown in them. The outcome reaches the caller as a status instead.
void ignore_message(const std::string &, void *) {}

void silence_poppler() {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(ignore_message, nullptr); });
}

} // namespace

extern "C" hm_pdf_status hm_pdf_open(const void *bytes, size_t length, hm_pdf **out) {
    *out = nullptr;
    if (length > static_cast<size_t>(INT32_MAX)) return HM_PDF_CORRUPT;
    silence_poppler();
    try {
        auto handle = std::make_unique<hm_pdf>();
        handle->bytes.assign(static_cast<const char *>(bytes), static_cast<const char *>(bytes) + length);
        handle->document.reset(poppler::document::load_from_raw_data(
            handle->bytes.data(), static_cast<int>(handle->bytes.size())));
        if (!handle->document) return HM_PDF_CORRUPT;
        if (handle->document->is_locked()) return HM_PDF_ENCRYPTED;
        if (handle->document->pages() <= 0) return HM_PDF_NO_PAGES;
        *out = handle.release();
        return HM_PDF_OK;
    } catch (const std::bad_alloc &) {
        return HM_PDF_INTERNAL;
    } catch (...) {
        return HM_PDF_INTERNAL;
    }
}

extern "C" int32_t hm_pdf_page_count(const hm_pdf *document) {
    return static_cast<int32_t>(document->document->pages());
}

extern "C" hm_pdf_status hm_pdf_read_page(hm_pdf *document, int32_t index, hm_pdf_page *out) {
    std::memset(out, 0, sizeof *out);
    if (index < 0 || index >= document->document->pages()) return HM_PDF_BAD_PAGE;
    try {
        std::unique_ptr<poppler::page> page(document->document->create_page(index));
        if (!page) return HM_PDF_INTERNAL;
        // Text boxes come in the page's displayed frame (its /Rotate applied), so a page turned a
        // quarter swaps its crop box's width and height.
        poppler::rectf box = page->page_rect(poppler::crop_box);
        bool quarter_turn = page->orientation() == poppler::page::landscape ||
                            page->orientation() == poppler::page::seascape;
        std::vector<poppler::text_box> boxes = page->text_list(poppler::page::text_list_include_font);
        document->words.clear();
        document->text.clear();
        document->words.reserve(boxes.size());
        for (const poppler::text_box &source : boxes) {
            poppler::byte_array utf8 = source.text().to_utf8();
            if (utf8.empty()) continue;
            if (document->text.size() + utf8.size() > UINT32_MAX) break;
            hm_pdf_word word{};
            poppler::rectf r = source.bbox();
            word.x_min = r.left();
            word.y_min = r.top();
            word.x_max = r.right();
            word.y_max = r.bottom();
            word.font_size = source.has_font_info() ? source.get_font_size() : 0;
            word.text_start = static_cast<uint32_t>(document->text.size());
            word.text_length = static_cast<uint32_t>(utf8.size());
            word.space_after = source.has_space_after() ? 1 : 0;
            word.vertical = source.get_wmode(0) == poppler::text_box::vertical_wmode ? 1 : 0;
            word.rotation = static_cast<uint8_t>(source.rotation() & 3);
            document->text.append(utf8.data(), utf8.size());
            document->words.push_back(word);
        }
        out->width = quarter_turn ? box.height() : box.width();
        out->height = quarter_turn ? box.width() : box.height();
        out->words = document->words.data();
        out->word_count = document->words.size();
        out->text = document->text.data();
        out->text_length = document->text.size();
        return HM_PDF_OK;
    } catch (const std::bad_alloc &) {
        return HM_PDF_INTERNAL;
    } catch (...) {
        return HM_PDF_INTERNAL;
    }
}

extern "C" void hm_pdf_close(hm_pdf *document) { delete document; }

extern "C" void hm_pdf_poppler_version(char *out, int32_t capacity) {
    if (capacity <= 0) return;
    std::string version = poppler::version_string();
    std::strncpy(out, version.c_str(), static_cast<size_t>(capacity) - 1);
    out[capacity - 1] = '\0';
}
