/*
 * store.c: the embedded SQLite database (the only module that includes
 * <sqlite3.h>).
 *
 * Schema (migrations below, applied in order and counted by PRAGMA
 * user_version): référentiels by SHA-256 with their YAML text; campaigns
 * (référentiel, reference date, open or closed); establishments per
 * campaign (the profile of the answers format); the current answers (value,
 * na, comment) and their versions; the submission status; and an append-only history of every
 * save (who, when, and what changed), guarded by triggers; the accounts of
 * the web questionnaire and their sessions.  Every statement is
 * prepared with bound parameters: no SQL is ever built from data.
 *
 * Establishments come back as mh_establishment objects rebuilt through the
 * same checks as answers files (mh_establishment_new, _set_answer), which is
 * what makes results from the database equal to results from files.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "establishment_internal.h"
#include "maturinh/store.h"
#include "store_internal.h"
#include "util/i18n.h"
#include "referentiel_internal.h"

/* "MHDB": marks the file as a maturinh database (PRAGMA application_id). */
#define APPLICATION_ID 0x4D484442

/* Prepared statements are kept for the life of the store, by their SQL text. */
#define STATEMENT_CACHE 32

struct mh_store {
        sqlite3 *db;
        char *path;
        struct {
                const char *sql; /* the literal it was prepared from */
                sqlite3_stmt *stmt;
        } cache[STATEMENT_CACHE];
        size_t cached;
        mh__strbuf changes;         /* the JSON of a history row, reused */
        int busy_seconds;           /* how long a writer waits for another one */
        const char *confirmed_from; /* while confirming a carried answer: its campaign */
        int readonly;               /* opened read-only (a read-only file or folder) */
};

/*
 * How long a writer waits for another process's write transaction to end
 * before giving up with MH_EBUSY: an import of a region's file takes seconds,
 * a national one a few minutes.  MATURINH_BUSY_TIMEOUT (seconds) overrides
 * it (the tests make it short).
 */
#define BUSY_SECONDS 120

/* The schema, one migration per entry; user_version counts those applied. */
static const char *const migrations[] = {
    /* 1: the first schema */
    "CREATE TABLE referentiel ("
    "  sha256 TEXT PRIMARY KEY,"
    "  id TEXT NOT NULL,"
    "  version TEXT NOT NULL,"
    "  yaml BLOB NOT NULL,"
    "  stored_at TEXT NOT NULL) STRICT;"
    "CREATE TABLE campaign ("
    "  id TEXT PRIMARY KEY,"
    "  referentiel TEXT NOT NULL REFERENCES referentiel(sha256),"
    "  reference_date TEXT NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),"
    "  created_at TEXT NOT NULL) STRICT;"
    "CREATE TABLE establishment ("
    "  campaign TEXT NOT NULL REFERENCES campaign(id),"
    "  finess TEXT NOT NULL,"
    "  finess_ej TEXT,"
    "  name TEXT NOT NULL,"
    "  region TEXT NOT NULL,"
    "  departement TEXT,"
    "  category TEXT NOT NULL,"
    "  beds INTEGER,"
    "  ose INTEGER NOT NULL DEFAULT 0 CHECK (ose IN (0, 1)),"
    "  ght TEXT,"
    "  PRIMARY KEY (campaign, finess)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE answer ("
    "  campaign TEXT NOT NULL,"
    "  finess TEXT NOT NULL,"
    "  indicator TEXT NOT NULL,"
    "  value TEXT,"
    "  na INTEGER NOT NULL DEFAULT 0 CHECK (na IN (0, 1)),"
    "  comment TEXT,"
    "  changed_by TEXT NOT NULL,"
    "  changed_at TEXT NOT NULL,"
    "  PRIMARY KEY (campaign, finess, indicator),"
    "  FOREIGN KEY (campaign, finess) REFERENCES establishment(campaign, finess))"
    "  STRICT, WITHOUT ROWID;"
    "CREATE TABLE submission ("
    "  campaign TEXT NOT NULL,"
    "  finess TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),"
    "  changed_by TEXT NOT NULL,"
    "  changed_at TEXT NOT NULL,"
    "  PRIMARY KEY (campaign, finess),"
    "  FOREIGN KEY (campaign, finess) REFERENCES establishment(campaign, finess)) STRICT;"
    "CREATE TABLE history ("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  campaign TEXT NOT NULL,"
    "  finess TEXT NOT NULL,"
    "  what TEXT NOT NULL,"
    "  old_value TEXT,"
    "  new_value TEXT,"
    "  old_comment TEXT,"
    "  new_comment TEXT,"
    "  changed_by TEXT NOT NULL,"
    "  changed_at TEXT NOT NULL,"
    "  FOREIGN KEY (campaign, finess) REFERENCES establishment(campaign, finess)) STRICT;"
    "CREATE INDEX history_by_establishment ON history (campaign, finess, seq);"
    "CREATE TRIGGER history_no_update BEFORE UPDATE ON history"
    "  BEGIN SELECT RAISE(ABORT, 'the answer history is append-only'); END;"
    "CREATE TRIGGER history_no_delete BEFORE DELETE ON history"
    "  BEGIN SELECT RAISE(ABORT, 'the answer history is append-only'); END;",
    /*
     * 2: one history row per save (an import of an establishment, an answer
     * given in fill, a submission), its changes as a JSON array of
     * [what, old_value, new_value, old_comment, new_comment] (the two
     * comments left out when both are null), so that the history of an
     * import costs less than its answers.  Rows of schema 1 become one-change
     * saves; AUTOINCREMENT goes (nothing is ever deleted, so row ids only
     * grow anyway).  Answers lose their own who and when, which nothing reads
     * and which the history keeps (docs/performance.md has the sizes).
     */
    "CREATE TABLE answer_v2 ("
    "  campaign TEXT NOT NULL,"
    "  finess TEXT NOT NULL,"
    "  indicator TEXT NOT NULL,"
    "  value TEXT,"
    "  na INTEGER NOT NULL DEFAULT 0 CHECK (na IN (0, 1)),"
    "  comment TEXT,"
    "  PRIMARY KEY (campaign, finess, indicator),"
    "  FOREIGN KEY (campaign, finess) REFERENCES establishment(campaign, finess))"
    "  STRICT, WITHOUT ROWID;"
    "INSERT INTO answer_v2 SELECT campaign, finess, indicator, value, na, comment FROM answer;"
    "DROP TABLE answer;"
    "ALTER TABLE answer_v2 RENAME TO answer;"
    "DROP TRIGGER history_no_update;"
    "DROP TRIGGER history_no_delete;"
    "CREATE TABLE history_v2 ("
    "  seq INTEGER PRIMARY KEY,"
    "  campaign TEXT NOT NULL,"
    "  finess TEXT NOT NULL,"
    "  changed_by TEXT NOT NULL,"
    "  changed_at TEXT NOT NULL,"
    "  changes TEXT NOT NULL,"
    "  FOREIGN KEY (campaign, finess) REFERENCES establishment(campaign, finess)) STRICT;"
    "INSERT INTO history_v2 (seq, campaign, finess, changed_by, changed_at, changes)"
    "  SELECT seq, campaign, finess, changed_by, changed_at,"
    "  json_array(json_array(what, old_value, new_value, old_comment, new_comment))"
    "  FROM history ORDER BY seq;"
    "DROP TABLE history;"
    "ALTER TABLE history_v2 RENAME TO history;"
    "CREATE INDEX history_by_establishment ON history (campaign, finess, seq);"
    "CREATE TRIGGER history_no_update BEFORE UPDATE ON history"
    "  BEGIN SELECT RAISE(ABORT, 'the answer history is append-only'); END;"
    "CREATE TRIGGER history_no_delete BEFORE DELETE ON history"
    "  BEGIN SELECT RAISE(ABORT, 'the answer history is append-only'); END;",
    /*
     * 3: the accounts of the web questionnaire (maturinh/accounts.h,
     * docs/security.md): a login, its role and scope (an ars account's
     * region, an rssi account's establishments in account_finess), its
     * password as an Argon2id hash only ("$argon2id$..."); and, for the
     * sessions of maturinh serve, the SHA-256 of each session's cookie with
     * its CSRF token, and the failed logins (at most 5 in 15 minutes).  An
     * account's FINESS and sessions go with it.
     */
    "CREATE TABLE account ("
    "  login TEXT PRIMARY KEY,"
    "  name TEXT,"
    "  role TEXT NOT NULL CHECK (role IN ('rssi', 'ars', 'national', 'admin')),"
    "  region TEXT,"
    "  password_hash TEXT NOT NULL,"
    "  created_at TEXT NOT NULL) STRICT;"
    "CREATE TABLE account_finess ("
    "  login TEXT NOT NULL REFERENCES account(login) ON DELETE CASCADE,"
    "  finess TEXT NOT NULL,"
    "  PRIMARY KEY (login, finess)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE session ("
    "  id_hash BLOB PRIMARY KEY,"
    "  login TEXT NOT NULL REFERENCES account(login) ON DELETE CASCADE,"
    "  csrf_token TEXT NOT NULL,"
    "  created_at TEXT NOT NULL,"
    "  last_seen TEXT NOT NULL) STRICT;"
    "CREATE INDEX session_by_login ON session (login);"
    "CREATE TABLE login_failure ("
    "  login TEXT NOT NULL,"
    "  at TEXT NOT NULL) STRICT;"
    "CREATE INDEX login_failure_by_login ON login_failure (login, at);",
    /*
     * 4: the version of each answer (maturinh/store.h): how many times its
     * value or comment has changed, so that two people saving the same
     * answer from the web cannot silently overwrite each other.  Every
     * write of an answer adds one (write_answer()); the answers written
     * before count the changes of them that the history holds (its entries
     * are [what, ...], `what` an indicator id, "status" or "profile.FIELD").
     */
    "CREATE TABLE answer_version ("
    "  campaign TEXT NOT NULL,"
    "  finess TEXT NOT NULL,"
    "  indicator TEXT NOT NULL,"
    "  version INTEGER NOT NULL,"
    "  PRIMARY KEY (campaign, finess, indicator),"
    "  FOREIGN KEY (campaign, finess) REFERENCES establishment(campaign, finess))"
    "  STRICT, WITHOUT ROWID;"
    "INSERT INTO answer_version (campaign, finess, indicator, version)"
    "  SELECT h.campaign, h.finess, c.value ->> 0, count(*)"
    "  FROM history h, json_each(h.changes) c"
    "  WHERE c.value ->> 0 <> 'status' AND substr(c.value ->> 0, 1, 8) <> 'profile.'"
    "  GROUP BY h.campaign, h.finess, c.value ->> 0;",
    /*
     * 5: the private contact of an establishment (never published), and the
     * answers carried over from an earlier campaign (maturinh campaign
     * --from): kept apart from the answers, so that nothing that loads,
     * scores or publishes an establishment sees them until someone confirms
     * each one (which moves it to `answer`, write_answer()).
     */
    "ALTER TABLE establishment ADD COLUMN contact_name TEXT;"
    "ALTER TABLE establishment ADD COLUMN contact_email TEXT;"
    "CREATE TABLE carried_answer ("
    "  campaign TEXT NOT NULL,"
    "  finess TEXT NOT NULL,"
    "  indicator TEXT NOT NULL,"
    "  value TEXT,"
    "  na INTEGER NOT NULL DEFAULT 0 CHECK (na IN (0, 1)),"
    "  comment TEXT,"
    "  from_campaign TEXT NOT NULL REFERENCES campaign(id),"
    "  PRIMARY KEY (campaign, finess, indicator),"
    "  FOREIGN KEY (campaign, finess) REFERENCES establishment(campaign, finess))"
    "  STRICT, WITHOUT ROWID;",
};
#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(migrations[0])))

static void set_why(mh_diagnostics *diags, const char *fmt, ...) MH_PRINTF(2, 3);

/* A failure of the store: its messages name the database, so they carry no source. */
static void set_why(mh_diagnostics *diags, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        mh__diag_addv(diags, "", 0, 0, fmt, ap);
        va_end(ap);
}

/*
 * What went wrong with the last SQLite call, for people: a read-only file, a
 * full disk, an I/O error or a database held by another writer each say what
 * to do, rather than SQLite's bare text.  Returns the MH_E* code.
 */
