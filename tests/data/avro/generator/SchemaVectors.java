import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import org.apache.avro.*;
import com.fasterxml.jackson.databind.*;
import com.fasterxml.jackson.databind.node.*;

public class SchemaVectors {
  public static void main(String[] args) throws Exception {
    String text = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8);
    ObjectMapper m = new ObjectMapper();
    String[] cases = text.split("\n%%\n");
    try (Writer out = new OutputStreamWriter(new FileOutputStream(args[1]), StandardCharsets.UTF_8)) {
      for (String c : cases) {
        String input = c.strip();
        if (input.isEmpty()) continue;
        ObjectNode n = m.createObjectNode();
        n.put("input", input);
        try {
          Schema s = new Schema.Parser().parse(input);
          n.put("ok", true);
          n.put("java", s.toString());
          n.put("canonical", SchemaNormalization.toParsingForm(s));
          n.put("fp64", Long.toHexString(SchemaNormalization.parsingFingerprint64(s)));
          LogicalType lt = s.getLogicalType();
          n.put("logical", lt == null ? "" : lt.getName());
        } catch (Throwable e) {
          n.put("ok", false);
          n.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        out.write(m.writeValueAsString(n));
        out.write("\n");
      }
    }
  }
}
