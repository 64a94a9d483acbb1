/*
 * pages.c: the French pages of the web questionnaire, rendered on the
 * server and working without JavaScript (docs/guide-rssi.md, "Dans le
 * navigateur"; docs/guide-ars.md).  /static/app.js, when it runs, only adds
 * to them: it saves each answer as it is given and refreshes the result.
 *
 *   /login, /logout                     the session
 *   /                                   the account's campaigns and establishments
 *   /c/C                                the establishments of the campaign in scope
 *   /c/C/e/F                            one establishment: result, domains, links
 *   /c/C/e/F/d/D                        the questions of a domain (POST: save them)
 *   /c/C/e/F/revue                      what is unanswered, and submitting
 *   /c/C/e/F/soumettre, .../rouvrir     POST: submit, reopen
 *   /c/C/e/F/rapport                    the board report (mh_report_write)
 *   /c/C/e/F/historique                 the history, with each change's author
 *
 * Everything that comes from outside (a profile, an answer, a comment, the
 * référentiel, the query) is written through web_buf_html(); every form
 * that changes something carries the session's CSRF token.
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maturinh/categories.h"
#include "maturinh/follow.h"
#include "maturinh/publication.h"
#include "maturinh/report.h"
#include "maturinh/territory.h"
#include "web_internal.h"

/* ---- The skeleton ---------------------------------------------------------------- */

/* The role as the header shows it: in French, and in words that fit a hospital as well as an
 * ESMS (an account of role rssi is the one of an establishment, whoever holds it). */
static const char *role_label(mh_role role)
{
        switch (role) {
        case MH_ROLE_RSSI:
                return "établissement";
        case MH_ROLE_ARS:
                return "ARS";
        case MH_ROLE_NATIONAL:
                return "national";
        case MH_ROLE_ADMIN:
                return "administration";
        }
        return "";
}

static void page_start(web_ctx *ctx, const char *title)
{
        web_buf *b = &ctx->resp->body;

        web_buf_free(b);
        ctx->resp->content_type = "text/html; charset=utf-8";
        web_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        "<title>");
        web_buf_html(b, title);
        web_buf_puts(b, " \xe2\x80\x94 MaturiN'H</title>\n"
                        "<link rel=\"icon\" href=\"data:,\">\n"
                        "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
                        "<script src=\"/static/app.js\" defer></script>\n");
        if (ctx->session != NULL) {
                web_buf_puts(b, "<meta name=\"csrf-token\" content=\"");
                web_buf_html(b, mh_session_csrf_token(ctx->session));
                web_buf_puts(b, "\">\n");
        }
        web_buf_puts(b, "</head>\n<body>\n<header class=\"top\">\n"
                        "<a class=\"brand\" href=\"/\">MaturiN'H</a>\n");
        if (ctx->account != NULL) {
                web_buf_puts(b, "<span class=\"who\">");
                web_buf_html(b,
                             ctx->account->name != NULL ? ctx->account->name : ctx->account->login);
                web_buf_puts(b, " (");
                web_buf_puts(b, role_label(ctx->account->role));
                web_buf_puts(b, ")</span>\n<form method=\"post\" action=\"/logout\" "
                                "class=\"logout\">");
                web_buf_puts(b, "<input type=\"hidden\" name=\"csrf_token\" value=\"");
                web_buf_html(b, mh_session_csrf_token(ctx->session));
                web_buf_puts(b, "\"><button type=\"submit\">Se déconnecter</button></form>\n");
        }
        web_buf_puts(b, "</header>\n<main>\n");
}

static void page_end(web_ctx *ctx)
{
        web_buf_puts(&ctx->resp->body, "</main>\n</body>\n</html>\n");
}

static void csrf_field(web_ctx *ctx)
{
        web_buf_puts(&ctx->resp->body, "<input type=\"hidden\" name=\"csrf_token\" value=\"");
        web_buf_html(&ctx->resp->body, mh_session_csrf_token(ctx->session));
        web_buf_puts(&ctx->resp->body, "\">");
}

static void redirect(web_ctx *ctx, const char *location)
{
        ctx->resp->status = 303;
        snprintf(ctx->resp->location, sizeof(ctx->resp->location), "%s", location);
        web_buf_free(&ctx->resp->body);
}

void web_page_error(web_ctx *ctx, int status, const char *message)
{
        ctx->resp->status = status;
        page_start(ctx, status == 404 ? "Page introuvable" : "Erreur");
        web_buf_puts(&ctx->resp->body, "<h1>");
        web_buf_puts(&ctx->resp->body, status == 404   ? "Page introuvable"
                                       : status == 403 ? "Accès refusé"
                                       : status == 401 ? "Connexion nécessaire"
                                                       : "Erreur");
        web_buf_puts(&ctx->resp->body, "</h1>\n<p class=\"error\" role=\"alert\">");
        web_buf_html(&ctx->resp->body, message);
        web_buf_puts(&ctx->resp->body, "</p>\n<p><a href=\"/\">Retour à l'accueil</a></p>\n");
        page_end(ctx);
}

/* The path of an establishment's page, "/c/C/e/F" and `tail` ("/revue"...). */
static void establishment_url(web_buf *b, const char *campaign, const char *finess,
                              const char *tail)
{
        web_buf_puts(b, "/c/");
        web_buf_url(b, campaign);
        web_buf_puts(b, "/e/");
        web_buf_url(b, finess);
        web_buf_puts(b, tail);
}

static void establishment_href(web_buf *b, const char *campaign, const char *finess,
                               const char *tail)
{
        web_buf url = {NULL, 0, 0, 0};

        establishment_url(&url, campaign, finess, tail);
        web_buf_html(b, url.data);
        web_buf_free(&url);
}

/* ---- Words for people ------------------------------------------------------------------ */

static const char *status_label(mh_submission submission)
{
        return submission == MH_SUBMISSION_SUBMITTED ? "soumis" : "en cours";
}

/* A stored answer as people read it: oui, 12,5 %, 30/06/2025, an option's label, jamais (plain
 * text). */
static void people_text(web_buf *b, const mh_indicator *ind, const char *text)
{
        size_t i;

        if (text == NULL) {
                web_buf_puts(b, "sans réponse");
                return;
        }
        if (strcmp(text, "na") == 0) {
                web_buf_puts(b, "ne s'applique pas");
                return;
        }
        if (ind == NULL) {
                web_buf_puts(b, text);
                return;
        }
        switch (mh_indicator_type_of(ind)) {
        case MH_INDICATOR_BOOLEAN:
                web_buf_puts(b, strcmp(text, "true") == 0 ? "oui" : "non");
                return;
        case MH_INDICATOR_DATE: {
                char date[32];

                if (strcmp(text, "never") == 0)
                        web_buf_puts(b, "jamais");
                else
                        web_buf_puts(
                            b, mh_date_for_people(date, sizeof(date), text) != NULL ? date : text);
                return;
        }
        case MH_INDICATOR_CHOICE:
                for (i = 0; i < mh_indicator_option_count(ind); i++)
                        if (strcmp(mh_indicator_option_value(ind, i), text) == 0) {
                                web_buf_puts(b, mh_indicator_option_label(ind, i, "fr"));
                                return;
                        }
                web_buf_puts(b, text);
                return;
        case MH_INDICATOR_PERCENT: {
                const char *dot = strchr(text, '.');

                if (dot != NULL) {
                        web_buf_add(b, text, (size_t)(dot - text));
                        web_buf_puts(b, ",");
                        web_buf_puts(b, dot + 1);
                } else {
                        web_buf_puts(b, text);
                }
                web_buf_puts(b, "\xc2\xa0%");
                return;
        }
        default:
                web_buf_puts(b, text);
        }
}

/* people_text(), escaped for the page. */
static void people_value(web_buf *b, const mh_indicator *ind, const char *text)
{
        web_buf plain = {NULL, 0, 0, 0};

        people_text(&plain, ind, text);
        web_buf_html(b, plain.data);
        web_buf_free(&plain);
}

/* A UTC time of the store (YYYY-MM-DDTHH:MM:SSZ) as "30/06/2025 14:05 UTC". */
static void people_time(web_buf *b, const char *when)
{
        if (when == NULL || strlen(when) < 16) {
                web_buf_puts(b, "\xe2\x80\x94");
                return;
        }
        web_buf_printf(b, "%.2s/%.2s/%.4s %.5s UTC", when + 8, when + 5, when, when + 11);
}

/* ---- The result panel -------------------------------------------------------------------- */

static void result_panel(web_ctx *ctx, const mh_referentiel *ref, const mh_establishment *est,
                         const mh_result *result)
{
        web_buf *b = &ctx->resp->body;
        unsigned level = mh_result_level(result), next = mh_result_next_level(ref, result);
        mh_plan *plan = NULL;
        size_t i, j, shown;

        web_buf_puts(b, "<section id=\"resultat\" class=\"result\" aria-live=\"polite\">\n"
                        "<h2>Résultat</h2>\n<dl>\n<dt>Score global</dt><dd id=\"score\">");
        web_buf_score(b, mh_result_global(result));
        web_buf_puts(b, "</dd>\n<dt>Niveau</dt><dd id=\"niveau\">");
        web_buf_printf(b, "%u", level);
        if (mh_referentiel_level_label(ref, level, "fr") != NULL) {
                web_buf_puts(b, " \xe2\x80\x94 ");
                web_buf_html(b, mh_referentiel_level_label(ref, level, "fr"));
        }
        web_buf_puts(b, "</dd>\n<dt>Complétude</dt><dd id=\"completude\">");
        web_buf_percent(b, mh_result_completeness(result));
        web_buf_printf(b, " (%zu/%zu)", mh_result_answered_count(result),
                       mh_result_applicable_count(result));
        web_buf_puts(b, "</dd>\n<dt>Mesures prioritaires</dt><dd id=\"prioritaires\">");
        web_buf_printf(b, "%zu/%zu atteintes", mh_result_priority_achieved(result),
                       mh_result_priority_total(result));
        web_buf_puts(b, "</dd>\n</dl>\n");
        if (next > 0) {
                web_buf_printf(b, "<h3>Ce qui bloque le niveau %u</h3>\n<ul id=\"bloquants\">\n",
                               next);
                for (i = 0; i < mh_referentiel_domain_count(ref); i++) {
                        const mh_domain *domain = mh_referentiel_domain(ref, i);

                        for (j = 0; j < mh_domain_criterion_count(domain); j++) {
                                const mh_criterion *crit = mh_domain_criterion(domain, j);

                                if (!mh_result_blocks_next_level(ref, result, crit))
                                        continue;
                                web_buf_puts(b, "<li>");
                                web_buf_html(b, mh_criterion_id(crit));
                                web_buf_puts(b, " ");
                                web_buf_html(b, mh_criterion_title(crit, "fr"));
                                web_buf_puts(b, " (");
                                web_buf_html(
                                    b, mh_status_label(mh_result_criterion_status(result, crit)));
                                web_buf_puts(b, ")</li>\n");
                        }
                }
                web_buf_puts(b, "</ul>\n");
                if (mh_result_next_level_capped(ref, result))
                        web_buf_puts(b, "<p class=\"note\">Une mesure prioritaire non atteinte "
                                        "plafonne le niveau.</p>\n");
        }
        if (mh_plan_new(&plan, ref, est, result) == 0) {
                web_buf_puts(b, "<h3>Plan d'action</h3>\n<ol id=\"plan\">\n");
                for (i = shown = 0; i < mh_plan_count(plan) && shown < 10; i++, shown++) {
                        const mh_criterion *crit = mh_plan_criterion(plan, i);

                        web_buf_puts(b, "<li>");
                        web_buf_html(b, mh_criterion_id(crit));
                        web_buf_puts(b, " ");
                        web_buf_html(b, mh_criterion_title(crit, "fr"));
                        if (mh_criterion_priority(crit))
                                web_buf_puts(b, " <strong>(mesure prioritaire)</strong>");
                        web_buf_puts(b, " : +");
                        web_buf_score(b, mh_plan_gain(plan, i));
                        web_buf_puts(b, " points</li>\n");
                }
                if (mh_plan_count(plan) == 0)
                        web_buf_puts(b, "<li>Tous les critères évalués sont atteints.</li>\n");
                web_buf_puts(b, "</ol>\n");
                mh_plan_free(plan);
        }
        web_buf_puts(b, "</section>\n");
}

