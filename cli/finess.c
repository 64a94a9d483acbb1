/*
 * finess.c: a FINESS typed on the command line (--finess): refused when it
 * fails the FINESS check (mh_finess_check, the library's one rule), and, like
 * a well-formed one that is not known, answered with "did you mean" when
 * exactly one known FINESS is one digit or one swap of two digits away.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int cli_finess_list_add(cli_finess_list *list, const char *finess)
{
        char *copy;

        if (list->count + 1 >= list->capacity) {
                size_t capacity = list->capacity ? list->capacity * 2 : 64;
                char **items = realloc(list->items, capacity * sizeof(*items));

                if (items == NULL)
                        return -1;
                list->items = items;
                list->capacity = capacity;
        }
        if ((copy = strdup(finess)) == NULL)
                return -1;
        list->items[list->count++] = copy;
        list->items[list->count] = NULL;
        return 0;
}

const char *const *cli_finess_list_names(const cli_finess_list *list)
{
        return (const char *const *)list->items; /* NULL: none */
}

void cli_finess_list_free(cli_finess_list *list)
{
        size_t i;

        for (i = 0; i < list->count; i++)
                free(list->items[i]);
        free(list->items);
        memset(list, 0, sizeof(*list));
}

static int add_establishment(const mh_establishment *est, void *context)
{
        return cli_finess_list_add(context, mh_establishment_finess(est)) < 0 ? EXIT_SOFTWARE : 0;
}

void cli_campaign_finess(cli_finess_list *list, const char *db, const char *campaign)
{
        mh_store *store = NULL;
        mh_referentiel *ref = NULL;

        /* only for a hint: never create the database, and say nothing of a failure */
        if (access(db, F_OK) != 0 || mh_store_open(&store, db, NULL) < 0)
                return;
        if (mh_store_campaign_referentiel(&ref, store, campaign, NULL) == 0)
                (void)mh_store_each(store, ref, campaign, add_establishment, list, NULL);
        mh_referentiel_free(ref);
        mh_store_close(store);
}

const char *cli_finess_hint(char *buf, size_t size, const char *finess, const char *const *known)
{
        const char *near = known != NULL ? mh_suggest_within(finess, known, 1) : NULL;

        if (near == NULL)
                return "";
        snprintf(buf, size, _("; did you mean %s?"), near);
        return buf;
}

int cli_finess_refuse(const char *command, const char *option, const char *finess,
                      const char *const *known)
{
        char hint[64];

        if (mh_finess_check(finess, cli_diags()) != MH_EINVALID)
                return -1;
        return cli_usage_error(command, N_("--%s %s: %s%s"), option, finess, cli_first_message(),
                               cli_finess_hint(hint, sizeof(hint), finess, known));
}

int cli_refuse_campaign_finess(const char *command, const char *db, const char *campaign,
                               const char *finess)
{
        cli_finess_list known = {NULL, 0, 0};
        int code;

        if (mh_finess_check(finess, NULL) != MH_EINVALID)
                return -1;
        cli_campaign_finess(&known, db, campaign);
        code = cli_finess_refuse(command, "finess", finess, cli_finess_list_names(&known));
        cli_finess_list_free(&known);
        return code;
}

int cli_no_establishment(const char *db, const char *campaign, const char *finess)
{
        cli_finess_list known = {NULL, 0, 0};
        char hint[64];

        cli_campaign_finess(&known, db, campaign);
        cli_error(N_("no establishment %s in campaign %s of %s%s"), finess, campaign, db,
                  cli_finess_hint(hint, sizeof(hint), finess, cli_finess_list_names(&known)));
        cli_finess_list_free(&known);
        return EXIT_DATAERR;
}
