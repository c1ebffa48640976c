package dev.fargatedoctor.flows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order of fields in a record, from a flow log's format string ({@code ${version} ${account-id}
 * ...}, as DescribeFlowLogs returns it) or from the header line AWS writes at the top of every S3
 * log file ({@code version account-id ...}). The default format is version 2's fourteen fields.
 */
public final class FlowFormat {
  private static final Pattern TOKEN = Pattern.compile("\\$\\{([a-z0-9-]+)\\}");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
  public static final String DEFAULT_FORMAT_STRING =
      "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} "
          + "${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}";
  public static final FlowFormat DEFAULT = parse(DEFAULT_FORMAT_STRING);

  private final List<String> names;
  private final Map<Field, Integer> positions = new EnumMap<>(Field.class);

  private FlowFormat(List<String> names) {
    this.names = List.copyOf(names);
    for (int i = 0; i < names.size(); i++) {
      int index = i;
      Field.byName(names.get(i)).ifPresent(f -> positions.putIfAbsent(f, index));
    }
  }

  /**
   * Parses a format string: fields as {@code ${name}} separated by spaces, nothing else.
   *
   * @throws FlowFormatException when it is anything else, or lacks the fields every analysis needs
   */
  public static FlowFormat parse(String format) {
    if (format == null || format.isBlank()) return DEFAULT;
    List<String> names = new ArrayList<>();
    for (String token : format.trim().split("\\s+")) {
      Matcher m = TOKEN.matcher(token);
      if (!m.matches()) {
        throw new FlowFormatException(
            "not a flow-log format: '" + token + "' is not a ${field} (in '" + format + "')");
      }
      names.add(m.group(1));
    }
    return checked(names, format);
  }

  /**
   * The format an S3 log file's first line announces, or null when the line is a record (no
   * header).
   */
  public static FlowFormat fromHeader(String line) {
    String[] tokens = line.trim().split(" +");
    boolean known = false;
    for (String t : tokens) {
      if (!NAME.matcher(t).matches()) return null; // a record: numbers, addresses, ids
      known |= Field.byName(t).isPresent();
    }
    return known ? checked(List.of(tokens), line.trim()) : null;
  }

  private static FlowFormat checked(List<String> names, String text) {
    FlowFormat f = new FlowFormat(names);
    if (!f.has(Field.INTERFACE_ID) || !f.has(Field.SRCADDR) || !f.has(Field.DSTADDR)) {
      throw new FlowFormatException(
          "flow-log format without ${interface-id}, ${srcaddr} and ${dstaddr} cannot tie flows to "
              + "anything: '"
              + text
              + "'");
    }
    return f;
  }

  public List<String> names() {
    return names;
  }

  public int size() {
    return names.size();
  }

  public boolean has(Field field) {
    return positions.containsKey(field);
  }

  /** The position of a field in a record, or -1. */
  public int position(Field field) {
    return positions.getOrDefault(field, -1);
  }

  /** The known fields present, in record order: what a summary says the analyses had. */
  public List<String> knownFields() {
    List<String> out = new ArrayList<>();
    for (String n : names) if (Field.byName(n).isPresent() && !out.contains(n)) out.add(n);
    return Collections.unmodifiableList(out);
  }

  /** The format string AWS would show for this format. */
  public String formatString() {
    StringBuilder b = new StringBuilder();
    for (String n : names) b.append(b.length() == 0 ? "" : " ").append("${").append(n).append('}');
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlowFormat other && names.equals(other.names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  @Override
  public String toString() {
    return formatString();
  }
}