/* ---- Login ---------------------------------------------------------------------------------- */

static void login_page(web_ctx *ctx, const char *message, const char *login)
{
        web_buf *b = &ctx->resp->body;

        page_start(ctx, "Connexion");
        web_buf_puts(b, "<h1>Connexion</h1>\n");
        if (message != NULL) {
                web_buf_puts(b, "<p class=\"error\" role=\"alert\">");
                web_buf_html(b, message);
                web_buf_puts(b, "</p>\n");
        }
        web_buf_puts(b, "<form method=\"post\" action=\"/login\" class=\"login\">\n"
                        "<label for=\"login\">Identifiant</label>\n"
                        "<input id=\"login\" name=\"login\" autocomplete=\"username\" required "
                        "value=\"");
        web_buf_html(b, login);
        web_buf_puts(b, "\">\n<label for=\"password\">Mot de passe</label>\n"
                        "<input id=\"password\" name=\"password\" type=\"password\" "
                        "autocomplete=\"current-password\" required>\n"
                        "<button type=\"submit\">Se connecter</button>\n</form>\n");
        page_end(ctx);
}

static void post_login(web_ctx *ctx)
{
        const char *login = web_form_get(&ctx->form, "login");
        const char *password = web_form_get(&ctx->form, "password");
        mh_diagnostics *diags = NULL;
        mh_session *session = NULL;
        int rc;

        if (login == NULL || password == NULL) {
                ctx->resp->status = 400;
                login_page(ctx, "Donnez votre identifiant et votre mot de passe.", login);
                return;
        }
        if (mh_diagnostics_new(&diags) < 0) {
                web_page_error(ctx, 503, "Mémoire insuffisante.");
                return;
        }
        web_login_enter(ctx->app);
        rc = mh_session_login(&session, ctx->store, login, password, diags);
        web_login_leave(ctx->app);
        if (rc == 0) {
                snprintf(ctx->resp->set_cookie, sizeof(ctx->resp->set_cookie),
                         "mh_session=%s; Path=/; HttpOnly; SameSite=Strict%s",
                         mh_session_id(session), web_app_tls(ctx->app) ? "; Secure" : "");
                mh_session_free(session);
                redirect(ctx, "/");
        } else if (rc == MH_ELOCKED) {
                ctx->resp->status = 429;
                ctx->resp->retry_after = MH_LOGIN_LOCK_SECONDS;
                login_page(ctx, web_first_message(diags, "Trop d'échecs de connexion."), login);
        } else if (rc == MH_EINVALID) {
                ctx->resp->status = 401;
                login_page(ctx, "Identifiant ou mot de passe incorrect.", login);
        } else {
                ctx->resp->status = rc == MH_EBUSY ? 503 : 500;
                login_page(ctx, web_first_message(diags, "La connexion a échoué."), login);
        }
        mh_diagnostics_free(diags);
}

static void post_logout(web_ctx *ctx)
{
        char id[MH_TOKEN_SIZE];

        if (web_cookie_get(ctx->req->cookie, "mh_session", id, sizeof(id)) == 0)
                mh_session_end(ctx->store, id, NULL);
        snprintf(ctx->resp->set_cookie, sizeof(ctx->resp->set_cookie),
                 "mh_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict%s",
                 web_app_tls(ctx->app) ? "; Secure" : "");
        redirect(ctx, "/login");
}

/* ---- Home --------------------------------------------------------------------------------------
 */

struct campaigns {
        mh_campaign_info *items;
        char **strings;
        size_t count;
};

static int keep_campaign(const mh_campaign_info *c, void *context)
{
        struct campaigns *list = context;
        mh_campaign_info *items = realloc(list->items, (list->count + 1) * sizeof(*items));
        char **strings;

        if (items == NULL)
                return MH_ENOMEM;
        list->items = items;
        strings = realloc(list->strings, (list->count + 1) * 4 * sizeof(*strings));
        if (strings == NULL)
                return MH_ENOMEM;
        list->strings = strings;
        strings += list->count * 4;
        strings[0] = strdup(c->id);
        strings[1] = strdup(c->referentiel_id);
        strings[2] = strdup(c->referentiel_version);
        strings[3] = strdup(c->reference_date);
        items[list->count].id = strings[0];
        items[list->count].referentiel_id = strings[1];
        items[list->count].referentiel_version = strings[2];
        items[list->count].reference_date = strings[3];
        list->count++;
        return strings[0] && strings[1] && strings[2] && strings[3] ? 0 : MH_ENOMEM;
}

static void free_campaigns(struct campaigns *list)
{
        size_t i;

        for (i = 0; i < list->count * 4; i++)
                free(list->strings[i]);
        free(list->strings);
        free(list->items);
}

static void home(web_ctx *ctx)
{
        web_buf *b = &ctx->resp->body;
        struct campaigns list = {NULL, NULL, 0};
        size_t i, k;

        if (ctx->account->role == MH_ROLE_ADMIN) {
                page_start(ctx, "Administration");
                web_buf_puts(b, "<h1>Administration</h1>\n<p>Ce compte gère les comptes et ne "
                                "lit aucune réponse. Les comptes se créent et se retirent avec "
                                "<code>maturinh user</code> sur le serveur.</p>\n");
                page_end(ctx);
                return;
        }
        if (mh_store_campaigns(ctx->store, keep_campaign, &list, NULL) < 0) {
                free_campaigns(&list);
                web_page_error(ctx, 503, "La base de données est indisponible.");
                return;
        }
        page_start(ctx, "Accueil");
        if (ctx->account->role == MH_ROLE_RSSI) {
                web_buf_puts(b, "<h1>Mes questionnaires</h1>\n<table class=\"list\">\n"
                                "<thead><tr><th>Campagne</th><th>FINESS</th><th>Établissement</th>"
                                "<th>Statut</th><th>Complétude</th><th>Score</th></tr></thead>\n"
                                "<tbody>\n");
                for (i = 0; i < list.count; i++) {
                        const mh_referentiel *ref =
                            web_campaign_referentiel(ctx->app, ctx->store, list.items[i].id);

                        for (k = 0; ref != NULL && k < ctx->account->n_finess; k++) {
                                mh_establishment *est = NULL;
                                mh_result *result = NULL;

                                if (mh_store_load(&est, ctx->store, ref, list.items[i].id,
                                                  ctx->account->finess[k], NULL) < 0)
                                        continue;
                                if (mh_evaluate(&result, ref, est) == 0) {
                                        web_buf_puts(b, "<tr><td>");
                                        web_buf_html(b, list.items[i].id);
                                        web_buf_puts(b, "</td><td>");
                                        web_buf_html(b, mh_establishment_finess(est));
                                        web_buf_puts(b, "</td><td><a href=\"");
                                        establishment_href(b, list.items[i].id,
                                                           mh_establishment_finess(est), "");
                                        web_buf_puts(b, "\">");
                                        web_buf_html(b, mh_establishment_name(est));
                                        web_buf_puts(b, "</a></td><td>");
                                        web_buf_puts(
                                            b, status_label(mh_establishment_submission(est)));
                                        web_buf_puts(b, "</td><td>");
                                        web_buf_percent(b, mh_result_completeness(result));
                                        web_buf_puts(b, "</td><td>");
                                        web_buf_score(b, mh_result_global(result));
                                        web_buf_puts(b, "</td></tr>\n");
                                        mh_result_free(result);
                                }
                                mh_establishment_free(est);
                        }
                }
                web_buf_puts(b, "</tbody>\n</table>\n");
        } else {
                web_buf_puts(b, "<h1>Campagnes</h1>\n<ul class=\"campaigns\">\n");
                for (i = 0; i < list.count; i++) {
                        char date[32];

                        web_buf_puts(b, "<li><a href=\"/c/");
                        web_buf_url(b, list.items[i].id);
                        web_buf_puts(b, "\">Campagne ");
                        web_buf_html(b, list.items[i].id);
                        web_buf_puts(b, "</a> \xe2\x80\x94 ");
                        web_buf_html(b, list.items[i].referentiel_id);
                        web_buf_puts(b, " ");
                        web_buf_html(b, list.items[i].referentiel_version);
                        web_buf_puts(b, ", date de référence ");
                        web_buf_html(b, mh_date_for_people(date, sizeof(date),
                                                           list.items[i].reference_date) != NULL
                                            ? date
                                            : list.items[i].reference_date);
                        web_buf_puts(b, "</li>\n");
                }
                if (list.count == 0)
                        web_buf_puts(b, "<li>Aucune campagne dans la base.</li>\n");
                web_buf_puts(b, "</ul>\n");
        }
        page_end(ctx);
        free_campaigns(&list);
}

/* ---- The establishments of a campaign (ARS, national) ---------------------------------------- */

struct row {
        char *finess, *name, *category, *region, *when;
        char *contact_name,
            *contact_email;   /* private: shown to whom sees the row, never published */
        mh_progress progress; /* not started, in progress, submitted (status) */
        size_t to_confirm;    /* answers carried over, still to confirm */
        mh_submission status;
        double completeness, score;
        unsigned level;
        size_t missing;
};

struct table {
        web_ctx *ctx;
        const mh_referentiel *ref;
        struct row *rows;
        size_t count, capacity;
        struct {
                char *finess, *when;
        } * changes;
        size_t n_changes;
        struct {
                char *finess;
                size_t count;
        } * carried; /* answers to confirm, by FINESS (mh_store_carried_counts) */
        size_t n_carried;
        int failed;
};

static int keep_carried(const char *finess, size_t count, void *context)
{
        struct table *t = context;
        void *more = realloc(t->carried, (t->n_carried + 1) * sizeof(*t->carried));

        if (more == NULL)
                return MH_ENOMEM;
        t->carried = more;
        if ((t->carried[t->n_carried].finess = strdup(finess)) == NULL)
                return MH_ENOMEM;
        t->carried[t->n_carried++].count = count;
        return 0;
}

