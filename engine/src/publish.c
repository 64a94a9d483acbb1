/*
 * publish.c: the Observatoire's public files.
 *
 * `publish` writes four files into a directory: palmares.csv (only the
 * praised establishments, ranked among themselves), observatoire.csv and
 * observatoire.xml (one group per nation, region and region x category,
 * after the disclosure control of observatoire.c), and index.html
 * (observatoire_page.c), then its manifest, .maturinh-publication: what
 * the folder is (campaign, référentiel, SHA-256) and the files it holds, so
 * that a later `publish --force` replaces a publication and nothing else
 * (mh_publication_check).  Every file is written from the same ranking and
 * the same Observatoire, so they show the same figures and empty the same
 * cells.  Everything comes from the population, which holds no answers and
 * no comments.  No clock is read: the same inputs give byte-identical files
 * (a date is printed only when the caller gives one).
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/csv_write.h"
#include "maturinh/publication.h"
#include "publish_internal.h"
#include "referentiel_internal.h"
#include "util/cnum.h"
#include "util/i18n.h"
#include "util/xml_write.h"

#define OBSERVATOIRE_NS "urn:maturinh:observatoire:1"

/* ---- The CSV files ------------------------------------------------------ */

static int palmares_csv(const mh_ranking *ranking, FILE *stream)
{
        mh__csv csv;
        size_t i;

        mh__csv_init(&csv, stream);
        mh__csv_names(&csv, mh__ranked_columns);
        if (mh__csv_end_row(&csv) < 0)
                return MH_EIO;
        for (i = 0; i < mh_ranking_count(ranking); i++) {
                const mh_rank_entry *e = mh_ranking_entry(ranking, i);

                if (!e->praised) /* only the praised are named, ranked among themselves */
                        continue;
                mh__write_ranked(&csv, e, e->praise_rank);
                if (mh__csv_end_row(&csv) < 0)
                        return MH_EIO;
        }
        return 0;
}

struct observatoire_csv {
        const mh_population *pop;
        mh__csv csv;
};

static int observatoire_row(const struct mh__group *g, struct observatoire_csv *o)
{
        const mh_referentiel *ref = o->pop->ref;
        size_t k;

        mh__csv_text(&o->csv, g->region);
        mh__csv_text(&o->csv, g->category);
        mh__csv_integer(&o->csv, (long)g->n_establishments);
        mh__csv_integer(&o->csv, (long)g->n_submitted);
        mh__csv_integer(&o->csv, (long)g->n_eligible);
        mh__csv_bool(&o->csv, g->suppressed);
        mh__csv_number(&o->csv, g->mean, 1);
        mh__csv_number(&o->csv, g->p25, 1);
        mh__csv_number(&o->csv, g->median, 1);
        mh__csv_number(&o->csv, g->p75, 1);
        for (k = 0; k <= ref->n_levels; k++)
                if (g->suppressed)
                        mh__csv_empty(&o->csv);
                else
                        mh__csv_integer(&o->csv, (long)g->levels[k]);
        if (g->suppressed)
                mh__csv_empty(&o->csv);
        else
                mh__csv_integer(&o->csv, (long)g->priority_all);
        for (k = 0; k < o->pop->n_public; k++)
                mh__csv_number(&o->csv, g->pct[k], 1);
        return mh__csv_end_row(&o->csv);
}

static int observatoire_csv(const struct mh__observatoire *obs, FILE *stream)
{
        const mh_population *pop = obs->pop;
        static const char *const header[] = {
            "region", "category", "n_establishments", "n_submitted", "n_eligible", "suppressed",
            "mean",   "p25",      "median",           "p75",         NULL};
        struct observatoire_csv o;
        char column[128];
        size_t i;

        o.pop = pop;
        mh__csv_init(&o.csv, stream);
        mh__csv_names(&o.csv, header);
        for (i = 0; i <= pop->ref->n_levels; i++) {
                mh__snprintf_text(column, sizeof(column), "level_%zu", i);
                mh__csv_text(&o.csv, column);
        }
        mh__csv_text(&o.csv, "priority_all");
        for (i = 0; i < pop->n_public; i++) {
                mh__snprintf_text(column, sizeof(column), "pct:%s", pop->public_criteria[i]->id);
                mh__csv_text(&o.csv, column);
        }
        if (mh__csv_end_row(&o.csv) < 0)
                return MH_EIO;
        for (i = 0; i < obs->n_groups; i++)
                if (observatoire_row(&obs->groups[i], &o) < 0)
                        return MH_EIO;
        return 0;
}

