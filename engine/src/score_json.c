/*
 * score_json.c: scores as JSON, built with jansson (the only module that
 * includes it).
 *
 * The document is {"referentiel": {...}, "establishments": [...]}; it is
 * streamed: the wrapper is written by hand and each establishment is one
 * jansson object, dumped and freed before the next is built.  Scores carry
 * their full double value and the one-decimal value people see; undefined
 * scores are null.  Every real is written in the shortest form that reads
 * back as the same double: jansson writes 17 significant digits
 * (41.700000000000003 for the rounded 41.7), so each real it wrote is
 * rewritten with 15 when those give the same double (41.7, 0.5), and kept
 * otherwise (41.666666666666664).
 *
 * jansson allocates with its own allocator, malloc by default: the library
 * never changes it (json_set_alloc_funcs() is process-wide, and would change
 * it for a program that uses jansson itself), so what json_dumps() returns
 * is freed with free().
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/cnum.h"
#include "util/util.h"
#include "score_json.h"
#include "referentiel_internal.h"

static json_t *number_or_null(double value)
{
        return isnan(value) ? json_null() : json_real(value);
}

static int set(json_t *object, const char *key, json_t *value)
{
        return value == NULL ? -1 : json_object_set_new(object, key, value);
}

static int set_string(json_t *object, const char *key, const char *value)
{
        return set(object, key, value != NULL ? json_string(value) : json_null());
}

int mh__json_scores_begin(FILE *stream, const mh_referentiel *ref)
{
        json_t *head;
        char *text;
        int rc = 0;

        if ((head = json_object()) == NULL)
                return MH_ENOMEM;
        if (set_string(head, "id", ref->id) < 0 || set_string(head, "version", ref->version) < 0 ||
            set_string(head, "sha256", ref->sha256) < 0 ||
            set_string(head, "title", mh__text_get(&ref->title, NULL)) < 0 ||
            (text = json_dumps(head, JSON_PRESERVE_ORDER | JSON_COMPACT)) == NULL) {
                json_decref(head);
                return MH_ENOMEM;
        }
        if (fprintf(stream, "{\"referentiel\": %s,\n \"establishments\": [", text) < 0)
                rc = MH_EIO;
        free(text);
        json_decref(head);
        return rc;
}

static json_t *establishment_object(const mh_referentiel *ref, const mh_establishment *est,
                                    const mh_result *result, int detail)
{
        json_t *object = json_object(), *domains = json_array(), *criteria = NULL;
        double global = mh_result_global(result);
        unsigned level = mh_result_level(result);
        size_t d, c;
        int bad = object == NULL || domains == NULL;

        bad |= set_string(object, "finess", mh_establishment_finess(est)) < 0;
        bad |= set_string(object, "name", mh_establishment_name(est)) < 0;
        bad |= set_string(object, "region", mh_establishment_region(est)) < 0;
        bad |= set_string(object, "category", mh_establishment_category(est)) < 0;
        bad |= set_string(object, "campaign", mh_establishment_campaign(est)) < 0;
        bad |= set_string(object, "reference_date", mh_establishment_reference_date(est)) < 0;
        bad |=
            set_string(object, "status", mh_submission_name(mh_establishment_submission(est))) < 0;
        bad |= set(object, "global_score", number_or_null(global)) < 0;
        bad |= set(object, "global_score_rounded", number_or_null(mh_round1(global))) < 0;
        bad |= set(object, "level", json_integer(level)) < 0;
        bad |= set_string(object, "level_label", mh_referentiel_level_label(ref, level, NULL)) < 0;
        bad |= set(object, "completeness", json_real(mh_result_completeness(result))) < 0;
        bad |= set(object, "priority_achieved",
                   json_integer((json_int_t)mh_result_priority_achieved(result))) < 0;
        bad |= set(object, "priority_total",
                   json_integer((json_int_t)mh_result_priority_total(result))) < 0;
        if (detail)
                bad |= (criteria = json_array()) == NULL;
        for (d = 0; !bad && d < ref->n_domains; d++) {
                const struct mh_domain *domain = &ref->domains[d];
                double score = mh_result_domain_score(result, domain);
                json_t *item = json_object();

                bad |= item == NULL || json_array_append_new(domains, item) < 0;
                bad |= set_string(item, "id", domain->id) < 0;
                bad |= set(item, "score", number_or_null(score)) < 0;
                bad |= set(item, "score_rounded", number_or_null(mh_round1(score))) < 0;
                for (c = 0; detail && !bad && c < domain->n_criteria; c++) {
                        const struct mh_criterion *crit = &domain->criteria[c];
                        json_t *entry = json_object();

                        bad |= entry == NULL || json_array_append_new(criteria, entry) < 0;
                        bad |= set_string(entry, "id", crit->id) < 0;
                        bad |= set_string(entry, "domain", domain->id) < 0;
                        bad |= set_string(
                                   entry, "status",
                                   mh_status_name(mh_result_criterion_status(result, crit))) < 0;
                        bad |= set(entry, "score",
                                   number_or_null(mh_result_criterion_score(result, crit))) < 0;
                }
        }
        if (!bad)
                bad |= json_object_set_new(object, "domains", domains) < 0;
        else
                json_decref(domains);
        if (criteria != NULL) {
                if (!bad)
                        bad |= json_object_set_new(object, "criteria", criteria) < 0;
                else
                        json_decref(criteria);
        }
        if (bad) {
                json_decref(object);
                return NULL;
        }
        return object;
}

/*
 * `text`, a real as jansson wrote it (17 significant digits), in its
 * shortest exact form into `out` (at most `size` bytes); 0 when that is not
 * shorter.
 */
