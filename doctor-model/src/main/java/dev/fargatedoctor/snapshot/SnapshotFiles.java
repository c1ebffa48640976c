package dev.fargatedoctor.snapshot;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes snapshot files: JSON, or gzip-compressed JSON (recognised by content, not by
 * name). A file, a pipe ({@code --snapshot <(zcat s.json.gz)}) and {@code -} for standard input are
 * all read; every input is bounded by an {@link InputLimit} and the parser's read constraints.
 */
public final class SnapshotFiles {
  /** The name {@code -} stands for standard input. */
  public static final String STDIN = "-";

  private SnapshotFiles() {}

  public static Snapshot read(Path file) {
    return read(file, InputLimit.DEFAULT);
  }

  public static Snapshot read(Path file, InputLimit limit) {
    String name = STDIN.equals(file.toString()) ? "stdin" : file.toString();
    if (!isStream(file)) return readFile(file, name, limit);
    // A pipe can be read once; the schema check and the binding each read the input, so it is
    // kept in a private temporary file first (bounded by the same limit).
    Path copy = spool(file, name, limit);
    try {
      return readFile(copy, name, limit);
    } finally {
      try {
        Files.deleteIfExists(copy);
      } catch (IOException ignored) {
        // a temporary file left behind is the OS's to clean
      }
    }
  }

  private static Snapshot readFile(Path file, String name, InputLimit limit) {
    checkSchema(file, name, limit);
    try (InputStream in = open(file, limit);
        JsonParser p = SnapshotJson.mapper().createParser(in)) {
      Snapshot s = SnapshotJson.mapper().readValue(p, Snapshot.class);
      if (p.nextToken() != null) {
        throw new InvalidInputException(
            name,
            p.currentLocation().getLineNr(),
            p.currentLocation().getColumnNr(),
            "unexpected content after the snapshot document");
      }
      RequiredFields.check(s, name);
      return s;
    } catch (JsonProcessingException e) {
      // Databind wraps a read failure met while binding (gzip data ending early) with the JSON
      // path.
      if (e.getCause() instanceof IOException io && !(io instanceof JsonProcessingException)) {
        throw refused(name, io);
      }
      throw InvalidInputException.fromJson(name, e);
    } catch (IOException e) {
      throw refused(name, e);
    }
  }

  private static boolean isStream(Path file) {
    return STDIN.equals(file.toString())
        || (Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file));
  }

  private static Path spool(Path file, String name, InputLimit limit) {
    Path copy = null;
    try {
      copy = Files.createTempFile("fargate-doctor-input", ".tmp");
      try (InputStream raw =
              STDIN.equals(file.toString()) ? System.in : Files.newInputStream(file);
          InputStream in = limit.bound(raw);
          var out = Files.newOutputStream(copy)) {
        in.transferTo(out);
      }
      return copy;
    } catch (IOException e) {
      if (copy != null) copy.toFile().delete();
      throw refused(name, e);
    }
  }

  public static void write(Snapshot snapshot, Path file) throws IOException {
    boolean gzip = file.getFileName().toString().endsWith(".gz");
    // Jackson closes the stream it wrote, which also finishes the gzip trailer; AtomicFiles then
    // renames the complete file into place.
    AtomicFiles.write(
        file,
        out -> SnapshotJson.mapper().writeValue(gzip ? new GZIPOutputStream(out) : out, snapshot));
  }

  /**
   * Opens a file, unwrapping gzip when the content starts with the gzip magic bytes; what it gives
   * is bounded by the limit (counted after decompression).
   */
  public static InputStream open(Path file, InputLimit limit) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file));
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    return limit.bound((b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(in, 64 * 1024) : in);
  }

  /** Opens a file with the default limit. */
  public static InputStream open(Path file) throws IOException {
    return open(file, InputLimit.DEFAULT);
  }

  // A streaming look at the top-level "schema" field, so a foreign JSON file gets a clear message
  // instead of a binding error deep inside it. Errors point at the schema value, or at the object
  // that lacks one. It then streams through the rest: input past a limit (size, nesting, a string
  // or number too long) is refused here, in constant memory, before anything is bound.
  private static void checkSchema(Path file, String name, InputLimit limit) {
    try (InputStream in = open(file, limit);
        JsonParser p = SnapshotJson.mapper().createParser(in)) {
      try {
        checkSchema(p, name);
      } catch (StreamConstraintsException e) {
        // a read limit's error has no position; the parser knows where it stopped
        throw InvalidInputException.fromJson(name, e, p.currentLocation());
      }
    } catch (JsonProcessingException e) {
      throw InvalidInputException.fromJson(name, e);
    } catch (IOException e) {
      throw refused(name, e);
    }
  }

  private static void checkSchema(JsonParser p, String name) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new InvalidInputException(
          name,
          p.currentLocation().getLineNr(),
          p.currentLocation().getColumnNr(),
          "not a Fargate Doctor snapshot: expected a JSON object");
    }
    JsonLocation object = p.currentTokenLocation();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("schema".equals(field) && value == JsonToken.VALUE_STRING) {
        String schema = p.getText();
        if (Snapshot.SCHEMA.equals(schema)) {
          while (p.nextToken() != null) p.skipChildren();
          return;
        }
        JsonLocation at = p.currentTokenLocation();
        throw new InvalidInputException(
            name,
            at.getLineNr(),
            at.getColumnNr(),
            "unsupported snapshot schema \""
                + schema
                + "\" (this version reads \""
                + Snapshot.SCHEMA
                + "\")");
      }
      p.skipChildren();
    }
    throw new InvalidInputException(
        name,
        object.getLineNr(),
        object.getColumnNr(),
        "not a Fargate Doctor snapshot: no top-level \"schema\" field (expected \""
            + Snapshot.SCHEMA
            + "\"; for aws-CLI output use --aws-cli-dir)");
  }

  /** The bad-input error for a file that could not be read, or was refused for its size. */
  public static InvalidInputException refused(String file, IOException e) {
    if (e instanceof JsonProcessingException json)
      return InvalidInputException.fromJson(file, json);
    if (e instanceof InputLimit.TooLarge)
      return new InvalidInputException(file, -1, -1, e.getMessage());
    if (e instanceof NoSuchFileException)
      return new InvalidInputException(file, -1, -1, "no such file");
    if (e instanceof ZipException || e instanceof java.io.EOFException) {
      return new InvalidInputException(
          file, -1, -1, "truncated or corrupt gzip data: " + e.getMessage());
    }
    return new InvalidInputException(file, -1, -1, "cannot read: " + e.getMessage());
  }
}
