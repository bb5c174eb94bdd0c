// Which facts are due for review: content.json declares, per kind of fact, from when facts of that kind that hold
// for an earlier date must be confirmed again (review_after: mayors after the municipal elections of March 2026).
// Past that date the card marks such a fact "à vérifier / to be confirmed" and the staff status warns in red.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "core/content.hpp"
#include "core/facts.hpp"
#include "core/ui_text.hpp"

namespace qmi {

// True when a review rule for `kind` applies at `now` (Paris date on or after its `from`) and the fact holds for a
// date before that `from`. A fact confirmed on or after `from` is fresh.
bool is_stale(const Content& content, FactKind kind, const Provenance& provenance, date::sys_seconds now);

// Every stale fact of the content, in document order.
std::vector<FactRef> stale_facts(const Content& content, date::sys_seconds now);

// The staff status line, "" when nothing is stale:
//   "12 informations à vérifier : maire (élections municipales de mars 2026) ×10, ..." — counts per kind, with the
//   rule's reason, e.g. en "12 facts to be confirmed: mayor (municipal elections of March 2026) ×10, ...".
std::string review_warning(const Content& content, const std::vector<FactRef>& stale, const UiText& text, Lang lang);

// The next instant after `now` when a review rule starts to apply (midnight Paris of its `from`), for models that
// must be rebuilt then; nullopt when none is ahead.
std::optional<date::sys_seconds> next_review_start(const Content& content, date::sys_seconds now);

}  // namespace qmi
