// End to end through the real binary: what the top of the screen says in each state of the calls, in both
// languages (qmi-kiosk --countdown prints the banner sentence, the state, the window's communes, the highlighted
// districts and the QR card's words and URL), and the same verdict on the same files from --check-config and from
// start-up (here --countdown, which loads everything but the map).
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "../support/repo_data.hpp"
#include "../support/test_time.hpp"
#include "../support/run_command.hpp"

namespace fs = std::filesystem;

using qmi::testdata::contains;

namespace {

using Run = qmi::testdata::CommandRun;

Run kiosk(const std::string& args) { return qmi::testdata::run_command("\"" QMI_KIOSK_EXE "\" " + args); }

const std::string kRoot = QMI_SOURCE_ROOT;
const std::string kPage =
    "https://www.metropolegrandparis.fr/fr/quartiers-metropolitains-dinnovation-une-premiere-edition-sur-4-communes-du-grand-paris";

Run countdown(const std::string& now, const char* lang, const std::string& root = kRoot) {
    return kiosk("--root \"" + root + "\" --countdown --now " + now + " --lang " + lang);
}

// A kiosk root with copies of the repository's config and membership (no map: --countdown does not need it).
struct TempRoot {
    fs::path dir = fs::temp_directory_path() / ("qmi-verdict-" + std::to_string(getpid()));
    TempRoot() {
        fs::remove_all(dir);
        fs::create_directories(dir / "maps");
        fs::copy(kRoot + "/config", dir / "config", fs::copy_options::recursive);
        fs::copy_file(kRoot + "/maps/membership.json", dir / "maps" / "membership.json");
    }
    ~TempRoot() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    void replace(const std::string& file, const std::string& from, const std::string& to) const {
        std::string s = qmi::testdata::read(dir / "config" / file);
        const size_t at = s.find(from);
        REQUIRE(at != std::string::npos);
        s.replace(at, from.size(), to);
        qmi::testdata::write(dir / "config" / file, s);
    }
};

}  // namespace

TEST_CASE("end to end: the banner, the highlighted districts and the QR card in each state, in French and English") {
    struct Case {
        const char* now;
        const char* lang;
        const char* sentence;
        const char* state;
        const char* communes;
        const char* highlighted;
        const char* qr;
    };
    const Case cases[] = {
        {"2024-05-01T10:00", "fr", "Ouverture de l'appel à projets dans 11 j 14 h 00 min — 13 mai 2024", "before",
         "Athis-Mons, Aubervilliers et Fontenay-sous-Bois", "91027 93001 94033", "Scannez pour en savoir plus"},
        {"2024-05-01T10:00", "en", "Call for projects opens in 11 d 14 h 00 min — 13 May 2024", "before",
         "Athis-Mons, Aubervilliers and Fontenay-sous-Bois", "91027 93001 94033", "Scan to learn more"},
        {"2024-05-20T10:00", "fr", "Appel à projets ouvert — clôture dans 27 j 14 h 00 min (16 juin 2024)", "open",
         "Athis-Mons, Aubervilliers et Fontenay-sous-Bois", "91027 93001 94033", "Scannez pour en savoir plus"},
        {"2024-05-20T10:00", "en", "Call for projects open — closes in 27 d 14 h 00 min (16 June 2024)", "open",
         "Athis-Mons, Aubervilliers and Fontenay-sous-Bois", "91027 93001 94033", "Scan to learn more"},
        {"2025-02-23T18:30", "fr", "Dernier jour ! Clôture aujourd'hui à 23:59 — encore 5 h 30 min", "last_day",
         "Argenteuil, Issy-les-Moulineaux et Sucy-en-Brie", "95018 92040 94071", "Scannez pour en savoir plus"},
        {"2025-02-23T18:30", "en", "Last day! Closes today at 23:59 — 5 h 30 min left", "last_day",
         "Argenteuil, Issy-les-Moulineaux and Sucy-en-Brie", "95018 92040 94071", "Scan to learn more"},
        {"2024-07-01T10:00", "fr",
         "Appel à projets clos le 16 juin 2024 — le suivant ouvre dans 202 jours (20 janvier 2025)", "between",
         "Argenteuil, Issy-les-Moulineaux et Sucy-en-Brie", "95018 92040 94071", "Scannez pour en savoir plus"},
        {"2024-07-01T10:00", "en",
         "Call for projects closed on 16 June 2024 — the next opens in 202 days (20 January 2025)", "between",
         "Argenteuil, Issy-les-Moulineaux and Sucy-en-Brie", "95018 92040 94071", "Scan to learn more"},
        {"2026-12-02T10:00", "fr", "Le dernier appel à projets s'est clos le 23 février 2025", "after",
         "Argenteuil, Issy-les-Moulineaux et Sucy-en-Brie", "", "Scannez pour en savoir plus"},
        {"2026-12-02T10:00", "en", "The last call for projects closed on 23 February 2025", "after",
         "Argenteuil, Issy-les-Moulineaux and Sucy-en-Brie", "", "Scan to learn more"},
    };
    for (const Case& c : cases) {
        INFO(c.now << " " << c.lang);
        const Run r = countdown(c.now, c.lang);
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
        CHECK(r.output.rfind(std::string(c.sentence) + "\n", 0) == 0);
        CHECK(contains(r.output, std::string("\nstate: ") + c.state + "\n"));
        CHECK(contains(r.output, std::string("\ncommunes: ") + c.communes + "\n"));
        CHECK(contains(r.output, std::string("\nhighlighted:") + (*c.highlighted ? " " : "") + c.highlighted + "\n"));
        CHECK(contains(r.output, std::string("\nqr: ") + c.qr + " -> " + kPage + "\n"));
        // Never the unsourced promise, never the unsourced call URL.
        CHECK_FALSE(contains(r.output, "annoncé ultérieurement"));
        CHECK_FALSE(contains(r.output, "to be announced"));
        CHECK_FALSE(contains(r.output, "parisandco.paris"));
        CHECK_FALSE(contains(r.output, "candidater"));
    }
}

