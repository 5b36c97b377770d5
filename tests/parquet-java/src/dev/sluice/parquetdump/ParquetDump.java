package dev.sluice.parquetdump;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Reads Parquet files with parquet-java's Avro binding (AvroParquetReader, the reader of files parquet-avro
 * writes) and prints, per file, one JSON document on its own line:
 *
 * <pre>
 * {"file": PATH, "created_by": ..., "key_value_metadata": {...},
 *  "avro_schema": the Avro schema the records carry (parquet-avro takes it from parquet.avro.schema),
 *  "converted_schema": the Avro schema AvroSchemaConverter derives from the Parquet schema alone,
 *  "rows": [record, ...]}
 * </pre>
 *
 * Values are rendered by their Avro schema: records as objects in field order, maps as objects, arrays as lists,
 * enums and strings as strings, bytes and fixed as base64, decimals (bytes or fixed) as the plain decimal text
 * (BigDecimal.toPlainString), dates and timestamps as their underlying int/long, non-finite floats as the strings
 * "NaN", "Infinity", "-Infinity". Page checksums are verified. A file that cannot be read ends the program with
 * status 1 and the exception.
 *
 * Single-threaded command-line tool; it holds one file open at a time.
 */
public final class ParquetDump {
  private ParquetDump() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    Configuration conf = new Configuration();
    // Check each page's CRC-32 (PageHeader.crc) where the writer stored one, as parquet-java can.
    conf.setBoolean("parquet.page.verify-checksum.enabled", true);
    for (String file : args) {
      StringBuilder json = new StringBuilder();
      dumpFile(conf, new Path(file), json);
      out.println(json);
    }
    out.flush();
  }

  private static void dumpFile(Configuration conf, Path path, StringBuilder json) throws IOException {
    HadoopInputFile input = HadoopInputFile.fromPath(path, conf);
    json.append("{\"file\":");
    string(path.toString(), json);
    try (ParquetFileReader footer = ParquetFileReader.open(input)) {
      FileMetaData meta = footer.getFooter().getFileMetaData();
      json.append(",\"created_by\":");
      string(meta.getCreatedBy(), json);
      json.append(",\"key_value_metadata\":{");
      boolean first = true;
      for (Map.Entry<String, String> e : meta.getKeyValueMetaData().entrySet()) {
        json.append(first ? "" : ",");
        first = false;
        string(e.getKey(), json);
        json.append(':');
        string(e.getValue(), json);
      }
      json.append("},\"converted_schema\":");
      string(new AvroSchemaConverter(conf).convert(meta.getSchema()).toString(), json);
    }
    json.append(",\"rows\":[");
    Schema carried = null;
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(input).withDataModel(GenericData.get()).withConf(conf).build()) {
      boolean first = true;
      for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
        json.append(first ? "" : ",");
        first = false;
        carried = r.getSchema();
        value(r, carried, json);
      }
    }
    json.append("],\"avro_schema\":");
    if (carried == null) {
      json.append("null");
    } else {
      string(carried.toString(), json);
    }
    json.append('}');
  }

  private static void value(Object v, Schema schema, StringBuilder json) {
    if (v == null) {
      json.append("null");
      return;
    }
    LogicalType logical = schema.getLogicalType();
    switch (schema.getType()) {
      case UNION -> value(v, schema.getTypes().get(GenericData.get().resolveUnion(schema, v)), json);
      case RECORD -> record((GenericRecord) v, json);
      case ARRAY -> {
        json.append('[');
        boolean first = true;
        for (Object item : (Collection<?>) v) {
          json.append(first ? "" : ",");
          first = false;
          value(item, schema.getElementType(), json);
        }
        json.append(']');
      }
      case MAP -> {
        json.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
          json.append(first ? "" : ",");
          first = false;
          string(e.getKey().toString(), json);
          json.append(':');
          value(e.getValue(), schema.getValueType(), json);
        }
        json.append('}');
      }
      case BYTES -> bytes(toArray((ByteBuffer) v), logical, json);
      case FIXED -> bytes(((GenericFixed) v).bytes(), logical, json);
      case ENUM, STRING -> string(v.toString(), json);
      case FLOAT, DOUBLE -> floating(((Number) v).doubleValue(), v.toString(), json);
      case INT, LONG, BOOLEAN -> json.append(v);
      case NULL -> json.append("null");
    }
  }

  private static void record(GenericRecord r, StringBuilder json) {
    json.append('{');
    boolean first = true;
    for (Schema.Field f : r.getSchema().getFields()) {
      json.append(first ? "" : ",");
      first = false;
      string(f.name(), json);
      json.append(':');
      value(r.get(f.pos()), f.schema(), json);
    }
    json.append('}');
  }

  private static byte[] toArray(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  private static void bytes(byte[] bytes, LogicalType logical, StringBuilder json) {
    if (logical instanceof LogicalTypes.Decimal decimal) {
      string(new BigDecimal(new BigInteger(bytes), decimal.getScale()).toPlainString(), json);
    } else {
      string(Base64.getEncoder().encodeToString(bytes), json);
    }
  }

  private static void floating(double d, String text, StringBuilder json) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      string(text, json);
    } else {
      json.append(text);
    }
  }

  private static void string(String s, StringBuilder json) {
    json.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
