/*
 * downloads.c: the spreadsheets an ARS analyst takes away from the web
 * front, GET /c/CAMPAIGN/telecharger/NAME.xlsx (docs/web.md):
 *
 *   relance.xlsx      the chase list (`maturinh status`), private contacts included;
 *   scores.xlsx       the scores with the profile (`score --with-profile`);
 *   classement.xlsx   the internal ranking (`rank`), with the progress;
 *   comparaison.xlsx  the change since the campaign before (`compare`).
 *
 * The same library calls as the CLI's, so that a workbook from the browser
 * and one from the command line hold the same cells.  Only the ARS (its
 * region) and national accounts download: the scope is the account's,
 * never a parameter of the request.  The workbook is written in a private
 * temporary folder (0700: the chase list holds contacts), read back into
 * the answer and removed.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "maturinh/follow.h"
#include "maturinh/publication.h"
#include "maturinh/report.h"
#include "maturinh/sheet.h"
#include "web_internal.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* The workbooks, by the name of their file. */
typedef enum { DOWNLOAD_CHASE, DOWNLOAD_SCORES, DOWNLOAD_RANKING, DOWNLOAD_COMPARISON } download;

static const struct {
        const char *file;  /* in the URL */
        const char *sheet; /* the worksheet, named as the CLI names it */
        download what;
} downloads[] = {
    {"relance.xlsx", "status", DOWNLOAD_CHASE},
    {"scores.xlsx", "score", DOWNLOAD_SCORES},
    {"classement.xlsx", "rank", DOWNLOAD_RANKING},
    {"comparaison.xlsx", "compare", DOWNLOAD_COMPARISON},
};

/* ---- Scores and ranking: the campaign's establishments in the scope ---------------------- */

struct gather {
        const mh_referentiel *ref;
        const mh_scope *scope;
        mh_score_writer *writer; /* scores: each row written as it comes */
        mh_population *pop;      /* ranking, peers: each one added */
};

static int gather_one(const mh_establishment *est, void *context)
{
        struct gather *g = context;
        mh_result *result = NULL;
        int rc;

        if (g->scope != NULL && !mh_scope_contains(g->scope, est))
                return 0;
        if (mh_evaluate(&result, g->ref, est) < 0)
                return MH_ENOMEM;
        rc = g->writer != NULL ? mh_score_writer_add(g->writer, est, result, NULL)
                               : mh_population_add(g->pop, est, result);
        mh_result_free(result);
        return rc < 0 ? rc : 0;
}

mh_population *web_campaign_population(web_ctx *ctx, const char *campaign, int *rc)
{
        const mh_referentiel *ref = web_campaign_referentiel(ctx->app, ctx->store, campaign);
        struct gather g;

        memset(&g, 0, sizeof(g));
        g.ref = ref;
        if (ref == NULL || mh_population_new(&g.pop, ref) < 0) {
                *rc = ref == NULL ? MH_ENOTFOUND : MH_ENOMEM;
                return NULL;
        }
        if ((*rc = mh_store_each(ctx->store, ref, campaign, gather_one, &g, NULL)) < 0) {
                mh_population_free(g.pop);
                return NULL;
        }
        return g.pop;
}

static int write_scores(web_ctx *ctx, const char *campaign, const mh_scope *scope, mh_sheet *sheet)
{
        struct gather g;
        int rc;

        memset(&g, 0, sizeof(g));
        g.ref = web_campaign_referentiel(ctx->app, ctx->store, campaign);
        g.scope = scope;
        if (g.ref == NULL)
                return MH_ENOTFOUND;
        if ((rc = mh_score_writer_new_sheet(&g.writer, g.ref, MH_DETAIL_SUMMARY,
                                            MH_SCORE_WITH_PROFILE, sheet, NULL)) < 0)
                return rc;
        rc = mh_store_each(ctx->store, g.ref, campaign, gather_one, &g, NULL);
        if (rc == 0)
                rc = mh_score_writer_finish(g.writer, NULL);
        mh_score_writer_free(g.writer);
        return rc;
}

static int write_ranking(web_ctx *ctx, const char *campaign, const mh_scope *scope, mh_sheet *sheet)
{
        mh_population *pop, *before = NULL;
        mh_ranking *ranking = NULL;
        char previous[MH_CAMPAIGN_ID_MAX + 1];
        int rc;

        if ((pop = web_campaign_population(ctx, campaign, &rc)) == NULL)
                return rc;
        /* the progress column: the campaign before, of the same référentiel id */
        if (mh_store_previous_campaign(previous, sizeof(previous), ctx->store, campaign, NULL) ==
                0 &&
            (before = web_campaign_population(ctx, previous, &rc)) == NULL && rc != MH_ENOTFOUND) {
                mh_population_free(pop);
                return rc;
        }
        if ((rc = mh_rank(&ranking, pop, scope, before)) == 0)
                rc = mh_ranking_write_sheet(ranking, sheet, NULL);
        mh_ranking_free(ranking);
        mh_population_free(before);
        mh_population_free(pop);
        return rc;
}

static int write_chase(web_ctx *ctx, const char *campaign, const mh_scope *scope, mh_sheet *sheet)
{
        mh_chase *chase = NULL;
        int rc;

        if ((rc = mh_chase_new(&chase, ctx->store, campaign, scope, MH_CHASE_ALL, NULL)) == 0)
                rc = mh_chase_write_sheet(chase, sheet, NULL);
        mh_chase_free(chase);
        return rc;
}

