/*
 * export.c: an establishment written back as the files that import it:
 * an answers file (maturinh-answers/1), or CSV rows (answers in long form,
 * and its line of an establishment list).  What is written imports back
 * identically.
 */
#include <stdio.h>
#include <string.h>

#include "establishment_internal.h"
#include "maturinh/export.h"
#include "referentiel_internal.h"
#include "util/csv_write.h"
#include "util/i18n.h"

/* ---- Answers file -------------------------------------------------------- */

static void field(FILE *stream, const char *key, const char *value)
{
        if (value == NULL || value[0] == '\0')
                return;
        fprintf(stream, "  %s: ", key);
        mh__yaml_quoted(stream, value);
        fputc('\n', stream);
}

static int export_write(const mh_referentiel *ref, const mh_establishment *est,
                        const mh_carried_answer *carried, size_t n_carried, FILE *stream)
{
        size_t i, k, comments = 0;

        fprintf(stream, "format: %s\nreferentiel: {id: ", MH_ANSWERS_FORMAT);
        mh__yaml_quoted(stream, ref->id);
        fputs(", version: ", stream);
        mh__yaml_quoted(stream, ref->version);
        fputs("}\ncampaign: {id: ", stream);
        mh__yaml_quoted(stream, est->campaign);
        fprintf(stream, ", reference_date: %s}\nestablishment:\n", est->reference_date);
        field(stream, "finess", est->finess);
        field(stream, "finess_ej", est->finess_ej);
        field(stream, "name", est->name);
        field(stream, "region", est->region);
        field(stream, "departement", est->departement);
        field(stream, "category", est->category);
        if (est->beds >= 0)
                fprintf(stream, "  beds: %ld\n", est->beds);
        fprintf(stream, "  ose: %s\n", est->ose ? "true" : "false");
        field(stream, "ght", est->ght);
        field(stream, "contact_name", est->contact_name);
        field(stream, "contact_email", est->contact_email);
        fprintf(stream, "status: %s\nanswers:\n", mh_submission_name(est->submission));
        for (i = 0; i < ref->n_indicators; i++) {
                const struct mh__answer *answer = &est->answers[i];

                comments += answer->comment != NULL;
                if (answer->state == MH_ANSWER_NONE)
                        continue;
                fprintf(stream, "  %s: ", ref->indicators_by_index[i]->id);
                if (answer->state == MH_ANSWER_NA)
                        fputs("na", stream); /* plain: the only way to say na */
                else
                        mh__yaml_quoted(stream, answer->text);
                fputc('\n', stream);
        }
        /* comments, not answers: reading the file back leaves them to confirm */
        for (k = 0; k < ref->n_indicators * (n_carried > 0); k++)
                for (i = 0; i < n_carried; i++) {
                        if (strcmp(carried[i].indicator, ref->indicators_by_index[k]->id) != 0)
                                continue;
                        fprintf(stream, "  # %s: ", carried[i].indicator);
                        if (carried[i].na)
                                fputs("na", stream);
                        else
                                mh__yaml_quoted(stream, carried[i].value);
                        fputs("  # ", stream);
                        fprintf(stream, mh__tr("carried over from campaign %s, to be confirmed"),
                                carried[i].from_campaign);
                        fputc('\n', stream);
                        if (carried[i].comment != NULL) {
                                fputs("  #   ", stream);
                                fputs(mh__tr("comment:"), stream);
                                fputc(' ', stream);
                                mh__yaml_quoted(stream, carried[i].comment);
                                fputc('\n', stream);
                        }
                }
        if (comments > 0) {
                fputs("comments:\n", stream);
                for (i = 0; i < ref->n_indicators; i++) {
                        if (est->answers[i].comment == NULL)
                                continue;
                        fprintf(stream, "  %s: ", ref->indicators_by_index[i]->id);
                        mh__yaml_quoted(stream, est->answers[i].comment);
                        fputc('\n', stream);
                }
        }
        return ferror(stream) ? MH_EIO : 0;
}

/* ---- CSV ------------------------------------------------------------------ */

static int csv_write(const mh_referentiel *ref, const mh_establishment *est, FILE *answers,
                     FILE *profiles, mh_csv_header header)
{
        mh__csv csv;
        size_t i;
        int rc = 0;

        if (answers != NULL) {
                mh__csv_init(&csv, answers);
                if (header) {
                        mh__csv_names(&csv, mh__csv_answer_columns);
                        rc |= mh__csv_end_row(&csv);
                }
                for (i = 0; i < ref->n_indicators; i++) {
                        const struct mh__answer *a = &est->answers[i];

                        if (a->state == MH_ANSWER_NONE && a->comment == NULL)
                                continue;
                        mh__csv_text(&csv, est->campaign);
                        mh__csv_text(&csv, est->finess);
                        mh__csv_text(&csv, ref->indicators_by_index[i]->id);
                        mh__csv_text(&csv, a->state == MH_ANSWER_NONE ? NULL : a->text);
                        mh__csv_text(&csv, a->comment);
                        rc |= mh__csv_end_row(&csv);
                }
        }
        if (profiles != NULL) {
                mh__csv_init(&csv, profiles);
                if (header) {
                        mh__csv_names(&csv, mh__csv_profile_columns);
                        rc |= mh__csv_end_row(&csv);
                }
                mh__csv_text(&csv, est->finess);
                mh__csv_text(&csv, est->finess_ej);
                mh__csv_text(&csv, est->name);
                mh__csv_text(&csv, est->region);
                mh__csv_text(&csv, est->departement);
                mh__csv_text(&csv, est->category);
                if (est->beds >= 0)
                        mh__csv_integer(&csv, est->beds);
                else
                        mh__csv_empty(&csv);
                mh__csv_bool(&csv, est->ose);
                mh__csv_text(&csv, est->ght);
                rc |= mh__csv_end_row(&csv);
        }
        return rc < 0 ? MH_EIO : 0;
}

int mh_export_write(const mh_referentiel *ref, const mh_establishment *est, FILE *stream,
                    mh_diagnostics *diags)
{
        return mh__diag_writer(export_write(ref, est, NULL, 0, stream), diags);
}

int mh_export_write_carried(const mh_referentiel *ref, const mh_establishment *est,
                            const mh_carried_answer *carried, size_t n_carried, FILE *stream,
                            mh_diagnostics *diags)
{
        if (ref == NULL || est == NULL || stream == NULL || (carried == NULL && n_carried > 0))
                return MH_EUSAGE;
        return mh__diag_writer(export_write(ref, est, carried, n_carried, stream), diags);
}

int mh_csv_write_establishment(const mh_referentiel *ref, const mh_establishment *est,
                               FILE *answers, FILE *profiles, mh_csv_header header,
                               mh_diagnostics *diags)
{
        return mh__diag_writer(csv_write(ref, est, answers, profiles, header), diags);
}
