#ifndef CPNG_SHIM_H
#define CPNG_SHIM_H
// libpng 1.6 from Debian's libpng-dev. The project uses only the simplified png_image API, which
// reports errors in the png_image struct instead of longjmp-ing into the caller.
#include <png.h>

// Macros Swift cannot import, as functions.
static inline png_uint_32 cpng_image_version(void) { return PNG_IMAGE_VERSION; }
static inline png_uint_32 cpng_format_rgba(void) { return PNG_FORMAT_RGBA; }
static inline png_uint_32 cpng_format_rgb(void) { return PNG_FORMAT_RGB; }
static inline int cpng_image_failed(const png_image *image) { return PNG_IMAGE_FAILED(*image); }
#endif
