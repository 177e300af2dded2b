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
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/parserInternals.h>
#include <string.h>

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
/// Depth at which libxml2's tree builder (nodePush) halts the parser unless
/// XML_PARSE_HUGE is set; the SAX tree builder keeps the same limit.
static inline unsigned int cxml_max_depth(void) { return xmlParserMaxDepth; }

/// A parser context set up exactly as htmlReadMemory sets one up (memory
/// context, the given SAX1-sized handler, options, UTF-8 input), but with our
/// SAX callbacks and user data instead of libxml2's tree builder. Run it with
/// htmlParseDocument and release it with cxml_html_sax_free.
static inline xmlParserCtxtPtr cxml_html_sax_new(const char *buf, int size, int options,
                                                 const htmlSAXHandler *sax, void *user) {
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(buf, size);
    if (ctxt == NULL) return NULL;
    if (ctxt->sax != NULL) memcpy(ctxt->sax, sax, sizeof(xmlSAXHandlerV1));
    ctxt->userData = user;
    htmlCtxtUseOptions(ctxt, options);
    ctxt->html = 1;
    xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler("UTF-8");
    if (handler != NULL) {
        xmlSwitchToEncoding(ctxt, handler);
        if (ctxt->input->encoding != NULL) xmlFree((xmlChar *)ctxt->input->encoding);
        ctxt->input->encoding = xmlStrdup((const xmlChar *)"UTF-8");
    }
    return ctxt;
}

static inline void cxml_html_sax_free(xmlParserCtxtPtr ctxt) {
    if (ctxt->myDoc != NULL) { xmlFreeDoc(ctxt->myDoc); ctxt->myDoc = NULL; }
    xmlFreeParserCtxt(ctxt);
}
#endif