/* ---- observatoire.xml --------------------------------------------------- */

struct xml_groups {
        const mh_population *pop;
        mh__xw *w;
};

static void xml_group(const struct mh__group *g, struct xml_groups *x)
{
        mh__xw *w = x->w;
        size_t k;

        mh__xw_start(w, "group");
        mh__xw_attr(w, "region", g->region);
        mh__xw_attr(w, "category", g->category);
        mh__xw_attrf(w, "establishments", "%zu", g->n_establishments);
        mh__xw_attrf(w, "submitted", "%zu", g->n_submitted);
        mh__xw_attrf(w, "eligible", "%zu", g->n_eligible);
        mh__xw_attr(w, "suppressed", g->suppressed ? "true" : "false");
        if (!g->suppressed) {
                mh__xw_attrf(w, "mean", "%.1f", g->mean);
                mh__xw_attrf(w, "p25", "%.1f", g->p25);
                mh__xw_attrf(w, "median", "%.1f", g->median);
                mh__xw_attrf(w, "p75", "%.1f", g->p75);
                mh__xw_attrf(w, "priority-all", "%zu", g->priority_all);
                for (k = 0; k <= x->pop->ref->n_levels; k++) {
                        mh__xw_start(w, "level");
                        mh__xw_attrf(w, "value", "%zu", k);
                        mh__xw_attrf(w, "count", "%zu", g->levels[k]);
                        mh__xw_end(w);
                }
        }
        for (k = 0; k < x->pop->n_public; k++) {
                mh__xw_start(w, "criterion");
                mh__xw_attr(w, "id", x->pop->public_criteria[k]->id);
                if (!isnan(g->pct[k]))
                        mh__xw_attrf(w, "pct", "%.1f", g->pct[k]);
                mh__xw_end(w);
        }
        mh__xw_end(w);
}

static void document_attributes(mh__xw *w, const mh_population *pop,
                                const mh_publish_options *options)
{
        mh__xw_attr(w, "campaign", mh_population_campaign(pop));
        mh__xw_attr(w, "referentiel", pop->ref->id);
        mh__xw_attr(w, "version", pop->ref->version);
        mh__xw_attr(w, "sha256", pop->ref->sha256);
        if (options != NULL && options->date != NULL)
                mh__xw_attr(w, "date", options->date);
}

static int observatoire_xml(const struct mh__observatoire *obs, const mh_ranking *ranking,
                            const mh_publish_options *options, FILE *stream)
{
        const mh_population *pop = obs->pop;
        struct xml_groups x;
        size_t i;
        int rc;

        if ((rc = mh__xw_open(&x.w, stream, 1, " ")) < 0)
                return rc;
        x.pop = pop;
        mh__xw_start_ns(x.w, "observatoire", OBSERVATOIRE_NS);
        document_attributes(x.w, pop, options);
        mh__xw_start(x.w, "palmares");
        for (i = 0; i < mh_ranking_count(ranking); i++) {
                const mh_rank_entry *e = mh_ranking_entry(ranking, i);

                if (!e->praised)
                        continue;
                mh__xw_start(x.w, "establishment");
                mh__xw_attrf(x.w, "rank", "%u", e->praise_rank);
                mh__xw_attr(x.w, "finess", e->finess);
                mh__xw_attr(x.w, "name", e->name);
                mh__xw_attr(x.w, "region", e->region);
                mh__xw_attr(x.w, "category", e->category);
                mh__xw_attrf(x.w, "score", "%.1f", e->score);
                mh__xw_attrf(x.w, "level", "%u", e->level);
                mh__xw_end(x.w);
        }
        mh__xw_end(x.w);
        for (i = 0; i < obs->n_groups; i++)
                xml_group(&obs->groups[i], &x);
        mh__xw_end(x.w);
        return mh__xw_close(x.w);
}

/* ---- the manifest ------------------------------------------------------- */

#define MANIFEST_FORMAT "maturinh-publication/1"
#define MANIFEST_MAX    ((size_t)64 * 1024) /* a larger file is not one of ours */

enum file { PALMARES, OBSERVATOIRE_CSV, OBSERVATOIRE_XML, INDEX_HTML, MANIFEST };

/* The files of a publication, in the order they are written: the manifest last. */
static const struct {
        const char *name;
        enum file which;
} files[] = {{"palmares.csv", PALMARES},
             {"observatoire.csv", OBSERVATOIRE_CSV},
             {"observatoire.xml", OBSERVATOIRE_XML},
             {"index.html", INDEX_HTML},
             {MH_PUBLICATION_MANIFEST, MANIFEST}};
