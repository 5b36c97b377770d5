"""The Protobuf messages of test_protobuf_converter.py and of the golden case protobuf-json, built without protoc:
FileDescriptorProtos written here, message classes made from them at run time with the `protobuf` package's
message_factory. Two files, as a producer would have them:

    sluice/test/address.proto   package sluice.test; message Address {street, city}
    sluice/test/order.proto     package sluice.test; imports google/protobuf/timestamp.proto and address.proto;
                                message Order (index [0]): scalars of every wire type, a Timestamp, a repeated
                                string, an enum, a oneof, the Address, a map, a proto3 optional, nested Line
                                messages; message Shipment (index [1]) with a nested Parcel (index [1, 0])

and, for recursive messages, sluice/test/doc.proto: message Doc {id, google.protobuf.Struct attrs,
google.protobuf.Value any, google.protobuf.ListValue items}.
"""

from __future__ import annotations

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, struct_pb2, timestamp_pb2

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


DOC_FILE = "sluice/test/doc.proto"


def doc_file() -> descriptor_pb2.FileDescriptorProto:
    fd = descriptor_pb2.FileDescriptorProto(name=DOC_FILE, package="sluice.test", syntax="proto3",
                                            dependency=["google/protobuf/struct.proto"])
    doc = fd.message_type.add(name="Doc")
    doc.field.extend([
        _field("id", 1, F.TYPE_STRING),
        _field("attrs", 2, F.TYPE_MESSAGE, type_name=".google.protobuf.Struct"),
        _field("any", 3, F.TYPE_MESSAGE, type_name=".google.protobuf.Value"),
        _field("items", 4, F.TYPE_MESSAGE, type_name=".google.protobuf.ListValue"),
    ])
    return fd


def doc_class() -> type:
    """The Doc class, from a pool of its own."""
    pool = descriptor_pool.DescriptorPool()
    pool.AddSerializedFile(struct_pb2.DESCRIPTOR.serialized_pb)
    pool.Add(doc_file())
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("sluice.test.Doc"))


def value_as_connect_json(v) -> dict:
    """ProtobufData's value of a google.protobuf.Value as JsonConverter writes it, parsed: the oneof `kind` as the
    struct kind_0 with every member, null but the one set (a Struct is {"fields": map}, a ListValue {"values": [...]})."""
    kind = v.WhichOneof("kind")
    members = {"null_value": None, "number_value": None, "string_value": None, "bool_value": None,
               "struct_value": None, "list_value": None}
    if kind == "null_value":
        members[kind] = "NULL_VALUE"
    elif kind == "struct_value":
        members[kind] = struct_as_connect_json(v.struct_value)
    elif kind == "list_value":
        members[kind] = list_as_connect_json(v.list_value)
    elif kind is not None:
        members[kind] = getattr(v, kind)
    return {"kind_0": None if kind is None else members}


def struct_as_connect_json(s) -> dict:
    return {"fields": {k: value_as_connect_json(v) for k, v in s.fields.items()}}


def list_as_connect_json(values) -> dict:
    return {"values": [value_as_connect_json(v) for v in values.values]}


def sample_docs(cls) -> list:
    """Docs with empty, flat and nested Structs, lists of lists and a Value of each kind."""
    out = []
    d = cls(id="empty")
    out.append(d)
    d = cls(id="flat")
    d.attrs.update({"name": "x", "n": 1.5, "ok": True, "none": None})
    out.append(d)
    d = cls(id="nested")
    d.attrs.update({"a": {"b": {"c": [1, "two", {"d": None}, [False, 3.25]]}}, "e": []})
    d.any.struct_value.update({"k": "v"})
    out.append(d)
    d = cls(id="value-only")
    d.any.list_value.extend([1, [2, [3, [4]]], {"deep": {"deeper": {"deepest": "yes"}}}])
    d.items.extend(["x", None, 0.1])
    out.append(d)
    d = cls(id="scalars")
    d.any.number_value = -0.0
    d.items.append({})
    out.append(d)
    d = cls(id="string-any")
    d.any.string_value = "ü €"
    d.attrs.update({"empty": {}, "list": [[], [[]]]})
    out.append(d)
    return out
