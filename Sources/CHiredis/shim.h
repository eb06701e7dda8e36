#ifndef CHIREDIS_SHIM_H
#define CHIREDIS_SHIM_H
// hiredis 0.14 from Debian's libhiredis-dev. Swift cannot call its variadic redisCommand,
// so the project uses redisCommandArgv / redisAppendCommandArgv only.
#include <hiredis/hiredis.h>
#endif
