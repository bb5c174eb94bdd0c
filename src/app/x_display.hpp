// Whether an X display can be opened, checked before any window or GL context: without one SFML aborts the process
// (SIGABRT, exit 134) with a message that does not say what to do.
#pragma once
#include <string>

namespace qmi::app {

// "" when $DISPLAY can be opened, else one line for the log that says why and what to do.
std::string x_display_problem();

}  // namespace qmi::app
