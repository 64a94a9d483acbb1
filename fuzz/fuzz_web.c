/*
 * fuzz_web.c: the request handling of maturinh serve (web_handle(), web/)
 * without the socket: routes, query strings, cookies, CSRF tokens, form and
 * JSON bodies, and what the pages then show.
 *
 * An input is up to four requests separated by a line "===".  Each request
 * is a first line "METHOD PATH[?QUERY]", header lines "Name: value" (Cookie,
 * Origin, Host, Sec-Fetch-Site, X-CSRF-Token, Content-Type), an empty line,
 * then the body.  In any of them "@S" stands for the cookie value of a
 * session of rssi1 (920014503) and "@A" for one of ars11 (région 11), "@T"
 * and "@U" for their CSRF tokens: so that inputs reach the routes behind a
 * login without paying for an Argon2id check each.
 *
 * At start-up a template database is made in a private temporary directory
 * (the fixtures of région 11, the two accounts and their sessions) and kept
 * in memory; a request that may change something (not GET) makes the next
 * input start again from the template.
 *
 * Invariants: a known status; a body that is valid UTF-8 for text; JSON
 * answers parse and errors are {"error": "..."}; no page holds a <script
 * element but the front's own /static/app.js, nor an event handler
 * attribute; the status of a change without the session's token is 401,
 * 403, 404, 405 or 413 (never 200 or 303).
 */
#define _POSIX_C_SOURCE 200809L

#include <jansson.h>
#include <strings.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "maturinh/accounts.h"
#include "maturinh/import.h"
#include "maturinh/referentiel.h"
#include "maturinh/store.h"
#include "web_internal.h"

#define REQUESTS_MAX 4

static char dir[] = "/tmp/mh-fuzz-web-XXXXXX";
static char db_path[64], wal_path[64], shm_path[64];
static char *template_db;
static size_t template_length;
static web_app *app;
static int dirty = 1;
static char rssi_id[MH_TOKEN_SIZE], rssi_csrf[MH_TOKEN_SIZE];
static char ars_id[MH_TOKEN_SIZE], ars_csrf[MH_TOKEN_SIZE];

static void write_file(const char *path, const void *data, size_t size)
{
        FILE *f = fopen(path, "wb");

        MH_FUZZ_CHECK(f != NULL);
        MH_FUZZ_CHECK(size == 0 || fwrite(data, 1, size, f) == size);
        MH_FUZZ_CHECK(fclose(f) == 0);
}

static void check(int rc, mh_diagnostics *diags)
{
        if (rc < 0) {
                mh_diagnostics_print(diags, stderr);
                abort();
        }
}

static void login(mh_store *store, const char *name, char id[MH_TOKEN_SIZE],
                  char csrf[MH_TOKEN_SIZE], mh_diagnostics *diags)
{
        mh_session *session = NULL;

        check(mh_session_login(&session, store, name, "fuzz-password-1234", diags), diags);
        snprintf(id, MH_TOKEN_SIZE, "%s", mh_session_id(session));
        snprintf(csrf, MH_TOKEN_SIZE, "%s", mh_session_csrf_token(session));
        mh_session_free(session);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        static const char *const rssi_finess[] = {"920014503"};
        mh_account rssi = {"rssi1", MH_ROLE_RSSI, NULL, NULL, rssi_finess, 1, NULL};
        mh_account ars = {"ars11", MH_ROLE_ARS, NULL, "11", NULL, 0, NULL};
        mh_diagnostics *diags = NULL;
        mh_referentiel *ref = NULL;
        mh_store *store = NULL;
        mh_import_options options = MH_IMPORT_OPTIONS_INIT;
        mh_import_result result;
        FILE *f;
        long length;

        (void)argc;
        (void)argv;
        MH_FUZZ_CHECK(mkdtemp(dir) != NULL);
        snprintf(db_path, sizeof(db_path), "%s/web.db", dir);
        snprintf(wal_path, sizeof(wal_path), "%s/web.db-wal", dir);
        snprintf(shm_path, sizeof(shm_path), "%s/web.db-shm", dir);
        MH_FUZZ_CHECK(mh_diagnostics_new(&diags) == 0);
        check(mh_referentiel_load_file(
                  &ref, MH_SOURCE_DIR "/referentiels/maturinh-cyber/maturinh-cyber.yaml", diags),
              diags);
        check(mh_store_open(&store, db_path, diags), diags);
        options.user = "fuzz";
        check(mh_import_file(&result, store, ref,
                             MH_SOURCE_DIR "/fixtures/answers/region-11-ile-de-france.yaml",
                             &options, diags),
              diags);
        check(mh_account_add(store, &rssi, "fuzz-password-1234", diags), diags);
        check(mh_account_add(store, &ars, "fuzz-password-1234", diags), diags);
        login(store, "rssi1", rssi_id, rssi_csrf, diags);
        login(store, "ars11", ars_id, ars_csrf, diags);
        mh_store_close(store);
        mh_referentiel_free(ref);
        mh_diagnostics_free(diags);
        /* the template: the database file alone, its WAL checkpointed by the close */
        MH_FUZZ_CHECK((f = fopen(db_path, "rb")) != NULL);
        MH_FUZZ_CHECK(fseek(f, 0, SEEK_END) == 0 && (length = ftell(f)) > 0);
        rewind(f);
        template_length = (size_t)length;
        MH_FUZZ_CHECK((template_db = malloc(template_length)) != NULL);
        MH_FUZZ_CHECK(fread(template_db, 1, template_length, f) == template_length);
        fclose(f);
        return 0;
}

