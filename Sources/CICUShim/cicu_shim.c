// Thin forwarders over ICU. ICU names are macro-renamed per version
// (ubrk_open -> ubrk_open_72), which Swift cannot import; these C functions can.
#include "cicu_shim.h"
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <unicode/utypes.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <unicode/unorm2.h>
#include <unicode/ucsdet.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uversion.h>

static int32_t collect_breaks(UBreakIterator *bi, int32_t *ends, int32_t *statuses,
                              int32_t capacity, int32_t *needed) {
    int32_t count = 0;
    ubrk_first(bi);
    for (int32_t end = ubrk_next(bi); end != UBRK_DONE; end = ubrk_next(bi)) {
        if (count < capacity) {
            ends[count] = end;
            if (statuses) statuses[count] = ubrk_getRuleStatus(bi);
        }
        count++;
    }
    if (needed) *needed = count;
    return count > capacity ? CICU_BUFFER_TOO_SMALL : count;
}

int32_t cicu_word_breaks(const uint16_t *text, int32_t length, const char *locale,
                         int32_t *ends, int32_t *statuses, int32_t capacity, int32_t *needed) {
    if (length == 0) { if (needed) *needed = 0; return 0; }
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, locale, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return CICU_FAILURE;
    int32_t n = collect_breaks(bi, ends, statuses, capacity, needed);
    ubrk_close(bi);
    return n;
}

int32_t cicu_sentence_breaks(const uint16_t *text, int32_t length, const char *locale,
                             int32_t suppress_abbreviations,
                             int32_t *ends, int32_t capacity, int32_t *needed) {
    if (length == 0) { if (needed) *needed = 0; return 0; }
    char loc[96];
    const char *base = (locale && *locale) ? locale : "en";
    if (suppress_abbreviations) {
        snprintf(loc, sizeof loc, "%s@ss=standard", base);
    } else {
        snprintf(loc, sizeof loc, "%s", base);
    }
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, loc, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return CICU_FAILURE;
    int32_t n = collect_breaks(bi, ends, NULL, capacity, needed);
    ubrk_close(bi);
    return n;
}

// Per-thread cache of break iterators, keyed by (type, locale). A thread
// rarely uses more than a few (word + sentence for one or two languages);
// when all slots are taken the oldest is closed.
#define CICU_CACHE_SLOTS 8
typedef struct {
    UBreakIterator *bi;
    int32_t type;
    char locale[64];
} cicu_cached_iterator;

typedef struct {
    cicu_cached_iterator slots[CICU_CACHE_SLOTS];
    int32_t next;   // slot to reuse when all are taken
    UChar *scratch;          // UTF-16 copy of the text for cicu_word_breaks_utf8
    int32_t scratch_capacity;
} cicu_iterator_cache;

static _Thread_local cicu_iterator_cache *tls_cache = NULL;
static pthread_key_t cache_key;
static pthread_once_t cache_key_once = PTHREAD_ONCE_INIT;

static void free_cache(void *p) {
    cicu_iterator_cache *cache = (cicu_iterator_cache *)p;
    if (!cache) return;
    for (int i = 0; i < CICU_CACHE_SLOTS; i++) {
        if (cache->slots[i].bi) ubrk_close(cache->slots[i].bi);
    }
    free(cache->scratch);
    free(cache);
}

static void make_cache_key(void) { pthread_key_create(&cache_key, free_cache); }

/// The thread's cache, created on first use.
static cicu_iterator_cache *thread_cache(void) {
    cicu_iterator_cache *cache = tls_cache;
    if (!cache) {
        pthread_once(&cache_key_once, make_cache_key);
        cache = (cicu_iterator_cache *)calloc(1, sizeof *cache);
        if (!cache) return NULL;
        tls_cache = cache;
        pthread_setspecific(cache_key, cache);   // closes the iterators at thread exit
    }
    return cache;
}

/// The thread's iterator for (type, locale) with `text` set, or NULL.
static UBreakIterator *cached_iterator(int32_t type, const char *locale,
                                       const UChar *text, int32_t length) {
    if (strlen(locale) >= sizeof(((cicu_cached_iterator *)0)->locale)) return NULL;
    cicu_iterator_cache *cache = thread_cache();
    if (!cache) return NULL;
    UErrorCode status = U_ZERO_ERROR;
    for (int i = 0; i < CICU_CACHE_SLOTS; i++) {
        cicu_cached_iterator *slot = &cache->slots[i];
        if (slot->bi && slot->type == type && strcmp(slot->locale, locale) == 0) {
            ubrk_setText(slot->bi, text, length, &status);
            return U_FAILURE(status) ? NULL : slot->bi;
        }
    }
    UBreakIterator *bi = ubrk_open((UBreakIteratorType)type, locale, text, length, &status);
    if (U_FAILURE(status)) return NULL;
    int32_t i = 0;
    while (i < CICU_CACHE_SLOTS && cache->slots[i].bi) i++;
    if (i == CICU_CACHE_SLOTS) {
        i = cache->next;
        cache->next = (cache->next + 1) % CICU_CACHE_SLOTS;
        ubrk_close(cache->slots[i].bi);
    }
    cache->slots[i].bi = bi;
    cache->slots[i].type = type;
    snprintf(cache->slots[i].locale, sizeof cache->slots[i].locale, "%s", locale);
    return bi;
}

