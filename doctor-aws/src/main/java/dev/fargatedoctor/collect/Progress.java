package dev.fargatedoctor.collect;

/** Hears about collection steps, for a progress line on a terminal. Must be thread-safe. */
public interface Progress {
  Progress NONE = new Progress() {};

  default void step(String region, String action) {}

  default void done(String region, String action) {}
}
