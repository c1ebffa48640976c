package dev.fargatedoctor.cli;

import dev.fargatedoctor.collect.ApiCallRecorder;
import java.io.PrintStream;
import java.time.Clock;

/** What commands share and tests replace: the clock, the API-call recorder, stderr. */
record Context(Clock clock, ApiCallRecorder recorder, PrintStream err) {
  static Context system() {
    return new Context(Clock.systemUTC(), new ApiCallRecorder(), System.err);
  }
}