static int db_reason(mh_store *store, char *why, size_t why_size)
{
        int code = sqlite3_errcode(store->db) & 0xff, os = sqlite3_system_errno(store->db);

        switch (code) {
        case SQLITE_NOMEM:
                snprintf(why, why_size, "%s", mh__tr(N_("out of memory")));
                return MH_ENOMEM;
        case SQLITE_NOTADB:
        case SQLITE_CORRUPT:
                snprintf(why, why_size, mh__tr(N_("database %s: %s")), store->path,
                         sqlite3_errmsg(store->db));
                return MH_EINVALID;
        case SQLITE_READONLY:
                snprintf(why, why_size,
                         mh__tr(N_("cannot write to the database %s: it is read-only (it and its "
                                   "folder must be writable by you; or work on a copy)")),
                         store->path);
                return MH_EIO;
        case SQLITE_FULL:
                snprintf(why, why_size,
                         mh__tr(N_("cannot write to the database %s: the disk is full (nothing of "
                                   "this change was kept: free some space, or check the disk, and "
                                   "run it again)")),
                         store->path);
                return MH_EIO;
        case SQLITE_IOERR: {
                int ext = sqlite3_extended_errcode(store->db);

                if (ext == SQLITE_IOERR_READ || ext == SQLITE_IOERR_SHORT_READ) {
                        snprintf(
                            why, why_size,
                            mh__tr(N_("cannot read the database %s: %s (is the disk failing?)")),
                            store->path, os != 0 ? strerror(os) : mh__tr(N_("input/output error")));
                        return MH_EIO;
                }
                /* a write failed: the file system seldom says why (ulimit -f, quotas, a full disk)
                 */
                snprintf(
                    why, why_size,
                    mh__tr(N_("cannot write to the database %s: %s (nothing of this change was "
                              "kept: free some space, or check the disk, and run it again)")),
                    store->path,
                    os == ENOSPC || os == EDQUOT ? mh__tr(N_("the disk is full"))
                    : os == EFBIG ? mh__tr(N_("the disk is full or the file too large"))
                    : os != 0     ? strerror(os)
                                  : mh__tr(N_("the disk is full or failing")));
                return MH_EIO;
        }
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
                snprintf(why, why_size,
                         mh__tr(N_("the database %s is in use by another maturinh (an import?) and "
                                   "stayed so for %d s: nothing was changed; run this again when "
                                   "it is done")),
                         store->path, store->busy_seconds);
                return MH_EBUSY;
        case SQLITE_CANTOPEN:
                snprintf(why, why_size, mh__tr(N_("cannot open the database %s: %s")), store->path,
                         os != 0 ? strerror(os) : sqlite3_errmsg(store->db));
                return MH_EIO;
        default:
                snprintf(why, why_size, mh__tr(N_("database %s: %s")), store->path,
                         sqlite3_errmsg(store->db));
                return MH_EIO;
        }
}

/* The same, added to `diags`. */
static int db_error(mh_store *store, mh_diagnostics *diags)
{
        char why[MH_ERROR_MESSAGE_MAX];
        int rc = db_reason(store, why, sizeof(why));

        set_why(diags, "%s", why);
        return rc;
}

/*
 * A failure of mh_store_load() called without diagnostics: out of memory (not
 * the database's: SQLite's last error says nothing of it), or the database's.
 */
static int load_error(mh_store *store, int rc, mh_diagnostics *diags)
{
        return rc == MH_ENOMEM ? mh__diag_nomem(diags) : db_error(store, diags);
}

int mh__store_why(mh_store *store, char *why, size_t why_size)
{
        return db_reason(store, why, why_size);
}

const char *mh__store_path(const mh_store *store)
{
        return store->path;
}

static int exec(mh_store *store, const char *sql)
{
        return sqlite3_exec(store->db, sql, NULL, NULL, NULL) == SQLITE_OK
                   ? 0
                   : db_reason(store, NULL, 0);
}

/*
 * exec(), tried again while another connection holds a lock, up to the busy
 * timeout.  SQLite does not call its busy handler where waiting could
 * deadlock: two connections that both read a new database, then both ask
 * for the exclusive lock that switching it to WAL needs.  One of them gets
 * SQLITE_BUSY at once; it must let go of its lock and ask again.
 */
static int exec_waiting(mh_store *store, const char *sql)
{
        struct timespec start, now;

        clock_gettime(CLOCK_MONOTONIC, &start);
        for (;;) {
                int rc = sqlite3_exec(store->db, sql, NULL, NULL, NULL);

                if (rc == SQLITE_OK)
                        return 0;
                clock_gettime(CLOCK_MONOTONIC, &now);
                if ((rc & 0xff) != SQLITE_BUSY || now.tv_sec - start.tv_sec >= store->busy_seconds)
                        return db_reason(store, NULL, 0);
                sqlite3_sleep(10);
        }
}

/*
 * The prepared statement for `sql`, from the cache: an import runs the same
 * few statements hundreds of thousands of times, and preparing them each
 * time cost more than running them.  Give it back with done().
 */
static sqlite3_stmt *prepare(mh_store *store, const char *sql)
{
        sqlite3_stmt *stmt = NULL;
        size_t i;

        for (i = 0; i < store->cached; i++)
                if (store->cache[i].sql == sql)
                        return store->cache[i].stmt;
        if (sqlite3_prepare_v3(store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) !=
            SQLITE_OK)
                return NULL;
        if (store->cached < STATEMENT_CACHE) {
                store->cache[store->cached].sql = sql;
                store->cache[store->cached].stmt = stmt;
                store->cached++;
        }
        return stmt;
}

/* Resets a statement from prepare() for its next use (finalizes one not cached). */
static void done(mh_store *store, sqlite3_stmt *stmt)
{
        size_t i;

        if (stmt == NULL)
                return;
        for (i = 0; i < store->cached; i++) {
                if (store->cache[i].stmt == stmt) {
                        sqlite3_reset(stmt);
                        sqlite3_clear_bindings(stmt);
                        return;
                }
        }
        sqlite3_finalize(stmt);
}

/* Runs a statement that returns no row, then resets it: 0, or the failure explained. */
static int run(mh_store *store, sqlite3_stmt *stmt, mh_diagnostics *diags)
{
        int rc = sqlite3_step(stmt) == SQLITE_DONE ? 0 : db_error(store, diags);

        done(store, stmt);
        return rc;
}

/*
 * Binds text without copying it: every caller binds, steps and calls done()
 * (which clears the bindings) while the text is alive.
 */
static void bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
        if (text != NULL)
                sqlite3_bind_text(stmt, index, text, -1, SQLITE_STATIC);
        else
                sqlite3_bind_null(stmt, index);
}

static const char *column_text(sqlite3_stmt *stmt, int index)
{
        return (const char *)sqlite3_column_text(stmt, index);
}

/* Now, UTC, as stored in the history. */
static void now_utc(char buf[32])
{
        time_t t = time(NULL);
        struct tm tm;

        gmtime_r(&t, &tm);
        strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- Opening ------------------------------------------------------------ */

static void disconnect(mh_store *store);

/* Creates the file with mode 0600 when it does not exist: answers are not for everyone. */
static int create_private(const char *path)
{
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);

        if (fd >= 0)
                return close(fd);
        return errno == EEXIST ? 0 : -1;
}

/* One integer read from the database (a PRAGMA, a count) into `value`. */
static int read_int(mh_store *store, const char *sql, int *value)
{
        sqlite3_stmt *stmt = prepare(store, sql);
        int rc = 0;

        if (stmt == NULL)
                return db_reason(store, NULL, 0);
        if (sqlite3_step(stmt) == SQLITE_ROW)
                *value = sqlite3_column_int(stmt, 0);
        else
                rc = db_reason(store, NULL, 0);
        done(store, stmt);
        return rc;
}

/*
 * Refuses a file that is not ours (tables without our application_id) or of
 * a newer schema; `version` gets the schema version found.  Nothing is
 * written, so that a foreign database is left exactly as it was.
 */
static int check_identity(mh_store *store, int *version, mh_diagnostics *diags)
{
        int application = 0, tables = 0, rc;
        char why[512];

        *version = 0;
        if ((rc = read_int(store, "SELECT count(*) FROM sqlite_schema", &tables)) < 0 ||
            (rc = read_int(store, "PRAGMA user_version", version)) < 0 ||
            (rc = read_int(store, "PRAGMA application_id", &application)) < 0) {
                if (rc == MH_EINVALID)
                        mh__diag_add(diags, store->path, 0, 0, "%s", sqlite3_errmsg(store->db));
                else if (db_reason(store, why, sizeof(why)) != MH_ENOMEM)
                        mh__diag_add(diags, store->path, 0, 0, "%s", why);
                return rc;
        }
        if (tables > 0 && application != APPLICATION_ID) {
                mh__diag_add(diags, store->path, 0, 0, "not a maturinh database");
                return MH_EINVALID;
        }
        if (*version > SCHEMA_VERSION) {
                mh__diag_add(diags, store->path, 0, 0,
                             "database schema %d is newer than this maturinh knows (%d): "
                             "upgrade maturinh",
                             *version, SCHEMA_VERSION);
                return MH_EINVALID;
        }
        return 0;
}

/*
 * Brings the schema up to date in one transaction.  The version is read
 * again once the write lock is held: another maturinh may have created or
 * migrated the database while this one waited.
 */
static int migrate(mh_store *store, int version, mh_diagnostics *diags)
{
        char sql[96], why[512];
        int i, rc;

        if (version == SCHEMA_VERSION)
                return 0;
        if ((rc = exec(store, "BEGIN IMMEDIATE")) < 0 ||
            (rc = read_int(store, "PRAGMA user_version", &version)) < 0)
                goto fail;
        for (i = version; i < SCHEMA_VERSION; i++)
                if ((rc = exec(store, migrations[i])) < 0)
                        goto fail;
        snprintf(sql, sizeof(sql), "PRAGMA user_version = %d; PRAGMA application_id = %d",
                 SCHEMA_VERSION, APPLICATION_ID);
        if ((rc = exec(store, sql)) < 0 || (rc = exec(store, "COMMIT")) < 0)
                goto fail;
        return 0;
fail:
        db_reason(store, why, sizeof(why));
        mh__diag_add(diags, store->path, 0, 0, "cannot set up the database: %s", why);
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
}

/* The busy timeout in seconds: MATURINH_BUSY_TIMEOUT, else BUSY_SECONDS. */
static int busy_seconds(void)
{
        const char *text = getenv("MATURINH_BUSY_TIMEOUT");
        char *end;
        long seconds;

        if (text == NULL || text[0] == '\0')
                return BUSY_SECONDS;
        seconds = strtol(text, &end, 10);
        return *end == '\0' && seconds >= 0 && seconds <= 86400 ? (int)seconds : BUSY_SECONDS;
}

/*
 * Opens the connection; with `immutable`, read-only and as an immutable
 * file (a URI), for a database whose folder is read-only.
 */
