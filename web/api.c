/*
 * api.c: the JSON API /api/v1 (docs/web.md, the contract of
 * ../shared/spec/web.md), the only file of the front that includes jansson.
 *
 * Errors are {"error": "MESSAGE"} in French with the status of the
 * contract.  Every route needs a session (401); an establishment outside the
 * account's scope is a 404, exactly like one that does not exist.  Values go
 * out as the answers format writes them (booleans true/false, numbers,
 * "YYYY-MM-DD", "na", "never") and come in the same way: the engine checks
 * them with the rules of answers files, and its message is the 422's.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maturinh/report.h"
#include "web_internal.h"

/* ---- Writing JSON ----------------------------------------------------------- */

/*
 * The shortest decimal text that reads back as `value`, without an exponent
 * between 1e-4 and 1e15 (70, not 7e+01).
 */
static void shortest_text(char *out, size_t size, double value)
{
        int digits, exponent;

        /*
         * From 15 significant digits: every decimal of 15 digits or fewer reads back
         * as itself (DBL_DIG), and %g drops the trailing zeros, so 41.7 comes out at
         * the first try; a few need 16 or 17.
         */
        for (digits = 15; digits < 17; digits++) {
                snprintf(out, size, "%.*g", digits, value);
                if (strtod(out, NULL) == value)
                        break;
        }
        if (digits == 17)
                snprintf(out, size, "%.17g", value);
        if (strchr(out, 'e') != NULL && fabs(value) >= 1e-4 && fabs(value) < 1e15) {
                exponent = (int)floor(log10(fabs(value)));
                snprintf(out, size, "%.*f", digits - 1 - exponent > 0 ? digits - 1 - exponent : 0,
                         value);
        }
}

/*
 * Every real in the shortest form that reads back to the same double
 * (41.7, not jansson's 41.700000000000003): the dumped text is rewritten.
 */
static void shortest_reals(web_buf *out, const char *text)
{
        const char *p = text;
        int in_string = 0;

        while (*p != '\0') {
                if (in_string) {
                        const char *q = p;

                        while (*q != '\0' && *q != '"' && *q != '\\')
                                q++;
                        web_buf_add(out, p, (size_t)(q - p));
                        if (*q == '\\') {
                                web_buf_add(out, q, q[1] != '\0' ? 2 : 1);
                                p = q + (q[1] != '\0' ? 2 : 1);
                        } else if (*q == '"') {
                                web_buf_add(out, q, 1);
                                in_string = 0;
                                p = q + 1;
                        } else {
                                p = q;
                        }
                } else if (*p == '"') {
                        in_string = 1;
                        web_buf_add(out, p++, 1);
                } else if (*p == '-' || (*p >= '0' && *p <= '9')) {
                        size_t n = strspn(p, "-+0123456789.eE");
                        char token[64], shortest[64];
                        double value;

                        if (n >= sizeof(token) || memchr(p, '.', n) == NULL) {
                                web_buf_add(out, p, n);
                                p += n;
                                continue;
                        }
                        memcpy(token, p, n);
                        token[n] = '\0';
                        value = strtod(token, NULL);
                        shortest_text(shortest, sizeof(shortest), value);
                        web_buf_puts(out, shortest);
                        if (strpbrk(shortest, ".en") == NULL)
                                web_buf_puts(out, ".0"); /* still a real: 100.0 */
                        p += n;
                } else {
                        web_buf_add(out, p++, 1);
                }
        }
}

/* Sends `json` (taken) with `status`. */
static void send_json(web_ctx *ctx, int status, json_t *json)
{
        char *text;

        ctx->resp->status = status;
        ctx->resp->content_type = "application/json; charset=utf-8";
        web_buf_free(&ctx->resp->body);
        text = json != NULL ? json_dumps(json, JSON_PRESERVE_ORDER | JSON_COMPACT |
                                                   JSON_ENCODE_ANY | JSON_REAL_PRECISION(17))
                            : NULL;
        json_decref(json);
        if (text == NULL) {
                ctx->resp->status = 503;
                web_buf_puts(&ctx->resp->body, "{\"error\":\"Mémoire insuffisante.\"}");
                return;
        }
        shortest_reals(&ctx->resp->body, text);
        free(text);
}

