package dev.fargatedoctor.check.capacity;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The vCPU of a Fargate task from its task-level {@code cpu}: CPU units as the API returns them
 * ("512" = 0.5 vCPU, 1024 units to a vCPU), or the "1 vCPU" form the console and CLI accept.
 */
final class TaskSize {
  private TaskSize() {}

  public static OptionalDouble vcpu(String cpu) {
    if (cpu == null || cpu.isBlank()) return OptionalDouble.empty();
    String text = cpu.trim().toLowerCase(Locale.ROOT);
    try {
      if (text.endsWith("vcpu")) {
        double v = Double.parseDouble(text.substring(0, text.length() - 4).trim());
        return v > 0 ? OptionalDouble.of(v) : OptionalDouble.empty();
      }
      double units = Double.parseDouble(text);
      return units > 0 ? OptionalDouble.of(units / 1024.0) : OptionalDouble.empty();
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }
}
