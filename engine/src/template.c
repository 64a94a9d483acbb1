/*
 * template.c: `maturinh template`, an answers file to fill in by hand.
 *
 * Writes a valid maturinh-answers/1 document for one establishment: its
 * profile, then every indicator that concerns it (by its category, size and
 * OSE status), in référentiel order, unanswered, each preceded by comments
 * giving the criterion, the question, the help and what answers are
 * allowed.  The file loads back as it is (everything unanswered), so a CISO
 * can fill it in over several days and check it at any time.
 */
#include <string.h>

#include "establishment_internal.h"
#include "maturinh/report.h"
#include "referentiel_internal.h"
#include "util/date.h"
#include "util/i18n.h"

/* A text as comment lines, each prefixed with `prefix`. */
static void comment(FILE *stream, const char *prefix, const char *text)
{
        const char *line = text, *end;

        while (line != NULL && *line != '\0') {
                end = strchr(line, '\n');
                fprintf(stream, "%s%.*s\n", prefix, end ? (int)(end - line) : (int)strlen(line),
                        line);
                line = end ? end + 1 : NULL;
        }
}

static void allowed_values(FILE *stream, const struct mh_indicator *ind,
                           const mh_establishment *est, const char *lang)
{
        char date[32];
        size_t i;

        switch (ind->type) {
        case MH_INDICATOR_BOOLEAN:
                fputs(mh__tr("    #   answer: oui or non\n"), stream);
                break;
        case MH_INDICATOR_CHOICE:
                fputs(mh__tr("    #   answer: one of\n"), stream);
                for (i = 0; i < ind->n_options; i++)
                        fprintf(stream, "    #     %-14s %s\n", ind->options[i].value,
                                mh__text_get(&ind->options[i].label, lang));
                break;
        case MH_INDICATOR_PERCENT:
                fputs(mh__tr("    #   answer: a percentage from 0 to 100\n"), stream);
                break;
        case MH_INDICATOR_INTEGER:
                fputs(mh__tr("    #   answer: a whole number (0 or more)\n"), stream);
                break;
        case MH_INDICATOR_DATE:
                fprintf(stream,
                        mh__tr("    #   answer: a date YYYY-MM-DD, not after %s,\n"
                               "    #   or never if it never took place (it then scores 0)\n"),
                        mh__people_date(date, sizeof(date), est->reference_date));
                break;
        case MH_INDICATOR_TEXT:
                fputs(mh__tr("    #   answer: free text, in quotes (evidence, not scored)\n"),
                      stream);
                break;
        }
        if (ind->na_allowed)
                fputs(mh__tr("    #   or na (without quotes) if it does not apply to you\n"),
                      stream);
}

