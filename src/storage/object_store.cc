#include "storage/object_store.h"

namespace sluice::storage {

const char* object_store_op_name(ObjectStoreOp op) {
  switch (op) {
    case ObjectStoreOp::kHeadBucket:
      return "HeadBucket";
    case ObjectStoreOp::kPutObject:
      return "PutObject";
    case ObjectStoreOp::kCreateMultipartUpload:
      return "CreateMultipartUpload";
    case ObjectStoreOp::kUploadPart:
      return "UploadPart";
    case ObjectStoreOp::kCompleteMultipartUpload:
      return "CompleteMultipartUpload";
    case ObjectStoreOp::kAbortMultipartUpload:
      return "AbortMultipartUpload";
    case ObjectStoreOp::kListObjects:
      return "ListObjectsV2";
    case ObjectStoreOp::kGetObject:
      return "GetObject";
    case ObjectStoreOp::kHeadObject:
      return "HeadObject";
    case ObjectStoreOp::kDeleteObject:
      return "DeleteObject";
    case ObjectStoreOp::kPutObjectTagging:
      return "PutObjectTagging";
  }
  return "Unknown";
}

}  // namespace sluice::storage
