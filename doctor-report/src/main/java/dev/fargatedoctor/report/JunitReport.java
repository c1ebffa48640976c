package dev.fargatedoctor.report;

import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.SafeText;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML for CI test tabs: one test suite per check, one test case per check and resource,
 * passes included, so a pipeline shows what was checked as well as what failed. FAIL and WARN are
 * failures, UNKNOWN an error (it was not evaluated, never a pass). Text is escaped before it
 * reaches the XML writer: control characters XML 1.0 cannot carry become {@code \x1b}.
 */
public final class JunitReport {
  private final Clock clock;

  public JunitReport(Clock clock) {
    this.clock = clock;
  }

  public void render(Diagnosis d, Writer out) throws IOException {
    Map<String, List<Finding>> byCheck = new LinkedHashMap<>();
    for (Check c : CheckRegistry.all()) {
      if (d.checksRun().contains(c.info().id())) byCheck.put(c.info().id(), new ArrayList<>());
    }
    for (Finding f : d.findings())
      byCheck.computeIfAbsent(f.checkId(), k -> new ArrayList<>()).add(f);
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeAttribute("name", ToolInfo.NAME);
      x.writeAttribute("tests", Integer.toString(cases(byCheck)));
      x.writeAttribute("failures", Long.toString(count(d, Status.FAIL) + count(d, Status.WARN)));
      x.writeAttribute("errors", Long.toString(count(d, Status.UNKNOWN)));
      x.writeCharacters("\n");
      for (Map.Entry<String, List<Finding>> e : byCheck.entrySet())
        suite(x, e.getKey(), e.getValue());
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.flush();
    } catch (XMLStreamException e) {
      throw new IOException("could not write JUnit XML: " + e.getMessage(), e);
    }
    out.flush();
  }

  private void suite(XMLStreamWriter x, String checkId, List<Finding> findings)
      throws XMLStreamException {
    String title = CheckRegistry.byId(checkId).map(c -> c.info().title()).orElse(checkId);
    long failures = findings.stream().filter(f -> f.status().isProblem()).count();
    long errors = findings.stream().filter(f -> f.status() == Status.UNKNOWN).count();
    x.writeCharacters("  ");
    x.writeStartElement("testsuite");
    x.writeAttribute("name", checkId);
    x.writeAttribute("tests", Integer.toString(Math.max(1, findings.size())));
    x.writeAttribute("failures", Long.toString(failures));
    x.writeAttribute("errors", Long.toString(errors));
    x.writeAttribute("skipped", "0");
    x.writeAttribute("timestamp", clock.instant().toString());
    x.writeCharacters("\n");
    if (findings.isEmpty()) {
      // The check ran and had nothing to look at: one passing case says so.
      testcase(x, checkId, "no resource to check (" + title + ")");
      x.writeEndElement();
    }
    for (Finding f : findings) {
      String name =
          f.resource().type()
              + " "
              + f.resource().id()
              + (f.region() == null || f.resource().isGlobal() ? "" : " · " + f.region())
              + (f.aspect() == null ? "" : " · " + f.aspect());
      testcase(x, checkId, name);
      x.writeCharacters("\n      ");
      x.writeStartElement("properties");
      property(x, "fingerprint", f.fingerprint());
      property(x, "severity", f.severity().name());
      property(x, "status", f.status().name());
      x.writeEndElement();
      if (f.status() == Status.PASS) {
        x.writeCharacters("\n    ");
      } else {
        x.writeCharacters("\n      ");
        x.writeStartElement(f.status() == Status.UNKNOWN ? "error" : "failure");
        x.writeAttribute("message", SafeText.plain(f.title()));
        x.writeAttribute("type", f.status().name() + " " + f.severity().name());
        x.writeCharacters(body(f));
        x.writeEndElement();
        x.writeCharacters("\n    ");
      }
      x.writeEndElement();
      x.writeCharacters("\n");
    }
    x.writeCharacters("  ");
    x.writeEndElement();
    x.writeCharacters("\n");
  }

  private static void testcase(XMLStreamWriter x, String checkId, String name)
      throws XMLStreamException {
    x.writeCharacters("    ");
    x.writeStartElement("testcase");
    x.writeAttribute("classname", "fargate-doctor." + checkId);
    x.writeAttribute("name", SafeText.plain(name));
    x.writeAttribute("time", "0");
  }

  private static void property(XMLStreamWriter x, String name, String value)
      throws XMLStreamException {
    x.writeEmptyElement("property");
    x.writeAttribute("name", name);
    x.writeAttribute("value", value);
  }

  private static String body(Finding f) {
    StringBuilder s = new StringBuilder(SafeText.plain(f.title()));
    for (String line : ToolInfo.evidenceLines(f)) s.append('\n').append(line);
    if (f.remediation().text() != null) {
      s.append("\nFix: ").append(SafeText.plain(f.remediation().text()));
    }
    for (String c : f.remediation().commands()) s.append("\n  $ ").append(SafeText.plain(c));
    return s.toString();
  }

  private static int cases(Map<String, List<Finding>> byCheck) {
    return byCheck.values().stream().mapToInt(l -> Math.max(1, l.size())).sum();
  }

  private static long count(Diagnosis d, Status s) {
    return d.count(s);
  }
}
