/*
 * cmd_extract.c: `maturinh import --finess-extract FILE`, the official
 * FINESS extract into the profiles of a campaign (maturinh/finess_extract.h).
 *
 * The command checks its options (a region scope, category codes of the
 * table or a sector), lets the library read and import the file in one
 * transaction, and says what it did in one line on stderr: the
 * establishments kept (new, updated, unchanged) and the lines skipped, by
 * reason, with numbers as people read them in the language of the messages.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_store.h"

/* Most category codes --categories may list (the table holds about 60). */
#define CATEGORIES_MAX 128

/* `n` as people read it: "98,120" in English, "98 120" (narrow no-break space) in French. */
static const char *count_text(char *buf, size_t size, size_t n)
{
        char digits[32];
        const char *sep = strcmp(mh_language(), "fr") == 0 ? "\xe2\x80\xaf" : ",";
        size_t length, i, out = 0, sep_length = strlen(sep);

        snprintf(digits, sizeof(digits), "%zu", n);
        length = strlen(digits);
        for (i = 0; i < length && out + sep_length + 2 < size; i++) {
                if (i > 0 && (length - i) % 3 == 0) {
                        memcpy(buf + out, sep, sep_length);
                        out += sep_length;
                }
                buf[out++] = digits[i];
        }
        buf[out] = '\0';
        return buf;
}

/* The categories of --categories: a sector, or codes of the table. */
struct categories {
        mh_sector sector;
        char *copy; /* the list, cut at its commas */
        const char *codes[CATEGORIES_MAX + 1];
        int given;         /* codes were listed */
        int from_campaign; /* none given: the sector of the campaign's référentiel */
};

/* Reads --categories; returns -1 to go on, or the exit code (after saying why). */
static int parse_categories(struct categories *c, const char *text)
{
        char *p, *save = NULL;
        size_t n = 0;

        memset(c, 0, sizeof(*c));
        if (text == NULL) {
                c->from_campaign = 1;
                return -1;
        }
        if (strcmp(text, "all") == 0)
                return -1;
        if (strcmp(text, "sanitaire") == 0) {
                c->sector = MH_SECTOR_SANITAIRE;
                return -1;
        }
        if (strcmp(text, "medico-social") == 0 || strcmp(text, "médico-social") == 0) {
                c->sector = MH_SECTOR_MEDICO_SOCIAL;
                return -1;
        }
        if ((c->copy = strdup(text)) == NULL) {
                cli_error(N_("out of memory"));
                return EXIT_SOFTWARE;
        }
        for (p = strtok_r(c->copy, ",", &save); p != NULL; p = strtok_r(NULL, ",", &save)) {
                const mh_category *category = mh_category_find(p);

                if (category != NULL && category->retired != NULL)
                        return cli_usage_error("import",
                                               N_("category %s was retired on %s (--categories)"),
                                               p, category->retired);
                if (category == NULL)
                        return cli_usage_error(
                            "import",
                            N_("unknown category '%.20s' (--categories): expected FINESS category "
                               "codes of the table (101,355,...), sanitaire, medico-social or all"),
                            p);
                if (n == CATEGORIES_MAX)
                        return cli_usage_error("import",
                                               N_("too many categories (--categories): at most %d"),
                                               CATEGORIES_MAX);
                c->codes[n++] = p;
        }
        if (n == 0)
                return cli_usage_error(
                    "import",
                    N_("no category in --categories: give codes (101,355,...), sanitaire, "
                       "medico-social or all"));
        c->codes[n] = NULL;
        c->given = 1;
        return -1;
}

static void progress(void *context)
{
        (void)context;
        cli_progress_tick();
}

/* Adds one reason to the summary: ": TEXT" the first time, ", TEXT" after. */
static void reason(int *first, size_t n, const char *text)
{
        if (n == 0)
                return;
        fputs(*first ? _(": ") : ", ", stderr);
        *first = 0;
        fputs(text, stderr);
}

