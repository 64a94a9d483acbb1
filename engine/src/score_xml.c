/*
 * score_xml.c: scores as XML, on the engine's XML writer.
 *
 * One <scores> document in the namespace urn:maturinh:score:1, one
 * <establishment> element per establishment written as it comes; numbers
 * are written by the engine in the C locale with 6 decimals (and the
 * one-decimal value people see); an undefined score is an absent attribute.
 * The shipped schema schemas/maturinh-score-1.xsd describes it, and the tests
 * validate every document against it.
 */
#include <math.h>
#include <string.h>

#include "referentiel_internal.h"
#include "score_xml.h"
#include "util/xml_write.h"

struct mh__xml_scores {
        mh__xw *w; /* NULL once the document is closed */
};

static void number_attribute(mh__xw *w, const char *name, double value, int decimals)
{
        if (!isnan(value))
                mh__xw_attrf(w, name, "%.*f", decimals, value);
}

int mh__xml_scores_begin(mh__xml_scores **out, FILE *stream, const mh_referentiel *ref)
{
        mh__xml_scores *xml = mh__malloc(sizeof(*xml));
        int rc;

        if (xml == NULL)
                return MH_ENOMEM;
        if ((rc = mh__xw_open(&xml->w, stream, 1, "  ")) < 0) {
                mh__free(xml);
                return rc;
        }
        mh__xw_start_ns(xml->w, "scores", MH_XML_SCORE_NS);
        mh__xw_attr(xml->w, "referentiel", ref->id);
        mh__xw_attr(xml->w, "version", ref->version);
        mh__xw_attr(xml->w, "sha256", ref->sha256);
        *out = xml;
        return 0;
}

int mh__xml_scores_add(mh__xml_scores *xml, const mh_referentiel *ref, const mh_establishment *est,
                       const mh_result *result, int detail)
{
        mh__xw *w = xml->w;
        unsigned level = mh_result_level(result);
        size_t d, c;

        mh__xw_start(w, "establishment");
        mh__xw_attr(w, "finess", mh_establishment_finess(est));
        mh__xw_attr(w, "name", mh_establishment_name(est));
        mh__xw_attr(w, "region", mh_establishment_region(est));
        mh__xw_attr(w, "category", mh_establishment_category(est));
        mh__xw_attr(w, "campaign", mh_establishment_campaign(est));
        mh__xw_attr(w, "reference-date", mh_establishment_reference_date(est));
        mh__xw_attr(w, "status", mh_submission_name(mh_establishment_submission(est)));
        mh__xw_start(w, "global");
        number_attribute(w, "score", mh_result_global(result), 6);
        number_attribute(w, "rounded", mh_round1(mh_result_global(result)), 1);
        mh__xw_attrf(w, "level", "%u", level);
        mh__xw_attr(w, "level-label", mh_referentiel_level_label(ref, level, NULL));
        number_attribute(w, "completeness", mh_result_completeness(result), 6);
        mh__xw_attrf(w, "priority-achieved", "%zu", mh_result_priority_achieved(result));
        mh__xw_attrf(w, "priority-total", "%zu", mh_result_priority_total(result));
        mh__xw_end(w);
        for (d = 0; d < ref->n_domains; d++) {
                const struct mh_domain *domain = &ref->domains[d];
                double score = mh_result_domain_score(result, domain);

                mh__xw_start(w, "domain");
                mh__xw_attr(w, "id", domain->id);
                number_attribute(w, "score", score, 6);
                number_attribute(w, "rounded", mh_round1(score), 1);
                for (c = 0; detail && c < domain->n_criteria; c++) {
                        const struct mh_criterion *crit = &domain->criteria[c];

                        mh__xw_start(w, "criterion");
                        mh__xw_attr(w, "id", crit->id);
                        mh__xw_attr(w, "status",
                                    mh_status_name(mh_result_criterion_status(result, crit)));
                        number_attribute(w, "score", mh_result_criterion_score(result, crit), 6);
                        mh__xw_end(w);
                }
                mh__xw_end(w);
        }
        mh__xw_end(w);
        return mh__xw_failed(w) ? MH_EIO : 0;
}

int mh__xml_scores_end(mh__xml_scores *xml)
{
        int rc = mh__xw_close(xml->w);

        xml->w = NULL;
        return rc;
}

void mh__xml_scores_free(mh__xml_scores *xml)
{
        if (xml == NULL)
                return;
        if (xml->w != NULL)
                (void)mh__xw_close(xml->w);
        mh__free(xml);
}
