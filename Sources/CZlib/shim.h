#ifndef DAS2KIT_CZLIB_SHIM_H
#define DAS2KIT_CZLIB_SHIM_H
#include <zlib.h>

/* deflateInit / inflateInit are macros; Swift cannot call them directly. */
static inline int das2kit_inflateInit(z_streamp strm) {
    return inflateInit(strm);
}
static inline int das2kit_deflateInit(z_streamp strm, int level) {
    return deflateInit(strm, level);
}
#endif
