package dev.fargatedoctor.collect;

import dev.fargatedoctor.snapshot.metrics.MetricLabel;
import dev.fargatedoctor.snapshot.metrics.MetricSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * Joins GetMetricData's pages into one series per query. A query's points may span pages (each page
 * but the last says PartialData and carries a NextToken), so points are appended and the status of
 * the last page that named the query is the series' status. Every query gets a series, an empty one
 * when CloudWatch had no point: "asked, nothing there" is a fact the checks need.
 */
final class MetricPages {
  /** The query id of the i-th query of a batch. */
  static String id(int i) {
    return "m" + i;
  }

  private MetricPages() {}

  static List<MetricSeries> join(List<MetricLabel> batch, Iterable<GetMetricDataResponse> pages) {
    Map<String, List<Instant>> times = new HashMap<>();
    Map<String, List<Double>> values = new HashMap<>();
    Map<String, String> status = new HashMap<>();
    for (GetMetricDataResponse page : pages) {
      for (MetricDataResult r : page.metricDataResults()) {
        times.computeIfAbsent(r.id(), k -> new ArrayList<>()).addAll(r.timestamps());
        values.computeIfAbsent(r.id(), k -> new ArrayList<>()).addAll(r.values());
        status.put(r.id(), r.statusCodeAsString());
      }
    }
    List<MetricSeries> out = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      String id = id(i);
      // A query no page answered for has unknown points: partial, never "no data".
      out.add(
          batch
              .get(i)
              .series(
                  times.getOrDefault(id, List.of()),
                  values.getOrDefault(id, List.of()),
                  status.getOrDefault(id, "PartialData")));
    }
    return out;
  }
}
