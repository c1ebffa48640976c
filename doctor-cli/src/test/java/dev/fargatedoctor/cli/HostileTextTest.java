package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.fargatedoctor.snapshot.SafeText;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo account, rewritten by someone hostile: terminal escapes, bidi overrides, forged line
 * breaks, HTML and Markdown in stop reasons, container reasons, service events, trust-policy
 * condition values, tags, ENI descriptions, CloudTrail fields, coverage messages and a service's
 * very name. Every renderer is fed it; none may emit a control character, a line break of its own
 * or live markup.
 */
class HostileTextTest {
  /** Free text: everything at once. */
  static final String PAYLOAD =
      "\u001b]0;owned\u0007\u001b[2J\r\b\u009b31m\u202eevil\u2066\u200b\u2028"
          + "\n# forged heading <script>alert(1)</script> <img src=x onerror=alert(1)>"
          + " [click](javascript:alert(1)) `tick` | cell ***";

  /** In a name that ARNs, groups and metric labels carry: nothing they split on. */
  static final String IN_NAME = "\u001b]0;t\u0007\u001b[2J\r\b\u202e\u009b<b>`#*\n#x";

  static final String SERVICE = "checkout" + IN_NAME;

  @TempDir static Path dir;
  static Path demo;
  static Path hostile;

  @BeforeAll
  static void hostileDemo() throws IOException {
    demo = dir.resolve("demo.json");
    Run.of("demo", "--save-snapshot", demo.toString());
    String text = Files.readString(demo, StandardCharsets.UTF_8);
    // the service's name wherever the account carries it: ARNs, task groups, roles, metric labels
    String quoted = SnapshotJson.line(TextNode.valueOf(SERVICE));
    JsonNode tree =
        SnapshotJson.mapper()
            .readTree(text.replace("checkout", quoted.substring(1, quoted.length() - 1)));
    edit(tree, List.of("regions", "*", "ecs", "tasks", "*"), t -> append(t, "stoppedReason"));
    edit(
        tree,
        List.of("regions", "*", "ecs", "tasks", "*", "containers", "*"),
        c -> append(c, "reason"));
    edit(
        tree,
        List.of("regions", "*", "ecs", "services", "*", "events", "*"),
        e -> append(e, "message"));
    edit(tree, List.of("regions", "*", "ec2", "*", "*", "Tags", "*"), t -> append(t, "Value"));
    edit(
        tree,
        List.of("regions", "*", "ec2", "networkInterfaces", "*"),
        n -> append(n, "Description"));
    edit(
        tree,
        List.of("regions", "*", "cloudTrail", "*"),
        e -> {
          append(e, "Username");
          ObjectNode raw = (ObjectNode) e.get("CloudTrailEvent");
          append(raw, "sourceIPAddress");
          append((ObjectNode) raw.get("userIdentity"), "arn");
        });
    edit(tree, List.of("coverage", "*"), c -> append(c, "message"));
    // a condition value on every trust statement: the roles now trust only a hostile account
    edit(
        tree,
        List.of("iam", "roles", "*", "AssumeRolePolicyDocument", "Statement", "*"),
        s ->
            s.putObject("Condition")
                .putObject("StringEquals")
                .put("aws:SourceAccount", "999988887777" + PAYLOAD));
    hostile = dir.resolve("hostile.json");
    Files.writeString(hostile, SnapshotJson.mapper().writeValueAsString(tree));
  }

  @Test
  void textMarkdownAndJsonReportsShowEveryHostileStringEscaped() throws Exception {
    for (String format : List.of("text", "markdown", "json", "html")) {
      Run run = Run.of("scan", "--snapshot", hostile.toString(), "--output", format);
      assertThat(run.exitCode()).as(format + ": " + run.err()).isEqualTo(1);
      assertInert(format, run.out());
      String shown =
          switch (format) {
            case "markdown" -> "\\\\x1b\\]0;owned\\\\x07\\\\x1b\\[2J";
            case "json" -> "\\u001b]0;owned\\u0007\\u001b[2J";
            default -> visible();
          };
      assertThat(run.out()).as(format).containsIgnoringCase(shown);
    }
  }

