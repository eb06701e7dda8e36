#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
// zlib from Debian's zlib1g-dev; gzread also reads uncompressed files transparently.
#include <zlib.h>
#endif
