/**
 * X12 parse throughput: our streaming reader vs node-x12 on the same synthetic, balanced 835,
 * each in its own child process so peak memory (max RSS) is measured per parser. Prints MB/s
 * (median of the runs), CPU seconds (the process's, and its main thread's alone on Linux), peak
 * RSS and the ratios against node-x12.
 *
 * Run: `npx tsx bench/x12.ts [--sets 200 --claims 600 --lines 2] [--runs 3] [--only a,b]`
 *      `npx tsx bench/x12.ts --sweep` — 120,000 claims as 150, 300, 600 and 1,200 claims per ST.
 * Files are generated once into the OS temp folder (about 40 MB for the default shape).
 *
 * What each side does with the file:
 *  - medcoder: readX12File (delimiters, envelope and count checks, one transaction set at a time;
 *    segment ids found at once, elements split on first access);
 *  - medcoder-elements: the same, then every segment's elements split (what node-x12 always does);
 *  - medcoder-835: read835, the typed 835 reader as `remit post` uses it (streamed: claims, lines,
 *    CAS, PLB, payer/payee, the three balancing equations);
 *  - node-x12: its streaming Transform parser (segments and elements), segments discarded as
 *    they arrive so it is not penalised for keeping them; strict mode off.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { read835 } from '../src/remits/read-835.js';
import { formatCents } from '../src/x12/amounts.js';
import { readX12File } from '../src/x12/reader.js';

type Worker = 'medcoder' | 'medcoder-elements' | 'medcoder-835' | 'node-x12';

interface Result {
  worker: Worker;
  seconds: number;
  /** User + system CPU seconds of the worker (less disturbed by other processes than the wall clock). */
  cpu: number;
  /**
   * CPU seconds of the worker's main thread alone (Linux; NaN elsewhere): what the wall clock
   * comes to on an idle machine, without the compiler and GC threads that `cpu` adds.
   */
  mainCpu: number;
  /**
   * Where the main thread's wall time went besides running (Linux, /proc/self/task/<pid>/
   * schedstat; NaN elsewhere): `mainWait`, seconds runnable but waiting for a core (other
   * processes, and this one's GC and compiler threads); the rest of wall − run − wait is
   * time blocked (reads, GC helpers, locks). `mainFaults`: its minor page faults (first
   * touches of new heap pages), ~10 µs each on the benchmark VM.
   */
  mainWait: number;
  mainBlocked: number;
  mainFaults: number;
  segments: number;
  sets: number;
  maxRssMb: number;
}

/** The shape of a generated file: transaction sets, claims per set, service lines per claim. */
interface Shape {
  sets: number;
  claims: number;
  lines: number;
}

