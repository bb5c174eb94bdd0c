// qmi-kiosk proof and publish, end to end on the real binary under Xvfb: the bundled content shows every text whole
// in every card, attract step and banner state (and its contact sheets are left in the build directory,
// proof-bundled/, git-ignored); a content with texts too long for their boxes is reported with where and what;
// publish signs only what the proof passes.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "core/signature.hpp"
#include "replay_support.hpp"

using namespace qmi::gltest;

namespace {

const fs::path kProofDir = fs::path(QMI_BINARY_DIR) / "proof-bundled";
const char* kSheetGroups[] = {"cards", "attract", "banner"};
const char* kSizes[] = {"1920x1080", "1080x1920", "1366x768"};

Run kiosk(const std::string& args) {
    return run_with_display("\"" QMI_KIOSK_EXE "\" --root \"" + kRoot.string() + "\" " + args);
}

// A flagged frame is outlined in this red on its sheet (app/contact_sheet.cpp).
int red_outline_pixels(const Image& img) { return img.count(0, 0, img.w, img.h, 0xC0, 0x10, 0x10, 0); }

// The bundled content, edited, written to a temporary file; returns its path.
std::string variant(const std::string& name, const std::function<void(nlohmann::json&)>& edit) {
    nlohmann::json c = load_json((kRoot / "config" / "content.json").string());
    edit(c);
    const std::string path = temp(name + ".json");
    std::ofstream(path) << c.dump(2);
    return path;
}

nlohmann::json& district(nlohmann::json& c, const std::string& insee) {
    for (nlohmann::json& d : c["districts"])
        if (d["insee"] == insee) return d;
    FAIL("no district " << insee);
    return c;
}

// Far too long for the attract card's three lines at 1366x768, within the loader's 400 characters.
const std::string kLongChallenge =
    "Strengthen the district's programmatic mix, improve the quality of public spaces, housing and workplaces, make "
    "the district an example for the environment and for the way a town and its inhabitants design their streets "
    "together, and open its ground floors to the shops, workshops and services that the neighbourhood lacks today.";

// A challenge as long as content.json allows (the attract card grows to hold it whole) and a promotion name too long
// for the district list (cut: an error).
std::string broken_content() {
    return variant("broken", [](nlohmann::json& c) {
        district(c, "94033")["challenge"]["en"] = kLongChallenge;
        c["programme"]["promotions"][1]["name"]["en"] = "Second promotion of the Metropolitan Innovation Districts";
    });
}

}  // namespace

