/*
 * test_web_text.c: the small pieces of the web front every page and request
 * goes through: the HTML escaping, the URL escaping, the form and query
 * decoding, the cookie reader, French numbers (web/html.c, web/form.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "web_internal.h"

static void html(const char *in, const char *expected)
{
        web_buf b = {NULL, 0, 0, 0};

        web_buf_html(&b, in);
        assert_string_equal(b.data != NULL ? b.data : "", expected);
        web_buf_free(&b);
}

static void test_html_escapes_every_special_character(void **state)
{
        (void)state;
        html("<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        html("\" onmouseover=\"x", "&quot; onmouseover=&quot;x");
        html("a & b", "a &amp; b");
        html("&amp;", "&amp;amp;");
        html("Hôpital « Lutèce »", "Hôpital « Lutèce »"); /* UTF-8 kept as it is */
        html("", "");
        html(NULL, "");
}

static void test_url_escapes_all_but_unreserved(void **state)
{
        web_buf b = {NULL, 0, 0, 0};

        (void)state;
        web_buf_url(&b, "2025-T1_a.b~ /?&=\"<é");
        assert_string_equal(b.data, "2025-T1_a.b~%20%2F%3F%26%3D%22%3C%C3%A9");
        web_buf_free(&b);
}

static void test_form_decoding(void **state)
{
        static const char body[] = "a=1&b=x+y%20z&c=%3Cb%3E&d&=nameless&e=%zz%4&f=%C3%A9&g=%FF&"
                                   "h=%00x&a=2&i=l1%0D%0Al2%0Dl3%0A";
        web_fields f;

        (void)state;
        assert_int_equal(web_form_parse(&f, body, strlen(body)), 0);
        assert_string_equal(web_form_get(&f, "a"), "1"); /* the first of a repeated name */
        assert_string_equal(web_form_get(&f, "b"), "x y z");
        assert_string_equal(web_form_get(&f, "c"), "<b>");
        assert_string_equal(web_form_get(&f, "d"), "");
        assert_string_equal(web_form_get(&f, "e"), "%zz%4"); /* a malformed escape stays as it is */
        assert_string_equal(web_form_get(&f, "f"), "\xc3\xa9");
        assert_null(web_form_get(&f, "g")); /* not UTF-8: dropped */
        assert_null(web_form_get(&f, "h")); /* a NUL: dropped */
        /* a text area's CR LF is LF; a CR alone stays (the engine refuses it) */
        assert_string_equal(web_form_get(&f, "i"), "l1\nl2\rl3\n");
        assert_null(web_form_get(&f, ""));
        assert_null(web_form_get(&f, "zzz"));
        web_form_free(&f);
        assert_int_equal(web_form_parse(&f, "", 0), 0);
        assert_int_equal(f.count, 0);
        web_form_free(&f);
}

static void test_form_refuses_too_many_fields(void **state)
{
        size_t n = 10001 * 2, i;
        char *many = malloc(n + 1);
        web_fields f;

        (void)state;
        assert_non_null(many);
        for (i = 0; i < n; i += 2) {
                many[i] = 'a';
                many[i + 1] = '&';
        }
        many[n] = '\0';
        assert_int_equal(web_form_parse(&f, many, n), -1);
        assert_int_equal(f.count, 0);
        free(many);
}

static void test_cookie(void **state)
{
        char v[64];

        (void)state;
        assert_int_equal(web_cookie_get("a=1; mh_session=abc; b=2", "mh_session", v, sizeof(v)), 0);
        assert_string_equal(v, "abc");
        assert_int_equal(web_cookie_get("mh_session=xyz", "mh_session", v, sizeof(v)), 0);
        assert_string_equal(v, "xyz");
        /* a cookie whose name only starts like it is another one */
        assert_int_equal(web_cookie_get("mh_sessionx=1", "mh_session", v, sizeof(v)), -1);
        assert_int_equal(web_cookie_get("x_mh_session=1", "mh_session", v, sizeof(v)), -1);
        assert_int_equal(web_cookie_get("", "mh_session", v, sizeof(v)), -1);
        assert_int_equal(web_cookie_get(NULL, "mh_session", v, sizeof(v)), -1);
        /* longer than the buffer: refused, not cut */
        assert_int_equal(web_cookie_get("mh_session=0123456789", "mh_session", v, 8), -1);
}

static void test_utf8(void **state)
{
        (void)state;
        assert_true(web_utf8_valid("abc \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 15));
        assert_false(web_utf8_valid("\xc0\xaf", 2));         /* overlong */
        assert_false(web_utf8_valid("\xed\xa0\x80", 3));     /* a surrogate */
        assert_false(web_utf8_valid("\xf4\x90\x80\x80", 4)); /* past U+10FFFF */
        assert_false(web_utf8_valid("\xe2\x82", 2));         /* cut */
        assert_false(web_utf8_valid("a\0b", 3));
}

static void test_french_numbers(void **state)
{
        web_buf b = {NULL, 0, 0, 0};

        (void)state;
        web_buf_score(&b, 41.66);
        web_buf_puts(&b, " ");
        web_buf_score(&b, 0.05);
        web_buf_puts(&b, " ");
        web_buf_score(&b, 100);
        web_buf_puts(&b, " ");
        web_buf_percent(&b, 0.125);
        assert_string_equal(b.data, "41,7 0,1 100,0 13\xc2\xa0%");
        web_buf_free(&b);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_html_escapes_every_special_character),
            cmocka_unit_test(test_url_escapes_all_but_unreserved),
            cmocka_unit_test(test_form_decoding),
            cmocka_unit_test(test_form_refuses_too_many_fields),
            cmocka_unit_test(test_cookie),
            cmocka_unit_test(test_utf8),
            cmocka_unit_test(test_french_numbers),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
