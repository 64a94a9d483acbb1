/*
 * referentiel.c: the public accessors of a loaded référentiel.
 *
 * Plain reads of the structures of referentiel_internal.h, plus the id index
 * (a hash table of the ids, built at load time) and the names of enums.
 */
#include <stdlib.h>
#include <string.h>

#include "util/texthash.h"
#include "referentiel_internal.h"

const char *mh__text_get(const mh__text *text, const char *lang)
{
        size_t i;

        if (text->count == 0)
                return NULL;
        if (lang != NULL)
                for (i = 0; i < text->count; i++)
                        if (strcmp(text->langs[i], lang) == 0)
                                return text->values[i];
        return text->values[0];
}

const char *mh_referentiel_id(const mh_referentiel *ref)
{
        return ref->id;
}

const char *mh_referentiel_version(const mh_referentiel *ref)
{
        return ref->version;
}

const char *mh_referentiel_title(const mh_referentiel *ref, const char *lang)
{
        return mh__text_get(&ref->title, lang);
}

const char *mh_referentiel_description(const mh_referentiel *ref, const char *lang)
{
        return mh__text_get(&ref->description, lang);
}

const char *mh_referentiel_source(const mh_referentiel *ref)
{
        return ref->source;
}

const char *mh_referentiel_sha256(const mh_referentiel *ref)
{
        return ref->sha256;
}

const char *mh_referentiel_text(const mh_referentiel *ref, size_t *length)
{
        if (length != NULL)
                *length = ref->text_length;
        return ref->text;
}

unsigned mh_referentiel_level_count(const mh_referentiel *ref)
{
        return ref->n_levels;
}

const char *mh_referentiel_level_label(const mh_referentiel *ref, unsigned level, const char *lang)
{
        if (level == 0) /* the same in every locale: a machine output may hold it */
                return lang != NULL && strcmp(lang, "en") == 0 ? "No level reached"
                                                               : "Aucun niveau atteint";
        if (level > ref->n_levels)
                return NULL;
        return mh__text_get(&ref->level_labels[level - 1], lang);
}

double mh_referentiel_achieved_at(const mh_referentiel *ref)
{
        return ref->achieved_at;
}

double mh_referentiel_partial_at(const mh_referentiel *ref)
{
        return ref->partial_at;
}

int mh_referentiel_priority_level_cap(const mh_referentiel *ref)
{
        return ref->priority_level_cap;
}

double mh_referentiel_min_completeness(const mh_referentiel *ref)
{
        return ref->min_completeness;
}

double mh_referentiel_praise_min_score(const mh_referentiel *ref)
{
        return ref->praise_min_score;
}

int mh_referentiel_praise_requires_priority(const mh_referentiel *ref)
{
        return ref->praise_requires_priority;
}

unsigned mh_referentiel_praise_min_level(const mh_referentiel *ref)
{
        return ref->praise_min_level;
}

mh_sector mh_referentiel_sector(const mh_referentiel *ref)
{
        return ref->sector;
}

unsigned mh_referentiel_min_cell_size(const mh_referentiel *ref)
{
        return ref->min_cell_size;
}

size_t mh_referentiel_domain_count(const mh_referentiel *ref)
{
        return ref->n_domains;
}

const mh_domain *mh_referentiel_domain(const mh_referentiel *ref, size_t i)
{
        return i < ref->n_domains ? &ref->domains[i] : NULL;
}

size_t mh_referentiel_criterion_count(const mh_referentiel *ref)
{
        return ref->n_criteria;
}

size_t mh_referentiel_indicator_count(const mh_referentiel *ref)
{
        return ref->n_indicators;
}

static const void *find(const mh_referentiel *ref, const char *id, int kind)
{
        size_t length;

        if (id == NULL)
                return NULL;
        length = strlen(id);
        return mh__find_id_hashed(ref, id, length, mh__hash_bytes(id, length), kind);
}

const mh_domain *mh_referentiel_find_domain(const mh_referentiel *ref, const char *id)
{
        return find(ref, id, 0);
}

const mh_criterion *mh_referentiel_find_criterion(const mh_referentiel *ref, const char *id)
{
        return find(ref, id, 1);
}

const mh_indicator *mh_referentiel_find_indicator(const mh_referentiel *ref, const char *id)
{
        return find(ref, id, 2);
}

/* ---- Domains ------------------------------------------------------------ */

const char *mh_domain_id(const mh_domain *domain)
{
        return domain->id;
}

const char *mh_domain_title(const mh_domain *domain, const char *lang)
{
        return mh__text_get(&domain->title, lang);
}

double mh_domain_weight(const mh_domain *domain)
{
        return domain->weight;
}

const mh_applicability *mh_domain_applies_to(const mh_domain *domain)
{
        return domain->applies_to;
}

size_t mh_domain_criterion_count(const mh_domain *domain)
{
        return domain->n_criteria;
}

const mh_criterion *mh_domain_criterion(const mh_domain *domain, size_t i)
{
        return i < domain->n_criteria ? &domain->criteria[i] : NULL;
}

/* ---- Criteria ----------------------------------------------------------- */

const char *mh_criterion_id(const mh_criterion *criterion)
{
        return criterion->id;
}

const char *mh_criterion_title(const mh_criterion *criterion, const char *lang)
{
        return mh__text_get(&criterion->title, lang);
}

const char *mh_criterion_description(const mh_criterion *criterion, const char *lang)
{
        return mh__text_get(&criterion->description, lang);
}

const mh_domain *mh_criterion_domain(const mh_criterion *criterion)
{
        return criterion->domain;
}

