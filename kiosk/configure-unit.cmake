# Writes the systemd unit for a kiosk root: kiosk/qmi-kiosk.service with @QMI_ROOT@ replaced.
# Used by `cmake --install` (include()d with QMI_ROOT = the install prefix) and by kiosk/session/verify-unit:
#   cmake -DQMI_ROOT=/path/to/root -DQMI_UNIT_OUT=/tmp/qmi-kiosk.service -P kiosk/configure-unit.cmake
if(NOT QMI_ROOT OR NOT QMI_UNIT_OUT)
  message(FATAL_ERROR "configure-unit.cmake: set QMI_ROOT and QMI_UNIT_OUT")
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/qmi-kiosk.service" "${QMI_UNIT_OUT}" @ONLY)
message(STATUS "Installing: ${QMI_UNIT_OUT} (kiosk root ${QMI_ROOT})")
