package dev.fargatedoctor.check;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The catalogue, sorted by id. A check registers itself with {@code @AutoService(Check.class)} next
 * to its {@code @CheckInfo}, so adding one touches no list here; the catalogue test proves every
 * {@code @CheckInfo} class is registered, documented and unique, and {@code docs/checks.md} is the
 * diff-able list a reviewer reads.
 */
public final class CheckRegistry {
  private static final List<Check> ALL =
      ServiceLoader.load(Check.class, CheckRegistry.class.getClassLoader()).stream()
          .map(ServiceLoader.Provider::get)
          .sorted(Comparator.comparing(c -> c.info().id()))
          .toList();

  private CheckRegistry() {}

  public static List<Check> all() {
    return ALL;
  }

  public static Optional<Check> byId(String id) {
    return ALL.stream().filter(c -> c.info().id().equalsIgnoreCase(id)).findFirst();
  }

  /** The long documentation of a check, from {@code checks/<ID>.md} on the classpath. */
  public static Optional<String> documentation(String id) {
    try (var in = CheckRegistry.class.getResourceAsStream("/checks/" + id + ".md")) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
