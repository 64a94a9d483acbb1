/*
 * referentiel_write.c: `maturinh referentiel show`, as text and as CSV.
 *
 * Both views describe scoring and applicability with the same small
 * vocabulary (describe_scoring, describe_applicability), so that what an ARS
 * analyst reads in the terminal and what a spreadsheet holds agree.
 */
#include <stdio.h>
#include <string.h>

#include "util/csv_write.h"
#include "util/i18n.h"
#include "util/text.h"
#include "maturinh/output.h"
#include "referentiel_internal.h"

/* "expect=true", "target=90", "steps=50:0.5 90:1", "" for text. */
static void describe_scoring(mh__strbuf *buf, const struct mh_indicator *ind)
{
        size_t i;

        switch (ind->scoring) {
        case MH_SCORING_NONE:
                break;
        case MH_SCORING_EXPECT:
                mh__strbuf_printf(buf, "expect=%s", ind->expect ? "true" : "false");
                break;
        case MH_SCORING_OPTIONS:
                mh__strbuf_printf(buf, "options=");
                for (i = 0; i < ind->n_options; i++)
                        mh__strbuf_printf(buf, "%s%s:%g", i ? " " : "", ind->options[i].value,
                                          ind->options[i].score);
                break;
        case MH_SCORING_TARGET:
                mh__strbuf_printf(buf, "target=%g", ind->target);
                break;
        case MH_SCORING_LINEAR:
                mh__strbuf_printf(buf, "linear=%g..%g", ind->linear_from, ind->linear_to);
                break;
        case MH_SCORING_STEPS:
        case MH_SCORING_AGE_STEPS:
                mh__strbuf_printf(buf, "%s=", mh_scoring_method_name(ind->scoring));
                for (i = 0; i < ind->n_steps; i++)
                        mh__strbuf_printf(buf, "%s%g:%g", i ? " " : "", ind->steps[i].threshold,
                                          ind->steps[i].score);
                break;
        case MH_SCORING_WITHIN_DAYS:
                mh__strbuf_printf(buf, "within_days=%g", ind->target);
                break;
        }
}

/* "; " when the buffer holds something beyond its first `start` bytes. */
static const char *separator(const mh__strbuf *buf, size_t start)
{
        return buf->length > start ? "; " : "";
}

/*
 * Appends one applicability as "categories=101 355; ose=true; min_beds=300",
 * separated by "; " from what the buffer holds beyond its first `start` bytes.
 */
static void describe_applicability(mh__strbuf *buf, size_t start, const mh_applicability *a)
{
        size_t i;

        if (a == NULL)
                return;
        if (a->n_categories > 0) {
                mh__strbuf_printf(buf, "%scategories=", separator(buf, start));
                for (i = 0; i < a->n_categories; i++)
                        mh__strbuf_printf(buf, "%s%s", i ? " " : "", a->categories[i]);
        }
        if (a->ose >= 0)
                mh__strbuf_printf(buf, "%sose=%s", separator(buf, start),
                                  a->ose ? "true" : "false");
        if (a->min_beds >= 0)
                mh__strbuf_printf(buf, "%smin_beds=%ld", separator(buf, start), a->min_beds);
        if (a->max_beds >= 0)
                mh__strbuf_printf(buf, "%smax_beds=%ld", separator(buf, start), a->max_beds);
}

/*
 * A text on one line of the text view: line breaks and tabs (block scalars,
 * long descriptions) become spaces, trailing blanks go.
 */
static const char *one_line(mh__strbuf *buf, const char *text)
{
        size_t i;

        mh__strbuf_clear(buf);
        mh__strbuf_reserve(buf);
        mh__strbuf_text(buf, text, MH_TEXT_LINES); /* for a terminal: controls escaped */
        if (buf->data == NULL)
                return "";
        for (i = 0; i < buf->length; i++)
                if (buf->data[i] == '\n' || buf->data[i] == '\t')
                        buf->data[i] = ' ';
        while (buf->length > 0 && buf->data[buf->length - 1] == ' ')
                buf->data[--buf->length] = '\0';
        return buf->data;
}

