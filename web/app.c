/*
 * app.c: what the worker threads share.
 *
 * A SQLite connection serves one thread at a time, so the app keeps a pool
 * of them, one per worker thread: a request takes one for its whole life and
 * gives it back.  The worker threads' writes queue on one mutex
 * (web_write_enter): SQLite's busy handler polls, sleeping 1 to 100 ms a
 * try, and lets a newcomer pass a writer that has waited, so that under
 * load one save can wait seconds while others go through (bench/serve.sh);
 * the mutex hands the database over the moment the last commit ends.  Other
 * processes (the CLI) still meet the server through SQLite's lock and the
 * store's busy timeout.
 *
 * A campaign's référentiel never changes once the campaign exists
 * (mh_store_campaign_create refuses another one), so it is loaded once and
 * kept, read-only, for every thread.
 *
 * An Argon2id check takes 64 MiB for about 0.07 s: at most LOGINS_AT_ONCE
 * run at once, so that a burst of logins costs time, not memory.
 */
#include <pthread.h>
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include "web_internal.h"

#define LOGINS_AT_ONCE 2

struct cached_referentiel {
        char campaign[MH_CAMPAIGN_ID_MAX + 1];
        mh_referentiel *ref;
};

struct web_app {
        pthread_mutex_t lock;
        pthread_cond_t store_free;
        pthread_cond_t login_free;
        pthread_mutex_t writer;
        mh_store **stores;
        size_t n_stores, n_free;
        mh_store **free_stores;
        struct cached_referentiel *refs; /* every campaign asked for: they are few */
        size_t n_refs, refs_capacity;
        int tls;
        unsigned logins;
};

int web_app_new(web_app **out, const char *db, int tls, unsigned connections, mh_diagnostics *diags)
{
        web_app *app = calloc(1, sizeof(*app));
        size_t i;
        int rc;

        if (app == NULL)
                return MH_ENOMEM;
        if (connections == 0)
                connections = 1;
        app->tls = tls;
        pthread_mutex_init(&app->lock, NULL);
        pthread_cond_init(&app->store_free, NULL);
        pthread_cond_init(&app->login_free, NULL);
        pthread_mutex_init(&app->writer, NULL);
        app->stores = calloc(connections, sizeof(*app->stores));
        app->free_stores = calloc(connections, sizeof(*app->free_stores));
        if (app->stores == NULL || app->free_stores == NULL) {
                web_app_free(app);
                return MH_ENOMEM;
        }
        for (i = 0; i < connections; i++) {
                if ((rc = mh_store_open(&app->stores[i], db, diags)) < 0) {
                        web_app_free(app);
                        return rc;
                }
                app->n_stores++;
                app->free_stores[app->n_free++] = app->stores[i];
        }
        *out = app;
        return 0;
}

void web_app_free(web_app *app)
{
        size_t i;

        if (app == NULL)
                return;
        for (i = 0; i < app->n_stores; i++)
                mh_store_close(app->stores[i]);
        for (i = 0; i < app->n_refs; i++)
                mh_referentiel_free(app->refs[i].ref);
        free(app->refs);
        free(app->stores);
        free(app->free_stores);
        pthread_cond_destroy(&app->store_free);
        pthread_cond_destroy(&app->login_free);
        pthread_mutex_destroy(&app->writer);
        pthread_mutex_destroy(&app->lock);
        free(app);
}

mh_store *web_store_acquire(web_app *app)
{
        mh_store *store;

        pthread_mutex_lock(&app->lock);
        while (app->n_free == 0)
                pthread_cond_wait(&app->store_free, &app->lock);
        store = app->free_stores[--app->n_free];
        pthread_mutex_unlock(&app->lock);
        return store;
}

void web_store_release(web_app *app, mh_store *store)
{
        if (store == NULL)
                return;
        pthread_mutex_lock(&app->lock);
        app->free_stores[app->n_free++] = store;
        pthread_cond_signal(&app->store_free);
        pthread_mutex_unlock(&app->lock);
}

const mh_referentiel *web_campaign_referentiel(web_app *app, mh_store *store, const char *campaign)
{
        mh_referentiel *ref = NULL;
        const mh_referentiel *found = NULL;
        size_t i;

        if (campaign == NULL || strlen(campaign) > MH_CAMPAIGN_ID_MAX ||
            mh_campaign_id_check(campaign, NULL) < 0)
                return NULL;
        pthread_mutex_lock(&app->lock);
        for (i = 0; i < app->n_refs; i++)
                if (strcmp(app->refs[i].campaign, campaign) == 0)
                        found = app->refs[i].ref;
        pthread_mutex_unlock(&app->lock);
        if (found != NULL)
                return found;
        /* loaded outside the lock: parsing a référentiel takes milliseconds */
        if (mh_store_campaign_referentiel(&ref, store, campaign, NULL) < 0)
                return NULL;
        pthread_mutex_lock(&app->lock);
        for (i = 0; i < app->n_refs; i++)
                if (strcmp(app->refs[i].campaign, campaign) == 0)
                        found = app->refs[i].ref;
        if (found == NULL && app->n_refs == app->refs_capacity) {
                size_t more = app->refs_capacity > 0 ? app->refs_capacity * 2 : 8;
                struct cached_referentiel *refs = realloc(app->refs, more * sizeof(*refs));

                if (refs != NULL) {
                        app->refs = refs;
                        app->refs_capacity = more;
                }
        }
        if (found == NULL && app->n_refs < app->refs_capacity) {
                strcpy(app->refs[app->n_refs].campaign, campaign);
                app->refs[app->n_refs].ref = ref;
                app->n_refs++;
                found = ref;
                ref = NULL;
        }
        pthread_mutex_unlock(&app->lock);
        mh_referentiel_free(ref);
        return found;
}

int web_app_tls(const web_app *app)
{
        return app->tls;
}

void web_write_enter(web_app *app)
{
        pthread_mutex_lock(&app->writer);
}

void web_write_leave(web_app *app)
{
        pthread_mutex_unlock(&app->writer);
}

void web_login_enter(web_app *app)
{
        pthread_mutex_lock(&app->lock);
        while (app->logins >= LOGINS_AT_ONCE)
                pthread_cond_wait(&app->login_free, &app->lock);
        app->logins++;
        pthread_mutex_unlock(&app->lock);
}

void web_login_leave(web_app *app)
{
        pthread_mutex_lock(&app->lock);
        app->logins--;
        pthread_cond_signal(&app->login_free);
        pthread_mutex_unlock(&app->lock);
}
