// Ed25519 detached signatures: content is trusted only when its exact bytes were signed by the feed's key.
#include <catch2/catch.hpp>

#include <string>

#include "core/signature.hpp"

using namespace qmi;

TEST_CASE("signature: a signature made with the secret key verifies with its public key", "[signature]") {
    const auto keys = generate_signing_keys();
    REQUIRE(keys.public_b64.size() == 44);
    REQUIRE(keys.secret_b64.size() == 88);
    const std::string content = R"({"version": "2024-02-06.1"})";
    const auto sig = sign_detached(content, keys.secret_b64);
    REQUIRE(sig.ok());
    CHECK(sig.signature_b64.size() == 88);  // base64 of 64 bytes
    const auto verified = verify_detached(content, sig.signature_b64, keys.public_b64);
    CHECK(verified.ok);
    CHECK(verified.error.empty());
}

TEST_CASE("signature: one changed, added or removed byte is rejected", "[signature]") {
    const auto keys = generate_signing_keys();
    const std::string content = R"({"mayor": "Anne Hidalgo"})";
    const auto sig = sign_detached(content, keys.secret_b64);
    REQUIRE(sig.ok());

    std::string altered = content;
    altered[10] ^= 0x01;
    CHECK_FALSE(verify_detached(altered, sig.signature_b64, keys.public_b64).ok);
    CHECK_FALSE(verify_detached(content + "\n", sig.signature_b64, keys.public_b64).ok);
    CHECK_FALSE(verify_detached(content.substr(0, content.size() - 1), sig.signature_b64, keys.public_b64).ok);
    const auto r = verify_detached(altered, sig.signature_b64, keys.public_b64);
    CHECK(r.error.find("does not match") != std::string::npos);
}

TEST_CASE("signature: another key's signature is rejected", "[signature]") {
    const auto staff = generate_signing_keys();
    const auto attacker = generate_signing_keys();
    REQUIRE(staff.public_b64 != attacker.public_b64);
    const std::string content = "{}";
    const auto forged = sign_detached(content, attacker.secret_b64);
    REQUIRE(forged.ok());
    CHECK_FALSE(verify_detached(content, forged.signature_b64, staff.public_b64).ok);
}

TEST_CASE("signature: malformed keys and signatures are errors, not crashes", "[signature]") {
    const auto keys = generate_signing_keys();
    const std::string content = "{}";
    const auto sig = sign_detached(content, keys.secret_b64);
    REQUIRE(sig.ok());

    SECTION("signature not base64") {
        const auto r = verify_detached(content, "!!!not base64!!!", keys.public_b64);
        CHECK_FALSE(r.ok);
        CHECK(r.error.find("signature is not base64") != std::string::npos);
    }
    SECTION("signature truncated (a cut-off .sig download)") {
        CHECK_FALSE(verify_detached(content, sig.signature_b64.substr(0, 40), keys.public_b64).ok);
    }
    SECTION("empty signature") { CHECK_FALSE(verify_detached(content, "", keys.public_b64).ok); }
    SECTION("public key of the wrong length") {
        const auto r = verify_detached(content, sig.signature_b64, keys.public_b64.substr(0, 20));
        CHECK_FALSE(r.ok);
        CHECK(r.error.find("public key") != std::string::npos);
    }
    SECTION("secret key given where a public key is expected") {
        CHECK_FALSE(verify_detached(content, sig.signature_b64, keys.secret_b64).ok);
    }
    SECTION("signing with a broken secret key") {
        const auto bad = sign_detached(content, "AAAA");
        CHECK_FALSE(bad.ok());
        CHECK(bad.signature_b64.empty());
        CHECK(bad.error.find("secret key") != std::string::npos);
    }
}

TEST_CASE("signature: whitespace around keys and signatures (editor newlines) is ignored", "[signature]") {
    const auto keys = generate_signing_keys();
    const std::string content = "programme";
    const auto sig = sign_detached(content, "  " + keys.secret_b64 + "\n");
    REQUIRE(sig.ok());
    CHECK(verify_detached(content, sig.signature_b64 + "\r\n", "\t" + keys.public_b64 + "\n").ok);
}

TEST_CASE("signature: empty content can be signed and verified (no special case)", "[signature]") {
    const auto keys = generate_signing_keys();
    const auto sig = sign_detached("", keys.secret_b64);
    REQUIRE(sig.ok());
    CHECK(verify_detached("", sig.signature_b64, keys.public_b64).ok);
    CHECK_FALSE(verify_detached(" ", sig.signature_b64, keys.public_b64).ok);
}
