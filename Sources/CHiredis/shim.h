#ifndef DAS2KIT_CHIREDIS_SHIM_H
#define DAS2KIT_CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>

/* The context's error text is a fixed-size char array, which Swift imports as a tuple. */
static inline const char *das2kit_redisErrorText(const redisContext *context) {
    return context->errstr;
}
#endif
