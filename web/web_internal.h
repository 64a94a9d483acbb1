/*
 * web_internal.h: the pieces of the web front (docs/web.md).
 *
 *   server.c   libmicrohttpd (the only file that includes it): sockets,
 *              threads, limits, turning a connection into a web_request;
 *   handler.c  web_handle(): the headers every answer carries, sessions,
 *              CSRF and Origin, the routes, authorisation by role and scope;
 *   api.c      the JSON API /api/v1 (the only file that includes jansson);
 *   pages.c    the French HTML pages, server-rendered, working without
 *              JavaScript;
 *   downloads.c  the spreadsheets of the ARS pages (XLSX, through the library),
 *              and the evaluated population of a campaign;
 *   html.c     the one HTML-escaping helper and the page skeleton;
 *   form.c     application/x-www-form-urlencoded fields and cookies;
 *   app.c      what the threads share: the database connections and the
 *              référentiels of the campaigns.
 *
 * web_handle() is a function of a request: no socket, which is what the
 * fuzzer (fuzz/fuzz_web.c) and the tests drive.
 */
#ifndef MH_WEB_INTERNAL_H
#define MH_WEB_INTERNAL_H

#include <stddef.h>

#include "maturinh/accounts.h"
#include "maturinh/answers.h"
#include "maturinh/evaluation.h"
#include "maturinh/publication.h"
#include "maturinh/referentiel.h"
#include "maturinh/store.h"

/*
 * The Content-Security-Policy of every page and answer: scripts, styles,
 * images and requests from this origin only, no inline script, no frame.
 */
#define WEB_CSP_DEFAULT                                                                            \
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "          \
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
/* The board report (mh_report_write) keeps its style inline and loads nothing. */
#define WEB_CSP_REPORT                                                                             \
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; "       \
        "frame-ancestors 'none'; base-uri 'none'"

/* A request body larger than this is refused (413). */
#define WEB_BODY_MAX ((size_t)1024 * 1024)

/* ---- Fields (form.c) ------------------------------------------------------ */

typedef struct web_field {
        char *name;
        char *value;
} web_field;

typedef struct web_fields {
        web_field *items;
        size_t count;
} web_fields;

/**
 * Decodes application/x-www-form-urlencoded `data` (`length` bytes) into
 * `out` ('+' and %XX; a malformed escape is kept as it is; CR LF, as
 * browsers send a text area's line breaks, becomes LF).  Fields whose
 * name or value is not valid UTF-8 or holds a NUL are dropped.  Returns 0
 * or -1 (out of memory, or more than 10000 fields).
 */
int web_form_parse(web_fields *out, const char *data, size_t length);
/** The value of the first field `name`, or NULL. */
const char *web_form_get(const web_fields *fields, const char *name);
void web_form_free(web_fields *fields);
/** The value of cookie `name` in a Cookie header, into `out` (`size` bytes); 0 or -1. */
int web_cookie_get(const char *header, const char *name, char *out, size_t size);
/** Nonzero when `text` (`length` bytes) is valid UTF-8 without NUL. */
int web_utf8_valid(const char *text, size_t length);

/* ---- Growing text (html.c) ------------------------------------------------ */

typedef struct web_buf {
        char *data;
        size_t length, capacity;
        int failed; /* an allocation failed: the text is incomplete */
} web_buf;