int32_t cicu_word_breaks_cached(const uint16_t *text, int32_t length, const char *locale,
                                int32_t *ends, int32_t *statuses, int32_t capacity, int32_t *needed) {
    if (length == 0) { if (needed) *needed = 0; return 0; }
    UBreakIterator *bi = cached_iterator(UBRK_WORD, locale ? locale : "", (const UChar *)text, length);
    if (!bi) return cicu_word_breaks(text, length, locale, ends, statuses, capacity, needed);
    return collect_breaks(bi, ends, statuses, capacity, needed);
}

int32_t cicu_word_breaks_utf8(const uint8_t *text, int32_t length, const char *locale,
                              int32_t *ends, int32_t *statuses, int32_t capacity, int32_t *needed) {
    if (needed) *needed = 0;
    if (length <= 0) return 0;
    cicu_iterator_cache *cache = thread_cache();
    if (!cache) return CICU_FAILURE;
    // A UTF-8 byte never becomes more than one UTF-16 unit.
    if (cache->scratch_capacity < length) {
        int32_t cap = length < 4096 ? 4096 : length;
        UChar *grown = (UChar *)realloc(cache->scratch, sizeof(UChar) * (size_t)cap);
        if (!grown) return CICU_FAILURE;
        cache->scratch = grown;
        cache->scratch_capacity = cap;
    }
    UChar *u = cache->scratch;
    UErrorCode status = U_ZERO_ERROR;
    int32_t length16 = 0, substitutions = 0;
    u_strFromUTF8WithSub(u, cache->scratch_capacity, &length16, (const char *)text, length,
                         0xFFFD, &substitutions, &status);
    if (U_FAILURE(status) || substitutions != 0) return CICU_INVALID_INPUT;
    UBreakIterator *bi = cached_iterator(UBRK_WORD, locale ? locale : "", u, length16);
    if (!bi) return CICU_FAILURE;
    int32_t count = 0;
    const int ascii = length16 == length;
    int32_t at16 = 0, at8 = 0;
    for (int32_t end = ubrk_next(bi); end != UBRK_DONE; end = ubrk_next(bi)) {
        if (ascii) {
            at8 = end;
        } else {
            // UTF-8 width of the units up to `end` (a surrogate pair is 2 + 2).
            for (; at16 < end; at16++) {
                UChar c = u[at16];
                at8 += c < 0x80 ? 1 : c < 0x800 ? 2 : (c >= 0xD800 && c < 0xE000) ? 2 : 3;
            }
        }
        if (count < capacity) {
            ends[count] = at8;
            statuses[count] = ubrk_getRuleStatus(bi);
        }
        count++;
    }
    if (needed) *needed = count;
    return count > capacity ? CICU_BUFFER_TOO_SMALL : count;
}

int32_t cicu_sentence_breaks_cached(const uint16_t *text, int32_t length, const char *locale,
                                    int32_t suppress_abbreviations,
                                    int32_t *ends, int32_t capacity, int32_t *needed) {
    if (length == 0) { if (needed) *needed = 0; return 0; }
    char loc[96];
    const char *base = (locale && *locale) ? locale : "en";
    snprintf(loc, sizeof loc, suppress_abbreviations ? "%s@ss=standard" : "%s", base);
    UBreakIterator *bi = cached_iterator(UBRK_SENTENCE, loc, (const UChar *)text, length);
    if (!bi) return cicu_sentence_breaks(text, length, locale, suppress_abbreviations, ends, capacity, needed);
    return collect_breaks(bi, ends, NULL, capacity, needed);
}

static int32_t normalize_with(const UNormalizer2 *norm, const uint16_t *src, int32_t length,
                              uint16_t *dst, int32_t capacity, int32_t *needed) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = unorm2_normalize(norm, (const UChar *)src, length, (UChar *)dst, capacity, &status);
    if (needed) *needed = n;
    if (status == U_BUFFER_OVERFLOW_ERROR) return CICU_BUFFER_TOO_SMALL;
    if (U_FAILURE(status)) return CICU_FAILURE;
    return n;
}

int32_t cicu_nfkc_casefold(const uint16_t *src, int32_t length,
                           uint16_t *dst, int32_t capacity, int32_t *needed) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *norm = unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status)) return CICU_FAILURE;
    return normalize_with(norm, src, length, dst, capacity, needed);
}

