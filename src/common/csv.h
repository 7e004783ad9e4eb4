#pragma once
// Minimal RFC 4180 CSV: the metric tables esc50 writes and the dataset tables it reads.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace esc50 {

using CsvRow = std::vector<std::string>;

std::string csv_field(std::string_view text);  // quoted only when it has to be
std::string csv_number(double value);          // shortest text that reads back exactly
std::string csv_line(const CsvRow& fields);    // with the trailing newline

// Throws Error naming `source` on an unterminated quote.
std::vector<CsvRow> parse_csv(std::string_view text, const std::string& source);

// True when `header` begins with `columns`, in order (later columns may follow).
bool starts_with_columns(const CsvRow& header, std::initializer_list<std::string_view> columns);

// A one-line list split at every `separator`, without quoting: "a,,b" → {"a", "", "b"},
// "" → {""}; callers reject the empty items they do not allow.
std::vector<std::string> split_list(std::string_view text, char separator = ',');

}  // namespace esc50
