// One problem found in a file the kiosk reads: which file, where in it (a JSON pointer such as
// "/districts/3/mayor"), and why. Every loader reports these instead of throwing, so that --check-config
// can list them all and the running kiosk can log them and keep its last good state.
#pragma once
#include <string>
#include <vector>

namespace qmi {

struct ConfigError {
    std::string file;    // path as given to the loader, e.g. "config/content.json"
    std::string path;    // JSON pointer, "" for the whole file
    std::string reason;  // human sentence, e.g. "expected a string, got a number"

    // "config/content.json: /districts/3/mayor: expected a string, got a number"
    std::string message() const {
        return file + ": " + (path.empty() ? std::string("/") : path) + ": " + reason;
    }
};

using ConfigErrors = std::vector<ConfigError>;

}  // namespace qmi
