// StoreProxy: lets every upload thread of a test's Uploader talk to the one shared, thread-safe
// MemoryObjectStore (an Uploader wants one ObjectStore per thread, owned by the thread).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/memory_object_store.h"

namespace sluice::sink {

class StoreProxy : public storage::ObjectStore {
 public:
  explicit StoreProxy(storage::MemoryObjectStore* store) : s_(store) {}
  Status head_bucket() override { return s_->head_bucket(); }
  Status put_object(std::string_view k, std::string_view b, const storage::PutOptions& o) override {
    return s_->put_object(k, b, o);
  }
  Result<std::string> create_multipart_upload(std::string_view k,
                                              const storage::PutOptions& o) override {
    return s_->create_multipart_upload(k, o);
  }
  Result<std::string> upload_part(std::string_view k, std::string_view id, int n,
                                  std::string_view b, const storage::PutOptions& o) override {
    return s_->upload_part(k, id, n, b, o);
  }
  Status complete_multipart_upload(std::string_view k, std::string_view id,
                                   const std::vector<std::string>& e,
                                   const storage::PutOptions& o) override {
    return s_->complete_multipart_upload(k, id, e, o);
  }
  Status abort_multipart_upload(std::string_view k, std::string_view id) override {
    return s_->abort_multipart_upload(k, id);
  }
  Result<storage::ListPage> list_objects(std::string_view p, std::string_view t) override {
    return s_->list_objects(p, t);
  }
  Result<std::string> get_object(std::string_view k) override { return s_->get_object(k); }
  Result<bool> object_exists(std::string_view k) override { return s_->object_exists(k); }
  Result<std::optional<storage::ObjectInfo>> head_object(std::string_view k) override {
    return s_->head_object(k);
  }
  Status delete_object(std::string_view k) override { return s_->delete_object(k); }
  Status put_object_tagging(std::string_view k, const storage::ObjectTags& t) override {
    return s_->put_object_tagging(k, t);
  }

 private:
  storage::MemoryObjectStore* s_;
};

// Makes StoreProxy stores for an Uploader.
inline std::function<std::unique_ptr<storage::ObjectStore>()> proxy_factory(
    storage::MemoryObjectStore* store) {
  return [store] { return std::make_unique<StoreProxy>(store); };
}

}  // namespace sluice::sink