void web_api_error(web_ctx *ctx, int status, const char *message)
{
        json_t *error = json_object();

        json_object_set_new(error, "error", json_string(message));
        send_json(ctx, status, error);
}

static json_t *string_or_null(const char *text)
{
        return text != NULL ? json_string(text) : json_null();
}

static json_t *real_or_null(double value)
{
        return isnan(value) ? json_null() : json_real(value);
}

/* An answer's text as the answers format writes it: a boolean, a number, or a string. */
static json_t *answer_json(const mh_indicator *ind, const char *text)
{
        char *end;

        if (text == NULL)
                return json_null();
        if (strcmp(text, "na") == 0 || strcmp(text, "never") == 0)
                return json_string(text);
        switch (mh_indicator_type_of(ind)) {
        case MH_INDICATOR_BOOLEAN:
                return json_boolean(strcmp(text, "true") == 0);
        case MH_INDICATOR_INTEGER: {
                long long n = strtoll(text, &end, 10);

                return *end == '\0' ? json_integer(n) : json_string(text);
        }
        case MH_INDICATOR_PERCENT: {
                double x = strtod(text, &end);

                return *end == '\0' ? json_real(x) : json_string(text);
        }
        default:
                return json_string(text);
        }
}

/* The "result" object: scores and what to do next (the plan as explain ranks it). */
static json_t *result_json(const mh_referentiel *ref, const mh_establishment *est)
{
        mh_result *result = NULL;
        mh_plan *plan = NULL;
        json_t *out, *domains, *blocking, *actions;
        size_t i, j;

        if (mh_evaluate(&result, ref, est) < 0)
                return NULL;
        if (mh_plan_new(&plan, ref, est, result) < 0) {
                mh_result_free(result);
                return NULL;
        }
        out = json_object();
        json_object_set_new(out, "global_score", real_or_null(mh_result_global(result)));
        json_object_set_new(out, "level", json_integer(mh_result_level(result)));
        json_object_set_new(
            out, "level_label",
            string_or_null(mh_referentiel_level_label(ref, mh_result_level(result), "fr")));
        json_object_set_new(out, "completeness", json_real(mh_result_completeness(result)));
        json_object_set_new(out, "answered",
                            json_integer((json_int_t)mh_result_answered_count(result)));
        json_object_set_new(out, "applicable",
                            json_integer((json_int_t)mh_result_applicable_count(result)));
        json_object_set_new(out, "priority_achieved",
                            json_integer((json_int_t)mh_result_priority_achieved(result)));
        json_object_set_new(out, "priority_total",
                            json_integer((json_int_t)mh_result_priority_total(result)));
        domains = json_object();
        for (i = 0; i < mh_referentiel_domain_count(ref); i++) {
                const mh_domain *domain = mh_referentiel_domain(ref, i);

                json_object_set_new(domains, mh_domain_id(domain),
                                    real_or_null(mh_result_domain_score(result, domain)));
        }
        json_object_set_new(out, "domains", domains);
        json_object_set_new(out, "next_level",
                            mh_result_next_level(ref, result) > 0
                                ? json_integer(mh_result_next_level(ref, result))
                                : json_null());
        blocking = json_array();
        actions = json_array();
        for (i = 0; i < mh_referentiel_domain_count(ref); i++) {
                const mh_domain *domain = mh_referentiel_domain(ref, i);

                for (j = 0; j < mh_domain_criterion_count(domain); j++) {
                        const mh_criterion *crit = mh_domain_criterion(domain, j);

                        if (mh_result_blocks_next_level(ref, result, crit))
                                json_array_append_new(blocking, json_string(mh_criterion_id(crit)));
                }
        }
        json_object_set_new(out, "blocking", blocking);
        for (i = 0; i < mh_plan_count(plan); i++) {
                const mh_criterion *crit = mh_plan_criterion(plan, i);
                json_t *action = json_object();

                json_object_set_new(action, "criterion", json_string(mh_criterion_id(crit)));
                json_object_set_new(action, "title", json_string(mh_criterion_title(crit, "fr")));
                json_object_set_new(action, "priority", json_boolean(mh_criterion_priority(crit)));
                json_object_set_new(action, "gain", json_real(mh_plan_gain(plan, i)));
                json_object_set_new(action, "level_after",
                                    json_integer(mh_plan_level_after(plan, i)));
                json_array_append_new(actions, action);
        }
        json_object_set_new(out, "plan", actions);
        mh_plan_free(plan);
        mh_result_free(result);
        return out;
}

