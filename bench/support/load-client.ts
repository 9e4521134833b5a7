/**
 * The load generator for bench/server.ts, in its own process so that generating and parsing the
 * load does not take CPU from the server's thread (a real server's clients are elsewhere). The
 * parent sends one `LoadPlan` over IPC and gets one `LoadFigures` back.
 */
import autocannon from 'autocannon';

export type Request = { method: 'GET' | 'POST' | 'PUT'; path: string; body?: string };

export interface LoadPlan {
  address: string;
  /** Each connection's headers (session cookie, CSRF token): one coder per connection. */
  coders: Array<Record<string, string>>;
  connections: number;
  seconds: number;
  /**
   * Seconds of the same load first, not measured (autocannon's warm-up): a server that has been
   * up all day has its code compiled by V8, PostgreSQL's WebAssembly tiered up and its
   * statements prepared; a cold one spends its first seconds on that. Errors still count.
   */
  warmupSeconds: number;
  /** Each new request is drawn at random from these. */
  requests: Request[];
  /** When given, coder k's requests are drawn from `byCoder[k]` instead (bench/server --work own). */
  byCoder?: Request[][];
}

export interface LoadFigures {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** Latency at p2.5, p50, p75, p90, p97.5 and p99 (ms): the shape of the tail. */
  spread: number[];
  /** autocannon's own errors (resets, refused, timeouts) plus non-2xx answers. */
  errors: number;
  socketErrors: number;
  timeouts: number;
  /** Non-2xx responses by "status code", with a sample body. */
  failures: Array<{ key: string; n: number; sample: string }>;
  clientCpuMs: number;
}

// Failures during the warm-up are failures all the same (the tally by status includes them).
function warmupErrors(result: autocannon.Result): number {
  const warm = (result as autocannon.Result & { warmup?: autocannon.Result }).warmup;
  return warm ? warm.errors + warm.non2xx : 0;
}

async function run(plan: LoadPlan): Promise<LoadFigures> {
  const failures = new Map<string, { n: number; sample: string }>();
  const cpu = process.cpuUsage();
  let nextCoder = 0;
  const from = (list: Request[]) => list[Math.floor(Math.random() * list.length)]!;
  const onResponse = (status: number, body: string) => {
    if (status >= 200 && status < 300) return;
    let code = '';
    try {
      code = (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? '';
    } catch {}
    const key = `${status} ${code}`.trim();
    const f = failures.get(key) ?? { n: 0, sample: body.slice(0, 300) };
    f.n++;
    failures.set(key, f);
  };
  const result = await autocannon({
    url: plan.address,
    connections: plan.connections,
    duration: plan.seconds,
    ...(plan.warmupSeconds > 0
      ? { warmup: { connections: plan.connections, duration: plan.warmupSeconds } }
      : {}),
    // Connections take the coders in turn (the warm-up's connections too).
    setupClient: (client) => {
      const k = nextCoder++ % plan.coders.length;
      client.setHeaders(plan.coders[k]!);
      const mine = plan.byCoder?.[k];
      if (mine) client.setRequests([{ setupRequest: (req) => ({ ...req, ...from(mine) }), onResponse }]);
    },
    requests: [{ setupRequest: (req) => ({ ...req, ...from(plan.requests) }), onResponse }],
  });
  const used = process.cpuUsage(cpu);
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    spread: [
      result.latency.p2_5,
      result.latency.p50,
      result.latency.p75,
      result.latency.p90,
      result.latency.p97_5,
      result.latency.p99,
    ],
    // autocannon counts a timeout in `errors` too: adding `timeouts` would count it twice.
    errors: result.errors + result.non2xx + warmupErrors(result),
    socketErrors: result.errors,
    timeouts: result.timeouts,
    failures: [...failures].map(([key, v]) => ({ key, ...v })),
    clientCpuMs: Math.round((used.user + used.system) / 1000),
  };
}

process.once('message', (plan: LoadPlan) => {
  run(plan).then(
    (figures) => process.send!(figures, () => process.exit(0)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
