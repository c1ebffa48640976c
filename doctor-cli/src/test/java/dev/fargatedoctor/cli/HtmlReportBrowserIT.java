package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * Renders the demo's HTML report in headless Chromium: the page must not be empty, its script must
 * run to the end (it marks the body), and the browser must log no script error.
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

  @Test
  void theDemoReportRendersInAHeadlessBrowserWithoutScriptErrors() throws Exception {
    String browser =
        chromium()
            .orElseGet(
                () -> {
                  String msg =
                      "chromium not installed (apt-get install chromium): the HTML report is not rendered";
                  if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError(msg);
                  throw new TestAbortedException(msg);
                });
    Path html = dir.resolve("report.html");
    Run.of("demo", "--output", "html", "--out", html.toString());
    Path dom = dir.resolve("dom.html");
    Path log = dir.resolve("browser.log");
    Process p =
        new ProcessBuilder(
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"),
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=2000",
                "--dump-dom",
                html.toUri().toString())
            .redirectOutput(dom.toFile())
            .redirectError(log.toFile())
            .start();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();

    String rendered = Files.readString(dom, StandardCharsets.UTF_8);
    String browserLog = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(rendered).as(browserLog).contains("data-ready=\"1\"");
    assertThat(rendered).contains("4614 of 5000", "checkout-execution", "ROUTE-CROSS-AZ-NAT");
    assertThat(browserLog.lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")))
        .as("script errors in the page")
        .isEmpty();
  }
}
