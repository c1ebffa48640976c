package dev.fargatedoctor.check.ecs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fargatedoctor.check.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The catalogue of ECS's failure messages, read from {@code messages.yaml}: which cause each
 * message form means, in order (the first entry that matches wins, so specific forms precede the
 * general form of their family), with the documented error families an unknown message can still be
 * placed in.
 */
final class MessageCatalogue {
  static final String RESOURCE = "/messages.yaml";

  /** Where a task runs, for entries whose meaning depends on it. Either part may be unknown. */
  record Scope(String region, String account) {
    static final Scope UNKNOWN = new Scope(null, null);

    /** The Region and account of an ARN (a task's or a service's). */
    static Scope of(String arn) {
      if (arn == null || !arn.startsWith("arn:")) return UNKNOWN;
      String[] parts = arn.split(":", 6);
      return parts.length < 5 ? UNKNOWN : new Scope(blankToNull(parts[3]), blankToNull(parts[4]));
    }
  }

  // An error a service event quotes: "failed to launch a task with (error ...)" or "was unable to
  // place a task. Reason: ...".
  private static final Pattern EMBEDDED =
      Pattern.compile(
          "failed to launch a task with \\(error (.*)\\)\\.?$|was unable to place a task\\. Reason: (.*)$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  // Words of a failure, for event messages no entry knows.
  private static final Pattern FAILURE_WORDS =
      Pattern.compile(
          "unable|fail|error|unhealthy|not healthy|throttl|denied|exceeded|cannot|can't",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private static final class Holder {
    static final MessageCatalogue INSTANCE = load();
  }

  private final int version;
  private final List<ErrorFamily> families;
  private final List<MessageEntry> entries;
  private final List<Unclassified> unclassified;
  private final Map<String, Cause> byId = new LinkedHashMap<>();
  private final Map<String, Integer> rank = new LinkedHashMap<>();

  private MessageCatalogue(
      int version,
      List<ErrorFamily> families,
      List<MessageEntry> entries,
      List<Unclassified> unclassified) {
    this.version = version;
    this.families = List.copyOf(families);
    this.entries = List.copyOf(entries);
    this.unclassified = List.copyOf(unclassified);
    for (MessageEntry e : entries) {
      rank.put(e.id(), rank.size());
      byId.put(e.id(), e.cause());
    }
  }

  /** The catalogue shipped with this build. */
  static MessageCatalogue get() {
    return Holder.INSTANCE;
  }

  private static MessageCatalogue load() {
    try (InputStream in = MessageCatalogue.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the build");
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a catalogue document; a malformed one fails loudly, naming the entry. */
  static MessageCatalogue parse(InputStream in) throws IOException {
    ObjectMapper yaml =
        YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    Document doc = yaml.readValue(in, Document.class);
    if (!"fargate-doctor/messages/v1".equals(doc.schema())) {
      throw new IllegalArgumentException("unknown messages schema: " + doc.schema());
    }
    List<ErrorFamily> families = new ArrayList<>();
    for (FamilyDoc f : list(doc.families()))
      families.add(new ErrorFamily(f.prefix(), f.docs(), f.read()));
    List<MessageEntry> entries = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (EntryDoc e : list(doc.entries())) {
      if (e.id() == null || !ids.add(e.id())) {
        throw new IllegalArgumentException("messages entry without a unique id: " + e.id());
      }
      entries.add(entry(e));
    }
    if (!ids.contains(Cause.UNRECOGNIZED) || !ids.contains(Cause.KILLED)) {
      throw new IllegalArgumentException("messages must define 'unrecognized' and 'killed'");
    }
    return new MessageCatalogue(doc.version(), families, entries, list(doc.unclassified()));
  }

  private static MessageEntry entry(EntryDoc e) {
    Cause.Kind kind =
        switch (e.blame() == null ? "" : e.blame()) {
          case "revision" -> Cause.Kind.REVISION;
          case "environment" -> Cause.Kind.ENVIRONMENT;
          case "normal" -> Cause.Kind.NORMAL;
          case "unknown" -> Cause.Kind.UNKNOWN;
          default -> throw new IllegalArgumentException(e.id() + ": blame " + e.blame());
        };
    if (e.cause() == null || e.severity() == null || e.docs() == null) {
      throw new IllegalArgumentException(e.id() + ": cause, severity and docs are required");
    }
    Cause cause =
        new Cause(
            e.id(),
            Severity.valueOf(e.severity().toUpperCase(Locale.ROOT)),
            kind,
            e.cause(),
            e.fix() == null ? "" : e.fix(),
            list(e.commands()),
            e.docs());
    List<Pattern> patterns = new ArrayList<>();
    for (String p : list(e.patterns())) {
      try {
        patterns.add(Pattern.compile(p, Pattern.CASE_INSENSITIVE));
      } catch (PatternSyntaxException ex) {
        throw new IllegalArgumentException(e.id() + ": bad pattern " + p, ex);
      }
    }
    List<String> on = e.on() == null ? List.of("task", "event") : e.on();
    return new MessageEntry(
        cause,
        on.contains("task"),
        on.contains("event"),
        patterns,
        new HashSet<>(list(e.stopCodes())),
        Boolean.TRUE.equals(e.foreign()),
        Boolean.TRUE.equals(e.general()),
        list(e.documented()),
        list(e.examples()),
        list(e.forms()));
  }

  int version() {
    return version;
  }

  List<MessageEntry> entries() {
    return entries;
  }

  List<ErrorFamily> families() {
    return families;
  }

  List<Unclassified> unclassified() {
    return unclassified;
  }

  Cause cause(String id) {
    Cause c = byId.get(id);
    if (c == null) throw new IllegalArgumentException("no cause '" + id + "' in the catalogue");
    return c;
  }

  /** The cause a stop code means when no message says more. */
  Optional<Cause> byStopCode(String stopCode) {
    if (stopCode == null) return Optional.empty();
    return entries.stream()
        .filter(e -> e.stopCodes().contains(stopCode))
        .map(MessageEntry::cause)
        .findFirst();
  }

  /**
   * Reads a stopped reason, a container reason or an error quoted elsewhere. Empty when the message
   * is blank or no entry knows it.
   */
  Optional<MessageReading> readTaskMessage(String message, Scope scope) {
    MessageText text = MessageText.of(message);
    if (text.isBlank()) return Optional.empty();
    return match(text, scope, true);
  }

  /**
   * Reads a service event (or a deployment's rolloutStateReason). An event that quotes a task's
   * error is read by that error; an unknown event with words of a failure is unrecognised, one
   * without is routine.
   */
  MessageReading readEvent(String message, Scope scope) {
    MessageText text = MessageText.of(message);
    if (text.isBlank()) return reading(cause(Cause.ROUTINE), text, Map.of());
    Optional<MessageReading> direct = match(text, scope, false);
    if (direct.isPresent() && !entry(direct.get().cause()).general()) return direct.get();
    Matcher m = EMBEDDED.matcher(text.spaced());
    Optional<MessageReading> quoted = Optional.empty();
    if (m.find()) {
      String error = m.group(1) != null ? m.group(1) : m.group(2);
      quoted = readTaskMessage(error, scope);
      if (quoted.isPresent()) return withText(quoted.get(), text);
    }
    if (direct.isPresent()) return direct.get();
    quoted = match(text, scope, true);
    if (quoted.isPresent()) return quoted.get();
    return FAILURE_WORDS.matcher(text.spaced()).find()
        ? reading(cause(Cause.UNRECOGNIZED), text, Map.of())
        : reading(cause(Cause.ROUTINE), text, Map.of());
  }

  /** A message no entry knows, still placed in its documented family when its prefix says so. */
  MessageReading unrecognized(String message) {
    return reading(cause(Cause.UNRECOGNIZED), MessageText.of(message), Map.of());
  }

  /** The documented family a message belongs to, by the earliest family name it contains. */
  Optional<ErrorFamily> familyOf(MessageText text) {
    String lower = text.spaced().toLowerCase(Locale.ROOT);
    ErrorFamily best = null;
    int at = Integer.MAX_VALUE;
    for (ErrorFamily f : families) {
      int i = lower.indexOf(f.prefix().toLowerCase(Locale.ROOT));
      if (i >= 0 && i < at) {
        at = i;
        best = f;
      }
    }
    return Optional.ofNullable(best);
  }

  MessageEntry entry(Cause cause) {
    return entries.get(rank(cause));
  }

  /** The cause's place in the catalogue: lower is more specific. */
  int rank(Cause cause) {
    Integer r = rank.get(cause.id());
    if (r == null) throw new IllegalArgumentException("no cause '" + cause.id() + "'");
    return r;
  }

  private Optional<MessageReading> match(MessageText text, Scope scope, boolean tasks) {
    for (MessageEntry e : entries) {
      if (tasks ? !e.onTasks() : !e.onEvents()) continue;
      for (Pattern p : e.patterns()) {
        for (String reading : text.readings()) {
          Matcher m = p.matcher(reading);
          if (!m.find()) continue;
          Map<String, String> values = captures(p, m);
          if (e.foreign() && !isForeign(values, scope)) continue;
          return Optional.of(reading(e.cause(), text, values));
        }
      }
    }
    return Optional.empty();
  }

  private MessageReading reading(Cause cause, MessageText text, Map<String, String> values) {
    return new MessageReading(cause, text, values, familyOf(text));
  }

  private MessageReading withText(MessageReading r, MessageText text) {
    return new MessageReading(r.cause(), text, r.values(), r.family());
  }

  private static Map<String, String> captures(Pattern p, Matcher m) {
    Map<String, String> values = new LinkedHashMap<>();
    Matcher names = GROUP_NAME.matcher(p.pattern());
    while (names.find()) {
      String value = m.group(names.group(1));
      if (value != null && !value.isBlank()) values.put(names.group(1), value);
    }
    return values;
  }

  // A secret or parameter ARN outside the task's Region or account: ECS reads parameters of another
  // Region only by full ARN, and another account's secrets only with resource policies on both
  // sides.
  private static boolean isForeign(Map<String, String> values, Scope scope) {
    String region = values.get("arnRegion");
    String account = values.get("arnAccount");
    return (scope.region() != null && region != null && !region.equals(scope.region()))
        || (scope.account() != null && account != null && !account.equals(scope.account()));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }

  /** The shape of {@code messages.yaml}. */
  record Document(
      String schema,
      int version,
      List<FamilyDoc> families,
      List<EntryDoc> entries,
      List<Unclassified> unclassified) {}

  /** A message found in a public source and deliberately left out of the measure. */
  record Unclassified(String message, String source, String why) {}

  record FamilyDoc(String prefix, String docs, String read) {}

  record EntryDoc(
      String id,
      List<String> on,
      String severity,
      String blame,
      String cause,
      String fix,
      List<String> commands,
      String docs,
      List<String> patterns,
      List<String> stopCodes,
      Boolean foreign,
      Boolean general,
      List<MessageSample> documented,
      List<MessageSample> examples,
      List<MessageSample> forms) {}
}
