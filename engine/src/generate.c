/*
 * generate.c: the synthetic population (see maturinh/generate.h).
 *
 * A splitmix64 generator makes every draw reproducible on any machine, and
 * the draws meet only IEEE arithmetic and sqrt, floor and ceil, which are
 * exact: no libm function whose last bit could differ between systems.
 * Each establishment gets a latent maturity from its category, size and OSE
 * status plus chance and investment (below); each criterion is achieved or
 * not from that maturity, and its indicators are then answered so as to
 * score accordingly: every scored indicator at full score when the
 * criterion is achieved, at least one below full otherwise.  So scores and
 * levels spread like a real campaign's and correlate with size.  Answers go
 * through mh_establishment_set_answer(), the same checks as a file, so the
 * population is always valid.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "establishment_internal.h"
#include "util/cnum.h"
#include "util/csv_write.h"
#include "maturinh/generate.h"
#include "referentiel_internal.h"

/*
 * The latent maturity (docs/benchmarks.md, "The synthetic population").
 *
 * An establishment's maturity m is a position on the référentiel's staircase
 * of levels: its category's mean, plus the effects of its size and OSE
 * status, plus a normal part (chance) and an exponential-like part
 * (investment beyond the profile: most establishments little, a few a lot),
 * which gives the long right tail of a real campaign.  A criterion of level
 * l is achieved when m + the domain's effect + the criterion's own noise
 * (+ a bonus for a mesure prioritaire) reaches l - LEVEL_MARGIN; short of
 * it, its score falls by PARTIAL_SLOPE per level missing.  The noises are
 * small against one level, so that the answers of one establishment are
 * correlated: a level needs every one of its criteria achieved, and with
 * independent answers almost nobody would reach level 1.
 */
#define MATURITY_SD     0.4    /* the normal part, in levels */
#define INVESTMENT_STEP 0.6    /* the exponential-like part: steps of this size, */
#define INVESTMENT_ODDS 0.45   /* each further one with these odds */
#define BEDS_EFFECT     0.45   /* times sqrt(beds / 300) - 1, at most 1.5 */
#define OSE_EFFECT      0.5    /* opérateurs de services essentiels (NIS) */
#define DOMAIN_SD       0.1    /* an establishment's strength or weakness in a domain */
#define CRITERION_SD    0.18   /* a criterion against the others of its level */
#define PRIORITY_BONUS  0.8    /* mesures prioritaires come first (DNS, CaRE) */
#define LEVEL_MARGIN    0.5    /* see above */
#define PARTIAL_SLOPE   4.0    /* the score a criterion loses per level short */
#define INDICATOR_SD    0.2    /* indicators of a criterion not achieved, around its score */
#define MEAN_MATURITY   1.0    /* about the population's mean m */
#define NEVER_DAYS      10957L /* 2000-01-01, in days since 1970-01-01: see answer() */

struct region {
        const char *code;
        double weight;            /* share of establishments, approximate */
        const char *departements; /* space separated FINESS département prefixes */
};

/* Approximate shares of health establishments by region (not official figures). */
static const struct region regions[] = {
    {"11", 17.0, "75 77 78 91 92 93 94 95"},
    {"84", 12.0, "01 03 07 15 26 38 42 43 63 69 73 74"},
    {"93", 9.0, "04 05 06 13 83 84"},
    {"76", 9.0, "09 11 12 30 31 32 34 46 48 65 66 81 82"},
    {"75", 9.0, "16 17 19 23 24 33 40 47 64 79 86 87"},
    {"44", 8.0, "08 10 51 52 54 55 57 67 68 88"},
    {"32", 7.0, "02 59 60 62 80"},
    {"52", 4.5, "44 49 53 72 85"},
    {"53", 4.5, "22 29 35 56"},
    {"28", 4.0, "14 27 50 61 76"},
    {"24", 3.5, "18 28 36 37 41 45"},
    {"27", 3.5, "21 25 39 58 70 71 89 90"},
    {"04", 1.2, "9704"},
    {"01", 0.6, "9701"},
    {"02", 0.5, "9702"},
    {"94", 0.5, "2A 2B"},
    {"03", 0.3, "9703"},
    {"06", 0.2, "98"},
};