/* ---- The routes ---------------------------------------------------------------- */

static int method(const web_ctx *ctx, const char *name)
{
        return strcmp(ctx->req->method, name) == 0 ||
               (strcmp(name, "GET") == 0 && strcmp(ctx->req->method, "HEAD") == 0);
}

static void wrong_method(web_ctx *ctx, const char *allow)
{
        ctx->resp->allow = allow;
        web_api_error(ctx, 405, "Méthode non prise en charge sur cette ressource.");
}

static void get_me(web_ctx *ctx)
{
        const mh_account *a = ctx->account;
        json_t *me = json_object(), *finess = json_array();
        size_t i;

        json_object_set_new(me, "login", json_string(a->login));
        json_object_set_new(me, "name", string_or_null(a->name));
        json_object_set_new(me, "role", json_string(mh_role_name(a->role)));
        for (i = 0; i < a->n_finess; i++)
                json_array_append_new(finess, json_string(a->finess[i]));
        json_object_set_new(me, "finess", finess);
        json_object_set_new(me, "region", string_or_null(a->region));
        json_object_set_new(me, "csrf_token", json_string(mh_session_csrf_token(ctx->session)));
        send_json(ctx, 200, me);
}

static int add_campaign(const mh_campaign_info *c, void *context)
{
        json_t *item = json_object(), *ref = json_object();

        json_object_set_new(ref, "id", json_string(c->referentiel_id));
        json_object_set_new(ref, "version", json_string(c->referentiel_version));
        json_object_set_new(item, "id", json_string(c->id));
        json_object_set_new(item, "referentiel", ref);
        json_object_set_new(item, "reference_date", json_string(c->reference_date));
        return json_array_append_new(context, item) < 0 ? MH_ENOMEM : 0;
}

static void get_campaigns(web_ctx *ctx)
{
        json_t *list = json_array();

        if (mh_store_campaigns(ctx->store, add_campaign, list, NULL) < 0) {
                json_decref(list);
                web_api_error(ctx, 503, "La base de données est indisponible.");
                return;
        }
        send_json(ctx, 200, list);
}

struct listing {
        web_ctx *ctx;
        const mh_referentiel *ref;
        json_t *list;
        json_t *last; /* FINESS -> when */
};

static int add_establishment(const mh_establishment *est, void *context)
{
        struct listing *l = context;
        mh_result *result = NULL;
        json_t *item, *when;

        if (!mh_account_covers(l->ctx->account, mh_establishment_finess(est),
                               mh_establishment_region(est)))
                return 0;
        if (mh_evaluate(&result, l->ref, est) < 0)
                return MH_ENOMEM;
        item = json_object();
        json_object_set_new(item, "finess", json_string(mh_establishment_finess(est)));
        json_object_set_new(item, "name", json_string(mh_establishment_name(est)));
        json_object_set_new(item, "region", json_string(mh_establishment_region(est)));
        json_object_set_new(item, "category", json_string(mh_establishment_category(est)));
        json_object_set_new(item, "status",
                            json_string(mh_submission_name(mh_establishment_submission(est))));
        json_object_set_new(item, "completeness", json_real(mh_result_completeness(result)));
        json_object_set_new(item, "global_score", real_or_null(mh_result_global(result)));
        json_object_set_new(item, "level", json_integer(mh_result_level(result)));
        when = json_object_get(l->last, mh_establishment_finess(est));
        json_object_set(item, "last_change", when != NULL ? when : json_null());
        mh_result_free(result);
        return json_array_append_new(l->list, item) < 0 ? MH_ENOMEM : 0;
}

