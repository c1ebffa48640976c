package dev.fargatedoctor.check;

import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The unit of a {@link Quantity}: how people read it ("92.3 %") and the suffix its fact's key ends
 * with ({@code utilisationPercent}), so a script never has to guess what a number counts.
 */
enum Unit {
  PERCENT("%", "Percent", Unit::oneDecimal),
  SECONDS("s", "Seconds", Unit::wholeOrTwoDecimals);

  private final String symbol;
  private final String keySuffix;
  private final DoubleFunction<String> format;

  Unit(String symbol, String keySuffix, DoubleFunction<String> format) {
    this.symbol = symbol;
    this.keySuffix = keySuffix;
    this.format = format;
  }

  public String symbol() {
    return symbol;
  }

  /** What a fact key of this unit ends with: {@code Percent}, {@code Seconds}. */
  public String keySuffix() {
    return keySuffix;
  }

  /** The amount as people read it, without the symbol. */
  public String format(double amount) {
    return format.apply(amount);
  }

  private static String oneDecimal(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String wholeOrTwoDecimals(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
