#ifndef CWEBP_SHIM_H
#define CWEBP_SHIM_H
// libwebp from Debian's libwebp-dev: header probing, decoding into a caller's buffer, and encoding
// (the tests and the benchmark write WebP files with it).
#include <webp/decode.h>
#include <webp/encode.h>
#endif