static int open_connection(mh_store *store, int immutable)
{
        static const char hex[] = "0123456789abcdef";
        mh__strbuf uri;
        const char *p;
        int rc;

        if (!immutable)
                return sqlite3_open_v2(store->path, &store->db,
                                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
        memset(&uri, 0, sizeof(uri));
        mh__strbuf_append(&uri, "file:", 5);
        for (p = store->path; *p != '\0'; p++) {
                if (*p == '?' || *p == '#' || *p == '%') {
                        mh__strbuf_putc(&uri, '%');
                        mh__strbuf_putc(&uri, hex[(unsigned char)*p >> 4]);
                        mh__strbuf_putc(&uri, hex[(unsigned char)*p & 15]);
                } else {
                        mh__strbuf_putc(&uri, *p);
                }
        }
        mh__strbuf_append(&uri, "?immutable=1", 12);
        if (uri.failed) {
                mh__strbuf_free(&uri);
                return SQLITE_NOMEM;
        }
        rc = sqlite3_open_v2(mh__strbuf_cstr(&uri), &store->db,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
        mh__strbuf_free(&uri);
        return rc;
}

static uint32_t get32(const unsigned char *p)
{
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t get32le(const unsigned char *p)
{
        return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* SQLite's WAL checksum of `n` bytes (a multiple of 8), continuing s[0], s[1]. */
static void wal_checksum(const unsigned char *data, size_t n, int big_endian, uint32_t s[2])
{
        size_t i;

        for (i = 0; i < n; i += 8) {
                s[0] += (big_endian ? get32(data + i) : get32le(data + i)) + s[1];
                s[1] += (big_endian ? get32(data + i + 4) : get32le(data + i + 4)) + s[0];
        }
}

struct wal_page {
        uint32_t page; /* its number in the database */
        size_t frame;  /* the frame that holds it (the last one wins) */
};

static int wal_page_compare(const void *a, const void *b)
{
        const struct wal_page *x = a, *y = b;

        if (x->page != y->page)
                return x->page < y->page ? -1 : 1;
        return x->frame < y->frame ? -1 : x->frame > y->frame;
}

#define WAL_HEADER       32
#define WAL_FRAME_HEADER 24

/*
 * Whether the write-ahead log `wal` adds nothing to the database file `db`:
 * every page its committed transactions hold (checksums and salts valid, as
 * SQLite recovers them; https://www.sqlite.org/fileformat.html, "The WAL
 * file format") is already in the file as it is, and the file has the size
 * the last of them gave it.  So it is when a checkpoint copied the log back
 * but no writer started afresh since.  Any doubt (a read error, an unknown
 * format) says it may add something.
 */
static int wal_adds_nothing(FILE *wal, FILE *db, off_t db_size)
{
        unsigned char header[WAL_HEADER], frame[WAL_FRAME_HEADER], *page = NULL, *stored = NULL;
        struct wal_page *pages = NULL;
        size_t n_pages = 0, capacity = 0, n_frames, i, page_size, committed = 0;
        uint32_t sum[2] = {0, 0}, db_pages = 0, magic;
        int big_endian, result = 0;

        if (fread(header, 1, sizeof(header), wal) != sizeof(header))
                return 0;
        magic = get32(header);
        page_size = get32(header + 8);
        if ((magic != 0x377f0682 && magic != 0x377f0683) || get32(header + 4) != 3007000 ||
            page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0)
                return 0;
        big_endian = magic & 1;
        wal_checksum(header, 24, big_endian, sum);
        if (sum[0] != get32(header + 24) || sum[1] != get32(header + 28))
                return 1; /* an invalid header: SQLite ignores the log */
        if ((page = mh__malloc(2 * page_size)) == NULL)
                return 0;
        stored = page + page_size;
        /* the frames SQLite would recover: valid ones up to the last commit */
        for (n_frames = 0;; n_frames++) {
                struct wal_page *more;

                if (fread(frame, 1, sizeof(frame), wal) != sizeof(frame) ||
                    fread(page, 1, page_size, wal) != page_size)
                        break;
                if (memcmp(frame + 8, header + 16, 8) != 0 || get32(frame) == 0)
                        break;
                wal_checksum(frame, 8, big_endian, sum);
                wal_checksum(page, page_size, big_endian, sum);
                if (sum[0] != get32(frame + 16) || sum[1] != get32(frame + 20))
                        break;
                if (n_pages == capacity) {
                        capacity = capacity ? 2 * capacity : 64;
                        if ((more = mh__realloc(pages, capacity * sizeof(*pages))) == NULL)
                                goto done;
                        pages = more;
                }
                pages[n_pages].page = get32(frame);
                pages[n_pages++].frame = n_frames;
                if (get32(frame + 4) != 0) { /* a commit */
                        committed = n_pages;
                        db_pages = get32(frame + 4);
                }
        }
        if (committed == 0) {
                result = 1; /* nothing committed: nothing to add */
                goto done;
        }
        if ((unsigned long long)db_size != (unsigned long long)db_pages * page_size)
                goto done;
        qsort(pages, committed, sizeof(*pages), wal_page_compare);
        for (i = 0; i < committed; i++) {
                if (i + 1 < committed && pages[i + 1].page == pages[i].page)
                        continue; /* a later frame holds this page */
                if (fseeko(wal,
                           (off_t)(WAL_HEADER + pages[i].frame * (WAL_FRAME_HEADER + page_size) +
                                   WAL_FRAME_HEADER),
                           SEEK_SET) != 0 ||
                    fread(page, 1, page_size, wal) != page_size ||
                    fseeko(db, (off_t)(pages[i].page - 1) * (off_t)page_size, SEEK_SET) != 0 ||
                    fread(stored, 1, page_size, db) != page_size ||
                    memcmp(page, stored, page_size) != 0)
                        goto done;
        }
        result = 1;
done:
        mh__free(pages);
        mh__free(page);
        return result;
}

/*
 * A database in WAL mode whose folder is read-only (a read-only share)
 * cannot be read normally: SQLite needs to create its -wal and -shm files.  When no
 * write-ahead log is pending (no -wal file, an empty one, or one whose
 * committed pages the file already holds), nothing can be missed by reading
 * the file alone, as an immutable one.  *pending says a log holds changes
 * the file does not: then it cannot be read here at all.
 */
static int can_read_alone(mh_store *store, int *pending)
{
        char wal_path[1024];
        struct stat st;
        FILE *wal, *db;
        int code = sqlite3_errcode(store->db) & 0xff, alone = 0;

        *pending = 0;
        if (code != SQLITE_READONLY && code != SQLITE_CANTOPEN)
                return 0;
        snprintf(wal_path, sizeof(wal_path), "%s-wal", store->path);
        if (stat(wal_path, &st) < 0)
                return errno == ENOENT;
        if (st.st_size == 0)
                return 1;
        if ((wal = fopen(wal_path, "rb")) == NULL)
                return 0;
        if ((db = fopen(store->path, "rb")) != NULL && stat(store->path, &st) == 0)
                alone = wal_adds_nothing(wal, db, st.st_size);
        if (db != NULL)
                fclose(db);
        fclose(wal);
        *pending = !alone;
        return alone;
}

int mh_store_open(mh_store **out, const char *path, mh_diagnostics *diags)
{
        mh_store *store;
        int rc, version = 0;

        if (out == NULL || path == NULL)
                return MH_EUSAGE;
        if (create_private(path) < 0) {
                mh__diag_add(diags, path, 0, 0, "cannot create the database: %s", strerror(errno));
                return MH_ENOTFOUND;
        }
        if ((store = mh__malloc(sizeof(*store))) == NULL)
                return MH_ENOMEM;
        memset(store, 0, sizeof(*store));
        if ((store->path = mh__strdup(path)) == NULL) {
                mh__free(store);
                return MH_ENOMEM;
        }
        store->busy_seconds = busy_seconds();
        /* one connection per store, used by one thread at a time: no mutex */
        for (;;) {
                if (open_connection(store, store->readonly) != SQLITE_OK) {
                        mh__diag_add(diags, path, 0, 0, "cannot open the database: %s",
                                     store->db ? sqlite3_errmsg(store->db)
                                               : mh__tr(N_("out of memory")));
                        mh_store_close(store);
                        return MH_ENOTFOUND;
                }
                /* another writer holds the database: wait for it, up to busy_seconds */
                sqlite3_busy_timeout(store->db, store->busy_seconds * 1000);
                sqlite3_db_config(store->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
                if (!store->readonly &&
                    sqlite3_exec(store->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL,
                                 NULL) != SQLITE_OK) {
                        int pending;

                        if (can_read_alone(store, &pending)) {
                                store->readonly = 1;
                                disconnect(store);
                                continue;
                        }
                        if (pending) {
                                mh__diag_add(
                                    diags, path, 0, 0,
                                    "cannot read the database: changes in its write-ahead log "
                                    "%s-wal are not yet in it, and SQLite reads them "
                                    "only through a -shm file, which cannot be made in "
                                    "this read-only folder: copy %s and %s-wal to a "
                                    "folder you can write and read the copy, or have "
                                    "someone who can write this folder run any "
                                    "maturinh command on it once (that folds the log "
                                    "back in)",
                                    path, path, path);
                                mh_store_close(store);
                                return MH_EIO;
                        }
                }
                /*
                 * 16 KiB pages for a new database (an existing one keeps its own): a
                 * history row holds a whole establishment's changes, about 2 KiB
                 * (docs/performance.md measures the page sizes).
                 */
                /*
                 * synchronous FULL (SQLite's default, said here because the web front
                 * acknowledges a save only once committed): each commit is on disk
                 * before it returns, even across a power cut.
                 */
                if (exec(store, "PRAGMA page_size = 16384") < 0 ||
                    exec(store, "PRAGMA foreign_keys = ON") < 0 ||
                    exec(store, "PRAGMA synchronous = FULL") < 0 ||
                    exec(store, "PRAGMA cache_size = -8192") < 0) { /* 8 MiB of page cache */
                        char why[512];

                        rc = sqlite3_errcode(store->db) == SQLITE_NOTADB ? MH_EINVALID : MH_EIO;
                        if (rc == MH_EINVALID || db_reason(store, why, sizeof(why)) == MH_ENOMEM)
                                snprintf(why, sizeof(why), "%s", sqlite3_errmsg(store->db));
                        mh__diag_add(diags, path, 0, 0, "%s", why);
                        mh_store_close(store);
                        return rc;
                }
                break;
        }
        if ((rc = check_identity(store, &version, diags)) < 0) {
                mh_store_close(store);
                return rc;
        }
        /*
         * WAL: readers never wait for a writer, and a crash leaves the last
         * committed transaction whole.  Set before the first migration, so that
         * creating a database is as safe as the rest; never on a foreign file.
         */
        if (!store->readonly && sqlite3_db_readonly(store->db, "main") != 1 &&
            (rc = exec_waiting(store, "PRAGMA journal_mode = WAL")) < 0) {
                char why[512];

                db_reason(store, why, sizeof(why));
                mh__diag_add(diags, path, 0, 0, "cannot use write-ahead logging: %s", why);
                mh_store_close(store);
                return rc;
        }
        if ((rc = migrate(store, version, diags)) < 0) {
                mh_store_close(store);
                return rc;
        }
        *out = store;
        return 0;
}

/* Closes the connection and forgets its statements; the store stays. */
static void disconnect(mh_store *store)
{
        size_t i;

        for (i = 0; i < store->cached; i++)
                sqlite3_finalize(store->cache[i].stmt);
        store->cached = 0;
        sqlite3_close(store->db);
        store->db = NULL;
}

void mh_store_close(mh_store *store)
{
        if (store == NULL)
                return;
        disconnect(store);
        mh__strbuf_free(&store->changes);
        mh__free(store->path);
        mh__free(store);
}

int mh_store_begin(mh_store *store, mh_diagnostics *diags)
{
        return exec(store, "BEGIN IMMEDIATE") < 0 ? db_error(store, diags) : 0;
}

int mh_store_commit(mh_store *store, mh_diagnostics *diags)
{
        return exec(store, "COMMIT") < 0 ? db_error(store, diags) : 0;
}

int mh_store_rollback(mh_store *store, mh_diagnostics *diags)
{
        return exec(store, "ROLLBACK") < 0 ? db_error(store, diags) : 0;
}

int mh_store_savepoint(mh_store *store, mh_diagnostics *diags)
{
        return exec(store, "SAVEPOINT establishment") < 0 ? db_error(store, diags) : 0;
}

int mh_store_release(mh_store *store, mh_diagnostics *diags)
{
        return exec(store, "RELEASE establishment") < 0 ? db_error(store, diags) : 0;
}

int mh_store_rollback_savepoint(mh_store *store, mh_diagnostics *diags)
{
        if (exec(store, "ROLLBACK TO establishment") < 0 ||
            exec(store, "RELEASE establishment") < 0)
                return db_error(store, diags);
        return 0;
}

/*
 * A change made outside the caller's transaction (fill, submit, campaign)
 * gets one of its own, taken for writing before anything is read: what it
 * reads cannot change before it writes (no lost update when two processes
 * change the same establishment), and it is written whole or not at all.
 */
static int own_begin(mh_store *store, int *own, mh_diagnostics *diags)
{
        *own = sqlite3_get_autocommit(store->db);
        if (*own && sqlite3_exec(store->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
                return db_error(store, diags);
        return 0;
}

static int own_end(mh_store *store, int own, int rc, mh_diagnostics *diags)
{
        if (!own)
                return rc;
        if (rc == 0 && sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
                rc = db_error(store, diags);
        if (rc < 0 && !sqlite3_get_autocommit(store->db))
                sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
}

/* ---- Campaigns ---------------------------------------------------------- */

int mh_campaign_id_check(const char *id, mh_diagnostics *diags)
{
        size_t i, n;

        if (id == NULL)
                return MH_EUSAGE;
        if ((n = strlen(id)) == 0) {
                mh__diag_add(diags, "", 0, 0, "the campaign id is empty");
                return MH_EINVALID;
        }
        if (n > MH_CAMPAIGN_ID_MAX) {
                mh__diag_add(diags, "", 0, 0,
                             "the campaign id '%.40s%s' is %zu characters long: at most %d", id,
                             n > 40 ? "..." : "", n, MH_CAMPAIGN_ID_MAX);
                return MH_EINVALID;
        }
        for (i = 0; i < n; i++) {
                unsigned char c = (unsigned char)id[i];
                int alnum =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

                if (!alnum && (i == 0 || (c != '-' && c != '_' && c != '.'))) {
                        mh__diag_add(diags, "", 0, 0,
                                     "the campaign id '%s' may hold only letters, digits, '-', "
                                     "'_' and '.', and starts with a letter or a digit",
                                     id);
                        return MH_EINVALID;
                }
        }
        return 0;
}

static int campaign_create_in(mh_store *store, const char *campaign, const mh_referentiel *ref,
                              const char *reference_date, mh_diagnostics *diags)
{
        sqlite3_stmt *stmt;
        char now[32];
        long days;
        int rc = 0;

        char reason[64];

        if (mh__parse_date(reference_date, &days, reason, sizeof(reason)) != MH__DATE_OK) {
                set_why(diags, "%s", reason);
                return MH_EINVALID;
        }
        if ((stmt = prepare(store, "SELECT referentiel, reference_date FROM campaign "
                                   "WHERE id = ?1")) == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, campaign);
        if (sqlite3_step(stmt) == SQLITE_ROW) {
                if (strcmp(column_text(stmt, 0), ref->sha256) != 0) {
                        set_why(diags,
                                "campaign %s is held in the database with another référentiel "
                                "(SHA-256 %.12s..., not %.12s... for %s %s)",
                                campaign, column_text(stmt, 0), ref->sha256, ref->id, ref->version);
                        rc = MH_EINVALID;
                } else if (strcmp(column_text(stmt, 1), reference_date) != 0) {
                        set_why(diags,
                                "campaign %s has the reference date %s in the database, not %s",
                                campaign, column_text(stmt, 1), reference_date);
                        rc = MH_EINVALID;
                }
                done(store, stmt);
                return rc;
        }
        done(store, stmt);
        if ((rc = mh_campaign_id_check(campaign, diags)) < 0)
                return rc; /* a new campaign: its id must follow the rule */
        now_utc(now);
        if ((stmt = prepare(store, "INSERT INTO referentiel (sha256, id, version, yaml, stored_at) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING")) == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, ref->sha256);
        bind_text(stmt, 2, ref->id);
        bind_text(stmt, 3, ref->version);
        sqlite3_bind_blob(stmt, 4, ref->text, (int)ref->text_length, SQLITE_STATIC);
        bind_text(stmt, 5, now);
        if ((rc = run(store, stmt, diags)) < 0)
                return rc;
        if ((stmt = prepare(store, "INSERT INTO campaign (id, referentiel, reference_date, "
                                   "created_at) VALUES (?1, ?2, ?3, ?4)")) == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, campaign);
        bind_text(stmt, 2, ref->sha256);
        bind_text(stmt, 3, reference_date);
        bind_text(stmt, 4, now);
        return run(store, stmt, diags);
}

int mh_store_campaign_create(mh_store *store, const char *campaign, const mh_referentiel *ref,
                             const char *reference_date, mh_diagnostics *diags)
{
        int own, rc;

        if ((rc = own_begin(store, &own, diags)) < 0)
                return rc;
        return own_end(store, own, campaign_create_in(store, campaign, ref, reference_date, diags),
                       diags);
}

int mh_store_campaign_referentiel(mh_referentiel **out, mh_store *store, const char *campaign,
                                  mh_diagnostics *diags)
{
        sqlite3_stmt *stmt;
        char source[256];
        int rc;

        if ((stmt = prepare(store, "SELECT r.yaml, r.id, r.version FROM campaign c "
                                   "JOIN referentiel r ON r.sha256 = c.referentiel "
                                   "WHERE c.id = ?1")) == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, campaign);
        if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
                done(store, stmt);
                if (rc != SQLITE_DONE)
                        return db_error(store, diags);
                set_why(diags, "no campaign %s in %s", campaign, store->path);
                return MH_ENOTFOUND;
        }
        snprintf(source, sizeof(source), mh__tr(N_("%s (référentiel %s %s of campaign %s)")),
                 store->path, column_text(stmt, 1), column_text(stmt, 2), campaign);
        rc = mh_referentiel_load_buffer(out, sqlite3_column_blob(stmt, 0),
                                        (size_t)sqlite3_column_bytes(stmt, 0), source, diags);
        done(store, stmt);
        return rc;
}

int mh_store_campaign_check(mh_store *store, const char *campaign, const mh_referentiel *ref,
                            const char *ref_name, mh_diagnostics *diags)
{
        mh_referentiel *held = NULL;
        int rc;

        if (store == NULL || campaign == NULL || ref == NULL)
                return MH_EUSAGE;
        if ((rc = mh_store_campaign_referentiel(&held, store, campaign, diags)) < 0)
                return rc;
        if (strcmp(held->sha256, ref->sha256) != 0) {
                set_why(diags, "campaign %s is held with référentiel %s %s, not the one of %s",
                        campaign, held->id, held->version,
                        ref_name ? ref_name : mh__tr(N_("the one given")));
                rc = MH_EINVALID;
        }
        mh_referentiel_free(held);
        return rc;
}

int mh_store_campaign_date(char out[11], mh_store *store, const char *campaign,
                           mh_diagnostics *diags)
{
        sqlite3_stmt *stmt = prepare(store, "SELECT reference_date FROM campaign WHERE id = ?1");
        int rc;

        if (stmt == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, campaign);
        if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
                snprintf(out, 11, "%s", column_text(stmt, 0));
                done(store, stmt);
                return 0;
        }
        done(store, stmt);
        if (rc != SQLITE_DONE)
                return db_error(store, diags);
        set_why(diags, "no campaign %s in %s", campaign, store->path);
        return MH_ENOTFOUND;
}

int mh_store_previous_campaign(char *out, size_t size, mh_store *store, const char *campaign,
                               mh_diagnostics *diags)
{
        sqlite3_stmt *stmt = prepare(
            store, "SELECT p.id FROM campaign c JOIN referentiel r ON r.sha256 = c.referentiel, "
                   "campaign p JOIN referentiel q ON q.sha256 = p.referentiel "
                   "WHERE c.id = ?1 AND q.id = r.id AND p.reference_date < c.reference_date "
                   "ORDER BY p.reference_date DESC LIMIT 1");
        int rc;

        if (stmt == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, campaign);
        if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
                snprintf(out, size, "%s", column_text(stmt, 0));
        done(store, stmt);
        if (rc == SQLITE_ROW)
                return 0;
        return rc == SQLITE_DONE ? MH_ENOTFOUND : db_error(store, diags);
}

/* ---- Establishments ----------------------------------------------------- */

/* The campaign's référentiel SHA-256 and date must be those of the establishment. */
static int check_campaign(mh_store *store, const mh_establishment *est, mh_diagnostics *diags)
{
        sqlite3_stmt *stmt;
        int rc = 0;

        if ((stmt = prepare(store, "SELECT referentiel, reference_date FROM campaign "
                                   "WHERE id = ?1")) == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, est->campaign);
        if (sqlite3_step(stmt) != SQLITE_ROW) {
                set_why(diags, "no campaign %s in the database", est->campaign);
                rc = MH_EINVALID;
        } else if (strcmp(column_text(stmt, 0), est->ref->sha256) != 0) {
                set_why(diags,
                        "campaign %s is held with another référentiel than %s %s (SHA-256 "
                        "%.12s...)",
                        est->campaign, est->ref->id, est->ref->version, est->ref->sha256);
                rc = MH_EINVALID;
        } else if (strcmp(column_text(stmt, 1), est->reference_date) != 0) {
                set_why(diags, "campaign %s has the reference date %s in the database, not %s",
                        est->campaign, column_text(stmt, 1), est->reference_date);
                rc = MH_EINVALID;
        }
        done(store, stmt);
        return rc;
}

static int same(const char *a, const char *b)
{
        return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* A contact as stored: "" (a list's empty cell, which removes it) is none. */
static const char *nonempty(const char *s)
{
        return s != NULL && s[0] == '\0' ? NULL : s;
}

/*
 * The profiles are the same; a contact `a` does not give (NULL) is kept, so
 * it is the same whatever `b` holds.
 */
static int same_profile(const mh_establishment *a, const mh_establishment *b)
{
        return same(a->finess_ej, b->finess_ej) && same(a->name, b->name) &&
               same(a->region, b->region) && same(a->departement, b->departement) &&
               same(a->category, b->category) && a->beds == b->beds && a->ose == b->ose &&
               same(a->ght, b->ght) &&
               (a->contact_name == NULL || same(nonempty(a->contact_name), b->contact_name)) &&
               (a->contact_email == NULL || same(nonempty(a->contact_email), b->contact_email));
}

static mh_history_entry change(const char *what, const char *old_value, const char *new_value,
                               const char *old_comment, const char *new_comment);

/* Room for the profile's changes in a history row: one per field of the profile. */
#define PROFILE_FIELDS 10

/* The beds as the history shows them: the number, or NULL when not given. */
static const char *beds_text(long beds, char *buf, size_t size)
{
        if (beds < 0)
                return NULL;
        snprintf(buf, size, "%ld", beds);
        return buf;
}

/*
 * The fields of a stored profile that `est` changes, as history changes
 * named "profile." and the field's key in an answers file; returns how many.
 * The beds' texts go to the two buffers given, which must outlive the entries.
 */
static size_t profile_changes(mh_history_entry *changes, const mh_establishment *est,
                              const mh_establishment *stored, char old_beds[24], char new_beds[24])
{
        const struct {
                const char *what, *old_value, *new_value;
        } fields[PROFILE_FIELDS] = {
            {"profile.finess_ej", stored->finess_ej, est->finess_ej},
            {"profile.name", stored->name, est->name},
            {"profile.region", stored->region, est->region},
            {"profile.departement", stored->departement, est->departement},
            {"profile.category", stored->category, est->category},
            {"profile.beds", beds_text(stored->beds, old_beds, 24),
             beds_text(est->beds, new_beds, 24)},
            {"profile.ose", stored->ose ? "true" : "false", est->ose ? "true" : "false"},
            {"profile.ght", stored->ght, est->ght},
            {"profile.contact_name", stored->contact_name,
             est->contact_name ? nonempty(est->contact_name) : stored->contact_name},
            {"profile.contact_email", stored->contact_email,
             est->contact_email ? nonempty(est->contact_email) : stored->contact_email},
        };
        size_t i, n = 0;

        for (i = 0; i < PROFILE_FIELDS; i++)
                if (!same(fields[i].old_value, fields[i].new_value))
                        changes[n++] = change(fields[i].what, fields[i].old_value,
                                              fields[i].new_value, NULL, NULL);
        return n;
}

static int write_profile(mh_store *store, const mh_establishment *est, mh_diagnostics *diags)
{
        sqlite3_stmt *stmt =
            prepare(store, "INSERT INTO establishment (campaign, finess, finess_ej, name, region, "
                           "departement, category, beds, ose, ght, contact_name, contact_email) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, nullif(?11, ''), "
                           "nullif(?12, '')) ON CONFLICT (campaign, finess) DO UPDATE SET "
                           "finess_ej = ?3, name = ?4, region = ?5, departement = ?6, "
                           "category = ?7, beds = ?8, ose = ?9, ght = ?10, "
                           "contact_name = nullif(coalesce(?11, contact_name), ''), "
                           "contact_email = nullif(coalesce(?12, contact_email), '')");

        if (stmt == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, est->campaign);
        bind_text(stmt, 2, est->finess);
        bind_text(stmt, 3, est->finess_ej);
        bind_text(stmt, 4, est->name);
        bind_text(stmt, 5, est->region);
        bind_text(stmt, 6, est->departement);
        bind_text(stmt, 7, est->category);
        if (est->beds >= 0)
                sqlite3_bind_int64(stmt, 8, est->beds);
        else
                sqlite3_bind_null(stmt, 8);
        sqlite3_bind_int(stmt, 9, est->ose != 0);
        bind_text(stmt, 10, est->ght);
        bind_text(stmt, 11, est->contact_name);
        bind_text(stmt, 12, est->contact_email);
        return run(store, stmt, diags);
}

/*
 * One history row: the changes of one save (`when` and `who` of each
 * unused), as [what, old, new] or, when a comment changed,
 * [what, old, new, old_comment, new_comment].
 */
static int append_history(mh_store *store, const char *campaign, const char *finess,
                          const mh_history_entry *changes, size_t count, const char *user,
                          const char *now, mh_diagnostics *diags)
{
        sqlite3_stmt *stmt = prepare(store, "INSERT INTO history (campaign, finess, changed_by, "
                                            "changed_at, changes) VALUES (?1, ?2, ?3, ?4, ?5)");
        mh__strbuf *json = &store->changes;
        size_t i;

        if (count == 0)
                return 0;
        if (stmt == NULL)
                return db_error(store, diags);
        mh__strbuf_clear(json);
        mh__strbuf_putc(json, '[');
        for (i = 0; i < count; i++) {
                if (i > 0)
                        mh__strbuf_putc(json, ',');
                mh__strbuf_putc(json, '[');
                mh__strbuf_json_string(json, changes[i].what);
                mh__strbuf_putc(json, ',');
                mh__strbuf_json_string(json, changes[i].old_value);
                mh__strbuf_putc(json, ',');
                mh__strbuf_json_string(json, changes[i].new_value);
                if (changes[i].old_comment != NULL || changes[i].new_comment != NULL ||
                    changes[i].confirmed_from != NULL) {
                        mh__strbuf_putc(json, ',');
                        mh__strbuf_json_string(json, changes[i].old_comment);
                        mh__strbuf_putc(json, ',');
                        mh__strbuf_json_string(json, changes[i].new_comment);
                }
                if (changes[i].confirmed_from != NULL) {
                        mh__strbuf_putc(json, ',');
                        mh__strbuf_json_string(json, changes[i].confirmed_from);
                }
                mh__strbuf_putc(json, ']');
        }
        mh__strbuf_putc(json, ']');
        if (json->failed) {
                done(store, stmt);
                set_why(diags, "out of memory");
                return MH_ENOMEM;
        }
        bind_text(stmt, 1, campaign);
        bind_text(stmt, 2, finess);
        bind_text(stmt, 3, user);
        bind_text(stmt, 4, now);
        bind_text(stmt, 5, json->data);
        return run(store, stmt, diags);
}

/* A change as the history keeps it. */
static mh_history_entry change(const char *what, const char *old_value, const char *new_value,
                               const char *old_comment, const char *new_comment)
{
        mh_history_entry entry;

        entry.when = entry.who = NULL;
        entry.what = what;
        entry.old_value = old_value;
        entry.new_value = new_value;
        entry.old_comment = old_comment;
        entry.new_comment = new_comment;
        entry.confirmed_from = NULL;
        return entry;
}

static int write_answer(mh_store *store, const mh_establishment *est,
                        const struct mh_indicator *ind, const struct mh__answer *answer,
                        mh_diagnostics *diags)
{
        sqlite3_stmt *stmt =
            prepare(store, "INSERT INTO answer (campaign, finess, indicator, value, na, comment) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (campaign, finess, "
                           "indicator) DO UPDATE SET value = ?4, na = ?5, comment = ?6");
        int rc;

        if (stmt == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, est->campaign);
        bind_text(stmt, 2, est->finess);
        bind_text(stmt, 3, ind->id);
        bind_text(stmt, 4, answer->state == MH_ANSWER_VALUE ? answer->text : NULL);
        sqlite3_bind_int(stmt, 5, answer->state == MH_ANSWER_NA);
        bind_text(stmt, 6, answer->comment);
        if ((rc = run(store, stmt, diags)) < 0)
                return rc;
        /*
         * an answer given, in any way, settles the answer carried over for it
         * (a comment alone does not: the carried answer stays to confirm)
         */
        if (answer->state != MH_ANSWER_NONE) {
                if ((stmt = prepare(store, "DELETE FROM carried_answer WHERE campaign = ?1 AND "
                                           "finess = ?2 AND indicator = ?3")) == NULL)
                        return db_error(store, diags);
                bind_text(stmt, 1, est->campaign);
                bind_text(stmt, 2, est->finess);
                bind_text(stmt, 3, ind->id);
                if ((rc = run(store, stmt, diags)) < 0)
                        return rc;
        }
        /* every write is a change of the value or the comment: the answer's version goes up */
        if ((stmt = prepare(store, "INSERT INTO answer_version (campaign, finess, indicator, "
                                   "version) VALUES (?1, ?2, ?3, 1) ON CONFLICT (campaign, "
                                   "finess, indicator) DO UPDATE SET version = version + 1")) ==
            NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, est->campaign);
        bind_text(stmt, 2, est->finess);
        bind_text(stmt, 3, ind->id);
        return run(store, stmt, diags);
}

static const char *submission_name(mh_submission submission)
{
        return mh_submission_name(submission);
}

static int write_submission(mh_store *store, const char *campaign, const char *finess,
                            mh_submission submission, const char *user, const char *now,
                            mh_diagnostics *diags)
{
        sqlite3_stmt *stmt =
            prepare(store, "INSERT INTO submission (campaign, finess, status, changed_by, "
                           "changed_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (campaign, finess) "
                           "DO UPDATE SET status = ?3, changed_by = ?4, changed_at = ?5");

        if (stmt == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, campaign);
        bind_text(stmt, 2, finess);
        bind_text(stmt, 3, submission_name(submission));
        bind_text(stmt, 4, user);
        bind_text(stmt, 5, now);
        return run(store, stmt, diags);
}

/* The answer's text as the history shows it: the value, "na", or NULL. */
static const char *history_value(const struct mh__answer *answer)
{
        return answer->state == MH_ANSWER_NONE ? NULL : answer->text;
}

static int same_answer(const struct mh__answer *a, const struct mh__answer *b)
{
        return a->state == b->state && (a->state != MH_ANSWER_VALUE || same(a->text, b->text)) &&
               same(a->comment, b->comment);
}

int mh_store_load(mh_establishment **out, mh_store *store, const mh_referentiel *ref,
                  const char *campaign, const char *finess, mh_diagnostics *diags)
{
        char reason[MH_ERROR_MESSAGE_MAX]; /* what a damaged or older database holds */
        sqlite3_stmt *stmt;
        mh_establishment *est = NULL;
        mh_profile profile;
        int rc;

        stmt = prepare(store, "SELECT e.finess_ej, e.name, e.region, e.departement, e.category, "
                              "e.beds, e.ose, e.ght, c.reference_date, "
                              "coalesce(s.status, 'draft'), e.contact_name, e.contact_email "
                              "FROM establishment e "
                              "JOIN campaign c ON c.id = e.campaign "
                              "LEFT JOIN submission s ON s.campaign = e.campaign "
                              "AND s.finess = e.finess WHERE e.campaign = ?1 AND e.finess = ?2");
        if (stmt == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, campaign);
        bind_text(stmt, 2, finess);
        if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
                done(store, stmt);
                if (rc != SQLITE_DONE)
                        return db_error(store, diags);
                set_why(diags, "no establishment %s in campaign %s", finess, campaign);
                return MH_ENOTFOUND;
        }
        memset(&profile, 0, sizeof(profile));
        profile.finess = finess;
        profile.finess_ej = column_text(stmt, 0);
        profile.name = column_text(stmt, 1);
        profile.region = column_text(stmt, 2);
        profile.departement = column_text(stmt, 3);
        profile.category = column_text(stmt, 4);
        profile.beds =
            sqlite3_column_type(stmt, 5) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(stmt, 5);
        profile.ose = sqlite3_column_int(stmt, 6);
        profile.ght = column_text(stmt, 7);
        profile.campaign = campaign;
        profile.reference_date = column_text(stmt, 8);
        profile.submission = MH_SUBMISSION_DRAFT;
        (void)mh_submission_parse(&profile.submission, column_text(stmt, 9));
        profile.contact_name = column_text(stmt, 10);
        profile.contact_email = column_text(stmt, 11);
        rc = mh_establishment_new(&est, ref, &profile, NULL);
        if (rc < 0 && mh__profile_problem(&profile, reason, sizeof(reason)) == NULL)
                snprintf(reason, sizeof(reason), "%s", mh__tr(N_("its reference date")));
        done(store, stmt);
        if (rc < 0) { /* a damaged database, or one written before a rule was made stricter */
                if (rc == MH_ENOMEM)
                        return mh__diag_nomem(diags);
                set_why(diags, "database %s: establishment %s has an invalid profile (%s)",
                        store->path, finess, reason);
                return MH_EIO;
        }
        if ((stmt = prepare(store, "SELECT indicator, value, na, comment FROM answer "
                                   "WHERE campaign = ?1 AND finess = ?2")) == NULL) {
                mh_establishment_free(est);
                return db_error(store, diags);
        }
        bind_text(stmt, 1, campaign);
        bind_text(stmt, 2, finess);
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
                const mh_indicator *ind = mh_referentiel_find_indicator(ref, column_text(stmt, 0));

                if (ind == NULL)
                        continue; /* cannot happen: answers are checked before they are stored */
                rc = mh__set_answer(est, ind,
                                    sqlite3_column_int(stmt, 2) ? "na" : column_text(stmt, 1),
                                    reason, sizeof(reason));
                if (rc == 0)
                        rc =
                            mh__set_comment(est, ind, column_text(stmt, 3), reason, sizeof(reason));
                if (rc < 0)
                        break;
        }
        done(store, stmt);
        if (rc != SQLITE_DONE) {
                mh_establishment_free(est);
                if (rc == MH_ENOMEM)
                        return mh__diag_nomem(diags);
                if (rc < 0) {
                        set_why(diags, "database %s: establishment %s has an invalid answer (%s)",
                                store->path, finess, reason);
                        return MH_EIO;
                }
                return db_error(store, diags);
        }
        est->line = 0;
        *out = est;
        return 0;
}

static int save_in(mh_store *store, const mh_establishment *est, const char *user,
                   mh_store_stats *stats, mh_diagnostics *diags)
{
        mh_establishment *stored = NULL;
        int rc;

        if ((rc = check_campaign(store, est, diags)) < 0)
                return rc;
        rc = mh_store_load(&stored, store, est->ref, est->campaign, est->finess, NULL);
        if (rc < 0 && rc != MH_ENOTFOUND)
                return load_error(store, rc, diags);
        rc = mh__store_save_over(store, est, stored, user, stats, diags);
        mh_establishment_free(stored);
        return rc;
}

int mh_store_save(mh_store_stats *stats, mh_store *store, const mh_establishment *est,
                  const char *user, mh_diagnostics *diags)
{
        int own, rc;

        if ((rc = own_begin(store, &own, diags)) < 0)
                return rc;
        return own_end(store, own, save_in(store, est, user, stats, diags), diags);
}

int mh__store_save_over(mh_store *store, const mh_establishment *est,
                        const mh_establishment *stored, const char *user, mh_store_stats *stats,
                        mh_diagnostics *diags)
{
        const mh_referentiel *ref = est->ref;
        mh_history_entry *changes;
        size_t i, changed = 0, n_changes = 0;
        char now[32], old_beds[24], new_beds[24];
        int rc, existed = stored != NULL, profile_changed, status_changed;

        profile_changed = !existed || !same_profile(est, stored);
        status_changed = existed ? est->submission != stored->submission
                                 : est->submission == MH_SUBMISSION_SUBMITTED;
        for (i = 0; existed && i < ref->n_indicators; i++)
                changed += !same_answer(&est->answers[i], &stored->answers[i]);
        if (existed && stored->submission == MH_SUBMISSION_SUBMITTED &&
            (profile_changed || changed > 0 || status_changed)) {
                set_why(diags,
                        "it is submitted for campaign %s: reopen it (maturinh reopen) before "
                        "changing it",
                        est->campaign);
                return MH_EINVALID;
        }
        /* the profile, every indicator and the status may change: the history row lists them */
        if ((changes = mh__malloc((PROFILE_FIELDS + ref->n_indicators + 1) * sizeof(*changes))) ==
            NULL) {
                set_why(diags, "out of memory");
                return MH_ENOMEM;
        }
        now_utc(now);
        rc = 0;
        if (profile_changed)
                rc = write_profile(store, est, diags);
        if (existed && profile_changed)
                n_changes = profile_changes(changes, est, stored, old_beds, new_beds);
        for (i = 0; rc == 0 && i < ref->n_indicators; i++) {
                const struct mh__answer *old = existed ? &stored->answers[i] : NULL;
                const struct mh__answer *new = &est->answers[i];
                static const struct mh__answer none = {.state = MH_ANSWER_NONE};

                if (old == NULL)
                        old = &none;
                if (same_answer(old, new))
                        continue;
                rc = write_answer(store, est, ref->indicators_by_index[i], new, diags);
                changes[n_changes] = change(ref->indicators_by_index[i]->id, history_value(old),
                                            history_value(new), old->comment, new->comment);
                changes[n_changes++].confirmed_from = store->confirmed_from;
                if (stats != NULL)
                        stats->answers_changed++;
                changed += !existed;
        }
        if (rc == 0 && status_changed) {
                rc = write_submission(store, est->campaign, est->finess, est->submission, user, now,
                                      diags);
                changes[n_changes++] =
                    change("status", existed ? submission_name(stored->submission) : "draft",
                           submission_name(est->submission), NULL, NULL);
        }
        if (rc == 0)
                rc = append_history(store, est->campaign, est->finess, changes, n_changes, user,
                                    now, diags);
        mh__free(changes);
        if (rc == 0 && stats != NULL) {
                if (!existed)
                        stats->establishments_added++;
                else if (profile_changed || changed > 0 || status_changed)
                        stats->establishments_changed++;
                else
                        stats->establishments_same++;
        }
        return rc;
}

static int save_profile_in(mh_store *store, const mh_referentiel *ref, const mh_profile *profile,
                           const char *user, mh_store_stats *stats, mh_diagnostics *diags)
{
        mh_establishment *est = NULL, *stored = NULL;
        size_t i;
        int rc;

        if ((rc = mh_establishment_new(&est, ref, profile, diags)) < 0)
                return rc;
        rc = mh_store_load(&stored, store, ref, profile->campaign, profile->finess, NULL);
        if (rc == 0) {
                /* keep the stored answers and status: only the profile comes from the list */
                for (i = 0; i < ref->n_indicators; i++)
                        est->answers[i] = stored->answers[i];
                est->submission = stored->submission;
        } else if (rc != MH_ENOTFOUND) {
                mh_establishment_free(est);
                return load_error(store, rc, diags);
        }
        rc = save_in(store, est, user, stats, diags);
        mh_establishment_free(stored);
        mh_establishment_free(est);
        return rc;
}

int mh_store_save_profile(mh_store_stats *stats, mh_store *store, const mh_referentiel *ref,
                          const mh_profile *profile, const char *user, mh_diagnostics *diags)
{
        int own, rc;

        if ((rc = own_begin(store, &own, diags)) < 0)
                return rc;
        return own_end(store, own, save_profile_in(store, ref, profile, user, stats, diags), diags);
}

/*
 * Gives `indicator` of the stored establishment `est` the answer `text` and,
 * when `comment` is not NULL, that comment, with the engine's messages for a
 * refused one.
 */
static int apply_answer(mh_establishment *est, const mh_indicator *ind, const char *indicator,
                        const char *text, const char *comment, mh_diagnostics *diags)
{
        char reason[256];
        int rc;

        if ((rc = mh__set_answer(est, ind, text, reason, sizeof(reason))) == MH_ENOMEM) {
                mh__diag_nomem(diags);
        } else if (rc < 0) {
                set_why(diags, "'%s' %s", indicator, reason);
        } else if (comment != NULL) {
                rc = mh_establishment_set_comment(est, ind, comment, diags);
        }
        return rc;
}

/* The indicator `indicator` of `ref`, or NULL with the reason in `diags`. */
static const mh_indicator *find_indicator(const mh_referentiel *ref, const char *indicator,
                                          mh_diagnostics *diags)
{
        const mh_indicator *ind = mh_referentiel_find_indicator(ref, indicator);

        if (ind == NULL)
                set_why(diags, "unknown indicator '%s'", indicator);
        return ind;
}

static int set_answer_in(mh_store *store, const mh_referentiel *ref, const char *campaign,
                         const char *finess, const char *indicator, const char *text,
                         const char *comment, const char *user, mh_diagnostics *diags)
{
        const mh_indicator *ind = find_indicator(ref, indicator, diags);
        mh_establishment *est = NULL;
        int rc;

        if (ind == NULL)
                return MH_EINVALID;
        if ((rc = mh_store_load(&est, store, ref, campaign, finess, NULL)) < 0) {
                if (rc == MH_ENOTFOUND) {
                        set_why(diags,
                                "no establishment %s in campaign %s: import its profile first",
                                finess, campaign);
                        return MH_EINVALID;
                }
                return load_error(store, rc, diags);
        }
        if ((rc = apply_answer(est, ind, indicator, text, comment, diags)) == 0)
                rc = save_in(store, est, user, NULL, diags);
        mh_establishment_free(est);
        return rc;
}

int mh_store_set_answer(mh_store *store, const mh_referentiel *ref, const char *campaign,
                        const char *finess, const char *indicator, const char *text,
                        const char *comment, const char *user, mh_diagnostics *diags)
{
        int own, rc;

        if ((rc = own_begin(store, &own, diags)) < 0)
                return rc;
        return own_end(
            store, own,
            set_answer_in(store, ref, campaign, finess, indicator, text, comment, user, diags),
            diags);
}

int mh_store_each(mh_store *store, const mh_referentiel *ref, const char *campaign,
                  int (*fn)(const mh_establishment *est, void *context), void *context,
                  mh_diagnostics *diags)
{
        sqlite3_stmt *stmt = prepare(store, "SELECT finess FROM establishment WHERE campaign = ?1 "
                                            "ORDER BY finess");
        int rc = 0, step = SQLITE_DONE;

        if (stmt == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, campaign);
        while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
                mh_establishment *est = NULL;

                if ((rc = mh_store_load(&est, store, ref, campaign, column_text(stmt, 0), diags)) <
                    0)
                        break;
                rc = fn(est, context);
                mh_establishment_free(est);
        }
        if (rc == 0 && step != SQLITE_DONE)
                rc = db_error(store, diags);
        done(store, stmt);
        return rc;
}

static int set_submission_in(mh_store *store, const char *campaign, const char *finess,
                             mh_submission submission, const char *user, mh_diagnostics *diags)
{
        sqlite3_stmt *stmt = prepare(store, "SELECT coalesce(s.status, 'draft') "
                                            "FROM establishment e LEFT JOIN submission s "
                                            "ON s.campaign = e.campaign AND s.finess = e.finess "
                                            "WHERE e.campaign = ?1 AND e.finess = ?2");
        mh_submission current;
        mh_history_entry entry;
        char now[32];
        int rc;

        if (stmt == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, campaign);
        bind_text(stmt, 2, finess);
        if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
                done(store, stmt);
                if (rc != SQLITE_DONE)
                        return db_error(store, diags);
                set_why(diags, "no establishment %s in campaign %s", finess, campaign);
                return MH_ENOTFOUND;
        }
        current = MH_SUBMISSION_DRAFT;
        (void)mh_submission_parse(&current, column_text(stmt, 0));
        done(store, stmt);
        if (current == submission) {
                if (submission == MH_SUBMISSION_SUBMITTED)
                        set_why(diags, "establishment %s is already submitted for campaign %s",
                                finess, campaign);
                else
                        set_why(diags, "establishment %s is already open (draft) for campaign %s",
                                finess, campaign);
                return MH_EINVALID;
        }
        now_utc(now);
        if ((rc = write_submission(store, campaign, finess, submission, user, now, diags)) < 0)
                return rc;
        entry = change("status", submission_name(current), submission_name(submission), NULL, NULL);
        return append_history(store, campaign, finess, &entry, 1, user, now, diags);
}

int mh_store_set_submission(mh_store *store, const char *campaign, const char *finess,
                            mh_submission submission, const char *user, mh_diagnostics *diags)
{
        int own, rc;

        if ((rc = own_begin(store, &own, diags)) < 0)
                return rc;
        return own_end(store, own,
                       set_submission_in(store, campaign, finess, submission, user, diags), diags);
}

int mh_store_history(mh_store *store, const char *campaign, const char *finess,
                     int (*fn)(const mh_history_entry *entry, void *context), void *context,
                     mh_diagnostics *diags)
{
        sqlite3_stmt *stmt =
            prepare(store, "SELECT h.changed_at, h.changed_by, c.value ->> 0, c.value ->> 1, "
                           "c.value ->> 2, c.value ->> 3, c.value ->> 4, c.value ->> 5 "
                           "FROM history h, "
                           "json_each(h.changes) c WHERE h.campaign = ?1 AND h.finess = ?2 "
                           "ORDER BY h.seq, c.key");
        sqlite3_stmt *known;
        int rc = 0, step = SQLITE_DONE;

        /* an empty history would hide a mistyped FINESS: it must be there */
        if ((known = prepare(store, "SELECT 1 FROM establishment WHERE campaign = ?1 AND "
                                    "finess = ?2")) == NULL)
                return db_error(store, diags);
        bind_text(known, 1, campaign);
        bind_text(known, 2, finess);
        step = sqlite3_step(known);
        done(store, known);
        if (step == SQLITE_DONE)
                return MH_ENOTFOUND;
        if (step != SQLITE_ROW)
                return db_error(store, diags);
        if (stmt == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, campaign);
        bind_text(stmt, 2, finess);
        while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
                mh_history_entry entry;

                entry.when = column_text(stmt, 0);
                entry.who = column_text(stmt, 1);
                entry.what = column_text(stmt, 2);
                entry.old_value = column_text(stmt, 3);
                entry.new_value = column_text(stmt, 4);
                entry.old_comment = column_text(stmt, 5);
                entry.new_comment = column_text(stmt, 6);
                entry.confirmed_from = column_text(stmt, 7);
                rc = fn(&entry, context);
        }
        if (rc == 0 && step != SQLITE_DONE)
                rc = db_error(store, diags);
        done(store, stmt);
        return rc;
}

/* ---- One answer at a time, with its version (the web questionnaire) ----- */

/* The version of one answer into *version: 0 for one never written. */
static int answer_version(mh_store *store, const char *campaign, const char *finess,
                          const char *indicator, long long *version, mh_diagnostics *diags)
{
        sqlite3_stmt *stmt = prepare(store, "SELECT version FROM answer_version WHERE "
                                            "campaign = ?1 AND finess = ?2 AND indicator = ?3");
        int rc;

        if (stmt == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, campaign);
        bind_text(stmt, 2, finess);
        bind_text(stmt, 3, indicator);
        *version = 0;
        if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
                *version = sqlite3_column_int64(stmt, 0);
        done(store, stmt);
        return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(store, diags);
}

int mh_store_answer_versions(mh_store *store, const char *campaign, const char *finess,
                             int (*fn)(const char *indicator, long long version, void *context),
                             void *context, mh_diagnostics *diags)
{
        sqlite3_stmt *stmt;
        int rc = 0, step;

        if (store == NULL || campaign == NULL || finess == NULL || fn == NULL)
                return MH_EUSAGE;
        if ((stmt = prepare(store, "SELECT 1 FROM establishment WHERE campaign = ?1 AND "
                                   "finess = ?2")) == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, campaign);
        bind_text(stmt, 2, finess);
        step = sqlite3_step(stmt);
        done(store, stmt);
        if (step == SQLITE_DONE) {
                set_why(diags, "no establishment %s in campaign %s", finess, campaign);
                return MH_ENOTFOUND;
        }
        if (step != SQLITE_ROW)
                return db_error(store, diags);
        /* not the cache: `fn` may use the store */
        if (sqlite3_prepare_v2(store->db,
                               "SELECT indicator, version FROM answer_version WHERE campaign = ?1 "
                               "AND finess = ?2 AND version > 0 ORDER BY indicator",
                               -1, &stmt, NULL) != SQLITE_OK)
                return db_error(store, diags);
        bind_text(stmt, 1, campaign);
        bind_text(stmt, 2, finess);
        while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW)
                rc = fn(column_text(stmt, 0), sqlite3_column_int64(stmt, 1), context);
        if (rc == 0 && step != SQLITE_DONE)
                rc = db_error(store, diags);
        sqlite3_finalize(stmt);
        return rc;
}

/*
 * The establishment `finess` of `campaign`, to change one of its answers:
 * MH_ENOTFOUND when it is not there, MH_ELOCKED when it is submitted (read
 * only until reopened), each said in `diags`; *out is NULL then.
 */
static int load_for_change(mh_establishment **out, mh_store *store, const mh_referentiel *ref,
                           const char *campaign, const char *finess, mh_diagnostics *diags)
{
        mh_establishment *est = NULL;
        int rc;

        *out = NULL;
        if ((rc = mh_store_load(&est, store, ref, campaign, finess, NULL)) < 0) {
                if (rc == MH_ENOTFOUND) {
                        set_why(diags, "no establishment %s in campaign %s", finess, campaign);
                        return MH_ENOTFOUND;
                }
                return load_error(store, rc, diags);
        }
        if (est->submission == MH_SUBMISSION_SUBMITTED) {
                set_why(diags,
                        "the questionnaire of %s is submitted: it is read-only until it is "
                        "reopened",
                        finess);
                mh_establishment_free(est);
                return MH_ELOCKED;
        }
        *out = est;
        return 0;
}

static int put_answer_in(mh_store *store, const mh_referentiel *ref, const char *campaign,
                         const char *finess, const char *indicator, const char *text,
                         const char *comment, long long expected_version, const char *user,
                         long long *new_version, mh_diagnostics *diags)
{
        const mh_indicator *ind = find_indicator(ref, indicator, diags);
        mh_establishment *est = NULL;
        long long version;
        int rc;

        if (ind == NULL)
                return MH_EINVALID;
        if ((rc = load_for_change(&est, store, ref, campaign, finess, diags)) < 0) {
                /* the reason is in diags */
        } else if ((rc = answer_version(store, campaign, finess, ind->id, &version, diags)) < 0) {
                /* the reason is in diags */
        } else if (expected_version >= 0 && expected_version != version) {
                set_why(diags, "this answer was changed meanwhile (version %lld)", version);
                rc = MH_ECONFLICT;
        } else if ((rc = apply_answer(est, ind, indicator, text, comment, diags)) == 0 &&
                   (rc = save_in(store, est, user, NULL, diags)) == 0 && new_version != NULL) {
                rc = answer_version(store, campaign, finess, ind->id, new_version, diags);
        }
        mh_establishment_free(est);
        return rc;
}

int mh_store_put_answer(mh_store *store, const mh_referentiel *ref, const char *campaign,
                        const char *finess, const char *indicator, const char *text,
                        const char *comment, long long expected_version, const char *user,
                        long long *new_version, mh_diagnostics *diags)
{
        int own, rc;

        if (store == NULL || ref == NULL || campaign == NULL || finess == NULL ||
            indicator == NULL || user == NULL)
                return MH_EUSAGE;
        if ((rc = own_begin(store, &own, diags)) < 0)
                return rc;
        return own_end(store, own,
                       put_answer_in(store, ref, campaign, finess, indicator, text, comment,
                                     expected_version, user, new_version, diags),
                       diags);
}

int mh_store_last_changes(mh_store *store, const char *campaign,
                          int (*fn)(const mh_last_change *change, void *context), void *context,
                          mh_diagnostics *diags)
{
        sqlite3_stmt *stmt;
        int rc = 0, step = SQLITE_DONE;

        if (store == NULL || campaign == NULL || fn == NULL)
                return MH_EUSAGE;
        /* max(seq) makes the bare columns those of each establishment's last row */
        if (sqlite3_prepare_v2(store->db,
                               "SELECT finess, changed_at, changed_by, max(seq) FROM history "
                               "WHERE campaign = ?1 GROUP BY finess ORDER BY finess",
                               -1, &stmt, NULL) != SQLITE_OK)
                return db_error(store, diags);
        bind_text(stmt, 1, campaign);
        while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
                mh_last_change last;

                last.finess = column_text(stmt, 0);
                last.when = column_text(stmt, 1);
                last.who = column_text(stmt, 2);
                rc = fn(&last, context);
        }
        if (rc == 0 && step != SQLITE_DONE)
                rc = db_error(store, diags);
        sqlite3_finalize(stmt);
        return rc;
}

int mh_store_campaigns(mh_store *store, int (*fn)(const mh_campaign_info *campaign, void *context),
                       void *context, mh_diagnostics *diags)
{
        sqlite3_stmt *stmt;
        int rc = 0, step = SQLITE_DONE;

        if (store == NULL || fn == NULL)
                return MH_EUSAGE;
        if (sqlite3_prepare_v2(store->db,
                               "SELECT c.id, r.id, r.version, c.reference_date, "
                               "(SELECT count(*) FROM establishment e WHERE e.campaign = c.id), "
                               "(SELECT count(*) FROM submission s WHERE s.campaign = c.id "
                               "AND s.status = 'submitted') FROM campaign c "
                               "JOIN referentiel r ON r.sha256 = c.referentiel "
                               "ORDER BY c.reference_date DESC, c.id",
                               -1, &stmt, NULL) != SQLITE_OK)
                return db_error(store, diags);
        while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
                mh_campaign_info info;

                info.id = column_text(stmt, 0);
                info.referentiel_id = column_text(stmt, 1);
                info.referentiel_version = column_text(stmt, 2);
                info.reference_date = column_text(stmt, 3);
                info.establishments = (size_t)sqlite3_column_int64(stmt, 4);
                info.submitted = (size_t)sqlite3_column_int64(stmt, 5);
                rc = fn(&info, context);
        }
        if (rc == 0 && step != SQLITE_DONE)
                rc = db_error(store, diags);
        sqlite3_finalize(stmt);
        return rc;
}

