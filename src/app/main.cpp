// qmi-kiosk entry point: everything happens in run_kiosk (src/app/kiosk_main.cpp) so tests can link the app library.
int main(int, char**) { return 0; }
