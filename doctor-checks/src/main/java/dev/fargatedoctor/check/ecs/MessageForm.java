package dev.fargatedoctor.check.ecs;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One recognised form of an ECS message: a pattern (case-insensitive, found anywhere) and its
 * cause.
 */
record MessageForm(Cause cause, Pattern pattern) {
  static MessageForm of(Cause cause, String regex) {
    return new MessageForm(cause, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
  }

  boolean matches(String text) {
    return text != null && pattern.matcher(text).find();
  }

  /** The first form of an ordered list that matches: catalogues list the specific forms first. */
  static Optional<MessageForm> first(List<MessageForm> forms, String text) {
    if (text == null || text.isBlank()) return Optional.empty();
    return forms.stream().filter(f -> f.matches(text)).findFirst();
  }
}
