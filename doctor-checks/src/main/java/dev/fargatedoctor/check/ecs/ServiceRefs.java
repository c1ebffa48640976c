package dev.fargatedoctor.check.ecs;

import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.snapshot.ecs.Service;

/** How the ECS checks name a service: CLUSTER/SERVICE, with its ARN. */
final class ServiceRefs {
  private ServiceRefs() {}

  static Resource resource(Service service) {
    return new Resource(
        "service", service.clusterName() + "/" + service.serviceName(), service.serviceArn());
  }
}
