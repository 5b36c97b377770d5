// Avro binary -> Parquet column entries (see parquet_avro_shredder.h). The plan mirrors
// avro_to_parquet_schema node for node, so leaves are numbered in the schema's depth-first order.
#include "format/parquet_avro_shredder.h"

#include <string>

namespace sluice::format {

namespace {

// A datum the encoder made does not decode: the two disagree, which is a bug, not bad input.
Status internal(const Status& status) {
  return Status::fatal("ParquetFormat: the record's Avro datum does not decode: " +
                       status.message());
}

}  // namespace

ParquetAvroShredder::ParquetAvroShredder(const avro::Schema& record, ParquetListShape lists)
    : lists_(lists) {
  uint32_t next_leaf = 0;
  root_ = plan(record, next_leaf, 0, false);
}

ParquetAvroShredder::Node ParquetAvroShredder::plan(const avro::Schema& schema, uint32_t& next_leaf,
                                                    int16_t repetition_level, bool repeated_item) {
  Node node;
  node.avro = &schema;
  node.first_leaf = next_leaf;
  switch (schema.type()) {
    case avro::Type::kNull:
      node.kind = Kind::kSkip;
      break;
    case avro::Type::kRecord:
      node.kind = Kind::kRecord;
      for (const avro::Field& field : schema.fields()) {
        node.children.push_back(plan(field.schema(), next_leaf, repetition_level, false));
      }
      break;
    case avro::Type::kArray: {
      node.kind = Kind::kList;
      node.repetition_level = static_cast<int16_t>(repetition_level + 1);
      const bool two_level = lists_ == ParquetListShape::kTwoLevel;
      node.children.push_back(plan(schema.items(), next_leaf, node.repetition_level, two_level));
      break;
    }
    case avro::Type::kMap:
      node.kind = Kind::kMap;
      node.repetition_level = static_cast<int16_t>(repetition_level + 1);
      ++next_leaf;  // the key
      node.children.push_back(plan(schema.values(), next_leaf, node.repetition_level, false));
      break;
    case avro::Type::kUnion: {
      const std::vector<const avro::Schema*>& branches = schema.branches();
      int32_t members = 0;
      for (size_t i = 0; i < branches.size(); ++i) {
        if (branches[i]->type() == avro::Type::kNull) {
          node.null_branch = static_cast<int32_t>(i);
          node.member_of_branch.push_back(-1);
        } else {
          node.member_of_branch.push_back(members++);
        }
      }
      node.null_is_error = repeated_item && node.null_branch >= 0;
      if (node.null_branch >= 0 && members == 1) {
        node.kind = Kind::kOptional;
        for (const avro::Schema* branch : branches) {
          if (branch->type() != avro::Type::kNull) {
            node.children.push_back(plan(*branch, next_leaf, repetition_level, false));
          }
        }
      } else {
        node.kind = Kind::kUnionGroup;
        // A union in a repeated position stays REPEATED (parquet-avro only turns REQUIRED into
        // OPTIONAL); the list counts that level.
        node.optional = node.null_branch >= 0 && !repeated_item;
        for (const avro::Schema* branch : branches) {
          if (branch->type() != avro::Type::kNull) {
            node.children.push_back(plan(*branch, next_leaf, repetition_level, false));
          }
        }
      }
      break;
    }
    default:
      node.kind = Kind::kLeaf;
      ++next_leaf;
      break;
  }
  node.leaf_count = next_leaf - node.first_leaf;
  return node;
}

Status ParquetAvroShredder::write_row(std::string_view datum, parquet::FileWriter& file) {
  in_ = avro::Decoder(datum);
  file_ = &file;
  SLUICE_RETURN_IF_ERROR(shred(root_, 0, 0));
  if (!in_.at_end()) {
    return Status::fatal("ParquetFormat: " + std::to_string(in_.remaining()) +
                         " bytes left after the record's Avro datum");
  }
  return file.end_row();
}

Status ParquetAvroShredder::shred(const Node& node, int16_t r, int16_t d) {
  switch (node.kind) {
    case Kind::kSkip:
      return Status::ok_status();
    case Kind::kLeaf:
      return shred_leaf(node, r);
    case Kind::kRecord:
      for (const Node& child : node.children) SLUICE_RETURN_IF_ERROR(shred(child, r, d));
      return Status::ok_status();
    case Kind::kOptional:
    case Kind::kUnionGroup:
      return shred_union(node, r, d);
    case Kind::kList:
      return shred_list(node, r, d);
    case Kind::kMap:
      return shred_map(node, r, d);
  }
  return Status::fatal("ParquetFormat: unknown plan node");
}

Status ParquetAvroShredder::shred_leaf(const Node& node, int16_t r) {
  parquet::ColumnWriter& column = file_->column(node.first_leaf).repeat(r);
  switch (node.avro->type()) {
    case avro::Type::kBoolean: {
      Result<bool> v = in_.read_boolean();
      return v.ok() ? column.write_bool(*v) : internal(v.status());
    }
    case avro::Type::kInt: {
      Result<int32_t> v = in_.read_int();
      return v.ok() ? column.write_int32(*v) : internal(v.status());
    }
    case avro::Type::kLong: {
      Result<int64_t> v = in_.read_long();
      return v.ok() ? column.write_int64(*v) : internal(v.status());
    }
    case avro::Type::kFloat: {
      Result<float> v = in_.read_float();
      return v.ok() ? column.write_float(*v) : internal(v.status());
    }
    case avro::Type::kDouble: {
      Result<double> v = in_.read_double();
      return v.ok() ? column.write_double(*v) : internal(v.status());
    }
    case avro::Type::kBytes:
    case avro::Type::kString: {
      Result<std::string_view> v = in_.read_bytes();
      return v.ok() ? column.write_bytes(*v) : internal(v.status());
    }
    case avro::Type::kEnum: {
      const std::vector<std::string>& symbols = node.avro->symbols();
      Result<int32_t> v = in_.read_enum(symbols.size());
      return v.ok() ? column.write_bytes(symbols[static_cast<size_t>(*v)]) : internal(v.status());
    }
    case avro::Type::kFixed: {
      Result<std::string_view> v = in_.read_fixed(static_cast<size_t>(node.avro->fixed_size()));
      return v.ok() ? column.write_bytes(*v) : internal(v.status());
    }
    default:
      return Status::fatal("ParquetFormat: Avro type " +
                           std::string(avro::type_name(node.avro->type())) + " is not a leaf");
  }
}

Status ParquetAvroShredder::shred_union(const Node& node, int16_t r, int16_t d) {
  Result<int32_t> branch = in_.read_union_index(node.member_of_branch.size());
  if (!branch.ok()) return internal(branch.status());
  const int32_t member = node.member_of_branch[static_cast<size_t>(*branch)];
  if (member < 0) {
    if (node.null_is_error) {
      // parquet-avro's 2-level lists cannot hold a null item; Confluent's writer switches to
      // 3-level lists whenever a Connect array has optional items, so this is not reached.
      return Status::fatal("ParquetFormat: Array contains a null element");
    }
    return absent(node, r, d);
  }
  if (node.kind == Kind::kOptional) return shred(node.children[0], r, static_cast<int16_t>(d + 1));
  const int16_t group_level = static_cast<int16_t>(d + (node.optional ? 1 : 0));
  for (size_t i = 0; i < node.children.size(); ++i) {
    const Node& child = node.children[i];
    if (static_cast<int32_t>(i) == member) {
      SLUICE_RETURN_IF_ERROR(shred(child, r, static_cast<int16_t>(group_level + 1)));
    } else {
      SLUICE_RETURN_IF_ERROR(absent(child, r, group_level));
    }
  }
  return Status::ok_status();
}

Status ParquetAvroShredder::shred_list(const Node& node, int16_t r, int16_t d) {
  const Node& element = node.children[0];
  const int16_t item_level = static_cast<int16_t>(d + 1);
  int64_t index = 0;
  for (;;) {
    Result<int64_t> count = in_.read_block_count();
    if (!count.ok()) return internal(count.status());
    if (*count == 0) break;
    for (int64_t i = 0; i < *count; ++i, ++index) {
      SLUICE_RETURN_IF_ERROR(shred(element, index == 0 ? r : node.repetition_level, item_level));
    }
  }
  return index == 0 ? absent(node, r, d) : Status::ok_status();
}

Status ParquetAvroShredder::shred_map(const Node& node, int16_t r, int16_t d) {
  const Node& value = node.children[0];
  const int16_t entry_level = static_cast<int16_t>(d + 1);
  int64_t index = 0;
  for (;;) {
    Result<int64_t> count = in_.read_block_count();
    if (!count.ok()) return internal(count.status());
    if (*count == 0) break;
    for (int64_t i = 0; i < *count; ++i, ++index) {
      const int16_t level = index == 0 ? r : node.repetition_level;
      Result<std::string_view> key = in_.read_string();
      if (!key.ok()) return internal(key.status());
      SLUICE_RETURN_IF_ERROR(file_->column(node.first_leaf).repeat(level).write_bytes(*key));
      SLUICE_RETURN_IF_ERROR(shred(value, level, entry_level));
    }
  }
  return index == 0 ? absent(node, r, d) : Status::ok_status();
}

Status ParquetAvroShredder::absent(const Node& node, int16_t r, int16_t d) {
  for (uint32_t i = node.first_leaf; i < node.first_leaf + node.leaf_count; ++i) {
    SLUICE_RETURN_IF_ERROR(file_->column(i).repeat(r).write_absent(d));
  }
  return Status::ok_status();
}

}  // namespace sluice::format
