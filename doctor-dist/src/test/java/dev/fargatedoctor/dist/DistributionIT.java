package dev.fargatedoctor.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.dist.UnpackedRelease.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The release archive as a new user gets it (see {@link UnpackedRelease}). */
class DistributionIT {
  private static final String NAME = UnpackedRelease.NAME;

  private static UnpackedRelease release;
  private static Path unpacked;
  private static Path elsewhere;

  @BeforeAll
  static void unpack() throws Exception {
    release = UnpackedRelease.get();
    unpacked = release.root;
    elsewhere = release.elsewhere;
  }

  private static Result run(Path cwd, Map<String, String> env, String... command) throws Exception {
    return release.run(cwd, env, command);
  }

  private static Result launch(Map<String, String> env, String... args) throws Exception {
    return release.launch(env, args);
  }

  @Test
  void theArchiveHoldsLaunchersJarsCompletionManPagesDocsAndPolicies() {
    for (String file :
        List.of(
            "bin/fargate-doctor",
            "bin/fargate-doctor-agent",
            "lib/fargate-doctor.jar",
            "lib/doctor-agent.jar",
            "lib/cds/fargate-doctor.classlist",
            "completion/fargate-doctor.bash",
            "man/man1/fargate-doctor.1",
            "man/man1/fargate-doctor-scan.1",
            "docs/iam-policy.json",
            "docs/iam-policy-watch-publish.json",
            "docs/iam-policy-report-s3.json",
            "docs/iam-policy-watch-state-s3.json",
            "docs/iam-policy-org.json",
            "docs/schemas/org-report.schema.json",
            "man/man1/fargate-doctor-report-merge.1",
            "man/man1/fargate-doctor-deploy.1",
            "scripts/ci-scan.sh",
            "action.yml",
            "docs/checks.md",
            "README.md")) {
      assertThat(unpacked.resolve(file)).as(file).isRegularFile();
    }
    assertThat(unpacked.resolve("man/man1/fargate-doctor-generate-completion.1"))
        .as("hidden commands get no man page")
        .doesNotExist();
  }

  @Test
  void theClassListHoldsWhatAScanLoadsNotOnlyTheDemo() throws Exception {
    List<String> classes = Files.readAllLines(unpacked.resolve("lib/cds/fargate-doctor.classlist"));
    assertThat(classes)
        .as("the training run's scan: the SDK's clients and protocol parsers")
        .contains(
            "software/amazon/awssdk/services/ec2/DefaultEc2Client",
            "software/amazon/awssdk/services/ecs/DefaultEcsClient")
        .anyMatch(c -> c.startsWith("software/amazon/awssdk/protocols/query/"))
        .as("and the demo's checks and reports")
        .anyMatch(c -> c.startsWith("dev/fargatedoctor/report/"));
  }

  @Test
  void theLaunchersAreExecutable() throws Exception {
    for (String launcher : List.of("bin/fargate-doctor", "bin/fargate-doctor-agent")) {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(unpacked.resolve(launcher));
      assertThat(mode).as(launcher).contains(PosixFilePermission.OTHERS_EXECUTE);
    }
  }

