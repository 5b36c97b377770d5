// How a `locale` configuration value resolves, as Java's one-argument Locale constructor and
// JDK 17's CLDR provider resolve it (spec §2.5). Values printed by OpenJDK 17.0.15.
#include "sink/locale_names.h"

#include <gtest/gtest.h>

namespace sluice::sink {
namespace {

TEST(LocaleNamesTest, KnownLanguages) {
  const ResolvedLocale fr = resolve_locale("fr");
  ASSERT_NE(fr.names, nullptr);
  EXPECT_FALSE(fr.is_root);
  EXPECT_EQ(fr.names->months[0], "janvier");
  EXPECT_EQ(fr.names->short_months[1], "f\xc3\xa9vr.");
  EXPECT_EQ(fr.names->weekdays[0], "lundi");       // Monday first
  const ResolvedLocale en = resolve_locale("EN");  // lower-cased like Java
  ASSERT_NE(en.names, nullptr);
  EXPECT_EQ(en.language, "en");
  EXPECT_EQ(en.names->months[11], "December");
  EXPECT_EQ(en.names->eras[0], "BC");
  // Russian and Polish use the genitive (format-context) month names, as DateFormatSymbols does.
  EXPECT_EQ(resolve_locale("pl").names->months[0], "stycznia");
  EXPECT_EQ(resolve_locale("ja").names->halfdays[1], "\xe5\x8d\x88\xe5\xbe\x8c");  // 午後
  for (std::string_view lang :
       {"en", "fr", "de", "es", "it", "pt", "nl", "ko", "ja", "zh", "ru", "sv", "pl"}) {
    const ResolvedLocale l = resolve_locale(lang);
    ASSERT_NE(l.names, nullptr) << lang;
    EXPECT_FALSE(l.is_root) << lang;
    for (std::string_view m : l.names->months) EXPECT_FALSE(m.empty()) << lang;
  }
}

TEST(LocaleNamesTest, LanguageTagsAreUnknownLanguagesAndFallBackToRoot) {
  for (std::string_view tag : {"en-US", "en_US", "ko-KR", "fr-FR", "xx", "root", " en"}) {
    const ResolvedLocale l = resolve_locale(tag);
    ASSERT_NE(l.names, nullptr) << tag;
    EXPECT_TRUE(l.is_root) << tag;
    EXPECT_EQ(l.names->months[0], "Jan") << tag;  // MMMM prints the short name in root
    EXPECT_EQ(l.names->weekdays[6], "Sun") << tag;
    EXPECT_EQ(l.names->eras[1], "CE") << tag;
  }
  EXPECT_EQ(resolve_locale("en-US").language, "en-us");
}

TEST(LocaleNamesTest, JdkLanguagesWithoutTextInSluice) {
  const ResolvedLocale hu = resolve_locale("hu");
  EXPECT_EQ(hu.names, nullptr);
  EXPECT_FALSE(hu.is_root);
  EXPECT_NE(supported_languages().find("fr"), std::string::npos);
}

TEST(LocaleNamesTest, ZoneNames) {
  const ZoneNames* en = find_zone_names(resolve_locale("en"), "Europe/Berlin");
  ASSERT_NE(en, nullptr);
  EXPECT_EQ(en->standard_long, "Central European Standard Time");
  const ZoneNames* root = find_zone_names(resolve_locale("en-US"), "Europe/Berlin");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->standard_long, "Central European Time");
  EXPECT_EQ(find_zone_names(resolve_locale("en"), "Antarctica/Troll"), nullptr);
  EXPECT_FALSE(has_zone_names(resolve_locale("fr")));
  EXPECT_TRUE(has_zone_names(resolve_locale("ko-KR")));
}

}  // namespace
}  // namespace sluice::sink
