#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
#include <zlib.h>
/// inflateInit2 is a macro; Swift cannot call it.
static inline int czlib_inflate_init_gzip(z_streamp strm) {
    return inflateInit2(strm, 15 + 32); /* gzip or zlib header, auto-detected */
}
/// deflateInit2 is a macro too: a gzip stream (header and CRC) at `level`.
static inline int czlib_deflate_init_gzip(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
/// A raw deflate stream (no header, no trailer) at `level`, for gzip files laid out
/// segment by segment (each segment compressed on its own and flushed to a byte boundary).
static inline int czlib_deflate_init_raw(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}
#endif
