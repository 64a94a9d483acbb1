/*
 * web.h: `maturinh serve`, the web questionnaire (docs/web.md), as the
 * program starts it.  The web front is a front like the CLI: it sees only
 * the public API of libmaturinh.
 */
#ifndef MH_WEB_H
#define MH_WEB_H

#include <stdio.h>

/** What `maturinh serve` was told. */
typedef struct web_options {
        const char *db;       /**< the database (created if needed) */
        const char *listen;   /**< ADDR:PORT, [ADDR6]:PORT */
        const char *tls_cert; /**< PEM files, both or neither */
        const char *tls_key;
        int behind_proxy; /**< a TLS reverse proxy is in front: any address allowed */
        unsigned threads; /**< worker threads (0: the default) */
} web_options;

/** How serve ended: the program's exit codes (sysexits). */
enum {
        WEB_EXIT_OK = 0,
        WEB_EXIT_USAGE = 64,
        WEB_EXIT_DATAERR = 65,
        WEB_EXIT_NOINPUT = 66,
        WEB_EXIT_SOFTWARE = 70,
        WEB_EXIT_OSERR = 71,
        WEB_EXIT_IOERR = 74,
        WEB_EXIT_TEMPFAIL = 75
};

/**
 * Serves until SIGTERM or SIGINT, then finishes the requests in flight,
 * closes the database and returns WEB_EXIT_OK.  Messages (the address it
 * serves on, why it cannot start) go to `err`, prefixed "maturinh: ".
 */
int web_serve(const web_options *options, FILE *err);

#endif
