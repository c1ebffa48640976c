package dev.fargatedoctor.snapshot.ec2;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.fargatedoctor.snapshot.Lists;
import java.util.List;
import java.util.Optional;

/**
 * DescribeRouteTables entry. A subnet without an explicit association uses its VPC's main table.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record RouteTable(
    String routeTableId,
    String vpcId,
    List<Route> routes,
    List<Association> associations,
    List<Tag> tags) {
  public RouteTable {
    routes = Lists.of(routes);
    associations = Lists.of(associations);
    tags = Lists.of(tags);
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record Association(
      String routeTableAssociationId,
      String routeTableId,
      String subnetId,
      String gatewayId,
      Boolean main) {
    public boolean isMain() {
      return Boolean.TRUE.equals(main);
    }
  }

  public boolean isMain() {
    return associations.stream().anyMatch(Association::isMain);
  }

  public Optional<Association> associationFor(String subnetId) {
    return associations.stream().filter(a -> subnetId.equals(a.subnetId())).findFirst();
  }

  /** The IPv4 default route (0.0.0.0/0), if the table has one. */
  public Optional<Route> defaultRoute() {
    return routes.stream().filter(r -> "0.0.0.0/0".equals(r.destinationCidrBlock())).findFirst();
  }
}
