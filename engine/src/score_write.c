/*
 * score_write.c: `maturinh score` output: table, CSV, JSON, XML.
 *
 * One writer, five formats, each streaming one establishment at a time.
 * CSV and XLSX are one list of columns written through maturinh/sheet.h:
 * the stable columns of docs/cli.md exactly (scores with 6 decimals, empty
 * cells for undefined values), then with MH_SCORE_WITH_PROFILE the
 * profile; the table is for people:
 * aligned, one decimal, in the language of the messages (mh_language(): its
 * words, its numbers "41,7" or "41.7", the référentiel's labels in it when it
 * has them).  JSON and XML are delegated to score_json.c and score_xml.c.
 */
#include <math.h>
#include <string.h>

#include "util/cnum.h"
#include "util/i18n.h"
#include "util/text.h"
#include "score_json.h"
#include "maturinh/categories.h"
#include "maturinh/report.h"
#include "maturinh/sheet.h"
#include "referentiel_internal.h"
#include "score_xml.h"

struct mh_score_writer {
        const mh_referentiel *ref;
        mh_format format;
        int detail;
        FILE *stream;
        unsigned flags;      /* MH_SCORE_WITH_PROFILE */
        mh_sheet *sheet;     /* CSV and XLSX */
        int owns_sheet;      /* opened (on `stream`) and closed by the writer */
        mh__xml_scores *xml; /* XML state */
        size_t count;        /* establishments written */
};

int mh_format_parse(mh_format *out, const char *name)
{
        static const char *const names[] = {"table", "csv", "json", "xml", "xlsx"};
        size_t i;

        for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
                if (strcmp(name, names[i]) == 0) {
                        *out = (mh_format)i;
                        return 0;
                }
        }
        return MH_EUSAGE;
}

/* A column of the sheet: its id, its French label, its type and decimals. */
struct sheet_column {
        const char *id;
        const char *label;
        mh_cell_type type;
        unsigned decimals;
};