static void reset(void)
{
        mh_diagnostics *diags = NULL;

        web_app_free(app);
        app = NULL;
        unlink(wal_path);
        unlink(shm_path);
        write_file(db_path, template_db, template_length);
        MH_FUZZ_CHECK(mh_diagnostics_new(&diags) == 0);
        check(web_app_new(&app, db_path, 0, 1, diags), diags);
        mh_diagnostics_free(diags);
        dirty = 0;
}

/* `text` with the placeholders replaced: a new string. */
static char *expand(const char *text, size_t length, size_t *out_length)
{
        web_buf out = {NULL, 0, 0, 0};
        size_t i;

        for (i = 0; i < length; i++) {
                if (text[i] == '@' && i + 1 < length &&
                    (text[i + 1] == 'S' || text[i + 1] == 'A' || text[i + 1] == 'T' ||
                     text[i + 1] == 'U')) {
                        char c = text[++i];

                        web_buf_puts(&out, c == 'S'   ? rssi_id
                                           : c == 'A' ? ars_id
                                           : c == 'T' ? rssi_csrf
                                                      : ars_csrf);
                } else {
                        web_buf_add(&out, &text[i], 1);
                }
        }
        web_buf_add(&out, "", 0);
        MH_FUZZ_CHECK(!out.failed);
        if (out.data == NULL) {
                out.data = calloc(1, 1);
                MH_FUZZ_CHECK(out.data != NULL);
        }
        *out_length = out.length;
        return out.data;
}

static int known_status(int status)
{
        static const int known[] = {200, 303, 400, 401, 403, 404, 405, 408, 409, 413, 422, 429};
        size_t i;

        for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
                if (status == known[i])
                        return 1;
        return 0;
}

/* No script but ours, no event handler: what an XSS would need. */
static void check_html(const char *body, size_t length)
{
        const char *p = body, *end = body + length;
        static const char ours[] = "<script src=\"/static/app.js\" defer></script>";

        while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
                if ((size_t)(end - p) >= 7 && strncasecmp(p, "<script", 7) == 0)
                        MH_FUZZ_CHECK((size_t)(end - p) >= sizeof(ours) - 1 &&
                                      strncmp(p, ours, sizeof(ours) - 1) == 0);
                p++;
        }
        for (p = body; p + 4 < end; p++)
                if ((p[0] == ' ' || p[0] == '\t' || p[0] == '\n') && (p[1] == 'o' || p[1] == 'O') &&
                    (p[2] == 'n' || p[2] == 'N')) {
                        /* an attribute "on...=" inside a tag would be a handler */
                        const char *q = p + 3;

                        while (q < end && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')))
                                q++;
                        if (q > p + 3 && q < end && *q == '=') {
                                /* inside a tag? find the last '<' and '>' before p */
                                const char *lt = p, *gt = p;

                                while (lt > body && *lt != '<')
                                        lt--;
                                while (gt > body && *gt != '>')
                                        gt--;
                                MH_FUZZ_CHECK(!(*lt == '<' && lt > gt));
                        }
                }
}

