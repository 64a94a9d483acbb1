/*
 * test_streaming_memory.c: reading and scoring an answers file keeps one
 * establishment in memory at a time.
 *
 * Scores a stream of 1,000 establishments, notes the peak resident memory,
 * then a stream of 60,000 (about 30 MB of YAML, which would need far more
 * than the bound below to hold at once) and checks that the peak grew by
 * less than 16 MiB.  Not run under the sanitizers, whose allocators keep
 * freed memory on purpose.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cmocka.h>
#include <maturinh.h>

#include "testutil.h"

static long peak_kib(void)
{
        struct rusage usage;

        getrusage(RUSAGE_SELF, &usage);
        return usage.ru_maxrss;
}

/* Writes `count` copies of the worked example's document to a temporary file. */
static void write_stream(const char *path, const char *document, long count)
{
        FILE *f = fopen(path, "w");
        long i;

        assert_non_null(f);
        for (i = 0; i < count; i++)
                fprintf(f, "---\n%s", document);
        assert_int_equal(fclose(f), 0);
}

static long score_stream(const mh_referentiel *ref, const char *path)
{
        mh_answers_reader *reader = NULL;
        mh_establishment *est;
        long n = 0;
        int rc;

        assert_int_equal(mh_answers_open_file(&reader, ref, path, NULL), 0);
        while ((rc = mh_answers_next(&est, reader)) == 0) {
                mh_result *r = NULL;

                assert_int_equal(mh_evaluate(&r, ref, est), 0);
                assert_true(mh_result_global(r) > 41 && mh_result_global(r) < 42);
                mh_result_free(r);
                mh_establishment_free(est);
                n++;
        }
        assert_int_equal(rc, MH_ITEROVER);
        mh_answers_close(reader);
        return n;
}

static void test_memory_does_not_grow(void **state)
{
        char path[4096], small[] = "/tmp/mh-small-XXXXXX", big[] = "/tmp/mh-big-XXXXXX";
        mh_referentiel *ref = NULL;
        char *document;
        long before, after;
        int fd;

        (void)state;
        snprintf(path, sizeof(path), "%s/fixtures/answers/worked-example/referentiel.yaml",
                 tu_source_dir());
        assert_int_equal(mh_referentiel_load_file(&ref, path, NULL), 0);
        snprintf(path, sizeof(path), "%s/fixtures/answers/worked-example/answers.yaml",
                 tu_source_dir());
        document = tu_read_file(path, NULL);
        assert_non_null(document);
        assert_true((fd = mkstemp(small)) >= 0);
        close(fd);
        assert_true((fd = mkstemp(big)) >= 0);
        close(fd);
        write_stream(small, document, 1000);
        write_stream(big, document, 60000);

        assert_int_equal(score_stream(ref, small), 1000);
        before = peak_kib();
        assert_int_equal(score_stream(ref, big), 60000);
        after = peak_kib();
        if (after - before > 16 * 1024)
                fail_msg("peak memory grew by %ld KiB over 60,000 establishments", after - before);
        remove(small);
        remove(big);
        free(document);
        mh_referentiel_free(ref);
}

int main(void)
{
        const struct CMUnitTest tests[] = {cmocka_unit_test(test_memory_does_not_grow)};

        return cmocka_run_group_tests_name("streaming_memory", tests, NULL, NULL);
}