int32_t cicu_nfkc(const uint16_t *src, int32_t length,
                  uint16_t *dst, int32_t capacity, int32_t *needed) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *norm = unorm2_getNFKCInstance(&status);
    if (U_FAILURE(status)) return CICU_FAILURE;
    return normalize_with(norm, src, length, dst, capacity, needed);
}

int32_t cicu_detect_charset(const uint8_t *bytes, int32_t length, const char *declared,
                            char *name, int32_t name_capacity, int32_t *confidence) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *det = ucsdet_open(&status);
    if (U_FAILURE(status)) return CICU_FAILURE;
    ucsdet_enableInputFilter(det, 1); /* skip markup when guessing */
    ucsdet_setText(det, (const char *)bytes, length, &status);
    if (declared && *declared) ucsdet_setDeclaredEncoding(det, declared, -1, &status);
    const UCharsetMatch *match = ucsdet_detect(det, &status);
    if (U_FAILURE(status) || match == NULL) { ucsdet_close(det); return CICU_FAILURE; }
    const char *found = ucsdet_getName(match, &status);
    int32_t conf = ucsdet_getConfidence(match, &status);
    if (U_FAILURE(status) || found == NULL) { ucsdet_close(det); return CICU_FAILURE; }
    snprintf(name, (size_t)name_capacity, "%s", found);
    if (confidence) *confidence = conf;
    ucsdet_close(det);
    return CICU_OK;
}

int32_t cicu_convert_to_utf8(const char *charset, const uint8_t *bytes, int32_t length,
                             int32_t strict, uint8_t *out, int32_t capacity,
                             int32_t *needed, int32_t *substitutions, int32_t *error_offset) {
    if (substitutions) *substitutions = 0;
    if (error_offset) *error_offset = -1;
    UErrorCode status = U_ZERO_ERROR;
    UConverter *from = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return CICU_FAILURE;
    if (strict) {
        ucnv_setToUCallBack(from, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    }
    // Decode to UTF-16 first (needed to count errors), then encode UTF-8.
    int32_t cap16 = length * 2 + 16;
    UChar *buf16 = (UChar *)malloc(sizeof(UChar) * (size_t)cap16);
    if (!buf16) { ucnv_close(from); return CICU_FAILURE; }
    UChar *target = buf16;
    const char *source = (const char *)bytes;
    ucnv_toUnicode(from, &target, buf16 + cap16, &source, (const char *)bytes + length, NULL, 1, &status);
    if (U_FAILURE(status)) {
        if (error_offset) *error_offset = (int32_t)(source - (const char *)bytes);
        free(buf16); ucnv_close(from);
        return (status == U_INVALID_CHAR_FOUND || status == U_ILLEGAL_CHAR_FOUND ||
                status == U_TRUNCATED_CHAR_FOUND) ? CICU_INVALID_INPUT : CICU_FAILURE;
    }
    int32_t len16 = (int32_t)(target - buf16);
    if (!strict && substitutions) {
        int32_t subs = 0;
        for (int32_t i = 0; i < len16; i++) if (buf16[i] == 0xFFFD || buf16[i] == 0x1A) subs++;
        *substitutions = subs;
    }
    ucnv_close(from);
    int32_t outLen = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8WithSub((char *)out, capacity, &outLen, buf16, len16, 0xFFFD, NULL, &status);
    free(buf16);
    if (needed) *needed = outLen;
    if (status == U_BUFFER_OVERFLOW_ERROR) return CICU_BUFFER_TOO_SMALL;
    if (U_FAILURE(status)) return CICU_FAILURE;
    return outLen;
}

int32_t cicu_charset_known(const char *charset) {
    UErrorCode status = U_ZERO_ERROR;
    const char *canon = ucnv_getCanonicalName(charset, "IANA", &status);
    if (U_SUCCESS(status) && canon) return 1;
    status = U_ZERO_ERROR;
    UConverter *c = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return 0;
    ucnv_close(c);
    return 1;
}

int32_t cicu_canonical_charset(const char *charset, char *name, int32_t name_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *c = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return CICU_FAILURE;
    const char *n = ucnv_getName(c, &status);
    if (U_FAILURE(status) || !n) { ucnv_close(c); return CICU_FAILURE; }
    snprintf(name, (size_t)name_capacity, "%s", n);
    ucnv_close(c);
    return CICU_OK;
}

int32_t cicu_script(uint32_t codepoint) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript((UChar32)codepoint, &status);
    return U_FAILURE(status) ? -1 : (int32_t)s;
}

void cicu_version(char *out, int32_t capacity) {
    UVersionInfo v;
    u_getVersion(v);
    snprintf(out, (size_t)capacity, "%d.%d", v[0], v[1]);
}