static int note_last_change(const mh_last_change *change, void *context)
{
        return json_object_set_new(context, change->finess, json_string(change->when)) < 0
                   ? MH_ENOMEM
                   : 0;
}

static void get_establishments(web_ctx *ctx, const char *campaign)
{
        const mh_referentiel *ref = web_campaign_referentiel(ctx->app, ctx->store, campaign);
        struct listing l = {ctx, ref, NULL, NULL};
        int rc = 0;
        size_t i;

        if (ref == NULL) {
                web_api_error(ctx, 404, "Campagne introuvable.");
                return;
        }
        l.list = json_array();
        l.last = json_object();
        if (ctx->account->role != MH_ROLE_ADMIN)
                rc = mh_store_last_changes(ctx->store, campaign, note_last_change, l.last, NULL);
        if (rc == 0 && ctx->account->role == MH_ROLE_RSSI) {
                /* its own establishments only: nothing else is read */
                for (i = 0; rc == 0 && i < ctx->account->n_finess; i++) {
                        mh_establishment *est = NULL;
                        int found = mh_store_load(&est, ctx->store, ref, campaign,
                                                  ctx->account->finess[i], NULL);

                        if (found == 0)
                                rc = add_establishment(est, &l);
                        else if (found != MH_ENOTFOUND)
                                rc = found;
                        mh_establishment_free(est);
                }
        } else if (rc == 0 && ctx->account->role != MH_ROLE_ADMIN) {
                rc = mh_store_each(ctx->store, ref, campaign, add_establishment, &l, NULL);
        }
        json_decref(l.last);
        if (rc < 0) {
                json_decref(l.list);
                web_api_error(ctx, rc == MH_EBUSY ? 503 : 500,
                              "La base de données est indisponible.");
                return;
        }
        send_json(ctx, 200, l.list);
}

static int note_version(const char *indicator, long long version, void *context)
{
        json_t *answer = json_object_get(context, indicator);

        if (answer != NULL)
                json_object_set_new(answer, "version", json_integer(version));
        return 0;
}

static json_t *profile_json(const mh_establishment *est)
{
        json_t *p = json_object();
        long beds = mh_establishment_beds(est);

        json_object_set_new(p, "finess", json_string(mh_establishment_finess(est)));
        json_object_set_new(p, "finess_ej", string_or_null(mh_establishment_finess_ej(est)));
        json_object_set_new(p, "name", json_string(mh_establishment_name(est)));
        json_object_set_new(p, "region", json_string(mh_establishment_region(est)));
        json_object_set_new(p, "departement", string_or_null(mh_establishment_departement(est)));
        json_object_set_new(p, "category", json_string(mh_establishment_category(est)));
        json_object_set_new(p, "beds", beds >= 0 ? json_integer(beds) : json_null());
        json_object_set_new(p, "ose", json_boolean(mh_establishment_ose(est)));
        json_object_set_new(p, "ght", string_or_null(mh_establishment_ght(est)));
        return p;
}

/* context: the "carried" object of an establishment, and its référentiel */
struct carried_json {
        json_t *object;
        const mh_referentiel *ref;
};

static int add_carried(const mh_carried_answer *a, void *context)
{
        struct carried_json *c = context;
        const mh_indicator *ind = mh_referentiel_find_indicator(c->ref, a->indicator);
        json_t *item;

        if (ind == NULL)
                return 0;
        item = json_object();
        json_object_set_new(item, "value", answer_json(ind, a->value));
        json_object_set_new(item, "comment", string_or_null(a->comment));
        json_object_set_new(item, "from", json_string(a->from_campaign));
        return json_object_set_new(c->object, a->indicator, item) < 0 ? MH_ENOMEM : 0;
}

