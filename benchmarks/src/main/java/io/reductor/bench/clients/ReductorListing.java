package io.reductor.bench.clients;

import io.reductor.bench.harness.ChildMain;
import io.reductor.core.model.job.ListJobsRequest;
import io.reductor.reactor.ReductoClient;

import java.util.Map;

/**
 * The listing benchmark with Reductor: counts every job through {@code ReductoClient.jobs(ListJobsRequest)}, which
 * follows {@code GET /jobs} cursor pages with {@code exclude_configs=true}.
 *
 * <p>Arguments: {@code --base-url}, {@code --api-key}, {@code --page-size} (default 500, the API's largest). The
 * client is built before {@code READY}; {@code RESULT} is {@code {"jobs", "seconds", "heapPeakBytes",
 * "heapMaxBytes"}}. Speaks {@link ChildMain}'s protocol.
 */
public final class ReductorListing {

    private ReductorListing() {
    }

    /**
     * Runs the listing as a {@link ChildMain} process.
     *
     * @param args {@code --name=value} arguments
     */
    public static void main(String[] args) {
        ChildMain.run(args, options -> {
            int pageSize = Integer.parseInt(options.getOrDefault("page-size", "500"));
            ListJobsRequest request = ListJobsRequest.builder().limit(pageSize).excludeConfigs(true).build();
            ReductoClient client = ReductoClient.builder()
                    .apiKey(ChildMain.required(options, "api-key"))
                    .baseUrl(ChildMain.required(options, "base-url"))
                    .build();
            return () -> {
                long start = System.nanoTime();
                Long jobs = client.jobs(request).count().block();
                double seconds = (System.nanoTime() - start) / 1e9;
                return ChildMain.withHeapFigures(Map.of("jobs", jobs, "seconds", seconds));
            };
        });
    }
}
