package dev.fargatedoctor.check.network;

import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a service's tasks must reach to start, read from its task definition: ECR (API, registry and
 * S3, where image layers are served from) for images of this region's ECR, the internet for any
 * other registry, CloudWatch Logs for the awslogs driver, Secrets Manager and SSM Parameter Store
 * for secrets. Without the task definition it assumes the common case: ECR and Logs.
 */
public record ServiceNeeds(List<Destination> destinations, List<String> reasons, boolean assumed) {

  public static ServiceNeeds of(
      Service service, Optional<TaskDefinition> taskDefinition, String region) {
    if (taskDefinition.isEmpty()) {
      return new ServiceNeeds(
          List.of(
              Destination.service(AwsService.ECR_API),
              Destination.service(AwsService.ECR_DKR),
              Destination.service(AwsService.S3),
              Destination.service(AwsService.LOGS)),
          List.of("task definition not in the snapshot: assumed ECR images and awslogs"),
          true);
    }
    Set<AwsService> services = new LinkedHashSet<>();
    boolean internet = false;
    List<String> reasons = new ArrayList<>();
    for (TaskDefinition.ContainerDefinition c : taskDefinition.get().containerDefinitions()) {
      String image = c.image() == null ? "" : c.image();
      if (isRegionalEcr(image, region)) {
        services.add(AwsService.ECR_API);
        services.add(AwsService.ECR_DKR);
        services.add(AwsService.S3);
        reasons.add(c.name() + ": image from ECR in " + region);
      } else if (!image.isEmpty()) {
        internet = true;
        reasons.add(
            c.name()
                + ": image "
                + image
                + " from outside this region's ECR (pulled over the internet)");
      }
      if (c.logConfiguration() != null && "awslogs".equals(c.logConfiguration().logDriver())) {
        services.add(AwsService.LOGS);
      }
      for (TaskDefinition.Secret s : c.secrets()) {
        String from = s.valueFrom() == null ? "" : s.valueFrom();
        if (from.startsWith("arn:") && from.contains(":secretsmanager:")) {
          services.add(AwsService.SECRETS_MANAGER);
        } else {
          services.add(AwsService.SSM);
        }
      }
    }
    if (services.contains(AwsService.LOGS)) reasons.add("awslogs log driver");
    if (services.contains(AwsService.SECRETS_MANAGER)) reasons.add("secrets from Secrets Manager");
    if (services.contains(AwsService.SSM)) reasons.add("secrets from SSM Parameter Store");
    List<Destination> out =
        new ArrayList<>(services.stream().sorted().map(Destination::service).toList());
    if (internet) out.add(Destination.internet());
    return new ServiceNeeds(out, reasons, false);
  }

  // ACCOUNT.dkr.ecr.REGION.amazonaws.com/repo:tag — an endpoint of another region is not in this
  // VPC.
  static boolean isRegionalEcr(String image, String region) {
    int slash = image.indexOf('/');
    String host = slash < 0 ? "" : image.substring(0, slash);
    return host.contains(".dkr.ecr." + region + ".amazonaws.com");
  }
}