static void get_establishment(web_ctx *ctx, const char *campaign, const char *finess)
{
        const mh_referentiel *ref;
        mh_establishment *est;
        json_t *out, *answers, *result;
        struct carried_json carried;
        size_t i;

        if (web_load_establishment(ctx, campaign, finess, &ref, &est, 1) < 0)
                return;
        out = json_object();
        json_object_set_new(out, "profile", profile_json(est));
        json_object_set_new(out, "status",
                            json_string(mh_submission_name(mh_establishment_submission(est))));
        answers = json_object();
        for (i = 0; i < mh_referentiel_domain_count(ref); i++) {
                const mh_domain *domain = mh_referentiel_domain(ref, i);
                size_t c, k;

                for (c = 0; c < mh_domain_criterion_count(domain); c++) {
                        const mh_criterion *crit = mh_domain_criterion(domain, c);

                        for (k = 0; k < mh_criterion_indicator_count(crit); k++) {
                                const mh_indicator *ind = mh_criterion_indicator(crit, k);
                                const char *text = mh_establishment_answer_text(est, ind);
                                const char *comment = mh_establishment_comment(est, ind);
                                json_t *answer;

                                if (!mh_establishment_concerned_by(est, ind) && text == NULL &&
                                    comment == NULL)
                                        continue;
                                answer = json_object();
                                json_object_set_new(answer, "value", answer_json(ind, text));
                                json_object_set_new(answer, "comment", string_or_null(comment));
                                json_object_set_new(answer, "version", json_integer(0));
                                json_object_set_new(answers, mh_indicator_id(ind), answer);
                        }
                }
        }
        carried.object = json_object();
        carried.ref = ref;
        if (mh_store_answer_versions(ctx->store, campaign, finess, note_version, answers, NULL) <
                0 ||
            mh_store_carried(ctx->store, campaign, finess, add_carried, &carried, NULL) < 0 ||
            (result = result_json(ref, est)) == NULL) {
                json_decref(carried.object);
                json_decref(answers);
                json_decref(out);
                mh_establishment_free(est);
                web_api_error(ctx, 503, "La base de données est indisponible.");
                return;
        }
        json_object_set_new(out, "answers", answers);
        /* answers of an earlier campaign, to confirm: not answers, so apart */
        json_object_set_new(out, "carried", carried.object);
        json_object_set_new(out, "result", result);
        mh_establishment_free(est);
        send_json(ctx, 200, out);
}

/* A JSON value as the answer text the engine checks; 0, or -1 with `why` set. */
static int value_text(json_t *value, char *out, size_t size, const char **text, const char **why)
{
        *text = NULL;
        switch (json_typeof(value)) {
        case JSON_NULL:
                return 0;
        case JSON_TRUE:
        case JSON_FALSE:
                *text = json_is_true(value) ? "true" : "false";
                return 0;
        case JSON_INTEGER:
                snprintf(out, size, "%lld", (long long)json_integer_value(value));
                *text = out;
                return 0;
        case JSON_REAL:
                shortest_text(out, size, json_real_value(value));
                *text = out;
                return 0;
        case JSON_STRING:
                *text = json_string_value(value);
                if (strlen(*text) != json_string_length(value)) {
                        *why = "« value » contient un caractère nul.";
                        return -1;
                }
                return 0;
        default:
                *why = "« value » doit être une chaîne, un nombre, un booléen ou null.";
                return -1;
        }
}

