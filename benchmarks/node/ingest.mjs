// Ingestion benchmark for the official Reducto TypeScript SDK (reductoai), the Node side of the comparison with
// Reductor's Java client.
//
// What it measures: the wall time for `--count` documents to go through `pipeline_async` and reach a terminal
// status, with `--concurrency` workers sharing one SDK client. Each worker takes the next document index, uploads it
// with `client.upload` when given `--file` (each document is then an upload of that file's bytes, named
// invoice-<index>.txt; without it every document is the already uploaded `--document`), submits it with
// `client.pipeline.runJob` and waits for the job with `client.job.get`:
//   --mode=poll      get the job right away, then every `--poll-interval-ms` (default 500) until it is terminal;
//   --mode=longpoll  get the job with `?timeout=20`, so the server holds the request until the status changes or
//                    20 s pass, and ask again at once until it is terminal.
// The SDK keeps its defaults (retries, timeouts, HTTP agent): we measure what a user of the SDK gets. A document
// counts as rejected if its upload or submission still throws after the SDK's retries (no job known), as failed if
// its job ends Failed or Cancelled or a `job.get` still throws after the SDK's retries. Either is counted and the
// other documents go on; only a fault of the harness itself ends the process with ERROR.
//
// `--upload-stall-seconds=N` abandons (aborts) an upload that has no answer after N seconds and counts the document
// as rejected and stalled. reductoai 0.16.0 builds a multipart body as a stream once per call; when it retries an
// upload (after a 429, say) it sends the already consumed stream again: the request announces its Content-Length but
// carries no bytes, and waits for an answer until its timeout (1 hour by default). Without the option the harness
// waits as long as the SDK does.
//
// Process protocol (the same as the Java runner's ChildMain):
//   arguments   --base-url --api-key --pipeline-id (--document | --file) --count --concurrency --mode
//               [--poll-interval-ms] [--upload-stall-seconds] [--warm-up=true]
//   stdout      READY once the client is built; after `GO` on stdin, the work, then
//               RESULT {"completed":<n>,"failed":<n>,"rejected":<n>,"stalled":<n>,"seconds":<float>}
//               With --warm-up=true (a warm run) the first `GO` starts an unmeasured run of the same work with the
//               same client, reported as WARMED {...}; the second `GO` starts the measured work. Node does not count
//               the bytes it allocates, so RESULT has no allocation figure (process.memoryUsage() gives heap
//               occupancy, which garbage collection moves both ways, not allocation).
//   exit        0 when stdin closes after RESULT (the runner reads CPU time and peak RSS from /proc before that);
//               on any failure, ERROR <message> and exit 1.
// stdout carries only READY, RESULT and ERROR; logs go to stderr.
//
// By hand (after `npm ci` here): printf 'GO\n' | node ingest.mjs --base-url=http://127.0.0.1:PORT --api-key=KEY \
//   --pipeline-id=bench --document=reducto://FILE --count=2000 --concurrency=64 --mode=longpoll

import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import Reducto, { toFile } from 'reductoai';

const LONG_POLL_SECONDS = 20;
const TERMINAL_STATUSES = new Set(['completed', 'failed', 'cancelled']);
const ERRORS_SHOWN = 5;

