package dev.fargatedoctor.check.network;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a path goes: an AWS service endpoint of the region, "the internet", or an address and port.
 * All are TCP; AWS endpoints listen on 443.
 */
public record Destination(String label, AwsService service, Cidr address, int port) {

  public static Destination service(AwsService service) {
    return new Destination(service.description(), service, null, 443);
  }

  public static Destination internet() {
    return new Destination("the internet", null, null, 443);
  }

  public static Destination address(Cidr address, int port) {
    if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    return new Destination(
        (address.prefix() == 32 ? address.address() : address.toString()) + ":" + port,
        null,
        address,
        port);
  }

  /**
   * Parses what a user types after {@code --to}: a service name (ecr-api, ecr-dkr, s3, logs,
   * secrets, ssm, ssmmessages), {@code internet}, or {@code IP:PORT} / {@code CIDR:PORT}.
   */
  public static Optional<Destination> parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "internet":
        return Optional.of(internet());
      case "ecr-api":
      case "ecr.api":
        return Optional.of(service(AwsService.ECR_API));
      case "ecr-dkr":
      case "ecr.dkr":
        return Optional.of(service(AwsService.ECR_DKR));
      case "s3":
        return Optional.of(service(AwsService.S3));
      case "logs":
        return Optional.of(service(AwsService.LOGS));
      case "secrets":
      case "secretsmanager":
        return Optional.of(service(AwsService.SECRETS_MANAGER));
      case "ssm":
        return Optional.of(service(AwsService.SSM));
      case "ssmmessages":
        return Optional.of(service(AwsService.SSM_MESSAGES));
      default:
        break;
    }
    int colon = t.lastIndexOf(':');
    if (colon < 0) return Optional.empty();
    Optional<Cidr> cidr = Cidr.tryParse(t.substring(0, colon));
    try {
      int port = Integer.parseInt(t.substring(colon + 1));
      if (cidr.isEmpty() || port < 1 || port > 65535) return Optional.empty();
      return Optional.of(address(cidr.get(), port));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public String describe() {
    return label
        + (service == null && address == null
            ? " (tcp/" + port + ")"
            : service != null ? " (tcp/443)" : "");
  }
}
