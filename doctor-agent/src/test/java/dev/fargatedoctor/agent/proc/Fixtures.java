package dev.fargatedoctor.agent.proc;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the fixture trees under src/test/resources. */
public final class Fixtures {

  private Fixtures() {}

  public static Path resource(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + name, e);
    }
  }
}