struct category {
        const char *code;
        double weight;
        long min_beds, max_beds;
        double in_ght;     /* the share in a GHT: 1 the public sector, 0 none */
        double maturity;   /* the category's mean latent maturity, in levels */
        const char *label; /* for names */
};

/* Shares of establishments and mean maturities: see "The synthetic
 * population" in docs/benchmarks.md for why these values. */
static const struct category categories[] = {
    {"355", 30, 50, 1200, 1, 0.25, "CH"},
    {"109", 15, 30, 200, 0, 0.25, "Centre SSR"},
    {"128", 12, 40, 400, 0, 0.55, "Clinique"},
    {"106", 8, 20, 150, 1, -0.05, "CH de proximité"},
    {"127", 8, 0, 0, 0, 0.25, "HAD"},
    {"141", 8, 0, 60, 0, 0.35, "Centre de dialyse"},
    {"292", 6, 80, 600, 1, 0.15, "CHS"},
    {"129", 5, 30, 300, 0, 0.4, "Clinique médicale"},
    {"365", 5, 30, 250, 0, 0.45, "Clinique"},
    {"101", 2, 800, 3000, 1, 0.45, "CHU"},
    {"131", 1, 100, 400, 0, 0.75, "Centre de lutte contre le cancer"},
};

/*
 * The médico-social side (a référentiel with `sector: medico-social`): the
 * shares follow the orders of magnitude of the FINESS register and the
 * DREES surveys (EHPA, ES-Handicap), about 35,000 ESSMS in all; places are
 * the capacity installed (none for a service counted in hours or in a file
 * of users: SAAD, CMPP, CAMSP); small structures without a team of their own
 * answer below the sanitaire mean.  A public EHPAD often shares the
 * resources of a GHT (`in_ght`).  See "The synthetic
 * population" in docs/benchmarks.md.
 */
static const struct category esms_categories[] = {
    {"500", 7400, 30, 250, 0.3, 0, "EHPAD"}, /* most public ones are attached to a CH */
    {"460", 5500, 0, 0, 0, -0.35, "Service d'aide à domicile"},
    {"354", 2100, 10, 150, 0, -0.1, "SSIAD"},
    {"502", 2000, 15, 100, 0, -0.3, "Résidence autonomie"},
    {"182", 1800, 10, 80, 0, -0.05, "SESSAD"},
    {"246", 1450, 20, 150, 0, -0.15, "ESAT"},
    {"446", 1300, 20, 100, 0, -0.25, "SAVS"},
    {"183", 1200, 20, 120, 0, -0.05, "IME"},
    {"448", 1000, 15, 80, 0, -0.05, "EAM"},
    {"255", 700, 20, 90, 0, 0.05, "MAS"},
    {"209", 600, 20, 150, 0, -0.05, "SAAS"},
    {"186", 450, 15, 80, 0, -0.1, "ITEP"},
    {"445", 450, 10, 50, 0, -0.15, "SAMSAH"},
    {"370", 400, 10, 60, 0, -0.2, "Établissement expérimental"},
    {"190", 350, 0, 0, 0, -0.1, "CAMSP"},
    {"501", 300, 15, 100, 0, -0.2, "EHPA"},
    {"189", 300, 0, 0, 0, -0.15, "CMPP"},
    {"188", 200, 10, 60, 0, 0, "EEAP"},
    {"395", 150, 5, 30, 0, -0.2, "Accueil temporaire"},
    {"192", 130, 20, 120, 0, 0, "IEM"},
    {"381", 100, 10, 80, 0, -0.25, "Établissement expérimental"},
    {"396", 100, 10, 60, 0, -0.2, "Foyer d'hébergement"},
    {"249", 90, 30, 150, 0, 0.05, "CRP"},
    {"195", 70, 20, 150, 0, -0.05, "Institut pour déficients auditifs"},
    {"461", 60, 0, 0, 0, 0.05, "Centre de ressources"},
    {"194", 40, 20, 120, 0, -0.05, "Institut pour déficients visuels"},
    {"464", 30, 5, 30, 0, -0.05, "UEROS"},
    {"198", 20, 10, 60, 0, -0.05, "CPO"},
};
#define ESMS_SIZE_PLACES 80.0 /* the size effect's reference, as 300 beds is for hospitals */