/* The stable columns of docs/cli.md, then the domains (summary only), then the profile. */
static int sheet_columns(mh_score_writer *w)
{
        static const struct sheet_column summary[] = {
            {"finess", "FINESS géographique (ET)", MH_CELL_TEXT, 0},
            {"campaign", "Campagne", MH_CELL_TEXT, 0},
            {"status", "Statut du questionnaire (draft, submitted)", MH_CELL_TEXT, 0},
            {"global_score", "Score global (0 à 100)", MH_CELL_NUMBER, 6},
            {"level", "Niveau de maturité", MH_CELL_INTEGER, 0},
            {"completeness", "Complétude (0 à 1)", MH_CELL_NUMBER, 6},
            {"priority_achieved", "Mesures prioritaires atteintes", MH_CELL_INTEGER, 0},
            {"priority_total", "Mesures prioritaires applicables", MH_CELL_INTEGER, 0},
        };
        static const struct sheet_column detail[] = {
            {"finess", "FINESS géographique (ET)", MH_CELL_TEXT, 0},
            {"domain", "Domaine", MH_CELL_TEXT, 0},
            {"criterion", "Critère", MH_CELL_TEXT, 0},
            {"status", "Statut du critère", MH_CELL_TEXT, 0},
            {"score", "Score du critère (0 à 1)", MH_CELL_NUMBER, 6},
        };
        static const struct sheet_column profile[] = {
            {"name", "Raison sociale", MH_CELL_TEXT, 0},
            {"region", "Région (code INSEE)", MH_CELL_TEXT, 0},
            {"category", "Catégorie FINESS (code)", MH_CELL_TEXT, 0},
            {"departement", "Département (code)", MH_CELL_TEXT, 0},
            {"ght", "Groupement hospitalier de territoire (GHT)", MH_CELL_TEXT, 0},
            {"category_label", "Catégorie FINESS (libellé)", MH_CELL_TEXT, 0},
        };
        const struct sheet_column *stable = w->detail ? detail : summary;
        size_t n =
            w->detail ? sizeof(detail) / sizeof(detail[0]) : sizeof(summary) / sizeof(summary[0]);
        char id[128], label[512];
        size_t i;
        int rc;

        for (i = 0; i < n; i++)
                if ((rc = mh_sheet_column(w->sheet, stable[i].id, stable[i].label, stable[i].type,
                                          stable[i].decimals)) < 0)
                        return rc;
        for (i = 0; !w->detail && i < w->ref->n_domains; i++) {
                const struct mh_domain *domain = &w->ref->domains[i];
                const char *title = mh__text_get(&domain->title, "fr");

                snprintf(id, sizeof(id), "domain:%s", domain->id);
                mh__snprintf_text(label, sizeof(label), "Score du domaine %s (0 à 100) : %s",
                                  domain->id, title != NULL ? title : "");
                if ((rc = mh_sheet_column(w->sheet, id, label, MH_CELL_NUMBER, 6)) < 0)
                        return rc;
        }
        for (i = 0; (w->flags & MH_SCORE_WITH_PROFILE) && i < sizeof(profile) / sizeof(profile[0]);
             i++)
                if ((rc = mh_sheet_column(w->sheet, profile[i].id, profile[i].label,
                                          profile[i].type, profile[i].decimals)) < 0)
                        return rc;
        return 0;
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
                      mh_detail detail, FILE *stream, mh_sheet *sheet, unsigned flags)
{
        mh_score_writer *w;
        int rc = 0;

        if (out == NULL || ref == NULL || (sheet == NULL && stream == NULL) ||
            (sheet == NULL && format == MH_FORMAT_XLSX) ||
            (flags & ~(unsigned)MH_SCORE_WITH_PROFILE) != 0)
                return MH_EUSAGE;
        if ((w = mh__malloc(sizeof(*w))) == NULL)
                return MH_ENOMEM;
        memset(w, 0, sizeof(*w));
        w->ref = ref;
        w->format = format;
        w->detail = detail == MH_DETAIL_CRITERIA;
        w->stream = stream;
        w->flags = flags;
        w->sheet = sheet;
        switch (format) {
        case MH_FORMAT_CSV:
        case MH_FORMAT_XLSX:
                if (w->sheet == NULL) {
                        if ((rc = mh_sheet_open_csv(&w->sheet, stream)) < 0)
                                break;
                        w->owns_sheet = 1;
                }
                rc = sheet_columns(w);
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

/* The profile columns of --with-profile, after all the others. */
static int add_profile(mh_score_writer *w, const mh_establishment *est)
{
        const char *category = mh_establishment_category(est);
        int rc = 0;

        if (!(w->flags & MH_SCORE_WITH_PROFILE))
                return 0;
        if ((rc = mh_sheet_text(w->sheet, mh_establishment_name(est))) < 0 ||
            (rc = mh_sheet_text(w->sheet, mh_establishment_region(est))) < 0 ||
            (rc = mh_sheet_text(w->sheet, category)) < 0 ||
            (rc = mh_sheet_text(w->sheet, mh_establishment_departement(est))) < 0 ||
            (rc = mh_sheet_text(w->sheet, mh_establishment_ght(est))) < 0)
                return rc;
        return mh_sheet_text(w->sheet, category != NULL ? mh_category_label(category) : NULL);
}

static int add_sheet(mh_score_writer *w, const mh_establishment *est, const mh_result *result)
{
        const mh_referentiel *ref = w->ref;
        mh_sheet *sheet = w->sheet;
        size_t d, c;
        int rc = 0;

        if (w->detail) {
                for (d = 0; d < ref->n_domains; d++) {
                        const struct mh_domain *domain = &ref->domains[d];

                        for (c = 0; c < domain->n_criteria; c++) {
                                const struct mh_criterion *crit = &domain->criteria[c];

                                if ((rc = mh_sheet_text(sheet, mh_establishment_finess(est))) < 0 ||
                                    (rc = mh_sheet_text(sheet, domain->id)) < 0 ||
                                    (rc = mh_sheet_text(sheet, crit->id)) < 0 ||
                                    (rc = mh_sheet_text(sheet,
                                                        mh_status_name(mh_result_criterion_status(
                                                            result, crit)))) < 0 ||
                                    (rc = mh_sheet_number(
                                         sheet, mh_result_criterion_score(result, crit))) < 0 ||
                                    (rc = add_profile(w, est)) < 0 ||
                                    (rc = mh_sheet_end_row(sheet)) < 0)
                                        return rc;
                        }
                }
                return 0;
        }
        if ((rc = mh_sheet_text(sheet, mh_establishment_finess(est))) < 0 ||
            (rc = mh_sheet_text(sheet, mh_establishment_campaign(est))) < 0 ||
            (rc = mh_sheet_text(sheet, status_of(est))) < 0 ||
            (rc = mh_sheet_number(sheet, mh_result_global(result))) < 0 ||
            (rc = mh_sheet_integer(sheet, (long long)mh_result_level(result))) < 0 ||
            (rc = mh_sheet_number(sheet, mh_result_completeness(result))) < 0 ||
            (rc = mh_sheet_integer(sheet, (long long)mh_result_priority_achieved(result))) < 0 ||
            (rc = mh_sheet_integer(sheet, (long long)mh_result_priority_total(result))) < 0)
                return rc;
        for (d = 0; d < ref->n_domains; d++)
                if ((rc = mh_sheet_number(sheet,
                                          mh_result_domain_score(result, &ref->domains[d]))) < 0)
                        return rc;
        if ((rc = add_profile(w, est)) < 0)
                return rc;
        return mh_sheet_end_row(sheet);
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
        case MH_FORMAT_XLSX:
                rc = add_sheet(w, est, result);
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

static int writer_finish(mh_score_writer *w, mh_diagnostics *diags)
{
        int rc = 0;

        if (w->owns_sheet) {
                rc = mh_sheet_close(w->sheet, diags);
                w->sheet = NULL;
                w->owns_sheet = 0;
                return rc;
        }
        if (w->sheet != NULL)
                return 0; /* the caller's sheet: the caller closes it */
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
        if (format == MH_FORMAT_XLSX)
                return MH_EUSAGE; /* a workbook is a file: mh_score_writer_new_sheet() */
        return mh__diag_writer(writer_new(out, ref, format, detail, stream, NULL, 0), diags);
}

int mh_score_writer_new_sheet(mh_score_writer **out, const mh_referentiel *ref, mh_detail detail,
                              unsigned flags, mh_sheet *sheet, mh_diagnostics *diags)
{
        if (sheet == NULL)
                return MH_EUSAGE;
        return mh__diag_writer(writer_new(out, ref, MH_FORMAT_CSV, detail, NULL, sheet, flags),
                               diags);
}

int mh_score_writer_add(mh_score_writer *w, const mh_establishment *est, const mh_result *result,
                        mh_diagnostics *diags)
{
        return mh__diag_writer(writer_add(w, est, result), diags);
}

int mh_score_writer_finish(mh_score_writer *w, mh_diagnostics *diags)
{
        if (w->owns_sheet) /* mh_sheet_close() says why */
                return writer_finish(w, diags);
        return mh__diag_writer(writer_finish(w, diags), diags);
}

void mh_score_writer_free(mh_score_writer *w)
{
        if (w == NULL)
                return;
        mh__xml_scores_free(w->xml);
        if (w->owns_sheet)
                mh_sheet_abandon(w->sheet);
        mh__free(w);
}
