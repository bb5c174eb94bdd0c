// Dates known to the year, the month or the day, as the sources give them: parsed strictly, shown without ever
// inventing a day, ordered so that "2024" comes before "2024-02".
#include <catch2/catch.hpp>

#include "core/partial_date.hpp"

using namespace qmi;

TEST_CASE("partial dates parse at three precisions and refuse anything else", "[partial_date]") {
    CHECK(parse_partial_date("2022")->precision() == DatePrecision::Year);
    CHECK(parse_partial_date("2025-01")->precision() == DatePrecision::Month);
    CHECK(parse_partial_date("2025-02-23")->precision() == DatePrecision::Day);
    CHECK(parse_partial_date("2024-02-29"));
    std::string why;
    for (const char* bad : {"", "25", "2025-1", "2025-01-1", "2025/01/20", "20 janvier 2025", "2025-01-20T00:00",
                            " 2025", "２０２５"}) {
        INFO(bad);
        CHECK_FALSE(parse_partial_date(bad, &why));
        CHECK(why == "expected YYYY, YYYY-MM or YYYY-MM-DD");
    }
    CHECK_FALSE(parse_partial_date("2025-02-29", &why));
    CHECK(why == "no such date");
    CHECK_FALSE(parse_partial_date("2025-13", &why));
    CHECK(why == "no such date");
    CHECK_FALSE(parse_partial_date("1899", &why));
    CHECK(why == "year out of range (1900 to 2200)");
}

TEST_CASE("a partial date stands for all its days and is shown at its own precision", "[partial_date]") {
    const PartialDate year = *parse_partial_date("2025"), month = *parse_partial_date("2025-02"),
                      day = *parse_partial_date("2025-02-23");
    using namespace date;
    CHECK(year.first_day() == local_days{2025_y / January / 1});
    CHECK(year.last_day() == local_days{2025_y / December / 31});
    CHECK(month.first_day() == local_days{2025_y / February / 1});
    CHECK(month.last_day() == local_days{2025_y / February / 28});
    CHECK(day.first_day() == day.last_day());
    CHECK(year.iso() == "2025");
    CHECK(month.iso() == "2025-02");
    CHECK(day.iso() == "2025-02-23");
    CHECK(format_partial_date(year, Lang::Fr) == "2025");
    CHECK(format_partial_date(month, Lang::Fr) == "février 2025");
    CHECK(format_partial_date(month, Lang::En) == "February 2025");
    CHECK(format_partial_date(day, Lang::Fr) == "23 février 2025");
    CHECK(format_partial_date(*parse_partial_date("2025-01-01"), Lang::Fr) == "1er janvier 2025");
    CHECK(format_partial_date_when(day, Lang::Fr) == "le 23 février 2025");
    CHECK(format_partial_date_when(month, Lang::Fr) == "en février 2025");
    CHECK(format_partial_date_when(year, Lang::Fr) == "en 2025");
    CHECK(format_partial_date_when(day, Lang::En) == "on 23 February 2025");
    CHECK(format_partial_date_when(month, Lang::En) == "in February 2025");
    // Ordered by first day, the coarser first.
    CHECK(earlier(year, month));
    CHECK(earlier(month, day));
    CHECK_FALSE(earlier(day, month));
    CHECK(earlier(*parse_partial_date("2024-09"), year));
}
