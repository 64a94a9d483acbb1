/*
 * generate.c: the synthetic population (see maturinh/generate.h).
 *
 * A splitmix64 generator makes every draw reproducible on any machine.  Each
 * establishment gets a latent maturity from its size and OSE status plus
 * noise; each answer is drawn around that maturity, so that scores spread
 * like a real campaign's and correlate with size.  Answers go through
 * mh_establishment_set_answer(), the same checks as a file, so the
 * population is always valid.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "answers_internal.h"
#include "csv.h"
#include "maturinh/generate.h"
#include "referentiel_internal.h"

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
        int public_sector; /* in a GHT */
        const char *label; /* for names */
};

static const struct category categories[] = {
    {"355", 30, 50, 1200, 1, "CH"},
    {"109", 15, 30, 200, 0, "Centre SSR"},
    {"128", 12, 40, 400, 0, "Clinique"},
    {"106", 8, 20, 150, 1, "CH de proximité"},
    {"127", 8, 0, 0, 0, "HAD"},
    {"141", 8, 0, 60, 0, "Centre de dialyse"},
    {"292", 6, 80, 600, 1, "CHS"},
    {"129", 5, 30, 300, 0, "Clinique médicale"},
    {"365", 5, 30, 250, 0, "Clinique"},
    {"101", 2, 800, 3000, 1, "CHU"},
    {"131", 1, 100, 400, 0, "Centre de lutte contre le cancer"},
};

static const char *const places[] = {
    "Valmont",       "Saint-Ambroise",   "Kerlouan",     "Sainte-Baume",
    "Belle-Rive",    "Les Tilleuls",     "Pont-Aven",    "Haute-Combe",
    "Val-d'Orge",    "Mont-Saint-Clair", "Les Oliviers", "Bois-Joli",
    "Vallon-Fleuri", "Roche-Blanche",    "Les Cèdres",   "Port-Neuf"};

struct mh_generator {
        const mh_referentiel *ref;
        unsigned long long state; /* splitmix64 */
        char campaign[64];
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
                     const char *campaign, const char *reference_date)
{
        mh_generator *g;
        char why[128];

        if ((g = mh_malloc(sizeof(*g))) == NULL)
                return MH_ENOMEM;
        memset(g, 0, sizeof(*g));
        g->ref = ref;
        g->state = seed;
        snprintf(g->campaign, sizeof(g->campaign), "%s", campaign);
        snprintf(g->reference_date, sizeof(g->reference_date), "%s", reference_date);
        if (mh_parse_date(g->reference_date, &g->reference_days, why, sizeof(why)) < 0) {
                mh_free(g);
                return MH_EINVALID;
        }
        *out = g;
        return 0;
}

void mh_generator_free(mh_generator *gen)
{
        mh_free(gen);
}