static size_t carried_of(const struct table *t, const char *finess)
{
        size_t lo = 0, hi = t->n_carried;

        /* by FINESS, as mh_store_carried_counts() gives them */
        while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                int c = strcmp(t->carried[mid].finess, finess);

                if (c == 0)
                        return t->carried[mid].count;
                if (c < 0)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return 0;
}

static int keep_change(const mh_last_change *change, void *context)
{
        struct table *t = context;
        void *more = realloc(t->changes, (t->n_changes + 1) * sizeof(*t->changes));

        if (more == NULL)
                return MH_ENOMEM;
        t->changes = more;
        t->changes[t->n_changes].finess = strdup(change->finess);
        t->changes[t->n_changes].when = strdup(change->when);
        t->n_changes++;
        return 0;
}

static const char *change_of(const struct table *t, const char *finess)
{
        size_t lo = 0, hi = t->n_changes;

        /* by FINESS, as mh_store_last_changes() gives them */
        while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                int c =
                    t->changes[mid].finess != NULL ? strcmp(t->changes[mid].finess, finess) : -1;

                if (c == 0)
                        return t->changes[mid].when;
                if (c < 0)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return NULL;
}

static int keep_row(const mh_establishment *est, void *context)
{
        struct table *t = context;
        mh_result *result = NULL;
        struct row *row;
        const char *when;

        if (!mh_account_covers(t->ctx->account, mh_establishment_finess(est),
                               mh_establishment_region(est)))
                return 0;
        if (t->count == t->capacity) {
                size_t more = t->capacity > 0 ? t->capacity * 2 : 64;
                struct row *rows = realloc(t->rows, more * sizeof(*rows));

                if (rows == NULL)
                        return MH_ENOMEM;
                t->rows = rows;
                t->capacity = more;
        }
        if (mh_evaluate(&result, t->ref, est) < 0)
                return MH_ENOMEM;
        row = &t->rows[t->count++];
        memset(row, 0, sizeof(*row));
        row->finess = strdup(mh_establishment_finess(est));
        row->name = strdup(mh_establishment_name(est));
        row->category = strdup(mh_establishment_category(est));
        row->region = strdup(mh_establishment_region(est));
        when = change_of(t, mh_establishment_finess(est));
        row->when = when != NULL ? strdup(when) : NULL;
        row->status = mh_establishment_submission(est);
        row->completeness = mh_result_completeness(result);
        row->score = mh_result_global(result);
        row->level = mh_result_level(result);
        row->missing = mh_result_applicable_count(result) - mh_result_answered_count(result);
        mh_result_free(result);
        row->to_confirm =
            t->n_carried > 0 ? carried_of(t, row->finess != NULL ? row->finess : "") : 0;
        if (mh_establishment_contact_name(est) != NULL)
                row->contact_name = strdup(mh_establishment_contact_name(est));
        if (mh_establishment_contact_email(est) != NULL)
                row->contact_email = strdup(mh_establishment_contact_email(est));
        if (mh_chase_progress(&row->progress, t->ctx->store, est, NULL) < 0)
                row->progress =
                    MH_PROGRESS_NOT_STARTED; /* the store failed: as if nothing was saved */
        if (row->finess == NULL || row->name == NULL || row->category == NULL ||
            row->region == NULL)
                return MH_ENOMEM;
        return 0;
}

static void free_table(struct table *t)
{
        size_t i;

        for (i = 0; i < t->count; i++) {
                free(t->rows[i].finess);
                free(t->rows[i].name);
                free(t->rows[i].category);
                free(t->rows[i].contact_name);
                free(t->rows[i].contact_email);
                free(t->rows[i].region);
                free(t->rows[i].when);
        }
        for (i = 0; i < t->n_changes; i++) {
                free(t->changes[i].finess);
                free(t->changes[i].when);
        }
        for (i = 0; i < t->n_carried; i++)
                free(t->carried[i].finess);
        free(t->carried);
        free(t->changes);
        free(t->rows);
}

static int compare_double(double a, double b)
{
        if (isnan(a) || isnan(b))
                return isnan(a) - isnan(b); /* no score last */
        return a < b ? -1 : a > b;
}

static int compare_rows(const void *pa, const void *pb, const char *key)
{
        const struct row *a = pa, *b = pb;
        int c = 0;

        if (strcmp(key, "nom") == 0)
                c = strcmp(a->name, b->name);
        else if (strcmp(key, "statut") == 0)
                c = (int)a->status - (int)b->status;
        else if (strcmp(key, "completude") == 0)
                c = compare_double(a->completeness, b->completeness);
        else if (strcmp(key, "score") == 0)
                c = compare_double(a->score, b->score);
        else if (strcmp(key, "niveau") == 0)
                c = (int)a->level - (int)b->level;
        else if (strcmp(key, "modification") == 0)
                c = strcmp(a->when != NULL ? a->when : "", b->when != NULL ? b->when : "");
        return c != 0 ? c : strcmp(a->finess, b->finess);
}

/* An insertion-free merge sort: qsort has no context argument, and threads share nothing here. */
static void sort_rows(struct row *rows, size_t n, const char *key, int descending, struct row *tmp)
{
        size_t mid, i, j, k;

        if (n < 2)
                return;
        mid = n / 2;
        sort_rows(rows, mid, key, descending, tmp);
        sort_rows(rows + mid, n - mid, key, descending, tmp);
        for (i = 0, j = mid, k = 0; i < mid || j < n; k++) {
                int take_left;

                if (i == mid)
                        take_left = 0;
                else if (j == n)
                        take_left = 1;
                else {
                        int c = compare_rows(&rows[i], &rows[j], key);

                        take_left = descending ? c >= 0 : c <= 0;
                }
                tmp[k] = take_left ? rows[i++] : rows[j++];
        }
        memcpy(rows, tmp, n * sizeof(*rows));
}

static int contains_folded(const char *haystack, const char *needle)
{
        size_t n = strlen(needle), i, j;

        for (i = 0; haystack[i] != '\0'; i++) {
                for (j = 0; j < n && haystack[i + j] != '\0'; j++) {
                        char a = haystack[i + j], c = needle[j];

                        if (a >= 'A' && a <= 'Z')
                                a = (char)(a - 'A' + 'a');
                        if (c >= 'A' && c <= 'Z')
                                c = (char)(c - 'A' + 'a');
                        if (a != c)
                                break;
                }
                if (j == n)
                        return 1;
        }
        return n == 0;
}

static void sort_link(web_ctx *ctx, const char *campaign, const char *key, const char *label,
                      const char *current, int descending)
{
        web_buf *b = &ctx->resp->body;
        web_buf url = {NULL, 0, 0, 0};
        const char *q = web_form_get(ctx->req->query, "q");
        const char *status = web_form_get(ctx->req->query, "statut");
        const char *late = web_form_get(ctx->req->query, "retard");
        int active = strcmp(current, key) == 0;

        web_buf_puts(&url, "/c/");
        web_buf_url(&url, campaign);
        web_buf_puts(&url, "?tri=");
        web_buf_url(&url, key);
        web_buf_puts(&url, active && !descending ? "&ordre=desc" : "&ordre=asc");
        if (q != NULL && q[0] != '\0') {
                web_buf_puts(&url, "&q=");
                web_buf_url(&url, q);
        }
        if (status != NULL && status[0] != '\0') {
                web_buf_puts(&url, "&statut=");
                web_buf_url(&url, status);
        }
        if (late != NULL && strcmp(late, "1") == 0)
                web_buf_puts(&url, "&retard=1");
        web_buf_puts(b, "<th");
        if (active)
                web_buf_puts(b,
                             descending ? " aria-sort=\"descending\"" : " aria-sort=\"ascending\"");
        web_buf_puts(b, "><a href=\"");
        web_buf_html(b, url.data);
        web_buf_puts(b, "\">");
        web_buf_puts(b, label);
        if (active)
                web_buf_puts(b, descending ? " \xe2\x96\xbc" : " \xe2\x96\xb2");
        web_buf_puts(b, "</a></th>");
        web_buf_free(&url);
}

/* The state of the chase list (`maturinh status`), in French. */
static const char *progress_label(mh_progress progress)
{
        switch (progress) {
        case MH_PROGRESS_NOT_STARTED:
                return "non commencé";
        case MH_PROGRESS_IN_PROGRESS:
                return "en cours";
        case MH_PROGRESS_SUBMITTED:
                return "soumis";
        }
        return "";
}

/* A FINESS category as people read it: its label, the code beside it. */
static void category_cell(web_buf *b, const char *code)
{
        const char *label = mh_category_label(code);

        if (label != NULL) {
                web_buf_html(b, label);
                web_buf_puts(b, " <span class=\"code\">");
                web_buf_html(b, code);
                web_buf_puts(b, "</span>");
        } else {
                web_buf_html(b, code);
        }
}

/* The private contact under the name, for the reminders (never published). */
static void contact_cell(web_buf *b, const struct row *r)
{
        if (r->contact_name == NULL && r->contact_email == NULL)
                return;
        web_buf_puts(b, "<br><span class=\"contact\">");
        if (r->contact_name != NULL)
                web_buf_html(b, r->contact_name);
        if (r->contact_email != NULL) {
                /* checked as an address (one @, no space): a mailto: link, escaped */
                web_buf_puts(b, r->contact_name != NULL ? " \xc2\xb7 <a href=\"mailto:"
                                                        : "<a href=\"mailto:");
                web_buf_html(b, r->contact_email);
                web_buf_puts(b, "\">");
                web_buf_html(b, r->contact_email);
                web_buf_puts(b, "</a>");
        }
        web_buf_puts(b, "</span>");
}

/* The workbooks of the campaign for the ARS and national accounts (downloads.c). */
static void download_links(web_ctx *ctx, const char *campaign)
{
        static const char *const files[][2] = {
            {"relance.xlsx", "liste de relance"},
            {"scores.xlsx", "scores et profils"},
            {"classement.xlsx", "classement interne"},
            {"comparaison.xlsx", "évolution depuis la campagne précédente"},
        };
        web_buf *b = &ctx->resp->body;
        char previous[MH_CAMPAIGN_ID_MAX + 1];
        size_t i, n = sizeof(files) / sizeof(files[0]);

        if (ctx->account->role != MH_ROLE_ARS && ctx->account->role != MH_ROLE_NATIONAL)
                return;
        /* the comparison (last) only when there is a campaign before this one */
        if (mh_store_previous_campaign(previous, sizeof(previous), ctx->store, campaign, NULL) < 0)
                n--;
        web_buf_puts(b, "<p class=\"downloads\">Tableaux à télécharger (XLSX"
                        "\xc2\xa0: Excel, LibreOffice)"
                        "\xc2\xa0: ");
        for (i = 0; i < n; i++) {
                web_buf_puts(b, i > 0 ? " \xc2\xb7 <a href=\"/c/" : "<a href=\"/c/");
                web_buf_url(b, campaign);
                web_buf_puts(b, "/telecharger/");
                web_buf_puts(b, files[i][0]);
                web_buf_puts(b, "\" download>");
                web_buf_puts(b, files[i][1]);
                web_buf_puts(b, "</a>");
        }
        web_buf_puts(b, ctx->account->role == MH_ROLE_ARS ? " (votre région)</p>\n" : "</p>\n");
}

