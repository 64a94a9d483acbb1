/*
 * answers.c: reading answers files (maturinh-answers/1), one establishment
 * at a time.
 *
 * The reader streams the YAML file through yamltree.c: each document is
 * parsed into a tree, checked against the référentiel, turned into an
 * mh_establishment, and its tree freed before the next one is read.  Every
 * problem of a document is diagnosed (never only the first), prefixed with
 * the establishment it concerns, so that an ARS analyst can send each
 * hospital the list of what to fix.  The same value rules serve files and
 * mh_establishment_set_answer() (the questionnaire, CSV imports).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer_value.h"
#include "establishment_internal.h"
#include "referentiel_internal.h"
#include "util/cnum.h"
#include "util/i18n.h"
#include "util/yamltree.h"

struct mh_answers_reader {
        const mh_referentiel *ref;
        mh__yreader *yaml;
        FILE *file;   /* owned when opened from a path */
        char *source; /* owned copy of the name */
        mh_diagnostics *diags;
        mh_diagnostics *yaml_diags; /* YAML-level errors, re-issued with the label */
        char label[96];             /* of the last document: FINESS or position */
        const char *label_prefix;   /* "establishment " in the user's language */
        size_t label_prefix_length; /* (0 for a translation too long for label) */
        unsigned last_line;         /* line of the last document */
        int read_any;               /* a document with content was read (or the end told) */
};

/* Checking one document. */
typedef struct doc_check {
        mh_answers_reader *reader;
        mh_establishment *est; /* being built */
        size_t errors;         /* diagnosed in this document */
        int nomem;
        int other_referentiel; /* written for another référentiel id: its answers mean nothing here
                                */
} doc_check;

/*
 * The establishment read from `doc`: it takes over the document's arena, so
 * that the texts it keeps (profile, answers, comments) are the document's own,
 * not copies.
 */
static int establishment_of(mh_establishment **out, const mh_referentiel *ref, mh__ydoc *doc)
{
        mh__arena *arena = mh__ydoc_take_arena(doc);

        return arena != NULL ? mh__establishment_new_in(out, ref, arena) : MH_ENOMEM;
}

/* ---- Reading documents -------------------------------------------------- */

static void check_error(doc_check *c, const mh__ynode *node, const char *fmt, ...) MH_PRINTF(3, 4);

/* Diagnoses a problem of the document, naming the establishment. */
static void check_error(doc_check *c, const mh__ynode *node, const char *fmt, ...)
{
        char message[MH_ERROR_MESSAGE_MAX];
        va_list ap;

        if (node != NULL && node->kind == MH_YSCALAR && node->length == 0 && node->plain &&
            node->key != NULL)
                node = node->key;
        va_start(ap, fmt);
        vsnprintf(message, sizeof(message), mh__tr(fmt), ap);
        va_end(ap);
        mh__diag_add(c->reader->diags, c->reader->source, node ? node->line : c->reader->last_line,
                     node ? node->column : 1, "%s: %s", c->reader->label, message);
        c->errors++;
}

static const char *describe(const mh__ynode *node, char *buf, size_t size)
{
        if (node->kind == MH_YSCALAR && mh__yscalar_kind(node) != MH_YNULL) {
                snprintf(buf, size, "'%.60s'", node->value);
                return buf;
        }
        return mh__tr(mh__ynode_describe(node));
}

/* Keys of `map` not in `allowed` are errors. */
static void check_keys(doc_check *c, const mh__ynode *map, const char *where,
                       const char *const *allowed)
{
        const mh__ynode *child;
        size_t i;

        for (child = map->first; child != NULL; child = child->next) {
                const char *key = child->key->value;

                for (i = 0; allowed[i] != NULL; i++)
                        if (key[0] == allowed[i][0] && strcmp(key, allowed[i]) == 0)
                                break;
                if (allowed[i] == NULL) {
                        const char *closest = mh_suggest(key, allowed);

                        if (closest != NULL)
                                check_error(c, child->key,
                                            "unknown key '%.64s' %s (did you mean '%s'?)", key,
                                            mh__tr(where), closest);
                        else
                                check_error(c, child->key, "unknown key '%.64s' %s", key,
                                            mh__tr(where));
                }
        }
}

