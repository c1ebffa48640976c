package dev.fargatedoctor.snapshot;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * Test resources as paths on disk (this module's tests run from target/test-classes, not from a
 * jar).
 */
public final class TestResources {
  private TestResources() {}

  public static Path path(String resource) {
    URL url = TestResources.class.getResource(resource.startsWith("/") ? resource : "/" + resource);
    if (url == null) throw new IllegalArgumentException("no test resource " + resource);
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The hand-written v1 snapshot that touches every record of the model. */
  public static Path twoAzWebService() {
    return path("snapshots/two-az-web-service.json");
  }
}
