package dev.fargatedoctor.agent.json;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Typed, null-tolerant look-ups on what {@link Json} returns; a wrong type reads as absent. */
public final class JsonValues {

  private JsonValues() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Object container, String key) {
    Object value = get(container, key);
    return value instanceof Map ? (Map<String, Object>) value : null;
  }

  @SuppressWarnings("unchecked")
  public static List<Object> array(Object container, String key) {
    Object value = get(container, key);
    return value instanceof List ? (List<Object>) value : null;
  }

  public static String string(Object container, String key) {
    Object value = get(container, key);
    return value instanceof String ? (String) value : null;
  }

  /** A whole number (also accepts integral decimals such as 512.0); null if absent or not one. */
  public static Long whole(Object container, String key) {
    Object value = get(container, key);
    if (value instanceof Long) {
      return (Long) value;
    }
    if (value instanceof BigDecimal) {
      BigDecimal decimal = (BigDecimal) value;
      try {
        return decimal.longValueExact();
      } catch (ArithmeticException notWholeOrTooBig) {
        return null;
      }
    }
    return null;
  }

  public static Double decimal(Object container, String key) {
    Object value = get(container, key);
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    return null;
  }

  private static Object get(Object container, String key) {
    if (container instanceof Map) {
      return ((Map<?, ?>) container).get(key);
    }
    return null;
  }
}
