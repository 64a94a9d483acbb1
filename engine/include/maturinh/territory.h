/*
 * maturinh/territory.h: the 18 regions (one ARS each) and the 101
 * départements, with their INSEE codes, from the table the project ships
 * (engine/data/departements.tsv, its source at its top).
 *
 * Every string returned is static: never free it.
 */
#ifndef MATURINH_TERRITORY_H
#define MATURINH_TERRITORY_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The name of region `code` ("11": "Île-de-France"), or NULL for another code. */
MH_EXTERN const char *mh_region_name(const char *code);

/**
 * The region of département `code`, as INSEE writes it ("75", "2A", "971"),
 * or NULL when `code` is no département.
 */
MH_EXTERN const char *mh_departement_region(const char *code);

/** The name of département `code` ("2B": "Haute-Corse"), or NULL. */
MH_EXTERN const char *mh_departement_name(const char *code);

/**
 * The département a FINESS number is registered in, from its first
 * characters (answers-format.md, "FINESS numbers"): "75" for 750712184,
 * "2B" for 2B0000020, "971".."974" and "976" for 97 with the 4th character
 * 1..4 or 6, "976" for 98 (Mayotte).  NULL when the prefix names no
 * département (or `finess` is shorter than 4 characters).
 */
MH_EXTERN const char *mh_finess_departement(const char *finess);

#ifdef __cplusplus
}
#endif

#endif
