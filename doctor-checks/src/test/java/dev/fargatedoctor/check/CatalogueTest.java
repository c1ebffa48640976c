package dev.fargatedoctor.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.testing.Golden;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the catalogue honest: ids, metadata, docs, generated docs, and that every check can fire.
 */
class CatalogueTest {

  /**
   * Each check's fixtures sit in {@code fixtures/<ID>/}: every {@code fires-*.json} must make it
   * fire (FAIL or WARN), every {@code quiet-*.json} must keep it quiet (PASS only). Situations
   * several checks share sit one level up and are named by a {@code {"sameAs": "../x.json"}} file.
   */
  static final Path FIXTURES = Path.of("src/test/resources/fixtures");

  static List<String> fixtures(String id, String kind) throws IOException {
    Path dir = FIXTURES.resolve(id);
    if (!Files.isDirectory(dir)) return List.of();
    try (var files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(kind + "-") && n.endsWith(".json"))
          .sorted()
          .map(n -> id + "/" + n)
          .toList();
    }
  }

  static List<Check> checks() {
    return CheckRegistry.all();
  }

  @Test
  void idsAreUniqueAndTheRegistryIsSortedById() {
    List<String> ids = CheckRegistry.all().stream().map(c -> c.info().id()).toList();
    assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
    assertThat(ids).isSorted();
  }

  @Test
  void everyClassWithCheckInfoIsRegistered() throws Exception {
    Path classes = Path.of("target/classes");
    Set<String> registered = new HashSet<>();
    CheckRegistry.all().forEach(c -> registered.add(c.getClass().getName()));
    List<String> annotated;
    try (var files = Files.walk(classes)) {
      annotated =
          files
              .filter(p -> p.toString().endsWith(".class"))
              .map(p -> classes.relativize(p).toString().replace('/', '.').replace(".class", ""))
              .filter(name -> annotated(name))
              .toList();
    }
    assertThat(annotated).isNotEmpty();
    assertThat(registered)
        .as("a class with @CheckInfo also needs @AutoService(Check.class)")
        .containsAll(annotated);
  }

  private static boolean annotated(String className) {
    try {
      return Class.forName(className, false, CatalogueTest.class.getClassLoader())
          .isAnnotationPresent(CheckInfo.class);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checks")
  void everyCheckIsAFinalClassWithCompleteMetadataAndDocumentation(Check check) {
    CheckInfo info = check.info();
    assertThat(Modifier.isFinal(check.getClass().getModifiers())).as("final class").isTrue();
    assertThat(info.id()).matches("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");
    assertThat(info.title()).isNotBlank();
    assertThat(info.needs()).isNotEmpty();
    String doc =
        CheckRegistry.documentation(info.id())
            .orElseThrow(() -> new AssertionError("no checks/" + info.id() + ".md"));
    assertThat(doc)
        .startsWith("# " + info.id() + " — ")
        .contains(
            "**What it detects.**",
            "**Why it matters.**",
            "**How it decides.**",
            "**How to fix.**",
            "**In the demo.**");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checks")
  void everyCheckHasAFixtureThatFiresItAndOneThatKeepsItQuiet(Check check) throws IOException {
    String id = check.info().id();
    List<String> fires = fixtures(id, "fires");
    List<String> quiet = fixtures(id, "quiet");
    assertThat(fires).as("fixtures/" + id + "/fires-*.json").isNotEmpty();
    assertThat(quiet).as("fixtures/" + id + "/quiet-*.json").isNotEmpty();
    for (String fixture : fires) {
      assertThat(CheckRunner.problems(check, fixture))
          .as("fires on " + fixture)
          .anyMatch(f -> f.status() == Status.FAIL || f.status() == Status.WARN);
    }
    for (String fixture : quiet) {
      assertThat(CheckRunner.problems(check, fixture)).as("quiet on " + fixture).isEmpty();
    }
  }

  @Test
  void everyFixtureDirectoryBelongsToACheckAndHoldsOnlyFiresAndQuietFixtures() throws IOException {
    Set<String> ids = new HashSet<>();
    CheckRegistry.all().forEach(c -> ids.add(c.info().id()));
    try (var entries = Files.list(FIXTURES)) {
      for (Path dir : entries.filter(Files::isDirectory).toList()) {
        assertThat(ids)
            .as("fixtures/" + dir.getFileName() + " names no check")
            .contains(dir.getFileName().toString());
        try (var files = Files.list(dir)) {
          assertThat(files.map(p -> p.getFileName().toString()))
              .as("fixtures/" + dir.getFileName())
              .allMatch(n -> n.matches("(fires|quiet)-[a-z0-9-]+\\.json"));
        }
      }
    }
  }

  @Test
  void noRemediationCommandCarriesAPlaceholder() throws IOException {
    Set<String> fixtures = new HashSet<>();
    try (var files = Files.walk(FIXTURES)) {
      files
          .filter(p -> p.toString().endsWith(".json"))
          .forEach(p -> fixtures.add(FIXTURES.relativize(p).toString().replace('\\', '/')));
    }
    for (String fixture : fixtures) {
      for (Check check : CheckRegistry.all()) {
        for (Finding f : CheckRunner.run(check, fixture)) {
          for (String command : f.remediation().commands()) {
            assertThat(command)
                .as(fixture + " " + f.checkId())
                .matches("^([A-Z_]+=\\$\\()?aws .*")
                .doesNotContain("null")
                .doesNotContainPattern("<[A-Za-z_ -]+>")
                .doesNotContain("TODO")
                .doesNotContain("{{");
          }
        }
      }
    }
  }

  @Test
  void theGeneratedCatalogueInDocsIsCurrent() {
    Golden.matches(Path.of("..", "docs", "checks.md"), CatalogueMarkdown.render());
  }

  @Test
  void theReadmeTableOfChecksIsCurrent() {
    Golden.sectionMatches(
        Path.of("..", "README.md"),
        CatalogueMarkdown.README_BEGIN,
        CatalogueMarkdown.README_END,
        CatalogueMarkdown.readmeTable());
  }
}