static size_t count_criteria(const mh_referentiel *ref, int priority)
{
        size_t i, n = 0;

        for (i = 0; i < ref->n_criteria; i++)
                n += priority ? ref->criteria_by_index[i]->priority
                              : ref->criteria_by_index[i]->is_public;
        return n;
}

static int referentiel_write_text_impl(const mh_referentiel *ref, FILE *stream)
{
        mh__strbuf buf = {0}, text = {0};
        size_t d, c, i;
        const char *lang = mh_language(); /* for people: its words, the référentiel's texts in it */
        unsigned level;
        int rc = 0;

        fprintf(stream, "%s %s: %s\n", ref->id, ref->version,
                one_line(&text, mh__text_get(&ref->title, lang)));
        fprintf(stream, mh__tr("  file         %s\n"), ref->source);
        fprintf(stream, "  sha256       %s\n", ref->sha256);
        fprintf(stream, mh__tr("  sector       %s\n"), mh_sector_label(ref->sector));
        fprintf(stream,
                mh__tr("  contents     %zu domains, %zu criteria, %zu indicators, %zu mesures "
                       "prioritaires, %zu public criteria\n"),
                ref->n_domains, ref->n_criteria, ref->n_indicators, count_criteria(ref, 1),
                count_criteria(ref, 0));
        fputs(mh__tr("  levels      "), stream);
        for (level = 1; level <= ref->n_levels; level++)
                fprintf(stream, " %u %s%s", level,
                        one_line(&text, mh__text_get(&ref->level_labels[level - 1], lang)),
                        level < ref->n_levels ? "," : "\n");
        mh__strbuf_printf(&buf, "achieved_at %g, partial_at %g, priority_level_cap ",
                          ref->achieved_at, ref->partial_at);
        if (ref->priority_level_cap >= 0)
                mh__strbuf_printf(&buf, "%d", ref->priority_level_cap);
        else
                mh__strbuf_printf(&buf, "none");
        fprintf(stream, mh__tr("  scoring      %s\n"), mh__strbuf_cstr(&buf));
        mh__strbuf_clear(&buf);
        mh__strbuf_printf(&buf,
                          "min_completeness %g, praise_min_score %g, "
                          "praise_requires_priority %s, praise_min_level %u, min_cell_size %u",
                          ref->min_completeness, ref->praise_min_score,
                          ref->praise_requires_priority ? "true" : "false", ref->praise_min_level,
                          ref->min_cell_size);
        fprintf(stream, mh__tr("  publication  %s\n"), mh__strbuf_cstr(&buf));

        for (d = 0; d < ref->n_domains; d++) {
                const struct mh_domain *domain = &ref->domains[d];

                mh__strbuf_clear(&buf);
                mh__strbuf_printf(&buf, mh__tr("weight %g"), domain->weight);
                if (domain->applies_to != NULL) {
                        mh__strbuf_printf(&buf, "%s", mh__tr(", applies to: "));
                        describe_applicability(&buf, buf.length, domain->applies_to);
                }
                fprintf(stream, "\n%s  %s  (%s)\n", domain->id,
                        one_line(&text, mh__text_get(&domain->title, lang)), mh__strbuf_cstr(&buf));
                for (c = 0; c < domain->n_criteria; c++) {
                        const struct mh_criterion *crit = &domain->criteria[c];

                        mh__strbuf_clear(&buf);
                        mh__strbuf_printf(&buf, mh__tr("level %u, weight %g, %s"), crit->level,
                                          crit->weight, mh_combine_name(crit->combine));
                        if (crit->priority)
                                mh__strbuf_printf(&buf, "%s", mh__tr(", prioritaire"));
                        if (crit->is_public)
                                mh__strbuf_printf(&buf, "%s", mh__tr(", public"));
                        if (crit->applies_to != NULL) {
                                mh__strbuf_printf(&buf, "%s", mh__tr(", applies to: "));
                                describe_applicability(&buf, buf.length, crit->applies_to);
                        }
                        fprintf(stream, "  %s  %s  [%s]\n", crit->id,
                                one_line(&text, mh__text_get(&crit->title, lang)),
                                mh__strbuf_cstr(&buf));
                        for (i = 0; i < crit->n_indicators; i++) {
                                const struct mh_indicator *ind = &crit->indicators[i];

                                mh__strbuf_clear(&buf);
                                mh__strbuf_printf(&buf, "%s", mh_indicator_type_name(ind->type));
                                if (ind->scoring != MH_SCORING_NONE) {
                                        mh__strbuf_printf(&buf, ", ");
                                        describe_scoring(&buf, ind);
                                }
                                if (ind->weight != 1)
                                        mh__strbuf_printf(&buf, mh__tr(", weight %g"), ind->weight);
                                if (ind->na_allowed)
                                        mh__strbuf_printf(&buf, "%s", mh__tr(", na allowed"));
                                if (ind->applies_to != NULL) {
                                        mh__strbuf_printf(&buf, "%s", mh__tr(", applies to: "));
                                        describe_applicability(&buf, buf.length, ind->applies_to);
                                }
                                fprintf(stream, "    %s  %s  [%s]\n", ind->id,
                                        one_line(&text, mh__text_get(&ind->question, lang)),
                                        mh__strbuf_cstr(&buf));
                        }
                }
        }
        if (buf.failed || text.failed)
                rc = MH_ENOMEM;
        mh__strbuf_free(&buf);
        mh__strbuf_free(&text);
        if (ferror(stream))
                rc = MH_EIO;
        return rc;
}

