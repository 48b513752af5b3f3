package io.reductor.bench.report;

import io.reductor.bench.clients.Client;

import java.util.List;

/**
 * Everything one run of the end-to-end benchmarks measured, as written to {@code results.json}.
 *
 * @param environment where and how it ran
 * @param ingest      the ingest rows: one per client and setting
 * @param rateLimited the rate-limited ingest rows: one per client and setting (empty in a {@code results.json}
 *                    written before that scenario existed)
 * @param upload      the upload rows: one per client and upload path
 * @param listing     the listing rows: one per client
 * @param jmh         the JMH rows: one per benchmark method
 */
public record Report(Environment environment, List<IngestRow> ingest, List<RateLimitedRow> rateLimited,
                     List<UploadRow> upload, List<ListingRow> listing, List<JmhRow> jmh) {

    /** Reads a missing list of rate-limited rows as an empty one. */
    public Report {
        rateLimited = rateLimited == null ? List.of() : rateLimited;
    }

    /**
     * The machine and software a run measured on.
     *
     * @param startedAt  ISO-8601 instant the run started
     * @param cores      available processors
     * @param os         operating system name, version and architecture
     * @param jvm        the JVM of the client processes (vendor, name, version)
     * @param node       {@code node --version}, or {@code "not found"}
     * @param tsSdk      the official TypeScript SDK's package and version
     * @param commit     the repository's commit, or {@code "unknown"}
     * @param smoke      whether this was the short smoke run, whose figures mean nothing
     * @param documents  documents per ingest run
     * @param longPoll   how the simulator held long polls of {@code GET /job} in the ingest benchmark
     */
    public record Environment(String startedAt, int cores, String os, String jvm, String node, String tsSdk,
                              String commit, boolean smoke, int documents, String longPoll) {
    }

    /**
     * One client's ingest of {@code documents} documents through {@code pipeline_async}, awaited to completion.
     *
     * @param client              which client ({@link Client#id()})
     * @param mode                {@code cold} (a fresh process) or {@code warm} (the same process after an unmeasured
     *                            warm-up of the same size); {@code cold} when missing from an older
     *                            {@code results.json}
     * @param jvm                 the client JVM's recipe ({@code default}, {@code c1}, {@code c1-serial-64m},
     *                            {@code batch}); {@code default} for Node and when missing
     * @param processingMs        the simulator's processing time per job
     * @param concurrency         jobs in flight at most
     * @param documents           documents submitted
     * @param completed           jobs that completed
     * @param failed              jobs that failed or whose calls failed
     * @param seconds             wall time of the work (from GO to the last terminal status)
     * @param jobsPerSecond       completed jobs per second of wall time
     * @param requestsPerJob      HTTP requests the simulator received per document
     * @param cpuSecondsPer1000   client user+sys CPU seconds during the work, per 1,000 documents
     * @param allocatedKibPerJob  heap KiB the client JVM allocated during the work, per document ({@code NaN} for
     *                            Node, which does not count its allocation)
     * @param processCpuSeconds   client user+sys CPU seconds over the process's whole life, start-up (and a warm
     *                            run's warm-up) included
     * @param peakRssMb           client peak resident set size ({@code VmHWM}), MiB
     */
    public record IngestRow(String client, String mode, String jvm, int processingMs, int concurrency, int documents,
                            int completed, int failed, double seconds, double jobsPerSecond, double requestsPerJob,
                            double cpuSecondsPer1000, double allocatedKibPerJob, double processCpuSeconds,
                            double peakRssMb) {

        /** Reads a missing mode as {@code cold} and a missing JVM recipe as {@code default}. */
        public IngestRow {
            mode = mode == null ? "cold" : mode;
            jvm = jvm == null ? "default" : jvm;
        }
    }

    /**
     * One client's ingest against a rate-limited simulator: each document uploaded, submitted to
     * {@code pipeline_async} and awaited, while the simulator answers requests beyond its limits with 429
     * {@code [CODE 1000]} (or {@code [CODE 2000]} for job polls) and no {@code Retry-After}, as the real service does.
     *
     * @param client              which client ({@link Client#id()})
     * @param mode                {@code cold} or {@code warm}, as for {@link IngestRow}; {@code cold} when missing
     * @param requestsPerSecond   the simulator's limit on all requests
     * @param pollsPerSecond      the simulator's limit on job polls ({@code GET /job/{id}}), which also count against
     *                            {@code requestsPerSecond}
     * @param concurrency         documents in flight at most
     * @param documents           documents to ingest
     * @param completed           documents whose job completed
     * @param failed              documents whose job was created but did not complete: it failed, or the client gave
     *                            up awaiting it
     * @param rejected            documents for which no job was known to be created: the upload or the submission
     *                            failed
     * @param stalledUploads      of the rejected, documents whose upload had no answer within the harness's patience
     *                            and was abandoned
     * @param jobsCreated         jobs the simulator created
     * @param duplicateJobs       jobs the simulator created beyond the first for the same uploaded file
     * @param rateLimitedAnswers  requests the simulator answered with 429
     * @param requestsPerDocument HTTP requests the simulator received per document, 429s included
     * @param seconds             wall time of the work (from GO to the last document's outcome)
     * @param floorSeconds        the least time the limits allow: 3 requests per document at
     *                            {@code requestsPerSecond}, or 1 poll per document at {@code pollsPerSecond},
     *                            whichever is longer
     * @param floorMultiple       {@code seconds / floorSeconds}
     * @param cpuSeconds          client user+sys CPU seconds during the work
     * @param allocatedKibPerDocument heap KiB the client JVM allocated during the work, per document ({@code NaN}
     *                            for Node)
     * @param processCpuSeconds   client user+sys CPU seconds over the process's whole life, start-up included
     * @param peakRssMb           client peak resident set size ({@code VmHWM}), MiB
     */
    public record RateLimitedRow(String client, String mode, int requestsPerSecond, int pollsPerSecond, int concurrency,
                                 int documents, int completed, int failed, int rejected, int stalledUploads,
                                 long jobsCreated,
                                 long duplicateJobs, long rateLimitedAnswers, double requestsPerDocument,
                                 double seconds, double floorSeconds, double floorMultiple, double cpuSeconds,
                                 double allocatedKibPerDocument, double processCpuSeconds, double peakRssMb) {

        /** Reads a missing mode as {@code cold}. */
        public RateLimitedRow {
            mode = mode == null ? "cold" : mode;
        }

        /**
         * Whether every document was ingested exactly once: all completed, none failed or rejected, one job each.
         *
         * @return {@code true} if nothing was lost or duplicated
         */
        public boolean everyDocumentOnce() {
            return completed == documents && failed == 0 && rejected == 0 && duplicateJobs == 0
                    && jobsCreated == documents;
        }

        /**
         * How the setting is named in tables and verdicts.
         *
         * @return for example {@code "50/s, 20 polls/s, c64"}
         */
        public String setting() {
            return requestsPerSecond + "/s, " + pollsPerSecond + " polls/s, c" + concurrency;
        }

        /**
         * How the setting and mode are named in verdicts.
         *
         * @return for example {@code "50/s, 20 polls/s, c64 warm"}
         */
        public String settingAndMode() {
            return setting() + " " + mode;
        }
    }

    /**
     * One upload of a large file.
     *
     * @param client       which client ({@link Client#id()})
     * @param path         {@code direct} (multipart {@code POST /upload}) or {@code presigned} ({@code PUT} to storage)
     * @param bytes        bytes of the file
     * @param seconds      wall time of the upload
     * @param mbPerSecond  MB/s (10^6 bytes per second)
     * @param verified     whether the simulator received exactly the file's bytes (size and SHA-256)
     * @param heapPeakMb   peak heap use reported by the client JVM, MiB
     * @param heapMaxMb    the client JVM's maximum heap, MiB
     * @param peakRssMb    client peak resident set size, MiB
     * @param cpuSeconds   client user+sys CPU seconds during the upload
     */
    public record UploadRow(String client, String path, long bytes, double seconds, double mbPerSecond,
                            boolean verified, double heapPeakMb, double heapMaxMb, double peakRssMb,
                            double cpuSeconds) {
    }

    /**
     * One listing of every job through {@code GET /jobs} pages.
     *
     * @param client        which client ({@link Client#id()})
     * @param jobs          jobs received
     * @param expected      jobs the simulator held
     * @param requests      HTTP requests the simulator received
     * @param seconds       wall time of the listing
     * @param jobsPerSecond jobs per second
     * @param heapPeakMb    peak heap use reported by the client JVM, MiB
     * @param heapMaxMb     the client JVM's maximum heap, MiB
     * @param peakRssMb     client peak resident set size, MiB
     * @param cpuSeconds    client user+sys CPU seconds during the listing
     */
    public record ListingRow(String client, long jobs, long expected, long requests, double seconds,
                             double jobsPerSecond, double heapPeakMb, double heapMaxMb, double peakRssMb,
                             double cpuSeconds) {
    }

    /**
     * One JMH benchmark's result.
     *
     * @param benchmark         the benchmark method
     * @param score             average time per operation
     * @param error             the 99.9% error margin, or {@code NaN} when JMH gives none
     * @param unit              the score's unit
     * @param allocBytesPerOp   bytes allocated per operation ({@code gc.alloc.rate.norm}), or {@code NaN}
     */
    public record JmhRow(String benchmark, double score, double error, String unit, double allocBytesPerOp) {
    }
}