/* ---- Answers carried over from an earlier campaign ------------------------ */

/* What carry_one() needs of the campaign being started. */
struct carry {
        mh_store *store;
        const mh_referentiel *ref; /* the new campaign's */
        const char *campaign, *from, *reference_date, *user;
        mh_carry_stats stats;
        mh_diagnostics *diags;
};

static int insert_carried(mh_store *store, const char *campaign, const char *finess,
                          const char *indicator, const struct mh__answer *answer, const char *from,
                          mh_diagnostics *diags)
{
        sqlite3_stmt *stmt = prepare(store, "INSERT INTO carried_answer (campaign, finess, "
                                            "indicator, value, na, comment, from_campaign) "
                                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");

        if (stmt == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, campaign);
        bind_text(stmt, 2, finess);
        bind_text(stmt, 3, indicator);
        bind_text(stmt, 4, answer->state == MH_ANSWER_VALUE ? answer->text : NULL);
        sqlite3_bind_int(stmt, 5, answer->state == MH_ANSWER_NA);
        bind_text(stmt, 6, answer->comment);
        bind_text(stmt, 7, from);
        return run(store, stmt, diags);
}

/* One establishment of the old campaign: its profile copied, its answers offered. */
static int carry_one(const mh_establishment *old, void *context)
{
        struct carry *c = context;
        const mh_referentiel *old_ref = old->ref;
        mh_establishment *est = NULL;
        mh_profile profile;
        char why[MH_ERROR_MESSAGE_MAX];
        size_t i;
        int rc;

        memset(&profile, 0, sizeof(profile));
        profile.finess = old->finess;
        profile.finess_ej = old->finess_ej;
        profile.name = old->name;
        profile.region = old->region;
        profile.departement = old->departement;
        profile.category = old->category;
        profile.beds = old->beds;
        profile.ose = old->ose;
        profile.ght = old->ght;
        profile.contact_name = old->contact_name;
        profile.contact_email = old->contact_email;
        profile.campaign = c->campaign;
        profile.reference_date = c->reference_date;
        profile.submission = MH_SUBMISSION_DRAFT;
        if ((rc = mh_establishment_new(&est, c->ref, &profile, c->diags)) < 0)
                return rc;
        if ((rc = mh__store_save_over(c->store, est, NULL, c->user, NULL, c->diags)) < 0)
                goto out;
        c->stats.establishments++;
        for (i = 0; i < old_ref->n_indicators; i++) {
                const struct mh__answer *answer = &old->answers[i];
                const mh_indicator *ind;

                if (answer->state == MH_ANSWER_NONE)
                        continue;
                /* re-checked by the engine against the new référentiel and reference date */
                ind = mh_referentiel_find_indicator(c->ref, old_ref->indicators_by_index[i]->id);
                if (ind == NULL ||
                    (rc = mh__set_answer(est, ind,
                                         answer->state == MH_ANSWER_NA ? "na" : answer->text, why,
                                         sizeof(why))) == MH_EINVALID ||
                    (rc == 0 && (rc = mh__set_comment(est, ind, answer->comment, why,
                                                      sizeof(why))) == MH_EINVALID)) {
                        c->stats.dropped++;
                        rc = 0;
                        continue;
                }
                if (rc < 0)
                        break;
                if ((rc = insert_carried(c->store, c->campaign, est->finess, ind->id,
                                         &est->answers[ind->index], c->from, c->diags)) < 0)
                        break;
                c->stats.answers++;
        }
        if (rc == MH_ENOMEM)
                mh__diag_nomem(c->diags);
out:
        mh_establishment_free(est);
        return rc;
}

static int carry_over_in(mh_store *store, const char *campaign, const char *from,
                         const mh_referentiel *ref, const char *reference_date, const char *user,
                         mh_carry_stats *out, mh_diagnostics *diags)
{
        mh_referentiel *old_ref = NULL;
        struct carry c;
        sqlite3_stmt *stmt;
        int rc, step;

        if ((stmt = prepare(store, "SELECT 1 FROM campaign WHERE id = ?1")) == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, campaign);
        step = sqlite3_step(stmt);
        done(store, stmt);
        if (step == SQLITE_ROW) {
                set_why(diags,
                        "campaign %s already exists in %s: a campaign is started from another "
                        "only when new",
                        campaign, store->path);
                return MH_EINVALID;
        }
        if (step != SQLITE_DONE)
                return db_error(store, diags);
        if ((rc = mh_store_campaign_referentiel(&old_ref, store, from, diags)) < 0)
                return rc;
        if (ref == NULL) {
                ref = old_ref;
        } else if (strcmp(ref->id, old_ref->id) != 0) {
                set_why(diags,
                        "campaign %s is held with référentiel %s, not %s: a campaign can be "
                        "started only from one of the same référentiel",
                        from, old_ref->id, ref->id);
                rc = MH_EINVALID;
                goto out;
        }
        if ((rc = campaign_create_in(store, campaign, ref, reference_date, diags)) < 0)
                goto out;
        memset(&c, 0, sizeof(c));
        c.store = store;
        c.ref = ref;
        c.campaign = campaign;
        c.from = from;
        c.reference_date = reference_date;
        c.user = user;
        c.diags = diags;
        if ((rc = mh_store_each(store, old_ref, from, carry_one, &c, diags)) < 0)
                goto out;
        if (out != NULL)
                *out = c.stats;
out:
        mh_referentiel_free(old_ref);
        return rc;
}

int mh_store_campaign_carry_over(mh_carry_stats *out, mh_store *store, const char *campaign,
                                 const char *from, const mh_referentiel *ref,
                                 const char *reference_date, const char *user,
                                 mh_diagnostics *diags)
{
        int own, rc;

        if (store == NULL || campaign == NULL || from == NULL || reference_date == NULL ||
            user == NULL)
                return MH_EUSAGE;
        if ((rc = own_begin(store, &own, diags)) < 0)
                return rc;
        return own_end(store, own,
                       carry_over_in(store, campaign, from, ref, reference_date, user, out, diags),
                       diags);
}

int mh_store_carried(mh_store *store, const char *campaign, const char *finess,
                     int (*fn)(const mh_carried_answer *answer, void *context), void *context,
                     mh_diagnostics *diags)
{
        sqlite3_stmt *stmt;
        int rc = 0, step;

        if (store == NULL || campaign == NULL || finess == NULL || fn == NULL)
                return MH_EUSAGE;
        /* not the cache: `fn` may use the store */
        if (sqlite3_prepare_v2(store->db,
                               "SELECT indicator, value, na, comment, from_campaign FROM "
                               "carried_answer WHERE campaign = ?1 AND finess = ?2 "
                               "ORDER BY indicator",
                               -1, &stmt, NULL) != SQLITE_OK)
                return db_error(store, diags);
        bind_text(stmt, 1, campaign);
        bind_text(stmt, 2, finess);
        while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
                mh_carried_answer answer;

                answer.indicator = column_text(stmt, 0);
                answer.na = sqlite3_column_int(stmt, 2);
                answer.value = answer.na ? "na" : column_text(stmt, 1);
                answer.comment = column_text(stmt, 3);
                answer.from_campaign = column_text(stmt, 4);
                rc = fn(&answer, context);
        }
        if (rc == 0 && step != SQLITE_DONE)
                rc = db_error(store, diags);
        sqlite3_finalize(stmt);
        return rc;
}

