package dev.fargatedoctor.snapshot;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
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
 * name).
 */
public final class SnapshotFiles {
  private SnapshotFiles() {}

  public static Snapshot read(Path file) {
    checkSchema(file);
    try (InputStream in = open(file);
        JsonParser p = SnapshotJson.mapper().createParser(in)) {
      Snapshot s = SnapshotJson.mapper().readValue(p, Snapshot.class);
      if (p.nextToken() != null) {
        throw new InvalidInputException(
            file.toString(),
            p.currentLocation().getLineNr(),
            p.currentLocation().getColumnNr(),
            "unexpected content after the snapshot document");
      }
      return s;
    } catch (JsonProcessingException e) {
      // Databind wraps a read failure met while binding (gzip data ending early) with the JSON
      // path.
      if (e.getCause() instanceof IOException io && !(io instanceof JsonProcessingException)) {
        throw unreadable(file, io);
      }
      throw InvalidInputException.fromJson(file, e);
    } catch (IOException e) {
      throw unreadable(file, e);
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

  /** Opens a file, unwrapping gzip when the content starts with the gzip magic bytes. */
  public static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file));
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    return (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(in) : in;
  }

  // A streaming look at the top-level "schema" field, so a foreign JSON file gets a clear message
  // instead of a binding error deep inside it. Errors point at the schema value, or at the object
  // that lacks one.
  private static void checkSchema(Path file) {
    try (InputStream in = open(file);
        JsonParser p = SnapshotJson.mapper().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidInputException(
            file.toString(),
            p.currentLocation().getLineNr(),
            p.currentLocation().getColumnNr(),
            "not a Fargate Doctor snapshot: expected a JSON object");
      }
      JsonLocation object = p.currentTokenLocation();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("schema".equals(name) && value == JsonToken.VALUE_STRING) {
          String schema = p.getText();
          if (Snapshot.SCHEMA.equals(schema)) return;
          JsonLocation at = p.currentTokenLocation();
          throw new InvalidInputException(
              file.toString(),
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
          file.toString(),
          object.getLineNr(),
          object.getColumnNr(),
          "not a Fargate Doctor snapshot: no top-level \"schema\" field (expected \""
              + Snapshot.SCHEMA
              + "\"; for aws-CLI output use --aws-cli-dir)");
    } catch (StreamReadException e) {
      throw InvalidInputException.fromJson(file, e);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static InvalidInputException unreadable(Path file, IOException e) {
    if (e instanceof NoSuchFileException) return new InvalidInputException(file, "no such file");
    if (e instanceof ZipException || e instanceof java.io.EOFException) {
      return new InvalidInputException(file, "truncated or corrupt gzip data: " + e.getMessage());
    }
    return new InvalidInputException(file, "cannot read: " + e.getMessage());
  }
}
