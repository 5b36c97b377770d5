// Prints the kLocales table of src/sink/locale_names.cc: month, weekday, AM/PM and era text as
// joda-time 2.13.1 prints it on OpenJDK 17 for `new Locale(language)`.
//   java -cp $JAR:. GenLocales root en fr de es it pt nl ko ja zh ru sv pl da fi nb no tr cs
import org.joda.time.*;
import org.joda.time.format.*;
import java.util.*;
public class GenLocales {
  static String q(String s) { return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""; }
  static String row(Locale loc, String pat, DateTime[] ts) {
    DateTimeFormatter f = DateTimeFormat.forPattern(pat).withLocale(loc).withZone(DateTimeZone.UTC);
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < ts.length; i++) { if (i > 0) sb.append(", "); sb.append(q(f.print(ts[i]))); }
    return sb.append("}").toString();
  }
  public static void main(String[] a) {
    DateTime[] months = new DateTime[12];
    for (int m = 1; m <= 12; m++) months[m-1] = new DateTime(2024, m, 1, 0, 0, DateTimeZone.UTC);
    DateTime[] days = new DateTime[7];  // 2024-01-01 is a Monday
    for (int d = 0; d < 7; d++) days[d] = new DateTime(2024, 1, 1 + d, 0, 0, DateTimeZone.UTC);
    DateTime[] half = { new DateTime(2024,1,1,1,0,DateTimeZone.UTC), new DateTime(2024,1,1,13,0,DateTimeZone.UTC) };
    DateTime[] eras = { new DateTime(-5,1,1,1,0,DateTimeZone.UTC), new DateTime(2024,1,1,13,0,DateTimeZone.UTC) };
    for (String l : a) {
      Locale loc = new Locale(l.equals("root") ? "" : l);
      System.out.println("    {" + q(l) + ",");
      System.out.println("     " + row(loc, "MMMM", months) + ",");
      System.out.println("     " + row(loc, "MMM", months) + ",");
      System.out.println("     " + row(loc, "EEEE", days) + ",");
      System.out.println("     " + row(loc, "EEE", days) + ",");
      System.out.println("     " + row(loc, "a", half) + ",");
      System.out.println("     " + row(loc, "G", eras) + "},");
    }
  }
}
