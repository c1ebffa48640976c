package dev.fargatedoctor.cli;

import dev.fargatedoctor.cli.watch.notify.NotifyTarget;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a --notify value; the error names what is wrong, never a webhook's secret path. */
final class NotifyTargetOption implements ITypeConverter<NotifyTarget> {
  @Override
  public NotifyTarget convert(String value) {
    try {
      return NotifyTarget.parse(value.trim());
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
