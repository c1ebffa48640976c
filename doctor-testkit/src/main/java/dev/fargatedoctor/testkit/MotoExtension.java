package dev.fargatedoctor.testkit;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Gives tests a {@link MotoServer}, started once per test run and stopped when the run ends. When
 * moto is not installed the tests are skipped with a clear message, except under {@code CI=true},
 * where a missing emulator is a failure: CI must never pass by skipping. Every class that uses it
 * runs with moto's fake credentials, so nothing under test can pick up a real profile from the
 * machine.
 */
public final class MotoExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(MotoExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    System.clearProperty("aws.sessionToken");
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MotoServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NS)
        .getOrComputeIfAbsent("server", k -> start(), Running.class)
        .server;
  }

  private static Running start() {
    if (MotoServer.command().isEmpty()) {
      String message =
          "moto is not installed (moto_server not on PATH, no python3 -m moto.server): "
              + "pip install 'moto[server]' to run the integration tests";
      if ("true".equalsIgnoreCase(System.getenv("CI")))
        throw new ExtensionConfigurationException(message);
      throw new TestAbortedException(message);
    }
    try {
      // AWS managed policies (AmazonECSTaskExecutionRolePolicy...) exist only when moto loads them.
      return new Running(MotoServer.start(Map.of("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")));
    } catch (IOException e) {
      throw new ExtensionConfigurationException(
          "could not start moto_server: " + e.getMessage(), e);
    }
  }

  /** Closed by JUnit when the root context ends: the server lives for the whole run. */
  private record Running(MotoServer server) implements AutoCloseable {
    @Override
    public void close() {
      server.close();
    }
  }
}
