#ifndef CICU_SHIM_H
#define CICU_SHIM_H
// The only ICU surface the Swift code sees. This header uses <stdint.h> types
// only: system ICU headers must never reach a Swift module that also sees
// Foundation (whose own ICU has clashing type definitions).
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Status codes returned by the shim (negative values are errors).
enum {
    CICU_OK = 0,
    CICU_BUFFER_TOO_SMALL = -1,   // call again with the capacity in *needed
    CICU_FAILURE = -2,            // ICU reported an error (code in *icu_error)
    CICU_INVALID_INPUT = -3       // the bytes are not valid in the given charset
};

/// Word boundaries of UTF-16 `text` for `locale` ("en", "ja", ""...).
/// Writes the end offset and ICU rule status of each segment (segments start
/// where the previous ends, the first at 0). Returns the number of segments,
/// or CICU_BUFFER_TOO_SMALL with the count needed in *needed.
int32_t cicu_word_breaks(const uint16_t *text, int32_t length, const char *locale,
                         int32_t *ends, int32_t *statuses, int32_t capacity, int32_t *needed);

/// Sentence boundaries (end offsets), same conventions as cicu_word_breaks.
/// When `suppress_abbreviations` is non-zero, ICU's "ss=standard" locale
/// extension keeps abbreviations such as "Mr." and "U.S." inside a sentence.
int32_t cicu_sentence_breaks(const uint16_t *text, int32_t length, const char *locale,
                             int32_t suppress_abbreviations,
                             int32_t *ends, int32_t capacity, int32_t *needed);

/// Same as cicu_word_breaks, but with a break iterator cached per thread and
/// per locale: only the first call on a thread opens one (ubrk_open is
/// 15-25% of ICU's time on article-sized text); later calls only set the
/// text. Iterators are closed when the thread exits.
int32_t cicu_word_breaks_cached(const uint16_t *text, int32_t length, const char *locale,
                                int32_t *ends, int32_t *statuses, int32_t capacity, int32_t *needed);

/// Word boundaries of UTF-8 `text`, with the per-thread iterator of
/// cicu_word_breaks_cached: the text is converted to UTF-16 in a per-thread
/// scratch buffer and each segment's end is written as a UTF-8 byte offset,
/// with its rule status. A capacity of `length` is always enough. The text
/// must be valid UTF-8 (CICU_INVALID_INPUT otherwise, as offsets could not be
/// mapped back).
int32_t cicu_word_breaks_utf8(const uint8_t *text, int32_t length, const char *locale,
                              int32_t *ends, int32_t *statuses, int32_t capacity, int32_t *needed);

/// Same as cicu_sentence_breaks, with the per-thread iterator cache of
/// cicu_word_breaks_cached (which also keeps the "ss=standard" filter built
/// once per thread instead of once per call).
int32_t cicu_sentence_breaks_cached(const uint16_t *text, int32_t length, const char *locale,
                                    int32_t suppress_abbreviations,
                                    int32_t *ends, int32_t capacity, int32_t *needed);

/// NFKC normalization with Unicode case folding (NFKC_Casefold).
/// Returns the output length in UTF-16 units, or a negative status.
int32_t cicu_nfkc_casefold(const uint16_t *src, int32_t length,
                           uint16_t *dst, int32_t capacity, int32_t *needed);

/// Plain NFKC normalization (no case folding).
int32_t cicu_nfkc(const uint16_t *src, int32_t length,
                  uint16_t *dst, int32_t capacity, int32_t *needed);

/// Guesses the charset of `bytes` with ICU's detector. Writes a NUL-terminated
/// IANA name into `name` and a 0-100 confidence. `declared` may be NULL or a
/// declared charset used as a hint. Returns CICU_OK or an error.
int32_t cicu_detect_charset(const uint8_t *bytes, int32_t length, const char *declared,
                            char *name, int32_t name_capacity, int32_t *confidence);

/// Converts `bytes` in `charset` to UTF-8. With `strict` non-zero, any byte
/// sequence invalid in that charset fails with CICU_INVALID_INPUT and the
/// offset of the first bad byte in *error_offset; otherwise bad sequences
/// become U+FFFD and their count goes to *substitutions.
/// Returns the UTF-8 length, or a negative status (CICU_BUFFER_TOO_SMALL
/// with *needed set).
int32_t cicu_convert_to_utf8(const char *charset, const uint8_t *bytes, int32_t length,
                             int32_t strict, uint8_t *out, int32_t capacity,
                             int32_t *needed, int32_t *substitutions, int32_t *error_offset);

/// Whether ICU knows a converter for `charset` (1) or not (0).
int32_t cicu_charset_known(const char *charset);

/// Canonical ICU name of a charset alias into `name` (NUL-terminated).
int32_t cicu_canonical_charset(const char *charset, char *name, int32_t name_capacity);

/// ICU script code (UScriptCode) of a code point.
int32_t cicu_script(uint32_t codepoint);

/// ICU version as "major.minor".
void cicu_version(char *out, int32_t capacity);

#ifdef __cplusplus
}
#endif
#endif
