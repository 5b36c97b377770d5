"""The Protobuf messages of test_protobuf_converter.py and of the golden case protobuf-json, built without protoc:
FileDescriptorProtos written here, message classes made from them at run time with the `protobuf` package's
message_factory. Two files, as a producer would have them:

    sluice/test/address.proto   package sluice.test; message Address {street, city}
    sluice/test/order.proto     package sluice.test; imports google/protobuf/timestamp.proto and address.proto;
                                message Order (index [0]): scalars of every wire type, a Timestamp, a repeated
                                string, an enum, a oneof, the Address, a map, a proto3 optional, nested Line
                                messages; message Shipment (index [1]) with a nested Parcel (index [1, 0])
"""

from __future__ import annotations

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, timestamp_pb2

F = descriptor_pb2.FieldDescriptorProto

ADDRESS_FILE = "sluice/test/address.proto"
ORDER_FILE = "sluice/test/order.proto"


def _field(name: str, number: int, ftype: int, *, label: int = F.LABEL_OPTIONAL, type_name: str | None = None,
           oneof_index: int | None = None, proto3_optional: bool = False) -> F:
    f = F(name=name, number=number, type=ftype, label=label)
    if type_name:
        f.type_name = type_name
    if oneof_index is not None:
        f.oneof_index = oneof_index
    f.proto3_optional = proto3_optional
    return f


def address_file() -> descriptor_pb2.FileDescriptorProto:
    fd = descriptor_pb2.FileDescriptorProto(name=ADDRESS_FILE, package="sluice.test", syntax="proto3")
    address = fd.message_type.add(name="Address")
    address.field.extend([_field("street", 1, F.TYPE_STRING), _field("city", 2, F.TYPE_STRING)])
    return fd


def order_file() -> descriptor_pb2.FileDescriptorProto:
    fd = descriptor_pb2.FileDescriptorProto(name=ORDER_FILE, package="sluice.test", syntax="proto3",
                                            dependency=["google/protobuf/timestamp.proto", ADDRESS_FILE])
    order = fd.message_type.add(name="Order")
    line = order.nested_type.add(name="Line")
    line.field.extend([_field("sku", 1, F.TYPE_STRING), _field("count", 2, F.TYPE_INT32)])
    entry = order.nested_type.add(name="CountsEntry")  # what protoc makes of map<string, int32> counts
    entry.options.map_entry = True
    entry.field.extend([_field("key", 1, F.TYPE_STRING), _field("value", 2, F.TYPE_INT32)])
    status = order.enum_type.add(name="Status")
    for number, name in enumerate(["NEW", "PAID", "SHIPPED"]):
        status.value.add(name=name, number=number)
    order.oneof_decl.add(name="payment")
    order.oneof_decl.add(name="_discount")  # the synthetic oneof of a proto3 `optional`
    order.field.extend([
        _field("id", 1, F.TYPE_INT64),
        _field("customer", 2, F.TYPE_STRING),
        _field("created", 3, F.TYPE_MESSAGE, type_name=".google.protobuf.Timestamp"),
        _field("tags", 4, F.TYPE_STRING, label=F.LABEL_REPEATED),
        _field("status", 5, F.TYPE_ENUM, type_name=".sluice.test.Order.Status"),
        _field("card", 6, F.TYPE_STRING, oneof_index=0),
        _field("voucher", 7, F.TYPE_INT32, oneof_index=0),
        _field("shipping", 8, F.TYPE_MESSAGE, type_name=".sluice.test.Address"),
        _field("counts", 9, F.TYPE_MESSAGE, label=F.LABEL_REPEATED, type_name=".sluice.test.Order.CountsEntry"),
        _field("discount", 10, F.TYPE_DOUBLE, oneof_index=1, proto3_optional=True),
        _field("delta", 11, F.TYPE_SINT32),
        _field("qty", 12, F.TYPE_UINT32),
        _field("big", 13, F.TYPE_FIXED64),
        _field("blob", 14, F.TYPE_BYTES),
        _field("ratio", 15, F.TYPE_FLOAT),
        _field("gift", 16, F.TYPE_BOOL),
        _field("lines", 17, F.TYPE_MESSAGE, label=F.LABEL_REPEATED, type_name=".sluice.test.Order.Line"),
    ])
    shipment = fd.message_type.add(name="Shipment")
    parcel = shipment.nested_type.add(name="Parcel")
    parcel.field.extend([_field("id", 1, F.TYPE_STRING), _field("weight", 2, F.TYPE_DOUBLE),
                         _field("sent", 3, F.TYPE_MESSAGE, type_name=".google.protobuf.Timestamp")])
    shipment.field.extend([_field("carrier", 1, F.TYPE_STRING),
                           _field("parcels", 2, F.TYPE_MESSAGE, label=F.LABEL_REPEATED,
                                  type_name=".sluice.test.Shipment.Parcel")])
    return fd


def message_classes() -> dict[str, type]:
    """Order, Shipment, Parcel and Address classes, from a pool of their own."""
    pool = descriptor_pool.DescriptorPool()
    pool.AddSerializedFile(timestamp_pb2.DESCRIPTOR.serialized_pb)
    pool.Add(address_file())
    pool.Add(order_file())
    names = {"Order": "sluice.test.Order", "Shipment": "sluice.test.Shipment",
             "Parcel": "sluice.test.Shipment.Parcel", "Address": "sluice.test.Address"}
    return {short: message_factory.GetMessageClass(pool.FindMessageTypeByName(full)) for short, full in names.items()}


def order(classes: dict[str, type], i: int):
    """A varied Order: every third one has a card, every third a voucher, the rest no payment."""
    o = classes["Order"](id=1000 + i, customer=f"c-{i} ü", tags=[f"t{j}" for j in range(i % 3)], status=i % 3,
                         delta=-i * 7, qty=4_000_000_000 + i, big=2**64 - 1 - i, blob=bytes([i, 0, 255 - i]),
                         ratio=i / 10, gift=i % 2 == 0)
    if i % 3 == 0:
        o.card = f"visa-{i}"
    elif i % 3 == 1:
        o.voucher = i
    if i % 2 == 0:
        o.discount = i * 0.25
    o.created.seconds = 1_700_000_000 + i * 3600 - (i % 5) * 86400 * 365 * 60
    o.created.nanos = 123_456_789 * (i % 4)
    if i % 4 != 3:
        o.shipping.street = f"{i} Main St"
        o.shipping.city = "Zürich" if i % 2 else "Paris"
    for k in range(i % 7):
        o.counts[f"k{k * 13 % 7}{'x' * k}"] = k * i
    for k in range(i % 3):
        o.lines.add(sku=f"sku-{k}", count=k + i)
    return o


def parcel(classes: dict[str, type], i: int):
    p = classes["Parcel"](id=f"p-{i}", weight=1.5 * i)
    if i % 2 == 0:
        p.sent.seconds = 1_600_000_000 + i
        p.sent.nanos = 999_999_999
    return p


def shipment(classes: dict[str, type], i: int):
    s = classes["Shipment"](carrier=["dhl", "ups", ""][i % 3])
    for k in range(i % 3):
        s.parcels.append(parcel(classes, k))
    return s