static void campaign_page(web_ctx *ctx, const char *campaign)
{
        static const char *const keys[] = {"finess", "nom",    "statut",      "completude",
                                           "score",  "niveau", "modification"};
        web_buf *b = &ctx->resp->body;
        const mh_referentiel *ref;
        struct table t;
        const char *key = web_form_get(ctx->req->query, "tri");
        const char *order = web_form_get(ctx->req->query, "ordre");
        const char *q = web_form_get(ctx->req->query, "q");
        const char *status = web_form_get(ctx->req->query, "statut");
        const char *late = web_form_get(ctx->req->query, "retard");
        int descending = order != NULL && strcmp(order, "desc") == 0, only_late, rc = 0;
        size_t i, shown = 0, n_late = 0, n_submitted = 0;
        struct row *tmp;

        if (ctx->account->role == MH_ROLE_ADMIN ||
            (ref = web_campaign_referentiel(ctx->app, ctx->store, campaign)) == NULL) {
                web_page_error(ctx, 404, "Campagne introuvable.");
                return;
        }
        for (i = 0; key != NULL && i < sizeof(keys) / sizeof(keys[0]); i++)
                if (strcmp(key, keys[i]) == 0)
                        break;
        if (key == NULL || i == sizeof(keys) / sizeof(keys[0]))
                key = "finess";
        only_late = late != NULL && strcmp(late, "1") == 0;
        memset(&t, 0, sizeof(t));
        t.ctx = ctx;
        t.ref = ref;
        rc = mh_store_last_changes(ctx->store, campaign, keep_change, &t, NULL);
        if (rc == 0)
                rc = mh_store_carried_counts(ctx->store, campaign, keep_carried, &t, NULL);
        if (rc == 0 && ctx->account->role == MH_ROLE_RSSI) {
                for (i = 0; rc == 0 && i < ctx->account->n_finess; i++) {
                        mh_establishment *est = NULL;

                        if (mh_store_load(&est, ctx->store, ref, campaign, ctx->account->finess[i],
                                          NULL) == 0)
                                rc = keep_row(est, &t);
                        mh_establishment_free(est);
                }
        } else if (rc == 0) {
                rc = mh_store_each(ctx->store, ref, campaign, keep_row, &t, NULL);
        }
        tmp = rc == 0 ? malloc((t.count + 1) * sizeof(*tmp)) : NULL;
        if (rc < 0 || tmp == NULL) {
                free_table(&t);
                web_page_error(ctx, 503, "La base de données est indisponible.");
                return;
        }
        sort_rows(t.rows, t.count, key, descending, tmp);
        free(tmp);
        for (i = 0; i < t.count; i++) {
                if (t.rows[i].status == MH_SUBMISSION_SUBMITTED)
                        n_submitted++;
                if (t.rows[i].status != MH_SUBMISSION_SUBMITTED || t.rows[i].missing > 0)
                        n_late++;
        }
        page_start(ctx, "Établissements");
        web_buf_puts(b, "<h1>Campagne ");
        web_buf_html(b, campaign);
        web_buf_puts(b, "</h1>\n<p class=\"summary\">");
        web_buf_printf(b,
                       "%zu établissement%s, %zu soumis, %zu en retard (non soumis ou "
                       "incomplets).",
                       t.count, t.count > 1 ? "s" : "", n_submitted, n_late);
        web_buf_puts(b, "</p>\n<form method=\"get\" class=\"filters\">\n"
                        "<label for=\"q\">Nom ou FINESS</label> <input id=\"q\" name=\"q\" "
                        "value=\"");
        web_buf_html(b, q);
        web_buf_puts(b, "\">\n<label for=\"statut\">Statut</label> <select id=\"statut\" "
                        "name=\"statut\">");
        web_buf_printf(b,
                       "<option value=\"\">tous</option><option value=\"draft\"%s>en "
                       "cours</option><option value=\"submitted\"%s>soumis</option>",
                       status != NULL && strcmp(status, "draft") == 0 ? " selected" : "",
                       status != NULL && strcmp(status, "submitted") == 0 ? " selected" : "");
        web_buf_printf(b,
                       "</select>\n<label><input type=\"checkbox\" name=\"retard\" "
                       "value=\"1\"%s> en retard seulement</label>\n",
                       only_late ? " checked" : "");
        web_buf_puts(b, "<input type=\"hidden\" name=\"tri\" value=\"");
        web_buf_html(b, key);
        web_buf_puts(b, "\"><button type=\"submit\">Filtrer</button>\n</form>\n");
        download_links(ctx, campaign);
        web_buf_puts(b, "<p><a href=\"/c/");
        web_buf_url(b, campaign);
        web_buf_puts(b, "?retard=1&amp;tri=completude\">Liste des établissements à relancer</a>"
                        "</p>\n<table class=\"list sortable\" id=\"etablissements\">\n<thead><tr>");
        sort_link(ctx, campaign, "finess", "FINESS", key, descending);
        sort_link(ctx, campaign, "nom", "Établissement", key, descending);
        web_buf_puts(b, "<th>Catégorie</th><th>Région</th>");
        sort_link(ctx, campaign, "statut", "Statut", key, descending);
        sort_link(ctx, campaign, "completude", "Complétude", key, descending);
        sort_link(ctx, campaign, "score", "Score", key, descending);
        sort_link(ctx, campaign, "niveau", "Niveau", key, descending);
        sort_link(ctx, campaign, "modification", "Dernière modification", key, descending);
        web_buf_puts(b, "</tr></thead>\n<tbody>\n");
        for (i = 0; i < t.count; i++) {
                const struct row *r = &t.rows[i];

                if (q != NULL && q[0] != '\0' && !contains_folded(r->name, q) &&
                    !contains_folded(r->finess, q))
                        continue;
                if (status != NULL && status[0] != '\0' &&
                    strcmp(status, mh_submission_name(r->status)) != 0)
                        continue;
                if (only_late && r->status == MH_SUBMISSION_SUBMITTED && r->missing == 0)
                        continue;
                shown++;
                web_buf_puts(b, "<tr><td>");
                web_buf_html(b, r->finess);
                web_buf_puts(b, "</td><td><a href=\"");
                establishment_href(b, campaign, r->finess, "");
                web_buf_puts(b, "\">");
                web_buf_html(b, r->name);
                web_buf_puts(b, "</a>");
                contact_cell(b, r);
                web_buf_puts(b, "</td><td>");
                category_cell(b, r->category);
                web_buf_puts(b, "</td><td>");
                web_buf_html(b, mh_region_name(r->region) != NULL ? mh_region_name(r->region)
                                                                  : r->region);
                web_buf_puts(b, "</td><td>");
                web_buf_puts(b, progress_label(r->progress));
                if (r->to_confirm > 0)
                        web_buf_printf(b, " <span class=\"carried\">(%zu à confirmer)</span>",
                                       r->to_confirm);
                web_buf_puts(b, "</td><td>");
                web_buf_percent(b, r->completeness);
                if (r->missing > 0)
                        web_buf_printf(b, " (%zu manquante%s)", r->missing,
                                       r->missing > 1 ? "s" : "");
                web_buf_puts(b, "</td><td>");
                web_buf_score(b, r->score);
                web_buf_printf(b, "</td><td>%u</td><td>", r->level);
                people_time(b, r->when);
                web_buf_puts(b, "</td></tr>\n");
        }
        if (shown == 0)
                web_buf_puts(b, "<tr><td colspan=\"9\">Aucun établissement ne correspond.</td>"
                                "</tr>\n");
        web_buf_puts(b, "</tbody>\n</table>\n");
        page_end(ctx);
        free_table(&t);
}

/* ---- One establishment --------------------------------------------------------------------------
 */

static int read_only(const web_ctx *ctx, const mh_establishment *est)
{
        return !mh_account_writes_answers(ctx->account) ||
               mh_establishment_submission(est) == MH_SUBMISSION_SUBMITTED;
}

static void profile_header(web_ctx *ctx, const char *campaign, const mh_establishment *est)
{
        web_buf *b = &ctx->resp->body;

        web_buf_puts(b, "<nav class=\"crumbs\"><a href=\"/\">Accueil</a> \xe2\x80\xba ");
        if (ctx->account->role != MH_ROLE_RSSI) {
                web_buf_puts(b, "<a href=\"/c/");
                web_buf_url(b, campaign);
                web_buf_puts(b, "\">Campagne ");
                web_buf_html(b, campaign);
                web_buf_puts(b, "</a> \xe2\x80\xba ");
        }
        web_buf_puts(b, "<a href=\"");
        establishment_href(b, campaign, mh_establishment_finess(est), "");
        web_buf_puts(b, "\">");
        web_buf_html(b, mh_establishment_name(est));
        web_buf_puts(b, "</a></nav>\n<h1>");
        web_buf_html(b, mh_establishment_name(est));
        web_buf_puts(b, "</h1>\n<p class=\"profile\">FINESS ");
        web_buf_html(b, mh_establishment_finess(est));
        web_buf_puts(b, " \xc2\xb7 campagne ");
        web_buf_html(b, campaign);
        web_buf_puts(b, " \xc2\xb7 catégorie ");
        category_cell(b, mh_establishment_category(est));
        web_buf_puts(b, " \xc2\xb7 région ");
        web_buf_html(b, mh_region_name(mh_establishment_region(est)) != NULL
                            ? mh_region_name(mh_establishment_region(est))
                            : mh_establishment_region(est));
        web_buf_puts(b, " \xc2\xb7 <span class=\"status\">");
        web_buf_puts(b, mh_establishment_submission(est) == MH_SUBMISSION_SUBMITTED
                            ? "questionnaire soumis"
                            : "questionnaire en cours");
        web_buf_puts(b, "</span></p>\n");
        if (mh_establishment_submission(est) == MH_SUBMISSION_SUBMITTED)
                web_buf_puts(b, "<p class=\"notice\" id=\"lecture-seule\">Ce questionnaire est "
                                "soumis : il est en lecture seule. L'ARS peut le rouvrir.</p>\n");
        else if (!mh_account_writes_answers(ctx->account)) {
                web_buf_puts(b, "<p class=\"notice\" id=\"lecture-seule\">Lecture seule : seul ");
                web_buf_puts(b, web_who_answers(est));
                web_buf_puts(b, " de l'établissement modifie ses réponses.</p>\n");
        }
}

/* context: the carried answers of the questions an establishment is asked, counted */
struct carried_count {
        const mh_referentiel *ref;
        const mh_establishment *est;
        size_t n;
};

static int count_one(const mh_carried_answer *answer, void *context)
{
        struct carried_count *c = context;
        const mh_indicator *ind = mh_referentiel_find_indicator(c->ref, answer->indicator);

        c->n += ind != NULL && mh_establishment_concerned_by(c->est, ind);
        return 0;
}

