package dev.fargatedoctor.triage;

import dev.fargatedoctor.check.Law;
import java.util.Arrays;
import java.util.Locale;

/** What the on-call engineer sees, as the write-up's laws name it. */
public enum Symptom {
  WONT_START("wont-start", Law.WONT_START),
  SLOW("slow", Law.SLOW),
  MEMORY("memory", Law.MEMORY_CLIMBS),
  DEPLOY_HANG("deploy-hang", Law.DEPLOY_HANGS),
  INTERMITTENT("intermittent", Law.ONE_PERCENT_FAIL),
  UNKNOWN("unknown", Law.NOTHING_MAKES_SENSE);

  private final String argument;
  private final Law law;

  Symptom(String argument, Law law) {
    this.argument = argument;
    this.law = law;
  }

  public String argument() {
    return argument;
  }

  public Law law() {
    return law;
  }

  public static Symptom parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(s -> s.argument.equals(t))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown symptom '"
                        + text
                        + "'; one of: "
                        + String.join(
                            ", ", Arrays.stream(values()).map(Symptom::argument).toList())));
  }
}
