package dev.fargatedoctor.agent.http;

import dev.fargatedoctor.agent.detect.Sample;
import dev.fargatedoctor.agent.detect.Warning;
import java.time.Instant;
import java.util.List;

/**
 * What the endpoints show: the newest sample and the warnings as of it. Published atomically by the
 * sampling loop, so a request never sees half a sample and never triggers a read of its own.
 *
 * @param latest the newest sample, or null before the first one
 */
public record AgentState(
    Mode mode, Instant startedAt, Sample latest, List<Warning> warnings, List<String> detectorIds) {

  /** How the agent runs: its own process beside the app, or inside the app's JVM. */
  public enum Mode {
    SIDECAR("sidecar"),
    JAVAAGENT("javaagent");

    private final String label;

    Mode(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
