// SIGTERM (systemctl stop, a reboot) and SIGINT (Ctrl+C) end the kiosk like the staff "exit": the frame loop polls
// stop_requested() once per frame, leaves, stops the live updates (a download in flight is cancelled, a file being
// written is finished) and tells systemd it is stopping. A second signal of the same kind ends the process at once
// (the default action): every file the kiosk writes is replaced atomically, so even that leaves nothing torn.
#pragma once

namespace qmi::app {

// Installs the handlers (the handler only records the signal: async-signal-safe). False when sigaction fails.
bool install_stop_signals();

// True once SIGTERM or SIGINT arrived after install_stop_signals(). Any thread, any time; one relaxed load.
bool stop_requested();

// The signal that asked to stop (SIGTERM or SIGINT), 0 when none: for the log line.
int stop_signal();

}  // namespace qmi::app
