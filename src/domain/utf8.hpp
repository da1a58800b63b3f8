// Reading UTF-8 one character at a time, and which characters are Chinese (CJK ideographs): what
// masking and the search index need (std::string works in bytes).
#pragma once

#include <cstddef>
#include <string_view>

namespace zhifa::domain::utf8 {

struct Char {
  char32_t cp;      // U+FFFD for a stray or cut byte
  std::size_t len;  // bytes taken (1 for a stray byte)
};

inline Char decode(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80           ? 1
                  : (c >> 5) == 0x6  ? 2
                  : (c >> 4) == 0xE  ? 3
                  : (c >> 3) == 0x1E ? 4
                                     : 1;
  if (n == 1 || i + n > s.size()) return {c < 0x80 ? char32_t{c} : char32_t{0xFFFD}, 1};
  char32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < n; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  return {cp, n};
}

// CJK Unified Ideographs, Extension A, compatibility ideographs and the supplementary planes.
inline bool is_han(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

}  // namespace zhifa::domain::utf8