static void overview(web_ctx *ctx, const char *campaign, const char *finess)
{
        web_buf *b = &ctx->resp->body;
        const mh_referentiel *ref;
        mh_establishment *est;
        mh_result *result = NULL;
        const char *saved = web_form_get(ctx->req->query, "ok");
        size_t i;

        if (web_load_establishment(ctx, campaign, finess, &ref, &est, 0) < 0)
                return;
        if (mh_evaluate(&result, ref, est) < 0) {
                mh_establishment_free(est);
                web_page_error(ctx, 503, "Mémoire insuffisante.");
                return;
        }
        page_start(ctx, mh_establishment_name(est));
        profile_header(ctx, campaign, est);
        if (saved != NULL && strcmp(saved, "soumis") == 0)
                web_buf_puts(b, "<p class=\"ok\" role=\"status\">Questionnaire soumis. Merci "
                                "!</p>\n");
        else if (saved != NULL && strcmp(saved, "rouvert") == 0) {
                web_buf_puts(b, "<p class=\"ok\" role=\"status\">Questionnaire rouvert : ");
                web_buf_puts(b, web_who_answers(est));
                web_buf_puts(b, " peut de nouveau le modifier.</p>\n");
        }
        {
                struct carried_count count = {ref, est, 0};
                size_t carried;

                if (mh_store_carried(ctx->store, campaign, finess, count_one, &count, NULL) == 0 &&
                    (carried = count.n) > 0)
                        web_buf_printf(b,
                                       "<p class=\"carried\" id=\"a-confirmer\">%zu réponse%s "
                                       "reprise%s de la campagne précédente %s à confirmer : "
                                       "chacune est montrée à côté de sa question, avec son "
                                       "bouton Confirmer. Elles ne comptent pas tant qu'elles "
                                       "ne sont pas confirmées.</p>\n",
                                       carried, carried > 1 ? "s" : "", carried > 1 ? "s" : "",
                                       carried > 1 ? "sont" : "est");
        }
        web_buf_puts(b, "<div class=\"columns\">\n<section class=\"domains\">\n<h2>Domaines</h2>\n"
                        "<table class=\"list\"><thead><tr><th>Domaine</th><th>Réponses</th>"
                        "<th>Score</th></tr></thead><tbody>\n");
        for (i = 0; i < mh_referentiel_domain_count(ref); i++) {
                const mh_domain *domain = mh_referentiel_domain(ref, i);
                size_t answered = 0, total = 0;
                web_buf tail = {NULL, 0, 0, 0};

                mh_questionnaire_progress(&answered, &total, est, domain);
                if (total == 0)
                        continue;
                web_buf_puts(&tail, "/d/");
                web_buf_url(&tail, mh_domain_id(domain));
                web_buf_puts(b, "<tr><td><a href=\"");
                establishment_href(b, campaign, finess, tail.data);
                web_buf_puts(b, "\">");
                web_buf_html(b, mh_domain_id(domain));
                web_buf_puts(b, " \xe2\x80\x94 ");
                web_buf_html(b, mh_domain_title(domain, "fr"));
                web_buf_printf(b,
                               "</a></td><td><progress max=\"%zu\" value=\"%zu\"></progress> "
                               "%zu/%zu</td><td>",
                               total, answered, answered, total);
                web_buf_score(b, mh_result_domain_score(result, domain));
                web_buf_puts(b, "</td></tr>\n");
                web_buf_free(&tail);
        }
        web_buf_puts(b, "</tbody></table>\n<ul class=\"actions\">\n<li><a href=\"");
        establishment_href(b, campaign, finess, "/revue");
        web_buf_puts(b, read_only(ctx, est) ? "\">Revue des réponses</a></li>\n"
                                            : "\">Revue et soumission</a></li>\n");
        web_buf_puts(b, "<li><a href=\"");
        establishment_href(b, campaign, finess, "/rapport");
        web_buf_puts(b, "\">Rapport pour la direction (imprimable)</a></li>\n<li><a href=\"");
        establishment_href(b, campaign, finess, "/historique");
        web_buf_puts(b, "\">Historique des modifications</a></li>\n</ul>\n");
        if (ctx->account->role != MH_ROLE_RSSI &&
            mh_establishment_submission(est) == MH_SUBMISSION_SUBMITTED) {
                web_buf_puts(b, "<form method=\"post\" action=\"");
                establishment_href(b, campaign, finess, "/rouvrir");
                web_buf_puts(b, "\">");
                csrf_field(ctx);
                web_buf_puts(b, "<button type=\"submit\">Rouvrir le questionnaire</button>"
                                "</form>\n");
        }
        web_buf_puts(b, "</section>\n");
        result_panel(ctx, ref, est, result);
        web_buf_puts(b, "</div>\n");
        page_end(ctx);
        mh_result_free(result);
        mh_establishment_free(est);
}

/* ---- A domain's questions
 * -------------------------------------------------------------------------- */

/* What a field of the page said, kept when the page is shown again after a refusal. */
struct field_state {
        const char *typed;   /* the value as typed (NULL: the stored one) */
        const char *comment; /* the comment as typed (NULL: the stored one) */
        const char *error;   /* the message next to the field, or NULL */
        long long version;   /* the version the next save gives */
        char *owned_error;
        char *owned_typed;
        /* an answer carried over from an earlier campaign, to confirm (NULL: none) */
        char *carried_value, *carried_comment, *carried_from;
};

static void radio(web_buf *b, const char *name, const char *value, const char *label, int checked,
                  int disabled)
{
        web_buf_puts(b, "<label class=\"choice\"><input type=\"radio\" name=\"");
        web_buf_html(b, name);
        web_buf_puts(b, "\" value=\"");
        web_buf_html(b, value);
        web_buf_puts(b, "\"");
        if (checked)
                web_buf_puts(b, " checked");
        if (disabled)
                web_buf_puts(b, " disabled");
        web_buf_puts(b, "> ");
        web_buf_html(b, label);
        web_buf_puts(b, "</label>\n");
}

static void checkbox(web_buf *b, const char *prefix, const char *id, const char *label, int checked,
                     int disabled)
{
        web_buf_puts(b, "<label class=\"choice\"><input type=\"checkbox\" value=\"1\" name=\"");
        web_buf_html(b, prefix);
        web_buf_html(b, id);
        web_buf_puts(b, "\"");
        if (checked)
                web_buf_puts(b, " checked");
        if (disabled)
                web_buf_puts(b, " disabled");
        web_buf_puts(b, "> ");
        web_buf_html(b, label);
        web_buf_puts(b, "</label>\n");
}

/* The stored answer as it goes into an input: 12,5 for a percent, the date, an option's value. */
static void input_value(web_buf *b, const mh_indicator *ind, const char *text)
{
        if (text == NULL || strcmp(text, "na") == 0 || strcmp(text, "never") == 0)
                return;
        if (mh_indicator_type_of(ind) == MH_INDICATOR_PERCENT && strchr(text, '.') != NULL) {
                const char *dot = strchr(text, '.');

                web_buf_add(b, text, (size_t)(dot - text));
                web_buf_puts(b, ",");
                web_buf_html(b, dot + 1);
                return;
        }
        web_buf_html(b, text);
}

static void question(web_ctx *ctx, const mh_establishment *est, const mh_indicator *ind,
                     const struct field_state *state, int disabled)
{
        web_buf *b = &ctx->resp->body;
        const char *id = mh_indicator_id(ind);
        const char *stored = mh_establishment_answer_text(est, ind);
        const char *shown = state->typed != NULL ? state->typed : stored;
        const char *comment =
            state->comment != NULL ? state->comment : mh_establishment_comment(est, ind);
        const char *help = mh_indicator_help(ind, "fr");
        const mh_criterion *crit = mh_indicator_criterion(ind);
        mh_indicator_type type = mh_indicator_type_of(ind);
        int na = mh_indicator_na_allowed(ind);
        char *allowed = NULL;
        size_t allowed_size = 0, i;
        FILE *stream;
        web_buf name = {NULL, 0, 0, 0};

        web_buf_puts(&name, "v_");
        web_buf_puts(&name, id);
        web_buf_puts(b, "<fieldset class=\"question");
        if (state->error != NULL)
                web_buf_puts(b, " invalid");
        web_buf_puts(b, "\" id=\"q-");
        web_buf_html(b, id);
        web_buf_puts(b, "\" data-indicator=\"");
        web_buf_html(b, id);
        web_buf_puts(b, "\" data-type=\"");
        web_buf_html(b, mh_indicator_type_name(type));
        web_buf_puts(b, "\">\n<legend><span class=\"id\">");
        web_buf_html(b, id);
        web_buf_puts(b, "</span> ");
        web_buf_html(b, mh_indicator_question(ind, "fr"));
        /* a text is asked, not scored: it counts for no mesure prioritaire */
        if (mh_criterion_priority(crit) && mh_indicator_type_of(ind) != MH_INDICATOR_TEXT)
                web_buf_puts(b, " <span class=\"priority\">mesure prioritaire</span>");
        web_buf_puts(b, "</legend>\n");
        /* a choice's options are the radio buttons below, in words: their values would only
         * repeat them in the file's vocabulary */
        if (mh_indicator_type_of(ind) != MH_INDICATOR_CHOICE &&
            (stream = open_memstream(&allowed, &allowed_size)) != NULL) {
                mh_indicator_allowed_write(ind, est, stream, NULL);
                fclose(stream);
                web_buf_puts(b, "<p class=\"allowed\">Réponse attendue : ");
                web_buf_html(b, allowed);
                web_buf_puts(b, "</p>\n");
                free(allowed);
        }
        if (help != NULL && help[0] != '\0') {
                web_buf_puts(b, "<details class=\"help\"><summary>Aide</summary><p>");
                web_buf_html(b, help);
                web_buf_puts(b, "</p></details>\n");
        }
        if (stored == NULL && state->carried_value != NULL) {
                /* beside an empty field: it counts for nothing until confirmed */
                web_buf_puts(b, "<p class=\"carried\" id=\"r-");
                web_buf_html(b, id);
                web_buf_puts(b, "\"><span class=\"carried-label\">Reprise de ");
                web_buf_html(b, state->carried_from);
                web_buf_puts(b, " \xe2\x80\x94 à confirmer</span> : <strong>");
                people_text(b, ind, state->carried_value);
                web_buf_puts(b, "</strong>");
                if (state->carried_comment != NULL) {
                        web_buf_puts(b, " <span class=\"carried-comment\">(commentaire : ");
                        web_buf_html(b, state->carried_comment);
                        web_buf_puts(b, ")</span>");
                }
                if (!disabled) {
                        web_buf_puts(b, " <button type=\"submit\" class=\"confirm\" "
                                        "name=\"indicateur\" value=\"");
                        web_buf_html(b, id);
                        web_buf_puts(b, "\" formaction=\"");
                        establishment_href(b, mh_establishment_campaign(est),
                                           mh_establishment_finess(est), "/confirmer");
                        web_buf_puts(b, "\">Confirmer</button>");
                }
                web_buf_puts(b, "</p>\n");
        }
        web_buf_puts(b, "<div class=\"answer\">\n");
        switch (type) {
        case MH_INDICATOR_BOOLEAN:
                radio(b, name.data, "oui", "oui", shown != NULL && strcmp(shown, "true") == 0,
                      disabled);
                radio(b, name.data, "non", "non", shown != NULL && strcmp(shown, "false") == 0,
                      disabled);
                break;
        case MH_INDICATOR_CHOICE:
                for (i = 0; i < mh_indicator_option_count(ind); i++)
                        radio(b, name.data, mh_indicator_option_value(ind, i),
                              mh_indicator_option_label(ind, i, "fr"),
                              shown != NULL &&
                                  strcmp(shown, mh_indicator_option_value(ind, i)) == 0,
                              disabled);
                break;
        case MH_INDICATOR_TEXT:
                web_buf_puts(b, "<textarea name=\"");
                web_buf_html(b, name.data);
                web_buf_puts(b, "\" id=\"");
                web_buf_html(b, name.data);
                web_buf_puts(b, "\" rows=\"3\" aria-label=\"Réponse\"");
                if (disabled)
                        web_buf_puts(b, " disabled");
                web_buf_puts(b, ">");
                web_buf_html(b, shown);
                web_buf_puts(b, "</textarea>\n");
                break;
        case MH_INDICATOR_DATE:
                web_buf_puts(b, "<input type=\"date\" name=\"");
                web_buf_html(b, name.data);
                web_buf_puts(b, "\" id=\"");
                web_buf_html(b, name.data);
                web_buf_puts(b, "\" aria-label=\"Date\" value=\"");
                input_value(b, ind, shown);
                web_buf_puts(b, "\"");
                if (disabled)
                        web_buf_puts(b, " disabled");
                web_buf_puts(b, ">\n");
                checkbox(b, "j_", id, "jamais", shown != NULL && strcmp(shown, "never") == 0,
                         disabled);
                break;
        default: /* percent, integer */
                web_buf_puts(b, "<input type=\"text\" name=\"");
                web_buf_html(b, name.data);
                web_buf_puts(b, "\" id=\"");
                web_buf_html(b, name.data);
                web_buf_puts(
                    b,
                    type == MH_INDICATOR_PERCENT
                        ? "\" inputmode=\"decimal\" size=\"8\" aria-label=\"Pourcentage\" value=\""
                        : "\" inputmode=\"numeric\" size=\"8\" aria-label=\"Nombre\" value=\"");
                input_value(b, ind, shown);
                web_buf_puts(b, "\"");
                if (disabled)
                        web_buf_puts(b, " disabled");
                web_buf_puts(b, type == MH_INDICATOR_PERCENT ? "> <span class=\"unit\">%</span>\n"
                                                             : ">\n");
                break;
        }
        if (type == MH_INDICATOR_BOOLEAN || type == MH_INDICATOR_CHOICE) {
                /* one group of radio buttons: na and "no answer" are two more of them */
                if (na)
                        radio(b, name.data, "na", "ne s'applique pas",
                              shown != NULL && strcmp(shown, "na") == 0, disabled);
                radio(b, name.data, "", "sans réponse", shown == NULL, disabled);
        } else if (na) {
                checkbox(b, "na_", id, "ne s'applique pas",
                         shown != NULL && strcmp(shown, "na") == 0, disabled);
        }
        /* a refused answer's message looks as app.js shows it (.message.error) */
        web_buf_puts(b, state->error != NULL ? "</div>\n<p class=\"message error\" id=\"m-"
                                             : "</div>\n<p class=\"message\" id=\"m-");
        web_buf_html(b, id);
        web_buf_puts(b, "\" role=\"alert\">");
        web_buf_html(b, state->error);
        web_buf_puts(b, "</p>\n<label class=\"comment\">Commentaire <textarea name=\"c_");
        web_buf_html(b, id);
        web_buf_puts(b, "\" rows=\"2\"");
        if (disabled)
                web_buf_puts(b, " disabled");
        web_buf_puts(b, ">");
        web_buf_html(b, comment);
        web_buf_puts(b, "</textarea></label>\n<input type=\"hidden\" name=\"o_");
        web_buf_html(b, id);
        web_buf_puts(b, "\" value=\"");
        web_buf_html(b, stored); /* what is stored now: a save from this page changes it */
        web_buf_puts(b, "\">\n<input type=\"hidden\" name=\"oc_");
        web_buf_html(b, id);
        web_buf_puts(b, "\" value=\"");
        web_buf_html(b, mh_establishment_comment(est, ind));
        web_buf_puts(b, "\">\n<input type=\"hidden\" name=\"ver_");
        web_buf_html(b, id);
        web_buf_printf(b, "\" value=\"%lld\">\n</fieldset>\n", state->version);
        web_buf_free(&name);
}

