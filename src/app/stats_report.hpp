// `qmi-kiosk stats [--since YYYY-MM-DD] [--csv]`: the usage statistics of this kiosk (core/usage.hpp), read from
// <root>/var/usage.sqlite without changing it, while the kiosk runs or not.
//   default  a report for people: totals, one line per day, sessions by hour of the day, most tapped communes
//   --csv    hour,metric,subject,count  one row per Paris hour x metric x subject, for spreadsheets and for adding
//            up many kiosks (concatenate the exports, keep one header, sum count over equal hour,metric,subject)
// --since keeps the hours from that day's midnight, Paris time. Output on stdout, problems on stderr.
// Exit codes: 0 (also when nothing was recorded yet), 1 unreadable or damaged database, 2 bad --since.
#pragma once

namespace qmi::app {

struct Options;

int run_stats(const Options& o);

}  // namespace qmi::app
