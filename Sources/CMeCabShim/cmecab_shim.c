// dlopen-based bindings to MeCab and libstemmer. See include/cmecab_shim.h.
#include "cmecab_shim.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

// The public ABI of mecab_node_t (MeCab 0.996), declared here so that the
// package compiles without mecab.h. When the header is present, the layout is
// checked against it.
struct cm_node {
    struct cm_node *prev, *next, *enext, *bnext;
    void *rpath, *lpath;
    const char *surface;
    const char *feature;
    unsigned int id;
    unsigned short length, rlength, rcAttr, lcAttr, posid;
    unsigned char char_type, stat, isbest;
    float alpha, beta, prob;
    short wcost;
    long cost;
};

#if defined(__has_include)
#if __has_include(<mecab.h>)
#include <mecab.h>
_Static_assert(offsetof(struct cm_node, surface) == offsetof(mecab_node_t, surface), "mecab_node_t layout");
_Static_assert(offsetof(struct cm_node, posid) == offsetof(mecab_node_t, posid), "mecab_node_t layout");
_Static_assert(offsetof(struct cm_node, stat) == offsetof(mecab_node_t, stat), "mecab_node_t layout");
_Static_assert(sizeof(struct cm_node) == sizeof(mecab_node_t), "mecab_node_t size");
#endif
#endif

typedef void *(*new2_fn)(const char *);
typedef void (*destroy_fn)(void *);
typedef const struct cm_node *(*tonode2_fn)(void *, const char *, size_t);

static pthread_once_t mecab_once = PTHREAD_ONCE_INIT;
static new2_fn p_new2;
static destroy_fn p_destroy;
static tonode2_fn p_tonode2;