/** A balanced synthetic 835 of the given shape: CAS at claim and line level, PLB per set. */
async function generate(path: string, shape: Shape): Promise<void> {
  const out = createWriteStream(path);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(
    'ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC         *240315*1200*^*00501*000000001*0*P*:~\nGS*HP*PAYER*CLINIC*20240315*1200*1*X*005010X221A1~\n',
  );
  for (let sets = 1; sets <= shape.sets; sets++) {
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
    for (let c = 0; c < shape.claims; c++) {
      const lines: string[] = [];
      let charge = 0;
      let paid = 0;
      let pr = 0;
      for (let l = 0; l < shape.lines; l++) {
        const lc = 10000 + ((sets * 7 + c * 13 + l * 31) % 9000);
        const co = Math.floor(lc / 5);
        const coins = Math.floor(lc / 10);
        const lp = lc - co - coins;
        charge += lc;
        paid += lp;
        pr += coins;
        lines.push(
          `SVC*HC:9921${(l % 5) + 1}:25*${formatCents(lc)}*${formatCents(lp)}**1`,
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
    await write(text);
  }
  await write(`GE*${shape.sets}*1~\nIEA*1*000000001~\n`);
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}

/** CPU seconds of this process's main thread so far (its task's utime + stime); NaN off Linux. */
function mainThreadCpu(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks of 10 ms
  } catch {
    return Number.NaN;
  }
}

/** The main thread's run and run-queue wait seconds so far and its minor faults; NaN off Linux. */
function mainThreadSched(): { run: number; wait: number; faults: number } {
  try {
    const [run, wait] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8')
      .split(' ')
      .map(Number);
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const faults = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[7]);
    return { run: run! / 1e9, wait: wait! / 1e9, faults };
  } catch {
    return { run: Number.NaN, wait: Number.NaN, faults: Number.NaN };
  }
}

async function runWorker(worker: Worker, file: string): Promise<Result> {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const mainStart = mainThreadCpu();
  const schedStart = mainThreadSched();
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
  } else if (worker === 'medcoder-835') {
    // What `remit post` reads with: the typed 835 reader streaming the file.
    for await (const remit of read835(file)) {
      sets++;
      if (remit.imbalances.length || remit.problems.length)
        throw new Error(`set ${remit.controlNumber} does not balance`);
      for (const c of remit.claims) segments += 3 + c.lines.length * 7;
    }
  } else {
    for await (const set of readX12File(file)) {
      sets++;
      segments += set.segments.length + 2;
      // Elements are split on demand; this variant touches every element, as node-x12 builds them all.
      if (worker === 'medcoder-elements') for (const seg of set.segments) segments += seg.elements.length * 0;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const sched = mainThreadSched();
  const wait = sched.wait - schedStart.wait;
  return {
    worker,
    seconds,
    cpu: (cpu.user + cpu.system) / 1e6,
    mainCpu: mainThreadCpu() - mainStart,
    mainWait: wait,
    mainBlocked: seconds - (sched.run - schedStart.run) - wait,
    mainFaults: sched.faults - schedStart.faults,
    segments,
    sets,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** Generates (once, into the OS temp folder) the file for a shape; returns its path and size in MB. */
async function fileFor(shape: Shape): Promise<{ file: string; mb: number }> {
  const file = join(tmpdir(), `medcoder-bench-835-${shape.sets}x${shape.claims}x${shape.lines}.x12`);
  if (!existsSync(file)) {
    console.log(`generating ${file} ...`);
    await generate(file, shape);
  }
  return { file, mb: statSync(file).size / (1024 * 1024) };
}

function spawnWorker(worker: Worker, file: string): Result {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--worker', worker, file],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (child.status !== 0) throw new Error(`${worker} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Result;
}

/** A worker's medians over the runs (each timing of Result), its highest peak RSS and its first run. */
type Medians = Pick<Result, 'seconds' | 'cpu' | 'mainCpu' | 'mainWait' | 'mainBlocked' | 'mainFaults'> & {
  rss: number;
  r: Result;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Runs the workers interleaved `runs` times on one file (the machine is shared, so each parser
 * sees the same load) and reports each one's median time and highest peak RSS.
 */
function measure(workers: Worker[], file: string, runs: number): Map<Worker, Medians> {
  const all = new Map<Worker, Result[]>(workers.map((w) => [w, []]));
  for (let run = 0; run < runs; run++) for (const w of workers) all.get(w)!.push(spawnWorker(w, file));
  return new Map(
    workers.map((w) => {
      const rs = all.get(w)!;
      return [
        w,
        {
          seconds: median(rs.map((r) => r.seconds)),
          cpu: median(rs.map((r) => r.cpu)),
          mainCpu: median(rs.map((r) => r.mainCpu)),
          mainWait: median(rs.map((r) => r.mainWait)),
          mainBlocked: median(rs.map((r) => r.mainBlocked)),
          mainFaults: median(rs.map((r) => r.mainFaults)),
          rss: Math.max(...rs.map((r) => r.maxRssMb)),
          r: rs[0]!,
        },
      ];
    }),
  );
}

function numberArg(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--worker') {
    process.stdout.write(JSON.stringify(await runWorker(args[1] as Worker, args[2]!)));
    return;
  }
  const runs = numberArg(args, '--runs', 3);
  const lines = numberArg(args, '--lines', 2);
  if (args.includes('--sweep')) {
    // Same number of claims in every file (120,000), spread over fewer, larger transaction sets:
    // a reader whose cost per claim grows with the set's size shows it here.
    console.log(`typed 835 reader vs node-x12 by claims per ST (median of ${runs} runs)`);
    for (const claims of [150, 300, 600, 1200]) {
      const { file, mb } = await fileFor({ sets: 120_000 / claims, claims, lines });
      const m = measure(['medcoder-835', 'node-x12'], file, runs);
      const ours = m.get('medcoder-835')!;
      const theirs = m.get('node-x12')!;
      console.log(
        `${String(claims).padStart(5)} claims/ST ${mb.toFixed(1)} MB: medcoder-835 ${(mb / ours.seconds).toFixed(1)} MB/s (${(mb / ours.cpu).toFixed(1)} per CPU-s, peak RSS ${ours.rss.toFixed(0)} MB), node-x12 ${(mb / theirs.seconds).toFixed(1)} MB/s (${(mb / theirs.cpu).toFixed(1)} per CPU-s), ratio ${(theirs.seconds / ours.seconds).toFixed(2)}x, main-thread CPU ${ours.mainCpu.toFixed(2)} vs ${theirs.mainCpu.toFixed(2)} s (${(theirs.mainCpu / ours.mainCpu).toFixed(2)}x)`,
      );
    }
    return;
  }
  const shape = {
    sets: numberArg(args, '--sets', 200),
    claims: numberArg(args, '--claims', 600),
    lines,
  };
  const { file, mb } = await fileFor(shape);
  console.log(
    `file: ${file}, ${mb.toFixed(1)} MB (${shape.sets} ST x ${shape.claims} CLP x ${shape.lines} SVC)`,
  );
  const onlyAt = args.indexOf('--only');
  const workers = (
    onlyAt >= 0 ? args[onlyAt + 1]!.split(',') : ['medcoder', 'medcoder-elements', 'medcoder-835', 'node-x12']
  ) as Worker[];
  const m = measure(workers, file, runs);
  console.log(`median of ${runs} interleaved runs each (peak RSS: highest of the runs)`);
  for (const w of workers) {
    const { seconds, cpu, mainCpu, mainWait, mainBlocked, mainFaults, rss, r } = m.get(w)!;
    console.log(
      `${w.padEnd(17)} ${(mb / seconds).toFixed(1).padStart(7)} MB/s  ${seconds.toFixed(2).padStart(6)} s  cpu ${cpu.toFixed(2)} s (main thread ${mainCpu.toFixed(2)} s; waiting for a core ${mainWait.toFixed(2)} s, blocked ${mainBlocked.toFixed(2)} s, ${mainFaults} page faults)  ${r.segments} segments  ${r.sets} sets  peak RSS ${rss.toFixed(0)} MB`,
    );
  }
  const theirs = m.get('node-x12');
  if (!theirs) return;
  for (const w of workers) {
    if (w !== 'node-x12')
      console.log(
        `ratio ${w} / node-x12: ${(theirs.seconds / m.get(w)!.seconds).toFixed(2)}x (CPU time: ${(theirs.cpu / m.get(w)!.cpu).toFixed(2)}x, main-thread CPU: ${(theirs.mainCpu / m.get(w)!.mainCpu).toFixed(2)}x)`,
      );
  }
}

await main();