static int template_write(const mh_referentiel *ref, const mh_establishment *est, FILE *stream)
{
        const struct mh_criterion *last_criterion = NULL;
        const struct mh_domain *last_domain = NULL;
        const char *lang = mh_language();
        size_t i, listed = 0;

        fprintf(stream, mh__tr("# Answers of %s (FINESS %s) to the référentiel %s %s\n"), est->name,
                est->finess, ref->id, ref->version);
        fprintf(stream, "# \"%s\"\n", mh__text_get(&ref->title, lang));
        fputs(mh__tr("#\n"
                     "# Write each answer after its colon; leave it empty while you do not know.\n"
                     "# Booleans: oui or non.  Dates: YYYY-MM-DD, or never.  Text: between\n"
                     "# double quotes.  `na` only where the comment allows it.  Check the file\n"
                     "# at any time with:\n"
                     "#   maturinh score -r REFERENTIEL THIS-FILE\n"
                     "# and see why each criterion has its status with `maturinh explain`.\n"),
              stream);
        fprintf(stream, "format: %s\n", MH_ANSWERS_FORMAT);
        fputs("referentiel: {id: ", stream);
        mh__yaml_quoted(stream, ref->id);
        fputs(", version: ", stream);
        mh__yaml_quoted(stream, ref->version);
        fputs("}\ncampaign: {id: ", stream);
        mh__yaml_quoted(stream, est->campaign);
        fprintf(stream, ", reference_date: %s}\n", est->reference_date);
        fputs("establishment:\n  finess: ", stream);
        mh__yaml_quoted(stream, est->finess);
        if (est->finess_ej != NULL) {
                fputs("\n  finess_ej: ", stream);
                mh__yaml_quoted(stream, est->finess_ej);
        }
        fputs("\n  name: ", stream);
        mh__yaml_quoted(stream, est->name);
        fputs("\n  region: ", stream);
        mh__yaml_quoted(stream, est->region);
        if (est->departement != NULL) {
                fputs("\n  departement: ", stream);
                mh__yaml_quoted(stream, est->departement);
        }
        fputs("\n  category: ", stream);
        mh__yaml_quoted(stream, est->category);
        if (ref->sector == MH_SECTOR_MEDICO_SOCIAL) {
                /* an ESMS counts places, and is not an OSE unless it says so */
                fprintf(stream, "  # %s", mh_category_label(est->category));
                if (est->beds >= 0)
                        fprintf(stream, mh__tr("\n  beds: %ld  # capacity, in places installed"),
                                est->beds);
                if (est->ose)
                        fputs("\n  ose: true", stream);
        } else {
                if (est->beds >= 0)
                        fprintf(stream, "\n  beds: %ld", est->beds);
                fprintf(stream, "\n  ose: %s", est->ose ? "true" : "false");
        }
        if (est->ght != NULL) {
                fputs("\n  ght: ", stream);
                mh__yaml_quoted(stream, est->ght);
        }
        fprintf(stream, "\nstatus: %s\n", mh_submission_name(est->submission));
        for (i = 0; i < ref->n_indicators; i++)
                listed += mh__indicator_concerns(ref->indicators_by_index[i], est) != 0;
        fputs(listed > 0 ? "answers:\n" : "answers: {}\n", stream);
        for (i = 0; i < ref->n_indicators; i++) {
                const struct mh_indicator *ind = ref->indicators_by_index[i];
                const struct mh_criterion *crit = ind->criterion;
                const char *help = mh__text_get(&ind->help, lang);

                if (!mh__indicator_concerns(ind, est))
                        continue;
                if (crit->domain != last_domain) {
                        last_domain = crit->domain;
                        fprintf(stream, "\n  # ===== %s  %s\n", last_domain->id,
                                mh__text_get(&last_domain->title, lang));
                }
                if (crit != last_criterion) {
                        last_criterion = crit;
                        fprintf(stream,
                                crit->priority ? mh__tr("\n  # --- %s  %s (level %u, mesure "
                                                        "prioritaire)\n")
                                               : mh__tr("\n  # --- %s  %s (level %u)\n"),
                                crit->id, mh__text_get(&crit->title, lang), crit->level);
                }
                comment(stream, "    # ", mh__text_get(&ind->question, lang));
                if (help != NULL)
                        comment(stream, "    #   ", help);
                allowed_values(stream, ind, est, lang);
                fprintf(stream, "  %s:\n", ind->id);
        }
        return ferror(stream) ? MH_EIO : 0;
}

int mh_template_write(const mh_referentiel *ref, const mh_establishment *est, FILE *stream,
                      mh_diagnostics *diags)
{
        char label[64];

        /* the profile is the command line's: no position to show, but the same doubts as
         * the answers files' (a FINESS of another region, a category of the other sector) */
        snprintf(label, sizeof(label), "%s%s", mh__tr(N_("establishment ")), est->finess);
        mh__finess_region_warn(diags, "", 0, 0, label, est->finess, est->region);
        mh__sector_warn(diags, "", 0, 0, label, est->category, ref);
        return mh__diag_writer(template_write(ref, est, stream), diags);
}