/* A FINESS with a valid key: `prefix` (2 or 4 characters), digits, then the Luhn key. */
static void make_finess(mh_generator *g, const char *prefix, char finess[10])
{
        size_t n = strlen(prefix), i;
        char why[64];
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
                if (mh_finess_check(finess, why, sizeof(why)) == 0)
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

/* An answer to `ind` for an establishment of maturity `m` in [0, 1]. */
static void answer(mh_generator *g, const struct mh_indicator *ind, double m, char *text,
                   size_t size)
{
        double q = clamp01(m + noise(g, 0.18));
        long age;

        switch (ind->type) {
        case MH_INDICATOR_BOOLEAN:
                snprintf(text, size, "%s", (uniform(g) < q) == (ind->expect != 0) ? "oui" : "non");
                return;
        case MH_INDICATOR_CHOICE: {
                /* options ordered by score: pick around the maturity */
                size_t best = 0, i;
                double target = q, distance = 2;

                for (i = 0; i < ind->n_options; i++) {
                        double d = fabs(ind->options[i].score - target);

                        if (d < distance) {
                                distance = d;
                                best = i;
                        }
                }
                snprintf(text, size, "%s", ind->options[best].value);
                return;
        }
        case MH_INDICATOR_PERCENT:
        case MH_INDICATOR_INTEGER: {
                double low = 0, high = 100, v;

                if (ind->scoring == MH_SCORING_TARGET)
                        high = ind->target * 1.1;
                else if (ind->scoring == MH_SCORING_LINEAR) {
                        low = ind->linear_from;
                        high = ind->linear_to;
                } else if (ind->n_steps > 0) {
                        low = 0;
                        high = ind->steps[ind->n_steps - 1].threshold * 1.1;
                        if (ind->steps[0].score > ind->steps[ind->n_steps - 1].score) {
                                low = high; /* lower is better */
                                high = 0;
                        }
                }
                v = low + (high - low) * q;
                if (ind->type == MH_INDICATOR_PERCENT) {
                        v = v < 0 ? 0 : v > 100 ? 100 : v;
                        snprintf(text, size, "%.0f", v);
                } else {
                        snprintf(text, size, "%.0f", v < 0 ? 0 : floor(v + 0.5));
                }
                return;
        }
        case MH_INDICATOR_DATE:
                age = (long)((1 - q) * 900 + uniform(g) * 60);
                {
                        long days = g->reference_days - age;
                        /* days since 1970-01-01 to a civil date (H. Hinnant) */
                        long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
                        long doe = z - era * 146097;
                        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
                        long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
                        long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
                        long mo = mp < 10 ? mp + 3 : mp - 9;

                        snprintf(text, size, "%04ld-%02ld-%02ld", y + (mo <= 2), mo, d);
                }
                return;
        case MH_INDICATOR_TEXT:
                snprintf(text, size, "Pièce justificative n° %lu", g->serial);
                return;
        }
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

int mh_generator_next(mh_generator *g, mh_establishment **out)
{
        double region_weights[sizeof(regions) / sizeof(regions[0])];
        double category_weights[sizeof(categories) / sizeof(categories[0])];
        const struct region *region;
        const struct category *category;
        char finess[10], departement[8], name[160], ght[32], text[96], why[256], overseas[4];
        mh_profile profile;
        mh_establishment *est = NULL;
        double maturity, missing;
        size_t i;
        int rc;

        for (i = 0; i < sizeof(regions) / sizeof(regions[0]); i++)
                region_weights[i] = regions[i].weight;
        for (i = 0; i < sizeof(categories) / sizeof(categories[0]); i++)
                category_weights[i] = categories[i].weight;
        region = &regions[pick_weighted(g, region_weights, sizeof(regions) / sizeof(regions[0]))];
        category = &categories[pick_weighted(g, category_weights,
                                             sizeof(categories) / sizeof(categories[0]))];
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
        if (category->public_sector) {
                snprintf(ght, sizeof(ght), "GHT-%s-%02d", departement, (int)(next_u64(g) % 3) + 1);
                profile.ght = ght;
        }
        profile.campaign = g->campaign;
        profile.reference_date = g->reference_date;
        profile.submission = uniform(g) < 0.85 ? MH_SUBMISSION_SUBMITTED : MH_SUBMISSION_DRAFT;
        if ((rc = mh_establishment_new(&est, g->ref, &profile, why, sizeof(why))) < 0)
                return rc;
        /* maturity: size and OSE help; noise spreads the rest */
        maturity = clamp01(0.45 + 0.15 * (profile.beds > 300) + 0.15 * profile.ose + noise(g, 0.2));
        missing = uniform(g) < 0.12 ? 0.05 + 0.3 * uniform(g) : 0;
        for (i = 0; i < g->ref->n_indicators; i++) {
                const struct mh_indicator *ind = g->ref->indicators_by_index[i];

                if (!mh_indicator_concerns(ind, est) || uniform(g) < missing)
                        continue;
                if (ind->na_allowed && uniform(g) < 0.1)
                        snprintf(text, sizeof(text), "na");
                else
                        answer(g, ind, maturity, text, sizeof(text));
                if ((rc = mh_establishment_set_answer(est, ind, text, why, sizeof(why))) < 0 &&
                    rc != MH_EINVALID) {
                        mh_establishment_free(est);
                        return rc;
                }
        }
        *out = est;
        return 0;
}

int mh_csv_write_establishment(const mh_referentiel *ref, const mh_establishment *est,
                               FILE *answers, FILE *profiles, int header)
{
        mh_csv csv;
        size_t i;
        int rc = 0;

        if (answers != NULL) {
                mh_csv_init(&csv, answers);
                if (header) {
                        mh_csv_names(&csv, mh_csv_answer_columns);
                        rc |= mh_csv_end_row(&csv);
                }
                for (i = 0; i < ref->n_indicators; i++) {
                        const struct mh_answer *a = &est->answers[i];

                        if (a->state == MH_ANSWER_NONE && a->comment == NULL)
                                continue;
                        mh_csv_text(&csv, est->campaign);
                        mh_csv_text(&csv, est->finess);
                        mh_csv_text(&csv, ref->indicators_by_index[i]->id);
                        mh_csv_text(&csv, a->state == MH_ANSWER_NONE ? NULL : a->text);
                        mh_csv_text(&csv, a->comment);
                        rc |= mh_csv_end_row(&csv);
                }
        }
        if (profiles != NULL) {
                mh_csv_init(&csv, profiles);
                if (header) {
                        mh_csv_names(&csv, mh_csv_profile_columns);
                        rc |= mh_csv_end_row(&csv);
                }
                mh_csv_text(&csv, est->finess);
                mh_csv_text(&csv, est->finess_ej);
                mh_csv_text(&csv, est->name);
                mh_csv_text(&csv, est->region);
                mh_csv_text(&csv, est->departement);
                mh_csv_text(&csv, est->category);
                if (est->beds >= 0)
                        mh_csv_integer(&csv, est->beds);
                else
                        mh_csv_empty(&csv);
                mh_csv_bool(&csv, est->ose);
                mh_csv_text(&csv, est->ght);
                rc |= mh_csv_end_row(&csv);
        }
        return rc < 0 ? MH_EIO : 0;
}
