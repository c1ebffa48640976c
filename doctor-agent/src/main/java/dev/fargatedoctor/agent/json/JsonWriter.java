package dev.fargatedoctor.agent.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Streaming JSON writer for the agent's outputs (endpoints, EMF lines, warnings).
 *
 * <p>Writes compact JSON by default, or indented with {@link #pretty()}. Commas and nesting are
 * tracked so callers cannot produce invalid documents; non-finite doubles become {@code null}.
 */
public final class JsonWriter {

  private final StringBuilder out;
  private final boolean pretty;
  // true = the container at this level already has an element (a comma is needed before the next)
  private final Deque<Boolean> hasElement = new ArrayDeque<>();
  // '}' or ']' for each open container, innermost first
  private final Deque<Character> closers = new ArrayDeque<>();
  private boolean afterName;

  private JsonWriter(boolean pretty) {
    this.out = new StringBuilder(256);
    this.pretty = pretty;
  }

  public static JsonWriter compact() {
    return new JsonWriter(false);
  }

  public static JsonWriter pretty() {
    return new JsonWriter(true);
  }

  public JsonWriter beginObject() {
    beforeValue();
    out.append('{');
    hasElement.push(Boolean.FALSE);
    closers.push('}');
    return this;
  }

  public JsonWriter endObject() {
    return close('}');
  }

  public JsonWriter beginArray() {
    beforeValue();
    out.append('[');
    hasElement.push(Boolean.FALSE);
    closers.push(']');
    return this;
  }

  public JsonWriter endArray() {
    return close(']');
  }

  public JsonWriter name(String name) {
    if (closers.isEmpty() || closers.peek() != '}' || afterName) {
      throw new IllegalStateException("name outside an object: " + name);
    }
    separate();
    quote(name);
    out.append(pretty ? ": " : ":");
    afterName = true;
    return this;
  }

  public JsonWriter value(String value) {
    if (value == null) {
      return nullValue();
    }
    beforeValue();
    quote(value);
    return this;
  }

  public JsonWriter value(long value) {
    beforeValue();
    out.append(value);
    return this;
  }

  public JsonWriter value(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return nullValue();
    }
    beforeValue();
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      out.append((long) value);
    } else {
      out.append(value);
    }
    return this;
  }

  public JsonWriter value(boolean value) {
    beforeValue();
    out.append(value);
    return this;
  }

  public JsonWriter nullValue() {
    beforeValue();
    out.append("null");
    return this;
  }

  // Convenience members for the common name/value pairs.
  public JsonWriter field(String name, String value) {
    return name(name).value(value);
  }

  public JsonWriter field(String name, long value) {
    return name(name).value(value);
  }

  public JsonWriter field(String name, double value) {
    return name(name).value(value);
  }

  public JsonWriter field(String name, boolean value) {
    return name(name).value(value);
  }

  /** Writes a String, Number, Boolean, null, List or Map (with String keys) recursively. */
  public JsonWriter any(Object value) {
    if (value == null) {
      return nullValue();
    }
    if (value instanceof String) {
      return value((String) value);
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return value(((Number) value).longValue());
    }
    if (value instanceof Number) {
      return value(((Number) value).doubleValue());
    }
    if (value instanceof Boolean) {
      return value((boolean) (Boolean) value);
    }
    if (value instanceof java.util.Map) {
      beginObject();
      for (java.util.Map.Entry<?, ?> e : ((java.util.Map<?, ?>) value).entrySet()) {
        name(String.valueOf(e.getKey()));
        any(e.getValue());
      }
      return endObject();
    }
    if (value instanceof Iterable) {
      beginArray();
      for (Object item : (Iterable<?>) value) {
        any(item);
      }
      return endArray();
    }
    return value(value.toString());
  }

  /** Writes the field only when value is non-null. */
  public JsonWriter optional(String name, Object value) {
    if (value == null) {
      return this;
    }
    name(name);
    if (value instanceof Long || value instanceof Integer) {
      return value(((Number) value).longValue());
    }
    if (value instanceof Number) {
      return value(((Number) value).doubleValue());
    }
    if (value instanceof Boolean) {
      return value((Boolean) value);
    }
    return value(value.toString());
  }

  @Override
  public String toString() {
    if (!hasElement.isEmpty()) {
      throw new IllegalStateException("unclosed JSON container");
    }
    return out.toString();
  }

  private JsonWriter close(char bracket) {
    if (closers.isEmpty() || closers.peek() != bracket || afterName) {
      throw new IllegalStateException("unbalanced '" + bracket + "'");
    }
    closers.pop();
    boolean had = hasElement.pop();
    if (pretty && had) {
      newline();
    }
    out.append(bracket);
    return this;
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (!closers.isEmpty() && closers.peek() == '}') {
      throw new IllegalStateException("a value in an object needs a name first");
    }
    if (!hasElement.isEmpty()) {
      separate();
    } else if (out.length() > 0) {
      throw new IllegalStateException("only one top-level JSON value");
    }
  }

  private void separate() {
    if (hasElement.peek()) {
      out.append(',');
    }
    hasElement.pop();
    hasElement.push(Boolean.TRUE);
    if (pretty) {
      newline();
    }
  }

  private void newline() {
    out.append('\n');
    for (int i = 0; i < hasElement.size(); i++) {
      out.append("  ");
    }
  }

  private void quote(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          // Escape C0 and C1 controls and DEL (a terminal showing the JSON must not act on them),
          // and U+2028/2029 so output is safe to paste into JavaScript too.
          if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
