#include "sqlite_guard.h"
#include <sqlite3.h>

static int set_flag(sqlite3 *db, int op, int value) {
    int now = -1;
    int code = sqlite3_db_config(db, op, value, &now);
    if (code != SQLITE_OK) return code;
    return now == value ? SQLITE_OK : SQLITE_ERROR;
}

static int get_flag(sqlite3 *db, int op) {
    int now = -1;
    if (sqlite3_db_config(db, op, -1, &now) != SQLITE_OK) return -1;
    return now;
}

int hm_sqlite_lock_down(void *connection) {
    sqlite3 *db = connection;
    int code;
    if ((code = set_flag(db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0)) != SQLITE_OK) return code;
    if ((code = set_flag(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0)) != SQLITE_OK) return code;
    if ((code = set_flag(db, SQLITE_DBCONFIG_DEFENSIVE, 1)) != SQLITE_OK) return code;
    if ((code = set_flag(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0)) != SQLITE_OK) return code;
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    return sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, -1) == 0 ? SQLITE_OK : SQLITE_ERROR;
}

int hm_sqlite_fts3_tokenizer_enabled(void *connection) {
    return get_flag(connection, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER);
}

int hm_sqlite_defensive_enabled(void *connection) {
    return get_flag(connection, SQLITE_DBCONFIG_DEFENSIVE);
}