int mh_store_carried_counts(mh_store *store, const char *campaign,
                            int (*fn)(const char *finess, size_t count, void *context),
                            void *context, mh_diagnostics *diags)
{
        sqlite3_stmt *stmt;
        int rc = 0, step;

        if (store == NULL || campaign == NULL || fn == NULL)
                return MH_EUSAGE;
        if (sqlite3_prepare_v2(store->db,
                               "SELECT finess, count(*) FROM carried_answer WHERE campaign = ?1 "
                               "GROUP BY finess ORDER BY finess",
                               -1, &stmt, NULL) != SQLITE_OK)
                return db_error(store, diags);
        bind_text(stmt, 1, campaign);
        while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW)
                rc = fn(column_text(stmt, 0), (size_t)sqlite3_column_int64(stmt, 1), context);
        if (rc == 0 && step != SQLITE_DONE)
                rc = db_error(store, diags);
        sqlite3_finalize(stmt);
        return rc;
}

static int confirm_carried_in(mh_store *store, const mh_referentiel *ref, const char *campaign,
                              const char *finess, const char *indicator, const char *user,
                              mh_diagnostics *diags)
{
        const mh_indicator *ind = find_indicator(ref, indicator, diags);
        mh_establishment *est = NULL;
        sqlite3_stmt *stmt;
        char *value = NULL, *comment = NULL, *from = NULL;
        int rc, step, has_comment = 0;

        if (ind == NULL)
                return MH_EINVALID;
        if ((rc = load_for_change(&est, store, ref, campaign, finess, diags)) < 0)
                goto out;
        if ((stmt = prepare(store, "SELECT value, na, comment, from_campaign FROM carried_answer "
                                   "WHERE campaign = ?1 AND finess = ?2 AND indicator = ?3")) ==
            NULL) {
                rc = db_error(store, diags);
                goto out;
        }
        bind_text(stmt, 1, campaign);
        bind_text(stmt, 2, finess);
        bind_text(stmt, 3, ind->id);
        if ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
                const char *v = sqlite3_column_int(stmt, 1) ? "na" : column_text(stmt, 0);

                value = mh__strdup(v ? v : "");
                has_comment = column_text(stmt, 2) != NULL;
                comment = has_comment ? mh__strdup(column_text(stmt, 2)) : NULL;
                from = mh__strdup(column_text(stmt, 3));
        }
        done(store, stmt);
        if (step != SQLITE_ROW) {
                if (step != SQLITE_DONE) {
                        rc = db_error(store, diags);
                } else {
                        set_why(diags, "no answer carried over to confirm for '%s' of %s",
                                indicator, finess);
                        rc = MH_ENOTFOUND;
                }
                goto out;
        }
        if (value == NULL || from == NULL || (has_comment && comment == NULL)) {
                rc = mh__diag_nomem(diags);
                goto out;
        }
        /* its comment with it; none carried keeps the comment given since, if any */
        if ((rc = apply_answer(est, ind, indicator, value, comment, diags)) < 0)
                goto out;
        store->confirmed_from = from;
        rc = save_in(store, est, user, NULL, diags);
        store->confirmed_from = NULL;