void web_buf_add(web_buf *buf, const char *text, size_t length);
void web_buf_puts(web_buf *buf, const char *text);
void web_buf_printf(web_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** `text` escaped for HTML text and attribute values (& < > " '). The one escaping helper. */
void web_buf_html(web_buf *buf, const char *text);
/** `text` escaped for a URL path segment or query value (RFC 3986 unreserved kept). */
void web_buf_url(web_buf *buf, const char *text);
void web_buf_free(web_buf *buf);
/** A number for people, French style: "41,7" (one decimal), "NaN" as "—". */
void web_buf_score(web_buf *buf, double score);
/** A fraction as a French whole percentage: "42 %" (no-break space). */
void web_buf_percent(web_buf *buf, double fraction);

/* ---- Requests and responses ----------------------------------------------- */

typedef struct web_request {
        const char *method;         /* "GET", "POST"... */
        const char *path;           /* decoded, without the query */
        const web_fields *query;    /* decoded query arguments (NULL: none) */
        const char *cookie;         /* the Cookie header, or NULL */
        const char *origin;         /* the Origin header, or NULL */
        const char *host;           /* the Host header, or NULL */
        const char *sec_fetch_site; /* Sec-Fetch-Site, or NULL */
        const char *csrf_header;    /* X-CSRF-Token, or NULL */
        const char *content_type;   /* Content-Type, or NULL */
        const char *body;           /* the whole body (NULL: none) */
        size_t body_length;
        int body_too_large; /* more than WEB_BODY_MAX bytes came: 413 */
} web_request;

typedef struct web_response {
        int status;
        const char *content_type;
        web_buf body;
        char set_cookie[256];  /* a Set-Cookie value, or "" */
        char location[512];    /* a Location, or "" */
        const char *csp;       /* NULL: the default policy */
        int cache_public;      /* static files: cacheable; everything else no-store */
        const char *allow;     /* for 405: the Allow header */
        int retry_after;       /* seconds for a 429, or 0 */
        char disposition[160]; /* a Content-Disposition (a download), or "" */
} web_response;

typedef struct web_app web_app;

/** The shared state of the front, for a database at `db` (opened and migrated). */
int web_app_new(web_app **out, const char *db, int tls, unsigned connections,
                mh_diagnostics *diags);
void web_app_free(web_app *app);
/** A database connection of the app's pool, for one request. */
mh_store *web_store_acquire(web_app *app);
void web_store_release(web_app *app, mh_store *store);
/** The référentiel of `campaign` (cached; owned by the app), or NULL when there is none. */
const mh_referentiel *web_campaign_referentiel(web_app *app, mh_store *store, const char *campaign);
/** Around a write transaction (a save, a submission): the threads' writes queue here. */
void web_write_enter(web_app *app);
void web_write_leave(web_app *app);
/** Nonzero when the front is served over TLS (the cookie gets Secure). */
int web_app_tls(const web_app *app);
/** Waits for a turn among the logins checked at once (each Argon2id check takes 64 MiB). */
void web_login_enter(web_app *app);
void web_login_leave(web_app *app);

/** Handles one request into `resp` (initialised by the caller with web_response_init). */
void web_handle(web_app *app, const web_request *req, web_response *resp);
void web_response_init(web_response *resp);
void web_response_free(web_response *resp);

/* ---- What the routes share (handler.c) ------------------------------------- */

/** One request being handled: its session and database connection. */
typedef struct web_ctx {
        web_app *app;
        const web_request *req;
        web_response *resp;
        mh_store *store;
        mh_session *session;       /* NULL: not logged in */
        const mh_account *account; /* the session's */
        web_fields form;           /* the body's fields, for a form POST */
} web_ctx;

/**
 * Loads the establishment `finess` of `campaign` when the account may see
 * it: 0 with *ref and *est set (free *est), or -1 after setting a 404
 * (the same for one outside the scope as for one that does not exist; JSON
 * when `json`), or a 500/503.
 */
int web_load_establishment(web_ctx *ctx, const char *campaign, const char *finess,
                           const mh_referentiel **ref, mh_establishment **est, int json);

/*
 * Who fills in an establishment's questionnaire, in the words of its sector: "le RSSI", or
 * "le référent cybersécurité" for an ESMS (often shared by its organisme gestionnaire, seldom
 * an RSSI of its own).  For the notices: "seul le RSSI de l'établissement...".
 */
const char *web_who_answers(const mh_establishment *est);
/**
 * Submits (`submit`) or reopens `est` of `campaign`, for the API and the
 * pages alike: submitting is the rssi's, reopening the ars's and the
 * nation's (else 403); submitting a submitted questionnaire or reopening a
 * draft is a 409; submitting needs every question asked answered, the rule
 * of `maturinh submit` (else 422); then the store's change, recorded with
 * the login.  Returns 200, or the status to answer with, the French reason
 * in `message` (`size` bytes).  The scope was checked by
 * web_load_establishment().
 */
int web_change_submission(web_ctx *ctx, const char *campaign, const mh_establishment *est,
                          int submit, char *message, size_t size);

/** The author recorded in the history for a change made through the web. */
const char *web_author(const web_ctx *ctx);

/* The API (api.c) and the pages (pages.c): each returns nonzero when it handled the path. */
int web_api_route(web_ctx *ctx, const char *const *segments, size_t n);
int web_pages_route(web_ctx *ctx, const char *const *segments, size_t n);

/** A JSON error {"error": MESSAGE} with `status` (api.c). */
void web_api_error(web_ctx *ctx, int status, const char *message);
/** An HTML error page with `status` and a French message (pages.c). */
void web_page_error(web_ctx *ctx, int status, const char *message);
/**
 * GET /c/CAMPAIGN/telecharger/FILE (downloads.c): the workbook FILE
 * (relance.xlsx, scores.xlsx, classement.xlsx, comparaison.xlsx) of the
 * campaign, in the account's scope (ARS: its region; national: France);
 * 403 for the other roles, 404 for another FILE or campaign.
 */
void web_download(web_ctx *ctx, const char *campaign, const char *file);
/**
 * Every establishment of `campaign`, evaluated (downloads.c): the peers of
 * the board report, the ranking of a download.  NULL with *rc set (the
 * campaign unknown: MH_ENOTFOUND) when it cannot be had; free it.
 */
mh_population *web_campaign_population(web_ctx *ctx, const char *campaign, int *rc);

/** The first message of `diags`, or `fallback`. */
const char *web_first_message(const mh_diagnostics *diags, const char *fallback);

/* The static files (static.c, generated from web/static/). */
typedef struct web_static_file {
        const char *path;
        const char *content_type;
        const unsigned char *data;
        size_t length;
} web_static_file;
const web_static_file *web_static_find(const char *path);

#endif
