#ifndef CMECAB_SHIM_H
#define CMECAB_SHIM_H
// Run-time bindings to MeCab (libmecab.so.2) and Snowball (libstemmer.so.0d).
// Both libraries are loaded with dlopen on first use, so the package builds
// and runs on machines without them; callers check *_available() first.
// Only <stdint.h>/<stddef.h> types appear here.
#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when libmecab.so.2 could be loaded and has every symbol we need.
int32_t cmecab_available(void);

/// Creates a tagger (mecab_new2). `arg` is a MeCab option string such as
/// "-d /var/lib/mecab/dic/debian" (may be ""). Returns NULL on failure.
/// A tagger is not thread-safe: use one per thread or guard it with a lock.
void *cmecab_new(const char *arg);
void cmecab_destroy(void *tagger);

/// Parses `length` bytes of UTF-8 and returns the BOS node (or NULL).
/// Nodes stay valid until the next parse with the same tagger.
const void *cmecab_parse(void *tagger, const char *text, size_t length);
/// The next node, or NULL after EOS.
const void *cmecab_node_next(const void *node);
/// 0 normal, 1 unknown word, 2 BOS, 3 EOS.
int32_t cmecab_node_stat(const void *node);
/// Byte offset of the node's surface from `base` (the parsed text).
int64_t cmecab_node_offset(const void *node, const char *base);
/// Byte length of the surface.
int32_t cmecab_node_length(const void *node);
/// Part-of-speech id from the dictionary's pos-id.def.
int32_t cmecab_node_posid(const void *node);
/// Field `index` (0-based) of the node's comma-separated feature string:
/// writes its start to *start and returns its length, or -1 if absent.
/// Double-quoted fields (UniDic) are returned without their quotes.
int32_t cmecab_node_field(const void *node, int32_t index, const char **start);
/// Number of fields in the node's feature string.
int32_t cmecab_node_field_count(const void *node);
/// Splits the node's feature string once: writes the byte offset (from the
/// feature start, *feature) and length of up to `capacity` fields, and
/// returns the number of fields (which may exceed capacity).
int32_t cmecab_node_fields(const void *node, const char **feature,
                           int32_t *starts, int32_t *lengths, int32_t capacity);
/// What the tokenizer reads from a feature string: the number of fields,
/// the start (byte offset from the feature) and length of fields 0 and 1
/// (part of speech; length 0 when missing), and the base-form field: its
/// index (`lemma_index` as asked, or 7 when there are more than 9 fields and
/// 6 otherwise: UniDic's lemma, ipadic's base form) and its text, NULL when
/// there is no such field. Fields are split as by cmecab_node_fields.
typedef struct {
    int32_t count;
    int32_t starts[2];
    int32_t lengths[2];
    int32_t lemma_index;
    const char *lemma;
    int32_t lemma_length;
} cmecab_feature_summary;

/// The summary of the node's feature string (`lemma_index` -1: chosen from
/// the field count), and the feature's start in *feature. Summaries of known
/// words are cached per thread by feature pointer (the string sits in the
/// memory-mapped dictionary, so the pointer identifies it) with short base
/// forms copied: a word seen before costs no read of the dictionary's pages.
/// `lemma` stays valid until the next call on the same thread. Returns the
/// field count.
int32_t cmecab_node_summary(const void *node, int32_t lemma_index, const char **feature,
                            cmecab_feature_summary *out);
/// The node's surface pointer.
const char *cmecab_node_surface(const void *node);

/// The speed benchmark's native peer: parses `length` bytes with
/// mecab_sparse_tonode2 and walks the nodes, reading each surface and its
/// whole feature string, as a plain C program over MeCab would. Returns a
/// checksum.
int64_t cmecab_native_walk(void *tagger, const char *text, size_t length);

/// 1 when libstemmer.so.0d could be loaded.
int32_t cstem_available(void);
/// A Snowball stemmer for `algorithm` ("english", ...) over UTF-8, or NULL.
/// Not thread-safe per instance.
void *cstem_new(const char *algorithm);
void cstem_delete(void *stemmer);
/// Stems `length` bytes; *out points into the stemmer's buffer (valid until
/// the next call). Returns the stem length, or -1.
int32_t cstem_stem(void *stemmer, const char *word, int32_t length, const char **out);

#ifdef __cplusplus
}
#endif
#endif