out:
        mh__free(value);
        mh__free(comment);
        mh__free(from);
        mh_establishment_free(est);
        return rc;
}

int mh_store_confirm_carried(mh_store *store, const mh_referentiel *ref, const char *campaign,
                             const char *finess, const char *indicator, const char *user,
                             mh_diagnostics *diags)
{
        int own, rc;

        if (store == NULL || ref == NULL || campaign == NULL || finess == NULL ||
            indicator == NULL || user == NULL)
                return MH_EUSAGE;
        if ((rc = own_begin(store, &own, diags)) < 0)
                return rc;
        return own_end(store, own,
                       confirm_carried_in(store, ref, campaign, finess, indicator, user, diags),
                       diags);
}

/* ---- Accounts (accounts.c checks and hashes; here, their rows) ---------- */

static int account_insert_in(mh_store *store, const mh_account *account, const char *hash,
                             mh_diagnostics *diags)
{
        sqlite3_stmt *stmt;
        char now[32];
        size_t i;
        int rc;

        if ((stmt = prepare(store, "SELECT 1 FROM account WHERE login = ?1")) == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, account->login);
        rc = sqlite3_step(stmt);
        done(store, stmt);
        if (rc == SQLITE_ROW) {
                set_why(diags, "account '%s' already exists", account->login);
                return MH_EINVALID;
        }
        if (rc != SQLITE_DONE)
                return db_error(store, diags);
        now_utc(now);
        if ((stmt = prepare(store, "INSERT INTO account (login, name, role, region, password_hash, "
                                   "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")) == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, account->login);
        bind_text(stmt, 2, account->name);
        bind_text(stmt, 3, mh_role_name(account->role));
        bind_text(stmt, 4, account->region);
        bind_text(stmt, 5, hash);
        bind_text(stmt, 6, now);
        if ((rc = run(store, stmt, diags)) < 0)
                return rc;
        for (i = 0; i < account->n_finess; i++) {
                if ((stmt = prepare(store, "INSERT INTO account_finess (login, finess) "
                                           "VALUES (?1, ?2) ON CONFLICT DO NOTHING")) == NULL)
                        return db_error(store, diags);
                bind_text(stmt, 1, account->login);
                bind_text(stmt, 2, account->finess[i]);
                if ((rc = run(store, stmt, diags)) < 0)
                        return rc;
        }
        return 0;
}