struct version_list {
        const mh_referentiel *ref;
        long long *versions; /* by indicator index */
};

static int keep_version(const char *indicator, long long version, void *context)
{
        struct version_list *list = context;
        const mh_indicator *ind = mh_referentiel_find_indicator(list->ref, indicator);

        if (ind != NULL)
                list->versions[mh_indicator_index(ind)] = version;
        return 0;
}

static const mh_domain *next_domain(const mh_referentiel *ref, const mh_establishment *est,
                                    const mh_domain *domain)
{
        size_t i, found = (size_t)-1;

        for (i = 0; i < mh_referentiel_domain_count(ref); i++) {
                const mh_domain *d = mh_referentiel_domain(ref, i);
                size_t answered, total;

                if (d == domain) {
                        found = i;
                        continue;
                }
                mh_questionnaire_progress(&answered, &total, est, d);
                if (found != (size_t)-1 && total > 0)
                        return d;
        }
        return NULL;
}

/* What the fields of indicator `ind` ask to store: 0 with *text (NULL: clear) or -1 when absent. */
static int typed_answer(const web_fields *form, const mh_indicator *ind, char *out, size_t size,
                        const char **text, const char **typed)
{
        char name[160];
        const char *value;

        snprintf(name, sizeof(name), "v_%s", mh_indicator_id(ind));
        value = web_form_get(form, name);
        *typed = value;
        *text = NULL;
        if (value == NULL) {
                /* a radio group with nothing chosen sends nothing: nothing to change */
                return -1;
        }
        snprintf(name, sizeof(name), "na_%s", mh_indicator_id(ind));
        if (web_form_get(form, name) != NULL) {
                *text = "na";
                return 0;
        }
        snprintf(name, sizeof(name), "j_%s", mh_indicator_id(ind));
        if (web_form_get(form, name) != NULL) {
                *text = "never";
                return 0;
        }
        while (*value == ' ')
                value++;
        if (value[0] == '\0')
                return 0;
        if (mh_indicator_input_normalize(ind, value, out, size) == 0)
                *text = out;
        else
                *text = value; /* the check says what is wrong with it */
        return 0;
}

static int same_text(const char *a, const char *b)
{
        if (a == NULL || b == NULL)
                return a == b;
        return strcmp(a, b) == 0;
}

/* context: the field states of a domain page, by indicator index */
struct carried_states {
        const mh_referentiel *ref;
        struct field_state *states;
};

static int keep_carried_state(const mh_carried_answer *a, void *context)
{
        struct carried_states *c = context;
        const mh_indicator *ind = mh_referentiel_find_indicator(c->ref, a->indicator);
        struct field_state *st;

        if (ind == NULL)
                return 0;
        st = &c->states[mh_indicator_index(ind)];
        st->carried_value = strdup(a->value);
        st->carried_from = strdup(a->from_campaign);
        st->carried_comment = a->comment != NULL ? strdup(a->comment) : NULL;
        if (st->carried_value == NULL || st->carried_from == NULL) {
                free(st->carried_value);
                free(st->carried_from);
                free(st->carried_comment);
                st->carried_value = st->carried_from = st->carried_comment = NULL;
        }
        return 0;
}

static void free_states(struct field_state *states, size_t n)
{
        for (size_t i = 0; states != NULL && i < n; i++) {
                free(states[i].owned_error);
                free(states[i].owned_typed);
                free(states[i].carried_value);
                free(states[i].carried_comment);
                free(states[i].carried_from);
        }
        free(states);
}

