package dev.fargatedoctor.check.capacity;

import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How many of a number of tasks run on Fargate On-Demand, on Fargate Spot, and elsewhere (EC2
 * capacity providers), following a service's capacity provider strategy the way ECS does: the
 * provider with a base gets its base first, the rest is shared in proportion to the weights.
 *
 * @param assumed true when the service names neither a launch type nor a strategy, so the cluster's
 *     default strategy (not in the snapshot) decides; it is taken as Fargate On-Demand
 */
record FargateShare(int onDemand, int spot, int other, boolean assumed) {
  public static final FargateShare NONE = new FargateShare(0, 0, 0, false);

  public int of(FargatePool pool) {
    return pool == FargatePool.ON_DEMAND ? onDemand : spot;
  }

  public FargateShare plus(FargateShare o) {
    return new FargateShare(
        onDemand + o.onDemand, spot + o.spot, other + o.other, assumed || o.assumed);
  }

  /** Splits a service's task count between the pools. */
  public static FargateShare of(Service service, int tasks) {
    if (tasks <= 0) return NONE;
    List<Service.CapacityProviderItem> strategy = service.capacityProviderStrategy();
    if (strategy.isEmpty()) {
      String launchType = service.launchType();
      if (launchType == null) return new FargateShare(tasks, 0, 0, true);
      return "FARGATE".equals(launchType)
          ? new FargateShare(tasks, 0, 0, false)
          : new FargateShare(0, 0, tasks, false);
    }
    int[] counts = new int[strategy.size()];
    int remaining = tasks;
    for (int i = 0; i < strategy.size() && remaining > 0; i++) {
      int base = nz(strategy.get(i).base());
      int take = Math.min(base, remaining);
      counts[i] += take;
      remaining -= take;
    }
    long weights = strategy.stream().mapToLong(s -> Math.max(0, nz(s.weight()))).sum();
    if (remaining > 0 && weights > 0) {
      // Largest remainder: shares add up to exactly the remaining tasks, ties to the first listed.
      int given = 0;
      double[] fraction = new double[strategy.size()];
      for (int i = 0; i < strategy.size(); i++) {
        double exact = (double) remaining * Math.max(0, nz(strategy.get(i).weight())) / weights;
        int whole = (int) Math.floor(exact);
        counts[i] += whole;
        given += whole;
        fraction[i] = exact - whole;
      }
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < strategy.size(); i++) order.add(i);
      order.sort(Comparator.comparingDouble((Integer i) -> -fraction[i]).thenComparingInt(i -> i));
      for (int k = 0; k < remaining - given; k++) counts[order.get(k % order.size())]++;
    } else if (remaining > 0) {
      counts[0] +=
          remaining; // no weights: ECS would refuse the strategy; keep the tasks somewhere visible
    }
    int onDemand = 0;
    int spot = 0;
    int other = 0;
    for (int i = 0; i < strategy.size(); i++) {
      String provider = strategy.get(i).capacityProvider();
      if (FargatePool.ON_DEMAND.capacityProvider().equals(provider)) onDemand += counts[i];
      else if (FargatePool.SPOT.capacityProvider().equals(provider)) spot += counts[i];
      else other += counts[i];
    }
    return new FargateShare(onDemand, spot, other, false);
  }

  /** The pool a launched task runs in, or null when it is not a Fargate task. */
  public static FargatePool poolOf(Task task) {
    String provider = task.capacityProviderName();
    if (FargatePool.SPOT.capacityProvider().equals(provider)) return FargatePool.SPOT;
    if (FargatePool.ON_DEMAND.capacityProvider().equals(provider)) return FargatePool.ON_DEMAND;
    if (provider == null && (task.launchType() == null || "FARGATE".equals(task.launchType()))) {
      return FargatePool.ON_DEMAND;
    }
    return null;
  }

  private static int nz(Integer v) {
    return v == null ? 0 : v;
  }
}
