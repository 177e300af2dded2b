#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
// Debian's libxml2 is built with ICU; its encoding header would pull system ICU
// into every Swift module that imports this one, where it clashes with
// Foundation's own ICU. Hiding the ICU fields is safe as long as nobody touches
// xmlCharEncodingHandler's internals (we never do).
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>

/// xmlFree is a global function-pointer variable, which Swift 6 rejects.
static inline void cxml_free(void *p) { xmlFree(p); }

/// No-op error handler, so libxml2 never prints to stderr in a batch run.
static void cxml_silent_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void cxml_silence_errors(void) {
    xmlSetGenericErrorFunc(NULL, cxml_silent_error);
    xmlSetStructuredErrorFunc(NULL, NULL);
}

/// External entity loader that refuses everything: no file, no network.
static xmlParserInputPtr cxml_no_entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}
static inline void cxml_forbid_external_entities(void) {
    xmlSetExternalEntityLoader(cxml_no_entity_loader);
}
#endif