static void domain_page(web_ctx *ctx, const char *campaign, const char *finess,
                        const char *domain_id, int post)
{
        web_buf *b = &ctx->resp->body;
        const mh_referentiel *ref;
        mh_establishment *est;
        const mh_domain *domain, *next;
        struct field_state *states;
        struct version_list versions;
        struct carried_states carried_states;
        size_t i, j, k, n_ind, errors = 0;
        int disabled;

        if (web_load_establishment(ctx, campaign, finess, &ref, &est, 0) < 0)
                return;
        domain = mh_referentiel_find_domain(ref, domain_id);
        if (domain == NULL) {
                mh_establishment_free(est);
                web_page_error(ctx, 404, "Domaine inconnu dans le référentiel de la campagne.");
                return;
        }
        n_ind = mh_referentiel_indicator_count(ref);
        states = calloc(n_ind + 1, sizeof(*states));
        versions.ref = ref;
        versions.versions = calloc(n_ind + 1, sizeof(long long));
        if (states == NULL || versions.versions == NULL ||
            mh_store_answer_versions(ctx->store, campaign, finess, keep_version, &versions, NULL) <
                0) {
                free_states(states, n_ind);
                free(versions.versions);
                mh_establishment_free(est);
                web_page_error(ctx, 503, "La base de données est indisponible.");
                return;
        }
        for (i = 0; i < n_ind; i++)
                states[i].version = versions.versions[i];
        carried_states.ref = ref;
        carried_states.states = states;
        (void)mh_store_carried(ctx->store, campaign, finess, keep_carried_state, &carried_states,
                               NULL);
        disabled = read_only(ctx, est);
        if (post && disabled) {
                free_states(states, n_ind);
                free(versions.versions);
                mh_establishment_free(est);
                web_page_error(ctx, 403,
                               mh_account_writes_answers(ctx->account)
                                   ? "Ce questionnaire est soumis : il est en lecture seule."
                                   : "Ce compte peut lire les réponses, pas les modifier.");
                return;
        }
        if (post) {
                /* each answer is saved on its own, with the version the page showed */
                for (j = 0; j < mh_domain_criterion_count(domain); j++) {
                        const mh_criterion *crit = mh_domain_criterion(domain, j);

                        for (k = 0; k < mh_criterion_indicator_count(crit); k++) {
                                const mh_indicator *ind = mh_criterion_indicator(crit, k);
                                struct field_state *st = &states[mh_indicator_index(ind)];
                                char buf[512], name[160], normalized[256];
                                const char *text, *typed, *comment, *version, *shown,
                                    *shown_comment;
                                long long expected = -1, now = 0;
                                int has_value;
                                mh_diagnostics *diags = NULL;
                                int rc;

                                if (!mh_establishment_concerned_by(est, ind))
                                        continue;
                                has_value = typed_answer(&ctx->form, ind, normalized,
                                                         sizeof(normalized), &text, &typed) == 0;
                                snprintf(name, sizeof(name), "c_%s", mh_indicator_id(ind));
                                comment = web_form_get(&ctx->form, name);
                                snprintf(name, sizeof(name), "ver_%s", mh_indicator_id(ind));
                                version = web_form_get(&ctx->form, name);
                                if (version != NULL &&
                                    strspn(version, "0123456789") == strlen(version) &&
                                    version[0] != '\0' && strlen(version) < 18)
                                        expected = strtoll(version, NULL, 10);
                                /*
                                 * What the page showed (o_, oc_) tells what this person
                                 * changed: a field left as it was is not saved, even when
                                 * someone else changed it meanwhile.
                                 */
                                snprintf(name, sizeof(name), "o_%s", mh_indicator_id(ind));
                                shown = web_form_get(&ctx->form, name);
                                snprintf(name, sizeof(name), "oc_%s", mh_indicator_id(ind));
                                shown_comment = web_form_get(&ctx->form, name);
                                if (shown != NULL && shown[0] == '\0')
                                        shown = NULL;
                                if (!has_value)
                                        text = shown;
                                if (comment != NULL && shown_comment != NULL &&
                                    strcmp(comment, shown_comment) == 0)
                                        comment = NULL; /* not changed here */
                                if (same_text(text, shown) && comment == NULL)
                                        continue;
                                if (mh_diagnostics_new(&diags) < 0)
                                        break;
                                web_write_enter(ctx->app);
                                rc = mh_store_put_answer(ctx->store, ref, campaign, finess,
                                                         mh_indicator_id(ind), text, comment,
                                                         expected, web_author(ctx), &now, diags);
                                web_write_leave(ctx->app);
                                if (rc == 0) {
                                        st->version = now;
                                } else {
                                        errors++;
                                        /* kept past this loop: `normalized` is not */
                                        st->owned_typed =
                                            has_value && text != NULL ? strdup(text) : NULL;
                                        st->typed = st->owned_typed;
                                        st->comment = comment;
                                        if (rc == MH_ECONFLICT) {
                                                web_buf now_text = {NULL, 0, 0, 0};

                                                people_text(&now_text, ind,
                                                            mh_establishment_answer_text(est, ind));
                                                snprintf(buf, sizeof(buf),
                                                         "Cette réponse a été modifiée entre-temps "
                                                         "par quelqu'un d'autre (réponse "
                                                         "enregistrée : %s). Votre saisie est "
                                                         "gardée ici : modifiez-la, ou cliquez "
                                                         "sur Enregistrer pour la garder.",
                                                         now_text.data != NULL ? now_text.data
                                                                               : "");
                                                web_buf_free(&now_text);
                                                /* the next save is made knowing the current one */
                                                st->version =
                                                    versions.versions[mh_indicator_index(ind)];
                                        } else {
                                                snprintf(buf, sizeof(buf), "%s",
                                                         web_first_message(
                                                             diags, "Réponse non enregistrée."));
                                        }
                                        st->owned_error = strdup(buf);
                                        st->error = st->owned_error;
                                }
                                mh_diagnostics_free(diags);
                        }
                }
                if (errors == 0) {
                        const char *go = web_form_get(&ctx->form, "suite");
                        web_buf url = {NULL, 0, 0, 0};

                        next = go != NULL ? next_domain(ref, est, domain) : NULL;
                        if (next != NULL) {
                                web_buf tail = {NULL, 0, 0, 0};

                                web_buf_puts(&tail, "/d/");
                                web_buf_url(&tail, mh_domain_id(next));
                                establishment_url(&url, campaign, finess, tail.data);
                                web_buf_free(&tail);
                        } else {
                                web_buf tail = {NULL, 0, 0, 0};

                                web_buf_puts(&tail, "/d/");
                                web_buf_url(&tail, mh_domain_id(domain));
                                web_buf_puts(&tail, go != NULL ? "" : "?ok=1");
                                establishment_url(&url, campaign, finess, tail.data);
                                web_buf_free(&tail);
                        }
                        if (go != NULL && next == NULL) {
                                web_buf_free(&url);
                                establishment_url(&url, campaign, finess, "/revue");
                        }
                        redirect(ctx, url.data != NULL ? url.data : "/");
                        web_buf_free(&url);
                        free_states(states, n_ind);
                        free(versions.versions);
                        mh_establishment_free(est);
                        return;
                }
                /* the page again, over what is stored now */
                {
                        mh_establishment *fresh = NULL;

                        if (mh_store_load(&fresh, ctx->store, ref, campaign, finess, NULL) == 0) {
                                mh_establishment_free(est);
                                est = fresh;
                        }
                }
                ctx->resp->status = 422;
        }
        page_start(ctx, mh_domain_title(domain, "fr"));
        profile_header(ctx, campaign, est);
        web_buf_puts(b, "<div class=\"columns\">\n<div class=\"questions\">\n");
        web_buf_puts(b, "<h2>");
        web_buf_html(b, mh_domain_id(domain));
        web_buf_puts(b, " \xe2\x80\x94 ");
        web_buf_html(b, mh_domain_title(domain, "fr"));
        web_buf_puts(b, "</h2>\n");
        {
                size_t answered = 0, total = 0;

                mh_questionnaire_progress(&answered, &total, est, domain);
                web_buf_printf(b,
                               "<p class=\"progress\" id=\"progression\"><progress max=\"%zu\" "
                               "value=\"%zu\"></progress> %zu question%s sur %zu "
                               "renseignée%s</p>\n",
                               total, answered, answered, answered > 1 ? "s" : "", total,
                               answered > 1 ? "s" : "");
        }
        if (errors > 0)
                web_buf_printf(b,
                               "<p class=\"error\" role=\"alert\" id=\"erreurs\">%zu réponse%s "
                               "non enregistrée%s : voyez les messages ci-dessous. Les autres "
                               "sont enregistrées.</p>\n",
                               errors, errors > 1 ? "s" : "", errors > 1 ? "s" : "");
        else if (web_form_get(ctx->req->query, "ok") != NULL)
                web_buf_puts(b, "<p class=\"ok\" role=\"status\" id=\"enregistre\">Réponses "
                                "enregistrées.</p>\n");
        web_buf_puts(b, "<form method=\"post\" class=\"questionnaire\" action=\"");
        {
                web_buf tail = {NULL, 0, 0, 0};

                web_buf_puts(&tail, "/d/");
                web_buf_url(&tail, mh_domain_id(domain));
                establishment_href(b, campaign, finess, tail.data);
                web_buf_puts(b, "\" data-api=\"/api/v1/campaigns/");
                web_buf_url(b, campaign);
                web_buf_puts(b, "/establishments/");
                web_buf_url(b, finess);
                web_buf_puts(b, "\"");
                web_buf_free(&tail);
        }
        if (disabled)
                web_buf_puts(b, " data-readonly=\"1\"");
        web_buf_puts(b, ">\n");
        csrf_field(ctx);
        for (j = 0; j < mh_domain_criterion_count(domain); j++) {
                const mh_criterion *crit = mh_domain_criterion(domain, j);
                int heading = 0;

                for (k = 0; k < mh_criterion_indicator_count(crit); k++) {
                        const mh_indicator *ind = mh_criterion_indicator(crit, k);

                        if (!mh_establishment_concerned_by(est, ind))
                                continue;
                        if (!heading) {
                                web_buf_puts(b, "<h3 class=\"criterion\">");
                                web_buf_html(b, mh_criterion_id(crit));
                                web_buf_puts(b, " ");
                                web_buf_html(b, mh_criterion_title(crit, "fr"));
                                web_buf_printf(b, " <span class=\"level\">niveau %u</span></h3>\n",
                                               mh_criterion_level(crit));
                                heading = 1;
                        }
                        question(ctx, est, ind, &states[mh_indicator_index(ind)], disabled);
                }
        }
        if (!disabled)
                web_buf_puts(b, "<div class=\"buttons\"><button type=\"submit\">Enregistrer"
                                "</button> <button type=\"submit\" name=\"suite\" value=\"1\">"
                                "Enregistrer et continuer</button></div>\n");
        web_buf_puts(b, "</form>\n<p><a href=\"");
        establishment_href(b, campaign, finess, "");
        web_buf_puts(b, "\">Retour à l'établissement</a></p>\n</div>\n");
        {
                mh_result *result = NULL;

                if (mh_evaluate(&result, ref, est) == 0)
                        result_panel(ctx, ref, est, result);
                mh_result_free(result);
        }
        web_buf_puts(b, "</div>\n");
        page_end(ctx);
        free_states(states, n_ind);
        free(versions.versions);
        mh_establishment_free(est);
}

/* POST .../confirmer (indicateur=ID): the answer carried over becomes the answer, as it is. */
static void confirm_carried(web_ctx *ctx, const char *campaign, const char *finess)
{
        const mh_referentiel *ref;
        mh_establishment *est;
        const char *id = web_form_get(&ctx->form, "indicateur");
        const mh_indicator *ind;
        web_buf tail = {NULL, 0, 0, 0}, url = {NULL, 0, 0, 0};
        int rc, locked;

        if (web_load_establishment(ctx, campaign, finess, &ref, &est, 0) < 0)
                return;
        locked = read_only(ctx, est);
        mh_establishment_free(est);
        if (locked) {
                web_page_error(ctx, 403,
                               mh_account_writes_answers(ctx->account)
                                   ? "Ce questionnaire est soumis : il est en lecture seule."
                                   : "Ce compte peut lire les réponses, pas les modifier.");
                return;
        }
        if (id == NULL || (ind = mh_referentiel_find_indicator(ref, id)) == NULL) {
                web_page_error(ctx, 404, "Indicateur inconnu dans le référentiel de la campagne.");
                return;
        }
        web_write_enter(ctx->app);
        rc = mh_store_confirm_carried(ctx->store, ref, campaign, finess, id, web_author(ctx), NULL);
        web_write_leave(ctx->app);
        if (rc < 0) {
                web_page_error(ctx,
                               rc == MH_ENOTFOUND ? 404
                               : rc == MH_ELOCKED ? 403
                                                  : 503,
                               rc == MH_ENOTFOUND ? "Aucune réponse reprise à confirmer pour cet "
                                                    "indicateur."
                               : rc == MH_ELOCKED ? "Ce questionnaire est soumis : il est en "
                                                    "lecture seule."
                                                  : "La réponse n'a pas pu être confirmée.");
                return;
        }
        /* back to the question, on its domain's page */
        web_buf_puts(&tail, "/d/");
        web_buf_url(&tail, mh_domain_id(mh_criterion_domain(mh_indicator_criterion(ind))));
        web_buf_puts(&tail, "?ok=1#q-");
        web_buf_url(&tail, id);
        establishment_url(&url, campaign, finess, tail.data);
        redirect(ctx, url.data != NULL ? url.data : "/");
        web_buf_free(&tail);
        web_buf_free(&url);
}

/* ---- Review, submission, reopening
 * ----------------------------------------------------------------- */

/* The questions still unanswered, each a link to its field. */
struct unanswered {
        web_ctx *ctx;
        const char *campaign, *finess;
        size_t count;
};

static int list_unanswered(const mh_indicator *ind, void *context)
{
        struct unanswered *list = context;
        web_buf *b = &list->ctx->resp->body;
        web_buf tail = {NULL, 0, 0, 0};

        list->count++;
        web_buf_puts(&tail, "/d/");
        web_buf_url(&tail, mh_domain_id(mh_criterion_domain(mh_indicator_criterion(ind))));
        web_buf_puts(&tail, "#q-");
        web_buf_url(&tail, mh_indicator_id(ind));
        web_buf_puts(b, "<li><a href=\"");
        establishment_href(b, list->campaign, list->finess, tail.data);
        web_buf_puts(b, "\">");
        web_buf_html(b, mh_indicator_id(ind));
        web_buf_puts(b, "</a> ");
        web_buf_html(b, mh_indicator_question(ind, "fr"));
        web_buf_puts(b, "</li>\n");
        web_buf_free(&tail);
        return 0;
}

