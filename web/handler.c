/*
 * handler.c: one request, from its headers to its answer (docs/web.md).
 *
 * In this order: a body over the limit is refused (413); static files are
 * served to anyone; the session is found from its cookie; a request that
 * changes something (POST, PUT, DELETE) is refused (403) when its Origin
 * names another site, or when it does not carry the session's CSRF token
 * (header X-CSRF-Token, or form field csrf_token); then the API or the pages
 * route it, and every route checks the role and the scope itself through
 * web_load_establishment() (404 outside the scope, as for what does not
 * exist).  The headers every answer carries are set by the server from
 * web_response (server.c, web_response_headers()).
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maturinh/categories.h"
#include "maturinh/report.h"
#include "web_internal.h"

#define SEGMENTS_MAX 16

void web_response_init(web_response *resp)
{
        memset(resp, 0, sizeof(*resp));
        resp->status = 200;
        resp->content_type = "text/html; charset=utf-8";
}

void web_response_free(web_response *resp)
{
        web_buf_free(&resp->body);
}

const char *web_first_message(const mh_diagnostics *diags, const char *fallback)
{
        const mh_error *err;

        if (diags == NULL || mh_diagnostics_count(diags) == 0 ||
            (err = mh_diagnostics_get(diags, 0)) == NULL)
                return fallback;
        return err->message;
}

const char *web_author(const web_ctx *ctx)
{
        return ctx->account != NULL ? ctx->account->login : "web";
}

static int is_change(const char *method)
{
        return strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0 ||
               strcmp(method, "DELETE") == 0 || strcmp(method, "PATCH") == 0;
}

/*
 * The Origin of a change must be this site's: its host and port those of
 * the Host header (the scheme may differ behind a TLS proxy).  Under
 * Referrer-Policy: no-referrer a browser writes "Origin: null" even for its
 * own forms and fetches: "null" is this site only when the browser also
 * says Sec-Fetch-Site: same-origin, another site otherwise (a sandboxed
 * frame, a page opened from a file).  A request without Origin is let
 * through to the CSRF check (command-line clients, scripts).
 */
static int same_origin(const web_request *req)
{
        const char *site = req->sec_fetch_site, *host;

        if (site != NULL && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0)
                return 0; /* cross-site, same-site (another subdomain) */
        if (req->origin == NULL)
                return 1;
        if (strcmp(req->origin, "null") == 0)
                return site != NULL && strcmp(site, "same-origin") == 0;
        if (strncmp(req->origin, "http://", 7) == 0)
                host = req->origin + 7;
        else if (strncmp(req->origin, "https://", 8) == 0)
                host = req->origin + 8;
        else
                return 0;
        return req->host != NULL && host[0] != '\0' && strcmp(host, req->host) == 0;
}

static int is_api(const char *path)
{
        return strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0;
}

static void refuse(web_ctx *ctx, int status, const char *message)
{
        if (is_api(ctx->req->path))
                web_api_error(ctx, status, message);
        else
                web_page_error(ctx, status, message);
}

