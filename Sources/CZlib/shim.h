#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
#include <zlib.h>
/// inflateInit2 is a macro; Swift cannot call it.
static inline int czlib_inflate_init_gzip(z_streamp strm) {
    return inflateInit2(strm, 15 + 32); /* gzip or zlib header, auto-detected */
}
#endif
