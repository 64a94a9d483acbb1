/*
 * maturinh/output.h: writing a référentiel for people and programs.
 *
 * The writers take a stdio stream and never score or validate anything:
 * they print a loaded référentiel as a readable text summary or as CSV
 * (results are written by the score writer of maturinh/report.h).  Every CSV follows
 * docs/conventions.md: RFC 4180 quoting, UTF-8, a header row, booleans as true/false, absent values
 * as empty cells, and text cells that a spreadsheet would run as a formula made inert with a
 * leading apostrophe.
 */
#ifndef MATURINH_OUTPUT_H
#define MATURINH_OUTPUT_H

#include "common.h"
#include "referentiel.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The human summary of `maturinh referentiel show`: identity, SHA-256,
 * levels, scoring and publication parameters, then each domain with its
 * criteria and indicators.  Returns 0 or MH_EIO.
 */
MH_EXTERN int mh_referentiel_write_text(const mh_referentiel *ref, FILE *stream,
                                        mh_diagnostics *diags);

/**
 * One CSV row per indicator, in file order, with its domain and criterion
 * (columns listed in docs/referentiel-format.md).  Returns 0 or MH_EIO.
 */
MH_EXTERN int mh_referentiel_write_csv(const mh_referentiel *ref, FILE *stream,
                                       mh_diagnostics *diags);

#ifdef __cplusplus
}
#endif

#endif
