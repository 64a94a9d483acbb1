/*
 * finess_extract_floor.c: what bench/finess_extract.sh measures the
 * extract's import against.
 *
 *   finess_extract_floor read FILE          reads the file in 64 KiB chunks and
 *                                           counts its lines: the floor
 *   finess_extract_floor parse FILE [SECTOR] mh_finess_extract_each() with no
 *                                           callback: the parsing and the
 *                                           filtering, no store (SECTOR:
 *                                           sanitaire or medico-social)
 *
 * Prints the count of lines (read) or of establishments kept (parse).
 */
#include <stdio.h>
#include <string.h>

#include <maturinh.h>

static int read_floor(const char *path)
{
        static char buf[1 << 16];
        FILE *f = fopen(path, "rb");
        size_t n, i, lines = 0;

        if (f == NULL) {
                perror(path);
                return 66;
        }
        while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
                for (i = 0; i < n; i++)
                        lines += buf[i] == '\n';
        fclose(f);
        printf("%zu lines\n", lines);
        return 0;
}

static int parse(const char *path, const char *sector)
{
        mh_finess_extract_options options = MH_FINESS_EXTRACT_OPTIONS_INIT;
        mh_finess_extract_result result;
        mh_diagnostics *diags = NULL;
        int rc;

        if (sector != NULL)
                options.sector = strcmp(sector, "sanitaire") == 0 ? MH_SECTOR_SANITAIRE
                                                                  : MH_SECTOR_MEDICO_SOCIAL;
        if (mh_diagnostics_new(&diags) < 0)
                return 70;
        rc = mh_finess_extract_each(&result, path, &options, NULL, NULL, diags);
        mh_diagnostics_print(diags, stderr);
        mh_diagnostics_free(diags);
        if (rc < 0)
                return 65;
        printf("%zu kept, %zu skipped\n", result.kept, mh_finess_extract_skipped(&result));
        return 0;
}

int main(int argc, char **argv)
{
        if (argc >= 3 && strcmp(argv[1], "read") == 0)
                return read_floor(argv[2]);
        if (argc >= 3 && strcmp(argv[1], "parse") == 0)
                return parse(argv[2], argc > 3 ? argv[3] : NULL);
        fprintf(stderr, "usage: finess_extract_floor read|parse FILE [sanitaire|medico-social]\n");
        return 64;
}
