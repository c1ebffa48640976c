package dev.fargatedoctor.agent.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict RFC 8259 JSON reader, so the agent needs no third-party library.
 *
 * <p>Objects become {@code Map<String, Object>} (insertion ordered, unmodifiable), arrays {@code
 * List<Object>}, strings {@code String}, numbers {@code Long} when integral and in range, otherwise
 * {@code BigDecimal}, and {@code true}/{@code false}/{@code null} map to {@code Boolean}/{@code
 * null}. Anything else - trailing data, duplicate keys, leading zeros, raw control characters, lone
 * surrogates, nesting deeper than {@link #MAX_DEPTH}, numbers longer than {@link
 * #MAX_NUMBER_LENGTH} or beyond BigDecimal's range - is a {@link JsonException} naming the offset.
 */
public final class Json {

  public static final int MAX_DEPTH = 64;

  /** Longer number literals are refused rather than parsed. */
  public static final int MAX_NUMBER_LENGTH = 1000;

  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  public static Object parse(String text) {
    if (text == null) {
      throw new JsonException("no JSON text", 0);
    }
    Json json = new Json(text);
    json.skipWhitespace();
    Object value = json.readValue(0);
    json.skipWhitespace();
    if (json.pos != text.length()) {
      throw new JsonException("unexpected data after the JSON value", json.pos);
    }
    return value;
  }

  /** Parses text whose top level must be an object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object value = parse(text);
    if (!(value instanceof Map)) {
      throw new JsonException("expected a JSON object at the top level", 0);
    }
    return (Map<String, Object>) value;
  }

  private Object readValue(int depth) {
    if (depth > MAX_DEPTH) {
      throw new JsonException("nesting deeper than " + MAX_DEPTH, pos);
    }
    if (pos >= text.length()) {
      throw new JsonException("unexpected end of input", pos);
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return readObject(depth);
      case '[':
        return readArray(depth);
      case '"':
        return readString();
      case 't':
        return readLiteral("true", Boolean.TRUE);
      case 'f':
        return readLiteral("false", Boolean.FALSE);
      case 'n':
        return readLiteral("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return readNumber();
        }
        throw new JsonException("unexpected character '" + printable(c) + "'", pos);
    }
  }

  private Map<String, Object> readObject(int depth) {
    pos++; // '{'
    Map<String, Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return Collections.unmodifiableMap(map);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw new JsonException("expected a string key", pos);
      }
      int keyAt = pos;
      String key = readString();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Object value = readValue(depth + 1);
      if (map.containsKey(key)) {
        throw new JsonException("duplicate key \"" + key + "\"", keyAt);
      }
      map.put(key, value);
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        pos++;
      } else if (c == '}') {
        pos++;
        return Collections.unmodifiableMap(map);
      } else {
        throw new JsonException("expected ',' or '}'", pos);
      }
    }
  }

  private List<Object> readArray(int depth) {
    pos++; // '['
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return Collections.unmodifiableList(list);
    }
    while (true) {
      skipWhitespace();
      list.add(readValue(depth + 1));
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        pos++;
      } else if (c == ']') {
        pos++;
        return Collections.unmodifiableList(list);
      } else {
        throw new JsonException("expected ',' or ']'", pos);
      }
    }
  }

  private String readString() {
    int start = pos;
    pos++; // opening quote
    StringBuilder sb = null;
    int runStart = pos;
    while (true) {
      if (pos >= text.length()) {
        throw new JsonException("unterminated string", start);
      }
      char c = text.charAt(pos);
      if (c == '"') {
        String result =
            sb == null ? text.substring(runStart, pos) : sb.append(text, runStart, pos).toString();
        pos++;
        return result;
      }
      if (c < 0x20) {
        throw new JsonException("raw control character in string", pos);
      }
      if (Character.isSurrogate(c)) {
        checkSurrogatePair(c, pos);
        pos += Character.isHighSurrogate(c) ? 2 : 1;
        continue;
      }
      if (c == '\\') {
        if (sb == null) {
          sb = new StringBuilder();
        }
        sb.append(text, runStart, pos);
        pos++;
        if (pos >= text.length()) {
          throw new JsonException("unterminated escape", pos);
        }
        char e = text.charAt(pos);
        switch (e) {
          case '"':
            sb.append('"');
            break;
          case '\\':
            sb.append('\\');
            break;
          case '/':
            sb.append('/');
            break;
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          case 'n':
            sb.append('\n');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'u':
            char unit = readHex4(pos + 1);
            pos += 4;
            if (Character.isHighSurrogate(unit)) {
              // pos is on the last hex digit; the pair must follow as backslash-u XXXX
              if (pos + 6 >= text.length()
                  || text.charAt(pos + 1) != '\\'
                  || text.charAt(pos + 2) != 'u') {
                throw new JsonException("lone high surrogate escape", pos);
              }
              char low = readHex4(pos + 3);
              if (!Character.isLowSurrogate(low)) {
                throw new JsonException("lone high surrogate escape", pos);
              }
              sb.append(unit).append(low);
              pos += 6;
            } else if (Character.isLowSurrogate(unit)) {
              throw new JsonException("lone low surrogate escape", pos);
            } else {
              sb.append(unit);
            }
            break;
          default:
            throw new JsonException("invalid escape '\\" + printable(e) + "'", pos);
        }
        pos++;
        runStart = pos;
        continue;
      }
      pos++;
    }
  }

  private void checkSurrogatePair(char c, int at) {
    if (Character.isLowSurrogate(c)
        || at + 1 >= text.length()
        || !Character.isLowSurrogate(text.charAt(at + 1))) {
      throw new JsonException("unpaired surrogate in string", at);
    }
  }

  private char readHex4(int at) {
    if (at + 4 > text.length()) {
      throw new JsonException("truncated \\u escape", at);
    }
    int value = 0;
    for (int i = at; i < at + 4; i++) {
      int digit = Character.digit(text.charAt(i), 16);
      if (digit < 0) {
        throw new JsonException("invalid hex digit in \\u escape", i);
      }
      value = value * 16 + digit;
    }
    return (char) value;
  }

  private Object readNumber() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
      if (isDigit(peek())) {
        throw new JsonException("leading zero in number", start);
      }
    } else if (isDigit(peek())) {
      while (isDigit(peek())) {
        pos++;
      }
    } else {
      throw new JsonException("expected a digit", pos);
    }
    boolean integral = true;
    if (peek() == '.') {
      integral = false;
      pos++;
      if (!isDigit(peek())) {
        throw new JsonException("expected a digit after '.'", pos);
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    char e = peek();
    if (e == 'e' || e == 'E') {
      integral = false;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw new JsonException("expected a digit in exponent", pos);
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    if (pos - start > MAX_NUMBER_LENGTH) {
      // BigDecimal parses long literals in quadratic time: no document needs them.
      throw new JsonException("number longer than " + MAX_NUMBER_LENGTH + " characters", start);
    }
    String literal = text.substring(start, pos);
    if (integral && literal.length() <= 19) {
      try {
        return Long.parseLong(literal);
      } catch (NumberFormatException tooBig) {
        // falls through to BigDecimal
      }
    }
    try {
      return new BigDecimal(literal);
    } catch (NumberFormatException exponentOutOfRange) {
      // Found by JsonFuzzTest: "1e" followed by an exponent beyond an int.
      throw new JsonException("number out of range", start);
    }
  }

  private Object readLiteral(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw new JsonException("invalid literal", pos);
    }
    pos += word.length();
    return value;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw new JsonException("expected '" + c + "'", pos);
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        return;
      }
    }
  }

  private static String printable(char c) {
    return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }
}