/* The text of a required or optional scalar; NULL when absent or wrong (diagnosed). */
static const char *scalar_text(doc_check *c, const mh__ynode *map, const char *key, int required,
                               const char *where)
{
        const mh__ynode *node = mh__ynode_get(map, key);
        char buf[96];

        if (node == NULL) {
                if (required)
                        check_error(c, map, "missing required key '%s' %s", key, mh__tr(where));
                return NULL;
        }
        if (node->kind != MH_YSCALAR || (node->plain && mh__is_null_text(node->value))) {
                if (required || node->kind != MH_YSCALAR)
                        check_error(c, node, "'%s' must be a value, got %s", key,
                                    describe(node, buf, sizeof(buf)));
                return NULL;
        }
        if (strspn(node->value, " \t") == node->length) {
                check_error(c, node, "'%s' must not be empty", key);
                return NULL;
        }
        if (mh__text_problem(node->value, node->length, MH_TEXT_LINE, buf, sizeof(buf)) < 0) {
                check_error(c, node, "'%s': %s", key, buf);
                return NULL;
        }
        return node->value;
}

static const mh__ynode *mapping(doc_check *c, const mh__ynode *map, const char *key, int required,
                                const char *where)
{
        const mh__ynode *node = mh__ynode_get(map, key);
        char buf[96];

        if (node == NULL) {
                if (required)
                        check_error(c, map, "missing required key '%s' %s", key, mh__tr(where));
                return NULL;
        }
        if (node->kind != MH_YMAPPING) {
                int empty =
                    node->kind == MH_YSCALAR && node->plain && mh__is_null_text(node->value);

                if (empty && strcmp(key, "answers") != 0 && strcmp(key, "comments") != 0) {
                        check_error(c, node, "'%s' must be a mapping, got an empty value", key);
                        return NULL;
                }
                if (empty)
                        return NULL; /* `answers:` with nothing yet */
                check_error(c, node, "'%s' must be a mapping, got %s", key,
                            describe(node, buf, sizeof(buf)));
                return NULL;
        }
        return node;
}

/* The text of a profile field, checked by the profile's rules (diagnosed when wrong). */
static int profile_field(doc_check *c, const mh__ynode *est_node, const char *key, mh__field field,
                         int required, const char *where, long *value)
{
        char why[MH_ERROR_MESSAGE_MAX];
        const char *text = scalar_text(c, est_node, key, required, where);

        if (text == NULL)
                return -1;
        if (mh__profile_field(field, text, value, why, sizeof(why)) < 0) {
                check_error(c, mh__ynode_get(est_node, key), "%s", why);
                return -1;
        }
        return 0;
}

/* A contact field (private, optional): one line, an email loosely checked. */
static void contact_field(doc_check *c, const mh__ynode *est_node, const char *key,
                          const char *where, const char **out)
{
        char why[MH_ERROR_MESSAGE_MAX];
        const char *text = scalar_text(c, est_node, key, 0, where);
        int email = strcmp(key, "contact_email") == 0;

        if (text == NULL)
                return;
        if (mh__contact_problem(email ? NULL : text, email ? text : NULL, why, sizeof(why)) !=
            NULL) {
                check_error(c, mh__ynode_get(est_node, key), "%s", why);
                return;
        }
        *out = text;
}

