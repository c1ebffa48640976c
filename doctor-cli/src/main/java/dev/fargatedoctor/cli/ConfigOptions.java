package dev.fargatedoctor.cli;

import dev.fargatedoctor.check.Configuration;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The team's configuration file: excludes with reasons, severity overrides, thresholds. */
final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Configuration file (default: "
              + ConfigFile.DEFAULT_NAME
              + " in the working directory, when present).")
  Path config;

  Configuration load() {
    return ConfigFile.load(config);
  }
}