int mh__store_account_insert(mh_store *store, const mh_account *account, const char *hash,
                             mh_diagnostics *diags)
{
        int own, rc;

        if ((rc = own_begin(store, &own, diags)) < 0)
                return rc;
        return own_end(store, own, account_insert_in(store, account, hash, diags), diags);
}

int mh__store_account_hash(mh_store *store, const char *login, char *hash, size_t size,
                           mh_diagnostics *diags)
{
        sqlite3_stmt *stmt;
        int rc;

        if ((stmt = prepare(store, "SELECT password_hash FROM account WHERE login = ?1")) == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, login);
        if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
                snprintf(hash, size, "%s", column_text(stmt, 0));
                done(store, stmt);
                return 0;
        }
        done(store, stmt);
        return rc == SQLITE_DONE ? MH_ENOTFOUND : db_error(store, diags);
}

/* Runs `stmt` (its first parameter the login): MH_ENOTFOUND when it changed no account. */
static int account_change(mh_store *store, sqlite3_stmt *stmt, const char *login,
                          mh_diagnostics *diags)
{
        int rc;

        if ((rc = run(store, stmt, diags)) < 0)
                return rc;
        if (sqlite3_changes(store->db) == 0) {
                set_why(diags, "no account '%s' in %s", login, store->path);
                return MH_ENOTFOUND;
        }
        return 0;
}

