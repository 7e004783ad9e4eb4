#pragma once
// Command-line options from a ParamTable. Apart from param_table.h because CLI11 costs every
// unit that includes it about 7 s to compile, and only the programs parse command lines.
#include <CLI/CLI.hpp>
#include <string>
#include <type_traits>
#include <variant>

#include "common/param_table.h"

namespace esc50 {

// The setting's name with '_' written as '-': `n_mels` is `--n-mels`.
inline std::string param_flag(const std::string& name) {
  std::string f = "--" + name;
  for (auto& c : f)
    if (c == '_') c = '-';
  return f;
}

// A number in [min, max], like CLI::Range, which lets "nan" through (every comparison with NaN
// is false).
inline CLI::Validator number_range(double min, double max) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        double value = 0;
        if (!CLI::detail::lexical_cast(text, value)) return "'" + text + "' is not a number";
        if (value >= min && value <= max) return {};
        return "value " + text + " not in range [" + CLI::detail::to_string(min) + " - " +
               CLI::detail::to_string(max) + "]";
      },
      "NUMBER in [" + CLI::detail::to_string(min) + " - " + CLI::detail::to_string(max) + "]");
}

// A setting's range or choices, for an option named otherwise than the setting (e.g.
// --augment-cache for cache_variants).
template <class Settings>
CLI::Validator param_check(const Param<Settings>& p) {
  if (!p.choices.empty()) return CLI::IsMember(p.choices);
  return number_range(p.min, p.max);
}

// One option per setting, grouped under the table's title, checked against its range or
// choices; a bool setting gets --name and --no-name.
template <class Settings>
void add_param_options(CLI::App& app, const ParamTable<Settings>& table, Settings& s) {
  for (const auto& p : table.params()) {
    std::visit(
        [&](auto member) {
          auto& value = s.*member;
          using T = std::remove_reference_t<decltype(value)>;
          const auto flag = param_flag(p.name);
          if constexpr (std::is_same_v<T, bool>) {
            app.add_flag(flag + ",!--no-" + flag.substr(2), value, p.help)
                ->default_val(value)
                ->group(table.title());
          } else {
            auto* opt = app.add_option(flag, value, p.help)->capture_default_str()->group(table.title());
            if constexpr (std::is_same_v<T, std::string>) {
              if (!p.choices.empty()) opt->check(CLI::IsMember(p.choices));
            } else {
              if constexpr (std::is_floating_point_v<T>)
                opt->check(number_range(p.min, p.max));
              else
                opt->check(CLI::Range(static_cast<T>(p.min), static_cast<T>(p.max)));
            }
          }
        },
        p.member);
  }
}

}  // namespace esc50