static void load_mecab(void) {
    void *h = dlopen("libmecab.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen("libmecab.so", RTLD_NOW | RTLD_LOCAL);
    if (!h) return;
    new2_fn n = (new2_fn)dlsym(h, "mecab_new2");
    destroy_fn d = (destroy_fn)dlsym(h, "mecab_destroy");
    tonode2_fn t = (tonode2_fn)dlsym(h, "mecab_sparse_tonode2");
    if (n && d && t) { p_new2 = n; p_destroy = d; p_tonode2 = t; }
}

int32_t cmecab_available(void) {
    pthread_once(&mecab_once, load_mecab);
    return p_new2 != NULL;
}

void *cmecab_new(const char *arg) {
    if (!cmecab_available()) return NULL;
    return p_new2(arg ? arg : "");
}

void cmecab_destroy(void *tagger) {
    if (tagger && cmecab_available()) p_destroy(tagger);
}

const void *cmecab_parse(void *tagger, const char *text, size_t length) {
    if (!tagger || !cmecab_available()) return NULL;
    return p_tonode2(tagger, text, length);
}

const void *cmecab_node_next(const void *node) {
    return node ? ((const struct cm_node *)node)->next : NULL;
}

int32_t cmecab_node_stat(const void *node) { return ((const struct cm_node *)node)->stat; }

int64_t cmecab_node_offset(const void *node, const char *base) {
    return (int64_t)(((const struct cm_node *)node)->surface - base);
}

int32_t cmecab_node_length(const void *node) { return ((const struct cm_node *)node)->length; }

int32_t cmecab_node_posid(const void *node) { return ((const struct cm_node *)node)->posid; }

int32_t cmecab_node_field(const void *node, int32_t index, const char **start) {
    const char *p = ((const struct cm_node *)node)->feature;
    if (!p) return -1;
    int32_t field = 0;
    for (;;) {
        const char *s = p, *e;
        int quoted = (*p == '"');
        if (quoted) {
            s = ++p;
            while (*p && !(*p == '"' && p[1] != '"')) p += (*p == '"') ? 2 : 1;
            e = p;
            if (*p == '"') p++;
            while (*p && *p != ',') p++;
        } else {
            while (*p && *p != ',') p++;
            e = p;
        }
        if (field == index) { *start = s; return (int32_t)(e - s); }
        if (*p != ',') return -1;
        p++;
        field++;
    }
}

int32_t cmecab_node_fields(const void *node, const char **feature,
                           int32_t *starts, int32_t *lengths, int32_t capacity) {
    const char *base = ((const struct cm_node *)node)->feature;
    *feature = base;
    if (!base || !*base) return 0;
    const char *p = base;
    int32_t field = 0;
    for (;;) {
        const char *s = p, *e;
        if (*p == '"') {
            s = ++p;
            while (*p && !(*p == '"' && p[1] != '"')) p += (*p == '"') ? 2 : 1;
            e = p;
            if (*p == '"') p++;
            while (*p && *p != ',') p++;
        } else {
            while (*p && *p != ',') p++;
            e = p;
        }
        if (field < capacity) { starts[field] = (int32_t)(s - base); lengths[field] = (int32_t)(e - s); }
        field++;
        if (*p != ',') return field;
        p++;
    }
}

// Per-thread cache of feature summaries, keyed by the feature pointer and
// the base-form field asked for. A known word's feature string lives in the
// memory-mapped dictionary, which stays mapped as long as its tagger (the
// pool never destroys one), so the same pointer always holds the same text.
// The base form is copied into the slot when short, so that a word seen
// before costs no read of the dictionary's pages (each such read is a cache
// miss). Direct-mapped; a slot is replaced on collision.
// A slot is one 64-byte cache line and the table 256 KiB, so that it stays
// in the L2 cache.
#define CMECAB_SUMMARY_SLOTS 4096
#define CMECAB_INLINE_LEMMA 36
typedef struct {
    const char *key;
    int16_t count, lemma_index;
    uint16_t starts[2];
    uint16_t lengths[2];
    uint16_t lemma_start, lemma_length;   // lemma_start 0xFFFF: none; 0xFFFE: inline
    char lemma[CMECAB_INLINE_LEMMA];
} __attribute__((aligned(64))) cmecab_summary_slot;
_Static_assert(sizeof(cmecab_summary_slot) == 64, "one cache line per slot");

static _Thread_local cmecab_summary_slot *tls_summaries = NULL;
static pthread_key_t summaries_key;
static pthread_once_t summaries_once = PTHREAD_ONCE_INIT;
static void make_summaries_key(void) { pthread_key_create(&summaries_key, free); }

static void summarize(const char *base, int32_t lemma_index, cmecab_feature_summary *out) {
    out->count = 0; out->lemma = NULL; out->lemma_length = 0; out->lemma_index = -1;
    for (int i = 0; i < 2; i++) { out->starts[i] = 0; out->lengths[i] = 0; }
    if (!*base) return;
    int32_t starts[16], lengths[16];
    const char *f;
    struct cm_node fake;
    fake.feature = base;
    int32_t count = cmecab_node_fields(&fake, &f, starts, lengths, 16);
    out->count = count;
    for (int i = 0; i < 2 && i < count; i++) { out->starts[i] = starts[i]; out->lengths[i] = lengths[i]; }
    int32_t index = lemma_index >= 0 ? lemma_index : (count > 9 ? 7 : 6);
    out->lemma_index = index;
    if (index < count && index < 16) {
        out->lemma = base + starts[index];
        out->lemma_length = lengths[index];
    }
}

int32_t cmecab_node_summary(const void *node, int32_t lemma_index, const char **feature,
                            cmecab_feature_summary *out) {
    const struct cm_node *n = (const struct cm_node *)node;
    const char *base = n->feature;
    *feature = base;
    if (!base) { summarize("", lemma_index, out); return 0; }
    if (n->stat != 0) { summarize(base, lemma_index, out); return out->count; }   // unknown words: not cached
    cmecab_summary_slot *table = tls_summaries;
    if (!table) {
        pthread_once(&summaries_once, make_summaries_key);
        table = (cmecab_summary_slot *)calloc(CMECAB_SUMMARY_SLOTS, sizeof *table);
        if (!table) { summarize(base, lemma_index, out); return out->count; }
        tls_summaries = table;
        pthread_setspecific(summaries_key, table);   // freed at thread exit
    }
    uintptr_t h = (uintptr_t)base ^ (uintptr_t)(lemma_index + 1);
    cmecab_summary_slot *slot = &table[((h >> 3) ^ (h >> 15)) & (CMECAB_SUMMARY_SLOTS - 1)];
    if (slot->key == base && slot->lemma_index == (lemma_index < 0 ? -1 : lemma_index)) {
        out->count = slot->count;
        for (int i = 0; i < 2; i++) { out->starts[i] = slot->starts[i]; out->lengths[i] = slot->lengths[i]; }
        // The slot's lemma_index is the one asked for; the one used is the last byte.
        out->lemma_index = (int32_t)(uint8_t)slot->lemma[CMECAB_INLINE_LEMMA - 1];
        if (slot->lemma_start == 0xFFFF) { out->lemma = NULL; out->lemma_length = 0; }
        else if (slot->lemma_start == 0xFFFE) { out->lemma = slot->lemma; out->lemma_length = slot->lemma_length; }
        else { out->lemma = base + slot->lemma_start; out->lemma_length = slot->lemma_length; }
        return out->count;
    }
    summarize(base, lemma_index, out);
    // Cache it if it fits the slot's fields (feature strings are short).
    if (out->count <= 0 || out->count > 0x7FFF || out->starts[1] + out->lengths[1] > 0xFFFD || out->lemma_index > 255
        || (out->lemma && out->lemma - base + out->lemma_length > 0xFFFD)) return out->count;
    slot->key = base;
    slot->lemma_index = (int16_t)(lemma_index < 0 ? -1 : lemma_index);
    slot->count = (int16_t)out->count;
    for (int i = 0; i < 2; i++) { slot->starts[i] = (uint16_t)out->starts[i]; slot->lengths[i] = (uint16_t)out->lengths[i]; }
    if (!out->lemma) {
        slot->lemma_start = 0xFFFF; slot->lemma_length = 0;
    } else if (out->lemma_length <= CMECAB_INLINE_LEMMA - 1) {
        memcpy(slot->lemma, out->lemma, (size_t)out->lemma_length);
        slot->lemma_start = 0xFFFE; slot->lemma_length = (uint16_t)out->lemma_length;
    } else {
        slot->lemma_start = (uint16_t)(out->lemma - base); slot->lemma_length = (uint16_t)out->lemma_length;
    }
    slot->lemma[CMECAB_INLINE_LEMMA - 1] = (char)(uint8_t)out->lemma_index;   // the index used
    return out->count;
}

int32_t cmecab_node_field_count(const void *node) {
    const char *f;
    return cmecab_node_fields(node, &f, NULL, NULL, 0);
}

const char *cmecab_node_surface(const void *node) { return ((const struct cm_node *)node)->surface; }

int64_t cmecab_native_walk(void *tagger, const char *text, size_t length) {
    const struct cm_node *node = (const struct cm_node *)cmecab_parse(tagger, text, length);
    int64_t sum = 0;
    for (; node; node = node->next) {
        if (node->stat == 2 || node->stat == 3) continue;   // BOS, EOS
        // The surface (pointer and length) and the feature string, read
        // through once (as splitting it into fields would).
        sum += (int64_t)(node->surface - text) + node->length;
        for (const char *f = node->feature; f && *f; f++) sum += (*f == ',');
    }
    return sum;
}

// ---- libstemmer -------------------------------------------------------------

typedef void *(*sb_new_fn)(const char *, const char *);
typedef void (*sb_delete_fn)(void *);
typedef const unsigned char *(*sb_stem_fn)(void *, const unsigned char *, int);
typedef int (*sb_length_fn)(void *);

static pthread_once_t stem_once = PTHREAD_ONCE_INIT;
static sb_new_fn p_sb_new;
static sb_delete_fn p_sb_delete;
static sb_stem_fn p_sb_stem;
static sb_length_fn p_sb_length;

static void load_stemmer(void) {
    void *h = dlopen("libstemmer.so.0d", RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen("libstemmer.so", RTLD_NOW | RTLD_LOCAL);
    if (!h) return;
    sb_new_fn n = (sb_new_fn)dlsym(h, "sb_stemmer_new");
    sb_delete_fn d = (sb_delete_fn)dlsym(h, "sb_stemmer_delete");
    sb_stem_fn s = (sb_stem_fn)dlsym(h, "sb_stemmer_stem");
    sb_length_fn l = (sb_length_fn)dlsym(h, "sb_stemmer_length");
    if (n && d && s && l) { p_sb_new = n; p_sb_delete = d; p_sb_stem = s; p_sb_length = l; }
}

int32_t cstem_available(void) {
    pthread_once(&stem_once, load_stemmer);
    return p_sb_new != NULL;
}

void *cstem_new(const char *algorithm) {
    if (!cstem_available()) return NULL;
    return p_sb_new(algorithm, "UTF_8");
}

void cstem_delete(void *stemmer) {
    if (stemmer && cstem_available()) p_sb_delete(stemmer);
}

int32_t cstem_stem(void *stemmer, const char *word, int32_t length, const char **out) {
    if (!stemmer || !cstem_available()) return -1;
    const unsigned char *r = p_sb_stem(stemmer, (const unsigned char *)word, length);
    if (!r) return -1;
    *out = (const char *)r;
    return p_sb_length(stemmer);
}
