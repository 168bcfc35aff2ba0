// Thin wrappers over libsodium for the few primitives OpenPact uses: random bytes, BLAKE2b
// hashes (audit chain, API token hashes) and Ed25519 signatures (audit checkpoints).
// Keys and hashes travel as lower-case hex strings.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace openpact::crypto {

// Must be called once before any other function here (idempotent, thread-safe).
Status Init();

std::string RandomBytes(size_t n);
std::string ToHex(std::string_view bytes);
Result<std::string> FromHex(std::string_view hex);
// Standard base64 (RFC 4648 section 4, with padding), as documents carry binary data.
std::string ToBase64(std::string_view bytes);
// Refuses anything but standard padded base64 (whitespace is not skipped).
Result<std::string> FromBase64(std::string_view text);
// BLAKE2b with a 32-byte output, as hex.
std::string Blake2b256Hex(std::string_view data);
// Constant-time comparison of two equal-length strings.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

struct Ed25519KeyPair {
  std::string public_key;  // 32 bytes
  std::string secret_key;  // 64 bytes (libsodium format: seed || public key)
};
Ed25519KeyPair Ed25519Generate();
std::string Ed25519Sign(std::string_view message, std::string_view secret_key);  // 64 bytes
bool Ed25519Verify(std::string_view message, std::string_view signature,
                   std::string_view public_key);

}  // namespace openpact::crypto
