// SIGTERM (systemctl stop, a reboot) and SIGINT (Ctrl+C) ask the kiosk to stop: the frame loop sees it at its next
// frame, leaves, stops the background jobs (a download in flight is cancelled, a cache write finishes or is
// abandoned before its atomic rename) and tells systemd it is stopping. Without this the default action would kill
// the process wherever it is.
#pragma once

namespace qmi::app {

// Installs the handlers (once per process). False when sigaction fails.
bool install_stop_signals();
// The signal that asked the kiosk to stop, 0 when none. Async-signal-safe to set, cheap to read every frame.
int stop_signal();

}  // namespace qmi::app
