package dev.fargatedoctor.cli;

import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Which checks run (--checks, --exclude-checks) and which findings are reported (--min-severity).
 */
final class CheckSelection {
  @Option(
      names = "--checks",
      paramLabel = "ID[,ID...]",
      split = ",",
      description = "Run only these checks (ids as `fargate-doctor checks` lists them).")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--exclude-checks",
      paramLabel = "ID[,ID...]",
      split = ",",
      description = "Run every check but these.")
  List<String> except = new ArrayList<>();

  @Option(
      names = "--min-severity",
      paramLabel = "SEVERITY",
      converter = OutputOptions.SeverityConverter.class,
      description =
          "Report only findings at or above this severity (after the configuration's overrides): "
              + "critical, high, medium, low, info (default: info, everything).")
  Severity minSeverity = Severity.INFO;

  /** The checks to run, in catalogue order; an unknown id is bad input (exit 2) naming it. */
  List<Check> checks() {
    Set<String> wanted = ids("--checks", only);
    Set<String> unwanted = ids("--exclude-checks", except);
    List<Check> checks =
        CheckRegistry.all().stream()
            .filter(c -> wanted.isEmpty() || wanted.contains(c.info().id()))
            .filter(c -> !unwanted.contains(c.info().id()))
            .toList();
    // Nothing to run would pass every gate: a false green, so it is a mistake in the options.
    if (checks.isEmpty()) {
      throw new IllegalArgumentException("--checks and --exclude-checks leave no check to run");
    }
    return checks;
  }

  /** The diagnosis without the findings below --min-severity. */
  Diagnosis filter(Diagnosis d) {
    if (minSeverity == Severity.INFO) return d;
    return new Diagnosis(
        d.capture(),
        d.coverage(),
        d.findings().stream().filter(f -> f.severity().atLeast(minSeverity)).toList(),
        d.checksRun(),
        d.excluded().stream().filter(x -> x.finding().severity().atLeast(minSeverity)).toList(),
        d.expired(),
        d.configuration());
  }

  private static Set<String> ids(String option, List<String> given) {
    Set<String> ids = new LinkedHashSet<>();
    for (String raw : given) {
      String id = raw.trim().toUpperCase(Locale.ROOT);
      if (id.isEmpty()) continue;
      if (CheckRegistry.byId(id).isEmpty()) {
        throw new IllegalArgumentException(
            option
                + ": unknown check id '"
                + raw.trim()
                + "' (`fargate-doctor checks` lists the "
                + CheckRegistry.all().size()
                + " ids)");
      }
      ids.add(id);
    }
    return ids;
  }
}
