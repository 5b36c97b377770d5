import java.util.*;
public class HashMapOrder {
  public static void main(String[] a) {
    List<String> coll = new ArrayList<>();
    for (String p : new String[]{"Aa", "BB"}) for (String q : new String[]{"Aa", "BB"}) for (String r : new String[]{"Aa", "BB"}) for (String s : new String[]{"Aa", "BB"}) coll.add(p + q + r + s);
    for (int n : new int[]{8, 9, 10}) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 14; i++) { keys.add("key" + i); if (i < n) keys.add(coll.get(i)); }
      keys.add("z\u00e9\ud83d\ude00");
      Map<String, String> hm = new HashMap<>();
      for (String k : keys) hm.put(k, k);
      System.out.println(String.join(",", keys) + " " + String.join(",", hm.keySet()));
    }
  }
}
