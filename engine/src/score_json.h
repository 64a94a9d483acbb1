/*
 * score_json.h: JSON output (the only module that includes jansson).
 */
#ifndef MH_SCORE_JSON_H
#define MH_SCORE_JSON_H

#include <stdio.h>

#include "maturinh/evaluation.h"

/** Writes the opening of a scores document: the référentiel, then "establishments": [. */
int mh__json_scores_begin(FILE *stream, const mh_referentiel *ref);
/** One establishment object; `first`: no separating comma. */
int mh__json_scores_add(FILE *stream, const mh_referentiel *ref, const mh_establishment *est,
                        const mh_result *result, int detail, int first);
/** Closes the array and the document. */
int mh__json_scores_end(FILE *stream);

#endif