static size_t shortest_real(const char *text, size_t length, char *out, size_t size)
{
        char token[40];
        double value;
        int n;

        if (length >= sizeof(token))
                return 0;
        memcpy(token, text, length);
        token[length] = '\0';
        value = mh__strtod_c(token, NULL);
        n = mh__snprintf_c(out, size, "%.15g", value);
        if (n <= 0 || (size_t)n >= size || mh__strtod_c(out, NULL) != value)
                return 0;
        if (strpbrk(out, ".e") == NULL) /* still a real, as jansson writes it: 100.0 */
                n = mh__snprintf_c(out, size, "%.15g.0", value);
        return n > 0 && (size_t)n < length ? (size_t)n : 0;
}

/* Rewrites, in place, every real of a JSON text in its shortest exact form. */
static void shorten_reals(char *text)
{
        char *r = text, *w = text, shorter[40];
        int in_string = 0;

        while (*r != '\0') {
                size_t n, k;

                if (in_string || *r == '"') {
                        if (in_string && *r == '\\' && r[1] != '\0')
                                *w++ = *r++; /* the escaped character is copied below */
                        else if (*r == '"')
                                in_string = !in_string;
                        *w++ = *r++;
                        continue;
                }
                if (*r != '-' && (*r < '0' || *r > '9')) {
                        *w++ = *r++;
                        continue;
                }
                n = strspn(r, "+-0123456789.eE");
                k = strcspn(r, ".eE") < n ? shortest_real(r, n, shorter, sizeof(shorter)) : 0;
                if (k > 0)
                        memcpy(w, shorter, k);
                else
                        memmove(w, r, n);
                w += k > 0 ? k : n;
                r += n;
        }
        *w = '\0';
}

int mh__json_scores_add(FILE *stream, const mh_referentiel *ref, const mh_establishment *est,
                        const mh_result *result, int detail, int first)
{
        json_t *object;
        char *text;
        int rc = 0;

        if ((object = establishment_object(ref, est, result, detail)) == NULL)
                return MH_ENOMEM;
        text = json_dumps(object, JSON_PRESERVE_ORDER | JSON_INDENT(2) | JSON_REAL_PRECISION(17));
        json_decref(object);
        if (text == NULL)
                return MH_ENOMEM;
        shorten_reals(text);
        if (fprintf(stream, "%s\n  %s", first ? "" : ",", text) < 0)
                rc = MH_EIO;
        free(text);
        return rc;
}

int mh__json_scores_end(FILE *stream)
{
        return fprintf(stream, "\n ]}\n") < 0 ? MH_EIO : 0;
}
