/*
 * serve_floor.c: the floor of bench/serve.sh: committed single-row SQLite
 * transactions, the least a save acknowledged after its commit costs.
 *
 * Usage: serve_floor --db FILE --threads T --transactions TOTAL [--rows R] [--queue]
 *
 * Makes FILE (a table of R rows per thread, with the settings that
 * engine/src/store.c gives the maturinh database: 16 KiB pages, write-ahead
 * logging, SQLite's default synchronous setting, FULL, which store.c keeps,
 * and a busy timeout), then T threads, each on its own connection, commit
 * TOTAL transactions between them, each "BEGIN IMMEDIATE; UPDATE one row
 * (value, version + 1); COMMIT", timing each one from BEGIN to the end of
 * COMMIT.  The threads wait for one another through SQLite's lock and its
 * busy handler (which sleeps, 1 to 100 ms a try, and lets a newcomer pass a
 * waiter), as separate connections do; with --queue they also queue on a
 * mutex around the transaction, so that the next writer starts the moment
 * the last one commits: the least that T writers of one database cost.
 * Prints "threads transactions seconds tx_per_s p50_ms p99_ms
 * max_ms errors".  Timings are reported, never judged.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int queue;
static pthread_mutex_t writer = PTHREAD_MUTEX_INITIALIZER;

struct worker {
        const char *db;
        int id, rows;
        long count, errors;
        double *latency;
};

static double now_ms(void)
{
        struct timespec t;

        clock_gettime(CLOCK_MONOTONIC, &t);
        return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static sqlite3 *open_db(const char *path)
{
        sqlite3 *db = NULL;

        if (sqlite3_open(path, &db) != SQLITE_OK) {
                fprintf(stderr, "serve_floor: %s: %s\n", path, sqlite3_errmsg(db));
                exit(66);
        }
        sqlite3_busy_timeout(db, 30000);
        sqlite3_exec(db, "PRAGMA page_size = 16384; PRAGMA cache_size = -8192", NULL, NULL, NULL);
        return db;
}

static void *work(void *arg)
{
        struct worker *w = arg;
        sqlite3 *db = open_db(w->db);
        sqlite3_stmt *begin, *update, *commit;
        long k;

        sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, NULL);
        sqlite3_prepare_v2(db,
                           "UPDATE answer SET value = ?1, version = version + 1 "
                           "WHERE finess = ?2 AND indicator = ?3",
                           -1, &update, NULL);
        sqlite3_prepare_v2(db, "COMMIT", -1, &commit, NULL);
        for (k = 0; k < w->count; k++) {
                char finess[32], indicator[32], value[32];
                double t0 = now_ms();
                int ok;

                snprintf(finess, sizeof(finess), "%09d", w->id);
                snprintf(indicator, sizeof(indicator), "IND-%d", (int)(k % w->rows));
                snprintf(value, sizeof(value), "%ld", 1000 + k);
                if (queue)
                        pthread_mutex_lock(&writer);
                ok = sqlite3_step(begin) == SQLITE_DONE;
                sqlite3_reset(begin);
                sqlite3_bind_text(update, 1, value, -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(update, 2, finess, -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(update, 3, indicator, -1, SQLITE_TRANSIENT);
                ok = ok && sqlite3_step(update) == SQLITE_DONE && sqlite3_changes(db) == 1;
                sqlite3_reset(update);
                ok = ok && sqlite3_step(commit) == SQLITE_DONE;
                sqlite3_reset(commit);
                if (!ok) {
                        w->errors++;
                        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
                }
                if (queue)
                        pthread_mutex_unlock(&writer);
                w->latency[k] = now_ms() - t0;
        }
        sqlite3_finalize(begin);
        sqlite3_finalize(update);
        sqlite3_finalize(commit);
        sqlite3_close(db);
        return NULL;
}

static int by_value(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;

        return x < y ? -1 : x > y;
}

static double percentile(const double *sorted, size_t n, double p)
{
        size_t i = (size_t)(p * (double)n);

        return n == 0 ? 0 : sorted[i < n ? i : n - 1];
}

int main(int argc, char **argv)
{
        const char *path = NULL;
        int threads = 0, rows = 4, a, t, r;
        long total = 0, errors = 0;
        struct worker *w;
        pthread_t *ids;
        sqlite3 *db;
        double start, seconds, *all;
        size_t at = 0;
        char *mode = NULL;

        for (a = 1; a < argc; a += 2) {
                if (strcmp(argv[a], "--queue") == 0) {
                        queue = 1;
                        a--;
                } else if (a + 1 == argc)
                        break;
                else if (strcmp(argv[a], "--db") == 0)
                        path = argv[a + 1];
                else if (strcmp(argv[a], "--threads") == 0)
                        threads = atoi(argv[a + 1]);
                else if (strcmp(argv[a], "--transactions") == 0)
                        total = atol(argv[a + 1]);
                else if (strcmp(argv[a], "--rows") == 0)
                        rows = atoi(argv[a + 1]);
                else
                        break;
        }
        if (a < argc || path == NULL || threads <= 0 || total <= 0 || rows <= 0) {
                fprintf(stderr, "usage: serve_floor --db FILE --threads T --transactions TOTAL "
                                "[--rows R] [--queue]\n");
                return 64;
        }
        remove(path);
        db = open_db(path);
        if (sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(db,
                         "CREATE TABLE answer (finess TEXT NOT NULL, indicator TEXT NOT NULL, "
                         "value TEXT, version INTEGER NOT NULL, PRIMARY KEY (finess, indicator)) "
                         "STRICT, WITHOUT ROWID; BEGIN",
                         NULL, NULL, NULL) != SQLITE_OK) {
                fprintf(stderr, "serve_floor: %s: %s\n", path, sqlite3_errmsg(db));
                return 73;
        }
        for (t = 0; t < threads; t++)
                for (r = 0; r < rows; r++) {
                        char *sql = sqlite3_mprintf(
                            "INSERT INTO answer VALUES ('%09d', 'IND-%d', '0', 0)", t, r);

                        sqlite3_exec(db, sql, NULL, NULL, NULL);
                        sqlite3_free(sql);
                }
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        {
                sqlite3_stmt *stmt;

                sqlite3_prepare_v2(db, "PRAGMA synchronous", -1, &stmt, NULL);
                if (sqlite3_step(stmt) == SQLITE_ROW)
                        mode = sqlite3_mprintf("%d", sqlite3_column_int(stmt, 0));
                sqlite3_finalize(stmt);
        }
        fprintf(stderr, "serve_floor: journal WAL, synchronous %s (2: FULL)\n", mode ? mode : "?");
        sqlite3_free(mode);

        w = calloc((size_t)threads, sizeof(*w));
        ids = calloc((size_t)threads, sizeof(*ids));
        for (t = 0; t < threads; t++) {
                w[t].db = path;
                w[t].id = t;
                w[t].rows = rows;
                w[t].count = total / threads + (t < total % threads);
                if ((w[t].latency = malloc(((size_t)w[t].count + 1) * sizeof(double))) == NULL)
                        return 70;
        }
        start = now_ms();
        for (t = 0; t < threads; t++)
                pthread_create(&ids[t], NULL, work, &w[t]);
        for (t = 0; t < threads; t++)
                pthread_join(ids[t], NULL);
        seconds = (now_ms() - start) / 1e3;
        all = malloc((size_t)total * sizeof(double));
        for (t = 0; t < threads; t++) {
                memcpy(all + at, w[t].latency, (size_t)w[t].count * sizeof(double));
                at += (size_t)w[t].count;
                errors += w[t].errors;
                free(w[t].latency);
        }
        qsort(all, (size_t)total, sizeof(double), by_value);
        printf("%d %ld %.3f %.1f %.2f %.2f %.2f %ld\n", threads, total, seconds,
               (double)total / seconds, percentile(all, (size_t)total, 0.50),
               percentile(all, (size_t)total, 0.99), all[total - 1], errors);
        sqlite3_close(db);
        free(all);
        free(w);
        free(ids);
        return errors > 0 ? 1 : 0;
}