static void check_profile(doc_check *c, const mh__ynode *est_node)
{
        static const char *const keys[] = {"finess",      "finess_ej",    "name",          "region",
                                           "departement", "category",     "beds",          "ose",
                                           "ght",         "contact_name", "contact_email", NULL};
        static const char *const where = N_("in 'establishment'");
        mh_establishment *est = c->est;
        const mh__ynode *node;
        const char *text, *problem;
        char buf[MH__FINESS_PROBLEM_SIZE], why[MH_ERROR_MESSAGE_MAX];
        long value;

        check_keys(c, est_node, where, keys);
        /* the FINESS was checked first, to name the establishment in messages */
        if ((text = scalar_text(c, est_node, "finess_ej", 0, where)) != NULL) {
                if ((problem = mh__finess_problem(text, buf)) != NULL)
                        check_error(c, mh__ynode_get(est_node, "finess_ej"),
                                    "invalid FINESS EJ '%.*s': %s", mh__utf8_prefix(text, 20), text,
                                    problem);
                else
                        est->finess_ej = text;
        }
        if ((text = scalar_text(c, est_node, "name", 1, where)) != NULL)
                est->name = text;
        if (profile_field(c, est_node, "region", MH__FIELD_REGION, 1, where, &value) == 0)
                est->region = mh__ynode_get(est_node, "region")->value;
        if (profile_field(c, est_node, "departement", MH__FIELD_DEPARTEMENT, 0, where, &value) == 0)
                est->departement = mh__ynode_get(est_node, "departement")->value;
        if (profile_field(c, est_node, "category", MH__FIELD_CATEGORY, 1, where, &value) == 0)
                est->category = mh__ynode_get(est_node, "category")->value;
        /* beds and ose may be null (unknown); a mapping or a list is not a value */
        if ((node = mh__ynode_get(est_node, "beds")) != NULL &&
            !(node->kind == MH_YSCALAR && node->plain && mh__is_null_text(node->value)) &&
            profile_field(c, est_node, "beds", MH__FIELD_BEDS, 0, where, &value) == 0)
                est->beds = value;
        if ((node = mh__ynode_get(est_node, "ose")) != NULL &&
            !(node->kind == MH_YSCALAR && node->plain && mh__is_null_text(node->value)) &&
            profile_field(c, est_node, "ose", MH__FIELD_OSE, 0, where, &value) == 0)
                est->ose = (int)value;
        if ((text = scalar_text(c, est_node, "ght", 0, where)) != NULL)
                est->ght = text;
        if (est->departement != NULL && est->region != NULL &&
            mh__departement_region_problem(est->departement, est->region, why, sizeof(why)))
                check_error(c, mh__ynode_get(est_node, "departement"), "%s", why);
        else if (est->finess != NULL && est->region != NULL) {
                node = mh__ynode_get(est_node, "finess");
                mh__finess_region_warn(c->reader->diags, c->reader->source, node->line,
                                       node->column, c->reader->label, est->finess, est->region);
        }
        if (est->category != NULL && !c->other_referentiel) {
                node = mh__ynode_get(est_node, "category");
                mh__sector_warn(c->reader->diags, c->reader->source, node->line, node->column,
                                c->reader->label, est->category, c->reader->ref);
        }
        contact_field(c, est_node, "contact_name", where, &est->contact_name);
        contact_field(c, est_node, "contact_email", where, &est->contact_email);
}

/* Names the document in messages: its FINESS when valid, else its position. */
static void label_document(mh_answers_reader *reader, doc_check *c, const mh__ynode *root,
                           unsigned line)
{
        const mh__ynode *est_node = mh__ynode_get(root, "establishment");
        const mh__ynode *finess = mh__ynode_get(est_node, "finess");
        char why[MH__FINESS_PROBLEM_SIZE], buf[96];
        const char *problem = NULL;

        reader->last_line = line;
        if (finess != NULL && finess->kind == MH_YSCALAR && finess->length > 0 &&
            (problem = mh__finess_problem(finess->value, why)) == NULL) {
                /* a valid FINESS is 9 digits: no printf for every establishment read */
                size_t n = reader->label_prefix_length;

                if (n + finess->length + 1 > sizeof(reader->label))
                        n = 0;
                memcpy(reader->label, reader->label_prefix, n);
                memcpy(reader->label + n, finess->value, finess->length + 1);
                c->est->finess = finess->value;
                return;
        }
        snprintf(reader->label, sizeof(reader->label), mh__tr("establishment at line %u"), line);
        if (finess == NULL)
                return; /* diagnosed as a missing key */
        if (finess->kind != MH_YSCALAR || finess->length == 0)
                check_error(c, finess, "'finess' must be a FINESS number, got %s",
                            describe(finess, buf, sizeof(buf)));
        else
                check_error(c, finess, "invalid FINESS '%.*s': %s",
                            mh__utf8_prefix(finess->value, 20), finess->value, problem);
}

