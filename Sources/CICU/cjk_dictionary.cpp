/*
 * cjk_dictionary.cpp: ICU's Chinese/Japanese dictionary segmentation without the break
 * iterator's machinery around it.
 *
 * ICU's word break sends every run of dictionary characters ([:Han:][:Hiragana:][:Katakana:]
 * and a few marks) to CjkBreakEngine, which finds the cheapest segmentation by dynamic
 * programming over the costs stored in ICU's cjdict trie. On our profiles the programme itself
 * was under half of ICU's time; the rest went to UText access, set lookups, NFKC checks on
 * every run and the break caches. Here the same programme runs on the same dictionary, read
 * through ICU's own UCharsTrie, directly on UTF-16 units.
 *
 * The fast path takes only runs it can reproduce exactly: BMP characters that are all in ICU's
 * dictionary set and already NFKC-normalised. Anything else (supplementary characters,
 * compatibility ideographs, characters outside the set) goes through ubrk as before. A test
 * compares both paths on every run of the test texts.
 */
#include "hanicu.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ucharstrie.h>
#include <unicode/udata.h>
#include <unicode/unorm2.h>
#include <unicode/uset.h>
#include <unicode/utypes.h>

namespace {

/* The constants of ICU's CjkBreakEngine (dictbe.cpp), ICU 72. */
const int32_t kMaxWordSize = 20;
const uint32_t kMaxSnlp = 255;
const int32_t kMaxKatakanaLength = 8;
const int32_t kMaxKatakanaGroupLength = 20;
const uint32_t kUnreached = 0xFFFFFFFFu;

uint32_t katakana_cost(int32_t length) {
    static const uint32_t cost[kMaxKatakanaLength + 1] = {8192, 984, 408, 240, 204, 252, 300, 372, 480};
    return length > kMaxKatakanaLength ? 8192 : cost[length];
}

bool is_katakana(char16_t value) {
    return (value >= 0x30A1 && value <= 0x30FE && value != 0x30FB) || (value >= 0xFF66 && value <= 0xFF9F);
}

/* Layout of ICU's dictionary files (DictionaryData in dictionarydata.h). */
enum { IX_STRING_TRIE_OFFSET = 0, IX_TRIE_TYPE = 4, TRIE_TYPE_UCHARS = 1, TRIE_TYPE_MASK = 7 };

struct Dictionary {
    UDataMemory *file = nullptr;
    const char16_t *trie = nullptr;
    /* Bit c set: BMP code point c is in the dictionary set and NFKC-inert (fast path allowed). */
    uint64_t fast[65536 / 64] = {};
    bool loaded = false;

    Dictionary() {
        UErrorCode status = U_ZERO_ERROR;
        file = udata_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "dict", "cjdict", &status);
        if (U_FAILURE(status) || !file) return;
        const uint8_t *data = static_cast<const uint8_t *>(udata_getMemory(file));
        const int32_t *indexes = reinterpret_cast<const int32_t *>(data);
        if ((indexes[IX_TRIE_TYPE] & TRIE_TYPE_MASK) != TRIE_TYPE_UCHARS) return;
        trie = reinterpret_cast<const char16_t *>(data + indexes[IX_STRING_TRIE_OFFSET]);

        static const UChar pattern[] = u"[[:Han:][:Hiragana:][:Katakana:]\\u30fc\\uff70\\uff9e\\uff9f]";
        USet *set = uset_openPattern(pattern, -1, &status);
        const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&status);
        if (U_FAILURE(status) || !set) {
            if (set) uset_close(set);
            return;
        }
        for (UChar32 c = 0; c < 0xD800; c++) {
            if (!uset_contains(set, c)) continue;
            /* A character that NFKC leaves alone and that starts a normalisation segment keeps
             * any run made of such characters normalised: the engine would not rewrite it. */
            if (unorm2_isInert(nfkc, c)) fast[c >> 6] |= uint64_t(1) << (c & 63);
        }
        for (UChar32 c = 0xE000; c < 0x10000; c++) {
            if (uset_contains(set, c) && unorm2_isInert(nfkc, c)) fast[c >> 6] |= uint64_t(1) << (c & 63);
        }
        uset_close(set);
        loaded = true;
    }

    bool allows(char16_t c) const { return (fast[c >> 6] >> (c & 63)) & 1; }
};