function fail(message) {
  process.stdout.write(`ERROR ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(1);
}

// An error's message with its causes, e.g. the SDK's "Connection error." with the underlying socket error.
function describe(error) {
  const messages = [];
  for (let cause = error; cause; cause = cause.cause) messages.push(cause.message ?? String(cause));
  return messages.join(' <- ');
}

function positiveInteger(options, name) {
  const value = Number(options[name]);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`--${name} must be a positive integer, got ${options[name]}`);
  }
  return value;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      'base-url': { type: 'string' },
      'api-key': { type: 'string' },
      'pipeline-id': { type: 'string' },
      document: { type: 'string' },
      file: { type: 'string' },
      count: { type: 'string' },
      concurrency: { type: 'string' },
      mode: { type: 'string' },
      'poll-interval-ms': { type: 'string', default: '500' },
      'upload-stall-seconds': { type: 'string', default: '0' },
      'warm-up': { type: 'string', default: 'false' },
    },
    strict: true,
  });
  for (const name of ['base-url', 'api-key', 'pipeline-id', 'count', 'concurrency', 'mode']) {
    if (!values[name]) throw new Error(`missing --${name}`);
  }
  if (!values.document === !values.file) throw new Error('give either --document or --file');
  try {
    new URL(values['base-url']);
  } catch {
    throw new Error(`--base-url is not a URL: ${values['base-url']}`);
  }
  if (values.mode !== 'poll' && values.mode !== 'longpoll') {
    throw new Error(`--mode must be poll or longpoll, got ${values.mode}`);
  }
  const pollIntervalMs = Number(values['poll-interval-ms']);
  if (!Number.isSafeInteger(pollIntervalMs) || pollIntervalMs < 0) {
    throw new Error(`--poll-interval-ms must be a non-negative integer, got ${values['poll-interval-ms']}`);
  }
  const uploadStallSeconds = Number(values['upload-stall-seconds']);
  if (!Number.isSafeInteger(uploadStallSeconds) || uploadStallSeconds < 0) {
    throw new Error(`--upload-stall-seconds must be a non-negative integer, got ${values['upload-stall-seconds']}`);
  }
  return {
    baseURL: values['base-url'],
    apiKey: values['api-key'],
    pipelineId: values['pipeline-id'],
    document: values.document,
    content: values.file ? readFileSync(values.file) : null,
    count: positiveInteger(values, 'count'),
    concurrency: positiveInteger(values, 'concurrency'),
    longPoll: values.mode === 'longpoll',
    pollIntervalMs,
    uploadStallMs: uploadStallSeconds * 1000,
    warmUp: values['warm-up'] === 'true',
  };
}

// Reads stdin line by line: nextLine() resolves with the next line (null at EOF); closed resolves when stdin closes.
// EOF may come before the work ends (e.g. `printf 'GO\n' | node ingest.mjs ...`): the work still finishes and RESULT
// is still printed.
function watchStdin() {
  const lines = createInterface({ input: process.stdin });
  const received = [];
  const waiting = [];
  let ended = false;
  lines.on('line', (line) => (waiting.length > 0 ? waiting.shift()(line) : received.push(line)));
  const closed = new Promise((resolve) => lines.once('close', resolve));
  closed.then(() => {
    ended = true;
    waiting.splice(0).forEach((resolve) => resolve(null));
  });
  const nextLine = () => {
    if (received.length > 0) return Promise.resolve(received.shift());
    if (ended) return Promise.resolve(null);
    return new Promise((resolve) => waiting.push(resolve));
  };
  return { nextLine, closed };
}

async function expectGo(stdin) {
  const line = await stdin.nextLine();
  if (line?.trim() !== 'GO') throw new Error(`expected GO on stdin but read ${line === null ? 'end of input' : line}`);
}

async function timed(client, options) {
  const start = process.hrtime.bigint();
  const outcomes = await ingest(client, options);
  return { ...outcomes, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

async function ingest(client, options) {
  const { pipelineId, document, content, count, concurrency, longPoll, pollIntervalMs, uploadStallMs } = options;
  // The SDK's default request timeout (1 hour, src/index.ts) is far above the long-poll hold, so no override.
  const getOptions = longPoll ? { query: { timeout: LONG_POLL_SECONDS } } : undefined;
  let next = 0;
  let completed = 0;
  let failed = 0;
  let rejected = 0;
  let stalled = 0;

  const report = (message) => {
    if (failed + rejected <= ERRORS_SHOWN) console.error(message);
  };
  const recordFailure = (message) => {
    failed += 1;
    report(`job failed: ${message}`);
  };
  const recordRejection = (message) => {
    rejected += 1;
    report(`document rejected: ${message}`);
  };

  // The document's input: its upload's file id, or the shared --document.
  const input = async (index) => {
    if (!content) return document;
    const file = await toFile(content, `invoice-${index}.txt`);
    const signal = uploadStallMs > 0 ? AbortSignal.timeout(uploadStallMs) : undefined;
    try {
      const { file_id: fileId } = await client.upload({ file }, { signal });
      return fileId;
    } catch (error) {
      if (!signal?.aborted) throw error;
      stalled += 1;
      throw new Error(`upload stalled: no answer within ${uploadStallMs / 1000} s`, { cause: error });
    }
  };

  const awaitJob = async (jobId) => {
    for (;;) {
      const job = await client.job.get(jobId, getOptions);
      if (TERMINAL_STATUSES.has(String(job.status).toLowerCase())) return job;
      if (!longPoll) await sleep(pollIntervalMs);
    }
  };

  const worker = async () => {
    while (next < count) {
      const index = next++;
      let jobId;
      try {
        ({ job_id: jobId } = await client.pipeline.runJob({ input: await input(index), pipeline_id: pipelineId }));
      } catch (error) {
        recordRejection(`document ${index}: ${describe(error)}`);
        continue;
      }
      try {
        const job = await awaitJob(jobId);
        if (job.status.toLowerCase() === 'completed') {
          completed += 1;
        } else {
          recordFailure(`document ${index}, job ${jobId}: ${job.status}${job.reason ? ` (${job.reason})` : ''}`);
        }
      } catch (error) {
        recordFailure(`document ${index}, job ${jobId}: ${describe(error)}`);
      }
    }
  };

  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (failed + rejected > ERRORS_SHOWN) {
    console.error(`${failed + rejected - ERRORS_SHOWN} more failed or rejected documents not shown`);
  }
  return { completed, failed, rejected, stalled };
}

async function main() {
  const options = parseOptions();
  const client = new Reducto({ apiKey: options.apiKey, baseURL: options.baseURL });
  const stdin = watchStdin();
  process.stdout.write('READY\n');

  await expectGo(stdin);
  if (options.warmUp) {
    process.stdout.write(`WARMED ${JSON.stringify(await timed(client, options))}\n`);
    await expectGo(stdin);
  }
  process.stdout.write(`RESULT ${JSON.stringify(await timed(client, options))}\n`);

  await stdin.closed;
  process.exit(0);
}

main().catch((error) => fail(describe(error)));
