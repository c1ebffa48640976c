package dev.fargatedoctor.check;

/**
 * An amount with its unit. Evidence shows it as people read it ("92.3 %"); facts hold the number,
 * under a key that ends with the unit ({@code utilisationPercent: 92.31}).
 */
public record Quantity(double amount, Unit unit) implements Fact {
  public static Quantity percent(double amount) {
    return new Quantity(amount, Unit.PERCENT);
  }

  public static Quantity of(double amount, Unit unit) {
    return new Quantity(amount, unit);
  }

  /** The amount alone, as people read it: "92.3". */
  public String number() {
    return unit.format(amount);
  }

  @Override
  public String shown() {
    return number() + " " + unit.symbol();
  }

  @Override
  public Number value() {
    return Fact.number(amount);
  }

  @Override
  public String keySuffix() {
    return unit.keySuffix();
  }

  @Override
  public String toString() {
    return shown();
  }
}
