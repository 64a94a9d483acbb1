/*
 * score_xml.h: scores as XML (schemas/maturinh-score-1.xsd).
 */
#ifndef MH_SCORE_XML_H
#define MH_SCORE_XML_H

#include <stdio.h>

#include "maturinh/evaluation.h"

/** The namespace of score documents (schemas/maturinh-score-1.xsd). */
#define MH_XML_SCORE_NS "urn:maturinh:score:1"

typedef struct mh__xml_scores mh__xml_scores;

int mh__xml_scores_begin(mh__xml_scores **out, FILE *stream, const mh_referentiel *ref);
int mh__xml_scores_add(mh__xml_scores *xml, const mh_referentiel *ref, const mh_establishment *est,
                       const mh_result *result, int detail);
/** Closes the document and flushes it; the writer stays to be freed. */
int mh__xml_scores_end(mh__xml_scores *xml);
void mh__xml_scores_free(mh__xml_scores *xml);

#endif
