#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H
// SQLite 3.40 from Debian's libsqlite3-dev (built with FTS5).
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
#endif
