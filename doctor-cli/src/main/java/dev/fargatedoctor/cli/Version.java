package dev.fargatedoctor.cli;

import picocli.CommandLine;

/** The tool's version, from the jar manifest (set by Maven), for --version and snapshots. */
final class Version implements CommandLine.IVersionProvider {
  static String current() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"fargate-doctor " + current()};
  }
}
