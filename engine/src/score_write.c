/*
 * score_write.c: `maturinh score` output: table, CSV, JSON, XML.
 *
 * One writer, four formats, each streaming one establishment at a time.
 * CSV follows the stable columns of docs/cli.md exactly (scores with 6
 * decimals, empty cells for undefined values); the table is for people:
 * aligned, one decimal, in the language of the messages (mh_language(): its
 * words, its numbers "41,7" or "41.7", the référentiel's labels in it when it
 * has them).  JSON and XML are delegated to score_json.c and score_xml.c.
 */
#include <math.h>
#include <string.h>

#include "util/cnum.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/csv_write.h"
#include "score_json.h"
#include "maturinh/report.h"
#include "referentiel_internal.h"
#include "score_xml.h"

struct mh_score_writer {
        const mh_referentiel *ref;
        mh_format format;
        int detail;
        FILE *stream;
        mh__csv csv;         /* CSV state */
        mh__xml_scores *xml; /* XML state */
        size_t count;        /* establishments written */
};

int mh_format_parse(mh_format *out, const char *name)
{
        static const char *const names[] = {"table", "csv", "json", "xml"};
        size_t i;

        for (i = 0; i < 4; i++) {
                if (strcmp(name, names[i]) == 0) {
                        *out = (mh_format)i;
                        return 0;
                }
        }
        return MH_EUSAGE;
}

static void csv_header(mh_score_writer *w)
{
        static const char *const columns[] = {"finess",
                                              "campaign",
                                              "status",
                                              "global_score",
                                              "level",
                                              "completeness",
                                              "priority_achieved",
                                              "priority_total",
                                              NULL};
        static const char *const detail_columns[] = {"finess", "domain", "criterion",
                                                     "status", "score",  NULL};
        const char *const *names = w->detail ? detail_columns : columns;
        char column[128];
        size_t i;

        mh__csv_names(&w->csv, names);
        for (i = 0; !w->detail && i < w->ref->n_domains; i++) {
                snprintf(column, sizeof(column), "domain:%s", w->ref->domains[i].id);
                mh__csv_text(&w->csv, column);
        }
        mh__csv_end_row(&w->csv);
}

#define LEVEL_WIDTH 24 /* "0 Aucun niveau atteint" */

/* The completeness column: 8 wide ("100,0 %"), or its title's width when wider. */
static int complete_width(void)
{
        int width = mh__text_width(mh__tr("complete"), MH_TEXT_LINE);

        return width > 8 ? width : 8;
}

static void table_header(mh_score_writer *w)
{
        mh__fput_column(w->stream, mh__tr("finess"), 10);
        mh__fput_column(w->stream, mh__tr("name"), 36);
        fputc(' ', w->stream);
        mh__fput_column(w->stream, mh__tr("status"), 10);
        mh__fput_rcolumn(w->stream, mh__tr("score"), 6);
        fputs("  ", w->stream);
        mh__fput_column(w->stream, mh__tr("level"), LEVEL_WIDTH);
        fputc(' ', w->stream);
        mh__fput_rcolumn(w->stream, mh__tr("complete"), complete_width());
        fputs("  ", w->stream);
        mh__fput_text(w->stream, mh__tr("priority"), MH_TEXT_LINE);
        fputc('\n', w->stream);
}

static int writer_new(mh_score_writer **out, const mh_referentiel *ref, mh_format format,
                      mh_detail detail, FILE *stream)
{
        mh_score_writer *w = mh__malloc(sizeof(*w));
        int rc = 0;

        if (w == NULL)
                return MH_ENOMEM;
        memset(w, 0, sizeof(*w));
        w->ref = ref;
        w->format = format;
        w->detail = detail == MH_DETAIL_CRITERIA;
        w->stream = stream;
        mh__csv_init(&w->csv, stream);
        switch (format) {
        case MH_FORMAT_CSV:
                csv_header(w);
                break;
        case MH_FORMAT_TABLE:
                table_header(w);
                break;
        case MH_FORMAT_JSON:
                rc = mh__json_scores_begin(stream, ref);
                break;
        case MH_FORMAT_XML:
                rc = mh__xml_scores_begin(&w->xml, stream, ref);
                break;
        }
        if (rc < 0) {
                mh_score_writer_free(w);
                return rc;
        }
        *out = w;
        return 0;
}

static const char *status_of(const mh_establishment *est)
{
        return mh_submission_name(mh_establishment_submission(est));
}

static int add_csv(mh_score_writer *w, const mh_establishment *est, const mh_result *result)
{
        const mh_referentiel *ref = w->ref;
        size_t d, c;
        int rc = 0;

        if (w->detail) {
                for (d = 0; d < ref->n_domains; d++) {
                        const struct mh_domain *domain = &ref->domains[d];

                        for (c = 0; c < domain->n_criteria; c++) {
                                const struct mh_criterion *crit = &domain->criteria[c];

                                mh__csv_text(&w->csv, mh_establishment_finess(est));
                                mh__csv_text(&w->csv, domain->id);
                                mh__csv_text(&w->csv, crit->id);
                                mh__csv_text(&w->csv, mh_status_name(mh_result_criterion_status(
                                                          result, crit)));
                                mh__csv_number(&w->csv, mh_result_criterion_score(result, crit), 6);
                                if (mh__csv_end_row(&w->csv) < 0)
                                        rc = MH_EIO;
                        }
                }
                return rc;
        }
        mh__csv_text(&w->csv, mh_establishment_finess(est));
        mh__csv_text(&w->csv, mh_establishment_campaign(est));
        mh__csv_text(&w->csv, status_of(est));
        mh__csv_number(&w->csv, mh_result_global(result), 6);
        mh__csv_integer(&w->csv, (long)mh_result_level(result));
        mh__csv_number(&w->csv, mh_result_completeness(result), 6);
        mh__csv_integer(&w->csv, (long)mh_result_priority_achieved(result));
        mh__csv_integer(&w->csv, (long)mh_result_priority_total(result));
        for (d = 0; d < ref->n_domains; d++)
                mh__csv_number(&w->csv, mh_result_domain_score(result, &ref->domains[d]), 6);
        return mh__csv_end_row(&w->csv);
}