/* The summary line on stderr. */
static void summary(const char *path, const mh_finess_extract_result *r, const char *region)
{
        char kept[48], added[48], changed[48], same[48], skipped[48], n[48], text[256];
        size_t n_skipped = mh_finess_extract_skipped(r);
        int first = 1;

        fprintf(stderr,
                cli_ntr("%s: %s establishment (%s new, %s updated, %s unchanged)",
                        "%s: %s establishments (%s new, %s updated, %s unchanged)", r->kept),
                path, count_text(kept, sizeof(kept), r->kept),
                count_text(added, sizeof(added), r->stats.establishments_added),
                count_text(changed, sizeof(changed), r->stats.establishments_changed),
                count_text(same, sizeof(same), r->stats.establishments_same));
        if (n_skipped > 0) {
                fprintf(stderr, cli_ntr("; %s line skipped", "; %s lines skipped", n_skipped),
                        count_text(skipped, sizeof(skipped), n_skipped));
                snprintf(text, sizeof(text), _("%s of other categories"),
                         count_text(n, sizeof(n), r->other_category));
                reason(&first, r->other_category, text);
                snprintf(text, sizeof(text), _("%s outside region %s"),
                         count_text(n, sizeof(n), r->outside_scope), region ? region : "");
                reason(&first, r->outside_scope, text);
                snprintf(text, sizeof(text), _("%s outside the ARS regions"),
                         count_text(n, sizeof(n), r->outside_ars));
                reason(&first, r->outside_ars, text);
                snprintf(text, sizeof(text), _("%s of another type"),
                         count_text(n, sizeof(n), r->other_type));
                reason(&first, r->other_type, text);
        }
        fputc('\n', stderr);
}

int cmd_import_extract(const struct db_options *o, const struct extract_options *e)
{
        mh_finess_extract_options options = MH_FINESS_EXTRACT_OPTIONS_INIT;
        mh_finess_extract_result result;
        struct categories categories;
        mh_store *store = NULL;
        mh_diagnostics *diags = NULL;
        const char *region = NULL;
        int code, rc;

        if (e->path == NULL)
                return cli_usage_error("import",
                                       N_("--scope and --categories are for a FINESS extract: "
                                          "give it with --finess-extract FILE"));
        if (o->args.argc > 0)
                return cli_usage_error("import",
                                       N_("--finess-extract imports one file: '%s' is "
                                          "one too many"),
                                       o->args.argv[0]);
        if (o->ref_path != NULL || o->keep_going || o->status != NULL)
                return cli_usage_error("import", N_("--finess-extract reads profiles only: no -r, "
                                                    "--keep-going or --status with it"));
        if (o->campaign == NULL)
                return cli_usage_error("import", N_("no campaign given: use --campaign ID"));
        if (e->scope != NULL) {
                if (strncmp(e->scope, "region:", 7) != 0 || !mh_region_valid(e->scope + 7))
                        return cli_usage_error(
                            "import",
                            N_("unknown scope '%.40s' for a FINESS extract: expected region:CODE, "
                               "an INSEE region code such as region:84"),
                            e->scope);
                region = e->scope + 7;
        }
        if ((code = parse_categories(&categories, e->categories)) >= 0) {
                free(categories.copy);
                return code;
        }
        options.user = o->user;
        options.campaign = o->campaign;
        options.region = region;
        options.sector = categories.sector;
        options.categories = categories.given ? categories.codes : NULL;
        options.progress = progress;
        if ((code = cli_open_existing_store(&store, o->db)) != EXIT_OK)
                goto out;
        if (mh_diagnostics_new(&diags) < 0) {
                code = EXIT_SOFTWARE;
                goto out;
        }
        if (categories.from_campaign) {
                /* the sector the campaign's référentiel is written for; a campaign
                 * that does not exist is the import's to report */
                mh_referentiel *ref = NULL;

                if (mh_store_campaign_referentiel(&ref, store, o->campaign, NULL) == 0)
                        options.sector = mh_referentiel_sector(ref);
                mh_referentiel_free(ref);
        }
        memset(&result, 0, sizeof(result));
        cli_progress_start(e->path);
        rc = mh_finess_extract_import(&result, store, e->path, &options, diags);
        cli_progress_end();
        cli_print_diagnostics(diags);
        if (rc == 0) {
                summary(e->path, &result, region);
                code = EXIT_OK;
        } else {
                cli_error(N_("%s: nothing imported"), e->path);
                code = rc == MH_EINVALID ? EXIT_DATAERR : cli_exit_code(rc);
        }
out:
        mh_diagnostics_free(diags);
        mh_store_close(store);
        free(categories.copy);
        return code;
}