int web_load_establishment(web_ctx *ctx, const char *campaign, const char *finess,
                           const mh_referentiel **ref, mh_establishment **est, int json)
{
        static const char not_found[] = "Établissement ou campagne introuvable.";
        mh_diagnostics *diags = NULL;
        int rc;

        *est = NULL;
        *ref = NULL;
        if (ctx->account == NULL || ctx->account->role == MH_ROLE_ADMIN ||
            mh_finess_check(finess, NULL) < 0 ||
            (*ref = web_campaign_referentiel(ctx->app, ctx->store, campaign)) == NULL) {
                json ? web_api_error(ctx, 404, not_found) : web_page_error(ctx, 404, not_found);
                return -1;
        }
        /* an rssi's scope is known before anything is read */
        if (ctx->account->role == MH_ROLE_RSSI && !mh_account_covers(ctx->account, finess, "")) {
                json ? web_api_error(ctx, 404, not_found) : web_page_error(ctx, 404, not_found);
                return -1;
        }
        if (mh_diagnostics_new(&diags) < 0) {
                json ? web_api_error(ctx, 503, "Mémoire insuffisante.")
                     : web_page_error(ctx, 503, "Mémoire insuffisante.");
                return -1;
        }
        rc = mh_store_load(est, ctx->store, *ref, campaign, finess, diags);
        if (rc == 0 && !mh_account_covers(ctx->account, finess, mh_establishment_region(*est))) {
                mh_establishment_free(*est);
                *est = NULL;
                rc = MH_ENOTFOUND;
        }
        if (rc < 0) {
                if (rc == MH_ENOTFOUND) {
                        json ? web_api_error(ctx, 404, not_found)
                             : web_page_error(ctx, 404, not_found);
                } else {
                        const char *why = web_first_message(diags, "Erreur de la base de données.");

                        json ? web_api_error(ctx, rc == MH_EBUSY ? 503 : 500, why)
                             : web_page_error(ctx, rc == MH_EBUSY ? 503 : 500, why);
                }
                mh_diagnostics_free(diags);
                return -1;
        }
        mh_diagnostics_free(diags);
        return 0;
}

const char *web_who_answers(const mh_establishment *est)
{
        return mh_category_sector(mh_establishment_category(est)) == MH_SECTOR_MEDICO_SOCIAL
                   ? "le référent cybersécurité"
                   : "le RSSI";
}

int web_change_submission(web_ctx *ctx, const char *campaign, const mh_establishment *est,
                          int submit, char *message, size_t size)
{
        mh_diagnostics *diags = NULL;
        size_t answered = 0, total = 0;
        int rc;

        if (submit ? !mh_account_writes_answers(ctx->account)
                   : ctx->account->role == MH_ROLE_RSSI) {
                if (submit)
                        snprintf(message, size,
                                 "Seul %s de l'établissement peut soumettre son questionnaire.",
                                 web_who_answers(est));
                else
                        snprintf(message, size, "%s",
                                 "Seuls l'ARS et l'équipe nationale peuvent rouvrir un "
                                 "questionnaire soumis.");
                return 403;
        }
        if ((mh_establishment_submission(est) == MH_SUBMISSION_SUBMITTED) == submit) {
                snprintf(message, size, "%s",
                         submit ? "Ce questionnaire est déjà soumis."
                                : "Ce questionnaire n'est pas soumis : il n'y a rien à rouvrir.");
                return 409;
        }
        /* the rule of `maturinh submit`: every question that concerns it answered (na is one) */
        if (submit && mh_questionnaire_progress(&answered, &total, est, NULL) == 0 &&
            answered < total) {
                snprintf(message, size,
                         "Le questionnaire est incomplet : %zu question(s) sans réponse sur %zu.",
                         total - answered, total);
                return 422;
        }
        if (mh_diagnostics_new(&diags) < 0) {
                snprintf(message, size, "Mémoire insuffisante.");
                return 503;
        }
        web_write_enter(ctx->app);
        rc = mh_store_set_submission(ctx->store, campaign, mh_establishment_finess(est),
                                     submit ? MH_SUBMISSION_SUBMITTED : MH_SUBMISSION_DRAFT,
                                     web_author(ctx), diags);
        web_write_leave(ctx->app);
        snprintf(message, size, "%s",
                 web_first_message(diags, rc < 0 ? "Le statut n'a pas pu être changé." : ""));
        mh_diagnostics_free(diags);
        if (rc < 0)
                return rc == MH_EINVALID ? 409 : rc == MH_EBUSY ? 503 : 500;
        return 200;
}

/* Splits "/a/b/c" into its segments; an empty one ("//") refuses the path, a trailing slash does
 * not. */
static size_t split(char *path, const char **segments, size_t max)
{
        size_t n = 0;
        char *p;

        if (path[0] != '/')
                return (size_t)-1;
        p = path + 1;
        if (*p == '\0')
                return 0;
        for (;;) {
                char *slash = strchr(p, '/');

                if (n == max || slash == p)
                        return (size_t)-1;
                segments[n++] = p;
                if (slash == NULL)
                        break;
                *slash = '\0';
                p = slash + 1;
                if (*p == '\0')
                        break;
        }
        return n;
}

