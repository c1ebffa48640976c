package dev.fargatedoctor.check;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Fact keys are lowerCamelCase words, acronyms written as words ({@code freeIps}, {@code
 * natGatewayAz}), ending with their unit: what {@code jq} and every JSON binding read without
 * quoting.
 */
final class FactKeys {
  private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9]*(?:[A-Z][a-z0-9]+)*[A-Z]?");
  private static final Pattern HUMP = Pattern.compile("[a-z]+[A-Z][a-z].*");

  private FactKeys() {}

  public static boolean isValid(String key) {
    return key != null && VALID.matcher(key).matches();
  }

  /** "free IPs left at the peak" becomes {@code freeIpsLeftAtThePeak}. */
  public static String fromLabel(String label) {
    StringBuilder key = new StringBuilder();
    for (String word : label.replace("'", "").split("[^A-Za-z0-9]+")) {
      if (word.isEmpty()) continue;
      String w = HUMP.matcher(word).matches() ? word : word.toLowerCase(Locale.ROOT);
      if (key.isEmpty()) key.append(Character.toLowerCase(w.charAt(0))).append(w.substring(1));
      else if (w.length() == 1) key.append(w); // "private-a" stays one hump: privatea
      else key.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
    }
    if (key.isEmpty() || !Character.isLetter(key.charAt(0))) key.insert(0, "value");
    return key.toString();
  }

  /** The key with its unit at the end, unless it already ends with it. */
  public static String withUnit(String key, String unit) {
    return unit.isEmpty() || key.endsWith(unit) ? key : key + unit;
  }
}
