#ifndef CTURBOJPEG_SHIM_H
#define CTURBOJPEG_SHIM_H
// libjpeg-turbo's TurboJPEG API from Debian's libturbojpeg0-dev. Unlike the libjpeg API it reports
// errors by return value (no setjmp/longjmp, which Swift cannot call) and decodes with DCT scaling.
#include <stddef.h>
#include <turbojpeg.h>
#endif
