import java.io.*;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.MessageDigest;
import java.util.*;
import org.apache.avro.*;
import org.apache.avro.file.*;
import org.apache.avro.generic.*;

public class ContainerVectors {
  static long state;
  static long next() { state = state * 6364136223846793005L + 1442695040888963407L; return state >>> 33; }

  static final String MIXED = "{\"type\":\"record\",\"name\":\"Mixed\",\"namespace\":\"sluice.test\",\"fields\":["
    + "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"i\",\"type\":\"int\"},{\"name\":\"flag\",\"type\":\"boolean\"},"
    + "{\"name\":\"f\",\"type\":\"float\"},{\"name\":\"d\",\"type\":\"double\"},{\"name\":\"s\",\"type\":\"string\"},"
    + "{\"name\":\"b\",\"type\":\"bytes\"},{\"name\":\"opt\",\"type\":[\"null\",\"string\"],\"default\":null},"
    + "{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"Color\",\"symbols\":[\"RED\",\"GREEN\",\"BLUE\"]}},"
    + "{\"name\":\"fx\",\"type\":{\"type\":\"fixed\",\"name\":\"Four\",\"size\":4}},"
    + "{\"name\":\"arr\",\"type\":{\"type\":\"array\",\"items\":\"long\"}},"
    + "{\"name\":\"m\",\"type\":{\"type\":\"map\",\"values\":\"int\"}}]}";

  static GenericRecord mixed(Schema schema, int k) {
    GenericRecord r = new GenericData.Record(schema);
    r.put("id", (long) k);
    r.put("i", (int) next());
    r.put("flag", (next() & 1) == 1);
    r.put("f", (float) (next() % 100000) / 8.0f);
    r.put("d", (double) (next() % 1000000007L) / 1024.0 - 400000.0);
    StringBuilder s = new StringBuilder("h\u00e9llo-" + k + "-");
    long reps = next() % 20;
    for (int j = 0; j < reps; j++) s.append("ab");
    r.put("s", s.toString());
    byte[] b = new byte[(int) (next() % 16)];
    for (int j = 0; j < b.length; j++) b[j] = (byte) (k * 7 + j);
    r.put("b", ByteBuffer.wrap(b));
    r.put("opt", k % 3 == 0 ? null : "o" + k);
    r.put("e", new GenericData.EnumSymbol(schema.getField("e").schema(), new String[]{"RED","GREEN","BLUE"}[(int) (next() % 3)]));
    long x = next();
    byte[] fx = new byte[] {(byte) x, (byte) (x >>> 8), (byte) (x >>> 16), (byte) (x >>> 24)};
    r.put("fx", new GenericData.Fixed(schema.getField("fx").schema(), fx));
    List<Long> arr = new ArrayList<>();
    long n = next() % 5;
    for (int j = 0; j < n; j++) arr.add((long) (j - k) * 1000003L);
    r.put("arr", arr);
    Map<String, Integer> m = new LinkedHashMap<>();
    long mn = next() % 3;
    for (int j = 0; j < mn; j++) m.put("k" + j, j * k);
    r.put("m", m);
    return r;
  }

  static byte[] sync() { byte[] s = new byte[16]; for (int i = 0; i < 16; i++) s[i] = (byte) i; return s; }

  static byte[] writeMixed(Schema schema, String codec, int records, int syncInterval, int flushAfter) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(schema));
    w.setCodec(CodecFactory.fromString(codec));
    w.setSyncInterval(syncInterval);
    w.create(schema, out, sync());
    state = 42;
    for (int k = 0; k < records; k++) {
      w.append(mixed(schema, k));
      if (k + 1 == flushAfter) w.flush();
    }
    w.close();
    return out.toByteArray();
  }

  static String hex(byte[] b) { StringBuilder s = new StringBuilder(); for (byte x : b) s.append(String.format("%02x", x)); return s.toString(); }

  public static void main(String[] args) throws Exception {
    String dir = args[0];
    String[] codecs = {"null", "deflate", "snappy", "bzip2", "xz", "zstandard"};
    // A: spec 13.4
    Schema test = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"test\",\"fields\":[{\"name\":\"a\",\"type\":\"long\"},{\"name\":\"b\",\"type\":\"string\"}]}");
    for (String c : codecs) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(test));
      w.setCodec(CodecFactory.fromString(c));
      w.create(test, out, sync());
      GenericRecord r = new GenericData.Record(test);
      r.put("a", 27L); r.put("b", "foo");
      w.append(r);
      w.close();
      Files.write(Paths.get(dir, "simple-" + c + ".avro"), out.toByteArray());
    }
    // B: mixed small sync interval, with a flush after 10 records
    Schema mixed = new Schema.Parser().parse(MIXED);
    for (String c : codecs) {
      byte[] data = writeMixed(mixed, c, 120, 1024, 10);
      Files.write(Paths.get(dir, "mixed-" + c + ".avro"), data);
    }
    // C: default sync interval, big: hashes only
    for (String c : new String[]{"null", "deflate"}) {
      byte[] data = writeMixed(mixed, c, 3000, 64000, -1);
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      System.out.println("big " + c + " " + data.length + " " + hex(md.digest(data)));
    }
    // D: extra metadata
    for (int n : new int[]{1, 3, 11, 12, 20}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(test));
      w.setCodec(CodecFactory.fromString("deflate"));
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < n; i++) keys.add(i % 4 == 1 ? "sluice.\u00e9" + i : i % 4 == 2 ? "Aa" + i : "k" + i);
      for (String k : keys) w.setMeta(k, "v" + k);
      w.create(test, out, sync());
      w.close();
      Files.write(Paths.get(dir, "metadata-" + n + ".avro"), out.toByteArray());
    }
    // E: HashMap order of colliding keys ("Aa" and "BB" share a hash)
    List<String> coll = new ArrayList<>();
    for (String a : new String[]{"Aa", "BB"}) for (String b : new String[]{"Aa", "BB"}) for (String c : new String[]{"Aa", "BB"}) for (String d : new String[]{"Aa", "BB"}) coll.add(a + b + c + d);
    coll.add("x"); coll.add("y");
    Map<String, String> hm = new HashMap<>();
    for (String k : coll) hm.put(k, k);
    System.out.println("hashmap " + String.join(",", coll) + " " + String.join(",", hm.keySet()));
  }
}
