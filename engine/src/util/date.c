/*
 * date.c: calendar dates written YYYY-MM-DD, as days since 1970-01-01.
 */
#include <stdio.h>
#include <string.h>

#include "util/date.h"
#include "util/i18n.h"
#include "util/util.h"

/* ---- Dates -------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static long days_from_civil(long y, long m, long d)
{
        long era, yoe, doy, doe;

        y -= m <= 2;
        era = (y >= 0 ? y : y - 399) / 400;
        yoe = y - era * 400;
        doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
}

mh__date_status mh__parse_date(const char *text, long *days_out, char *why, size_t why_size)
{
        static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        long year, month, day;
        int i, leap;

        for (i = 0; i < 10; i++) {
                int digit = text[i] >= '0' && text[i] <= '9';

                if ((i == 4 || i == 7) ? text[i] != '-' : !digit)
                        break;
        }
        if (i != 10 || text[10] != '\0') {
                if (why != NULL)
                        snprintf(why, why_size, mh__tr("expects a date YYYY-MM-DD"));
                return MH__DATE_MALFORMED;
        }
        /* the ten characters are checked: digits where the numbers are */
        year = (text[0] - '0') * 1000L + (text[1] - '0') * 100L + (text[2] - '0') * 10L +
               (text[3] - '0');
        month = (text[5] - '0') * 10L + (text[6] - '0');
        day = (text[8] - '0') * 10L + (text[9] - '0');
        leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        if (month < 1 || month > 12 || day < 1 ||
            day > month_days[month - 1] + (month == 2 && leap)) {
                if (why != NULL)
                        snprintf(why, why_size, mh__tr("%s is not a calendar date"), text);
                return MH__DATE_NOT_CALENDAR;
        }
        if (year < 1900) {
                if (why != NULL)
                        snprintf(why, why_size, mh__tr("%s is before 1900"), text);
                return MH__DATE_TOO_EARLY;
        }
        *days_out = days_from_civil(year, month, day);
        return MH__DATE_OK;
}

int mh_date_check(const char *date, mh_diagnostics *diags)
{
        char why[64];
        long days;

        if (date == NULL)
                return MH_EUSAGE;
        if (mh__parse_date(date, &days, why, sizeof(why)) != MH__DATE_OK) {
                mh__diag_add(diags, "", 0, 0, "%s", why);
                return MH_EINVALID;
        }
        return 0;
}

char *mh__people_date(char *buf, size_t size, const char *iso)
{
        if (size == 0)
                return buf;
        if (iso != NULL && mh__french() && strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-')
                snprintf(buf, size, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
        else
                snprintf(buf, size, "%s", iso != NULL ? iso : "");
        return buf;
}

char *mh_date_for_people(char *buf, size_t size, const char *date)
{
        return buf != NULL ? mh__people_date(buf, size, date) : NULL;
}