static void check_answers(doc_check *c, const mh__ynode *answers, const mh__ynode *comments)
{
        const mh_referentiel *ref = c->reader->ref;
        mh_establishment *est = c->est;
        const mh__ynode *child;
        char why[MH_ERROR_MESSAGE_MAX / 2], buf[96];

        for (child = answers ? answers->first : NULL; child != NULL; child = child->next) {
                const char *id = child->key->value;
                const mh_indicator *ind = mh__referentiel_find_indicator_hashed(
                    ref, id, child->key->length, child->key->hash);
                struct mh__answer *answer;

                if (ind == NULL) {
                        if (mh_referentiel_find_domain(ref, id) != NULL)
                                check_error(c, child->key,
                                            "'%.64s' is a domain, not an indicator: answer its "
                                            "indicators",
                                            id);
                        else if (mh_referentiel_find_criterion(ref, id) != NULL)
                                check_error(c, child->key,
                                            "'%.64s' is a criterion, not an indicator: answer its "
                                            "indicators",
                                            id);
                        else
                                check_error(c, child->key,
                                            "unknown indicator '%.64s' (not in référentiel %s "
                                            "%s)",
                                            id, ref->id, ref->version);
                        continue;
                }
                if (child->kind != MH_YSCALAR) {
                        check_error(c, child, "'%s' must be a single value, got %s", id,
                                    describe(child, buf, sizeof(buf)));
                        continue;
                }
                /*
                 * Parsed in place (each indicator is given once: the YAML
                 * reader drops duplicate keys); an answer in error is left
                 * empty.  Copying a parsed local instead stalled on reading
                 * back what had just been written.
                 */
                answer = &est->answers[ind->index];
                if (mh__parse_answer(est, ind, child->value, child->plain, answer, why,
                                     sizeof(why)) < 0) {
                        memset(answer, 0, sizeof(*answer));
                        check_error(c, child, "'%s' %s", id, why);
                }
        }
        for (child = comments ? comments->first : NULL; child != NULL; child = child->next) {
                const char *id = child->key->value;
                const mh_indicator *ind = mh__referentiel_find_indicator_hashed(
                    ref, id, child->key->length, child->key->hash);

                if (ind == NULL) {
                        check_error(c, child->key, "comment on unknown indicator '%.64s'", id);
                        continue;
                }
                if (child->kind != MH_YSCALAR) {
                        check_error(c, child, "the comment on '%s' must be text, got %s", id,
                                    describe(child, buf, sizeof(buf)));
                        continue;
                }
                if (mh__text_problem(child->value, child->length, MH_TEXT_LINES, buf, sizeof(buf)) <
                    0) {
                        check_error(c, child, "the comment on '%s': %s", id, buf);
                        continue;
                }
                if (!(child->plain && mh__is_null_text(child->value)))
                        est->answers[ind->index].comment = child->value;
        }
}

static void check_document(doc_check *c, const mh__ynode *root)
{
        static const char *const keys[] = {"format", "referentiel", "campaign", "establishment",
                                           "status", "answers",     "comments", NULL};
        static const char *const top = N_("at the top level");
        mh_answers_reader *reader = c->reader;
        mh_establishment *est = c->est;
        const mh__ynode *node, *ref_node, *campaign, *est_node, *answers, *comments;
        const char *text;
        char why[160], buf[96];

        if (root->kind != MH_YMAPPING) {
                check_error(c, root,
                            "an answers document must be a mapping (format, referentiel, "
                            "campaign, establishment, answers), got %s",
                            describe(root, buf, sizeof(buf)));
                return;
        }
        if ((text = scalar_text(c, root, "format", 1, top)) != NULL &&
            strcmp(text, MH_ANSWERS_FORMAT) != 0) {
                check_error(c, mh__ynode_get(root, "format"),
                            "unsupported format '%.40s': expected '%s'", text, MH_ANSWERS_FORMAT);
                return;
        }
        check_keys(c, root, top, keys);
        if ((ref_node = mapping(c, root, "referentiel", 1, top)) != NULL) {
                const char *id = scalar_text(c, ref_node, "id", 1, N_("in 'referentiel'"));
                const char *version =
                    scalar_text(c, ref_node, "version", 1, N_("in 'referentiel'"));
                static const char *const ref_keys[] = {"id", "version", NULL};

                check_keys(c, ref_node, N_("in 'referentiel'"), ref_keys);
                c->other_referentiel = id != NULL && strcmp(id, reader->ref->id) != 0;
                if (id != NULL && version != NULL &&
                    (strcmp(id, reader->ref->id) != 0 ||
                     strcmp(version, reader->ref->version) != 0))
                        check_error(c, ref_node,
                                    "these answers are for référentiel %.64s %.32s, but the "
                                    "référentiel given is %s %s",
                                    id, version, reader->ref->id, reader->ref->version);
        }
        if ((campaign = mapping(c, root, "campaign", 1, top)) != NULL) {
                static const char *const campaign_keys[] = {"id", "reference_date", NULL};

                check_keys(c, campaign, N_("in 'campaign'"), campaign_keys);
                if ((text = scalar_text(c, campaign, "id", 1, N_("in 'campaign'"))) != NULL)
                        est->campaign = text;
                if ((text = scalar_text(c, campaign, "reference_date", 1, N_("in 'campaign'"))) !=
                    NULL) {
                        int date = mh__parse_date(text, &est->reference_days, why, sizeof(why));

                        if (date == MH__DATE_MALFORMED)
                                check_error(c, mh__ynode_get(campaign, "reference_date"),
                                            "'reference_date' %s, got '%.40s'", why, text);
                        else if (date != MH__DATE_OK)
                                check_error(c, mh__ynode_get(campaign, "reference_date"),
                                            "'reference_date': %s", why);
                        else
                                est->reference_date = text;
                }
        }
        if ((est_node = mapping(c, root, "establishment", 1, top)) != NULL) {
                if (mh__ynode_get(est_node, "finess") == NULL)
                        check_error(c, est_node,
                                    "missing required key 'finess' in "
                                    "'establishment'");
                check_profile(c, est_node);
        }
        if ((node = mh__ynode_get(root, "status")) != NULL &&
            !(node->kind == MH_YSCALAR && node->plain && mh__is_null_text(node->value))) {
                if (node->kind != MH_YSCALAR ||
                    mh_submission_parse(&est->submission, node->value) < 0)
                        check_error(c, node, "unknown status %s: expected draft or submitted",
                                    describe(node, buf, sizeof(buf)));
        }
        answers = mapping(c, root, "answers", 1, top);
        comments = mapping(c, root, "comments", 0, top);
        /* the answers of another référentiel (the sanitaire one read with the
         * médico-social one, say) would each be an error: the one above says it all */
        if (!c->other_referentiel)
                check_answers(c, answers, comments);
}

