package dev.fargatedoctor.snapshot.dump;

import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.TestResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/** The recorded moto dumps under {@code /dumps}, and small helpers to build variations of them. */
final class DumpDirs {
  static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  static final String TOOL_VERSION = "0.1.0-test";
  static final AwsCliDumpImporter IMPORTER =
      new AwsCliDumpImporter(Clock.fixed(NOW, ZoneOffset.UTC), TOOL_VERSION);

  // Ids of the recorded environment (see dumps/README.md).
  static final String ACCOUNT = "123456789012";
  static final String VPC = "vpc-c19305345273987bc";
  static final String PUBLIC_A = "subnet-cf1f25abc64a09e53";
  static final String PRIVATE_A = "subnet-41c6c59e0e7ea3ac3";
  static final String PRIVATE_B = "subnet-f4bcdd351a646ed33";
  static final String NAT = "nat-2a95701fa88715da8";
  static final String IGW = "igw-042f9b7f7fe1d440a";
  static final String WEB_SG = "sg-cfe24658dcb2448e1";
  static final String FAKE_SECRET = "hunter2-fake-s3cr3t";

  private DumpDirs() {}

  static Path fixture(String name) {
    return TestResources.path("dumps/" + name);
  }

  static Snapshot importFixture(String name) {
    return IMPORTER.importDirectory(fixture(name), null);
  }

  /** Copies the named files of a fixture directory into {@code target} (created if needed). */
  static Path copy(String fixture, Path target, String... files) {
    try {
      Files.createDirectories(target);
      for (String f : files) Files.copy(fixture(fixture).resolve(f), target.resolve(f));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a whole fixture tree into {@code target}. */
  static Path copyTree(String fixture, Path target) {
    Path from = fixture(fixture);
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path to = target.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else Files.copy(p, to);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(String fixture, String file) {
    try {
      return Files.readString(fixture(fixture).resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path dir, String file, String content) {
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve(file), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(String text) {
    return text.lines().toList();
  }
}
