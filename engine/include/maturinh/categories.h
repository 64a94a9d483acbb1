/*
 * maturinh/categories.h: the FINESS establishment categories (`categetab`,
 * nomenclature TRE_R66) that MaturiN'H knows: code, French label and sector
 * (sanitaire or médico-social).
 *
 * One table owns them, engine/data/categories.tsv (its source at its top),
 * compiled into the library: the pages, tables and spreadsheets show these
 * labels beside the codes, and whatever checks a category code looks it up
 * here.  The codes retired from the nomenclature (437, 377, 379, 382) are
 * in it, marked with the date they were retired, so that an input naming
 * one is told why it is refused; the aggregate categories (`categagretab`,
 * 1101...) are not.  Every string returned is static: never free it.
 */
#ifndef MATURINH_CATEGORIES_H
#define MATURINH_CATEGORIES_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The sector of a category. */
typedef enum mh_sector {
        MH_SECTOR_UNKNOWN = 0,      /**< the code is not in the table */
        MH_SECTOR_SANITAIRE = 1,    /**< établissement de santé */
        MH_SECTOR_MEDICO_SOCIAL = 2 /**< établissement ou service médico-social */
} mh_sector;

/** One FINESS category. */
typedef struct mh_category {
        const char *code;  /**< three digits, "355" */
        const char *label; /**< in French, "Centre Hospitalier (C.H.)" */
        mh_sector sector;
        const char *retired; /**< YYYY-MM-DD the code was retired, or NULL: in use */
} mh_category;

/** The category of `code`, retired or not, or NULL when the code is unknown (or NULL). */
MH_EXTERN const mh_category *mh_category_find(const char *code);
/** The French label of `code` (a retired code's former one), or NULL when it is unknown. */
MH_EXTERN const char *mh_category_label(const char *code);
/** The sector of `code`; MH_SECTOR_UNKNOWN when the code is unknown. */
MH_EXTERN mh_sector mh_category_sector(const char *code);
/** "sanitaire", "médico-social", or NULL for MH_SECTOR_UNKNOWN. */
MH_EXTERN const char *mh_sector_label(mh_sector sector);
/**
 * Whether `code` is a category an establishment may have: in the table and
 * not retired.
 */
MH_EXTERN int mh_category_current(const char *code);
/** Number of categories in the table, retired ones included. */
MH_EXTERN size_t mh_category_count(void);
/** Category i (0..count-1) in code order, or NULL beyond. */
MH_EXTERN const mh_category *mh_category_at(size_t i);

#ifdef __cplusplus
}
#endif

#endif