#define N_FILES (sizeof(files) / sizeof(files[0]))

static void manifest_value(mh__strbuf *buf, const char *key, const char *value)
{
        mh__strbuf_printf(buf, "%s: ", key);
        mh__strbuf_json_string(buf, value); /* one line, whatever the text */
        mh__strbuf_putc(buf, '\n');
}

/*
 * MANIFEST_FORMAT on the first line, then "key: value" lines: the campaign,
 * the référentiel's id, version and SHA-256 (values as JSON strings), and
 * one "file: NAME" line per file of the publication.  No date, no clock: the
 * same inputs give the same manifest.
 */
static int manifest(const mh_population *pop, FILE *stream)
{
        mh__strbuf buf = {NULL, 0, 0, 0};
        size_t i;
        int rc = 0;

        mh__strbuf_printf(&buf, "%s\n", MANIFEST_FORMAT);
        manifest_value(&buf, "campaign", mh_population_campaign(pop));
        manifest_value(&buf, "referentiel", pop->ref->id);
        manifest_value(&buf, "version", pop->ref->version);
        manifest_value(&buf, "sha256", pop->ref->sha256);
        for (i = 0; files[i].which != MANIFEST; i++)
                mh__strbuf_printf(&buf, "file: %s\n", files[i].name);
        if (buf.failed)
                rc = MH_ENOMEM;
        else if (fwrite(buf.data, 1, buf.length, stream) != buf.length)
                rc = MH_EIO;
        mh__strbuf_free(&buf);
        return rc;
}

/* Reads the manifest of `dir` (NUL-terminated) into *out; returns 0 or an MH_E code, said. */
static int manifest_read(char **out, const char *dir, mh_diagnostics *diags)
{
        mh__strbuf path = {NULL, 0, 0, 0};
        char *text = NULL;
        size_t n = 0;
        FILE *f;
        int rc = 0;

        mh__strbuf_printf(&path, "%s/%s", dir, MH_PUBLICATION_MANIFEST);
        if (path.failed)
                return mh__diag_nomem(diags);
        if ((f = fopen(path.data, "rb")) == NULL) {
                if (errno == ENOENT)
                        mh__diag_add(diags, dir, 0, 0,
                                     "not a folder written by maturinh publish (no %s)",
                                     MH_PUBLICATION_MANIFEST);
                else
                        mh__diag_add(diags, path.data, 0, 0, "cannot read: %s", strerror(errno));
                mh__strbuf_free(&path);
                return errno == ENOENT ? MH_EINVALID : MH_EIO;
        }
        if ((text = mh__malloc(MANIFEST_MAX + 1)) == NULL) {
                rc = mh__diag_nomem(diags);
        } else {
                n = fread(text, 1, MANIFEST_MAX + 1, f);
                if (ferror(f)) {
                        mh__diag_add(diags, path.data, 0, 0, "cannot read: %s", strerror(errno));
                        rc = MH_EIO;
                } else {
                        text[n <= MANIFEST_MAX ? n : MANIFEST_MAX] = '\0';
                        if (n > MANIFEST_MAX ||
                            strncmp(text, MANIFEST_FORMAT "\n", sizeof(MANIFEST_FORMAT)) != 0) {
                                mh__diag_add(diags, dir, 0, 0,
                                             "not a folder written by maturinh publish (%s is not "
                                             "a %s manifest)",
                                             MH_PUBLICATION_MANIFEST, MANIFEST_FORMAT);
                                rc = MH_EINVALID;
                        }
                }
        }
        fclose(f);
        mh__strbuf_free(&path);
        if (rc < 0)
                mh__free(text);
        else
                *out = text;
        return rc;
}

/* Nonzero when the manifest lists `name` as one of its files. */
static int manifest_lists(const char *text, const char *name)
{
        const char *line;
        size_t n = strlen(name);

        for (line = strchr(text, '\n'); line != NULL; line = strchr(line + 1, '\n'))
                if (strncmp(line + 1, "file: ", 6) == 0 && strncmp(line + 7, name, n) == 0 &&
                    line[7 + n] == '\n')
                        return 1;
        return 0;
}

