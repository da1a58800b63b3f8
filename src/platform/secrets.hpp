// Passwords (argon2id, libsodium) and random tokens (CSPRNG).
#pragma once

#include <string>
#include <string_view>

namespace zhifa::secrets {

// Initialises libsodium; call once at start (safe to call again).
void init();

std::string hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);

// `bytes` random bytes as lowercase hex.
std::string random_hex(std::size_t bytes);

// A human-typeable initial password that satisfies the complexity rules (upper, lower, digit,
// symbol).
std::string initial_password();

// Constant-time comparison.
bool equal(std::string_view a, std::string_view b);

}  // namespace zhifa::secrets