const Dictionary &dictionary() {
    static const Dictionary shared;  // thread-safe initialisation (C++11)
    return shared;
}

}  // namespace

/* Per-thread working memory. `first_*` cache the trie's answer to each first character: the
 * root is the trie's widest branch (every character that starts a word), and walking it for
 * every position was the largest part of the programme's cost. Zero-filled by calloc and
 * filled lazily, so untouched pages cost nothing. */
struct hm_cjk_scratch {
    uint64_t *first_state;   /* UCharsTrie::getState64() after first(c) */
    int32_t *first_value;    /* its value when it has one */
    uint8_t *first_result;   /* 0 = not asked yet, else UStringTrieResult + 1 */
    char16_t *units;
    uint32_t *best;
    int32_t *previous;
    int32_t *values;
    int32_t *lengths;
    int32_t capacity;
};

extern "C" {

int hm_cjk_available(void) { return dictionary().loaded ? 1 : 0; }

hm_cjk_scratch *hm_cjk_scratch_create(void) {
    hm_cjk_scratch *scratch = static_cast<hm_cjk_scratch *>(calloc(1, sizeof(hm_cjk_scratch)));
    if (!scratch) return nullptr;
    scratch->first_state = static_cast<uint64_t *>(calloc(65536, sizeof(uint64_t)));
    scratch->first_value = static_cast<int32_t *>(calloc(65536, sizeof(int32_t)));
    scratch->first_result = static_cast<uint8_t *>(calloc(65536, sizeof(uint8_t)));
    if (!scratch->first_state || !scratch->first_value || !scratch->first_result) {
        hm_cjk_scratch_destroy(scratch);
        return nullptr;
    }
    return scratch;
}

void hm_cjk_scratch_destroy(hm_cjk_scratch *scratch) {
    if (!scratch) return;
    free(scratch->first_state);
    free(scratch->first_value);
    free(scratch->first_result);
    free(scratch->units);
    free(scratch->best);
    free(scratch->previous);
    free(scratch->values);
    free(scratch->lengths);
    free(scratch);
}

static bool reserve(hm_cjk_scratch *s, int32_t n) {
    if (n + 1 <= s->capacity) return true;
    int32_t capacity = s->capacity ? s->capacity : 256;
    while (capacity < n + 1) capacity *= 2;
    char16_t *units = static_cast<char16_t *>(realloc(s->units, sizeof(char16_t) * capacity));
    if (units) s->units = units;
    uint32_t *best = static_cast<uint32_t *>(realloc(s->best, sizeof(uint32_t) * capacity));
    if (best) s->best = best;
    int32_t *previous = static_cast<int32_t *>(realloc(s->previous, sizeof(int32_t) * capacity));
    if (previous) s->previous = previous;
    int32_t *values = static_cast<int32_t *>(realloc(s->values, sizeof(int32_t) * capacity));
    if (values) s->values = values;
    int32_t *lengths = static_cast<int32_t *>(realloc(s->lengths, sizeof(int32_t) * capacity));
    if (lengths) s->lengths = lengths;
    if (!units || !best || !previous || !values || !lengths) return false;
    s->capacity = capacity;
    return true;
}

int32_t hm_cjk_segment_utf8(hm_cjk_scratch *s, const uint8_t *text, int32_t length, int32_t *ends,
                            int32_t capacity) {
    const Dictionary &dict = dictionary();
    if (!dict.loaded || length % 3 != 0) return -1;
    const int32_t n = length / 3;
    if (!reserve(s, n)) return -1;

    /* Every character the fast path allows is a three-byte UTF-8 sequence. */
    for (int32_t i = 0; i < n; i++) {
        const uint8_t *p = text + 3 * i;
        if ((p[0] & 0xF0) != 0xE0) return -1;
        char16_t unit = static_cast<char16_t>(((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
        if (!dict.allows(unit)) return -1;
        s->units[i] = unit;
    }

    uint32_t *best = s->best;
    int32_t *previous = s->previous;
    best[0] = 0;
    previous[0] = -1;
    for (int32_t i = 1; i <= n; i++) {
        best[i] = kUnreached;
        previous[i] = -1;
    }

    icu::UCharsTrie trie(dict.trie);
    bool previous_was_katakana = false;
    for (int32_t i = 0; i < n; i++) {
        if (best[i] == kUnreached) continue;

        /* UCharsDictionaryMatcher::matches: every dictionary word starting at i. */
        int32_t count = 0;
        for (int32_t k = i; k < n; k++) {
            UStringTrieResult result;
            int32_t value = 0;
            if (k == i) {
                char16_t first = s->units[i];
                uint8_t cached = s->first_result[first];
                if (cached == 0) {
                    result = trie.first(first);
                    s->first_result[first] = static_cast<uint8_t>(result + 1);
                    if (result != USTRINGTRIE_NO_MATCH) s->first_state[first] = trie.getState64();
                    if (USTRINGTRIE_HAS_VALUE(result)) s->first_value[first] = trie.getValue();
                } else {
                    result = static_cast<UStringTrieResult>(cached - 1);
                    if (result != USTRINGTRIE_NO_MATCH) trie.resetToState64(s->first_state[first]);
                }
                value = s->first_value[first];
            } else {
                result = trie.next(s->units[k]);
                if (USTRINGTRIE_HAS_VALUE(result)) value = trie.getValue();
            }
            int32_t matched = k - i + 1;
            if (USTRINGTRIE_HAS_VALUE(result)) {
                s->values[count] = value;
                s->lengths[count] = matched;
                count++;
                if (result == USTRINGTRIE_FINAL_VALUE) break;
            } else if (result == USTRINGTRIE_NO_MATCH) {
                break;
            }
            if (matched >= kMaxWordSize) break;
        }
        /* No one-character word here: a lone character at the highest cost. */
        if (count == 0 || s->lengths[0] != 1) {
            s->values[count] = static_cast<int32_t>(kMaxSnlp);
            s->lengths[count] = 1;
            count++;
        }
        for (int32_t j = 0; j < count; j++) {
            uint32_t cost = best[i] + static_cast<uint32_t>(s->values[j]);
            int32_t end = i + s->lengths[j];
            if (cost < best[end]) {
                best[end] = cost;
                previous[end] = i;
            }
        }
        /* Katakana heuristic: a run of katakana is a candidate word of its own. */
        bool katakana = is_katakana(s->units[i]);
        if (!previous_was_katakana && katakana) {
            int32_t run = 1;
            int32_t j = i + 1;
            while (j < n && run < kMaxKatakanaGroupLength && is_katakana(s->units[j])) {
                j++;
                run++;
            }
            if (run < kMaxKatakanaGroupLength) {
                uint32_t cost = best[i] + katakana_cost(run);
                if (cost < best[i + run]) {
                    best[i + run] = cost;
                    previous[i + run] = i;
                }
            }
        }
        previous_was_katakana = katakana;
    }

    /* Walk back from the end; write the word ends in order. */
    int32_t count = 0;
    if (best[n] == kUnreached) {
        if (capacity < 1) return -1;
        ends[0] = length;
        return 1;
    }
    for (int32_t i = n; i > 0; i = previous[i]) count++;
    if (count > capacity) return -1;
    int32_t k = count;
    for (int32_t i = n; i > 0; i = previous[i]) ends[--k] = 3 * i;
    return count;
}

}  // extern "C"
