/*
 * categories.c: the FINESS category table (maturinh/categories.h).
 *
 * The rows come from engine/data/categories.tsv, the one owner of the
 * table (its source, the nomenclature TRE_R66, is cited there), made into
 * C by engine/data/tables.cmake at build time.  The file is in code order
 * (a test checks it): lookups are a binary search.
 */
#include <stdlib.h>
#include <string.h>

#include "maturinh/categories.h"
#include "reference_tables.inc"

static const mh_category categories[] = {MH__CATEGORY_ROWS};

static int compare_code(const void *key, const void *element)
{
        return strcmp(key, ((const mh_category *)element)->code);
}

const mh_category *mh_category_find(const char *code)
{
        if (code == NULL)
                return NULL;
        return bsearch(code, categories, sizeof(categories) / sizeof(categories[0]),
                       sizeof(categories[0]), compare_code);
}

const char *mh_category_label(const char *code)
{
        const mh_category *c = mh_category_find(code);

        return c != NULL ? c->label : NULL;
}

mh_sector mh_category_sector(const char *code)
{
        const mh_category *c = mh_category_find(code);

        return c != NULL ? c->sector : MH_SECTOR_UNKNOWN;
}

const char *mh_sector_label(mh_sector sector)
{
        switch (sector) {
        case MH_SECTOR_SANITAIRE:
                return "sanitaire";
        case MH_SECTOR_MEDICO_SOCIAL:
                return "médico-social";
        case MH_SECTOR_UNKNOWN:
                break;
        }
        return NULL;
}

int mh_category_current(const char *code)
{
        const mh_category *c = mh_category_find(code);

        return c != NULL && c->retired == NULL;
}

size_t mh_category_count(void)
{
        return sizeof(categories) / sizeof(categories[0]);
}

const mh_category *mh_category_at(size_t i)
{
        return i < mh_category_count() ? &categories[i] : NULL;
}
