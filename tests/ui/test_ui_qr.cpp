// QR code for the call page: a phone must be able to read it, so the matrix has the standard's finder patterns,
// and the drawing has a light quiet zone and dark modules in the right places.
#include <catch2/catch.hpp>
#include <imgui.h>

#include "ui/qr_code.hpp"

using namespace qmi::ui;

namespace {

// The 7x7 finder pattern: dark ring, light ring, dark 3x3 core; plus its light separator inside the symbol.
bool finder_at(const QrMatrix& qr, int x0, int y0) {
    for (int y = 0; y < 7; ++y)
        for (int x = 0; x < 7; ++x) {
            const bool ring = x == 0 || x == 6 || y == 0 || y == 6;
            const bool core = x >= 2 && x <= 4 && y >= 2 && y <= 4;
            if (qr.at(x0 + x, y0 + y) != (ring || core)) return false;
        }
    return true;
}

}  // namespace

TEST_CASE("the call URL encodes into a valid-looking QR matrix with the three finder patterns") {
    const auto qr = encode_qr("https://www.metropolegrandparis.fr");
    REQUIRE(qr);
    REQUIRE(qr->size >= 21);
    CHECK((qr->size - 17) % 4 == 0);  // versions are 21, 25, 29, ... modules wide
    CHECK(qr->dark.size() == static_cast<size_t>(qr->size * qr->size));
    CHECK(finder_at(*qr, 0, 0));
    CHECK(finder_at(*qr, qr->size - 7, 0));
    CHECK(finder_at(*qr, 0, qr->size - 7));
    CHECK_FALSE(finder_at(*qr, qr->size - 7, qr->size - 7));  // no fourth finder: that corner holds data
    // Timing patterns: row 6 and column 6 alternate between the finders.
    for (int i = 8; i < qr->size - 8; ++i) {
        CHECK(qr->at(i, 6) == (i % 2 == 0));
        CHECK(qr->at(6, i) == (i % 2 == 0));
    }
    // Some data: neither all light nor all dark.
    size_t dark = 0;
    for (auto m : qr->dark) dark += m;
    CHECK(dark > qr->dark.size() / 4);
    CHECK(dark < qr->dark.size() * 3 / 4);
}

TEST_CASE("longer URLs need larger codes, empty, NUL-containing or oversized text encodes nothing") {
    const auto small = encode_qr("https://a.fr");
    const auto large = encode_qr("https://www.metropolegrandparis.fr/appel-a-projets/quartiers-metropolitains-d-innovation"
                                 "/2024/phase-1?utm_source=kiosk&utm_medium=qr");
    REQUIRE(small);
    REQUIRE(large);
    CHECK(large->size > small->size);
    CHECK_FALSE(encode_qr(""));
    CHECK_FALSE(encode_qr(std::string_view("https://a.fr\0evil", 17)));
    CHECK_FALSE(encode_qr(std::string(5000, 'a')));
}

TEST_CASE("the QR cache encodes once per URL") {
    QrCache cache;
    const QrMatrix* a = cache.get("https://www.metropolegrandparis.fr");
    REQUIRE(a);
    for (int frame = 0; frame < 100; ++frame) CHECK(cache.get("https://www.metropolegrandparis.fr") == a);
    CHECK(cache.encodes() == 1);
    CHECK(cache.get("") == nullptr);  // no URL: no code, nothing to draw
    REQUIRE(cache.get("https://example.org/other"));
    CHECK(cache.encodes() == 2);
    CHECK(cache.get("https://example.org/other")->text == "https://example.org/other");
}

TEST_CASE("drawing: whole-pixel modules, white quiet zone of 4 modules, dark modules where the matrix says") {
    const auto qr = encode_qr("https://www.metropolegrandparis.fr");
    REQUIRE(qr);
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // leaves no imgui.ini in the directory the tests run in
    ImGui::GetIO().DisplaySize = ImVec2(800, 600);
    unsigned char* px;
    int w, h;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&px, &w, &h);
    ImGui::NewFrame();
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const int total = qr_total_modules(*qr);
    const float side = 200.0f;
    draw_qr(dl, *qr, ImVec2(10, 10), side, IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255));

    const float module = std::floor(side / total);
    const float x0 = std::round(10 + (side - module * total) / 2);
    // The first quad is the light background covering the quiet zone.
    REQUIRE(dl->VtxBuffer.Size >= 4);
    CHECK(dl->VtxBuffer[0].col == IM_COL32(255, 255, 255, 255));
    CHECK(dl->VtxBuffer[0].pos.x == x0);
    CHECK(dl->VtxBuffer[2].pos.x - dl->VtxBuffer[0].pos.x == Approx(module * total));
    // Every dark quad lies inside the symbol (not in the quiet zone) and on whole pixels.
    int dark_quads = 0;
    for (int i = 4; i + 3 < dl->VtxBuffer.Size; i += 4) {
        const ImDrawVert& tl = dl->VtxBuffer[i];
        const ImDrawVert& br = dl->VtxBuffer[i + 2];
        CHECK(tl.col == IM_COL32(0, 0, 0, 255));
        CHECK(tl.pos.x >= x0 + 4 * module);
        CHECK(br.pos.x <= x0 + (4 + qr->size) * module);
        CHECK(tl.pos.x == std::floor(tl.pos.x));
        ++dark_quads;
    }
    CHECK(dark_quads > 0);
    // The top-left finder's first row is one run of 7 dark modules.
    const ImDrawVert& first = dl->VtxBuffer[4];
    const ImDrawVert& first_br = dl->VtxBuffer[6];
    CHECK(first.pos.x == x0 + 4 * module);
    CHECK(first_br.pos.x - first.pos.x == Approx(7 * module));
    ImGui::EndFrame();
    ImGui::DestroyContext();
}