static size_t count_or_zero(const mh_diagnostics *diags)
{
        return diags != NULL ? mh_diagnostics_count(diags) : 0;
}

/* Re-issues the YAML-level errors of the document, naming the establishment. */
static void relay_yaml_errors(mh_answers_reader *reader)
{
        size_t i;

        for (i = 0; i < mh_diagnostics_count(reader->yaml_diags); i++) {
                const mh_error *err = mh_diagnostics_get(reader->yaml_diags, i);

                if (reader->label[0] != '\0')
                        mh__diag_add(reader->diags, err->source, err->line, err->column, "%s: %s",
                                     reader->label, err->message);
                else
                        mh__diag_add(reader->diags, err->source, err->line, err->column, "%s",
                                     err->message);
        }
        mh_diagnostics_clear(reader->yaml_diags);
}

/* A document with no content at all (`---` alone, or comments only). */
static int is_empty_document(const mh__ydoc *doc)
{
        const mh__ynode *root = mh__ydoc_root(doc);

        return root->kind == MH_YSCALAR && root->plain && root->length == 0;
}

int mh_answers_next(mh_establishment **out, mh_answers_reader *reader)
{
        size_t first = count_or_zero(reader->diags);
        mh__ydoc *doc = NULL;
        doc_check c;
        int rc;

        memset(&c, 0, sizeof(c));
        c.reader = reader;
        reader->label[0] = '\0';
        do {
                mh__ydoc_free(doc);
                doc = NULL;
                rc = mh__yreader_next(reader->yaml, &doc);
        } while (rc == 1 && is_empty_document(doc) && mh__ydoc_error_count(doc) == 0);
        if (rc == 0 && !reader->read_any && mh_diagnostics_count(reader->yaml_diags) == 0) {
                /* empty, comments only, empty documents: a wrong or truncated
                 * file, never a batch of zero (the next call says the end) */
                reader->read_any = 1;
                mh__ydoc_free(doc);
                mh__diag_add(reader->diags, reader->source, 0, 0,
                             N_("no establishment in this file"));
                return MH_EINVALID;
        }
        reader->read_any = 1;
        if (rc <= 0) {
                if (doc != NULL) { /* a broken document: name it from what was read */
                        if (establishment_of(&c.est, reader->ref, doc) == 0)
                                label_document(reader, &c, mh__ydoc_root(doc), mh__ydoc_line(doc));
                }
                relay_yaml_errors(reader);
                mh__diag_sort_from(reader->diags, first);
                mh_establishment_free(c.est);
                mh__ydoc_free(doc);
                return rc == 0 ? MH_ITEROVER : rc;
        }
        if ((rc = establishment_of(&c.est, reader->ref, doc)) < 0)
                goto out;
        c.est->line = mh__ydoc_line(doc);
        c.errors = mh__ydoc_error_count(doc);
        label_document(reader, &c, mh__ydoc_root(doc), mh__ydoc_line(doc));
        relay_yaml_errors(reader);
        check_document(&c, mh__ydoc_root(doc));
        if ((c.est->source = mh__arena_strdup(c.est->arena, reader->source)) == NULL)
                c.nomem = 1;
        if (c.nomem) {
                mh__diag_add(reader->diags, reader->source, 0, 0, N_("out of memory"));
                rc = MH_ENOMEM;
                goto out;
        }
        if (c.errors > 0) {
                rc = MH_EINVALID;
                goto out;
        }
        *out = c.est;
        c.est = NULL;
        rc = 0;
out:
        mh__diag_sort_from(reader->diags, first);
        mh_establishment_free(c.est);
        mh__ydoc_free(doc);
        return rc;
}

