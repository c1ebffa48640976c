package dev.fargatedoctor.check;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value that people and scripts read differently. Evidence shows {@link #shown()} ("92.3 %", "3 h
 * 12 min"); facts hold {@link #value()} (a number, a boolean, an ISO time, a list or an object with
 * camelCase keys) under a key ending with {@link #keySuffix()}. A check hands the builder one typed
 * value and gets both, so it never states a number twice.
 *
 * <p>Besides facts, the builder understands plain values: numbers, strings, booleans, {@link
 * Duration} (shown "3 h 12 min", held as seconds under a key ending {@code Seconds}), {@link
 * Instant} (ISO-8601 both ways), and lists and maps of them.
 */
public interface Fact {
  /** What the evidence shows: text, a number, or a list or map of them. */
  Object shown();

  /** What facts hold; null leaves the fact out while the evidence still shows {@link #shown()}. */
  Object value();

  /** The suffix of the fact's key ("Percent", "Seconds"), or "" for a plain count or text. */
  default String keySuffix() {
    return "";
  }

  /** Shown one way, held another: an escape hatch for values no other factory fits. */
  static Fact of(Object shown, Object value) {
    return new Shown(shown, value, "");
  }

  /** A switch shown as a word ("enabled") and held as a boolean. */
  static Fact flag(boolean on, String whenOn, String whenOff) {
    return new Shown(on ? whenOn : whenOff, on, "");
  }

  /** A value with a remark people need and scripts do not: "5000 (Network interfaces, applied)". */
  static Fact noted(Object value, String note) {
    Object shown = shownOf(value);
    return new Shown(
        note == null || note.isEmpty() ? shown : shown + " (" + note + ")",
        valueOf(value),
        unitOf(value));
  }

  /** One line of a list: the sentence people read, and the same facts as a small object. */
  static Fact line(String shown, Map<String, ?> value) {
    Map<String, Object> kept = new LinkedHashMap<>();
    value.forEach((k, v) -> putValue(kept, k, v));
    return new Shown(shown, kept, "");
  }

  /** {@link #line(String, Map)} with the object's members in order: key, value, key, value... */
  static Fact line(String shown, Object... keysAndValues) {
    return line(shown, object(keysAndValues));
  }

  /** An object whose members keep their order (Map.of's order changes from run to run). */
  static Map<String, Object> object(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values pair up");
    }
    Map<String, Object> value = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      value.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return value;
  }

  /** "3 h 12 min", held as seconds. */
  static Fact duration(Duration d) {
    return new Shown(Durations.human(d), d.toSeconds(), Unit.SECONDS.keySuffix());
  }

  /** What the evidence shows for a value. */
  static Object shownOf(Object v) {
    if (v instanceof Fact f) return shownOf(f.shown());
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) return d.longValue();
    if (v instanceof Duration d) return Durations.human(d);
    if (v instanceof Instant i) return Timestamps.iso(i);
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>();
      c.forEach(e -> out.add(shownOf(e)));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, e) -> out.put(k, shownOf(e)));
      return out;
    }
    return v;
  }

  /** What the facts hold for a value: JSON-ready, numbers as numbers. */
  static Object valueOf(Object v) {
    if (v instanceof Fact f) return valueOf(f.value());
    if (v instanceof Duration d) return d.toSeconds();
    if (v instanceof Instant i) return Timestamps.iso(i);
    if (v instanceof Double || v instanceof Float) return number(((Number) v).doubleValue());
    if (v instanceof Number || v instanceof Boolean || v instanceof String || v == null) return v;
    if (v instanceof Enum<?> e) return FactKeys.fromLabel(e.name());
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>();
      for (Object e : c) {
        Object value = valueOf(e);
        if (value != null) out.add(value);
      }
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, e) -> putValue(out, String.valueOf(k), e));
      return out;
    }
    return v.toString();
  }

  /** The unit a value's key ends with; a list of quantities has theirs. */
  static String unitOf(Object v) {
    if (v instanceof Fact f) return f.keySuffix();
    if (v instanceof Duration) return Unit.SECONDS.keySuffix();
    if (v instanceof Collection<?> c && !c.isEmpty()) {
      String first = unitOf(c.iterator().next());
      return c.stream().allMatch(e -> unitOf(e).equals(first)) ? first : "";
    }
    return "";
  }

  /** A number as facts hold it: whole numbers as integers, others to three decimals. */
  static Number number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) return null;
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return (long) v;
    return BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
  }

  // An object's member keeps its unit in its key, as a top-level fact does. Keys are often labels
  // ("load balancer") or AWS's names ("HTTPCode_ELB_5XX_Count"); scripts get them in camelCase.
  private static void putValue(Map<String, Object> out, String key, Object v) {
    Object value = valueOf(v);
    String camel = FactKeys.isValid(key) ? key : FactKeys.fromLabel(key);
    if (value != null) out.put(FactKeys.withUnit(camel, unitOf(v)), value);
  }

  /** A fact from its two faces. */
  record Shown(Object shown, Object value, String keySuffix) implements Fact {
    @Override
    public String toString() {
      return String.valueOf(shownOf(shown));
    }
  }
}
