package dev.fargatedoctor.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The images' definitions agree: each Dockerfile starts from the base Jib uses (the root pom's
 * base.image), pinned by a sha256 digest, and runs as a numeric non-root user. (No image is built
 * here: the base comes from a registry this build cannot reach; docs/containers.md.)
 */
class ImagesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static String baseImage() throws Exception {
    Matcher m =
        Pattern.compile("<base.image>([^<]+)</base.image>")
            .matcher(Files.readString(ROOT.resolve("pom.xml")));
    assertThat(m.find()).as("base.image in the root pom").isTrue();
    return m.group(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"doctor-cli/Dockerfile", "doctor-agent/Dockerfile"})
  void theDockerfileUsesThePinnedBaseAndANonRootUser(String dockerfile) throws Exception {
    String base = baseImage();
    assertThat(base).matches("[a-z0-9./-]+:[A-Za-z0-9._-]+@sha256:[0-9a-f]{64}");
    List<String> lines = Files.readAllLines(ROOT.resolve(dockerfile));
    assertThat(lines.stream().filter(l -> l.startsWith("FROM ")).toList())
        .containsExactly("FROM " + base);
    List<String> users = lines.stream().filter(l -> l.startsWith("USER ")).toList();
    assertThat(users).hasSize(1);
    assertThat(users.get(0)).matches("USER [1-9][0-9]*:[1-9][0-9]*");
  }

  @ParameterizedTest
  @ValueSource(strings = {"doctor-cli/pom.xml", "doctor-agent/pom.xml"})
  void jibMakesTheImageOfTheModule(String pom) throws Exception {
    String text = Files.readString(ROOT.resolve(pom));
    assertThat(text).contains("<jib.skip>false</jib.skip>", "jib-maven-plugin", "<mainClass>");
    assertThat(Files.readString(ROOT.resolve("pom.xml")))
        .contains("<from><image>${base.image}</image></from>", "<user>10001:10001</user>");
  }
}