static void review(web_ctx *ctx, const char *campaign, const char *finess, int refused)
{
        web_buf *b = &ctx->resp->body;
        const mh_referentiel *ref;
        mh_establishment *est;
        mh_result *result = NULL;
        struct unanswered list = {ctx, campaign, finess, 0};

        if (web_load_establishment(ctx, campaign, finess, &ref, &est, 0) < 0)
                return;
        if (mh_evaluate(&result, ref, est) < 0) {
                mh_establishment_free(est);
                web_page_error(ctx, 503, "Mémoire insuffisante.");
                return;
        }
        if (refused)
                ctx->resp->status = 422;
        page_start(ctx, "Revue");
        profile_header(ctx, campaign, est);
        web_buf_puts(b, "<h2>Revue avant soumission</h2>\n");
        if (refused)
                web_buf_puts(b, "<p class=\"error\" role=\"alert\">Le questionnaire est "
                                "incomplet : il ne peut pas encore être soumis.</p>\n");
        web_buf_puts(b, "<ul id=\"sans-reponse\">\n");
        /* the rule of `maturinh submit`: every question asked */
        mh_questionnaire_unanswered(est, NULL, list_unanswered, &list);
        web_buf_puts(b, "</ul>\n");
        if (list.count == 0)
                web_buf_puts(b, "<p class=\"ok\" id=\"complet\">Toutes les questions ont une "
                                "réponse.</p>\n");
        else
                web_buf_printf(b, "<p id=\"manquantes\">%zu question%s sans réponse.</p>\n",
                               list.count, list.count > 1 ? "s" : "");
        if (mh_establishment_submission(est) == MH_SUBMISSION_DRAFT &&
            mh_account_writes_answers(ctx->account)) {
                if (list.count == 0) {
                        web_buf_puts(b, "<form method=\"post\" action=\"");
                        establishment_href(b, campaign, finess, "/soumettre");
                        web_buf_puts(b, "\">");
                        csrf_field(ctx);
                        web_buf_puts(b, "<p>Une fois soumis, le questionnaire est en lecture "
                                        "seule ; l'ARS peut le rouvrir.</p><button "
                                        "type=\"submit\" id=\"soumettre\">Soumettre le "
                                        "questionnaire</button></form>\n");
                } else {
                        web_buf_puts(b, "<p>Répondez à ces questions (ou indiquez « ne "
                                        "s'applique pas » quand c'est permis) pour pouvoir "
                                        "soumettre.</p>\n");
                }
        }
        result_panel(ctx, ref, est, result);
        page_end(ctx);
        mh_result_free(result);
        mh_establishment_free(est);
}

static void change_status(web_ctx *ctx, const char *campaign, const char *finess, int submit)
{
        const mh_referentiel *ref;
        mh_establishment *est;
        web_buf url = {NULL, 0, 0, 0};
        char message[512];
        int status;

        if (web_load_establishment(ctx, campaign, finess, &ref, &est, 0) < 0)
                return;
        status = web_change_submission(ctx, campaign, est, submit, message, sizeof(message));
        mh_establishment_free(est);
        if (status == 422) {
                review(ctx, campaign, finess, 1); /* what is missing, each a link */
                return;
        }
        if (status != 200) {
                web_page_error(ctx, status, message);
                return;
        }
        establishment_url(&url, campaign, finess, submit ? "?ok=soumis" : "?ok=rouvert");
        redirect(ctx, url.data != NULL ? url.data : "/");
        web_buf_free(&url);
}

/* ---- The report and the history
 * --------------------------------------------------------------------- */

static void report(web_ctx *ctx, const char *campaign, const char *finess)
{
        const mh_referentiel *ref;
        mh_establishment *est;
        mh_population *peers;
        char *text = NULL;
        size_t size = 0;
        FILE *stream;
        int rc;

        if (web_load_establishment(ctx, campaign, finess, &ref, &est, 0) < 0)
                return;
        /* the peers' medians come from the whole campaign, as `maturinh report` computes them */
        peers = web_campaign_population(ctx, campaign, &rc);
        stream = open_memstream(&text, &size);
        rc = stream != NULL ? mh_report_write(ref, est, peers, stream, NULL) : MH_ENOMEM;
        if (stream != NULL)
                fclose(stream);
        mh_population_free(peers);
        mh_establishment_free(est);
        if (rc < 0) {
                free(text);
                web_page_error(ctx, 503, "Le rapport n'a pas pu être produit.");
                return;
        }
        web_buf_free(&ctx->resp->body);
        web_buf_add(&ctx->resp->body, text, size);
        free(text);
        ctx->resp->content_type = "application/xhtml+xml; charset=utf-8";
        ctx->resp->csp = WEB_CSP_REPORT;
}

struct history {
        web_ctx *ctx;
        const mh_referentiel *ref;
        size_t count;
};

static int history_row(const mh_history_entry *e, void *context)
{
        struct history *h = context;
        web_buf *b = &h->ctx->resp->body;
        const mh_indicator *ind = mh_referentiel_find_indicator(h->ref, e->what);

        h->count++;
        web_buf_puts(b, "<tr><td>");
        people_time(b, e->when);
        web_buf_puts(b, "</td><td>");
        web_buf_html(b, e->who);
        web_buf_puts(b, "</td><td>");
        web_buf_html(b, e->what);
        web_buf_puts(b, "</td><td>");
        if (strcmp(e->what, "status") == 0) {
                web_buf_puts(b, e->old_value == NULL                     ? "\xe2\x80\x94"
                                : strcmp(e->old_value, "submitted") == 0 ? "soumis"
                                                                         : "en cours");
                web_buf_puts(b, " \xe2\x86\x92 ");
                web_buf_puts(b, e->new_value != NULL && strcmp(e->new_value, "submitted") == 0
                                    ? "soumis"
                                    : "en cours");
        } else if (ind != NULL || e->old_value != NULL || e->new_value != NULL) {
                people_value(b, ind, e->old_value);
                web_buf_puts(b, " \xe2\x86\x92 ");
                people_value(b, ind, e->new_value);
        }
        web_buf_puts(b, "</td><td>");
        if (!same_text(e->old_comment, e->new_comment)) {
                web_buf_html(b, e->new_comment != NULL ? e->new_comment : "(effacé)");
        }
        web_buf_puts(b, "</td></tr>\n");
        return 0;
}

static void history(web_ctx *ctx, const char *campaign, const char *finess)
{
        web_buf *b = &ctx->resp->body;
        const mh_referentiel *ref;
        mh_establishment *est;
        struct history h = {ctx, NULL, 0};

        if (web_load_establishment(ctx, campaign, finess, &ref, &est, 0) < 0)
                return;
        h.ref = ref;
        page_start(ctx, "Historique");
        profile_header(ctx, campaign, est);
        web_buf_puts(b, "<h2>Historique des modifications</h2>\n<table class=\"list\" "
                        "id=\"historique\"><thead><tr><th>Quand</th><th>Qui</th><th>Quoi</th>"
                        "<th>Réponse</th><th>Commentaire</th></tr></thead><tbody>\n");
        if (mh_store_history(ctx->store, campaign, finess, history_row, &h, NULL) < 0) {
                mh_establishment_free(est);
                web_page_error(ctx, 503, "La base de données est indisponible.");
                return;
        }
        if (h.count == 0)
                web_buf_puts(b, "<tr><td colspan=\"5\">Aucune modification.</td></tr>\n");
        web_buf_puts(b, "</tbody></table>\n");
        page_end(ctx);
        mh_establishment_free(est);
}

/* ---- Routing
 * ----------------------------------------------------------------------------------------- */

static int is(const web_ctx *ctx, const char *method)
{
        return strcmp(ctx->req->method, method) == 0 ||
               (strcmp(method, "GET") == 0 && strcmp(ctx->req->method, "HEAD") == 0);
}

static void wrong_method(web_ctx *ctx, const char *allow)
{
        ctx->resp->allow = allow;
        web_page_error(ctx, 405, "Méthode non prise en charge sur cette page.");
}

int web_pages_route(web_ctx *ctx, const char *const *s, size_t n)
{
        if (n == 1 && strcmp(s[0], "login") == 0) {
                if (is(ctx, "POST"))
                        post_login(ctx);
                else if (!is(ctx, "GET"))
                        wrong_method(ctx, "GET, HEAD, POST");
                else if (ctx->account != NULL)
                        redirect(ctx, "/");
                else
                        login_page(ctx, NULL, NULL);
                return 1;
        }
        if (n == 1 && strcmp(s[0], "logout") == 0) {
                is(ctx, "POST") ? post_logout(ctx) : wrong_method(ctx, "POST");
                return 1;
        }
        if (ctx->account == NULL) {
                /* every other page needs a session */
                if (is(ctx, "GET"))
                        redirect(ctx, "/login");
                else
                        web_page_error(ctx, 401, "Session absente ou expirée : connectez-vous.");
                return 1;
        }
        if (n == 0) {
                is(ctx, "GET") ? home(ctx) : wrong_method(ctx, "GET, HEAD");
                return 1;
        }
        if (strcmp(s[0], "c") != 0 || n < 2)
                return 0;
        if (n == 2) {
                is(ctx, "GET") ? campaign_page(ctx, s[1]) : wrong_method(ctx, "GET, HEAD");
                return 1;
        }
        if (n == 4 && strcmp(s[2], "telecharger") == 0) {
                is(ctx, "GET") ? web_download(ctx, s[1], s[3]) : wrong_method(ctx, "GET, HEAD");
                return 1;
        }
        if (strcmp(s[2], "e") != 0 || n < 4)
                return 0;
        if (n == 4) {
                is(ctx, "GET") ? overview(ctx, s[1], s[3]) : wrong_method(ctx, "GET, HEAD");
                return 1;
        }
        if (n == 6 && strcmp(s[4], "d") == 0) {
                if (is(ctx, "GET") || is(ctx, "POST"))
                        domain_page(ctx, s[1], s[3], s[5], is(ctx, "POST"));
                else
                        wrong_method(ctx, "GET, HEAD, POST");
                return 1;
        }
        if (n != 5)
                return 0;
        if (strcmp(s[4], "revue") == 0) {
                is(ctx, "GET") ? review(ctx, s[1], s[3], 0) : wrong_method(ctx, "GET, HEAD");
        } else if (strcmp(s[4], "soumettre") == 0 || strcmp(s[4], "rouvrir") == 0) {
                is(ctx, "POST") ? change_status(ctx, s[1], s[3], strcmp(s[4], "soumettre") == 0)
                                : wrong_method(ctx, "POST");
        } else if (strcmp(s[4], "confirmer") == 0) {
                is(ctx, "POST") ? confirm_carried(ctx, s[1], s[3]) : wrong_method(ctx, "POST");
        } else if (strcmp(s[4], "rapport") == 0) {
                is(ctx, "GET") ? report(ctx, s[1], s[3]) : wrong_method(ctx, "GET, HEAD");
        } else if (strcmp(s[4], "historique") == 0) {
                is(ctx, "GET") ? history(ctx, s[1], s[3]) : wrong_method(ctx, "GET, HEAD");
        } else {
                return 0;
        }
        return 1;
}