int mh__store_account_set_hash(mh_store *store, const char *login, const char *hash,
                               mh_diagnostics *diags)
{
        sqlite3_stmt *stmt;

        if ((stmt = prepare(store, "UPDATE account SET password_hash = ?2 WHERE login = ?1")) ==
            NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, login);
        bind_text(stmt, 2, hash);
        return account_change(store, stmt, login, diags);
}

int mh__store_account_delete(mh_store *store, const char *login, mh_diagnostics *diags)
{
        sqlite3_stmt *stmt;

        if ((stmt = prepare(store, "DELETE FROM account WHERE login = ?1")) == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, login);
        return account_change(store, stmt, login, diags);
}

/* The FINESS of `login`, by number, into `list` (grown as needed): 0 or an MH_E* code. */
static int account_finess(mh_store *store, const char *login, char ***list, size_t *n,
                          size_t *capacity, mh_diagnostics *diags)
{
        sqlite3_stmt *stmt;
        int rc;

        if ((stmt = prepare(store, "SELECT finess FROM account_finess WHERE login = ?1 "
                                   "ORDER BY finess")) == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, login);
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
                char *finess;

                if (*n == *capacity) {
                        size_t grown = *capacity ? *capacity * 2 : 8;
                        char **bigger = mh__realloc(*list, grown * sizeof(**list));

                        if (bigger == NULL) {
                                done(store, stmt);
                                return mh__diag_nomem(diags);
                        }
                        *list = bigger;
                        *capacity = grown;
                }
                if ((finess = mh__strdup(column_text(stmt, 0))) == NULL) {
                        done(store, stmt);
                        return mh__diag_nomem(diags);
                }
                (*list)[(*n)++] = finess;
        }
        done(store, stmt);
        return rc == SQLITE_DONE ? 0 : db_error(store, diags);
}

int mh__store_account_each(mh_store *store, mh_account_fn fn, void *context, mh_diagnostics *diags)
{
        sqlite3_stmt *stmt;
        char **finess = NULL;
        size_t capacity = 0, n = 0, i;
        int rc = 0, step = SQLITE_DONE;

        /* not the cache: its rows are read while account_finess() runs its own statement */
        if (sqlite3_prepare_v2(store->db,
                               "SELECT login, name, role, region, created_at FROM account "
                               "ORDER BY login",
                               -1, &stmt, NULL) != SQLITE_OK)
                return db_error(store, diags);
        while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
                mh_account account;

                memset(&account, 0, sizeof(account));
                account.login = column_text(stmt, 0);
                account.name = column_text(stmt, 1);
                if (mh_role_parse(&account.role, column_text(stmt, 2)) < 0)
                        account.role = MH_ROLE_ADMIN; /* the CHECK makes it one of them */
                account.region = column_text(stmt, 3);
                account.created_at = column_text(stmt, 4);
                for (i = 0; i < n; i++)
                        mh__free(finess[i]);
                n = 0;
                if ((rc = account_finess(store, account.login, &finess, &n, &capacity, diags)) < 0)
                        break;
                account.finess = (const char *const *)finess;
                account.n_finess = n;
                rc = fn(&account, context);
        }
        if (rc == 0 && step != SQLITE_DONE)
                rc = db_error(store, diags);
        sqlite3_finalize(stmt);
        for (i = 0; i < n; i++)
                mh__free(finess[i]);
        mh__free(finess);
        return rc;
}

int mh__store_account_find(mh_store *store, const char *login, mh_account_fn fn, void *context,
                           mh_diagnostics *diags)
{
        sqlite3_stmt *stmt;
        char **finess = NULL;
        size_t capacity = 0, n = 0, i;
        int rc, step;

        /* not the cache: its row is read while account_finess() runs its own statement */
        if (sqlite3_prepare_v2(store->db,
                               "SELECT login, name, role, region, created_at FROM account "
                               "WHERE login = ?1",
                               -1, &stmt, NULL) != SQLITE_OK)
                return db_error(store, diags);
        bind_text(stmt, 1, login);
        if ((step = sqlite3_step(stmt)) != SQLITE_ROW) {
                rc = step == SQLITE_DONE ? MH_ENOTFOUND : db_error(store, diags);
        } else if ((rc = account_finess(store, login, &finess, &n, &capacity, diags)) == 0) {
                mh_account account;

                memset(&account, 0, sizeof(account));
                account.login = column_text(stmt, 0);
                account.name = column_text(stmt, 1);
                if (mh_role_parse(&account.role, column_text(stmt, 2)) < 0)
                        account.role = MH_ROLE_ADMIN; /* the CHECK makes it one of them */
                account.region = column_text(stmt, 3);
                account.created_at = column_text(stmt, 4);
                account.finess = (const char *const *)finess;
                account.n_finess = n;
                rc = fn(&account, context);
        }
        sqlite3_finalize(stmt);
        for (i = 0; i < n; i++)
                mh__free(finess[i]);
        mh__free(finess);
        return rc;
}

/* ---- Sessions and failed logins (accounts.c decides; here, their rows) --- */

int mh__store_login_failures(mh_store *store, const char *login, long long *at, size_t max,
                             size_t *count, mh_diagnostics *diags)
{
        sqlite3_stmt *stmt = prepare(store, "SELECT unixepoch(at) FROM login_failure "
                                            "WHERE login = ?1 ORDER BY at DESC LIMIT ?2");
        int rc;

        if (stmt == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, login);
        sqlite3_bind_int64(stmt, 2, (sqlite3_int64)max);
        *count = 0;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && *count < max)
                at[(*count)++] = sqlite3_column_int64(stmt, 0);
        done(store, stmt);
        return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : db_error(store, diags);
}

static int login_failure_add_in(mh_store *store, const char *login, mh_diagnostics *diags)
{
        sqlite3_stmt *stmt;
        char now[32];
        int rc;

        now_utc(now);
        if ((stmt = prepare(store, "INSERT INTO login_failure (login, at) VALUES (?1, ?2)")) ==
            NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, login);
        bind_text(stmt, 2, now);
        if ((rc = run(store, stmt, diags)) < 0)
                return rc;
        /* what the lock-out never looks at any more, of every login */
        if ((stmt = prepare(store, "DELETE FROM login_failure WHERE unixepoch(at) < "
                                   "unixepoch(?1) - 3600")) == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, now);
        return run(store, stmt, diags);
}

int mh__store_login_failure_add(mh_store *store, const char *login, mh_diagnostics *diags)
{
        int own, rc;

        if ((rc = own_begin(store, &own, diags)) < 0)
                return rc;
        return own_end(store, own, login_failure_add_in(store, login, diags), diags);
}

int mh__store_login_failures_clear(mh_store *store, const char *login, mh_diagnostics *diags)
{
        sqlite3_stmt *stmt = prepare(store, "DELETE FROM login_failure WHERE login = ?1");

        if (stmt == NULL)
                return db_error(store, diags);
        bind_text(stmt, 1, login);
        return run(store, stmt, diags);
}

int mh__store_session_insert(mh_store *store, const unsigned char id_hash[32], const char *login,
                             const char *csrf_token, mh_diagnostics *diags)
{
        sqlite3_stmt *stmt = prepare(store, "INSERT INTO session (id_hash, login, csrf_token, "
                                            "created_at, last_seen) VALUES (?1, ?2, ?3, ?4, ?4)");
        char now[32];

        if (stmt == NULL)
                return db_error(store, diags);
        now_utc(now);
        sqlite3_bind_blob(stmt, 1, id_hash, 32, SQLITE_STATIC);
        bind_text(stmt, 2, login);
        bind_text(stmt, 3, csrf_token);
        bind_text(stmt, 4, now);
        return run(store, stmt, diags);
}

int mh__store_session_find(mh_store *store, const unsigned char id_hash[32], char *login,
                           size_t login_size, char *csrf_token, size_t csrf_size,
                           long long *created_at, long long *last_seen, mh_diagnostics *diags)
{
        sqlite3_stmt *stmt = prepare(store, "SELECT login, csrf_token, unixepoch(created_at), "
                                            "unixepoch(last_seen) FROM session WHERE id_hash = ?1");
        int rc;

        if (stmt == NULL)
                return db_error(store, diags);
        sqlite3_bind_blob(stmt, 1, id_hash, 32, SQLITE_STATIC);
        if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
                snprintf(login, login_size, "%s", column_text(stmt, 0));
                snprintf(csrf_token, csrf_size, "%s", column_text(stmt, 1));
                *created_at = sqlite3_column_int64(stmt, 2);
                *last_seen = sqlite3_column_int64(stmt, 3);
                done(store, stmt);
                return 0;
        }
        done(store, stmt);
        return rc == SQLITE_DONE ? MH_ENOTFOUND : db_error(store, diags);
}

int mh__store_session_touch(mh_store *store, const unsigned char id_hash[32], mh_diagnostics *diags)
{
        sqlite3_stmt *stmt = prepare(store, "UPDATE session SET last_seen = ?2 WHERE id_hash = ?1");
        char now[32];

        if (stmt == NULL)
                return db_error(store, diags);
        now_utc(now);
        sqlite3_bind_blob(stmt, 1, id_hash, 32, SQLITE_STATIC);
        bind_text(stmt, 2, now);
        return run(store, stmt, diags);
}

int mh__store_session_delete(mh_store *store, const unsigned char id_hash[32],
                             mh_diagnostics *diags)
{
        sqlite3_stmt *stmt = prepare(store, "DELETE FROM session WHERE id_hash = ?1");

        if (stmt == NULL)
                return db_error(store, diags);
        sqlite3_bind_blob(stmt, 1, id_hash, 32, SQLITE_STATIC);
        return run(store, stmt, diags);
}