static int write_comparison(web_ctx *ctx, const char *campaign, const mh_scope *scope,
                            mh_sheet *sheet)
{
        mh_comparison *cmp = NULL;
        char previous[MH_CAMPAIGN_ID_MAX + 1];
        int rc;

        if ((rc = mh_store_previous_campaign(previous, sizeof(previous), ctx->store, campaign,
                                             NULL)) < 0)
                return rc;
        if ((rc = mh_comparison_new(&cmp, ctx->store, campaign, previous, scope, NULL, NULL)) == 0)
                rc = mh_comparison_write_sheet(cmp, sheet, NULL);
        mh_comparison_free(cmp);
        return rc;
}

/* ---- The answer ---------------------------------------------------------------------------- */

/* Reads `path` whole into the answer's body; 0 or -1. */
static int read_into(web_buf *body, const char *path)
{
        char chunk[16384];
        FILE *file = fopen(path, "rb");
        size_t n;
        int rc = 0;

        if (file == NULL)
                return -1;
        while ((n = fread(chunk, 1, sizeof(chunk), file)) > 0)
                web_buf_add(body, chunk, n);
        if (ferror(file) || body->failed)
                rc = -1;
        fclose(file);
        return rc;
}

void web_download(web_ctx *ctx, const char *campaign, const char *file)
{
        char dir[4096], path[4200];
        const char *tmp = getenv("TMPDIR");
        mh_sheet *sheet = NULL;
        mh_scope scope;
        size_t i;
        int rc;

        for (i = 0; i < sizeof(downloads) / sizeof(downloads[0]); i++)
                if (strcmp(downloads[i].file, file) == 0)
                        break;
        if (i == sizeof(downloads) / sizeof(downloads[0]) ||
            web_campaign_referentiel(ctx->app, ctx->store, campaign) == NULL ||
            ctx->account->role == MH_ROLE_ADMIN) {
                web_page_error(ctx, 404, "Fichier introuvable.");
                return;
        }
        /* the scope is the account's: a region for the ARS, France for the national level */
        memset(&scope, 0, sizeof(scope));
        if (ctx->account->role == MH_ROLE_ARS && ctx->account->region != NULL) {
                scope.kind = MH_SCOPE_REGION;
                snprintf(scope.value, sizeof(scope.value), "%s", ctx->account->region);
        } else if (ctx->account->role != MH_ROLE_NATIONAL) {
                web_page_error(ctx, 403,
                               "Les tableaux à télécharger sont réservés aux comptes ARS et "
                               "nationaux.");
                return;
        }
        snprintf(dir, sizeof(dir), "%s/maturinh-XXXXXX",
                 tmp != NULL && tmp[0] == '/' ? tmp : "/tmp");
        if (mkdtemp(dir) == NULL) {
                web_page_error(ctx, 503, "Le fichier n'a pas pu être produit.");
                return;
        }
        snprintf(path, sizeof(path), "%s/%s", dir, file);
        rc = mh_sheet_open_xlsx(&sheet, path, downloads[i].sheet, NULL);
        if (rc == 0) {
                switch (downloads[i].what) {
                case DOWNLOAD_CHASE:
                        rc = write_chase(ctx, campaign, &scope, sheet);
                        break;
                case DOWNLOAD_SCORES:
                        rc = write_scores(ctx, campaign, &scope, sheet);
                        break;
                case DOWNLOAD_RANKING:
                        rc = write_ranking(ctx, campaign, &scope, sheet);
                        break;
                case DOWNLOAD_COMPARISON:
                        rc = write_comparison(ctx, campaign, &scope, sheet);
                        break;
                }
                if (rc == 0)
                        rc = mh_sheet_close(sheet, NULL);
                else
                        mh_sheet_abandon(sheet);
        }
        web_buf_free(&ctx->resp->body);
        if (rc == 0 && read_into(&ctx->resp->body, path) < 0)
                rc = MH_EIO;
        unlink(path);
        rmdir(dir);
        if (rc == MH_ENOTFOUND && downloads[i].what == DOWNLOAD_COMPARISON) {
                web_page_error(ctx, 404,
                               "Pas de campagne précédente à laquelle comparer celle-ci.");
                return;
        }
        if (rc < 0) {
                web_buf_free(&ctx->resp->body);
                web_page_error(ctx, rc == MH_EINVALID ? 409 : 503,
                               rc == MH_EINVALID ? "Ces deux campagnes ne se comparent pas."
                                                 : "Le fichier n'a pas pu être produit.");
                return;
        }
        /* campaign ids are letters, digits, '.', '_' and '-' (mh_campaign_id_check): safe here */
        ctx->resp->content_type = XLSX_TYPE;
        if (scope.kind == MH_SCOPE_REGION)
                snprintf(ctx->resp->disposition, sizeof(ctx->resp->disposition),
                         "attachment; filename=\"%s-region-%s-%s\"", campaign, scope.value, file);
        else
                snprintf(ctx->resp->disposition, sizeof(ctx->resp->disposition),
                         "attachment; filename=\"%s-%s\"", campaign, file);
}