static void put_answer(web_ctx *ctx, const char *campaign, const char *finess,
                       const char *indicator)
{
        const mh_referentiel *ref;
        mh_establishment *est = NULL;
        mh_diagnostics *diags = NULL;
        json_error_t error;
        json_t *body, *value, *input, *comment, *version, *out, *result;
        const char *key, *text = NULL, *comment_text = NULL, *why = NULL;
        char number[64], typed[1024];
        long long expected = -1, now = 0;
        void *iter;
        int rc;

        if (web_load_establishment(ctx, campaign, finess, &ref, &est, 1) < 0)
                return;
        if (mh_referentiel_find_indicator(ref, indicator) == NULL) {
                mh_establishment_free(est);
                web_api_error(ctx, 404, "Indicateur inconnu dans le référentiel de la campagne.");
                return;
        }
        if (!mh_account_writes_answers(ctx->account)) {
                mh_establishment_free(est);
                web_api_error(ctx, 403, "Ce compte peut lire les réponses, pas les modifier.");
                return;
        }
        mh_establishment_free(est);
        body = json_loadb(ctx->req->body != NULL ? ctx->req->body : "", ctx->req->body_length,
                          JSON_REJECT_DUPLICATES, &error);
        if (body == NULL || !json_is_object(body)) {
                json_decref(body);
                web_api_error(ctx, 400,
                              "Le corps de la requête doit être un objet JSON : {\"value\": ..., "
                              "\"comment\": ..., \"version\": N}.");
                return;
        }
        json_object_foreach_safe(body, iter, key, value)
        {
                (void)value;
                if (strcmp(key, "value") != 0 && strcmp(key, "input") != 0 &&
                    strcmp(key, "comment") != 0 && strcmp(key, "version") != 0) {
                        json_decref(body);
                        web_api_error(ctx, 400,
                                      "Champ inconnu : seuls « value » (ou « input »), « comment » "
                                      "et « version » sont attendus.");
                        return;
                }
        }
        value = json_object_get(body, "value");
        input = json_object_get(body, "input");
        comment = json_object_get(body, "comment");
        version = json_object_get(body, "version");
        if (value != NULL && input != NULL) {
                why = "Donnez « value » ou « input », pas les deux.";
        } else if (input != NULL) {
                /* what a person typed, read with the habits of the pages (12,5 %, oui, jamais) */
                if (!json_is_string(input) ||
                    strlen(json_string_value(input)) != json_string_length(input)) {
                        why = "« input » doit être une chaîne.";
                } else {
                        text = json_string_value(input);
                        while (*text == ' ')
                                text++;
                        if (text[0] == '\0')
                                text = NULL;
                        else if (mh_indicator_input_normalize(
                                     mh_referentiel_find_indicator(ref, indicator), text, typed,
                                     sizeof(typed)) == 0)
                                text = typed;
                }
        } else if (value == NULL) {
                why = "« value » est obligatoire (null pour effacer la réponse).";
        } else if (value_text(value, number, sizeof(number), &text, &why) < 0) {
                /* why is set */
        } else if (comment != NULL && !json_is_string(comment) && !json_is_null(comment)) {
                why = "« comment » doit être une chaîne ou null.";
        } else if (comment != NULL && json_is_string(comment) &&
                   strlen(json_string_value(comment)) != json_string_length(comment)) {
                why = "« comment » contient un caractère nul.";
        } else if (version != NULL &&
                   (!json_is_integer(version) || json_integer_value(version) < 0)) {
                why = "« version » doit être un entier positif ou nul.";
        }
        if (why != NULL) {
                json_decref(body);
                web_api_error(ctx, 422, why);
                return;
        }
        if (comment != NULL)
                comment_text = json_is_string(comment) ? json_string_value(comment) : "";
        if (version != NULL)
                expected = (long long)json_integer_value(version);
        if (mh_diagnostics_new(&diags) < 0) {
                json_decref(body);
                web_api_error(ctx, 503, "Mémoire insuffisante.");
                return;
        }
        web_write_enter(ctx->app);
        rc = mh_store_put_answer(ctx->store, ref, campaign, finess, indicator, text, comment_text,
                                 expected, web_author(ctx), &now, diags);
        web_write_leave(ctx->app);
        json_decref(body);
        if (rc < 0) {
                int status = rc == MH_EINVALID    ? 422
                             : rc == MH_ECONFLICT ? 409
                             : rc == MH_ELOCKED   ? 403
                             : rc == MH_ENOTFOUND ? 404
                             : rc == MH_EBUSY     ? 503
                                                  : 500;

                web_api_error(ctx, status,
                              web_first_message(diags, "La réponse n'a pas pu être enregistrée."));
                mh_diagnostics_free(diags);
                return;
        }
        mh_diagnostics_free(diags);
        /* the result of what is stored now, read back after the commit */
        if (mh_store_load(&est, ctx->store, ref, campaign, finess, NULL) < 0 ||
            (result = result_json(ref, est)) == NULL) {
                mh_establishment_free(est);
                out = json_object();
                json_object_set_new(out, "version", json_integer(now));
                json_object_set_new(out, "result", json_null());
                send_json(ctx, 200, out);
                return;
        }
        out = json_object();
        json_object_set_new(out, "version", json_integer(now));
        json_object_set_new(out, "value",
                            answer_json(mh_referentiel_find_indicator(ref, indicator),
                                        mh_establishment_answer_text(
                                            est, mh_referentiel_find_indicator(ref, indicator))));
        json_object_set_new(out, "result", result);
        mh_establishment_free(est);
        send_json(ctx, 200, out);
}

