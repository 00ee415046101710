// The ingest worker thread: decoding, validation and the database writes of ingest, and the
// roll-up passes, run here so the broker on the main thread keeps a core of its own. It opens its
// own connection to the same database; outcomes go back per batch, in one message, and what was
// stored goes back for the live feed once it is in the roll-ups.
import { parentPort, workerData } from 'node:worker_threads';
import { liveEventsOf } from '../http/live-feed.js';
import { createLogger } from '../logger.js';
import { createPseudonymizer } from '../privacy/pseudonym.js';
import { HubRepository } from '../storage/repository.js';
import { IngestCounters, snapshotCounters } from './ingest-counters.js';
import { IngestPipeline, type Outcome } from './ingest-pipeline.js';
import { liveAfterRollups } from './live-after-rollups.js';
import { RollupLoop, rollupPauseMs } from './rollup-loop.js';
import type { FromWorker, IngestWorkerData, ToWorker } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('ingest-worker.js runs as a worker thread');
const data = workerData as IngestWorkerData;
const post = (m: FromWorker) => port.postMessage(m);
const logger = createLogger(data.logLevel).child({ module: 'hub.ingest' });

async function main(): Promise<void> {
  const repo = await HubRepository.open({
    dataDir: data.dataDir,
    now: Date.now,
    ...(data.databaseUrl !== undefined && { databaseUrl: data.databaseUrl }),
    ...(data.schema !== undefined && { schema: data.schema }),
  });
  const counters = new IngestCounters();
  const rollups = new RollupLoop({
    rollUp: (limit) => repo.rollups.rollUpPending(limit),
    logger: logger.child({ module: 'hub.rollups' }),
    pauseMs: rollupPauseMs,
  });
  const live = liveAfterRollups(rollups, (events) => post({ type: 'stored', events }));

  const pipeline = new IngestPipeline({
    repo,
    pseudonymize: createPseudonymizer(Buffer.from(data.hubKey)),
    counters,
    logger,
    now: Date.now,
    onStored: (messages) => {
      void repo.rollups.accumulate(messages).then(
        () => rollups.nudge(),
        (err: Error) =>
          logger.warn({ err: err.message }, 'roll-up sums not kept in memory; the queue has them'),
      );
      const statuses = messages.flatMap((m) => (m.kind === 'status' ? [m.message] : []));
      if (statuses.length > 0) post({ type: 'status', statuses });
      live.announce(liveEventsOf(messages));
    },
  });
  await rollups.start();

  // Outcomes settle together after a commit; gather them and post once per turn of the event loop.
  let results: [number, Outcome | { error: string }][] = [];
  let posting = false;
  const settle = (id: number, r: Outcome | { error: string }) => {
    results.push([id, r]);
    if (posting) return;
    posting = true;
    setImmediate(() => {
      posting = false;
      post({ type: 'settled', results, counters: snapshotCounters(counters) });
      results = [];
    });
  };

  port!.on('message', (m: ToWorker) => {
    switch (m.type) {
      case 'submit':
        for (const s of m.submissions)
          pipeline
            .submit({
              topic: s.topic,
              payload: s.payload,
              receivedAt: s.receivedAt,
              ...(s.clientId !== undefined && { clientId: s.clientId }),
            })
            .then(
              (outcome) => settle(s.id, outcome),
              (err: Error) => settle(s.id, { error: err.message }),
            );
        break;
      case 'drain':
        void pipeline
          .drain()
          .then(() => rollups.drain())
          .then(() => post({ type: 'drained', id: m.id }));
        break;
      case 'stop':
        void (async () => {
          await pipeline.drain();
          await rollups.stop();
          live.flush();
          await repo.close();
          post({ type: 'stopped' });
          port!.close();
        })();
        break;
    }
  });
  post({ type: 'ready' });
}

main().catch((err: Error) => post({ type: 'failed', message: err.message }));