TEST_CASE("end to end: --now outside the supported dates is refused with the reason") {
    for (const char* now : {"2040-07-01T12:00", "1900-01-01T00:00", "9999-12-31T23:59"}) {
        INFO(now);
        const Run r = countdown(now, "fr");
        INFO(r.output);
        CHECK(r.exit_code == 2);
        CHECK(contains(r.output, "outside the dates the kiosk can convert to Paris time"));
    }
}

TEST_CASE("end to end: --check-config and start-up give the same verdict on the same files") {
    struct Case {
        const char* label;
        const char* file;
        const char* from;
        const char* to;
        const char* error;  // "file: /pointer: reason" as both print it
    };
    const Case cases[] = {
        {"a glyph the fonts cannot draw", "content.json", "\"name\": \"Jean-Jacques Grousseau\"",
         "\"name\": \"Жан-Жак Грусо\"",
         "config/content.json: /districts/4/mayor/name: the character U+0416 \"Ж\" cannot be drawn by the kiosk's fonts"},
        {"a repeated key", "content.json", "\"name\": \"Jean-Jacques Grousseau\"",
         "\"name\": \"Jean-Jacques Grousseau\", \"name\": \"X\"",
         "config/content.json: /districts/4/mayor/name: duplicate key \"name\""},
        {"an invisible text", "content.json", "\"fr\": \"Développer un pôle sport et santé dans la ville d'Athis-Mons\"",
         "\"fr\": \"\\u200b\"", "config/content.json: /districts/4/challenge/fr: contains the invisible character U+200B"},
        {"an ImGui ID marker", "ui-text.json", "\"fr\": \"Fermer\"", "\"fr\": \"##Fermer\"",
         "config/ui-text.json: /panel.close/fr: contains \"##\""},
        {"a glyph in the interface texts", "ui-text.json", "\"fr\": \"Fermer\"", "\"fr\": \"Fermer ✓\"",
         "config/ui-text.json: /panel.close/fr: the character U+2713"},
    };
    for (const Case& c : cases) {
        INFO(c.label);
        TempRoot root;
        // Unchanged copies: the content and the texts are fine (the map cache is not part of this test).
        const Run clean_check = kiosk("--root \"" + root.dir.string() + "\" --check-config");
        CHECK_FALSE(contains(clean_check.output, "config/content.json:"));
        CHECK_FALSE(contains(clean_check.output, "config/ui-text.json:"));
        CHECK(countdown("2026-12-02T10:00", "fr", root.dir.string()).exit_code == 0);

        root.replace(c.file, c.from, c.to);
        const Run check = kiosk("--root \"" + root.dir.string() + "\" --check-config");
        const Run start = countdown("2026-12-02T10:00", "fr", root.dir.string());
        INFO("--check-config:\n" << check.output << "\nstart-up:\n" << start.output);
        CHECK(check.exit_code == 1);
        CHECK(contains(check.output, c.error));
        CHECK(start.exit_code == 1);
        CHECK(contains(start.output, c.error));
    }
}