static void one_request(const char *text, size_t length)
{
        web_request req;
        web_response resp;
        web_fields query = {NULL, 0};
        char *line_end, *copy, *body, *p, *method, *path, *q;
        size_t copy_length;
        int change;

        copy = expand(text, length, &copy_length);
        memset(&req, 0, sizeof(req));
        /* the first line */
        line_end = strchr(copy, '\n');
        if (line_end != NULL)
                *line_end = '\0';
        method = copy;
        path = strchr(copy, ' ');
        if (path == NULL) {
                free(copy);
                return;
        }
        *path++ = '\0';
        if ((q = strchr(path, '?')) != NULL) {
                *q++ = '\0';
                if (web_form_parse(&query, q, strlen(q)) < 0) {
                        free(copy);
                        return;
                }
        }
        req.method = method;
        req.path = path;
        req.query = &query;
        req.host = "127.0.0.1:8080";
        /* the headers, then the body */
        body = NULL;
        p = line_end != NULL ? line_end + 1 : NULL;
        while (p != NULL && p < copy + copy_length) {
                char *end = strchr(p, '\n'), *colon;

                if (end != NULL)
                        *end = '\0';
                if (*p == '\0') {
                        body = end != NULL ? end + 1 : NULL;
                        break;
                }
                if ((colon = strchr(p, ':')) != NULL) {
                        char *value = colon + 1;

                        *colon = '\0';
                        while (*value == ' ')
                                value++;
                        if (strcasecmp(p, "Cookie") == 0)
                                req.cookie = value;
                        else if (strcasecmp(p, "Origin") == 0)
                                req.origin = value;
                        else if (strcasecmp(p, "Host") == 0)
                                req.host = value;
                        else if (strcasecmp(p, "Sec-Fetch-Site") == 0)
                                req.sec_fetch_site = value;
                        else if (strcasecmp(p, "X-CSRF-Token") == 0)
                                req.csrf_header = value;
                        else if (strcasecmp(p, "Content-Type") == 0)
                                req.content_type = value;
                }
                p = end != NULL ? end + 1 : NULL;
        }
        if (body != NULL) {
                req.body = body;
                req.body_length = copy_length - (size_t)(body - copy);
        }
        change = strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
        if (change)
                dirty = 1;
        web_response_init(&resp);
        web_handle(app, &req, &resp);
        MH_FUZZ_CHECK(known_status(resp.status) || resp.status == 500 || resp.status == 503);
        MH_FUZZ_CHECK(resp.status != 500);
        if (change && (req.csrf_header == NULL || (strcmp(req.csrf_header, rssi_csrf) != 0 &&
                                                   strcmp(req.csrf_header, ars_csrf) != 0))) {
                /* without a valid token in the header, only a form field can carry it */
                const char *field = strstr(req.body != NULL ? req.body : "", "csrf_token=");

                if (field == NULL && strcmp(path, "/login") != 0)
                        MH_FUZZ_CHECK(resp.status != 200 && resp.status != 303);
        }
        if (!resp.body.failed && resp.body.length > 0 &&
            strncmp(resp.content_type, "text/javascript", 15) != 0 &&
            strncmp(resp.content_type, "text/css", 8) != 0) {
                MH_FUZZ_CHECK(web_utf8_valid(resp.body.data, resp.body.length));
                if (strncmp(resp.content_type, "application/json", 16) == 0) {
                        json_error_t error;
                        json_t *json = json_loadb(resp.body.data, resp.body.length, 0, &error);

                        MH_FUZZ_CHECK(json != NULL);
                        if (resp.status >= 400)
                                MH_FUZZ_CHECK(json_is_string(json_object_get(json, "error")));
                        json_decref(json);
                } else if (strncmp(resp.content_type, "text/html", 9) == 0) {
                        check_html(resp.body.data, resp.body.length);
                }
        }
        web_response_free(&resp);
        web_form_free(&query);
        free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *text = (const char *)data, *end = text + size, *p = text;
        int n = 0;

        if (dirty)
                reset();
        while (p <= end && n < REQUESTS_MAX) {
                const char *sep = NULL, *s;

                for (s = p; s + 4 <= end; s++)
                        if (memcmp(s, "\n===", 4) == 0) {
                                sep = s;
                                break;
                        }
                one_request(p, (size_t)((sep != NULL ? sep : end) - p));
                n++;
                if (sep == NULL)
                        break;
                p = sep + 4;
                if (p < end && *p == '\n')
                        p++;
        }
        return 0;
}
