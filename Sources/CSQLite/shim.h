#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H
// SQLite 3.40 from Debian's libsqlite3-dev (built with FTS5).
#include <sqlite3.h>
#include <stddef.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

/// One FTS5 tokenizer instance (`tokenizer` made by `methods.xCreate`), as `csqlite_fts5_tokenizer_open` makes it.
typedef struct csqlite_fts5_tokenizer {
    fts5_tokenizer methods;
    Fts5Tokenizer *tokenizer;
} csqlite_fts5_tokenizer;

/// Creates the FTS5 tokenizer `name` with `arguments` on connection `db`, exactly as an FTS5 table's
/// `tokenize = '...'` option does (the same code splits documents and queries). The fts5_api pointer
/// is fetched the documented way, `SELECT fts5(?1)` with a bound pointer. SQLITE_OK, or an error code.
static inline int csqlite_fts5_tokenizer_open(
    sqlite3 *db, const char *name, const char **arguments, int argumentCount, csqlite_fts5_tokenizer *out
) {
    fts5_api *api = NULL;
    sqlite3_stmt *statement = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(statement);
    sqlite3_finalize(statement);
    if (api == NULL || api->iVersion < 2) return SQLITE_ERROR;
    void *context = NULL;
    rc = api->xFindTokenizer(api, name, &context, &out->methods);
    if (rc != SQLITE_OK) return rc;
    return out->methods.xCreate(context, arguments, argumentCount, &out->tokenizer);
}

/// Called once per token: the token's bytes (case-folded, stemmed) and its length.
typedef int (*csqlite_token_sink)(void *context, int flags, const char *token, int length, int start, int end);

static inline int csqlite_fts5_tokenize(
    csqlite_fts5_tokenizer *tokenizer, int flags, const char *text, int length, void *context, csqlite_token_sink sink
) {
    return tokenizer->methods.xTokenize(tokenizer->tokenizer, context, flags, text, length, sink);
}

static inline void csqlite_fts5_tokenizer_close(csqlite_fts5_tokenizer *tokenizer) {
    if (tokenizer->tokenizer != NULL) tokenizer->methods.xDelete(tokenizer->tokenizer);
    tokenizer->tokenizer = NULL;
}
#endif
