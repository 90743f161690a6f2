#ifndef DAS2KIT_CCRYPT_SHIM_H
#define DAS2KIT_CCRYPT_SHIM_H
#include <crypt.h>
#endif