static void find_session(web_ctx *ctx)
{
        char id[MH_TOKEN_SIZE];

        if (web_cookie_get(ctx->req->cookie, "mh_session", id, sizeof(id)) < 0 || id[0] == '\0')
                return;
        if (mh_session_resume(&ctx->session, ctx->store, id, NULL) == 0)
                ctx->account = mh_session_account(ctx->session);
}

static int csrf_ok(web_ctx *ctx)
{
        const char *token = ctx->req->csrf_header;

        if (token == NULL)
                token = web_form_get(&ctx->form, "csrf_token");
        return ctx->session != NULL && token != NULL && mh_session_csrf_valid(ctx->session, token);
}

static int is_form(const web_request *req)
{
        return req->content_type != NULL &&
               strncmp(req->content_type, "application/x-www-form-urlencoded", 33) == 0;
}

void web_handle(web_app *app, const web_request *req, web_response *resp)
{
        web_ctx ctx;
        const char *segments[SEGMENTS_MAX];
        char *path;
        size_t n;
        int handled;

        memset(&ctx, 0, sizeof(ctx));
        ctx.app = app;
        ctx.req = req;
        ctx.resp = resp;
        if (req->body_too_large) {
                refuse(&ctx, 413, "La requête est trop grande (1 Mio au plus).");
                return;
        }
        if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0 &&
            strcmp(req->method, "POST") != 0 && strcmp(req->method, "PUT") != 0) {
                resp->allow = "GET, HEAD, POST, PUT";
                refuse(&ctx, 405, "Méthode non prise en charge.");
                return;
        }
        if (strncmp(req->path, "/static/", 8) == 0) {
                const web_static_file *file = web_static_find(req->path + 8);

                if (file == NULL || is_change(req->method)) {
                        refuse(&ctx, 404, "Page introuvable.");
                        return;
                }
                resp->content_type = file->content_type;
                resp->cache_public = 1;
                web_buf_add(&resp->body, (const char *)file->data, file->length);
                return;
        }
        if ((path = strdup(req->path)) == NULL) {
                refuse(&ctx, 503, "Mémoire insuffisante.");
                return;
        }
        n = split(path, segments, SEGMENTS_MAX);
        if (n == (size_t)-1) {
                free(path);
                refuse(&ctx, 404, "Page introuvable.");
                return;
        }
        if (is_form(req) && web_form_parse(&ctx.form, req->body, req->body_length) < 0) {
                free(path);
                refuse(&ctx, 413, "Le formulaire a trop de champs.");
                return;
        }
        ctx.store = web_store_acquire(app);
        find_session(&ctx);
        if (is_change(req->method)) {
                int login = n == 1 && strcmp(segments[0], "login") == 0;

                if (!same_origin(req)) {
                        refuse(&ctx, 403, "Requête refusée : elle vient d'un autre site.");
                        goto done;
                }
                if (!login && ctx.session == NULL) {
                        refuse(&ctx, 401, "Session absente ou expirée : connectez-vous.");
                        goto done;
                }
                if (!login && !csrf_ok(&ctx)) {
                        refuse(&ctx, 403,
                               "Requête refusée : jeton anti-CSRF absent ou invalide. Rechargez "
                               "la page.");
                        goto done;
                }
        }
        if (n >= 2 && strcmp(segments[0], "api") == 0 && strcmp(segments[1], "v1") == 0)
                handled = web_api_route(&ctx, segments + 2, n - 2);
        else
                handled = web_pages_route(&ctx, segments, n);
        if (!handled)
                refuse(&ctx, 404,
                       is_api(req->path) ? "Ressource introuvable." : "Page introuvable.");
done:
        mh_session_free(ctx.session);
        web_store_release(app, ctx.store);
        web_form_free(&ctx.form);
        free(path);
}