/* The submission for people: "draft" or "submitted" in the language of the messages. */
static const char *submission_label(const mh_establishment *est)
{
        return mh_establishment_submission(est) == MH_SUBMISSION_SUBMITTED ? mh__tr("submitted")
                                                                           : mh__tr("draft");
}

/*
 * A score right-aligned in `width` columns, one decimal: "41,7" (French) or
 * "41.7"; as a percentage "41,7 %" (French, a no-break space) or "41.7%";
 * "—" when undefined.
 */
static void table_number(FILE *stream, double value, int width, int percent)
{
        char text[48];

        if (isnan(value))
                snprintf(text, sizeof(text), "—");
        else if (percent)
                mh__people_percent(text, sizeof(text), mh_round1(value), 1);
        else
                mh__format_number(text, sizeof(text), mh_round1(value), 1, MH__FOR_PEOPLE);
        mh__fput_rcolumn(stream, text, width);
}

static int add_table(mh_score_writer *w, const mh_establishment *est, const mh_result *result)
{
        const mh_referentiel *ref = w->ref;
        const char *lang = mh_language();
        unsigned level = mh_result_level(result);
        char level_text[512];
        size_t d, c;

        mh__fput_column(w->stream, mh_establishment_finess(est), 10);
        mh__fput_column(w->stream, mh_establishment_name(est), 36);
        fputc(' ', w->stream);
        mh__fput_column(w->stream, submission_label(est), 10);
        table_number(w->stream, mh_result_global(result), 6, 0);
        snprintf(level_text, sizeof(level_text), "%u %s", level,
                 mh_referentiel_level_label(ref, level, lang));
        fputs("  ", w->stream);
        mh__fput_column(w->stream, level_text, LEVEL_WIDTH);
        fputc(' ', w->stream);
        table_number(w->stream, 100 * mh_result_completeness(result), complete_width(), 1);
        mh__fprintf_c(w->stream, "  %zu/%zu\n", mh_result_priority_achieved(result),
                      mh_result_priority_total(result));
        for (d = 0; w->detail && d < ref->n_domains; d++) {
                const struct mh_domain *domain = &ref->domains[d];

                fputs("    ", w->stream);
                mh__fput_column(w->stream, domain->id, 12);
                mh__fput_column(w->stream, mh__text_get(&domain->title, lang), 57);
                table_number(w->stream, mh_result_domain_score(result, domain), 6, 0);
                fputc('\n', w->stream);
                for (c = 0; c < domain->n_criteria; c++) {
                        const struct mh_criterion *crit = &domain->criteria[c];
                        double score = mh_result_criterion_score(result, crit);

                        fputs("      ", w->stream);
                        mh__fput_column(w->stream, crit->id, 10);
                        mh__fput_column(w->stream, mh__text_get(&crit->title, lang), 50);
                        fputc(' ', w->stream);
                        mh__fput_column(w->stream,
                                        mh_status_label(mh_result_criterion_status(result, crit)),
                                        15);
                        table_number(w->stream, 100 * score, 7, 1);
                        fputc('\n', w->stream);
                }
        }
        return ferror(w->stream) ? MH_EIO : 0;
}

static int writer_add(mh_score_writer *w, const mh_establishment *est, const mh_result *result)
{
        int rc = 0;

        switch (w->format) {
        case MH_FORMAT_CSV:
                rc = add_csv(w, est, result);
                break;
        case MH_FORMAT_TABLE:
                rc = add_table(w, est, result);
                break;
        case MH_FORMAT_JSON:
                rc = mh__json_scores_add(w->stream, w->ref, est, result, w->detail, w->count == 0);
                break;
        case MH_FORMAT_XML:
                rc = mh__xml_scores_add(w->xml, w->ref, est, result, w->detail);
                break;
        }
        w->count++;
        return rc;
}

static int writer_finish(mh_score_writer *w)
{
        int rc = 0;

        if (w->format == MH_FORMAT_JSON)
                rc = mh__json_scores_end(w->stream);
        else if (w->format == MH_FORMAT_XML)
                rc = mh__xml_scores_end(w->xml);
        if (rc == 0 && ferror(w->stream))
                rc = MH_EIO;
        return rc;
}

int mh_score_writer_new(mh_score_writer **out, const mh_referentiel *ref, mh_format format,
                        mh_detail detail, FILE *stream, mh_diagnostics *diags)
{
        return mh__diag_writer(writer_new(out, ref, format, detail, stream), diags);
}

int mh_score_writer_add(mh_score_writer *w, const mh_establishment *est, const mh_result *result,
                        mh_diagnostics *diags)
{
        return mh__diag_writer(writer_add(w, est, result), diags);
}

int mh_score_writer_finish(mh_score_writer *w, mh_diagnostics *diags)
{
        return mh__diag_writer(writer_finish(w), diags);
}

void mh_score_writer_free(mh_score_writer *w)
{
        if (w == NULL)
                return;
        mh__xml_scores_free(w->xml);
        mh__free(w);
}
