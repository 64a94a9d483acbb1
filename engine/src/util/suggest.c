/*
 * suggest.c: "did you mean": the closest of a list of words to a mistyped
 * one, for the loaders' unknown keys and the CLI's unknown commands and
 * options.
 */
#include <string.h>

#include "maturinh/common.h"

/* Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
static size_t edit_distance(const char *a, const char *b)
{
        size_t la = strlen(a), lb = strlen(b), i, j;
        size_t rows[3][32], *before = rows[0], *previous = rows[1], *current = rows[2];

        if (la >= 31 || lb >= 31)
                return 99;
        for (j = 0; j <= lb; j++)
                previous[j] = j;
        for (i = 1; i <= la; i++) {
                size_t *spare = before;

                current[0] = i;
                for (j = 1; j <= lb; j++) {
                        size_t best = previous[j - 1] + (a[i - 1] != b[j - 1]);

                        if (previous[j] + 1 < best)
                                best = previous[j] + 1;
                        if (current[j - 1] + 1 < best)
                                best = current[j - 1] + 1;
                        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                            before[j - 2] + 1 < best)
                                best = before[j - 2] + 1;
                        current[j] = best;
                }
                before = previous;
                previous = current;
                current = spare;
        }
        return previous[lb];
}

const char *mh_suggest(const char *word, const char *const *candidates)
{
        /* a suggestion only where the word is long enough to be a typo */
        size_t best = strlen(word) <= 3 ? 2 : 3, i;
        const char *closest = NULL;

        for (i = 0; candidates != NULL && candidates[i] != NULL; i++) {
                size_t d = edit_distance(word, candidates[i]);

                if (d < best) {
                        best = d;
                        closest = candidates[i];
                }
        }
        return closest;
}

const char *mh_suggest_within(const char *word, const char *const *candidates, size_t max_edits)
{
        const char *only = NULL;
        size_t i;

        for (i = 0; candidates != NULL && candidates[i] != NULL; i++) {
                if (edit_distance(word, candidates[i]) > max_edits)
                        continue;
                if (only != NULL)
                        return NULL; /* several: none is the one meant */
                only = candidates[i];
        }
        return only;
}
