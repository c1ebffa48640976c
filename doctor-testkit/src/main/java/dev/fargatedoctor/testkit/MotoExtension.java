package dev.fargatedoctor.testkit;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Gives tests a {@link MotoServer}, started once per test run and stopped when the run ends, and a
 * {@link MotoEnvironment}: a freshly reset account in us-east-1 with SDK clients for it, injected
 * into a test's (or a lifecycle method's) parameter of that type, or into a non-static field of
 * that type before each test, and closed when that test (or class, for {@code @BeforeAll}) ends.
 * When moto is not installed the tests are skipped with a clear message, except under {@code
 * CI=true}, where a missing emulator is a failure: CI must never pass by skipping. Every class that
 * uses it runs with moto's fake credentials, so nothing under test can pick up a real profile from
 * the machine.
 */
public final class MotoExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
  /** The region a {@link MotoEnvironment} is built for. */
  public static final String REGION = "us-east-1";

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(MotoExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    System.clearProperty("aws.sessionToken");
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IllegalAccessException {
    Object test = context.getRequiredTestInstance();
    for (Class<?> type = test.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) continue;
        Object value =
            field.getType() == MotoEnvironment.class
                ? environment(context)
                : field.getType() == MotoServer.class ? server(context) : null;
        if (value == null) continue;
        field.setAccessible(true);
        field.set(test, value);
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == MotoServer.class || type == MotoEnvironment.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MotoServer.class
        ? server(context)
        : environment(context);
  }

  private static MotoServer server(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NS)
        .getOrComputeIfAbsent("server", k -> start(), Running.class)
        .server;
  }

  /** One reset account per test (or per class, when a @BeforeAll asks first). */
  private static MotoEnvironment environment(ExtensionContext context) {
    MotoServer server = server(context);
    return context
        .getStore(NS)
        .getOrComputeIfAbsent(
            "environment",
            k -> {
              server.reset();
              return new MotoEnvironment(server.endpoint(), REGION);
            },
            MotoEnvironment.class);
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
