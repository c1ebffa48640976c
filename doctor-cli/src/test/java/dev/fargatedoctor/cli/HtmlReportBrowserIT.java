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
    return render(html, mode, out, "1200,1600");
  }

  private String render(Path html, String mode, Path out, String windowSize) throws Exception {
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
                "--allow-file-access-from-files", // the frame's parent measures the report in it
                "--window-size=" + windowSize));
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

  // Chromium will not make a window narrower than 500 px, so the report is laid out in a frame of
  // the width under test. A script in the frame's parent (the report itself runs none) measures it:
  // how wide the document is, which elements (outside a scrolling box) reach past the frame's edge,
  // and on how many lines the grade badge's parts sit; the numbers go into the DOM for --dump-dom.
  private static final String FRAME =
      """
      <!DOCTYPE html><html><body style="margin:0;background:#fff">
      <iframe id="f" src="report.html" style="border:0;display:block;width:%dpx;height:2000px"></iframe>
      <script>
      window.addEventListener('load', () => {
        const d = document.getElementById('f').contentDocument;
        const vw = d.defaultView.innerWidth;
        const name = e => e.tagName + '.' + (typeof e.className === 'string' ? e.className : e.className.baseVal);
        const wide = [...d.querySelectorAll('body *')]
          .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > vw + 1 && !e.closest('.scroll'); })
          .slice(0, 5).map(name);
        // parts on one line overlap vertically; a part wrapped below starts under the other's bottom
        const parts = [...d.querySelector('.score').children].map(c => c.getBoundingClientRect());
        const lines = parts.some(a => parts.some(b => b.top >= a.bottom)) ? [1, 2] : [1];
        document.body.dataset.measured = [d.documentElement.scrollWidth, vw, lines.length, wide.join(' ')].join('|');
      });
      </script></body></html>
      """;

  private Path frame(int width) throws Exception {
    Path page = dir.resolve("frame-" + width + ".html");
    Files.writeString(page, String.format(java.util.Locale.ROOT, FRAME, width));
    return page;
  }

  private String[] measure(int width) throws Exception {
    Path dom = dir.resolve("frame-" + width + "-dom.html");
    String log = render(frame(width), "dom", dom, Math.max(500, width) + ",2000");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("data-measured=\"([^\"]*)\"")
            .matcher(Files.readString(dom, StandardCharsets.UTF_8));
    assertThat(m.find()).as(log).isTrue();
    return m.group(1).split("\\|", -1);
  }

  @Test
  void thePageFitsAPhoneAndAWideScreenWithTheGradeOnOneLine() throws Exception {
    Path html = dir.resolve("report.html");
    Run.of("demo", "--output", "html", "--out", html.toString());

    for (int width : new int[] {480, 1400}) {
      String[] m = measure(width);
      assertThat(Integer.parseInt(m[1])).as("viewport").isEqualTo(width);
      assertThat(Integer.parseInt(m[0]))
          .as("document width at %d px", width)
          .isLessThanOrEqualTo(width);
      assertThat(m[3]).as("elements past the right edge at %d px", width).isEmpty();
      assertThat(Integer.parseInt(m[2]))
          .as("lines of the grade badge at %d px", width)
          .isEqualTo(1);
    }

    // the screenshots: nothing painted into the right-hand margin at 480 px (it would be text or a
    // chart cut off by the edge), and at both widths the subnet bars in their findings' colours
    for (int width : new int[] {480, 1400}) {
      Path shot = dir.resolve("report-" + width + ".png");
      render(frame(width), "shot", shot, Math.max(500, width) + ",2000");
      BufferedImage image = ImageIO.read(shot.toFile());
      assertThat(image.getWidth()).isGreaterThanOrEqualTo(width);
      if (width == 480) {
        for (int y = 0; y < image.getHeight(); y++)
          for (int x = width - 6; x < width; x++)
            assertThat(image.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(0xFFFFFF);
      }
      assertThat(count(image, 0xe6a700))
          .as("MEDIUM-coloured pixels at %d px", width)
          .isGreaterThan(50);
    }
  }

  private static int count(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++)
      for (int x = 0; x < image.getWidth(); x++) if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) n++;
    return n;
  }
}
