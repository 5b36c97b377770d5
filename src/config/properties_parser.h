// The Java .properties reader: turns the text of a worker or connector .properties file into a
// RawConfig, with exactly the syntax of java.util.Properties.load.
//
// Syntax (all of it, because users' files rely on all of it):
//  * lines end at \n, \r or \r\n; leading spaces, tabs and form feeds of a line are ignored;
//  * a line whose first non-blank character is '#' or '!' is a comment (it never continues);
//  * a line ending in an odd number of backslashes continues on the next line, whose leading
//    blanks are dropped; the continuation may start with '#' (it is data, not a comment);
//  * the key ends at the first unescaped '=', ':' or blank; blanks around the separator and one
//    '=' or ':' after blanks are skipped; the value runs to the end of the line, trailing blanks
//    included; a line with a key only has the value "";
//  * escapes in keys and values: \t \n \r \f, \uXXXX (a surrogate pair of two escapes becomes one
//    character), and a backslash before any other character yields that character (so keys may
//    contain "\=", "\:" and "\ ");
//  * a key given twice: the later value wins.
// Difference from Java: the bytes are read as UTF-8 (Properties.load(InputStream) reads ISO-8859-1
// and mangles non-ASCII text), \uXXXX escapes are written as UTF-8, a lone surrogate escape becomes
// '?' (what Java's UTF-8 encoder writes for it), and a leading UTF-8 byte-order mark is skipped.
// The only syntax error is a malformed \uXXXX escape; every such line is reported.
#pragma once

#include <string>
#include <string_view>

#include "config/raw_config.h"
#include "util/status.h"

namespace sluice::config {

// `source_name` (typically the file path) prefixes line numbers in messages.
Result<RawConfig> parse_properties(std::string_view text, std::string source_name = {});

}  // namespace sluice::config
