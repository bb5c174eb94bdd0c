// libFuzzer harness: a department's commune contours (a download, or the cached file), through the one check the
// fetch, the start-up and --check-config apply. The first byte picks the department, so all eight rules run; the same
// bytes also go through the arrondissements' check (arrondissements-75.geojson).
// Invariants: a file judged valid has at least one commune and every Métropole member of its department; valid
// arrondissements are exactly the 20 codes 75101..75120.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/contour_files.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qmi;
    if (size == 0) return 0;
    const std::string& department = ile_de_france_departments()[data[0] % 8];
    const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
    const DepartmentCheck check = check_department(bytes, department, fuzz::map_membership(), "fuzz");
    QMI_FUZZ_ASSERT(check.ok() == check.errors.empty());
    if (check.ok()) QMI_FUZZ_ASSERT(check.contours->features.size() >= fuzz::map_membership().members_in(department));
    const ArrondissementsCheck arr = check_arrondissements(bytes, "fuzz");
    QMI_FUZZ_ASSERT(arr.ok() == arr.errors.empty());
    if (arr.ok()) QMI_FUZZ_ASSERT(arr.contours->features.size() == static_cast<size_t>(kArrondissementCount));
    return 0;
}