static int open_reader(mh_answers_reader **out, const mh_referentiel *ref, const char *source,
                       mh_diagnostics *diags)
{
        mh_answers_reader *reader = mh__malloc(sizeof(*reader));

        if (reader == NULL)
                return MH_ENOMEM;
        memset(reader, 0, sizeof(*reader));
        reader->ref = ref;
        reader->diags = diags;
        /* TRANSLATORS: names an establishment in messages, before its FINESS */
        reader->label_prefix = mh__tr(N_("establishment "));
        reader->label_prefix_length = strlen(reader->label_prefix);
        if (reader->label_prefix_length >= sizeof(reader->label) - 16)
                reader->label_prefix_length = 0;
        if ((reader->source = mh__strdup(source)) == NULL ||
            mh_diagnostics_new(&reader->yaml_diags) < 0) {
                mh__free(reader->source);
                mh__free(reader);
                return MH_ENOMEM;
        }
        *out = reader;
        return 0;
}

int mh_answers_open_file(mh_answers_reader **out, const mh_referentiel *ref, const char *path,
                         mh_diagnostics *diags)
{
        mh_answers_reader *reader;
        int rc;

        if (out == NULL || ref == NULL || path == NULL)
                return MH_EUSAGE;
        if ((rc = open_reader(&reader, ref, path, diags)) < 0)
                return rc;
        if ((rc = mh__open_input(&reader->file, path, MH_ANSWERS_MAX_BYTES, diags)) < 0) {
                mh_answers_close(reader);
                return rc;
        }
        if ((rc = mh__yreader_new_file(&reader->yaml, reader->file, MH_ANSWERS_MAX_BYTES,
                                       reader->source, reader->yaml_diags)) < 0) {
                mh_answers_close(reader);
                return rc;
        }
        *out = reader;
        return 0;
}

int mh_answers_open_buffer(mh_answers_reader **out, const mh_referentiel *ref, const char *data,
                           size_t length, const char *source, mh_diagnostics *diags)
{
        mh_answers_reader *reader;
        int rc;

        if (out == NULL || ref == NULL || (data == NULL && length > 0))
                return MH_EUSAGE;
        if ((rc = open_reader(&reader, ref, source ? source : "<answers>", diags)) < 0)
                return rc;
        if ((rc = mh__yreader_new_buffer(&reader->yaml, data, length, reader->source,
                                         reader->yaml_diags)) < 0) {
                mh_answers_close(reader);
                return rc;
        }
        *out = reader;
        return 0;
}

void mh_answers_close(mh_answers_reader *reader)
{
        if (reader == NULL)
                return;
        mh__yreader_free(reader->yaml);
        mh_diagnostics_free(reader->yaml_diags);
        if (reader->file != NULL)
                fclose(reader->file);
        mh__free(reader->source);
        mh__free(reader);
}

const char *mh_answers_last_label(const mh_answers_reader *reader)
{
        return reader->label;
}

unsigned mh_answers_last_line(const mh_answers_reader *reader)
{
        return reader->last_line;
}