static int referentiel_write_csv_impl(const mh_referentiel *ref, FILE *stream)
{
        static const char *const header[] = {
            "domain",           "criterion",  "indicator",     "level",
            "priority",         "public",     "combine",       "type",
            "scoring",          "na_allowed", "domain_weight", "criterion_weight",
            "indicator_weight", "applies_to", "domain_title",  "criterion_title",
            "question",         NULL};
        mh__strbuf buf = {0};
        mh__csv csv;
        size_t i;
        int rc = 0;

        mh__csv_init(&csv, stream);
        mh__csv_names(&csv, header);
        if (mh__csv_end_row(&csv) < 0)
                rc = MH_EIO;
        for (i = 0; i < ref->n_indicators && rc == 0; i++) {
                const struct mh_indicator *ind = ref->indicators_by_index[i];
                const struct mh_criterion *crit = ind->criterion;
                const struct mh_domain *domain = crit->domain;

                mh__csv_text(&csv, domain->id);
                mh__csv_text(&csv, crit->id);
                mh__csv_text(&csv, ind->id);
                mh__csv_integer(&csv, (long)crit->level);
                mh__csv_bool(&csv, crit->priority);
                mh__csv_bool(&csv, crit->is_public);
                mh__csv_text(&csv, mh_combine_name(crit->combine));
                mh__csv_text(&csv, mh_indicator_type_name(ind->type));
                mh__strbuf_clear(&buf);
                describe_scoring(&buf, ind);
                mh__csv_text(&csv, mh__strbuf_cstr(&buf));
                mh__csv_bool(&csv, ind->na_allowed);
                mh__csv_number_g(&csv, domain->weight);
                mh__csv_number_g(&csv, crit->weight);
                mh__csv_number_g(&csv, ind->weight);
                mh__strbuf_clear(&buf);
                describe_applicability(&buf, 0, domain->applies_to);
                describe_applicability(&buf, 0, crit->applies_to);
                describe_applicability(&buf, 0, ind->applies_to);
                mh__csv_text(&csv, mh__strbuf_cstr(&buf));
                mh__csv_text(&csv, mh__text_get(&domain->title, NULL));
                mh__csv_text(&csv, mh__text_get(&crit->title, NULL));
                mh__csv_text(&csv, mh__text_get(&ind->question, NULL));
                if (mh__csv_end_row(&csv) < 0)
                        rc = MH_EIO;
        }
        if (rc == 0 && buf.failed)
                rc = MH_ENOMEM;
        mh__strbuf_free(&buf);
        return rc;
}

int mh_referentiel_write_text(const mh_referentiel *ref, FILE *stream, mh_diagnostics *diags)
{
        return mh__diag_writer(referentiel_write_text_impl(ref, stream), diags);
}

int mh_referentiel_write_csv(const mh_referentiel *ref, FILE *stream, mh_diagnostics *diags)
{
        return mh__diag_writer(referentiel_write_csv_impl(ref, stream), diags);
}