/* context: the indicator whose version is wanted, and the version found */
struct one_version {
        const char *indicator;
        long long version;
};

static int find_version(const char *indicator, long long version, void *context)
{
        struct one_version *v = context;

        if (strcmp(indicator, v->indicator) == 0)
                v->version = version;
        return 0;
}

/* POST .../answers/ID/confirm: the answer carried over becomes the answer, as it is. */
static void confirm_answer(web_ctx *ctx, const char *campaign, const char *finess,
                           const char *indicator)
{
        const mh_referentiel *ref;
        mh_establishment *est = NULL;
        mh_diagnostics *diags = NULL;
        const mh_indicator *ind;
        json_t *out, *result;
        struct one_version now = {indicator, 0};
        int rc;

        if (web_load_establishment(ctx, campaign, finess, &ref, &est, 1) < 0)
                return;
        mh_establishment_free(est);
        est = NULL;
        if ((ind = mh_referentiel_find_indicator(ref, indicator)) == NULL) {
                web_api_error(ctx, 404, "Indicateur inconnu dans le référentiel de la campagne.");
                return;
        }
        if (!mh_account_writes_answers(ctx->account)) {
                web_api_error(ctx, 403, "Ce compte peut lire les réponses, pas les modifier.");
                return;
        }
        if (mh_diagnostics_new(&diags) < 0) {
                web_api_error(ctx, 503, "Mémoire insuffisante.");
                return;
        }
        web_write_enter(ctx->app);
        rc = mh_store_confirm_carried(ctx->store, ref, campaign, finess, indicator, web_author(ctx),
                                      diags);
        web_write_leave(ctx->app);
        mh_diagnostics_free(diags);
        if (rc < 0) {
                web_api_error(ctx,
                              rc == MH_ENOTFOUND  ? 404
                              : rc == MH_ELOCKED  ? 403
                              : rc == MH_EINVALID ? 422
                              : rc == MH_EBUSY    ? 503
                                                  : 500,
                              rc == MH_ENOTFOUND ? "Aucune réponse reprise à confirmer pour cet "
                                                   "indicateur."
                              : rc == MH_ELOCKED ? "Le questionnaire est soumis : il est en "
                                                   "lecture seule jusqu'à sa réouverture."
                                                 : "La réponse n'a pas pu être confirmée.");
                return;
        }
        out = json_object();
        (void)mh_store_answer_versions(ctx->store, campaign, finess, find_version, &now, NULL);
        json_object_set_new(out, "version", json_integer(now.version));
        if (mh_store_load(&est, ctx->store, ref, campaign, finess, NULL) == 0 &&
            (result = result_json(ref, est)) != NULL) {
                json_object_set_new(out, "value",
                                    answer_json(ind, mh_establishment_answer_text(est, ind)));
                json_object_set_new(out, "comment",
                                    string_or_null(mh_establishment_comment(est, ind)));
                json_object_set_new(out, "result", result);
        }
        mh_establishment_free(est);
        send_json(ctx, 200, out);
}

static int add_unanswered(const mh_indicator *indicator, void *context)
{
        return json_array_append_new(context, json_string(mh_indicator_id(indicator))) < 0
                   ? MH_ENOMEM
                   : 0;
}

