/**
 * X12 parse throughput: our streaming reader vs node-x12 on the same large synthetic 835
 * (default 60 MB; `--mb N` to change), each in its own child process so peak memory (max RSS)
 * is measured per parser. Prints MB/s, the ratio, and peak RSS.
 * Run: `npx tsx bench/x12.ts [--mb 200]`.
 *
 * What each side does with the file:
 *  - medcoder: readX12File (delimiters, envelope and count checks, one transaction set at a time;
 *    segment ids found at once, elements split on first access);
 *  - medcoder-elements: the same, then every segment's elements split (what node-x12 always does);
 *  - medcoder-835: the full typed 835 reader with the three balancing equations (remittanceFromSet).
 *  - node-x12: its streaming Transform parser (segments and elements), segments discarded as
 *    they arrive so it is not penalised for keeping them; strict mode off.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { remittanceFromSet } from '../src/remits/read-835.js';
import { formatCents } from '../src/x12/amounts.js';
import { readX12File } from '../src/x12/reader.js';

type Worker = 'medcoder' | 'medcoder-elements' | 'medcoder-835' | 'node-x12';

interface Result {
  worker: Worker;
  seconds: number;
  segments: number;
  sets: number;
  maxRssMb: number;
}

/** A balanced synthetic 835: 200 claims per ST, 3 lines per claim, CAS at both levels, PLB per set. */
async function generate(path: string, targetBytes: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(
    'ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC         *240315*1200*^*00501*000000001*0*P*:~\nGS*HP*PAYER*CLINIC*20240315*1200*1*X*005010X221A1~\n',
  );
  let bytes = 0;
  let sets = 0;
  while (bytes < targetBytes) {
    sets++;
    const ctl = String(sets).padStart(6, '0');
    const body: string[] = [];
    let paidTotal = 0;
    body.push(
      `TRN*1*${ctl}*1512345678`,
      'DTM*405*20240314',
      'N1*PR*ACME HEALTH PLAN',
      'N3*1 PAYER WAY',
      'N4*HARTFORD*CT*06101',
      'N1*PE*GOOD CLINIC*XX*1234567893',
      'LX*1',
    );
    for (let c = 0; c < 200; c++) {
      const lines: string[] = [];
      let charge = 0;
      let paid = 0;
      let pr = 0;
      for (let l = 0; l < 3; l++) {
        const lc = 10000 + ((sets * 7 + c * 13 + l * 31) % 9000);
        const co = Math.floor(lc / 5);
        const coins = Math.floor(lc / 10);
        const lp = lc - co - coins;
        charge += lc;
        paid += lp;
        pr += coins;
        lines.push(
          `SVC*HC:9921${l + 3}:25*${formatCents(lc)}*${formatCents(lp)}**1`,
          'DTM*472*20240301',
          `CAS*CO*45*${formatCents(co)}`,
          `CAS*PR*2*${formatCents(coins)}`,
          `REF*6R*L${l + 1}`,
          `AMT*B6*${formatCents(lc - co)}`,
          'LQ*HE*N130',
        );
      }
      paidTotal += paid;
      body.push(
        `CLP*PCN${ctl}-${c}*1*${formatCents(charge)}*${formatCents(paid)}*${formatCents(pr)}*12*PAYER${ctl}${c}`,
        `NM1*QC*1*DOE*JANE****MI*W${c}`,
        'DTM*232*20240301',
        ...lines,
      );
    }
    body.push('PLB*1234567893*20241231*WO:ADJ1*10');
    const text =
      [
        `ST*835*${ctl}`,
        `BPR*I*${formatCents(paidTotal - 1000)}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20240315`,
        ...body,
        `SE*${body.length + 3}*${ctl}`,
      ].join('~\n') + '~\n';
    bytes += text.length;
    await write(text);
  }
  await write(`GE*${sets}*1~\nIEA*1*000000001~\n`);
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}

async function runWorker(worker: Worker, file: string): Promise<Result> {
  const started = performance.now();
  let segments = 0;
  let sets = 0;
  if (worker === 'node-x12') {
    const { X12Parser } = (await import('node-x12')) as unknown as {
      X12Parser: new (strict: boolean) => NodeJS.ReadWriteStream;
    };
    await new Promise<void>((resolve, reject) => {
      const parser = new X12Parser(false);
      parser.on('data', (seg: { tag: string }) => {
        segments++;
        if (seg.tag === 'ST') sets++;
      });
      parser.on('end', () => resolve());
      parser.on('error', reject);
      createReadStream(file).on('error', reject).pipe(parser);
    });
  } else {
    for await (const set of readX12File(file)) {
      sets++;
      segments += set.segments.length + 2;
      // Elements are split on demand; this variant touches every element, as node-x12 builds them all.
      if (worker === 'medcoder-elements') for (const seg of set.segments) segments += seg.elements.length * 0;
      if (worker === 'medcoder-835') {
        const remit = remittanceFromSet(set);
        if (remit.imbalances.length || remit.problems.length)
          throw new Error(`set ${set.controlNumber} does not balance`);
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { worker, seconds, segments, sets, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--worker') {
    process.stdout.write(JSON.stringify(await runWorker(args[1] as Worker, args[2]!)));
    return;
  }
  const mbAt = args.indexOf('--mb');
  const mb = mbAt >= 0 ? Number(args[mbAt + 1]) : 60;
  const file = join(tmpdir(), `medcoder-bench-835-${mb}mb.x12`);
  if (!existsSync(file)) {
    console.log(`generating ${file} (${mb} MB) ...`);
    await generate(file, mb * 1024 * 1024);
  }
  const size = statSync(file).size / (1024 * 1024);
  console.log(`file: ${file}, ${size.toFixed(1)} MB`);
  const onlyAt = args.indexOf('--only');
  const workers = (
    onlyAt >= 0 ? args[onlyAt + 1]!.split(',') : ['medcoder', 'medcoder-elements', 'medcoder-835', 'node-x12']
  ) as Worker[];
  // The machine is shared: run the workers interleaved, several times, and keep each one's best run.
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
  const best = new Map<Worker, Result>();
  for (let run = 0; run < runs; run++) {
    for (const worker of workers) {
      const child = spawnSync(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), '--worker', worker, file],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        },
      );
      if (child.status !== 0) throw new Error(`${worker} failed: ${child.stderr}`);
      const r = JSON.parse(child.stdout) as Result;
      const prev = best.get(worker);
      if (!prev || r.seconds < prev.seconds)
        best.set(worker, { ...r, maxRssMb: Math.max(r.maxRssMb, prev?.maxRssMb ?? 0) });
      else prev.maxRssMb = Math.max(prev.maxRssMb, r.maxRssMb);
    }
  }
  const results = workers.map((w) => best.get(w)!);
  console.log(`best of ${runs} runs each (peak RSS: highest of the runs)`);
  for (const r of results) {
    console.log(
      `${r.worker.padEnd(17)} ${(size / r.seconds).toFixed(1).padStart(7)} MB/s  ${r.seconds.toFixed(2).padStart(6)} s  ${r.segments} segments  ${r.sets} sets  peak RSS ${r.maxRssMb.toFixed(0)} MB`,
    );
  }
  const theirs = results.find((r) => r.worker === 'node-x12');
  if (!theirs) return;
  for (const r of results) {
    if (r !== theirs)
      console.log(`ratio ${r.worker} / node-x12: ${(theirs.seconds / r.seconds).toFixed(2)}x`);
  }
}

await main();