  @Test
  void exchangeFormatsCarryEveryHostileStringEscaped() throws Exception {
    for (String format : List.of("sarif", "junit", "ocsf", "asff")) {
      Run run = Run.of("scan", "--snapshot", hostile.toString(), "--output", format);
      assertThat(run.exitCode()).as(format + ": " + run.err()).isEqualTo(1);
      assertInert(format, run.out());
      // JSON formats carry the escaped text with its backslashes JSON-escaped; XML as it is.
      String shown = format.equals("junit") ? visible() : visible().replace("\\", "\\\\");
      assertThat(run.out()).as(format).contains(shown);
      assertThat(run.out()).as(format).doesNotContain("\\u001b");
      if (format.equals("junit")) assertThat(run.out()).doesNotContain("<script>");
    }
    ExchangeFormatsTest.validateXml(
        Run.of("scan", "--snapshot", hostile.toString(), "--output", "junit").out());
  }

  @Test
  void markdownHasNoLiveMarkupNoForgedHeadingAndNoLink() {
    String md = Run.of("scan", "--snapshot", hostile.toString(), "--output", "markdown").out();
    // fix commands sit in code blocks, where nothing is markup; everything else is prose
    String prose = md.replaceAll("(?s)\n(`{3,})sh\n.*?\n\\1\n", "\n");
    assertThat(prose)
        .doesNotContain("<script", "<img", "<b>")
        .doesNotContainPattern("(?<!\\\\)\\]\\(javascript")
        .contains("&lt;script&gt;", "&lt;img src=x onerror=alert(1)&gt;")
        .contains("\\[click\\](javascript:alert(1))");
    assertThat(prose.lines().filter(l -> l.startsWith("#")))
        .allMatch(
            l ->
                l.matches(
                    "#{1,3} (Fargate Doctor report|Not collected|Excluded by configuration|When .*|[A-Z]+ · .*)"));
    assertThat(md.lines().filter(l -> l.contains("forged heading")))
        .noneMatch(l -> l.startsWith("#"));
  }

  @Test
  void htmlEscapesEverythingAndForbidsScript() {
    String html = Run.of("scan", "--snapshot", hostile.toString(), "--output", "html").out();
    assertThat(html)
        .doesNotContain("<script", "<img")
        .contains("&lt;script&gt;", "&lt;b&gt;", "onerror=alert(1)&gt;")
        .contains("Content-Security-Policy", "script-src 'none'");
  }

  @Test
  void jsonKeepsTheExactValuesJsonEscaped() throws Exception {
    String json = Run.of("scan", "--snapshot", hostile.toString(), "--output", "json").out();
    JsonNode report = SnapshotJson.mapper().readTree(json);
    List<String> values = new ArrayList<>();
    report.findValues("id").forEach(v -> values.add(v.asText()));
    assertThat(values).contains("production/" + SERVICE, SERVICE + "-execution");
    assertThat(json).containsIgnoringCase("\\u001b]0;owned\\u0007");
    assertThat(json).contains("\\u202e", "\\u009b");
  }

  @Test
  void triageNarratesTheHostileServiceEscapedInTextAndJson() {
    for (String symptom : List.of("deploy-hang", "wont-start", "slow", "memory", "unknown")) {
      for (String format : List.of("text", "json")) {
        Run run =
            Run.of(
                "triage",
                symptom,
                "--snapshot",
                hostile.toString(),
                "--service",
                SERVICE,
                "--output",
                format);
        assertThat(run.exitCode()).as(symptom + " " + run.err()).isIn(0, 1);
        assertInert("triage " + symptom + " " + format, run.out());
      }
    }
    String deployHang =
        Run.of("triage", "deploy-hang", "--snapshot", hostile.toString(), "--service", SERVICE)
            .out();
    assertThat(deployHang).contains(SafeText.plain(SERVICE), visible());
  }

  @Test
  void pathAndPreflightShowTheServiceNameEscaped() {
    for (String format : List.of("text", "json")) {
      Run path =
          Run.of(
              "path",
              "--snapshot",
              hostile.toString(),
              "--service",
              SERVICE,
              "--to",
              "ecr",
              "--output",
              format);
      assertThat(path.exitCode()).as(path.err()).isIn(0, 1);
      assertInert("path " + format, path.out());
      Run preflight =
          Run.of(
              "preflight",
              "--snapshot",
              hostile.toString(),
              "--scale",
              SERVICE + "=3x",
              "--output",
              format);
      assertThat(preflight.exitCode()).as(preflight.err()).isIn(0, 1);
      assertInert("preflight " + format, preflight.out());
    }
    assertThat(
            Run.of("path", "--snapshot", hostile.toString(), "--service", SERVICE, "--to", "ecr")
                .out())
        .contains(SafeText.plain(SERVICE));
  }

