/*
 * maturinh/export.h: an establishment written back as the files that
 * import it (an answers file, CSV rows), identically.
 */
#ifndef MATURINH_EXPORT_H
#define MATURINH_EXPORT_H

#include <stdio.h>

#include "answers.h"
#include "common.h"
#include "referentiel.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Writes an establishment as an answers file (maturinh-answers/1) that
 * imports back identically: profile, status, every answer and comment.
 */
MH_EXTERN int mh_export_write(const mh_referentiel *ref, const mh_establishment *est, FILE *stream,
                              mh_diagnostics *diags);

/**
 * mh_export_write() with the answers carried over from an earlier campaign
 * still to confirm (`carried`, `n_carried` of them; maturinh/store.h)
 * written as YAML comments under `answers:` ("# GOUV-01-A: oui  # carried
 * over from campaign 2025, to be confirmed"), so that importing the file
 * back never confirms them.  The profile includes the private contact:
 * the file is the establishment's own.
 */
MH_EXTERN int mh_export_write_carried(const mh_referentiel *ref, const mh_establishment *est,
                                      const mh_carried_answer *carried, size_t n_carried,
                                      FILE *stream, mh_diagnostics *diags);

/**
 * Writes an establishment as CSV rows: its answers in long form
 * (campaign,finess,indicator,value,comment) to `answers`, its profile
 * (finess,finess_ej,name,region,departement,category,beds,ose,ght) to
 * `profiles` (either may be NULL), after the header rows with
 * MH_CSV_HEADER.
 */
typedef enum { MH_CSV_ROWS = 0, MH_CSV_HEADER } mh_csv_header;
MH_EXTERN int mh_csv_write_establishment(const mh_referentiel *ref, const mh_establishment *est,
                                         FILE *answers, FILE *profiles, mh_csv_header header,
                                         mh_diagnostics *diags);

#ifdef __cplusplus
}
#endif

#endif