TEST_CASE("proof: the bundled content shows every text whole in every card, attract step and banner state") {
    require_xvfb_and_map(kRoot);
    fs::remove_all(kProofDir);
    const Run r = kiosk("proof \"" + (kRoot / "config" / "content.json").string() + "\" --out \"" + kProofDir.string() +
                        "\" --now 2024-05-01T10:00");
    INFO("qmi-kiosk output:\n" << r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(r.output.find("ERROR") == std::string::npos);
    CHECK(r.output.find("0 errors") != std::string::npos);
    CHECK(r.output.find("18 contact sheets") != std::string::npos);
    // Which cards need scrolling at which size: listed for staff, not errors.
    CHECK(r.output.find("NOTE  1366x768 fr · card body scrolls") != std::string::npos);

    // Three sheets per size and language, and nothing else but the report.
    int pngs = 0;
    for (const auto& e : fs::directory_iterator(kProofDir)) pngs += e.path().extension() == ".png";
    CHECK(pngs == 18);
    for (const char* size : kSizes)
        for (const char* lang : {"fr", "en"})
            for (const char* group : kSheetGroups) {
                const fs::path sheet = kProofDir / (std::string(size) + "-" + lang + "-" + group + ".png");
                INFO(sheet);
                REQUIRE(fs::exists(sheet));
                const Image img = load_png(sheet.string());
                CHECK(img.w >= 1000);
                CHECK(img.h >= 300);
                CHECK(red_outline_pixels(img) < 50);  // no frame flagged
                CHECK(fs::file_size(sheet) < 2'000'000);
            }
    std::ifstream report(kProofDir / "proof.txt");
    std::string text((std::istreambuf_iterator<char>(report)), std::istreambuf_iterator<char>());
    CHECK(text.find("0 errors") != std::string::npos);
    CHECK(text.find("cards drawn at 2024-05-01 10:00") != std::string::npos);
}

TEST_CASE("proof: texts too long for their boxes are reported with the size, language, card and text") {
    require_xvfb_and_map(kRoot);
    const std::string out = temp("proof-broken");
    fs::remove_all(out);
    const Run r = kiosk("proof \"" + broken_content() + "\" --out \"" + out +
                        "\" --now 2024-05-01T10:00 --size 1366x768 --lang en");
    INFO("qmi-kiosk output:\n" << r.output);
    REQUIRE(r.exit_code == 1);
    // One line each: where (size, language, part of the screen, which attract step) and what (the text).
    std::string attract_line, list_line;
    std::istringstream lines(r.output);
    for (std::string l; std::getline(lines, l);) {
        if (l.rfind("ERROR 1366x768 en · attract card · cut with an ellipsis", 0) == 0) attract_line = l;
        if (l.rfind("ERROR 1366x768 en · district list · cut with an ellipsis", 0) == 0) list_line = l;
    }
    // The attract card grows to hold the longest challenge content.json allows (400 characters): whole, no error.
    CHECK(attract_line.empty());
    REQUIRE_FALSE(list_line.empty());
    CHECK(list_line.find("Second promotion of the Metropolitan Innovation Districts · 2024") != std::string::npos);
    CHECK(list_line.find("every frame") != std::string::npos);
    CHECK(r.output.find("1 error") != std::string::npos);
    // The sheets show it too: the flagged frames outlined in red (the list is in every frame of the cards sheet).
    const Image cards = load_png(out + "/1366x768-en-cards.png");
    CHECK(red_outline_pixels(cards) > 2000);
    CHECK(red_outline_pixels(load_png(out + "/1366x768-en-attract.png")) > 2000);
    fs::remove_all(out);
}

TEST_CASE("proof: an invalid content file is refused with every error, as --check-config lists them") {
    const std::string bad = variant("invalid", [](nlohmann::json& c) {
        district(c, "91027")["mayr"] = c["districts"][0]["mayor"];
        c["call_windows"][0]["closes"] = "2024-02-30";
    });
    const std::string out = temp("proof-invalid");
    fs::remove_all(out);
    const Run r = kiosk("proof \"" + bad + "\" --out \"" + out + "\"");
    INFO("qmi-kiosk output:\n" << r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find(bad + ": /districts/4/mayr:") != std::string::npos);
    CHECK(r.output.find(bad + ": /call_windows/0/closes:") != std::string::npos);
    CHECK(r.output.find("nothing drawn") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
}

TEST_CASE("publish: signs the bundled content after its proof, and the signature verifies") {
    require_xvfb_and_map(kRoot);
    const fs::path dir = temp("publish-good");
    fs::remove_all(dir);
    fs::create_directories(dir);
    REQUIRE(kiosk("keygen \"" + dir.string() + "\"").exit_code == 0);
    fs::copy_file(kRoot / "config" / "content.json", dir / "content.json");
    const Run r = kiosk("publish \"" + (dir / "content.json").string() + "\" --key \"" +
                        (dir / "content-feed.key").string() + "\" --now 2024-05-01T10:00");
    INFO("qmi-kiosk output:\n" << r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(r.output.find("0 errors") != std::string::npos);
    CHECK(fs::exists(dir / "content.json.proof" / "1920x1080-fr-cards.png"));  // the proof's default place
    REQUIRE(fs::exists(dir / "content.json.sig"));
    auto read = [](const fs::path& p) {
        std::ifstream f(p, std::ios::binary);
        return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    };
    std::string sig = read(dir / "content.json.sig"), pub = read(dir / "content-feed.pub");
    while (!sig.empty() && sig.back() == '\n') sig.pop_back();
    while (!pub.empty() && pub.back() == '\n') pub.pop_back();
    const qmi::VerifyResult v = qmi::verify_detached(read(dir / "content.json"), sig, pub);
    INFO(v.error);
    CHECK(v.ok);
    fs::remove_all(dir);
}

TEST_CASE("publish: refuses to sign a content whose proof finds a text cut, and says why") {
    require_xvfb_and_map(kRoot);
    const fs::path dir = temp("publish-broken");
    fs::remove_all(dir);
    fs::create_directories(dir);
    REQUIRE(kiosk("keygen \"" + dir.string() + "\"").exit_code == 0);
    const std::string content = (dir / "content.json").string();
    fs::copy_file(broken_content(), content);
    const Run r = kiosk("publish \"" + content + "\" --key \"" + (dir / "content-feed.key").string() +
                        "\" --now 2024-05-01T10:00");
    INFO("qmi-kiosk output:\n" << r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("ERROR 1920x1080 en · district list · cut with an ellipsis") != std::string::npos);
    CHECK(r.output.find("publish: not signed") != std::string::npos);
    CHECK_FALSE(fs::exists(content + ".sig"));
    fs::remove_all(dir);
}

TEST_CASE("publish: without a readable key nothing is checked or signed (exit 2)") {
    const fs::path dir = temp("publish-nokey");
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy_file(kRoot / "config" / "content.json", dir / "content.json");
    const Run r = kiosk("publish \"" + (dir / "content.json").string() + "\" --key \"" + (dir / "missing.key").string() +
                        "\"");
    INFO("qmi-kiosk output:\n" << r.output);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("missing.key") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "content.json.sig"));
    CHECK_FALSE(fs::exists(dir / "content.json.proof"));
    fs::remove_all(dir);
}