static void change_status(web_ctx *ctx, const char *campaign, const char *finess, int submit)
{
        const mh_referentiel *ref;
        mh_establishment *est;
        char message[512];
        json_t *out;
        int status;

        if (web_load_establishment(ctx, campaign, finess, &ref, &est, 1) < 0)
                return;
        status = web_change_submission(ctx, campaign, est, submit, message, sizeof(message));
        if (status == 422) {
                json_t *missing = json_array();

                mh_questionnaire_unanswered(est, NULL, add_unanswered, missing);
                out = json_object();
                json_object_set_new(out, "error", json_string(message));
                json_object_set_new(out, "unanswered", missing);
                mh_establishment_free(est);
                send_json(ctx, 422, out);
                return;
        }
        mh_establishment_free(est);
        if (status != 200) {
                web_api_error(ctx, status, message);
                return;
        }
        out = json_object();
        json_object_set_new(out, "status", json_string(submit ? "submitted" : "draft"));
        send_json(ctx, 200, out);
}

static int add_history(const mh_history_entry *e, void *context)
{
        json_t *item = json_object();

        json_object_set_new(item, "when", json_string(e->when));
        json_object_set_new(item, "who", json_string(e->who));
        json_object_set_new(item, "what", json_string(e->what));
        json_object_set_new(item, "old_value", string_or_null(e->old_value));
        json_object_set_new(item, "new_value", string_or_null(e->new_value));
        json_object_set_new(item, "old_comment", string_or_null(e->old_comment));
        json_object_set_new(item, "new_comment", string_or_null(e->new_comment));
        if (e->confirmed_from != NULL)
                json_object_set_new(item, "confirmed_from", json_string(e->confirmed_from));
        return json_array_append_new(context, item) < 0 ? MH_ENOMEM : 0;
}

static void get_history(web_ctx *ctx, const char *campaign, const char *finess)
{
        const mh_referentiel *ref;
        mh_establishment *est;
        json_t *list;

        if (web_load_establishment(ctx, campaign, finess, &ref, &est, 1) < 0)
                return;
        mh_establishment_free(est);
        list = json_array();
        if (mh_store_history(ctx->store, campaign, finess, add_history, list, NULL) < 0) {
                json_decref(list);
                web_api_error(ctx, 503, "La base de données est indisponible.");
                return;
        }
        send_json(ctx, 200, list);
}

int web_api_route(web_ctx *ctx, const char *const *s, size_t n)
{
        if (ctx->account == NULL) {
                web_api_error(ctx, 401, "Session absente ou expirée : connectez-vous.");
                return 1;
        }
        if (n == 1 && strcmp(s[0], "me") == 0) {
                method(ctx, "GET") ? get_me(ctx) : wrong_method(ctx, "GET, HEAD");
                return 1;
        }
        if (n == 0 || strcmp(s[0], "campaigns") != 0)
                return 0;
        if (n == 1) {
                method(ctx, "GET") ? get_campaigns(ctx) : wrong_method(ctx, "GET, HEAD");
                return 1;
        }
        if (n < 3 || strcmp(s[2], "establishments") != 0)
                return 0;
        if (n == 3) {
                method(ctx, "GET") ? get_establishments(ctx, s[1]) : wrong_method(ctx, "GET, HEAD");
                return 1;
        }
        if (n == 4) {
                method(ctx, "GET") ? get_establishment(ctx, s[1], s[3])
                                   : wrong_method(ctx, "GET, HEAD");
                return 1;
        }
        if (n == 5 && (strcmp(s[4], "submit") == 0 || strcmp(s[4], "reopen") == 0)) {
                method(ctx, "POST") ? change_status(ctx, s[1], s[3], strcmp(s[4], "submit") == 0)
                                    : wrong_method(ctx, "POST");
                return 1;
        }
        if (n == 5 && strcmp(s[4], "history") == 0) {
                method(ctx, "GET") ? get_history(ctx, s[1], s[3]) : wrong_method(ctx, "GET, HEAD");
                return 1;
        }
        if (n == 6 && strcmp(s[4], "answers") == 0) {
                method(ctx, "PUT") ? put_answer(ctx, s[1], s[3], s[5]) : wrong_method(ctx, "PUT");
                return 1;
        }
        if (n == 7 && strcmp(s[4], "answers") == 0 && strcmp(s[6], "confirm") == 0) {
                method(ctx, "POST") ? confirm_answer(ctx, s[1], s[3], s[5])
                                    : wrong_method(ctx, "POST");
                return 1;
        }
        return 0;
}
