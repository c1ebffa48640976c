package dev.fargatedoctor.snapshot;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.nio.file.Path;

/**
 * Input that cannot be used: a broken snapshot, an unknown or wrong aws-CLI dump, a malformed file.
 * The message always names the file and, when known, the line and column; the CLI exits 2 on it.
 */
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final long column;

  public InvalidInputException(String file, long line, long column, String message) {
    super(format(file, line, column, message));
    this.file = file;
    this.line = line;
    this.column = column;
  }

  public InvalidInputException(Path file, String message) {
    this(file.toString(), -1, -1, message);
  }

  /** Wraps a Jackson error, keeping its position and the JSON path where binding failed. */
  public static InvalidInputException fromJson(Path file, JsonProcessingException e) {
    return fromJson(file.toString(), e);
  }

  /** As {@link #fromJson(Path, JsonProcessingException)}, for an input named otherwise (stdin). */
  public static InvalidInputException fromJson(String file, JsonProcessingException e) {
    return fromJson(file, e, e.getLocation());
  }

  /**
   * As {@link #fromJson(String, JsonProcessingException)}, at a location the error lacks (a read
   * limit reports none; the parser knows where it stopped).
   */
  public static InvalidInputException fromJson(
      String file, JsonProcessingException e, JsonLocation loc) {
    String what = e.getOriginalMessage();
    if (e instanceof StreamConstraintsException) {
      // Jackson names its own setting; the reader wants the limit
      what = what.replaceAll(", from `StreamReadConstraints\\.[A-Za-z]+\\(\\)`", "") + ": refused";
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      what = what + " (at " + jsonPath(m) + ")";
    }
    return new InvalidInputException(
        file, loc == null ? -1 : loc.getLineNr(), loc == null ? -1 : loc.getColumnNr(), what);
  }

  private static String jsonPath(JsonMappingException m) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : m.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) sb.append('.');
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  // The message quotes what it rejects (a schema value, a token, a file name): shown escaped.
  private static String format(String file, long line, long column, String message) {
    StringBuilder sb = new StringBuilder(SafeText.plain(file));
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) sb.append(':').append(column);
    }
    return sb.append(": ").append(SafeText.plain(message)).toString();
  }

  public String file() {
    return file;
  }

  public long line() {
    return line;
  }

  public long column() {
    return column;
  }
}
