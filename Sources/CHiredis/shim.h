#ifndef CHIREDIS_SHIM_H
#define CHIREDIS_SHIM_H
// hiredis 0.14 from Debian's libhiredis-dev. Swift cannot call its variadic redisCommand,
// so the project hands it commands already encoded as RESP (redisAppendFormattedCommand).
#include <hiredis/hiredis.h>
#endif