static const char *const places[] = {
    "Valmont",       "Saint-Ambroise",   "Kerlouan",     "Sainte-Baume",
    "Belle-Rive",    "Les Tilleuls",     "Pont-Aven",    "Haute-Combe",
    "Val-d'Orge",    "Mont-Saint-Clair", "Les Oliviers", "Bois-Joli",
    "Vallon-Fleuri", "Roche-Blanche",    "Les Cèdres",   "Port-Neuf"};

struct mh_generator {
        const mh_referentiel *ref;
        unsigned long long state; /* splitmix64 */
        char *campaign;           /* owned */
        char reference_date[11];
        long reference_days;
        unsigned long serial; /* establishments made so far */
        struct {
                char prefix[8];      /* a FINESS département prefix */
                unsigned long count; /* numbers made with it */
        } prefixes[160];             /* more than the départements listed above */
        size_t n_prefixes;
};

static unsigned long long next_u64(mh_generator *g)
{
        unsigned long long z = (g->state += 0x9E3779B97F4A7C15ULL);

        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double uniform(mh_generator *g)
{
        return (double)(next_u64(g) >> 11) / 9007199254740992.0;
}

static double clamp01(double x)
{
        return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* About normal (sum of uniforms), mean 0, deviation about `sd`. */
static double noise(mh_generator *g, double sd)
{
        return (uniform(g) + uniform(g) + uniform(g) + uniform(g) - 2) * sd * 1.7;
}

int mh_generator_new(mh_generator **out, const mh_referentiel *ref, unsigned long seed,
                     const char *campaign, const char *reference_date, mh_diagnostics *diags)
{
        mh_generator *g;
        char why[64];
        long days;

        if (out == NULL || ref == NULL || campaign == NULL || reference_date == NULL)
                return MH_EUSAGE;
        if (mh__parse_date(reference_date, &days, why, sizeof(why)) != MH__DATE_OK) {
                mh__diag_add(diags, "", 0, 0, "invalid reference date '%.*s': %s",
                             mh__utf8_prefix(reference_date, 20), reference_date, why);
                return MH_EINVALID;
        }
        if ((g = mh__malloc(sizeof(*g))) == NULL)
                return mh__diag_nomem(diags);
        memset(g, 0, sizeof(*g));
        if ((g->campaign = mh__strdup(campaign)) == NULL) {
                mh__free(g);
                return mh__diag_nomem(diags);
        }
        g->ref = ref;
        g->state = seed;
        memcpy(g->reference_date, reference_date, sizeof(g->reference_date)); /* 10 + NUL */
        g->reference_days = days;
        *out = g;
        return 0;
}

void mh_generator_free(mh_generator *gen)
{
        if (gen != NULL)
                mh__free(gen->campaign);
        mh__free(gen);
}

/* A FINESS with a valid key: `prefix` (2 or 4 characters), digits, then the Luhn key. */
static void make_finess(mh_generator *g, const char *prefix, char finess[10])
{
        size_t n = strlen(prefix), i;
        int key;

        memcpy(finess, prefix, n);
        /* numbers are counted per prefix, and count * 7919 (7919 is prime to
         * 10) runs over every residue before repeating: distinct numbers */
        {
                unsigned long modulus = 1, digits, count = 0;
                size_t p;

                for (i = n; i < 8; i++)
                        modulus *= 10;
                for (p = 0; p < g->n_prefixes; p++)
                        if (strcmp(g->prefixes[p].prefix, prefix) == 0)
                                break;
                if (p == g->n_prefixes && p < sizeof(g->prefixes) / sizeof(g->prefixes[0])) {
                        snprintf(g->prefixes[p].prefix, sizeof(g->prefixes[p].prefix), "%s",
                                 prefix);
                        g->n_prefixes++;
                }
                if (p < g->n_prefixes)
                        count = g->prefixes[p].count++;
                digits = (count * 7919UL) % modulus;

                for (i = 7; i >= n; i--) {
                        finess[i] = (char)('0' + (int)(digits % 10));
                        digits /= 10;
                }
        }
        finess[8] = '0';
        finess[9] = '\0';
        for (key = 0; key < 10; key++) {
                finess[8] = (char)('0' + key);
                if (mh_finess_check(finess, NULL) == 0)
                        return;
        }
}

static const char *pick_word(mh_generator *g, const char *list, char *out, size_t size)
{
        size_t count = 1, k, i;
        const char *p;

        for (p = list; *p; p++)
                count += *p == ' ';
        k = (size_t)(next_u64(g) % count);
        for (p = list, i = 0; i < k; p++)
                i += *p == ' ';
        for (i = 0; p[i] != '\0' && p[i] != ' ' && i + 1 < size; i++)
                out[i] = p[i];
        out[i] = '\0';
        return out;
}

/* The date `age` days before the reference date, as YYYY-MM-DD. */
static void format_age(const mh_generator *g, double age, char *text, size_t size)
{
        long days = g->reference_days - (long)age;
        /* days since 1970-01-01 to a civil date (H. Hinnant) */
        long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
        long mo = mp < 10 ? mp + 3 : mp - 9;

        snprintf(text, size, "%04ld-%02ld-%02ld", y + (mo <= 2), mo, d);
}

/* A whole number in [lo, hi] (lo <= hi, both whole). */
static double uniform_whole(mh_generator *g, double lo, double hi)
{
        double v = lo + floor(uniform(g) * (hi - lo + 1));

        return v > hi ? hi : v;
}

/*
 * The answers of `ind` that score alike, as bands: band k of a boolean is
 * the expected answer (k = 0) or the other one; of a choice, option k; of
 * `steps`, the whole values in [lo, hi] between two thresholds; of a date,
 * the ages in days in [lo, hi] between two age thresholds, the last band
 * (score 0) being the dates too old to count.  Returns 0 past the last band
 * (and for `target` and `linear`, which are continuous: see answer()).
 */
static int band(const struct mh_indicator *ind, size_t k, double *score, double *lo, double *hi)
{
        size_t n = ind->n_steps;

        *lo = *hi = 0;
        switch (ind->scoring) {
        case MH_SCORING_EXPECT:
                *score = k == 0 ? 1 : 0;
                return k < 2;
        case MH_SCORING_OPTIONS:
                if (k >= ind->n_options)
                        return 0;
                *score = ind->options[k].score;
                return 1;
        case MH_SCORING_STEPS: {
                /* band 0: below the first threshold; band k: from threshold k - 1 */
                double top = ceil(ind->steps[n - 1].threshold);
                double vmax = ind->type == MH_INDICATOR_PERCENT ? 100
                              : top * 2 > top + 5               ? top * 2
                                                                : top + 5;

                if (k > n)
                        return 0;
                *score = k == 0 ? 0 : ind->steps[k - 1].score;
                *lo = k == 0 ? 0 : ceil(ind->steps[k - 1].threshold);
                *hi = k == n ? vmax : ceil(ind->steps[k].threshold) - 1;
                return 1;
        }
        case MH_SCORING_WITHIN_DAYS:
                if (k > 1)
                        return 0;
                *score = k == 0 ? 1 : 0;
                *lo = k == 0 ? 0 : ind->target + 1;
                *hi = k == 0 ? ind->target : ind->target + 900;
                return 1;
        case MH_SCORING_AGE_STEPS:
                /* band k < n: ages up to threshold k; band n: older than the last */
                if (k > n)
                        return 0;
                *score = k == n ? 0 : ind->steps[k].score;
                *lo = k == 0 ? 0 : ind->steps[k - 1].threshold + 1;
                *hi = k == n ? ind->steps[n - 1].threshold + 900 : ind->steps[k].threshold;
                return 1;
        case MH_SCORING_NONE:
        case MH_SCORING_TARGET:
        case MH_SCORING_LINEAR:
                break;
        }
        return 0;
}

/*
 * A band of `ind` scoring about `s`: the band scores just below and just
 * above `s` are taken with the probabilities that make the expected score
 * `s` (a boolean at s = 0.7 is the expected answer 7 times in 10); among
 * the bands of that score, one at random.  `below_full`: only bands scoring
 * less than 1, when there are any.  Returns the band's index.
 */
static size_t pick_band(mh_generator *g, const struct mh_indicator *ind, double s, int below_full)
{
        double below = -1, above = 2, want, score, lo, hi;
        size_t k, count = 0, chosen;

        for (k = 0; band(ind, k, &score, &lo, &hi); k++)
                if (lo <= hi && (!below_full || score < 1)) {
                        if (score <= s && score > below)
                                below = score;
                        if (score >= s && score < above)
                                above = score;
                }
        if (below < 0 && above > 1.5)
                return below_full ? pick_band(g, ind, s, 0) : 0;
        if (below < 0)
                want = above;
        else if (above > 1.5 || above == below)
                want = below;
        else
                want = uniform(g) * (above - below) < s - below ? above : below;
        for (k = 0; band(ind, k, &score, &lo, &hi); k++)
                count += lo <= hi && score == want;
        chosen = (size_t)(next_u64(g) % count);
        for (k = 0; band(ind, k, &score, &lo, &hi); k++)
                if (lo <= hi && score == want && chosen-- == 0)
                        break;
        return k;
}

/*
 * An answer to `ind` scoring about `s` in [0, 1]: exactly 1 when `s` is 1
 * and not `below_full`, less than 1 when `below_full` (when the indicator
 * can score less than 1).
 */
static void answer(mh_generator *g, const struct mh_indicator *ind, double s, int below_full,
                   char *text, size_t size)
{
        int percent = ind->type == MH_INDICATOR_PERCENT;
        double score, lo, hi, v;
        size_t k;

        if (s >= 1 && !below_full)
                s = 1;
        else if (s > 0.99)
                s = 0.99; /* continuous scores: leave room below 1 */
        switch (ind->scoring) {
        case MH_SCORING_NONE:
                snprintf(text, size, "Pièce justificative n° %lu", g->serial);
                return;
        case MH_SCORING_TARGET: {
                double t = ceil(ind->target), room = percent ? floor((100 - t) / 2) : floor(t / 2);

                /* score min(1, v / t): full from t on */
                v = s >= 1 ? t + uniform_whole(g, 0, room) : floor(s * ind->target);
                v = s < 1 && v > t - 1 ? t - 1 : v;
                mh__snprintf_c(text, size, "%.0f", v < 0 ? 0 : v);
                return;
        }
        case MH_SCORING_LINEAR: {
                double a = ind->linear_from, b = ind->linear_to;

                if (a < b) { /* rising: full from b on */
                        double top = ceil(b),
                               room = percent ? floor((100 - top) / 2) : floor(top / 2);

                        v = s >= 1 ? top + uniform_whole(g, 0, room) : floor(a + s * (b - a));
                        v = s < 1 && v > top - 1 ? top - 1 : v;
                } else { /* falling: full from b down to 0 */
                        double bottom = floor(b);

                        v = s >= 1 ? uniform_whole(g, 0, bottom) : ceil(a - s * (a - b));
                        v = s < 1 && v < bottom + 1 ? bottom + 1 : v;
                        v = percent && v > 100 ? 100 : v;
                }
                mh__snprintf_c(text, size, "%.0f", v < 0 ? 0 : v);
                return;
        }
        case MH_SCORING_EXPECT:
        case MH_SCORING_OPTIONS:
        case MH_SCORING_STEPS:
        case MH_SCORING_WITHIN_DAYS:
        case MH_SCORING_AGE_STEPS:
                break;
        }
        k = pick_band(g, ind, s, below_full);
        band(ind, k, &score, &lo, &hi);
        if (ind->scoring == MH_SCORING_EXPECT)
                snprintf(text, size, "%s", (k == 0) == (ind->expect != 0) ? "oui" : "non");
        else if (ind->scoring == MH_SCORING_OPTIONS)
                snprintf(text, size, "%s", ind->options[k].value);
        else if (ind->scoring == MH_SCORING_STEPS)
                mh__snprintf_c(text, size, "%.0f", uniform_whole(g, lo, hi));
        else if (score == 0 && (double)(g->reference_days - NEVER_DAYS) >= lo && uniform(g) < 0.3)
                /* an event that never happened, where the band of score 0 reaches
                 * back to 2000 (the draws, hence each seed's population, are those
                 * of the time référentiels asked for the date 2000-01-01) */
                snprintf(text, size, "jamais");
        else
                format_age(g, uniform_whole(g, lo, hi), text, size);
}

/*
 * Answers the indicators of `crit` that concern `est`, for an establishment
 * of maturity `m` in this domain; `missing`: the share left unanswered.
 */
static int answer_criterion(mh_generator *g, mh_establishment *est, const struct mh_criterion *crit,
                            double m, double missing)
{
        double x = m + noise(g, CRITERION_SD) + (crit->priority ? PRIORITY_BONUS : 0) -
                   ((double)crit->level - LEVEL_MARGIN);
        double s = x >= 0 ? 1 : clamp01(1 + PARTIAL_SLOPE * x);
        size_t i, scored = 0, forced;
        char text[96];
        int rc;

        /* not achieved: one scored indicator (every one, for `max`) below full */
        for (i = 0; i < crit->n_indicators; i++)
                scored += crit->indicators[i].type != MH_INDICATOR_TEXT &&
                          mh__indicator_concerns(&crit->indicators[i], est);
        forced = scored > 0 ? (size_t)(next_u64(g) % scored) : 0;
        for (i = 0; i < crit->n_indicators; i++) {
                const struct mh_indicator *ind = &crit->indicators[i];
                int below;

                if (!mh__indicator_concerns(ind, est))
                        continue;
                below = s < 1 && ind->type != MH_INDICATOR_TEXT &&
                        (crit->combine == MH_COMBINE_MAX || forced == 0);
                if (ind->type != MH_INDICATOR_TEXT)
                        forced--;
                if (uniform(g) < missing)
                        continue;
                if (ind->na_allowed && !below && uniform(g) < 0.1)
                        snprintf(text, sizeof(text), "na");
                else
                        answer(g, ind, below || s >= 1 ? s : clamp01(s + noise(g, INDICATOR_SD)),
                               below, text, sizeof(text));
                if ((rc = mh_establishment_set_answer(est, ind, text, NULL)) < 0 &&
                    rc != MH_EINVALID)
                        return rc;
        }
        return 0;
}

static size_t pick_weighted(mh_generator *g, const double *weights, size_t n)
{
        double total = 0, x;
        size_t i;

        for (i = 0; i < n; i++)
                total += weights[i];
        x = uniform(g) * total;
        for (i = 0; i + 1 < n; i++) {
                if (x < weights[i])
                        return i;
                x -= weights[i];
        }
        return n - 1;
}

int mh_generator_next(mh_establishment **out, mh_generator *g)
{
        double region_weights[sizeof(regions) / sizeof(regions[0])];
        double category_weights[sizeof(esms_categories) / sizeof(esms_categories[0])];
        int esms = mh_referentiel_sector(g->ref) == MH_SECTOR_MEDICO_SOCIAL;
        const struct region *region;
        const struct category *category;
        char finess[10], departement[8], name[160], ght[32], overseas[4];
        mh_profile profile;
        mh_establishment *est = NULL;
        double maturity, missing;
        size_t i, d, c;
        int rc;

        for (i = 0; i < sizeof(regions) / sizeof(regions[0]); i++)
                region_weights[i] = regions[i].weight;
        const struct category *table = esms ? esms_categories : categories;
        size_t n_table = esms ? sizeof(esms_categories) / sizeof(esms_categories[0])
                              : sizeof(categories) / sizeof(categories[0]);

        for (i = 0; i < n_table; i++)
                category_weights[i] = table[i].weight;
        region = &regions[pick_weighted(g, region_weights, sizeof(regions) / sizeof(regions[0]))];
        category = &table[pick_weighted(g, category_weights, n_table)];
        g->serial++;
        pick_word(g, region->departements, departement, sizeof(departement));
        make_finess(g, departement, finess);
        memset(&profile, 0, sizeof(profile));
        profile.finess = finess;
        snprintf(name, sizeof(name), "%s de %s %lu", category->label,
                 places[next_u64(g) % (sizeof(places) / sizeof(places[0]))], g->serial);
        profile.name = name;
        profile.region = region->code;
        profile.departement = strlen(departement) == 4         ? NULL
                              : strcmp(departement, "98") == 0 ? "976"
                                                               : departement;
        if (strlen(departement) == 4) {
                snprintf(overseas, sizeof(overseas), "97%c", departement[3]);
                profile.departement = overseas;
        }
        profile.category = category->code;
        profile.beds =
            category->max_beds == 0
                ? -1
                : category->min_beds + (long)(uniform(g) * uniform(g) *
                                              (double)(category->max_beds - category->min_beds));
        profile.ose =
            strcmp(category->code, "101") == 0 || (profile.beds > 600 && uniform(g) < 0.6);
        /* a share of 1 or 0 draws nothing: the sanitaire populations are those of before */
        if (category->in_ght >= 1 || (category->in_ght > 0 && uniform(g) < category->in_ght)) {
                snprintf(ght, sizeof(ght), "GHT-%s-%02d", departement, (int)(next_u64(g) % 3) + 1);
                profile.ght = ght;
        }
        profile.campaign = g->campaign;
        profile.reference_date = g->reference_date;
        /* maturity: the category's mean, larger establishments and OSE above it,
         * chance, and investment */
        {
                double size =
                    profile.beds < 0
                        ? 0
                        : sqrt((double)profile.beds / (esms ? ESMS_SIZE_PLACES : 300)) - 1;
                int steps = 0;

                while (steps < 40 && uniform(g) < INVESTMENT_ODDS)
                        steps++;
                maturity = category->maturity + BEDS_EFFECT * (size > 1.5 ? 1.5 : size) +
                           OSE_EFFECT * profile.ose + noise(g, MATURITY_SD) +
                           INVESTMENT_STEP * (steps + uniform(g));
        }
        /* the less mature submit and finish their questionnaire less often:
         * 15 % drafts and 12 % incomplete at the mean */
        profile.submission = uniform(g) < 0.15 + 0.04 * (MEAN_MATURITY - maturity)
                                 ? MH_SUBMISSION_DRAFT
                                 : MH_SUBMISSION_SUBMITTED;
        missing =
            uniform(g) < 0.12 + 0.03 * (MEAN_MATURITY - maturity) ? 0.05 + 0.3 * uniform(g) : 0;
        if ((rc = mh_establishment_new(&est, g->ref, &profile, NULL)) < 0)
                return rc;
        for (d = 0; d < g->ref->n_domains; d++) {
                const struct mh_domain *domain = &g->ref->domains[d];
                double m = maturity + noise(g, DOMAIN_SD);

                for (c = 0; c < domain->n_criteria; c++)
                        if ((rc = answer_criterion(g, est, &domain->criteria[c], m, missing)) < 0) {
                                mh_establishment_free(est);
                                return rc;
                        }
        }
        *out = est;
        return 0;
}
