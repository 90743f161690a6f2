#ifndef DAS2KIT_CEXPAT_SHIM_H
#define DAS2KIT_CEXPAT_SHIM_H
#include <expat.h>
#endif
