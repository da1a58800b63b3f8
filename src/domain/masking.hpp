// The public copy of a decision (公示, DOMAIN.md §5.1): what is always masked before a decision is
// shown to the public. A natural person's ID number, address, phone, bank account and health data;
// the names of natural persons (the party when a person, and every other person named); the bank
// accounts of organisations. Names are masked to the surname and 某 (张三 → 张某); numbers keep
// enough to be recognised by the person concerned (140802********123X, 138****5678, ****1234).
//
// What is masked in free text:
//  - every occurrence of a name the caller knows (the party, people named in the records);
//  - a name after a label that introduces a person (法定代表人、负责人、经营者、证人、投诉人 ...:
//    two to four Chinese characters after the label and a colon, or before a comma);
//  - runs of digits: 18 characters (17 digits and a digit or X) or 15 digits as ID numbers,
//    11 digits starting 13–19 as mobile numbers, 0xx(x)-xxxxxxx(x) as landlines, any other run
//    of 12 or more digits (spaces between groups of digits allowed) as a bank account;
//  - after an address label (住址、家住、户籍地、居住地、现住; for a natural person also
//  地址、住所、
//    经营场所), the address up to the next punctuation, keeping the county (…县/区/市);
//  - after a health label (患有、诊断为、病史、病情、身体状况), the rest of the clause.
// Runs of letters and digits (a unified social credit code) are left as they are.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zhifa::domain {

// 张三 → 张某; 欧阳娜娜 → 欧阳某 (the common two-character surnames); an empty name stays empty.
std::string mask_name(std::string_view name);

struct MaskOptions {
  std::vector<std::string> names;  // natural persons' names known to the caller
  bool person_party = false;       // the party is a natural person (addresses are masked)
};

std::string mask_text(std::string_view text, const MaskOptions& options);

// The kinds of personal data still visible in a text ("id_number", "mobile", "bank_account"),
// each once: the check a public copy passes before it is published.
std::vector<std::string> personal_data_in(std::string_view text);

}  // namespace zhifa::domain