int mh_publication_check(const char *dir, const char *ignore, mh_diagnostics *diags)
{
        mh__strbuf path = {NULL, 0, 0, 0};
        char *text = NULL;
        struct dirent *e;
        struct stat st;
        DIR *d;
        int rc;

        if (dir == NULL)
                return MH_EUSAGE;
        if ((rc = manifest_read(&text, dir, diags)) < 0)
                return rc;
        if ((d = opendir(dir)) == NULL) {
                mh__diag_add(diags, dir, 0, 0, "cannot read: %s", strerror(errno));
                mh__free(text);
                return MH_EIO;
        }
        /* everything in it must be a file that the manifest lists */
        while (rc == 0 && (errno = 0, e = readdir(d)) != NULL) {
                const char *name = e->d_name;

                if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
                    strcmp(name, MH_PUBLICATION_MANIFEST) == 0 ||
                    (ignore != NULL && strcmp(name, ignore) == 0))
                        continue;
                mh__strbuf_clear(&path);
                mh__strbuf_printf(&path, "%s/%s", dir, name);
                if (path.failed) {
                        rc = mh__diag_nomem(diags);
                } else if (!manifest_lists(text, name) ||
                           (lstat(path.data, &st) == 0 && !S_ISREG(st.st_mode))) {
                        mh__diag_add(diags, dir, 0, 0,
                                     "holds %s, which maturinh publish did not write", name);
                        rc = MH_EINVALID;
                }
        }
        if (rc == 0 && errno != 0) {
                mh__diag_add(diags, dir, 0, 0, "cannot read: %s", strerror(errno));
                rc = MH_EIO;
        }
        closedir(d);
        mh__strbuf_free(&path);
        mh__free(text);
        return rc;
}

/* ---- publish ------------------------------------------------------------ */

static int write_file(const char *dir, const char *name, enum file which,
                      const struct mh__observatoire *obs, const mh_ranking *ranking,
                      const mh_publish_options *options, mh_diagnostics *diags)
{
        mh__strbuf path = {NULL, 0, 0, 0};
        FILE *f;
        int rc = MH_EIO, failed_errno;

        mh__strbuf_printf(&path, "%s/%s", dir, name);
        if (path.failed) {
                mh__strbuf_free(&path);
                return mh__diag_nomem(diags);
        }
        if ((f = fopen(path.data, "wb")) == NULL) {
                mh__diag_add(diags, path.data, 0, 0, "cannot create: %s", strerror(errno));
                mh__strbuf_free(&path);
                return MH_EIO;
        }
        switch (which) {
        case PALMARES:
                rc = palmares_csv(ranking, f);
                break;
        case OBSERVATOIRE_CSV:
                rc = observatoire_csv(obs, f);
                break;
        case OBSERVATOIRE_XML:
                rc = observatoire_xml(obs, ranking, options, f);
                break;
        case INDEX_HTML:
                rc = mh__write_index_html(obs->pop, obs, ranking, options, f);
                break;
        case MANIFEST:
                rc = manifest(obs->pop, f);
                break;
        }
        /* why a write failed: the errno of the failed write, else of the close */
        failed_errno = rc == MH_EIO || ferror(f) ? errno : 0;
        if (ferror(f) && rc == 0)
                rc = MH_EIO;
        if (fclose(f) != 0 && rc == 0) {
                rc = MH_EIO;
                failed_errno = errno;
        }
        if (rc == MH_EIO)
                mh__diag_add(diags, path.data, 0, 0, "cannot write: %s",
                             failed_errno != 0 ? strerror(failed_errno)
                                               : mh__tr(N_("the file could not be written")));
        else if (rc == MH_ENOMEM)
                mh__diag_nomem(diags);
        mh__strbuf_free(&path);
        return rc;
}

int mh_publish(const mh_population *pop, const mh_publish_options *options, const char *dir,
               mh_diagnostics *diags)
{
        struct mh__observatoire *obs = NULL;
        mh_ranking *ranking = NULL;
        mh_scope national;
        size_t i;
        int rc;

        if (pop == NULL || dir == NULL || pop->n == 0 ||
            (options != NULL && options->version != MH_PUBLISH_OPTIONS_VERSION))
                return MH_EUSAGE;
        memset(&national, 0, sizeof(national));
        if ((rc = mh_rank(&ranking, pop, &national, NULL)) < 0)
                return mh__diag_writer(rc, diags);
        if ((rc = mh__observatoire_build(&obs, pop)) < 0) {
                mh_ranking_free(ranking);
                return mh__diag_writer(rc, diags);
        }
        for (i = 0; rc == 0 && i < N_FILES; i++)
                rc = write_file(dir, files[i].name, files[i].which, obs, ranking, options, diags);
        mh__observatoire_free(obs);
        mh_ranking_free(ranking);
        return rc;
}
