/*
 * territory.c: regions and départements (maturinh/territory.h).
 *
 * The rows come from engine/data/regions.tsv and departements.tsv (INSEE's
 * Code officiel géographique, cited there), made into C at build time by
 * engine/data/tables.cmake.  The tables are small (18 and 101 rows): a
 * lookup walks them.
 */
#include <string.h>

#include "maturinh/territory.h"
#include "reference_tables.inc"

typedef struct region_row {
        const char *code;
        const char *name;
} region_row;

typedef struct departement_row {
        const char *code;
        const char *region;
        const char *name;
} departement_row;

static const region_row regions[] = {MH__REGION_ROWS};
static const departement_row departements[] = {MH__DEPARTEMENT_ROWS};

const char *mh_region_name(const char *code)
{
        size_t i;

        for (i = 0; code != NULL && i < sizeof(regions) / sizeof(regions[0]); i++)
                if (strcmp(regions[i].code, code) == 0)
                        return regions[i].name;
        return NULL;
}

static const departement_row *departement_find(const char *code)
{
        size_t i;

        for (i = 0; code != NULL && i < sizeof(departements) / sizeof(departements[0]); i++)
                if (strcmp(departements[i].code, code) == 0)
                        return &departements[i];
        return NULL;
}

const char *mh_departement_region(const char *code)
{
        const departement_row *d = departement_find(code);

        return d != NULL ? d->region : NULL;
}

const char *mh_departement_name(const char *code)
{
        const departement_row *d = departement_find(code);

        return d != NULL ? d->name : NULL;
}

const char *mh_finess_departement(const char *finess)
{
        char code[3];
        const departement_row *d;

        if (finess == NULL || strlen(finess) < 4)
                return NULL;
        if (finess[0] == '9' && finess[1] == '8') /* Mayotte */
                return "976";
        if (finess[0] == '9' && finess[1] == '7') {
                static const char *const overseas[] = {NULL, "971", "972", "973", "974",
                                                       NULL, "976", NULL,  NULL,  NULL};

                if (finess[3] < '0' || finess[3] > '9')
                        return NULL;
                return overseas[finess[3] - '0'];
        }
        code[0] = finess[0];
        code[1] = finess[1];
        code[2] = '\0';
        d = departement_find(code);
        return d != NULL ? d->code : NULL;
}
