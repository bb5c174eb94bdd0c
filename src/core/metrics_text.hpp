// The Prometheus text exposition format (version 0.0.4), the format node_exporter's textfile collector reads:
//
//     # HELP qmi_kiosk_frames_per_second Frames drawn per second over the last interval.
//     # TYPE qmi_kiosk_frames_per_second gauge
//     qmi_kiosk_frames_per_second 59.8
//     qmi_kiosk_content_info{version="2024-02-06.1",source="bundled"} 1
//
// Rules kept here so no caller has to know them: metric names match [a-zA-Z_:][a-zA-Z0-9_:]*, label names
// [a-zA-Z_][a-zA-Z0-9_]* (not starting with "__", reserved); one HELP and one TYPE line per family, before its
// samples, which stay together; HELP text escapes '\' and newline, label values escape '\', '"' and newline;
// values are Go floats ("NaN", "+Inf", "-Inf" included); every line ends with '\n'.
// Label values are text from configuration (a content version): invalid UTF-8 is replaced by U+FFFD (the format
// requires UTF-8) and the value is cut at 256 bytes on a character boundary.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace qmi {

enum class MetricType { Gauge, Counter, Untyped };

struct MetricLabel {
    std::string name;
    std::string value;
};

struct MetricSample {
    std::vector<MetricLabel> labels;
    double value = 0;
};

struct MetricFamily {
    std::string name;  // counters end in "_total" by convention
    std::string help;  // one sentence; may contain anything (escaped)
    MetricType type = MetricType::Gauge;
    std::vector<MetricSample> samples;  // a family without samples is left out entirely
};

bool is_metric_name(std::string_view s);
bool is_label_name(std::string_view s);  // also refuses the reserved "__" prefix
std::string escape_help(std::string_view s);
std::string escape_label_value(std::string_view s);
std::string format_metric_value(double v);  // shortest text that reads back as the same double

// The whole exposition. A family with an invalid name, or a sample with an invalid label name or the same labels
// as an earlier sample of its family, is left out and named in *problems (when given): a programming error,
// reported by the tests, never a malformed file for the collector to reject as a whole.
std::string format_metrics(const std::vector<MetricFamily>& families, std::vector<std::string>* problems = nullptr);

}  // namespace qmi
