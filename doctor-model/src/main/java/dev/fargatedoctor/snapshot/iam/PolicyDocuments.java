package dev.fargatedoctor.snapshot.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Decodes IAM policy documents. IAM sends them URL-encoded (RFC 3986); some APIs and emulators send
 * plain JSON. Only encoded text is URL-decoded: decoding plain JSON would turn '+' into a space.
 */
public final class PolicyDocuments {
  private PolicyDocuments() {}

  /** The document as JSON, or as a text node holding the decoded text when it is not valid JSON. */
  public static JsonNode decode(String raw) {
    if (raw == null) return null;
    String text = raw.stripLeading().startsWith("{") ? raw : urlDecode(raw);
    try {
      // Content after the document, or no document at all, is not valid JSON either.
      JsonNode doc =
          SnapshotJson.mapper()
              .reader()
              .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .readTree(text);
      return doc == null || doc.isMissingNode() ? TextNode.valueOf(text) : doc;
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(text);
    }
  }

  private static String urlDecode(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformedEscape) {
      return raw;
    }
  }
}
