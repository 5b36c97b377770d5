// Serializes the metadata structures of metadata.h in the Thrift compact protocol, fields in IDL
// order, optional fields only when set, every IDL-required field always (readers built on
// generated Thrift code reject a struct that lacks one).
#pragma once

#include <string>

#include "parquet/metadata.h"

namespace sluice::parquet {

// Appends the footer struct (without the length and magic that follow it in the file).
// REQUIRES: every RowGroup has one ColumnChunk per leaf of `meta.schema`.
void serialize_file_metadata(const FileMetaData& meta, std::string& out);

// Appends a page header (what precedes a page body in a column chunk).
void serialize_page_header(const PageHeader& header, std::string& out);

}  // namespace sluice::parquet