  @Test
  void versionPrintsTheReleaseVersion() throws Exception {
    Result r = launch(Map.of(), "--version");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().trim())
        .isEqualTo("fargate-doctor " + NAME.substring("fargate-doctor-".length()));
    assertThat(r.err()).as("nothing about class-data sharing or the JVM").isEmpty();
  }

  @Test
  void demoRunsAndExitsOneWithItsFindings() throws Exception {
    Result r = launch(Map.of(), "demo");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("EXEC-ROLE-TRUST", "ROUTE-CROSS-AZ-NAT", "ENI-QUOTA");
  }

  @Test
  void checksListsTheCatalogue() throws Exception {
    Result r = launch(Map.of(), "checks");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("ENI-QUOTA", "MEMORY-LEAK-TREND", "PLAINTEXT-SECRETS");
  }

  @Test
  void aSymlinkedLauncherFindsItsInstall() throws Exception {
    Path link = elsewhere.resolve("links").resolve("fargate-doctor");
    Files.createDirectories(link.getParent());
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, unpacked.resolve("bin/fargate-doctor"));
    Result r = run(elsewhere, Map.of(), link.toString(), "--version");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("fargate-doctor ");
  }

  @Test
  void theBashCompletionCompletesSubcommands() throws Exception {
    String script =
        String.join(
            "\n",
            "source \"$1\"",
            "spec=$(complete -p fargate-doctor) || exit 3",
            "echo \"$spec\"",
            "fn=$(echo \"$spec\" | sed -n 's/.*-F \\([^ ]*\\).*/\\1/p')",
            "COMP_WORDS=(fargate-doctor sc); COMP_CWORD=1; COMP_LINE='fargate-doctor sc';"
                + " COMP_POINT=${#COMP_LINE}",
            "\"$fn\" fargate-doctor sc fargate-doctor",
            "printf 'reply:%s\\n' \"${COMPREPLY[@]}\"",
            "COMP_WORDS=(fargate-doctor scan --fail); COMP_CWORD=2; COMP_LINE='fargate-doctor scan"
                + " --fail'; COMP_POINT=${#COMP_LINE}",
            "\"$fn\" fargate-doctor --fail scan",
            "printf 'reply:%s\\n' \"${COMPREPLY[@]}\"");
    Result r =
        run(
            elsewhere,
            Map.of(),
            "bash",
            "-c",
            script,
            "completion-test",
            unpacked.resolve("completion/fargate-doctor.bash").toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).containsPattern("complete .*-F _complete_fargate-doctor fargate-doctor");
    assertThat(r.out()).contains("reply:scan").doesNotContain("reply:demo");
    assertThat(r.out()).contains("reply:--fail-on");
  }

  @Test
  void aClassDataArchiveIsMadeForThisJavaAndThenUsed() throws Exception {
    Path cache = Files.createTempDirectory("fargate-doctor-cache");
    Map<String, String> env = Map.of("FARGATE_DOCTOR_CACHE", cache.toString());
    Result dump =
        launch(Map.of("FARGATE_DOCTOR_CACHE", cache.toString(), "FARGATE_DOCTOR_CDS", "dump"));
    assertThat(dump.code()).as(dump.err()).isZero();
    try (Stream<Path> files = Files.walk(cache)) {
      assertThat(files.filter(f -> f.toString().endsWith(".jsa"))).hasSize(1);
    }
    Map<String, String> logging = new HashMap<>(env);
    logging.put("JAVA_OPTS", "-Xlog:class+load=info:stdout");
    Result r = launch(logging, "--version");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .as("the command classes come from the archive")
        .containsPattern("dev\\.fargatedoctor\\.cli\\.FargateDoctor source: shared objects file")
        .containsPattern("picocli\\.CommandLine source: shared objects file");

    // A jar replaced after the archive was made: the archive is left alone, silently.
    Path jar = unpacked.resolve("lib/fargate-doctor.jar");
    Files.setLastModifiedTime(
        jar, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(60)));
    Result stale = launch(logging, "--version");
    assertThat(stale.code()).as(stale.err()).isZero();
    assertThat(stale.err()).isEmpty();
    assertThat(stale.out())
        .doesNotContainPattern(
            "dev\\.fargatedoctor\\.cli\\.FargateDoctor source: shared objects file");
  }

  @Test
  void aJavaOlderThan17IsNamedWithWhatIsNeeded() throws Exception {
    Path old = Files.createTempDirectory("old-java");
    Files.createDirectories(old.resolve("bin"));
    Path java = old.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho 'should not run' >&2\nexit 99\n");
    java.toFile().setExecutable(true);
    Files.writeString(old.resolve("release"), "JAVA_VERSION=\"11.0.22\"\nIMPLEMENTOR=\"Old\"\n");
    Result r = launch(Map.of("JAVA_HOME", old.toString()), "demo");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("needs Java 17 or newer")
        .contains(java.toString())
        .contains("Java 11.0.22")
        .contains("JAVA_HOME")
        .doesNotContain("should not run");
  }

  @Test
  void theZipHoldsTheSameFilesAsTheTarball() throws Exception {
    Set<String> fromTar = new TreeSet<>();
    try (Stream<Path> files = Files.walk(unpacked)) {
      files
          .filter(Files::isRegularFile)
          .forEach(f -> fromTar.add(NAME + "/" + unpacked.relativize(f)));
    }
    Set<String> fromZip = new TreeSet<>();
    try (ZipFile zip = new ZipFile(UnpackedRelease.ZIP.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (!e.isDirectory()) fromZip.add(e.getName());
      }
    }
    assertThat(fromZip).isEqualTo(fromTar);
  }
}
