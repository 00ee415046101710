#!/usr/bin/env node
// Leave-one-clip-out evaluation of the overhead detector (or detector + tracker) on the CAVIAR INRIA
// lobby clips: each clip is evaluated with the other clips' frame folders as the camera's past
// (`--reference`), never its own; `--cold` evaluates without any reference (the first frame is the
// background). Prints one JSON line per clip, then a pooled total line (detection: summed tp/fp/fn;
// track: pooled MOTA, IDF1 and detection counts; per-clip IDF1s averaged, plain and frame-weighted, beside them).
//   node scripts/eval-caviar.mjs detect|track [--data DIR] [--cold] [-- extra eval flags]
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const usage = `Usage: node scripts/eval-caviar.mjs detect|track [--data DIR] [--cold] [--only CLIP[,CLIP…]] [-- eval flags]
--data: the CAVIAR folder, one <Clip>/img + <Clip>/gt_mot.txt per clip (default ../shared/data/caviar).
--cold: no --reference (cold start). --only: evaluate these clips (references still use all the others).
Flags after -- go to every \`edge-agent eval detect|track\` run (e.g. -- --score 0.5).`;

function parse(argv) {
  const o = {
    mode: argv[0],
    data: path.resolve(root, '../shared/data/caviar'),
    cold: false,
    only: undefined,
    extra: [],
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      o.extra = argv.slice(i + 1);
      break;
    }
    if (a === '--cold') o.cold = true;
    else if (a === '--data') o.data = path.resolve(argv[++i] ?? '');
    else if (a === '--only') o.only = (argv[++i] ?? '').split(',');
    else throw new Error(`unknown argument ${a}`);
  }
  if (o.mode !== 'detect' && o.mode !== 'track') throw new Error('first argument must be detect or track');
  return o;
}

function clipsIn(data) {
  return readdirSync(data)
    .filter((c) => {
      try {
        return (
          statSync(path.join(data, c, 'img')).isDirectory() &&
          statSync(path.join(data, c, 'gt_mot.txt')).isFile()
        );
      } catch {
        return false;
      }
    })
    .sort();
}

function runClip(o, clips, clip) {
  const dir = path.join(o.data, clip);
  const args = [
    path.join(root, 'edge-agent/bin/edge-agent.js'),
    'eval',
    o.mode,
    '--frames',
    path.join(dir, 'img'),
    '--gt',
    path.join(dir, 'gt_mot.txt'),
    '--mounting',
    'overhead',
  ];
  const others = clips.filter((c) => c !== clip).map((c) => path.join(o.data, c, 'img'));
  if (!o.cold && others.length > 0) args.push('--reference', others.join(','));
  const run = spawnSync(process.execPath, [...args, ...o.extra], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = run.stdout.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !last.startsWith('{'))
    throw new Error(`${clip}: exit ${run.status}\n${run.stderr.slice(-2000)}`);
  const gtRows = readFileSync(path.join(dir, 'gt_mot.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0).length;
  return { clip, gtRows, ...JSON.parse(last) };
}

const r3 = (v) => (Number.isFinite(v) ? Math.round(v * 1000) / 1000 : null);

function pooled(o, results) {
  const frames = results.reduce((s, r) => s + r.frames, 0);
  const ms = results.reduce((s, r) => s + r.msPerFrame * r.frames, 0) / Math.max(1, frames);
  if (o.mode === 'detect') {
    const tp = results.reduce((s, r) => s + r.tp, 0);
    const fp = results.reduce((s, r) => s + r.fp, 0);
    const fn = results.reduce((s, r) => s + r.fn, 0);
    const precision = tp / Math.max(1, tp + fp);
    const recall = tp / Math.max(1, tp + fn);
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return {
      clip: 'POOLED',
      frames,
      precision: r3(precision),
      recall: r3(recall),
      f1: r3(f1),
      tp,
      fp,
      fn,
      msPerFrame: r3(ms),
    };
  }
  const gt = results.reduce((s, r) => s + r.gtRows, 0);
  const fp = results.reduce((s, r) => s + r.fp, 0);
  const fn = results.reduce((s, r) => s + r.fn, 0);
  const idSwitches = results.reduce((s, r) => s + r.idSwitches, 0);
  const tp = gt - fn;
  const idf1s = results.map((r) => r.idf1 ?? 0);
  // MOTChallenge's figure over several sequences: identity matches pooled, not per-clip IDF1s averaged.
  const idtp = results.reduce((s, r) => s + r.idtp, 0);
  const boxes = results.reduce((s, r) => s + r.gtBoxes + r.predictedBoxes, 0);
  return {
    clip: 'POOLED',
    frames,
    mota: r3(1 - (fn + fp + idSwitches) / Math.max(1, gt)),
    idf1: r3((2 * idtp) / Math.max(1, boxes)),
    idf1Mean: r3(idf1s.reduce((a, b) => a + b, 0) / Math.max(1, idf1s.length)),
    idf1FrameWeighted: r3(results.reduce((s, r) => s + (r.idf1 ?? 0) * r.frames, 0) / Math.max(1, frames)),
    precision: r3(tp / Math.max(1, tp + fp)),
    recall: r3(tp / Math.max(1, gt)),
    idSwitches,
    gtRows: gt,
    fp,
    fn,
    msPerFrame: r3(ms),
  };
}

let o;
try {
  o = parse(process.argv.slice(2));
} catch (err) {
  console.error(`${err.message}\n\n${usage}`);
  process.exit(2);
}
const clips = clipsIn(o.data);
if (clips.length === 0) {
  console.error(`no clips (<Clip>/img + gt_mot.txt) in ${o.data}`);
  process.exit(2);
}
const results = [];
for (const clip of clips.filter((c) => o.only === undefined || o.only.includes(c))) {
  const r = runClip(o, clips, clip);
  results.push(r);
  console.log(JSON.stringify(r));
}
console.log(
  JSON.stringify({ ...pooled(o, results), mode: o.mode, reference: o.cold ? 'none' : 'leave-one-clip-out' }),
);
