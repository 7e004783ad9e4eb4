#pragma once
// One declaration per setting — name, meaning, valid range, default — drives validation,
// JSON round trips, command-line options (common/param_table_cli.h) and the generated docs (in
// the style of Essentia).
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "common/error.h"

namespace esc50 {

// Works around an internal compiler error in GCC 12 (nothrow_spec_p) when it first needs this
// noexcept inside Param's default member initialiser below.
static_assert(std::is_nothrow_default_constructible_v<std::vector<std::string>>);

template <class Settings>
struct Param {
  using Member = std::variant<int Settings::*, double Settings::*, bool Settings::*,
                              std::string Settings::*>;
  std::string name;  // JSON key; the CLI flag is --name with '_' written as '-'
  std::string help;
  Member member;
  double min = 0;  // closed range for numbers; ignored for bool and string
  double max = 0;
  std::vector<std::string> choices = {};  // allowed strings; empty = any
};

template <class Settings>
class ParamTable {
 public:
  ParamTable(std::string title, std::vector<Param<Settings>> params)
      : title_(std::move(title)), params_(std::move(params)) {}

  const std::vector<Param<Settings>>& params() const { return params_; }
  const std::string& title() const { return title_; }

  // Throws Error naming the first setting outside its range or choices.
  void validate(const Settings& s) const {
    for (const auto& p : params_) std::visit([&](auto m) { check(p, s.*m); }, p.member);
  }

  nlohmann::json to_json(const Settings& s) const {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& p : params_) std::visit([&](auto m) { j[p.name] = s.*m; }, p.member);
    return j;
  }

  // Keys absent from `j` keep the value in `base`; unknown keys are an error, since a
  // misspelt setting silently falling back to its default would corrupt an experiment.
  Settings from_json(const nlohmann::json& j, Settings base = {}) const {
    if (!j.is_object()) throw Error(title_ + ": settings must be a JSON object");
    for (const auto& item : j.items()) {  // not a structured binding: clang 14 cannot capture one
      const auto& key = item.key();
      const auto& value = item.value();
      const auto* p = find(key);
      if (!p) throw Error(title_ + ": unknown setting '" + key + "'");
      std::visit([&](auto m) { read_value(*p, value, base.*m); }, p->member);
    }
    validate(base);
    return base;
  }

  bool contains(std::string_view key) const { return find(key) != nullptr; }
  // The declaration of setting `key`; throws Error when the table has none.
  const Param<Settings>& param(std::string_view key) const {
    if (const auto* p = find(key)) return *p;
    throw Error(title_ + ": no setting '" + std::string(key) + "'");
  }

  // A Markdown table for docs and `esc50 settings`.
  std::string markdown(const Settings& defaults = {}) const {
    std::string out = "| setting | meaning | default | valid |\n|---|---|---|---|\n";
    for (const auto& p : params_) {
      std::visit(
          [&](auto m) {
            out += "| `" + p.name + "` | " + p.help + " | " + to_json(defaults)[p.name].dump() +
                   " | " + range_text(p, defaults.*m) + " |\n";
          },
          p.member);
    }
    return out;
  }

 private:
  const Param<Settings>* find(std::string_view key) const {
    for (const auto& p : params_)
      if (p.name == key) return &p;
    return nullptr;
  }

  static std::string number_text(double v) {
    auto t = nlohmann::json(v).dump();
    if (t.size() > 2 && t.ends_with(".0")) t.resize(t.size() - 2);
    return t;
  }

  template <class T>
  static std::string range_text(const Param<Settings>& p, const T&) {
    if constexpr (std::is_same_v<T, bool>) {
      return "true/false";
    } else if constexpr (std::is_same_v<T, std::string>) {
      std::string out;
      for (const auto& c : p.choices) out += (out.empty() ? "" : ", ") + c;
      return out.empty() ? "any" : out;
    } else {
      return number_text(p.min) + " … " + number_text(p.max);
    }
  }

  template <class T>
  void check(const Param<Settings>& p, const T& v) const {
    if constexpr (std::is_same_v<T, std::string>) {
      if (p.choices.empty()) return;
      for (const auto& c : p.choices)
        if (c == v) return;
      throw Error(title_ + ": " + p.name + " = '" + v + "' is not one of " + range_text(p, v));
    } else if constexpr (!std::is_same_v<T, bool>) {
      if (!(v >= p.min && v <= p.max))
        throw Error(title_ + ": " + p.name + " = " + number_text(double(v)) +
                    " is outside the valid range " + range_text(p, v));
    }
  }

  template <class T>
  void read_value(const Param<Settings>& p, const nlohmann::json& value, T& out) const {
    const auto wrong_type = [&] { return Error(title_ + ": setting '" + p.name + "' has the wrong type"); };
    if constexpr (std::is_same_v<T, int>) {
      // Through double, so that 1e80 or 2.5 is refused by name instead of converted with
      // undefined behaviour.
      if (!value.is_number()) throw wrong_type();
      const double v = value.get<double>();
      if (v != std::floor(v)) throw Error(title_ + ": " + p.name + " = " + value.dump() + " is not a whole number");
      if (!(v >= p.min && v <= p.max))
        throw Error(title_ + ": " + p.name + " = " + value.dump() + " is outside the valid range " +
                    range_text(p, out));
      out = static_cast<int>(v);
    } else {
      try {
        value.get_to(out);
      } catch (const nlohmann::json::exception&) {
        throw wrong_type();
      }
    }
  }

  std::string title_;
  std::vector<Param<Settings>> params_;
};

}  // namespace esc50
