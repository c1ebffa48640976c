package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * Renders the demo's HTML report in headless Chromium. The page runs no script, and its
 * Content-Security-Policy forbids any: the report still renders with its charts and styles (the
 * policy admits its one style sheet by hash), and a copy of it with a script and an inline event
 * handler slipped in runs neither.
 */
class HtmlReportBrowserIT {
  @TempDir Path dir;

  static Optional<String> chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(d, name))) return Optional.of(Path.of(d, name).toString());
      }
    }
    return Optional.empty();
  }

  private static String browser() {
    return chromium()
        .orElseGet(
            () -> {
              String msg =
                  "chromium not installed (apt-get install chromium): the HTML report is not rendered";
              if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError(msg);
              throw new TestAbortedException(msg);
            });
  }

  /** Runs headless Chromium on the page; returns its log, and its DOM or screenshot in out. */
  private String render(Path html, String mode, Path out) throws Exception {
    Path log = dir.resolve(out.getFileName() + ".log");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                browser(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + dir.resolve("profile-" + out.getFileName()),
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=2000",
                "--window-size=1200,1600"));
    if (mode.equals("dom")) command.add("--dump-dom");
    else command.add("--screenshot=" + out);
    command.add(html.toUri().toString());
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
    if (mode.equals("dom")) pb.redirectOutput(out.toFile());
    else pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  @Test
  void theDemoReportRendersItsChartsAndStylesUnderAPolicyThatForbidsScript() throws Exception {
    Path html = dir.resolve("report.html");
    Run.of("demo", "--output", "html", "--out", html.toString());
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertThat(page).contains("script-src 'none'").doesNotContain("<script");

    Path dom = dir.resolve("dom.html");
    String log = render(html, "dom", dom);
    String rendered = Files.readString(dom, StandardCharsets.UTF_8);
    assertThat(rendered)
        .as(log)
        .contains("4614 of 5000", "checkout-execution", "ROUTE-CROSS-AZ-NAT");
    assertThat(rendered).contains("<svg");
    assertThat(
            log.lines().filter(l -> l.contains("Content Security Policy") || l.contains("CONSOLE")))
        .as("nothing of the report itself is refused or fails")
        .isEmpty();

    // the style sheet applies: the legend swatches and the consumer bar are painted in the
    // palette's first colour, which only the admitted style sheet and the SVG give them
    Path shot = dir.resolve("report.png");
    render(html, "shot", shot);
    BufferedImage image = ImageIO.read(shot.toFile());
    int painted = 0;
    for (int y = 0; y < image.getHeight(); y++)
      for (int x = 0; x < image.getWidth(); x++)
        if ((image.getRGB(x, y) & 0xFFFFFF) == 0x1971c2) painted++;
    assertThat(painted).as("pixels in the charts' first colour").isGreaterThan(100);
  }

  @Test
  void aScriptSlippedIntoTheReportDoesNotRun() throws Exception {
    Path html = dir.resolve("report.html");
    Run.of("demo", "--output", "html", "--out", html.toString());
    String page = Files.readString(html, StandardCharsets.UTF_8);
    // as if escaping had failed: a script element, an event handler and a javascript: link
    String injected =
        page.replace(
            "<body>",
            "<body><script>document.documentElement.dataset.ran='script'</script>"
                + "<img src=\"data:,x\" onerror=\"document.documentElement.dataset.ran='handler'\">"
                + "<iframe src=\"javascript:parent.document.documentElement.dataset.ran='link'\"></iframe>");
    assertThat(injected).isNotEqualTo(page);
    Path tampered = dir.resolve("tampered.html");
    Files.writeString(tampered, injected);

    Path dom = dir.resolve("tampered-dom.html");
    String log = render(tampered, "dom", dom);
    String rendered = Files.readString(dom, StandardCharsets.UTF_8);
    assertThat(rendered).as(log).contains("ROUTE-CROSS-AZ-NAT").doesNotContain("data-ran");
    assertThat(log).contains("Content Security Policy");
  }
}
