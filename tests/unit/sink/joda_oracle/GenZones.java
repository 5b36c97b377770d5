// Prints the kZoneNames table of src/sink/locale_names.cc: z / zzzz names of common zones in
// English and in the JDK root locale, as joda-time 2.13.1 prints them on OpenJDK 17.
//   java -cp $JAR:. GenZones en root
import org.joda.time.*;
import org.joda.time.format.*;
import java.util.*;
public class GenZones {
  static String q(String s) { return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""; }
  public static void main(String[] a) {
    String[] zones = {"UTC","Etc/UTC","Etc/GMT","Europe/London","Europe/Dublin","Europe/Lisbon","Europe/Paris","Europe/Berlin","Europe/Madrid","Europe/Rome","Europe/Amsterdam","Europe/Brussels","Europe/Zurich","Europe/Vienna","Europe/Stockholm","Europe/Oslo","Europe/Copenhagen","Europe/Warsaw","Europe/Prague","Europe/Budapest","Europe/Helsinki","Europe/Athens","Europe/Bucharest","Europe/Kyiv","Europe/Istanbul","Europe/Moscow","America/New_York","America/Chicago","America/Denver","America/Phoenix","America/Los_Angeles","America/Anchorage","Pacific/Honolulu","America/Toronto","America/Vancouver","America/Mexico_City","America/Sao_Paulo","America/Argentina/Buenos_Aires","America/Bogota","America/Lima","America/Santiago","Asia/Tokyo","Asia/Seoul","Asia/Shanghai","Asia/Hong_Kong","Asia/Taipei","Asia/Singapore","Asia/Kolkata","Asia/Dubai","Asia/Jakarta","Asia/Bangkok","Asia/Manila","Asia/Jerusalem","Australia/Sydney","Australia/Melbourne","Australia/Brisbane","Australia/Adelaide","Australia/Perth","Pacific/Auckland","Africa/Johannesburg","Africa/Cairo","Africa/Lagos","Africa/Nairobi","America/St_Johns","America/Halifax","Asia/Karachi","Asia/Kathmandu","Asia/Dhaka","Asia/Ho_Chi_Minh","Asia/Riyadh","Asia/Tehran","America/Caracas","America/Montevideo","Atlantic/Reykjavik","Pacific/Fiji"};
    long jan = new DateTime(2024,1,15,12,0,DateTimeZone.UTC).getMillis();
    long jul = new DateTime(2024,7,15,12,0,DateTimeZone.UTC).getMillis();
    for (String l : a) {
      Locale loc = new Locale(l.equals("root") ? "" : l);
      for (String z : zones) {
        DateTimeZone tz = DateTimeZone.forID(z);
        if (!tz.getID().equals(z)) throw new RuntimeException(z + " is " + tz.getID());
        long std = tz.isStandardOffset(jan) ? jan : jul;
        long dst = tz.isStandardOffset(jan) ? jul : jan;
        DateTimeFormatter s = DateTimeFormat.forPattern("z").withZone(tz).withLocale(loc);
        DateTimeFormatter f = DateTimeFormat.forPattern("zzzz").withZone(tz).withLocale(loc);
        boolean hasDst = !tz.isStandardOffset(dst);
        System.out.println("    {" + q(l) + ", " + q(z) + ", " + q(s.print(std)) + ", " + q(f.print(std)) + ", " +
          (hasDst ? q(s.print(dst)) + ", " + q(f.print(dst)) : "\"\", \"\"") + "},");
      }
    }
  }
}