  @Test
  void snapshotDiffShowsTheHostileTrustPolicyEscaped() {
    for (String format : List.of("text", "json")) {
      Run run = Run.of("snapshot", "diff", demo.toString(), hostile.toString(), "--output", format);
      assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
      assertInert("diff " + format, run.out());
      assertThat(run.out()).contains("999988887777");
    }
  }

  @Test
  void watchChangeLinesAreOneLineEachAndInert() {
    Path state = dir.resolve("watch-state");
    Run first =
        Run.of(
            "watch",
            "--snapshot",
            demo.toString(),
            "--state-dir",
            state.toString(),
            "--cycles",
            "1");
    assertThat(first.exitCode()).as(first.err()).isZero();
    Run second =
        Run.of(
            "watch",
            "--snapshot",
            hostile.toString(),
            "--state-dir",
            state.toString(),
            "--cycles",
            "1");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertInert("watch", second.out());
    assertInert("watch log", second.err());
    List<String> lines = second.out().lines().toList();
    assertThat(lines).hasSizeGreaterThan(3).allMatch(l -> l.startsWith("{") && l.endsWith("}"));
    assertThat(second.out()).containsIgnoringCase("\\u001b]0;owned");
  }

  @Test
  void aBadInputMessageQuotingTheFileIsEscaped() throws IOException {
    Path bad = dir.resolve("bad\u001b[2J.json");
    Files.writeString(bad, "{\"schema\": \"evil\\u001b]0;x\\u0007\"}");
    Run run = Run.of("scan", "--snapshot", bad.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertInert("error", run.err());
    assertThat(run.err()).contains("bad\\x1b[2J.json", "evil\\x1b]0;x\\x07");
  }

  @Test
  void aFixCommandNamingTheHostileServicePastesAsTheExactName() throws Exception {
    String text = Run.of("scan", "--snapshot", hostile.toString()).out();
    Matcher m = Pattern.compile("\\$'checkout[^']*-execution'").matcher(text);
    assertThat(m.find()).as("a fix command quotes the service with $'...'").isTrue();
    Process bash =
        new ProcessBuilder("bash", "-c", "printf %s " + m.group())
            .redirectErrorStream(true)
            .start();
    String pasted = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor()).isZero();
    assertThat(pasted).isEqualTo(SERVICE + "-execution");
  }

  /** What a renderer prints instead of the payload's escape sequence. */
  private static String visible() {
    return "\\x1b]0;owned\\x07\\x1b[2J\\x0d\\x08\\u009b31m\\u202eevil\\u2066\\u200b\\u2028\\x0a";
  }

  // Only the renderer's own line breaks, nothing else below a space, no C1, no bidi control.
  static void assertInert(String what, String output) {
    List<String> bad = new ArrayList<>();
    output
        .codePoints()
        .filter(cp -> cp != '\n' && SafeText.isUnsafe(cp))
        .forEach(cp -> bad.add(SafeText.escape(cp)));
    assertThat(bad).as(what + " emits raw control characters").isEmpty();
    assertThat(output.lines()).as(what).noneMatch(l -> l.startsWith("# forged"));
  }

  private static void append(ObjectNode node, String field) {
    JsonNode v = node.get(field);
    node.put(field, (v == null || v.isNull() ? "" : v.asText()) + PAYLOAD);
  }

  /** Applies the edit to every object the path reaches; "*" is every element or field. */
  private static void edit(JsonNode node, List<String> path, Consumer<ObjectNode> e) {
    if (node == null) return;
    if (path.isEmpty()) {
      if (node instanceof ObjectNode o) e.accept(o);
      return;
    }
    List<String> rest = path.subList(1, path.size());
    if (path.get(0).equals("*")) {
      if (node instanceof ArrayNode a) a.forEach(n -> edit(n, rest, e));
      else if (node instanceof ObjectNode o)
        for (Map.Entry<String, JsonNode> f : o.properties()) edit(f.getValue(), rest, e);
    } else {
      edit(node.get(path.get(0)), rest, e);
    }
  }
}
