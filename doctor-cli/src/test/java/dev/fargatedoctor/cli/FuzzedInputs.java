package dev.fargatedoctor.cli;

import dev.fargatedoctor.check.CheckEngine;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Thresholds;
import dev.fargatedoctor.report.JsonReport;
import dev.fargatedoctor.report.MarkdownReport;
import dev.fargatedoctor.report.TextReport;
import dev.fargatedoctor.snapshot.SafeText;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.triage.ServiceScope;
import dev.fargatedoctor.triage.Symptom;
import dev.fargatedoctor.triage.Triage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Collectors;

/**
 * What every fuzz target does with an input the reader accepted: run the whole catalogue, every
 * triage playbook and the renderers over it, and insist the output stays terminal-safe. Anything
 * but the documented bad-input error on the way is a finding.
 */
final class FuzzedInputs {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

  private FuzzedInputs() {}

  static void diagnoseAndRender(Snapshot snapshot) {
    Diagnosis d = new CheckEngine(CheckRegistry.all(), CLOCK, Thresholds.DEFAULTS).run(snapshot);
    Triage triage =
        new Triage(
            CheckRegistry.all().stream().map(c -> c.info().id()).collect(Collectors.toSet()));
    for (Symptom s : Symptom.values()) triage.run(s, d, snapshot, ServiceScope.all());
    StringWriter text = new StringWriter();
    new TextReport(false, true).render(d, new PrintWriter(text));
    new MarkdownReport(CLOCK, true).render(d, new PrintWriter(text));
    try {
      new JsonReport(CLOCK, true).render(d, new PrintWriter(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String out = text.toString();
    if (out.codePoints().anyMatch(cp -> cp != '\n' && SafeText.isUnsafe(cp))) {
      throw new AssertionError("a report emitted a raw control character");
    }
  }

  /** A scratch directory per JVM, emptied for each input. */
  static Path scratch(String name) {
    try {
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "fargate-doctor-fuzz", name);
      if (Files.exists(dir)) {
        try (var files = Files.walk(dir)) {
          files
              .sorted(java.util.Comparator.reverseOrder())
              .filter(p -> !p.equals(dir))
              .forEach(p -> p.toFile().delete());
        }
      }
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
