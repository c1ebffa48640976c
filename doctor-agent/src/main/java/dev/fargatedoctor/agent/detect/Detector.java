package dev.fargatedoctor.agent.detect;

import java.util.List;

/**
 * Looks at each sample in turn, keeps what it needs of the recent past, and reports current
 * findings.
 */
public interface Detector {

  /** A stable id such as {@code close-wait-pileup}, used in warning lines and metrics. */
  String id();

  /** Records the sample and returns the findings that hold as of it (empty when all is well). */
  List<Warning> observe(Sample sample);
}