unsigned mh_criterion_level(const mh_criterion *criterion)
{
        return criterion->level;
}

double mh_criterion_weight(const mh_criterion *criterion)
{
        return criterion->weight;
}

int mh_criterion_priority(const mh_criterion *criterion)
{
        return criterion->priority;
}

int mh_criterion_public(const mh_criterion *criterion)
{
        return criterion->is_public;
}

mh_combine mh_criterion_combine(const mh_criterion *criterion)
{
        return criterion->combine;
}

const mh_applicability *mh_criterion_applies_to(const mh_criterion *criterion)
{
        return criterion->applies_to;
}

size_t mh_criterion_indicator_count(const mh_criterion *criterion)
{
        return criterion->n_indicators;
}

const mh_indicator *mh_criterion_indicator(const mh_criterion *criterion, size_t i)
{
        return i < criterion->n_indicators ? &criterion->indicators[i] : NULL;
}

/* ---- Indicators --------------------------------------------------------- */

const char *mh_indicator_id(const mh_indicator *indicator)
{
        return indicator->id;
}

const char *mh_indicator_question(const mh_indicator *indicator, const char *lang)
{
        return mh__text_get(&indicator->question, lang);
}

const char *mh_indicator_help(const mh_indicator *indicator, const char *lang)
{
        return mh__text_get(&indicator->help, lang);
}

const mh_criterion *mh_indicator_criterion(const mh_indicator *indicator)
{
        return indicator->criterion;
}

mh_indicator_type mh_indicator_type_of(const mh_indicator *indicator)
{
        return indicator->type;
}

double mh_indicator_weight(const mh_indicator *indicator)
{
        return indicator->weight;
}

int mh_indicator_na_allowed(const mh_indicator *indicator)
{
        return indicator->na_allowed;
}

const mh_applicability *mh_indicator_applies_to(const mh_indicator *indicator)
{
        return indicator->applies_to;
}

size_t mh_indicator_index(const mh_indicator *indicator)
{
        return indicator->index;
}

mh_scoring_method mh_indicator_scoring(const mh_indicator *indicator)
{
        return indicator->scoring;
}

int mh_indicator_expect(const mh_indicator *indicator)
{
        return indicator->expect;
}

size_t mh_indicator_option_count(const mh_indicator *indicator)
{
        return indicator->n_options;
}

const char *mh_indicator_option_value(const mh_indicator *indicator, size_t i)
{
        return i < indicator->n_options ? indicator->options[i].value : NULL;
}

const char *mh_indicator_option_label(const mh_indicator *indicator, size_t i, const char *lang)
{
        return i < indicator->n_options ? mh__text_get(&indicator->options[i].label, lang) : NULL;
}

double mh_indicator_option_score(const mh_indicator *indicator, size_t i)
{
        return i < indicator->n_options ? indicator->options[i].score : 0;
}

double mh_indicator_target(const mh_indicator *indicator)
{
        return indicator->target;
}

double mh_indicator_linear_from(const mh_indicator *indicator)
{
        return indicator->linear_from;
}

double mh_indicator_linear_to(const mh_indicator *indicator)
{
        return indicator->linear_to;
}

size_t mh_indicator_step_count(const mh_indicator *indicator)
{
        return indicator->n_steps;
}

double mh_indicator_step_threshold(const mh_indicator *indicator, size_t i)
{
        return i < indicator->n_steps ? indicator->steps[i].threshold : 0;
}

double mh_indicator_step_score(const mh_indicator *indicator, size_t i)
{
        return i < indicator->n_steps ? indicator->steps[i].score : 0;
}

const char *mh_indicator_type_name(mh_indicator_type type)
{
        switch (type) {
        case MH_INDICATOR_BOOLEAN:
                return "boolean";
        case MH_INDICATOR_CHOICE:
                return "choice";
        case MH_INDICATOR_PERCENT:
                return "percent";
        case MH_INDICATOR_INTEGER:
                return "integer";
        case MH_INDICATOR_DATE:
                return "date";
        case MH_INDICATOR_TEXT:
                return "text";
        }
        return "?";
}

const char *mh_combine_name(mh_combine combine)
{
        switch (combine) {
        case MH_COMBINE_MEAN:
                return "mean";
        case MH_COMBINE_MIN:
                return "min";
        case MH_COMBINE_MAX:
                return "max";
        }
        return "?";
}

const char *mh_scoring_method_name(mh_scoring_method method)
{
        switch (method) {
        case MH_SCORING_NONE:
                return "none";
        case MH_SCORING_EXPECT:
                return "expect";
        case MH_SCORING_OPTIONS:
                return "options";
        case MH_SCORING_TARGET:
                return "target";
        case MH_SCORING_LINEAR:
                return "linear";
        case MH_SCORING_STEPS:
                return "steps";
        case MH_SCORING_WITHIN_DAYS:
                return "within_days";
        case MH_SCORING_AGE_STEPS:
                return "age_steps";
        }
        return "?";
}

/* ---- Applicability ------------------------------------------------------ */

size_t mh_applicability_category_count(const mh_applicability *applies)
{
        return applies->n_categories;
}

const char *mh_applicability_category(const mh_applicability *applies, size_t i)
{
        return i < applies->n_categories ? applies->categories[i] : NULL;
}

int mh_applicability_ose(const mh_applicability *applies)
{
        return applies->ose;
}

long mh_applicability_min_beds(const mh_applicability *applies)
{
        return applies->min_beds;
}

long mh_applicability_max_beds(const mh_applicability *applies)
{
        return applies->max_beds;
}
